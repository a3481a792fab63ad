"""The DOCX renderer (python-docx): the same brief, made to be edited in Word.

Real heading styles (the navigation pane lists the sections), real tables for the cover band,
the grid of boxes and the row of charts, pictures with alternative text, a landscape section
and the document language. The raw XML python-docx has no API for is written by ``xml``;
the native charts by ``charts``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import BinaryIO

from docx.document import Document as WordDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Length, Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from sectorial.doc import model as m
from sectorial.doc.visitor import Visitor
from sectorial.errors import RenderError, SectorialError
from sectorial.layout import (
    BESIDE_SHARE,
    beside_table,
    chart_rows,
    chart_sizes,
    cuadro_widths_mm,
    table_widths,
)
from sectorial.render.picture import PIXELS, Picture
from sectorial.render.word.cover import (
    HEADER_LOGO_MM,
    cover_problems,
    government_band,
    write_cover,
)
from sectorial.render.word.setup import (
    opened,
    package_properties,
    page_setup,
    properties,
    reference_document_of,
    reference_problems,
    styled,
)
from sectorial.render.word.styles import WHITE
from sectorial.render.word.tables import add_text, fixed_table, write_table
from sectorial.render.word.xml import (
    add_page_field,
    cell_margins,
    flag_row,
    paragraph_border,
    set_alt_text,
    set_style,
    shade_cell,
)
from sectorial.reproducible import fixed_zip, stamp
from sectorial.style import Look

HEADER_MM, FOOTER_MM = 6.0, 4.0  # room the header band and the page number take from the body
BOX_MAX_MM, BOX_ROOM_MM = 52.0, 45.0  # a card's height at most; what title, heading and foot take
CHART_HEIGHT_SHARE = 0.5  # of the body height: leaves room for message, bullets and sources


def render(doc: m.Document, look: Look, images: Mapping[str, Picture], out: BinaryIO) -> None:
    """Write the document as DOCX to ``out``; ``images`` maps chart keys to their pictures
    (only the charts shown as pictures need one)."""
    DocxRenderer(look, images).render(doc, out)


def problems(doc: m.Document, look: Look) -> list[SectorialError]:
    """A cover title too long for the cover; a style the house style's reference document
    lacks; a character the charts drawn as pictures cannot draw (Word itself finds a font for
    its own text and its native charts)."""
    found: list[SectorialError] = list(cover_problems(doc.cover, look))
    if look.docx_reference is not None:
        found += reference_problems(reference_document_of(look), look, bool(doc.tables()))
    pictured = [chart for chart in doc.charts() if not native(chart, look)]
    if not pictured:
        return found
    from sectorial.render.charts import covered_characters
    from sectorial.render.glyphs import missing_glyphs

    return found + missing_glyphs(m.printed_texts(pictured), covered_characters(look))


def needs_pictures(doc: m.Document, look: Look) -> frozenset[str]:
    """What the DOCX of ``doc`` needs of its charts: pixels, when it holds chart pictures
    (native charts need none)."""
    pictured = any(not native(chart, look) for chart in doc.charts())
    return frozenset({PIXELS}) if pictured else frozenset()


def native(chart: m.Chart, look: Look) -> bool:
    """Whether ``chart`` goes into the DOCX as a native Word chart: an editable chart, as
    the chart or else the house style says."""
    return chart.editable if chart.editable is not None else look.docx_charts == "nativo"


CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DocxRenderer(Visitor):
    """Write each node of the model into one python-docx document."""

    def __init__(self, look: Look, images: Mapping[str, Picture]):
        self.look, self.images = look, images
        self.word: WordDocument = opened(look)
        self.pages = 0  # model pages written: every one after the first starts a new page
        self.charts_written = 0  # native chart parts: chart1.xml, chart2.xml…
        self.sizes: dict[str, tuple[float, float]] = {}  # chart key -> drawn size (mm)
        self.created = stamp(None)  # the document's date, set when the document is visited
        self.language = "es-PE"  # the document's, set then too
        page = look.page
        self.width_mm = page.width_mm - page.margin_left_mm - page.margin_right_mm
        self.height_mm = (page.height_mm - page.margin_top_mm - page.margin_bottom_mm
                          - HEADER_MM - FOOTER_MM)

    def render(self, doc: m.Document, out: BinaryIO) -> None:
        """Lay out the whole document and save it to ``out``."""
        self.visit(doc)
        package_properties(self.word, doc.masthead.entity)
        raw = io.BytesIO()
        self.word.save(raw)
        out.write(fixed_zip(raw.getvalue(), stamp(doc.meta.created)))

    def visit_Document(self, doc: m.Document) -> None:
        self.created = stamp(doc.meta.created)
        self.language = doc.meta.language
        self.sizes = chart_sizes(doc, self.look.page)
        self.masthead = doc.masthead
        page_setup(self.word, self.look.page, (HEADER_MM, FOOTER_MM))
        styled(self.word, self.look, doc)
        properties(self.word, doc.meta)
        self._header_footer(doc)
        for node in (doc.cover, *doc.pages) if doc.cover else doc.pages:
            self.visit(node)

    # Document-wide settings --------------------------------------------------------------

    def _header_footer(self, doc: m.Document) -> None:
        section = self.word.sections[0]
        # The cover carries its own band; without a cover every page has the header.
        section.different_first_page_header_footer = doc.cover is not None
        header, footer = section.header.paragraphs[0], section.footer.paragraphs[0]
        for paragraph in (header, footer):
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(self.width_mm),
                                                              WD_TAB_ALIGNMENT.RIGHT)
        government_band(header, self.look, doc.masthead, HEADER_LOGO_MM)
        self._text(header, "\t" + doc.series)
        paragraph_border(header, "bottom", self.look.color("linea"), 4)
        self._text(footer, doc.meta.title + "\t")
        add_page_field(footer, "Número de página")

    # Pages -------------------------------------------------------------------------------

    def visit_Cover(self, cover: m.Cover) -> None:
        write_cover(self.word, self.look, cover, self.masthead, self._styled)

    def visit_BoxesPage(self, page: m.BoxesPage) -> None:
        self._start_page(self._page_heading(page.label, page.title))
        if page.heading:
            self._styled(self.word, "Encabezado de indicadores", page.heading)
        columns = max(1, page.columns)
        rows = max(1, -(-len(page.boxes) // columns))
        grid = self._table([self.width_mm / columns] * columns, rows)
        cell_margins(grid, Mm(3), Mm(3))
        for index, box in enumerate(page.boxes):
            self._box(grid.cell(*divmod(index, columns)), box)
        for row in grid.rows:
            row.height = Mm(min(BOX_MAX_MM, (self.height_mm - BOX_ROOM_MM) / rows))
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            flag_row(row._tr, "cantSplit")
        self.visit(page.foot)

    def visit_TopicPage(self, page: m.TopicPage) -> None:
        self._start_page(self._page_heading(page.label, page.title))
        if page.message:
            self._styled(self.word, "Mensaje clave", page.message)
        if beside_table(page):
            self._chart_and_tables(page)
        else:
            for row in chart_rows(page.charts):
                self._chart_row(row)
            for table in page.tables:
                write_table(self.word, self.look, table, self._widths(table, self.width_mm),
                            self.width_mm)
        for bullet in page.bullets:
            self._styled(self.word, "List Bullet", bullet)
        self.visit(page.foot)

    def visit_ArticlePage(self, page: m.ArticlePage) -> None:
        opening = []
        if page.kicker:
            opening.append(self._styled(self.word, "Antetítulo", page.kicker))
        if page.dateline:
            opening.append(self._styled(self.word, "Lugar y fecha", page.dateline))
        opening.append(self._page_heading("", page.headline))
        self._start_page(opening[0])
        if page.lead:
            self._styled(self.word, "Entradilla", page.lead)
        for block in page.blocks:
            self.visit(block)
        self.visit(page.foot)

    # Blocks ------------------------------------------------------------------------------

    def visit_Subheading(self, block: m.Subheading) -> None:
        self._styled(self.word, "Heading 2", block.text)

    def visit_Paragraph(self, block: m.Paragraph) -> None:
        self._styled(self.word, "Párrafo de artículo", block.text)

    def visit_Quote(self, block: m.Quote) -> None:
        self._styled(self.word, "Quote", block.text)
        if block.attribution:
            self._styled(self.word, "Autor de cita", block.attribution)

    def visit_Chart(self, block: m.Chart) -> None:
        self._chart_row((block,))

    def visit_Table(self, block: m.Table) -> None:
        write_table(self.word, self.look, block,
                    table_widths(self.width_mm, len(block.header)))

    def visit_SourceNote(self, foot: m.SourceNote) -> None:
        lines = [*foot.notes, *(m.Text((m.Span(line),)) for line in foot.sources)]
        if foot.credit:
            lines.append(m.Text((m.Span(foot.credit),)))
        for index, line in enumerate(lines):
            paragraph = self._styled(self.word, "Nota de fuente", line)
            if index == 0:  # apart from what it notes
                paragraph.paragraph_format.space_before = Pt(6)

    # Pieces ------------------------------------------------------------------------------

    def _start_page(self, paragraph: WordParagraph) -> None:
        """Start a model page on a new Word page, except the first one."""
        paragraph.paragraph_format.page_break_before = self.pages > 0
        self.pages += 1

    def _page_heading(self, label: str, title: str) -> WordParagraph:
        """Write "LABEL: title" as a Heading 1, the label in the institutional colour."""
        heading = self.word.add_paragraph()
        set_style(heading, "Heading 1")
        if label:
            self._text(heading, f"{label}: ", "Etiqueta de página")
        add_text(heading, title)
        return heading

    def _box(self, cell: _Cell, box: m.Box) -> None:
        shade_cell(cell, self.look.color("fondo_caja"), border=WHITE,
                   accent=self.look.color("primario"))  # the card's bar, as in the PDF
        self._styled(cell, "Cifra de caja", box.figure)
        self._styled(cell, "Texto de caja", box.caption)

    def _chart_row(self, charts: tuple[m.Chart, ...]) -> None:
        """Write charts side by side in a borderless table, one column per chart."""
        width_mm = self.width_mm / len(charts)
        row = self._table([width_mm] * len(charts), rows=1)
        cell_margins(row, Mm(1.5), Mm(0))
        for cell, chart in zip(row.rows[0].cells, charts):
            self._chart_cell(cell, chart, width_mm)

    def _chart_and_tables(self, page: m.TopicPage) -> None:
        """The chart on the left, the tables on the right, in a borderless table."""
        chart_mm = self.width_mm * BESIDE_SHARE
        room = self.width_mm - chart_mm
        row = self._table([chart_mm, room], rows=1)
        cell_margins(row, Mm(1.5), Mm(0))
        left, right = row.rows[0].cells
        self._chart_cell(left, page.charts[0], chart_mm)
        for table in page.tables:
            write_table(right, self.look, table, self._widths(table, room - 6), room - 3)

    def _widths(self, table: m.Table, room_mm: float) -> list[float]:
        return cuadro_widths_mm(room_mm, table, self.look.size("texto"))

    def _chart_cell(self, cell: _Cell, chart: m.Chart, width_mm: float) -> None:
        """A chart's title, unit line, centre figure and picture in a layout cell."""
        # a donut's centre figure: in its hole in a Word chart, above a picture
        self._styled(cell, "Título de gráfico", chart.title)
        self._styled(cell, "Unidad de gráfico", chart.subtitle)
        if chart.center_label and not native(chart, self.look):
            self._styled(cell, "Cifra central de gráfico", chart.center_label)
        self._picture(self._styled(cell, "Gráfico"), chart, width_mm - 3)

    def _picture(self, paragraph: WordParagraph, chart: m.Chart, max_width_mm: float) -> None:
        """Insert the chart fitted to the cell and to the page height, with alt text: a
        native Word chart or the PNG, as the house style says."""
        picture = None
        if native(chart, self.look):
            # Sized by the layout the pictures follow: no picture is needed to write it.
            drawn_w, drawn_h = (Mm(side) for side in self.sizes[chart.key])
        else:
            picture = self.images.get(chart.key)
            if picture is None:
                raise RenderError(f"falta la imagen del gráfico '{chart.title}' ({chart.key})",
                                  hint="dibuje los gráficos antes de escribir el DOCX")
            drawn_w, drawn_h = (Inches(side) for side in picture.size_in)
        max_height = Mm(self.height_mm * CHART_HEIGHT_SHARE)
        width = min(Mm(max_width_mm), drawn_w, int(max_height * drawn_w / drawn_h))
        if picture is None:
            self._native_chart(paragraph, chart, Length(width),
                               Length(int(width * drawn_h / drawn_w)))
            return
        shape = paragraph.add_run().add_picture(io.BytesIO(picture.png()), width=Length(width))
        set_alt_text(shape._inline, chart.alt_text, chart.title)

    def _native_chart(self, paragraph: WordParagraph, chart: m.Chart, width: Length,
                      height: Length) -> None:
        """A DrawingML chart part with its workbook, related from the document part."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        from sectorial.render.word.centre import SHAPES_RELATIONSHIP, SHAPES_TYPE, centre_shapes
        from sectorial.render.word.charts import with_parts, word_chart

        made = word_chart(chart, self.look, self.created, self.sizes[chart.key])
        part = self.word.part
        self.charts_written += 1
        number = self.charts_written
        workbook = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Sheet{number}.xlsx"),
                        XLSX_TYPE, made.workbook, part.package)
        chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CHART_TYPE, b"",
                          part.package)
        workbook_id, shapes_id = chart_part.relate_to(workbook, RT.PACKAGE), None
        if chart.kind == "donut" and chart.center_label:  # the figure in the hole
            shapes = Part(PackURI(f"/word/drawings/drawing{number}.xml"), SHAPES_TYPE,
                          centre_shapes(chart, self.look, self.sizes[chart.key],
                                        self.language), part.package)
            shapes_id = chart_part.relate_to(shapes, SHAPES_RELATIONSHIP)
        chart_part._blob = with_parts(made.xml, workbook_id, shapes_id)
        chart_id = part.relate_to(chart_part, RT.CHART)
        drawing = parse_xml(
            f'<w:drawing {nsdecls("w", "wp", "a", "c", "r")}><wp:inline distT="0" distB="0" '
            f'distL="0" distR="0"><wp:extent cx="{int(width)}" cy="{int(height)}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{part.next_id}" name="Gráfico {number}"/>'
            '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart r:id="{chart_id}"/></a:graphicData></a:graphic></wp:inline></w:drawing>')
        set_alt_text(drawing[0], chart.alt_text, chart.title)
        paragraph.add_run()._r.append(drawing)

    def _table(self, widths_mm: list[float], rows: int) -> WordTable:
        return fixed_table(self.word, widths_mm, rows)

    def _styled(self, where: WordDocument | _Cell, style: str,
                text: str | m.Text = "") -> WordParagraph:
        """A paragraph in a named style (a new cell's first, empty one, or a new one), its
        text in runs that carry no formatting of their own but a bold span's."""
        first = where.paragraphs[0] if isinstance(where, _Cell) else None
        if first is not None and len(where.paragraphs) == 1 and not first.runs:
            paragraph = first
        else:
            paragraph = where.add_paragraph()
        set_style(paragraph, style)
        if isinstance(text, str):
            if text:
                add_text(paragraph, text)
            return paragraph
        for span in text.spans:
            self._text(paragraph, span.text, "Strong" if span.bold else None)
        return paragraph

    def _text(self, paragraph: WordParagraph, text: str, style: str | None = None) -> Run:
        run = add_text(paragraph, text)
        if style:
            set_style(run, style)
        return run
