"""``sectorial archive``: archive published PDFs, verify the archive, list it."""

from __future__ import annotations

import argparse
from pathlib import Path

from sectorial import clock
from sectorial.app.common import count
from sectorial.console import Console, text_table
from sectorial.errors import SectorialError
from sectorial.periods import Period


def run(args: argparse.Namespace) -> int:
    from sectorial import archive

    console, folder = Console(), args.archive_dir
    clock.configure(folder)
    if args.action == "verify":
        code = _verify(folder, console, args.head)
        return max(code, _rebuild(folder, console)) if args.rebuild else code
    if args.action == "list":
        return _list(archive.read_manifest(folder), args.period, folder)
    failed = 0
    for path in args.pdfs:
        try:
            result = archive.archive_pdf(path, folder)
            console.echo(f"{result.status}: {result.path}")
            console.echo(f"cabeza de la cadena: {result.head}")
        except SectorialError as exc:
            console.warn(f"error: {exc}")
            failed += 1
    return 1 if failed else 0


def _verify(folder: Path, console: Console, recorded: str | None) -> int:
    from sectorial import archive

    checked, problems = archive.verify(folder, recorded)
    for problem in problems:
        console.warn(problem)
    if problems:
        console.echo(f"verificación: {count(len(problems), 'problema', 'problemas')} en "
                     f"{folder} ({count(checked, 'archivo registrado', 'archivos registrados')})")
        return 1
    console.echo(f"verificación correcta: {count(checked, 'archivo', 'archivos')} en {folder}, "
                 "sumas SHA-256 y PDF/A válidos, ninguno sin registrar, cadena completa")
    entries = archive.read_manifest(folder)
    unchained = sum("anterior" not in entry for entry in entries)
    if unchained:
        console.echo(f"aviso: {count(unchained, 'entrada es', 'entradas son')} de antes de la "
                     "cadena (sin 'anterior'): solo --head con una cabeza anotada las protege")
    if recorded is not None:
        after = archive.later(entries, recorded)
        console.echo("la cabeza registrada es la última entrada" if not after else
                     f"la cabeza registrada está en la cadena; después se archivaron "
                     f"{count(after, 'entrada', 'entradas')}")
    console.echo(f"cabeza de la cadena: {archive.head(entries)}")
    return 0


def _rebuild(folder: Path, console: Console) -> int:
    """Build every archived PDF again and compare; 1 if one comes out different."""
    from sectorial import archive
    from sectorial.rebuild import DIFFERENT, NOT_REBUILT, REPRODUCED, rebuild

    done = [rebuild(entry, folder) for entry in archive.read_manifest(folder)]
    for result in done:
        (console.warn if result.status == DIFFERENT else console.echo)(str(result))
    counts = {status: sum(r.status == status for r in done)
              for status in (REPRODUCED, DIFFERENT, NOT_REBUILT)}
    console.echo(f"reconstrucción: {count(counts[REPRODUCED], 'reproducido', 'reproducidos')}"
                 f", {count(counts[DIFFERENT], 'distinto', 'distintos')}, "
                 f"{count(counts[NOT_REBUILT], 'no reconstruible', 'no reconstruibles')}")
    return 1 if counts[DIFFERENT] else 0


def _list(entries: list[dict], period: Period | None, folder: Path) -> int:
    if period is not None:
        entries = [e for e in entries if e.get("periodo") == str(period)]
    if not entries:
        print(f"no hay archivos en {folder}" + (f" para {period}" if period else ""))
        return 0
    header = ("archivado", "periodo", "valor", "versión", "archivo", "KB", "SHA-256")
    rows = [(clock.shown(str(e.get("archivado", ""))), str(e.get("periodo", "")),
             e.get("valor") or "-", str(e.get("version", 1)), e["archivo"],
             f"{int(e.get('bytes', 0)) / 1024:,.0f}", e["sha256"][:16]) for e in entries]
    for line in text_table(header, rows):
        print(line)
    print(f"total: {count(len(entries), 'archivo', 'archivos')}")
    return 0
