"""``sectorial schema``: the JSON Schemas editors read, and the README's tables of fields.

The three files (``informe.schema.json``, ``estilo.schema.json``, ``sectorial.schema.json``)
come from the same declarations the validator uses; so do the README's tables, between
their marks. ``--check`` says whether what is written is up to date, without writing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sectorial.console import Console
from sectorial.errors import SectorialError


def schemas() -> dict[str, dict]:
    """Each schema file's name and content."""
    from sectorial.brief.loader import brief_schema
    from sectorial.settings import settings_schema
    from sectorial.style.schema import style_schema

    return {"informe.schema.json": brief_schema(), "estilo.schema.json": style_schema(),
            "sectorial.schema.json": settings_schema()}


def readme_tables() -> dict[str, str]:
    """The README's generated tables, by the name of their mark."""
    from sectorial.brief.sections import BRIEF
    from sectorial.data.spec import SOURCE
    from sectorial.indicators.registry import INDICATORS
    from sectorial.indicators.spec import COMMON
    from sectorial.schema.docs import keys_table, kinds_table
    from sectorial.settings import OFFICE, SEND, SMTP
    from sectorial.style.schema import STYLE
    from sectorial.text.charts import CHART_KEYS, CHARTS
    from sectorial.text.pages import BLOCKS, PAGES
    from sectorial.text.tables import COLUMN, CUADRO, TABLE

    return {
        "informe": keys_table(BRIEF.keys),
        "datos": keys_table(SOURCE.keys),
        "indicadores": kinds_table(INDICATORS),
        "indicadores-comunes": keys_table(COMMON.keys),
        "paginas": kinds_table(PAGES),
        "bloques": kinds_table(BLOCKS),
        "graficos": kinds_table(CHARTS, _chart_data, "datos"),
        "graficos-campos": keys_table(CHART_KEYS),
        "tabla": keys_table(TABLE.inner.keys),
        "cuadro": keys_table(CUADRO.inner.keys),
        "cuadro-columna": keys_table(COLUMN.inner.keys),
        "estilo": keys_table(STYLE.keys),
        "correo-smtp": keys_table(SMTP.keys),
        "correo-send": keys_table(SEND.keys),
        "oficina": keys_table(OFFICE.keys),
    }


def _chart_data(kind: object) -> str:
    return " o ".join(f"`{name}`" for name in kind.data)  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    console = Console()
    wanted = {args.out / name: schema_text(content) for name, content in schemas().items()}
    if args.readme is not None:
        wanted[args.readme] = _refreshed(args.readme)
    for page in sorted(args.docs.rglob("*.md")) if args.docs else ():
        refreshed = _refreshed(page)
        if refreshed != _read(page) or page in wanted:
            wanted[page] = refreshed
    stale = [path for path, text in wanted.items() if _read(path) != text]
    if args.check:
        for path in stale:
            console.warn(f"desactualizado: {path}")
        if stale:
            console.warn("  Qué hacer: ejecute 'sectorial schema"
                         + (f" --readme {args.readme}'" if args.readme else "'"))
        return 1 if stale else 0
    from sectorial.files import write_all

    for path in write_all({path: text.encode("utf-8") for path, text in wanted.items()
                           if path in stale}):
        console.echo(f"escrito: {path}")
    if not stale:
        console.echo("sin cambios: los esquemas y las tablas están al día")
    return 0


def schema_text(content: dict) -> str:
    """A schema file's text, as written to schemas/."""
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def _refreshed(readme: Path) -> str:
    from sectorial.schema.docs import refresh

    text = _read(readme)
    if text is None:
        raise SectorialError(f"no existe el archivo '{readme}'",
                             hint="indique el README del proyecto, p. ej. --readme README.md")
    try:
        return refresh(text, readme_tables())
    except KeyError as exc:
        raise SectorialError(f"{readme}: una marca '<!-- campos: … -->' nombra una tabla que "
                             f"no existe ({exc})",
                             hint="tablas: " + ", ".join(readme_tables())) from exc


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except OSError:
        return None
