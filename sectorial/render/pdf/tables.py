"""Tables in the PDF (reportlab's platypus): a data table under its title and unit line.

One flowable per table, the same on an article page (in the running text) and on a topic
page (drawn at a place): upper headers spanning their columns, a header row repeated if the
table ever broke, ruled rows, a total row set apart. Every cell arrives formatted.
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


def table_flowable(setter: Typesetter, table: Table, width: float,
                   widths: list[float] | None = None) -> Flowable:
    """The table ``width`` wide (points; its columns ``widths``, by default the names half
    of it), under its title and unit line, all in one outer cell per line so that the
    heading never stays behind on another page."""
    t, para = setter.look, setter.para
    unit = PlatypusTable(
        [[para(escape(table.title), "grafico_titulo", t.color("oscuro"), bold=True)],
         [para(escape(table.subtitle), "grafico_titulo", t.color("suave"))],
         [_grid(setter, table, widths or table_widths(width, len(table.header)))]],
        colWidths=[width],
    )
    unit.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    return unit


def _grid(setter: Typesetter, table: Table, widths: list[float]) -> PlatypusTable:
    t = setter.look
    size = t.size("texto")

    def cell(text: str, align: int, bold: bool = False, color: str = "texto"):
        return setter.para(escape(text), "texto", t.color(color), bold=bold, align=align)

    aligns = [TA_RIGHT if numeric else TA_LEFT for numeric in table.numeric]
    data, commands = [], []
    if table.groups:
        row, column = [], 0
        for label, span in table.groups:
            row += [cell(label, TA_CENTER, True, "fondo_caja")] + [""] * (span - 1)
            if span > 1:
                commands.append(("SPAN", (column, 0), (column + span - 1, 0)))
            if label:
                commands.append(("LINEBELOW", (column, 0), (column + span - 1, 0), 0.5,
                                 HexColor(t.color("fondo_caja"))))
            column += span
        data.append(row)
    heads = len(data) + 1
    data.append([cell(h, a, True, "fondo_caja") for h, a in zip(table.header, aligns)])
    data += [[cell(v, a) for v, a in zip(row, aligns)] for row in table.rows]
    if table.total:
        data.append([cell(v, a, True) for v, a in zip(table.total, aligns)])
        commands += [("LINEABOVE", (0, -1), (-1, -1), 0.9, HexColor(t.color("oscuro"))),
                     ("BACKGROUND", (0, -1), (-1, -1), HexColor(t.color("fondo_caja")))]
    grid = PlatypusTable(data, colWidths=widths, repeatRows=heads)
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
