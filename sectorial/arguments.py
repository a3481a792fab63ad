"""The arguments of the ``sectorial`` command: every command, option and check of usage.

A wrong usage exits with 2 and the usage of the command at fault: an unknown option of
``build`` shows ``build``'s usage, with the option it most looks like. Abbreviated options
are refused (``--perio`` could mean another option tomorrow), and so are options that would
do nothing in that combination (``send --status --dry-run``).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path
from typing import NoReturn

from sectorial import __version__
from sectorial import options as checked

_SPANISH = (  # argparse's messages, as it formats them, and ours
    (r"the following arguments are required: (.*)", r"faltan los argumentos: \1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
     r"argumento \1: opción no válida: \2 (elija entre \3)"),
    (r"unrecognized arguments: (.*)", r"argumentos no reconocidos: \1"),
    (r"argument (.*?): expected one argument", r"argumento \1: se esperaba un valor"),
    (r"argument (.*?): expected at least one argument",
     r"argumento \1: se esperaba al menos un valor"),
    (r"argument (.*?): not allowed with argument (.*)",
     r"argumento \1: no se permite con el argumento \2"),
    (r"argument (.*?): ignored explicit argument (.*)",
     r"argumento \1: no lleva valor (se escribió \2)"),
    (r"argument (.*?): (.*)", r"argumento \1: \2"),
)
ARCHIVE_ACTIONS = ("add", "verify", "list")
FILE, FOLDER = "archivo", "carpeta"  # what the shell completes for an argument


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with its one fixed English word in Spanish."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Spanish: its own help option and groups, no
    abbreviations, and its error messages translated."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, formatter_class=_Formatter, add_help=False,
                         allow_abbrev=False, **kwargs)
        self.arguments = self.add_argument_group("argumentos")
        self.options = self.add_argument_group("opciones")
        self.options.add_argument("-h", "--help", action="help",
                                  help="muestra esta ayuda y termina")

    _intermixing = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        """A command's files may come on either side of its options
        (``build a.yaml --jobs 2 b.yaml``); a parser of commands reads as argparse does."""
        if self._subparsers is not None or self._intermixing:
            return super().parse_known_args(args, namespace)
        self._intermixing, usage = True, self.usage
        # argparse's intermixed parsing keeps the usage without its prefix, which it takes
        # for the 7 characters of "usage: ": give it the usage already without "uso: "
        self.usage = usage or self.format_usage().removeprefix("uso: ").rstrip()
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing, self.usage = False, usage

    def error(self, message: str) -> NoReturn:
        for english, spanish in _SPANISH:
            if re.fullmatch(english, message, re.DOTALL):
                message = re.sub(english, spanish, message, flags=re.DOTALL)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")

    def unknown(self, extra: list[str]) -> NoReturn:
        """Refuse what this command does not take, naming the option meant if it is clear."""
        options = [o for action in self._actions for o in action.option_strings
                   if o.startswith("--") and o != "--help"]
        hints = []
        for word in extra:
            name = word.split("=", 1)[0]
            if name.startswith("--"):
                near = [o for o in options if o.startswith(name)] or \
                    difflib.get_close_matches(name, options, n=1, cutoff=0.6)
                if len(near) == 1:
                    hints.append(f"¿quiso decir {near[0]}?")
        self.error(f"argumentos no reconocidos: {' '.join(extra)}"
                   + (f" ({' '.join(hints)})" if hints else ""))


def _completes(action: argparse.Action, what: str) -> None:
    action.complete = what  # type: ignore[attr-defined]  # read by `sectorial completion`


def _briefs(command: _Parser, what: str) -> None:
    _completes(command.arguments.add_argument("brief", type=Path, nargs="+",
                                              metavar="INFORME", help=what), FILE)


def _folder(command: _Parser, name: str, default: Path | None, what: str) -> None:
    _completes(command.options.add_argument(name, type=Path, default=default,
                                            metavar="CARPETA", help=what), FOLDER)


def _selection(command: _Parser) -> None:
    options = command.options
    options.add_argument("--period", type=checked.period, metavar="PERIODO",
                         help="periodo del informe: un año (2024) o un mes (2025-09); "
                         "por defecto, el del informe")
    options.add_argument("--region", metavar="REGIÓN",
                         help="solo el documento de esa región (informes con 'por_cada')")
    options.add_argument("--only", type=checked.only, action="append", default=[],
                         metavar="COLUMNA=VALOR",
                         help="solo el documento de ese valor de la columna de 'por_cada'")


def _quiet(command: _Parser, what: str) -> None:
    command.options.add_argument("-q", "--quiet", action="store_true", help=what)


def _build_command(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser(
        "build", help="genera informes en DOCX y PDF",
        description="Genera los informes en los formatos pedidos. Un informe con 'por_cada' "
        "da un documento por región; una carpeta construye todos sus informes. Lo que no "
        "cambió desde la última vez no se vuelve a construir. El avance se escribe en la "
        "salida de errores; con --json, la salida estándar lleva un objeto JSON por documento.")
    _briefs(build, "archivo YAML del informe o carpeta de informes, p. ej. "
            "briefs/vraem-2024.yaml o briefs/")
    options = build.options
    _folder(build, "--out", Path("output"), "carpeta de salida (por defecto: output)")
    options.add_argument("--formats", type=checked.formats, default=None, metavar="FORMATOS",
                         help="formatos separados por comas, p. ej. docx,pdf (por defecto: "
                         "todos)")
    _selection(build)
    where = options.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=checked.jobs, default=None, metavar="N",
                       help="procesos en paralelo (por defecto: los núcleos de la máquina)")
    where.add_argument("--cluster", type=checked.cluster, default=None, metavar="DIRECCIÓN",
                       help="construye en los trabajadores del clúster Dask cuyo planificador "
                       "está en DIRECCIÓN, p. ej. tcp://10.0.0.5:8786 (necesita el extra "
                       "sectorial[cluster])")
    options.add_argument("--force", action="store_true",
                         help="construye de nuevo aunque nada haya cambiado")
    options.add_argument("--archive", action="store_true",
                         help="después de construir, archiva cada PDF (PDF/A, manifiesto)")
    _folder(build, "--archive-dir", None, "con --archive: carpeta del archivo (por defecto: "
            "<salida>/archive)")
    _quiet(build, "no escribe el avance ni el resumen: solo los errores")
    options.add_argument("--json", action="store_true",
                         help="escribe en la salida estándar un objeto JSON por documento "
                         "(nombre, archivos, estado, tiempos), una línea cada uno")


def _check_command(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="valida informe, estilo y datos sin generar nada",
                                description="Valida el informe, su estilo y sus datos.")
    _briefs(check, "archivo YAML del informe o carpeta de informes")
    _selection(check)


def _archive_command(commands: argparse._SubParsersAction) -> None:
    archive = commands.add_parser(
        "archive", help="archiva PDF publicados y verifica el archivo",
        description="Guarda PDF en el archivo (PDF/A válido, por año y mes de edición, solo "
        "lectura, con su procedencia en el manifiesto), lo verifica y lo lista. "
        "'sectorial archive ARCHIVO.pdf' es lo mismo que 'sectorial archive add ARCHIVO.pdf'.")
    actions = archive.add_subparsers(dest="action", metavar="ACCIÓN", required=True,
                                     title="acciones", parser_class=_Parser)
    add = actions.add_parser("add", help="archiva uno o más PDF ya construidos",
                             description="Archiva cada PDF: lo valida (PDF/A), lo copia por "
                             "año y mes de edición, solo lectura, y anota su procedencia.")
    _completes(add.arguments.add_argument("pdfs", type=Path, nargs="+", metavar="ARCHIVO.pdf",
                                          help="PDF(s) a archivar"), FILE)
    verify = actions.add_parser("verify", help="comprueba todo el archivo",
                                description="Recalcula las sumas SHA-256, valida PDF/A y "
                                "comprueba la cadena del manifiesto.")
    verify.options.add_argument("--head", metavar="HASH", default=None,
                                help="la cabeza de la cadena que se anotó aparte después de "
                                "archivar; se comprueba que el manifiesto la contiene")
    verify.options.add_argument("--rebuild", action="store_true",
                                help="además, construye de nuevo cada PDF con los datos, el "
                                "informe y el estilo registrados y compara los bytes; si "
                                "difieren, dice qué versión de biblioteca cambió")
    listing = actions.add_parser("list", help="muestra qué está archivado",
                                 description="Muestra el manifiesto del archivo.")
    listing.options.add_argument("--period", type=checked.period, metavar="PERIODO",
                                 help="solo ese periodo")
    for action in (add, verify, listing):
        _folder(action, "--archive-dir", Path("output/archive"),
                "carpeta del archivo (por defecto: output/archive)")


def _send_command(commands: argparse._SubParsersAction) -> None:
    send = commands.add_parser(
        "send", help="envía los informes por correo a su lista de distribución",
        description="Construye los documentos y envía el DOCX a cada destinatario de la lista "
        "del informe (envio.destinatarios o --to), una sola vez: lo ya enviado no se repite. "
        "El servidor se configura en sectorial.toml y la contraseña en la variable "
        "SECTORIAL_SMTP_PASSWORD (vea docs/guias/envio.md).")
    _briefs(send, "archivo YAML del informe o carpeta de informes")
    _selection(send)
    options = send.options
    _completes(options.add_argument("--to", type=Path, metavar="LISTA",
                                    help="otra lista de destinatarios (CSV o Excel) en lugar "
                                    "de la del informe"), FILE)
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
    _folder(send, "--out", Path("output"), "carpeta de los documentos y del registro de "
            "envíos (por defecto: output)")
    _completes(options.add_argument("--config", type=Path, metavar="ARCHIVO",
                                    help="archivo de configuración (por defecto: el "
                                    "sectorial.toml más cercano al informe)"), FILE)
    options.add_argument("--jobs", type=checked.jobs, default=None, metavar="N",
                         help="procesos en paralelo para construir los documentos")
    _quiet(send, "no escribe el avance ni el resumen: solo los errores")


def _schema_command(commands: argparse._SubParsersAction) -> None:
    schema = commands.add_parser(
        "schema", help="escribe los esquemas JSON de informes, estilos y sectorial.toml",
        description="Escribe schemas/informe.schema.json, estilo.schema.json y "
        "sectorial.schema.json, que los editores usan para completar y marcar errores "
        "(en un informe: '# yaml-language-server: $schema=../schemas/informe.schema.json').")
    options = schema.options
    _folder(schema, "--out", Path("schemas"), "carpeta de los esquemas (por defecto: schemas)")
    _completes(options.add_argument("--readme", type=Path, metavar="ARCHIVO",
                                    help="también reescribe las tablas de campos marcadas de "
                                    "ese README"), FILE)
    _folder(schema, "--docs", None, "también reescribe las tablas de campos marcadas de cada "
            "página .md de esa carpeta (docs)")
    options.add_argument("--check", action="store_true",
                         help="no escribe: dice si están al día (código 1 si no)")


def _preview_command(commands: argparse._SubParsersAction) -> None:
    preview = commands.add_parser(
        "preview", help="muestra las páginas en el navegador y las rehace al guardar",
        description="Construye el documento y sirve sus páginas en http://127.0.0.1:PUERTO/. "
        "Al guardar el informe, sus datos o su estilo, lo construye otra vez y la página del "
        "navegador se recarga; un error se muestra en la página, sobre las últimas páginas "
        "correctas. Ctrl-C termina.")
    _completes(preview.arguments.add_argument("brief", type=Path, metavar="INFORME",
                                              help="el archivo .yaml del informe"), FILE)
    _selection(preview)
    preview.options.add_argument("--port", type=checked.port, default=8765, metavar="PUERTO",
                                 help="puerto en 127.0.0.1 (por defecto: 8765; 0: uno libre)")


def _style_command(commands: argparse._SubParsersAction) -> None:
    style = commands.add_parser(
        "estilo", help="herramientas del estilo de la casa (documento de referencia de Word)",
        description="Herramientas del estilo de la casa.")
    actions = style.add_subparsers(dest="action", metavar="ACCIÓN", required=True,
                                   title="acciones", parser_class=_Parser)
    reference = actions.add_parser(
        "referencia", help="escribe el documento de referencia de Word del estilo",
        description="Escribe templates/NOMBRE/referencia.docx desde el estilo: cada estilo "
        "con que se escribe el DOCX (títulos, mensaje clave, cifra de caja, gráficos, "
        "viñetas, fuentes, cuadros…). Cámbielos en Word y guárdelo: los próximos DOCX los "
        "usan.")
    reference.arguments.add_argument("name", metavar="NOMBRE",
                                     help="el estilo: produce, promperu o una carpeta propia")
    _completes(reference.options.add_argument("--out", type=Path, metavar="ARCHIVO",
                                              help="dónde escribirlo (por defecto: "
                                              "referencia.docx en la carpeta del estilo)"),
               FILE)
    reference.options.add_argument("--check", action="store_true",
                                   help="no escribe: dice si está al día (código 1 si no)")
    reference.options.add_argument("--force", action="store_true",
                                   help="reemplaza un documento de referencia que ya existe "
                                   "(se pierde lo que se cambió en Word)")


def _init_command(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser(
        "init", help="crea un proyecto listo para construir: un informe, sus datos y "
        "sectorial.toml",
        description="Escribe en CARPETA (nueva o vacía) un proyecto: briefs/exportaciones.yaml, "
        "sus datos en data/, un sectorial.toml comentado y los esquemas para el editor. "
        "Luego: cd CARPETA && sectorial build briefs/exportaciones.yaml")
    _completes(init.arguments.add_argument("folder", type=Path, metavar="CARPETA",
                                           help="la carpeta del proyecto (nueva o vacía)"),
               FOLDER)


def _completion_command(commands: argparse._SubParsersAction) -> None:
    completion = commands.add_parser(
        "completion", help="escribe el guion de autocompletado para bash, zsh o tcsh",
        description="Escribe en la salida estándar el guion que completa comandos, opciones "
        "y archivos al pulsar Tab. En bash: sectorial completion bash > "
        "~/.local/share/bash-completion/completions/sectorial (y abra otra terminal).")
    completion.arguments.add_argument("shell", choices=("bash", "zsh", "tcsh"),
                                      metavar="SHELL", help="bash, zsh o tcsh")


# Options that do nothing unless another one is given, and options that do nothing with
# another one: (command, option's attribute, its name, the other's attribute, its name).
_NEEDS = (("build", "archive_dir", "--archive-dir", "archive", "--archive"),)
_NOT_WITH = tuple(("send", attribute, name, "status", "--status") for attribute, name in (
    ("dry_run", "--dry-run"), ("to", "--to"), ("resend", "--resend"),
    ("mark_sent", "--mark-sent"), ("jobs", "--jobs"), ("quiet", "--quiet"))) + (
    ("send", "mark_sent", "--mark-sent", "dry_run", "--dry-run"),
)


def parser() -> _Parser:
    """Return the argument parser of the ``sectorial`` command."""
    main_parser = _Parser(
        prog="sectorial",
        description="Genera informes sectoriales (DOCX y PDF) a partir de datos económicos.")
    main_parser.options.add_argument("--version", action="version",
                                     version=f"sectorial {__version__}",
                                     help="muestra la versión de sectorial y termina")
    commands = main_parser.add_subparsers(dest="command", metavar="COMANDO", required=True,
                                          title="comandos", parser_class=_Parser)
    for add in (_build_command, _check_command, _archive_command, _send_command,
                _preview_command, _init_command, _style_command, _schema_command,
                _completion_command):
        add(commands)
    return main_parser


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The arguments of one run, checked; a wrong usage exits with 2 and the usage of the
    command at fault."""
    argv = _archive_add(list(sys.argv[1:] if argv is None else argv))
    main_parser = parser()
    args, extra = main_parser.parse_known_args(argv)
    command = _command_parser(main_parser, args)
    if extra:
        command.unknown(extra)
    for name, attribute, option, other, other_option in _NEEDS:
        if args.command == name and _given(args, attribute) and not _given(args, other):
            command.error(f"argumento {option}: solo tiene efecto con {other_option}")
    for name, attribute, option, other, other_option in _NOT_WITH:
        if args.command == name and _given(args, attribute) and _given(args, other):
            command.error(f"argumento {option}: no tiene efecto con {other_option}")
    return args


def _archive_add(argv: list[str]) -> list[str]:
    """``sectorial archive FILE.pdf`` is ``sectorial archive add FILE.pdf``; an option
    written before the action (``archive --archive-dir D verify``) goes after it."""
    for i, word in enumerate(argv):
        if word.startswith("-"):
            continue
        if word != "archive":
            return argv
        rest, before = argv[i + 1:], []
        while rest and rest[0] == "--archive-dir" and len(rest) > 1 or \
                rest and rest[0].startswith("--archive-dir="):
            taken = 1 if "=" in rest[0] else 2
            before, rest = before + rest[:taken], rest[taken:]
        if not rest or rest[0].startswith("-"):
            return argv
        action = [rest.pop(0)] if rest[0] in ARCHIVE_ACTIONS else ["add"]
        return [*argv[:i + 1], *action, *before, *rest]
    return argv


def _command_parser(main_parser: _Parser, args: argparse.Namespace) -> _Parser:
    """The parser of the (sub)command that was run."""
    found = main_parser
    for attribute in ("command", "action"):
        chosen = getattr(args, attribute, None)
        sub = next((a for a in found._actions if isinstance(a, argparse._SubParsersAction)),
                   None)
        if chosen is None or sub is None:
            break
        found = sub.choices[chosen]
    return found


def _given(args: argparse.Namespace, attribute: str) -> bool:
    return getattr(args, attribute, None) not in (None, False, [], ())
