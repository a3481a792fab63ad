"""The command line: arguments only; each command imports what it needs when it runs.

Exit codes: 0 success, 1 a problem the user can fix (a Spanish message, no traceback),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sectorial import __version__
from sectorial.errors import SectorialError

if TYPE_CHECKING:
    from sectorial.periods import Period

_SPANISH = {
    "usage: ": "uso: ",
    "options": "opciones",
    "positional arguments": "argumentos",
    "show this help message and exit": "muestra esta ayuda y termina",
    "show program's version number and exit": "muestra la versión y termina",
    "the following arguments are required: %s": "faltan los argumentos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "opción no válida: %(value)r (elija entre %(choices)s)",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "expected one argument": "se esperaba un valor",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
}
argparse._ = lambda text: _SPANISH.get(text, text)  # type: ignore[attr-defined]
argparse.ngettext = lambda s, p, n: _SPANISH.get(s if n == 1 else p, s if n == 1 else p)  # type: ignore[assignment]


def _period(text: str) -> Period:
    from sectorial.periods import PERIOD_HELP, Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(f"{exc}: {PERIOD_HELP}") from exc


def _formats(text: str) -> tuple[str, ...]:
    from sectorial.build import RENDERERS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in RENDERERS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"formato no válido '{text}': use " + ", ".join(RENDERERS) + " separados por comas"
        )
    return chosen


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``sectorial`` command."""
    main_parser = argparse.ArgumentParser(
        prog="sectorial",
        description="Genera informes sectoriales (DOCX y PDF) a partir de datos económicos.",
    )
    main_parser.add_argument("--version", action="version", version=f"sectorial {__version__}")
    commands = main_parser.add_subparsers(dest="command", metavar="COMANDO", required=True,
                                          title="comandos")
    build = commands.add_parser("build", help="genera el informe en DOCX y PDF",
                                description="Genera el informe en los formatos pedidos.")
    build.add_argument("brief", type=Path, metavar="INFORME",
                       help="archivo YAML del informe, p. ej. briefs/vraem-2024.yaml")
    build.add_argument("--out", type=Path, default=Path("output"), metavar="CARPETA",
                       help="carpeta de salida (por defecto: output)")
    build.add_argument("--formats", type=_formats, default=("docx", "pdf"), metavar="FORMATOS",
                       help="formatos separados por comas (por defecto: docx,pdf)")
    build.add_argument("--period", type=_period, metavar="PERIODO",
                       help="periodo del informe: un año (2024) o un mes (2025-09); "
                       "por defecto, el del informe")
    check = commands.add_parser("check", help="valida informe, estilo y datos sin generar nada",
                                description="Valida el informe, su estilo y sus datos.")
    check.add_argument("brief", type=Path, metavar="INFORME", help="archivo YAML del informe")
    check.add_argument("--period", type=_period, metavar="PERIODO",
                       help="periodo del informe (por defecto: el del informe)")
    return main_parser


def _terminate(signum: int, frame: object) -> None:
    """Treat SIGTERM like Ctrl-C, so that temporary files are removed on the way out."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        if args.command == "build":
            return _build(args)
        return _check(args)
    except SectorialError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrumpido: no se escribió ningún archivo a medias", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so plainly, keep the detail on request
        if os.environ.get("SECTORIAL_DEPURAR"):
            raise
        print(f"error interno de sectorial ({type(exc).__name__}: {exc}); no se escribió "
              "ningún archivo a medias.\n  Qué hacer: informe este problema; para ver el "
              "detalle ejecute de nuevo con SECTORIAL_DEPURAR=1", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    from sectorial.build import build

    start = time.perf_counter()
    result = build(args.brief, args.out, args.formats, args.period)
    for path in result.paths:
        print(f"escrito: {path}")
    stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.timings.stages.items())
    print(f"tiempo: {time.perf_counter() - start:.2f} s ({stages})")
    return 0


def _check(args: argparse.Namespace) -> int:
    from sectorial.build import Timings, prepare

    prepared = prepare(args.brief, args.period, Timings())
    doc = prepared.document
    print(f"correcto: {args.brief} ({len(prepared.tables)} fuentes de datos, "
          f"{len(prepared.indicators)} indicadores, "
          f"{len(doc.pages) + (doc.cover is not None)} páginas, "
          f"{len(doc.charts())} gráficos, periodo {prepared.brief.period})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
