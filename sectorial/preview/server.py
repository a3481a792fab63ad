"""The preview's web server, on 127.0.0.1 only: a page of page images that asks every half
second whether a new build is there and reloads itself (keeping its scroll); the images, the
PDF, and the state as JSON. The standard library's threading server: one local reader."""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sectorial.errors import SectorialError
from sectorial.preview.session import Shown

_PAGE_IMAGE = re.compile(r"/pagina/(\d+)\.png")


def start(shown: Callable[[], Shown], port: int) -> ThreadingHTTPServer:
    """Serve ``shown()`` on 127.0.0.1:``port`` (0: a free port) in a thread."""

    class Handler(_Handler):
        current = staticmethod(shown)

    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError as exc:
        raise SectorialError(f"no se puede abrir el puerto {port} en 127.0.0.1 "
                             f"({exc.strerror})",
                             hint="otro programa lo usa: elija otro con --port, o --port 0 "
                             "para uno libre") from exc
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="vista-previa", daemon=True).start()
    return server


class _Handler(BaseHTTPRequestHandler):
    current: Callable[[], Shown]
    server_version = "sectorial"

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        host = self.headers.get("Host", "").rsplit(":", 1)[0]
        if host not in ("127.0.0.1", "localhost"):  # another site's page, through DNS
            self.send_error(HTTPStatus.FORBIDDEN, "solo desde esta máquina")
            return
        shown = self.current()
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(page(shown).encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/estado":
            self._send(json.dumps({"version": shown.version, "error": shown.error,
                                   "paginas": len(shown.pages)}).encode("utf-8"),
                       "application/json")
        elif path == "/documento.pdf" and shown.pdf:
            self._send(shown.pdf, "application/pdf")
        elif (match := _PAGE_IMAGE.fullmatch(path)) and 1 <= int(match[1]) <= len(shown.pages):
            self._send(shown.pages[int(match[1]) - 1].png, "image/png")
        else:
            self.send_error(HTTPStatus.NOT_FOUND, "no existe")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # every half second a request: the terminal stays for what matters


def page(shown: Shown) -> str:
    """The browser page: the state of the last build, then each page as an image whose
    alternative text is the page's text."""
    status = (f"construido a las {shown.when} en {shown.seconds:.2f} s"
              if shown.error is None else f"falló la construcción de las {shown.when}")
    error = (f'<pre class="error" role="alert">{html.escape(shown.error)}</pre>'
             + ('<p class="nota">Se muestran las últimas páginas correctas.</p>'
                if shown.pages else "") if shown.error else "")
    note = f'<p class="nota">{html.escape(shown.note)}</p>' if shown.note else ""
    figures = "".join(
        f'<figure><img src="/pagina/{n}.png?v={shown.version}" alt="{html.escape(p.text)}">'
        f"<figcaption>Página {n}</figcaption></figure>"
        for n, p in enumerate(shown.pages, start=1))
    pdf = ' · <a href="/documento.pdf">PDF</a>' if shown.pdf else ""
    return _TEMPLATE.format(title=html.escape(shown.name or "sectorial"),
                            status=html.escape(status), pdf=pdf, error=error, note=note,
                            figures=figures, version=shown.version)


_TEMPLATE = """<!DOCTYPE html>
<html lang="es">
<head><meta charset="utf-8"><title>{title} · vista previa</title>
<style>
body {{ margin: 0; background: #e8eaee; font-family: system-ui, sans-serif; color: #222; }}
header {{ position: sticky; top: 0; background: #1d2b4f; color: #fff; padding: .6em 1.2em; }}
header a {{ color: #fff; }}
main {{ padding: 1em; }}
figure {{ margin: 0 auto 1.2em; max-width: 1100px; }}
img {{ width: 100%; box-shadow: 0 1px 4px rgba(0,0,0,.3); background: #fff; }}
figcaption {{ text-align: center; font-size: .8em; color: #555; }}
.error {{ background: #fde8e8; color: #8a1010; border-left: 6px solid #c8102e;
         padding: .8em 1em; white-space: pre-wrap; max-width: 1100px; margin: 0 auto 1em; }}
.nota {{ max-width: 1100px; margin: 0 auto 1em; color: #444; }}
</style></head>
<body>
<header><strong>{title}</strong> · <span id="estado">{status}</span>{pdf}</header>
<main>{error}{note}{figures}</main>
<script>
const shown = {version};
addEventListener("load", () => scrollTo(0, Number(sessionStorage.getItem("y") || 0)));
setInterval(async () => {{
  try {{
    const state = await (await fetch("/estado", {{cache: "no-store"}})).json();
    if (state.version !== shown) {{
      sessionStorage.setItem("y", String(scrollY));
      location.reload();
    }}
  }} catch (e) {{ document.getElementById("estado").textContent = "sin conexión con sectorial"; }}
}}, 500);
</script>
</body></html>
"""
