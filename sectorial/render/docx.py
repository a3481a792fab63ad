"""The DOCX renderer (python-docx): the same brief, made to be edited in Word.

Real heading styles (the navigation pane lists the sections), real tables for the grid of
boxes and the row of charts, pictures with alternative text, a landscape section and the
document language. All raw XML helpers live at the bottom of this module.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import BinaryIO

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from sectorial.doc.model import (
    ArticlePage,
    Box,
    BoxesPage,
    Chart,
    Cover,
    Document,
    Paragraph,
    Quote,
    SourceNote,
    Subheading,
    Table,
    Text,
    TopicPage,
)
from sectorial.doc.visitor import Visitor
from sectorial.errors import RenderError
from sectorial.reproducible import build_time
from sectorial.style import Theme


def render_docx(doc: Document, theme: Theme, images: Mapping[str, bytes], out: BinaryIO) -> None:
    """Write the document as DOCX to ``out``; ``images`` maps chart keys to PNG bytes."""
    DocxRenderer(doc, theme, images).render(out)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


class DocxRenderer(Visitor):
    """Write each model page into a python-docx document."""

    def __init__(self, doc: Document, theme: Theme, images: Mapping[str, bytes]):
        self.doc, self.theme, self.images = doc, theme, images
        self.word: WordDocument = new_document()
        self.started = False  # whether a page has been written (later ones break before)
        page = theme.page
        self.content_mm = page.width_mm - page.margin_left_mm - page.margin_right_mm

    def render(self, out: BinaryIO) -> None:
        self._setup()
        if self.doc.cover is not None:
            self.visit(self.doc.cover)
        for page in self.doc.pages:
            self.visit(page)
        self.word.save(out)

    # Document-wide settings --------------------------------------------------------------

    def _setup(self) -> None:
        t, meta = self.theme, self.doc.meta
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if t.page.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(t.page.width_mm), Mm(t.page.height_mm)
        section.left_margin, section.right_margin = (Mm(t.page.margin_left_mm),
                                                     Mm(t.page.margin_right_mm))
        section.top_margin, section.bottom_margin = (Mm(t.page.margin_top_mm + 6),
                                                     Mm(t.page.margin_bottom_mm + 4))
        section.header_distance, section.footer_distance = Mm(t.page.margin_top_mm - 4), Mm(6)
        # The cover carries its own band; without a cover every page has the header.
        section.different_first_page_header_footer = self.doc.cover is not None
        styles = self.word.styles
        normal = styles["Normal"]
        normal.font.size = Pt(t.size("texto"))
        normal.font.color.rgb = _rgb(t.color("texto"))
        normal.paragraph_format.space_after = Pt(3)
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
            _set_font(styles[name].element, t.docx_font)
        _set_language(self.word, meta.language)
        restyled = [("Heading 1", "pagina_titulo"), ("Heading 2", "mensaje")]
        if self.doc.cover is not None:
            restyled.append(("Title", "portada_titulo"))
        for name, role in restyled:
            size, color = t.size(role), t.color("oscuro")
            style = styles[name]
            style.font.size, style.font.bold = Pt(size), True
            style.font.color.rgb = _rgb(color)
            style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(0), Pt(6)
        _remove_title_border(styles["Title"].element)
        self._header_footer(section)
        core = self.word.core_properties
        core.title, core.subject, core.author = meta.title, meta.subject, meta.author
        core.keywords = ", ".join(meta.keywords)
        core.language, core.last_modified_by = meta.language, meta.author
        core.comments = "Generado con sectorial"
        stamp = build_time()
        core.created = core.modified = stamp.replace(tzinfo=None)
        core.revision = 1

    def _header_footer(self, section) -> None:
        t = self.theme
        for name in ("Header", "Footer"):  # their centre/right tabs assume portrait Letter
            self.word.styles[name].paragraph_format.tab_stops.clear_all()
        header = section.header.paragraphs[0]
        self._government_band(header, size=8)
        header.paragraph_format.tab_stops.add_tab_stop(Mm(self.content_mm),
                                                       WD_TAB_ALIGNMENT.RIGHT)
        run = header.add_run("\t" + self.doc.series)
        run.font.size, run.font.color.rgb = Pt(t.size("nota")), _rgb(t.color("suave"))
        footer = section.footer.paragraphs[0]
        footer.paragraph_format.tab_stops.add_tab_stop(Mm(self.content_mm),
                                                       WD_TAB_ALIGNMENT.RIGHT)
        run = footer.add_run(self.doc.meta.title + "\t")
        run.font.size, run.font.color.rgb = Pt(t.size("nota")), _rgb(t.color("suave"))
        _add_page_field(footer.add_run(), t.size("nota"))

    def _government_band(self, paragraph: WordParagraph, size: float) -> None:
        t = self.theme
        for text, fill, bold in ((f" {t.institution.country} ", t.color("primario"), True),
                                 (f" {t.institution.entity} ", t.color("oscuro"), False)):
            run = paragraph.add_run(text)
            run.bold, run.font.size = bold, Pt(size)
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            _shade_run(run, fill)

    # Pages -------------------------------------------------------------------------------

    def visit_Cover(self, cover: Cover) -> None:
        t, word = self.theme, self.word
        self.started = True
        band = word.paragraphs[0] if word.paragraphs else word.add_paragraph()
        self._government_band(band, size=14)
        band.paragraph_format.space_after = Pt(90)
        series = word.add_paragraph()
        run = series.add_run(cover.series)
        run.bold, run.font.size = True, Pt(t.size("portada_serie"))
        run.font.color.rgb = _rgb(t.color("primario"))
        word.add_paragraph(cover.title, style="Title").paragraph_format.space_after = Pt(70)
        for office in cover.offices:
            self._small(office, t.size("texto"), t.color("texto")).paragraph_format.space_after = (
                Pt(0))
        edition = self._small(cover.edition, t.size("mensaje"), t.color("oscuro"))
        edition.runs[0].bold = True
        edition.paragraph_format.space_before = Pt(8)

    def visit_BoxesPage(self, page: BoxesPage) -> None:
        self._heading(page.label, page.title)
        if page.heading:
            self.word.add_paragraph(page.heading, style="Heading 2").alignment = (
                WD_ALIGN_PARAGRAPH.CENTER)
        columns = max(1, page.columns)
        rows = -(-len(page.boxes) // columns)
        table = self.word.add_table(rows=rows, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _cell_margins(table, Mm(3))
        width = Mm((self.content_mm - 2) / columns)
        for index, box in enumerate(page.boxes):
            cell = table.cell(*divmod(index, columns))
            cell.width = width
            self._box(cell, box)
        for cell in table._cells[len(page.boxes):]:
            cell.width = width
        for row in table.rows:
            row.height = Mm(38)
        self._foot(page.foot)

    def visit_TopicPage(self, page: TopicPage) -> None:
        t = self.theme
        self._heading(page.label, page.title)
        if page.message:
            message = self.word.add_paragraph()
            self._runs(message, page.message, t.size("mensaje"))
            _shade_paragraph(message, t.color("fondo_caja"), t.color("primario"))
            message.paragraph_format.space_after = Pt(6)
        if page.charts:
            self._charts(page.charts)
        for bullet in page.bullets:
            paragraph = self.word.add_paragraph(style="List Bullet")
            self._runs(paragraph, bullet, t.size("texto"))
            paragraph.paragraph_format.space_after = Pt(2)
        self._foot(page.foot)

    def visit_ArticlePage(self, page: ArticlePage) -> None:
        t = self.theme
        breaks, self.started = self.started, True
        opening = []
        if page.kicker:
            opening.append(self._small(page.kicker, t.size("nota") + 1, t.color("primario")))
            opening[-1].runs[0].bold = True
        if page.dateline:
            opening.append(self._small(page.dateline, t.size("texto"), t.color("suave")))
        opening.append(self._heading("", page.headline))
        for index, paragraph in enumerate(opening):  # only the first one starts a new page
            paragraph.paragraph_format.page_break_before = breaks and index == 0
        if page.lead:
            lead = self.word.add_paragraph()
            self._runs(lead, page.lead, t.size("mensaje"))
            for run in lead.runs:
                run.bold = True
        for block in page.blocks:
            self._block(block)
        self._foot(page.foot)

    def _block(self, block: object) -> None:
        t = self.theme
        if isinstance(block, Subheading):
            self.word.add_paragraph(block.text, style="Heading 2")
        elif isinstance(block, Paragraph):
            paragraph = self.word.add_paragraph()
            self._runs(paragraph, block.text, t.size("texto"))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif isinstance(block, Quote):
            quote = self.word.add_paragraph(style="Quote")
            self._runs(quote, block.text, t.size("texto"), t.color("oscuro"))
            if block.attribution:
                self._small(block.attribution, t.size("nota"), t.color("suave"))
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Chart):
            self._charts((block,))
        else:
            raise RenderError(f"DocxRenderer no sabe dibujar un bloque de tipo "
                              f"'{type(block).__name__}'")

    def _table(self, table: Table) -> None:
        t = self.theme
        title = self._small(table.title, t.size("grafico_titulo"), t.color("oscuro"))
        title.runs[0].bold = True
        self._small(table.subtitle, t.size("grafico_titulo"), t.color("suave"))
        grid = self.word.add_table(rows=1 + len(table.rows), cols=len(table.header))
        grid.autofit = False
        first = self.content_mm * (0.6 if len(table.header) == 2 else 0.5)
        widths = [first] + [(self.content_mm - first) / (len(table.header) - 1)] * (
            len(table.header) - 1)
        for column, width in zip(grid.columns, widths):
            column.width = Mm(width)  # w:gridCol, which LibreOffice follows
            for cell in column.cells:
                cell.width = Mm(width)
        for row_index, values in enumerate((table.header, *table.rows)):
            for cell, value, numeric in zip(grid.rows[row_index].cells, values, table.numeric):
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(value)
                run.font.size = Pt(t.size("texto"))
                if numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if row_index == 0:
                    run.bold = True
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                    cell._tc.get_or_add_tcPr().append(_shd(t.color("oscuro")))
        _mark_header_row(grid)
        self.word.add_paragraph()

    # Blocks ------------------------------------------------------------------------------

    def _heading(self, label: str, title: str) -> WordParagraph:
        heading = self.word.add_paragraph(style="Heading 1")
        if label:
            run = heading.add_run(f"{label}: ")
            run.font.color.rgb = _rgb(self.theme.color("primario"))
        heading.add_run(title)
        heading.paragraph_format.page_break_before = self.started
        self.started = True
        return heading

    def _box(self, cell: _Cell, box: Box) -> None:
        t = self.theme
        _shade_cell(cell, t.color("fondo_caja"), t.color("primario"))
        figure = cell.paragraphs[0]
        run = figure.add_run(box.figure)
        run.bold, run.font.size = True, Pt(t.size("cifra"))
        run.font.color.rgb = _rgb(t.color("cifra"))
        figure.paragraph_format.space_after = Pt(2)
        self._runs(cell.add_paragraph(), box.caption, t.size("texto"))

    def _charts(self, charts: tuple[Chart, ...]) -> None:
        t = self.theme
        table = self.word.add_table(rows=1, cols=len(charts))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        width_mm = (self.content_mm - 2) / len(charts)
        for cell, chart in zip(table.rows[0].cells, charts):
            cell.width = Mm(width_mm)
            title = cell.paragraphs[0]
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = title.add_run(chart.title)
            run.bold, run.font.size = True, Pt(t.size("grafico_titulo"))
            run.font.color.rgb = _rgb(t.color("oscuro"))
            lines = [(chart.subtitle, t.color("suave"), False)]
            if chart.center_label:
                lines.append((chart.center_label, t.color("cifra"), True))
            for text, color, bold in lines:
                paragraph = self._small(text, t.size("grafico_titulo"), color, cell)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.runs[0].bold = bold
            self._picture(cell, chart, width_mm - 4)

    def _picture(self, cell: _Cell, chart: Chart, max_width_mm: float) -> None:
        data = self.images.get(chart.key)
        if data is None:
            raise RenderError(f"falta la imagen del gráfico '{chart.title}' ({chart.key})")
        paragraph = cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # Drawn at its print size; shrunk a little so a page of charts fits Word's layout.
        natural_mm = _png_width_mm(data, self.theme.chart_dpi)
        shape = paragraph.add_run().add_picture(io.BytesIO(data),
                                                width=Mm(min(max_width_mm, natural_mm * 0.9)))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", chart.alt_text)
        doc_pr.set("title", chart.title)

    def _foot(self, foot: SourceNote) -> None:
        t = self.theme
        lines: list[Text | str] = [*foot.notes, *foot.sources]
        if foot.credit:
            lines.append(foot.credit)
        for index, line in enumerate(lines):
            paragraph = self.word.add_paragraph()
            if isinstance(line, Text):
                self._runs(paragraph, line, t.size("nota"), t.color("suave"))
            else:
                run = paragraph.add_run(line)
                run.font.size, run.font.color.rgb = Pt(t.size("nota")), _rgb(t.color("suave"))
            paragraph.paragraph_format.space_after = Pt(0)
            if index == 0:
                paragraph.paragraph_format.space_before = Pt(6)

    def _runs(self, paragraph: WordParagraph, text: Text, size: float,
              color: str | None = None) -> None:
        for span in text.spans:
            run = paragraph.add_run(span.text)
            run.bold, run.font.size = span.bold, Pt(size)
            if color:
                run.font.color.rgb = _rgb(color)

    def _small(self, text: str, size: float, color: str, container=None) -> WordParagraph:
        target = container if container is not None else self.word
        paragraph = target.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size, run.font.color.rgb = Pt(size), _rgb(color)
        return paragraph


# Raw XML helpers (python-docx has no API for these) ----------------------------------------


def _png_width_mm(data: bytes, dpi: int) -> float:
    width_px = int.from_bytes(data[16:20], "big")  # IHDR width of a PNG
    return width_px / dpi * 25.4


def _set_font(style_element, font: str) -> None:
    rpr = style_element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def _set_language(word: WordDocument, language: str) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def _remove_title_border(style_element) -> None:
    ppr = style_element.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        ppr.remove(ppr.find(qn("w:pBdr")))


def _shd(fill: str) -> OxmlElement:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#"))
    return shading


def _border(tag: str, color: str, size: int) -> OxmlElement:
    border = OxmlElement(tag)
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), str(size))
    border.set(qn("w:space"), "4")
    border.set(qn("w:color"), color.lstrip("#"))
    return border


def _shade_run(run, fill: str) -> None:
    run._r.get_or_add_rPr().append(_shd(fill))


def _shade_paragraph(paragraph: WordParagraph, fill: str, accent: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(_border("w:left", accent, 24))
    ppr.append(borders)
    ppr.append(_shd(fill))


def _shade_cell(cell: _Cell, fill: str, accent: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    borders.append(_border("w:left", accent, 24))
    for side in ("w:top", "w:bottom", "w:right"):
        borders.append(_border(side, "#FFFFFF", 12))
    tcpr.append(borders)
    tcpr.append(_shd(fill))


def _cell_margins(table, margin) -> None:
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:top", "w:left", "w:bottom", "w:right"):
        element = OxmlElement(side)
        element.set(qn("w:w"), str(int(margin.twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.append(margins)


def _mark_header_row(table) -> None:
    """Mark the first row as a header row, repeated on each page (w:tblHeader)."""
    trpr = table.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _add_page_field(run, size: float) -> None:
    """Append a PAGE field (the page number Word and LibreOffice compute) to ``run``."""
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)

