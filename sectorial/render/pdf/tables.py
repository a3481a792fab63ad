"""Tables in the PDF (reportlab's platypus): a data table under its title and unit line.

One flowable per table, the same on an article page (in the running text) and on a topic
page (drawn at a place): upper headers spanning their columns, a header row repeated if the
table ever broke, ruled rows, a total row set apart. Every cell arrives formatted.

Tagged as a ``Table`` with its ``Caption`` (title and unit line) and ``TR`` rows: ``TH``
column headers (spanning as the upper headers do), the names of a text first column as
``TH`` row headers, ``TD`` cells; backgrounds and rules are artifacts, and a header row
repeated on a next page too.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as PlatypusTable

from sectorial.doc.model import Table
from sectorial.layout import table_widths
from sectorial.render.pdf.setter import REGULAR, Typesetter
from sectorial.render.pdf.stack import Stack
from sectorial.render.pdf.tags import Node, TableTags, Tagged, Tagger


def table_flowable(setter: Typesetter, table: Table, width: float,
                   widths: list[float] | None, tagger: Tagger, parent: Node) -> Flowable:
    """The table ``width`` wide (points; its columns ``widths``, by default the names half
    of it), under its title and unit line, which never stay behind on another page;
    tagged as the last child of ``parent``."""
    t, para = setter.look, setter.para
    node = parent.add("Table")
    caption = node.add("Caption")
    return Stack([
        Tagged(para(escape(table.title), "grafico_titulo", t.color("oscuro"), bold=True),
               tagger, caption),
        Tagged(para(escape(table.subtitle), "grafico_titulo", t.color("suave")), tagger,
               caption),
        _grid(setter, table, widths or table_widths(width, len(table.header)),
              TableTags(tagger), node)], width, gap=1.5)


def _grid(setter: Typesetter, table: Table, widths: list[float], tags: TableTags,
          node: Node) -> PlatypusTable:
    t = setter.look
    size = t.size("texto")
    row_header = not table.numeric[0]  # the first column names the rows

    def cell(text: str, align: int, bold: bool = False, color: str = "texto"):
        return setter.para(escape(text), "texto", t.color(color), bold=bold, align=align)

    def tagged(row: Node, cells: list, header: bool, spans: list[int] | None = None) -> list:
        for column, (made, span) in enumerate(zip(cells, spans or [1] * len(cells))):
            if header:
                tags.cell(made, row.add("TH", scope="Column", colspan=span))
            elif column == 0 and row_header:
                tags.cell(made, row.add("TH", scope="Row"))
            else:
                tags.cell(made, row.add("TD"))
        return cells

    aligns = [TA_RIGHT if numeric else TA_LEFT for numeric in table.numeric]
    data, commands = [], []
    if table.groups:
        row, column = [], 0
        tr = node.add("TR")
        for label, span in table.groups:
            tagged(tr, [made := cell(label, TA_CENTER, True, "fondo_caja")], True, [span])
            row += [made] + [""] * (span - 1)
            if span > 1:
                commands.append(("SPAN", (column, 0), (column + span - 1, 0)))
            if label:
                commands.append(("LINEBELOW", (column, 0), (column + span - 1, 0), 0.5,
                                 HexColor(t.color("fondo_caja"))))
            column += span
        data.append(row)
    heads = len(data) + 1
    data.append(tagged(node.add("TR"), [cell(h, a, True, "fondo_caja")
                                        for h, a in zip(table.header, aligns)], True))
    data += [tagged(node.add("TR"), [cell(v, a) for v, a in zip(row, aligns)], False)
             for row in table.rows]
    if table.total:
        data.append(tagged(node.add("TR"), [cell(v, a, True)
                                            for v, a in zip(table.total, aligns)], False))
        commands += [("LINEABOVE", (0, -1), (-1, -1), 0.9, HexColor(t.color("oscuro"))),
                     ("BACKGROUND", (0, -1), (-1, -1), HexColor(t.color("fondo_caja")))]
    grid = PlatypusTable(data, colWidths=widths, repeatRows=heads, renderCB=tags)
    grid.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, unembedded
        ("BACKGROUND", (0, 0), (-1, heads - 1), HexColor(t.color("oscuro"))),
        ("VALIGN", (0, 0), (-1, heads - 1), "BOTTOM"),
        ("LINEBELOW", (0, heads), (-1, -1), 0.4, HexColor(t.color("linea"))),
        ("TOPPADDING", (0, 0), (-1, -1), size * 0.25),
        ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.25),
        *commands,
    ]))
    return grid
