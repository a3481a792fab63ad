"""Tables in the DOCX: fixed-width grids, and data tables an official can go on editing.

A data table is a real Word table in the named style "Cuadro sectorial" (in the styles
gallery, with its header and total rows), its header rows repeated on every page, every row
kept whole and the table kept on one page with its title. Its cells' text is in the named
paragraph styles "Celda de cuadro", "Encabezado de cuadro" and "Total de cuadro"; the
shading of the header and total cells is also written on the cells, for the programs that
do not read a table style's conditional formats.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from sectorial.doc import model as m
from sectorial.layout import TABLE_ORPHANS, rows_per_page
from sectorial.render.word.unbroken import HYPHEN, unbroken
from sectorial.render.word.xml import (
    border_element,
    flag_row,
    new_child,
    set_style,
    shade_cell,
    table_borders,
)
from sectorial.style import Look

TABLE_STYLE = "Cuadro sectorial"


def add_text(paragraph: WordParagraph, text: str) -> Run:
    """Add a run of ``text`` in the paragraph's style, where no line break splits a figure."""
    run = paragraph.add_run()
    for piece in unbroken(text):
        if piece is HYPHEN:
            run._r.append(OxmlElement("w:noBreakHyphen"))
            continue
        for index, line in enumerate(str(piece).split("\n")):
            if index:
                run._r.append(OxmlElement("w:br"))
            if line:
                run._r.append(_text_element(line))
    return run


def _text_element(text: str) -> object:
    element = OxmlElement("w:t")
    element.text = text
    if text != text.strip():
        element.set(qn("xml:space"), "preserve")
    return element


Container = WordDocument | _Cell
"""Where blocks go: the document's body, or a cell of a layout table."""


def fixed_table(where: Container, widths_mm: list[float], rows: int) -> WordTable:
    """Add a fixed-layout, borderless, centred table with the given column widths."""
    table = where.add_table(rows, len(widths_mm))
    table.alignment, table.autofit = WD_TABLE_ALIGNMENT.CENTER, False
    table_borders(table)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)  # w:gridCol, which LibreOffice follows
        for cell in column.cells:
            cell.width = Mm(width)  # w:tcW, which Word follows
    return table


def add_table_style(word: WordDocument, look: Look) -> None:
    """Add "Cuadro sectorial" to the document's styles: ruled rows, a dark header row in
    white bold type, a total row in bold under a rule."""
    style = word.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = word.styles["Normal Table"]
    dark, rule, fill = (look.color(role).lstrip("#") for role in ("oscuro", "linea",
                                                                   "fondo_caja"))
    half_points = round(look.size("texto") * 2)
    style.element.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="0" w:after="0"/></w:pPr>'))
    style.element.append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:sz w:val="{half_points}"/></w:rPr>'))
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>'
        f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{rule}"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{rule}"/></w:tblBorders>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/>'
        f'<w:color w:val="FFFFFF"/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{dark}"/></w:tcPr>'
        '</w:tblStylePr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="lastRow"><w:rPr><w:b/></w:rPr><w:tblPr/>'
        f'<w:tcPr><w:tcBorders><w:top w:val="single" w:sz="8" w:space="0" '
        f'w:color="{dark}"/></w:tcBorders>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr></w:tblStylePr>'))


def write_table(where: Container, look: Look, table: m.Table, widths_mm: list[float],
                room_mm: float | None = None) -> None:
    """Write ``table`` with these column widths under its title and unit line, into the
    body or a cell; centred in ``room_mm``, if given, with its title over it."""
    indent = Mm(max((room_mm - sum(widths_mm)) / 2, 0.0)) if room_mm else None
    for text, style in ((table.title, "Título de cuadro"), (table.subtitle, "Unidad de cuadro")):
        title = _next_paragraph(where)  # its style keeps it with the table
        set_style(title, style)
        add_text(title, text)
        if indent:
            title.paragraph_format.left_indent = indent
    heads = 2 if table.groups else 1
    rows = [*([()] if table.groups else []), table.header, *table.rows]
    if table.total:
        rows.append(table.total)
    grid = fixed_table(where, widths_mm, len(rows))
    grid.style = TABLE_STYLE
    _look_flags(grid, bool(table.total))
    # what a screen reader announces before the table (Word: Propiedades de tabla → Texto
    # alternativo)
    new_child(grid._tbl.tblPr, "tblCaption", val=table.title)
    if table.subtitle:
        new_child(grid._tbl.tblPr, "tblDescription", val=table.subtitle)
    if table.groups:
        _groups(look, grid, table.groups)
    for index, values in enumerate(rows[heads - 1:], start=heads - 1):
        head, total = index < heads, bool(table.total) and index == len(rows) - 1
        for cell, value, numeric in zip(grid.rows[index].cells, values, table.numeric):
            paragraph = cell.paragraphs[0]
            set_style(paragraph, "Encabezado de cuadro" if head else "Total de cuadro"
                      if total else "Celda de cuadro")
            add_text(paragraph, value)
            if numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if head:
                shade_cell(cell, look.color("oscuro"))
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            elif total:
                shade_cell(cell, look.color("fondo_caja"))
                new_child(cell._tc.get_or_add_tcPr(), "tcBorders").append(
                    border_element("top", look.color("oscuro"), 8))
    table_borders(grid, look.color("linea"))
    # Word's way to keep a table on one page, with its title; one longer than a page breaks
    # (its header repeated), its first rows kept with the title
    kept = (len(rows) - 1 if len(rows) <= rows_per_page(look.page, look.size("texto"))
            else heads + TABLE_ORPHANS - 1)
    for index, row in enumerate(grid.rows):
        flag_row(row._tr, "cantSplit")
        if index < heads:
            flag_row(row._tr, "tblHeader")
        if index < kept:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    if not isinstance(where, _Cell):  # a cell already ends in a paragraph after its table
        where.add_paragraph()


def _next_paragraph(where: Container) -> WordParagraph:
    """A new paragraph, or the empty one a new cell starts with."""
    if (isinstance(where, _Cell) and len(where.paragraphs) == 1 and not where.tables
            and not where.paragraphs[0].text):
        return where.paragraphs[0]
    return where.add_paragraph()


def _groups(look: Look, grid: WordTable, groups: tuple[tuple[str, int], ...]) -> None:
    """The upper header row: each label over the columns it spans, merged."""
    column = 0
    for label, span in groups:
        cell = grid.cell(0, column)
        if span > 1:
            cell = cell.merge(grid.cell(0, column + span - 1))
        paragraph = cell.paragraphs[0]
        set_style(paragraph, "Encabezado de cuadro")
        add_text(paragraph, label)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade_cell(cell, look.color("oscuro"))
        column += span


def _look_flags(grid: WordTable, total: bool) -> None:
    """Which of the style's conditional formats apply: the header row, and the last row
    when it is a total."""
    tbl_pr = grid._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        tbl_pr.remove(look)
    tbl_pr.append(parse_xml(
        f'<w:tblLook {nsdecls("w")} w:val="{"0060" if total else "0020"}" w:firstRow="1" '
        f'w:lastRow="{int(total)}" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" '
        'w:noVBand="1"/>'))
