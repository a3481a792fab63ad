"""The command line: it parses the arguments and hands them to the command's module.

Exit codes: 0 success, 1 a problem the user can fix (a Spanish message, no traceback),
2 wrong usage. Each command lives in ``sectorial/app/`` and is imported only when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import re
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from sectorial import __version__, interrupts
from sectorial.app import COMMANDS
from sectorial.errors import SectorialError

if TYPE_CHECKING:
    from sectorial.periods import Period

COLLECT_EVERY = 10_000  # new objects between two collections of the youngest ones
INTERRUPTED = "interrumpido: no se escribió ningún archivo a medias"
_SPANISH = (  # argparse's messages, as it formats them, and ours
    (r"the following arguments are required: (.*)", r"faltan los argumentos: \1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
     r"argumento \1: opción no válida: \2 (elija entre \3)"),
    (r"unrecognized arguments: (.*)", r"argumentos no reconocidos: \1"),
    (r"argument (.*?): expected one argument", r"argumento \1: se esperaba un valor"),
    (r"argument (.*?): expected at least one argument",
     r"argumento \1: se esperaba al menos un valor"),
    (r"ambiguous option: (.*?) could match (.*)", r"opción ambigua: \1 puede ser \2"),
    (r"argument (.*?): not allowed with argument (.*)",
     r"argumento \1: no se permite con el argumento \2"),
    (r"argument (.*?): (.*)", r"argumento \1: \2"),
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with its one fixed English word in Spanish."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Spanish: its own help option and groups, and its
    error messages translated."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, formatter_class=_Formatter, add_help=False, **kwargs)
        self.arguments = self.add_argument_group("argumentos")
        self.options = self.add_argument_group("opciones")
        self.options.add_argument("-h", "--help", action="help",
                                  help="muestra esta ayuda y termina")

    def error(self, message: str) -> NoReturn:
        for english, spanish in _SPANISH:
            if re.fullmatch(english, message, re.DOTALL):
                message = re.sub(english, spanish, message, flags=re.DOTALL)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _period(text: str) -> Period:
    from sectorial.periods import PERIOD_HELP, Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(f"{exc}: {PERIOD_HELP}") from exc


def _formats(text: str) -> tuple[str, ...]:
    from sectorial.formats import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"formato no válido '{text}': use " + ", ".join(FORMATS.names())
            + " separados por comas")
    return chosen


def _cluster(text: str) -> str:
    if re.fullmatch(r"(tcp|tls|ws|wss|inproc)://[^\s/:]+(:\d+)?", text.strip()):
        return text.strip()
    raise argparse.ArgumentTypeError(
        f"dirección de clúster no válida '{text}': escriba tcp://HOST:PUERTO, p. ej. "
        "tcp://10.0.0.5:8786")


def _jobs(text: str) -> int:
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"número de procesos no válido '{text}': use 1, 2, 3…")


def _only(text: str) -> tuple[str, str]:
    column, equals, value = text.partition("=")
    if not equals or not column.strip() or not value.strip():
        raise argparse.ArgumentTypeError(
            f"selección no válida '{text}': escriba COLUMNA=VALOR, p. ej. --only region=Junín")
    return column.strip(), value.strip()


def _briefs(command: _Parser, what: str) -> None:
    command.arguments.add_argument("brief", type=Path, nargs="+", metavar="INFORME", help=what)


def _selection(command: _Parser) -> None:
    options = command.options
    options.add_argument("--period", type=_period, metavar="PERIODO",
                         help="periodo del informe: un año (2024) o un mes (2025-09); "
                         "por defecto, el del informe")
    options.add_argument("--region", metavar="REGIÓN",
                         help="solo el documento de esa región (informes con 'por_cada')")
    options.add_argument("--only", type=_only, action="append", default=[],
                         metavar="COLUMNA=VALOR",
                         help="solo el documento de ese valor de la columna de 'por_cada'")


def _build_command(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser(
        "build", help="genera informes en DOCX y PDF",
        description="Genera los informes en los formatos pedidos. Un informe con 'por_cada' "
        "da un documento por región; una carpeta construye todos sus informes. Lo que no "
        "cambió desde la última vez no se vuelve a construir.")
    _briefs(build, "archivo YAML del informe o carpeta de informes, p. ej. "
            "briefs/vraem-2024.yaml o briefs/")
    options = build.options
    options.add_argument("--out", type=Path, default=Path("output"), metavar="CARPETA",
                         help="carpeta de salida (por defecto: output)")
    options.add_argument("--formats", type=_formats, default=None, metavar="FORMATOS",
                         help="formatos separados por comas, p. ej. docx,pdf (por defecto: "
                         "todos)")
    _selection(build)
    where = options.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                       help="procesos en paralelo (por defecto: los núcleos de la máquina)")
    where.add_argument("--cluster", type=_cluster, default=None, metavar="DIRECCIÓN",
                       help="construye en los trabajadores del clúster Dask cuyo planificador "
                       "está en DIRECCIÓN, p. ej. tcp://10.0.0.5:8786 (necesita el extra "
                       "sectorial[cluster])")
    options.add_argument("--force", action="store_true",
                         help="construye de nuevo aunque nada haya cambiado")
    options.add_argument("--archive", action="store_true",
                         help="después de construir, archiva cada PDF (PDF/A, manifiesto)")
    options.add_argument("--archive-dir", type=Path, metavar="CARPETA",
                         help="carpeta del archivo (por defecto: <salida>/archive)")


def _check_command(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="valida informe, estilo y datos sin generar nada",
                                description="Valida el informe, su estilo y sus datos.")
    _briefs(check, "archivo YAML del informe o carpeta de informes")
    _selection(check)


def _archive_command(commands: argparse._SubParsersAction) -> None:
    archive = commands.add_parser(
        "archive", help="archiva PDF publicados y verifica el archivo",
        description="archive ARCHIVO.pdf…: guarda cada PDF en el archivo (PDF/A válido, "
        "por año y mes de edición, solo lectura, con su procedencia en el manifiesto). "
        "archive verify: recalcula las sumas SHA-256 y valida PDF/A. "
        "archive list: muestra el manifiesto.")
    archive.arguments.add_argument("target", nargs="+", metavar="ARCHIVO|verify|list",
                                   help="PDF(s) a archivar, o 'verify', o 'list'")
    archive.options.add_argument("--archive-dir", type=Path, default=Path("output/archive"),
                                 metavar="CARPETA",
                                 help="carpeta del archivo (por defecto: output/archive)")
    archive.options.add_argument("--head", metavar="HASH", default=None,
                                 help="con verify: la cabeza de la cadena que se anotó aparte "
                                      "después de archivar; se comprueba que el manifiesto la "
                                      "contiene")
    archive.options.add_argument("--period", type=_period, metavar="PERIODO",
                                 help="con 'list': solo ese periodo")


def _send_command(commands: argparse._SubParsersAction) -> None:
    send = commands.add_parser(
        "send", help="envía los informes por correo a su lista de distribución",
        description="Construye los documentos y envía el DOCX a cada destinatario de la lista "
        "del informe (envio.destinatarios o --to), una sola vez: lo ya enviado no se repite. "
        "El servidor se configura en sectorial.toml y la contraseña en la variable "
        "SECTORIAL_SMTP_PASSWORD (vea el README).")
    _briefs(send, "archivo YAML del informe o carpeta de informes")
    _selection(send)
    options = send.options
    options.add_argument("--to", type=Path, metavar="LISTA",
                         help="otra lista de destinatarios (CSV o Excel) en lugar de la del "
                         "informe")
    options.add_argument("--dry-run", action="store_true",
                         help="no envía: escribe los mensajes como .eml en output/outbox/ para "
                         "revisarlos")
    options.add_argument("--status", action="store_true",
                         help="muestra quién recibió qué y cuándo, y qué falló; no envía")
    options.add_argument("--resend", action="append", default=[], metavar="CORREO",
                         help="envía de nuevo a ese destinatario aunque ya se le haya enviado "
                         "(o 'todos')")
    options.add_argument("--mark-sent", action="append", default=[], metavar="CORREO",
                         help="registra como recibido un envío de estado desconocido, tras "
                         "comprobar que llegó")
    options.add_argument("--out", type=Path, default=Path("output"), metavar="CARPETA",
                         help="carpeta de los documentos y del registro de envíos "
                         "(por defecto: output)")
    options.add_argument("--config", type=Path, metavar="ARCHIVO",
                         help="archivo de configuración del correo (por defecto: "
                         "sectorial.toml)")
    options.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                         help="procesos en paralelo para construir los documentos")


def _schema_command(commands: argparse._SubParsersAction) -> None:
    schema = commands.add_parser(
        "schema", help="escribe los esquemas JSON de informes, estilos y sectorial.toml",
        description="Escribe schemas/informe.schema.json, estilo.schema.json y "
        "sectorial.schema.json, que los editores usan para completar y marcar errores "
        "(en un informe: '# yaml-language-server: $schema=../schemas/informe.schema.json').")
    options = schema.options
    options.add_argument("--out", type=Path, default=Path("schemas"), metavar="CARPETA",
                         help="carpeta de los esquemas (por defecto: schemas)")
    options.add_argument("--readme", type=Path, metavar="ARCHIVO",
                         help="también reescribe las tablas de campos marcadas de ese README")
    options.add_argument("--check", action="store_true",
                         help="no escribe: dice si están al día (código 1 si no)")


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``sectorial`` command."""
    main_parser = _Parser(
        prog="sectorial",
        description="Genera informes sectoriales (DOCX y PDF) a partir de datos económicos.")
    main_parser.options.add_argument("--version", action="version",
                                     version=f"sectorial {__version__}",
                                     help="muestra la versión y termina")
    commands = main_parser.add_subparsers(dest="command", metavar="COMANDO", required=True,
                                          title="comandos")
    for add in (_build_command, _check_command, _archive_command, _send_command,
                _schema_command):
        add(commands)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    # A build makes many short-lived objects (a chart is thousands): the collector's default
    # pace, every 700 new objects, spent a tenth of each document walking the libraries.
    gc.set_threshold(COLLECT_EVERY, 10, 10)
    with interrupts.handled():
        return _run(args)


def entry() -> int:
    """The ``sectorial`` command: ``main``, and once a build was interrupted, a second
    Ctrl-C while the process ends is ignored (it would print a traceback)."""
    sys.stdout = _Quiet(sys.stdout)  # type: ignore[assignment]
    code = main()
    if interrupts.received():
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_IGN)
    # Every file is written and closed, every process joined: what is left is Python
    # taking apart pandas, matplotlib and the rest object by object, a quarter of a
    # second after the work is done. The outputs are flushed; the process ends now.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # `| head` closed it: nothing more to say
        pass
    os._exit(code)


class _Quiet:
    """Standard output that falls silent once its reader is gone (``sectorial build … |
    head``): the build goes on and writes its files, and nothing is said of it."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # what is buffered goes nowhere
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())
        self._stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _run(args: argparse.Namespace) -> int:
    try:
        return importlib.import_module(COMMANDS[args.command]).run(args)
    except SectorialError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so plainly, keep the detail on request
        if interrupts.received():  # a library turned the interruption into its own error
            print(INTERRUPTED, file=sys.stderr)
            return 130
        if os.environ.get("SECTORIAL_DEPURAR"):
            raise
        print(f"error interno de sectorial ({type(exc).__name__}: {exc}); no se escribió "
              "ningún archivo a medias.\n  Qué hacer: informe este problema; para ver el "
              "detalle ejecute de nuevo con SECTORIAL_DEPURAR=1", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(entry())
