"""The documentation site's reference, made from the code when the site is built
(``docs/hooks.py`` adds these pages to mkdocs): nothing generated is committed, so nothing
can drift.

- every field of a brief, a house style and sectorial.toml (the declarations the validator
  reads, as ``sectorial schema`` writes them);
- every indicator, page, block and chart kind, each chart with a picture drawn by the code
  from the examples' data;
- every filter with what it prints in both number styles, rendered by the text engine over
  the examples' indicators;
- every command's help, as ``--help`` prints it.
"""

from __future__ import annotations

import os
from pathlib import Path

from sectorial.app.schema import readme_tables

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {"vraem": ("briefs/vraem-2024.yaml", None, None),
            "junin": ("briefs/junin-exportaciones-2024.yaml", None, None),
            "manufactura": ("briefs/manufactura-mensual.yaml", None, None),
            "regional": ("briefs/exportaciones-regionales.yaml", "2025-09", "Junín")}

FILTER_EXAMPLES = (  # (filter, template, example brief)
    ("entero", "{{ empresas_total | entero }}", "vraem"),
    ("decimal", "{{ empleo_tipo['Informal'].part | decimal(1) }}", "vraem"),
    ("pct", "{{ empleo_tipo['Informal'].part | pct }}", "vraem"),
    ("monto", "{{ exportaciones_total | monto }}", "vraem"),
    ("monto", '{{ total | monto(0, "unidades") }}', "junin"),
    ("millones", "{{ empleo_total | millones }}", "vraem"),
    ("millones", '{{ empleo_total | millones(sustantivo="empleos") }}', "vraem"),
    ("mixto", '{{ empleo_total | mixto(sustantivo="trabajadores") }}', "vraem"),
    ("variacion", "{{ exportaciones_var | variacion }}", "vraem"),
    ("variacion", '{{ variacion | variacion(up="creció a una tasa de") }}', "junin"),
    ("cambio", "{{ exportaciones_var | cambio }}", "vraem"),
    ("cambio", '{{ variacion | cambio(up="un incremento") }}', "junin"),
    ("intensidad", "{{ exportaciones_var | intensidad }}", "vraem"),
    ("interanual", "{{ variacion | interanual }}", "junin"),
    ("pp", "{{ inc_primario | pp }}", "manufactura"),
    ("pp", "{{ inc_primario | pp(short=true) }}", "manufactura"),
    ("signo", "{{ variacion | signo }}", "junin"),
    ("cambio_signo", "{{ var_total | cambio_signo }}", "manufactura"),
    ("cambio_signo", '{{ var_primario | cambio_signo(up="un incremento") }}', "manufactura"),
    ("signo_par", "{{ var_total | signo_par }}", "manufactura"),
    ("segun", '{{ inc_no_primario | segun("contribuyó con", "restó") }}', "manufactura"),
    ("ordinal_palabra", '{{ puesto | ordinal_palabra("región") }}', "junin"),
    ("record", "{{ 1 | record }}", "vraem"),
    ("con_variacion", "{{ ramas.caidas(2) | con_variacion(minusculas=true) }}", "manufactura"),
    ("lista", "{{ destinos.nombres(5) | lista }}", "vraem"),
    ("partes", "{{ destinos.principales(3) | partes }}", "vraem"),
    ("partes", "{{ destinos.siguientes(1, 2) | partes(0, montos=true) }}", "vraem"),
    ("de_cada", "{{ empleo_tipo['Informal'].part | de_cada }}", "vraem"),
    ("contar", '{{ empresas | contar("empresa", "empresas") }}', "junin"),
    ("puesto", "{{ puesto | puesto }}", "junin"),
    ("ordinal", "{{ puesto | ordinal }}", "junin"),
    ("racha", "{{ racha_total | racha }}", "manufactura"),
    ("mes", "{{ 9 | mes }}", "vraem"),
    ("rango_meses", "{{ 1 | rango_meses(9, 2025) }}", "vraem"),
    ("plural", '{{ "Pequeña empresa" | plural }}', "vraem"),
    ("mayuscula", '{{ "china" | mayuscula }}', "vraem"),
)


def pages() -> dict[str, bytes]:
    """Each generated file of the site: its path under docs/ and its content."""
    tables = readme_tables()
    prepared = {name: _prepared(*example) for name, example in EXAMPLES.items()}
    found = {
        "referencia/campos.md": _fields(tables),
        "referencia/tipos.md": _kinds(tables),
        "referencia/filtros.md": filter_page(prepared),
        "referencia/ordenes.md": commands_page(),
    }
    pictures, charts_md = _charts(tables, prepared)
    found["referencia/graficos.md"] = charts_md
    found = {path: text.encode("utf-8") for path, text in found.items()}
    return found | pictures


def _prepared(brief: str, period: str | None, value: str | None) -> object:
    from sectorial.periods import Period
    from sectorial.pipeline import Timings, prepare

    return prepare(ROOT / brief, Period.parse(period) if period else None, Timings(), value)


def _fields(tables: dict[str, str]) -> str:
    sections = (("El informe", "informe"), ("`datos`: cada fuente", "datos"),
                ("Lo común a los indicadores", "indicadores-comunes"),
                ("`tabla` (un bloque o un cuadro)", "tabla"), ("`cuadro`", "cuadro"),
                ("Una columna de `cuadro`", "cuadro-columna"),
                ("Los campos de un gráfico", "graficos-campos"),
                ("El estilo de la casa (`estilo.yaml`)", "estilo"),
                ("`sectorial.toml`: `[smtp]`", "correo-smtp"),
                ("`sectorial.toml`: `[send]`", "correo-send"),
                ("`sectorial.toml`: `[oficina]`", "oficina"))
    return ("# Campos\n\nCada campo que sectorial lee, de las mismas declaraciones que lo "
            "validan.\n\n") + "\n".join(f"## {title}\n\n{tables[name]}" for title, name in sections)


def _kinds(tables: dict[str, str]) -> str:
    return ("# Tipos\n\nCada tipo que un informe puede declarar, del registro que los "
            "implementa.\n\n## Indicadores\n\n" + tables["indicadores"]
            + "\n## Páginas\n\n" + tables["paginas"]
            + "\n## Bloques de un `articulo`\n\n" + tables["bloques"])


def filter_page(prepared: dict[str, object]) -> str:
    """Every filter, an example over the examples' data, its output in both styles."""
    from sectorial.brief.compose import template_context
    from sectorial.schema import Snippet
    from sectorial.style.loader import find_style, load_house
    from sectorial.text.env import TextEngine

    styles = {name: load_house(find_style(name, ROOT)).numbers
              for name in ("produce", "promperu")}
    rows = ["| filtro | plantilla | PRODUCE | PROMPERÚ | datos |",
            "| --- | --- | --- | --- | --- |"]
    for name, template, example in FILTER_EXAMPLES:
        ready = prepared[example]
        context = template_context(ready.brief, ready.indicators)  # type: ignore[attr-defined]
        printed = [TextEngine(style, context, typed=True).plain(
            Snippet(template, "docs", 1, "vinetas[0]")) for style in styles.values()]
        where = Path(ready.brief.path).name  # type: ignore[attr-defined]
        rows.append(f"| `{name}` | `{_escaped(template)}` | {printed[0]} | {printed[1]} | "
                    f"`{where}` |")
    return ("# Filtros\n\nLo que imprime cada filtro con los datos de los ejemplos, en los "
            "dos estilos de números que trae sectorial: `produce` (17,224 · 84.6%) y "
            "`promperu` (17 224 · 84,6 %). La tabla se obtiene al construir esta "
            "documentación, con el mismo motor de textos que los informes.\n\n"
            + "\n".join(rows) + "\n")


def _plain(text: str) -> str:
    """Text as Markdown prints it: its asterisks and underscores are not emphasis."""
    return "".join("\\" + c if c in "*_[]`" else c for c in text)


def _escaped(template: str) -> str:
    return template.replace("|", "\\|")


def _charts(tables: dict[str, str], prepared: dict[str, object]
            ) -> tuple[dict[str, bytes], str]:
    """A picture of each chart kind, the first chart of that kind in the examples."""
    from sectorial.render.charts import render_charts
    from sectorial.render.picture import PIXELS
    from sectorial.text.charts import CHARTS

    pictures: dict[str, bytes] = {}
    text = ["# Gráficos\n", tables["graficos"], "## Cada tipo, dibujado\n",
            "Cada imagen es el primer gráfico de ese tipo en los informes de ejemplo, "
            "dibujado por el código al construir esta documentación.\n"]
    for kind in CHARTS:
        for ready in prepared.values():
            doc, look = ready.document, ready.house.look  # type: ignore[attr-defined]
            chart = next((c for c in doc.charts() if c.kind == kind.model), None)
            if chart is None:
                continue
            drawn = render_charts(_with_chart(doc, chart), look, frozenset({PIXELS}))
            path = f"referencia/graficos/{kind.name}.png"
            pictures[path] = drawn[chart.key].png()
            text.append(f"### `{kind.name}`\n\n{kind.doc}\n\n**{_plain(chart.title)}** "
                        f"{_plain(chart.subtitle)} (de `{Path(ready.brief.path).name}`)\n\n"  # type: ignore[attr-defined]
                        f"![{chart.alt_text}](graficos/{kind.name}.png){{ width=\"420\" }}\n")
            break
        else:
            text.append(f"### `{kind.name}`\n\n{kind.doc} (ningún ejemplo lo usa)\n")
    return pictures, "\n".join(text)


def _with_chart(doc: object, chart: object) -> object:
    """The document with one page holding only ``chart``: the painter sizes it so."""
    from dataclasses import replace

    from sectorial.doc.model import page_charts

    page = next(p for p in doc.pages if chart in page_charts(p))  # type: ignore[attr-defined]
    return replace(doc, cover=None, pages=(page,))


def commands_page() -> str:
    """Every command's and subcommand's help, as ``sectorial … --help`` prints it."""
    import argparse

    from sectorial.arguments import parser

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        root = parser()
        text = ["# Órdenes\n", "Lo que `sectorial ORDEN --help` imprime, orden por orden.\n",
                "```text\n" + root.format_help() + "```\n"]
        stack = [("sectorial", root)]
        while stack:
            prefix, current = stack.pop(0)
            for action in current._actions:
                if isinstance(action, argparse._SubParsersAction):
                    for name, sub in action.choices.items():
                        text.append(f"## `{prefix} {name}`\n\n```text\n{sub.format_help()}```\n")
                        stack.append((f"{prefix} {name}", sub))
        return "\n".join(text)
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous


if __name__ == "__main__":  # write the pages into a folder, to look at them
    import sys

    for path, content in pages().items():
        target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs-generados") / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
