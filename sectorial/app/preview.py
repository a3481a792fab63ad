"""``sectorial preview BRIEF``: the document's pages in the browser, rebuilt while writing.

The process builds once, serves the pages on 127.0.0.1, and every quarter of a second looks
whether the brief, its data or its house style changed: then it builds again (keeping its
libraries, tables, charts and unchanged pages) and the browser page reloads. A build that
fails shows its error on the page, in Spanish with file and line, above the last good pages.
Ctrl-C ends it.
"""

from __future__ import annotations

import argparse
import time

from sectorial.console import Console
from sectorial.errors import BriefError, Location

POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.05  # an editor may save in two writes: build after the second


def run(args: argparse.Namespace) -> int:
    from sectorial.preview.server import start
    from sectorial.preview.session import Session

    if not args.brief.is_file():
        raise BriefError("no existe el informe", Location(str(args.brief)),
                         "indique el archivo .yaml del informe")
    from sectorial import clock

    clock.configure(args.brief)
    console = Console()
    only = dict(args.only) | ({"region": args.region} if args.region else {})
    session = Session(args.brief, args.period, only)
    _said(console, session.rebuild())
    server = start(lambda: session.shown, args.port)
    try:
        console.echo(f"vista previa en http://127.0.0.1:{server.server_address[1]}/ "
                     "(Ctrl-C para terminar)")
        while True:
            time.sleep(POLL_SECONDS)
            if session.changed():
                time.sleep(SETTLE_SECONDS)
                _said(console, session.rebuild())
    except KeyboardInterrupt:
        console.echo("vista previa terminada")
        return 0
    finally:
        server.shutdown()
        server.server_close()


def _said(console: Console, shown: object) -> None:
    if shown.error:  # type: ignore[attr-defined]
        console.warn(f"error: {shown.error}")  # type: ignore[attr-defined]
    else:
        console.echo(f"construido: {shown.name} en {shown.seconds:.2f} s "  # type: ignore[attr-defined]
                     f"({shown.redrawn} de {len(shown.pages)} páginas dibujadas)")  # type: ignore[attr-defined]
