"""The command line: arguments only; each command imports what it needs when it runs.

Exit codes: 0 success, 1 a problem the user can fix (a Spanish message, no traceback),
2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sectorial import __version__, interrupts
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
INTERRUPTED = "interrumpido: no se escribió ningún archivo a medias"


def _period(text: str) -> Period:
    from sectorial.periods import PERIOD_HELP, Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(f"{exc}: {PERIOD_HELP}") from exc


def _formats(text: str) -> tuple[str, ...]:
    from sectorial.render.formats import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"formato no válido '{text}': use " + ", ".join(FORMATS.names())
            + " separados por comas")
    return chosen


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


def _selection(command: argparse.ArgumentParser) -> None:
    command.add_argument("--period", type=_period, metavar="PERIODO",
                         help="periodo del informe: un año (2024) o un mes (2025-09); "
                         "por defecto, el del informe")
    command.add_argument("--region", metavar="REGIÓN",
                         help="solo el documento de esa región (informes con 'por_cada')")
    command.add_argument("--only", type=_only, action="append", default=[],
                         metavar="COLUMNA=VALOR",
                         help="solo el documento de ese valor de la columna de 'por_cada'")


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``sectorial`` command."""
    main_parser = argparse.ArgumentParser(
        prog="sectorial",
        description="Genera informes sectoriales (DOCX y PDF) a partir de datos económicos.",
    )
    main_parser.add_argument("--version", action="version", version=f"sectorial {__version__}")
    commands = main_parser.add_subparsers(dest="command", metavar="COMANDO", required=True,
                                          title="comandos")
    build = commands.add_parser(
        "build", help="genera informes en DOCX y PDF",
        description="Genera los informes en los formatos pedidos. Un informe con 'por_cada' "
        "da un documento por región; una carpeta construye todos sus informes. Lo que no "
        "cambió desde la última vez no se vuelve a construir.")
    build.add_argument("brief", type=Path, nargs="+", metavar="INFORME",
                       help="archivo YAML del informe o carpeta de informes, p. ej. "
                       "briefs/vraem-2024.yaml o briefs/")
    build.add_argument("--out", type=Path, default=Path("output"), metavar="CARPETA",
                       help="carpeta de salida (por defecto: output)")
    build.add_argument("--formats", type=_formats, default=("docx", "pdf"), metavar="FORMATOS",
                       help="formatos separados por comas (por defecto: docx,pdf)")
    _selection(build)
    build.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                       help="procesos en paralelo (por defecto: los núcleos de la máquina)")
    build.add_argument("--force", action="store_true",
                       help="construye de nuevo aunque nada haya cambiado")
    build.add_argument("--archive", action="store_true",
                       help="después de construir, archiva cada PDF (PDF/A, manifiesto)")
    build.add_argument("--archive-dir", type=Path, metavar="CARPETA",
                       help="carpeta del archivo (por defecto: <salida>/archive)")
    check = commands.add_parser("check", help="valida informe, estilo y datos sin generar nada",
                                description="Valida el informe, su estilo y sus datos.")
    check.add_argument("brief", type=Path, nargs="+", metavar="INFORME",
                       help="archivo YAML del informe o carpeta de informes")
    _selection(check)
    archive = commands.add_parser(
        "archive", help="archiva PDF publicados y verifica el archivo",
        description="archive ARCHIVO.pdf…: guarda cada PDF en el archivo (PDF/A válido, "
        "por año y mes de edición, solo lectura, con su procedencia en el manifiesto). "
        "archive verify: recalcula las sumas SHA-256 y valida PDF/A. "
        "archive list: muestra el manifiesto.")
    archive.add_argument("target", nargs="+", metavar="ARCHIVO|verify|list",
                         help="PDF(s) a archivar, o 'verify', o 'list'")
    archive.add_argument("--archive-dir", type=Path, default=Path("output/archive"),
                         metavar="CARPETA",
                         help="carpeta del archivo (por defecto: output/archive)")
    archive.add_argument("--period", type=_period, metavar="PERIODO",
                         help="con 'list': solo ese periodo")
    send = commands.add_parser(
        "send", help="envía los informes por correo a su lista de distribución",
        description="Construye los documentos y envía el DOCX a cada destinatario de la lista "
        "del informe (envio.destinatarios o --to), una sola vez: lo ya enviado no se repite. "
        "El servidor se configura en sectorial.toml y la contraseña en la variable "
        "SECTORIAL_SMTP_PASSWORD (vea el README).")
    send.add_argument("brief", type=Path, nargs="+", metavar="INFORME",
                      help="archivo YAML del informe o carpeta de informes")
    _selection(send)
    send.add_argument("--to", type=Path, metavar="LISTA",
                      help="otra lista de destinatarios (CSV o Excel) en lugar de la del informe")
    send.add_argument("--dry-run", action="store_true",
                      help="no envía: escribe los mensajes como .eml en output/outbox/ para "
                      "revisarlos")
    send.add_argument("--status", action="store_true",
                      help="muestra quién recibió qué y cuándo, y qué falló; no envía")
    send.add_argument("--resend", action="append", default=[], metavar="CORREO",
                      help="envía de nuevo a ese destinatario aunque ya se le haya enviado "
                      "(o 'todos')")
    send.add_argument("--mark-sent", action="append", default=[], metavar="CORREO",
                      help="registra como recibido un envío de estado desconocido, tras "
                      "comprobar que llegó")
    send.add_argument("--out", type=Path, default=Path("output"), metavar="CARPETA",
                      help="carpeta de los documentos y del registro de envíos "
                      "(por defecto: output)")
    send.add_argument("--config", type=Path, metavar="ARCHIVO",
                      help="archivo de configuración del correo (por defecto: sectorial.toml)")
    send.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                      help="procesos en paralelo para construir los documentos")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    with interrupts.handled():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "send":
            return _send(args)
        if args.command == "archive":
            return _archive(args)
        return _check(args)
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


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _selected(args: argparse.Namespace) -> dict[str, str]:
    only = dict(args.only)
    if args.region:
        only["region"] = args.region
    return only


def _build(args: argparse.Namespace) -> int:
    from sectorial import batch

    start = time.perf_counter()
    plan = batch.plan(args.brief, args.period, _selected(args), args.out)
    total = len(plan.jobs) + len(plan.outcomes)
    outcomes = list(plan.outcomes)
    with batch.progress_reporter(total) as report:
        for outcome in plan.outcomes:
            report(outcome)
        workers = args.jobs or batch.default_workers()
        work = batch.Build(args.out, args.formats, args.force)
        outcomes += batch.run(plan.jobs, work, workers, report)
    if args.archive:
        outcomes = _archive_built(outcomes, args)
    seconds = time.perf_counter() - start
    if total == 1 and outcomes[0].stages:
        stages = ", ".join(f"{n} {s:.2f}" for n, s in outcomes[0].stages.items())
        print(f"tiempo: {seconds:.2f} s ({stages})")
    elif total > 1:
        print(batch.summary(outcomes, seconds))
    return 1 if any(o.status == batch.FAILED for o in outcomes) else 0


def _archive_built(outcomes: list, args: argparse.Namespace) -> list:
    """Archive the PDF of every document built (or unchanged); a refusal fails it."""
    from sectorial import archive, batch

    if "pdf" not in args.formats:
        raise SectorialError("--archive necesita el PDF", hint="quite --formats o incluya pdf")
    folder = args.archive_dir or args.out / "archive"
    done = []
    for outcome in outcomes:
        pdfs = [p for p in outcome.paths if p.suffix == ".pdf"]
        if outcome.status not in (batch.BUILT, batch.UNCHANGED) or not pdfs:
            done.append(outcome)
            continue
        try:
            result = archive.archive_pdf(pdfs[0], folder)
            print(f"{result.status}: {result.path}")
        except SectorialError as exc:
            print(f"error: {exc}", file=sys.stderr)
            outcome = batch.Outcome(outcome.job, batch.FAILED, outcome.paths, str(exc))
        done.append(outcome)
    return done


def _archive(args: argparse.Namespace) -> int:
    from sectorial import archive

    folder = args.archive_dir
    action = args.target[0]
    if action == "verify" and len(args.target) == 1:
        checked, problems = archive.verify(folder)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"verificación: {_count(len(problems), 'problema', 'problemas')} en "
                  f"{folder} ({_count(checked, 'archivo registrado', 'archivos registrados')})")
            return 1
        print(f"verificación correcta: {_count(checked, 'archivo', 'archivos')} en {folder}, "
              "sumas SHA-256 y PDF/A válidos, ninguno sin registrar")
        return 0
    if action == "list" and len(args.target) == 1:
        return _archive_list(archive.read_manifest(folder), args.period, folder)
    failed = 0
    for name in args.target:
        try:
            result = archive.archive_pdf(Path(name), folder)
            print(f"{result.status}: {result.path}")
        except SectorialError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _archive_list(entries: list[dict], period: Period | None, folder: Path) -> int:
    from sectorial.console import text_table

    if period is not None:
        entries = [e for e in entries if e.get("periodo") == str(period)]
    if not entries:
        print(f"no hay archivos en {folder}" + (f" para {period}" if period else ""))
        return 0
    header = ("archivado", "periodo", "valor", "versión", "archivo", "KB", "SHA-256")
    rows = [(str(e.get("archivado", ""))[:16].replace("T", " "), str(e.get("periodo", "")),
             e.get("valor") or "-", str(e.get("version", 1)), e["archivo"],
             f"{int(e.get('bytes', 0)) / 1024:,.0f}", e["sha256"][:16]) for e in entries]
    for line in text_table(header, rows):
        print(line)
    print(f"total: {_count(len(entries), 'archivo', 'archivos')}")
    return 0


def _send(args: argparse.Namespace) -> int:
    from sectorial import batch
    from sectorial.mail import send

    def echo(line: str) -> None:
        print(line, flush=True)

    def warn(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if args.status:
        return send.status(args.brief, args.period, args.out, echo)
    options = send.Options(
        recipients_file=args.to, dry_run=args.dry_run, config=args.config,
        resend=tuple(a.strip().lower() for a in args.resend),
        mark_sent=tuple(a.strip().lower() for a in args.mark_sent),
        workers=args.jobs or batch.default_workers())
    return send.send(args.brief, args.period, _selected(args), args.out, options, echo, warn)


def _check(args: argparse.Namespace) -> int:
    from sectorial import batch
    from sectorial.build import Timings, prepare

    plan = batch.plan(args.brief, args.period, _selected(args), Path("output"))
    failed = [o for o in plan.outcomes if o.status == batch.FAILED]
    for outcome in failed:
        print(f"error: {outcome.message}", file=sys.stderr)
    checked: dict[Path, list] = {}
    for job in plan.jobs:
        try:
            prepared = prepare(job.brief, job.period, Timings(), job.value)
        except SectorialError as exc:
            failed.append(batch.Outcome(job, batch.FAILED, message=str(exc)))
            where = f" ({job.value})" if job.value else ""
            print(f"error{where}: {exc}", file=sys.stderr)
            continue
        checked.setdefault(job.brief, []).append(prepared)
    for path, documents in checked.items():
        first = documents[0]
        doc = first.document
        try:
            from sectorial.mail.send import check_mailing

            people = check_mailing(first, Path("output"))
        except SectorialError as exc:
            failed.append(batch.Outcome(batch.Job(path, first.brief.period), batch.FAILED,
                                        message=str(exc)))
            print(f"error: {exc}", file=sys.stderr)
            continue
        count = f"{len(documents)} documentos, " if len(documents) > 1 else ""
        parts = [_count(len(first.tables), "fuente de datos", "fuentes de datos"),
                 _count(len(first.indicators), "indicador", "indicadores"),
                 _count(len(doc.pages) + (doc.cover is not None), "página", "páginas"),
                 _count(len(doc.charts()), "gráfico", "gráficos")]
        if people:
            parts.append(_count(people, "destinatario", "destinatarios"))
        print(f"correcto: {path} ({count}{', '.join(parts)}, periodo {first.brief.period})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
