"""The PDF renderer (reportlab): landscape slide-like pages, embedded fonts, bookmarks.

A visitor over the document model. It lays out and draws; it never computes or formats
a figure. Chart pictures come from ``images`` (drawn once per build by charts.py); the
running text of an article page is laid out by ``flow``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame
from reportlab.platypus import Paragraph as Para

from sectorial.doc.model import (
    ArticlePage,
    Box,
    BoxesPage,
    Chart,
    Cover,
    Document,
    SourceNote,
    Text,
    TopicPage,
    printed_texts,
)
from sectorial.doc.visitor import Visitor
from sectorial.errors import RenderError
from sectorial.layout import (
    BESIDE_SHARE,
    CHART_GAP_MM,
    CHART_ROOM_MM,
    COVER_BAND_SHARE,
    COVER_SERIES_AT,
    COVER_STRIP_MM,
    COVER_TEXT_GAP_MM,
    beside_table,
    bullets_that_fit,
    chart_rows,
    cuadro_widths_mm,
)
from sectorial.render.glyphs import missing_glyphs
from sectorial.render.pdf.band import government_band
from sectorial.render.pdf.centre import in_hole
from sectorial.render.pdf.flow import ArticleFlow
from sectorial.render.pdf.pdfa import finish_pdf
from sectorial.render.pdf.setter import BOLD, REGULAR, Typesetter, markup
from sectorial.render.pdf.tables import table_flowable
from sectorial.render.pdf.vector import draw as draw_vector
from sectorial.render.picture import VECTOR, Picture
from sectorial.style import Look

HEADER_H = 9 * mm
FOOTER_H = 7 * mm
TABLE_GAP = 3 * mm  # above each table of a topic page
MIN_CHART_H = 45 * mm  # the least room a row of charts with its titles is given


# Images as binary streams, not ASCII85 text: smaller files, and reportlab's pure-Python
# ASCII85 encoder was a third of the PDF time.
rl_config.useA85 = 0

def render(doc: Document, look: Look, images: Mapping[str, Picture], out: BinaryIO) -> None:
    """Write ``doc`` as PDF to ``out``; ``images`` maps chart keys to their pictures. The pages
    go through ``finish_pdf``: PDF/A per the house style, and the same bytes every build."""
    pages = io.BytesIO()
    PdfRenderer(doc, look, images, pages).render()
    out.write(finish_pdf(pages.getvalue(), doc.meta, look.pdfa))


def needs_pictures(doc: Document, look: Look) -> frozenset[str]:
    """What the PDF of ``doc`` needs of its charts: every chart, as vectors."""
    return frozenset({VECTOR}) if doc.charts() else frozenset()


def _register_fonts(look: Look) -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(look.pdf_regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(look.pdf_bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)


def problems(doc: Document, look: Look) -> list[RenderError]:
    """What would print wrong: a character the fonts cannot draw. Checked before anything
    is drawn (the charts use the same fonts)."""
    _register_fonts(look)
    regular, bold = (pdfmetrics.getFont(name).face.charToGlyph for name in (REGULAR, BOLD))
    return missing_glyphs(printed_texts(doc), frozenset(regular) & frozenset(bold))



class PdfRenderer(Visitor):
    """Draw each page of the model on a reportlab canvas."""

    def __init__(self, doc: Document, look: Look, images: Mapping[str, Picture], out: BinaryIO):
        _register_fonts(look)
        self.doc, self.look, self.images = doc, look, images
        self.setter = Typesetter(look, images)
        self._para = self.setter.para
        page = look.page
        self.width, self.height = page.width_mm * mm, page.height_mm * mm
        self.left, self.right = page.margin_left_mm * mm, self.width - page.margin_right_mm * mm
        self.top, self.bottom = self.height - page.margin_top_mm * mm, page.margin_bottom_mm * mm
        self.canvas = Canvas(out, pagesize=(self.width, self.height), lang=doc.meta.language,
                             initialFontName=REGULAR, initialFontSize=10, pageCompression=1,
                             invariant=1)

    def render(self) -> None:
        c = self.canvas
        c.setCreator("sectorial")  # title, author, subject, dates: finish_pdf, with the XMP
        c.showOutline()
        if self.doc.cover is not None:
            self.visit(self.doc.cover)
        for page in self.doc.pages:
            self.visit(page)
        c.save()

    # Pages -------------------------------------------------------------------------------

    def visit_Cover(self, cover: Cover) -> None:
        c, t = self.canvas, self.look
        self._bookmark(cover.title)
        band_w = self.width * COVER_BAND_SHARE
        c.setFillColor(HexColor(t.color("oscuro")))
        c.rect(self.width - band_w, 0, band_w, self.height, stroke=0, fill=1)
        c.setFillColor(HexColor(t.color("primario")))
        c.rect(self.width - band_w, 0, COVER_STRIP_MM * mm, self.height, stroke=0, fill=1)
        government_band(self.canvas, self.look, self.doc.masthead, self.left,
                        self.height - 34 * mm, scale=1.6)
        text_w = self.width - band_w - self.left - COVER_TEXT_GAP_MM * mm
        y = self.height * (1 - COVER_SERIES_AT)
        para, draw = self._para, self._draw
        y = draw(para(escape(cover.series), "portada_serie", t.color("primario"), bold=True),
                 self.left, y, text_w)
        c.setStrokeColor(HexColor(t.color("primario")))
        c.setLineWidth(2)
        c.line(self.left, y - 3 * mm, self.left + 40 * mm, y - 3 * mm)
        y = draw(para(escape(cover.title), "portada_titulo", t.color("oscuro"), bold=True,
                      leading=1.15), self.left, y - 8 * mm, text_w)
        y = self.bottom + 30 * mm
        for office in cover.offices:
            y = draw(para(escape(office), "texto", t.color("texto")), self.left, y, text_w)
        draw(para(escape(cover.edition), "mensaje", t.color("oscuro"), bold=True),
             self.left, y - 4 * mm, text_w)
        c.showPage()

    def visit_BoxesPage(self, page: BoxesPage) -> None:
        y = self._start_page(page.label, page.title)
        y = self._draw(self._para(escape(page.heading), "mensaje", self.look.color("oscuro"),
                                  bold=True, align=TA_CENTER),
                       self.left, y, self.right - self.left)
        foot_top = self._foot(page.foot)
        columns = max(1, page.columns)
        rows = -(-len(page.boxes) // columns)
        gap = 5 * mm
        box_w = (self.right - self.left - gap * (columns - 1)) / columns
        box_h = min(52 * mm, (y - 4 * mm - foot_top - gap * (rows - 1)) / max(rows, 1))
        for index, box in enumerate(page.boxes):
            row, col = divmod(index, columns)
            x = self.left + col * (box_w + gap)
            top = y - 4 * mm - row * (box_h + gap)
            self._box(box, x, top, box_w, box_h)
        self.canvas.showPage()

    def visit_TopicPage(self, page: TopicPage) -> None:
        t = self.look
        y = self._start_page(page.label, page.title)
        if page.message:
            y = self._message(page.message, y)
        foot_top = self._foot(page.foot)
        width = self.right - self.left
        bullets = [self.setter.bulleted(markup(b), "texto", t.color("texto"))
                   for b in page.bullets]
        heights = [p.wrap(width - 4 * mm, self.height)[1] + 2 * mm for p in bullets]
        beside = beside_table(page)
        split = self.left + width * BESIDE_SHARE  # beside a chart, tables take the right
        tables = self._tables(page, self.right - split - 6 * mm if beside else width)
        tables_h = sum(h + TABLE_GAP for _, _, h in tables)
        rows = len(chart_rows(page.charts)) if page.charts else 0
        reserved = (max(rows * CHART_ROOM_MM * mm, tables_h) if beside
                    else rows * CHART_ROOM_MM * mm + tables_h)
        # bullets that would leave the charts less than their room go on to the next page
        keep = bullets_that_fit(heights, y - 4 * mm - foot_top, reserved)
        bottom = foot_top + sum(heights[:keep]) + 4 * mm  # what charts and tables fill
        if tables_h > y - bottom:
            raise RenderError(f"los cuadros de la página '{page.title}' no caben en ella",
                              hint="quite filas ('maximo') o viñetas, o ponga cada cuadro "
                              "en su propia página")
        if beside:
            y = self._chart_and_tables(page, tables, split, y - 3 * mm, bottom)
        else:
            if page.charts:
                self._room(page, y - 3 * mm - bottom - tables_h)
                y = self._charts(page.charts, y - 3 * mm, bottom + tables_h)
            y = self._draw_tables(tables, self.left, width, y)
        self._bullets(list(zip(bullets, heights))[:keep], y - 4 * mm)
        self.canvas.showPage()
        self._continued(page, list(zip(bullets, heights))[keep:])

    def _bullets(self, bullets: list[tuple[Para, float]], top: float) -> None:
        for paragraph, h in bullets:
            paragraph.drawOn(self.canvas, self.left + 2 * mm, top - h + 2 * mm)
            top -= h

    def _continued(self, page: TopicPage, bullets: list[tuple[Para, float]]) -> None:
        """The bullets that did not fit, on pages of their own with the page's title."""
        while bullets:
            top = self._start_page(page.label, f"{page.title} (continuación)", 1) - 4 * mm
            keep = bullets_that_fit([h for _, h in bullets], top - self._foot(page.foot), 0)
            if not keep:
                raise RenderError(f"una viñeta de la página '{page.title}' no cabe en una "
                                  "página", hint="acorte esa viñeta o pártala en dos")
            self._bullets(bullets[:keep], top)
            self.canvas.showPage()
            bullets = bullets[keep:]

    def _chart_and_tables(self, page: TopicPage, tables: list[tuple[Flowable, float, float]],
                          split: float, top: float, bottom: float) -> float:
        """The chart on the left of ``split``, the tables on the right; return the lower
        bottom."""
        self._room(page, top - bottom)
        lowest = self._chart_row(page.charts, top, bottom, (self.left, split))
        x = self.right - max(w for _, w, _ in tables)
        return min(lowest, self._draw_tables(tables, x, self.right - x, top + TABLE_GAP))

    def _room(self, page: TopicPage, room: float) -> None:
        if room < MIN_CHART_H:
            raise RenderError(f"los gráficos de la página '{page.title}' no caben con sus "
                              "cuadros y viñetas", hint="quite filas a los cuadros "
                              "('maximo'), viñetas o gráficos, o pase el cuadro a otra página")

    def _tables(self, page: TopicPage, width: float) -> list[tuple[Flowable, float, float]]:
        """The page's tables at most ``width`` wide, each with its width and height."""
        made = []
        for table in page.tables:
            widths = [w * mm for w in cuadro_widths_mm(width / mm, table,
                                                       self.look.size("texto"))]
            w = sum(widths)
            flowable = table_flowable(self.setter, table, w, widths)
            made.append((flowable, w, flowable.wrap(w, self.height)[1]))
        return made

    def _draw_tables(self, tables: list[tuple[Flowable, float, float]], x: float,
                     width: float, top: float) -> float:
        """Draw the tables one under the other, centred in ``width`` from ``x``; return
        their bottom."""
        for flowable, w, h in tables:
            flowable.drawOn(self.canvas, x + (width - w) / 2, top - TABLE_GAP - h)
            top -= h + TABLE_GAP
        return top

    def visit_ArticlePage(self, page: ArticlePage) -> None:
        self._bookmark(page.headline)
        flowables = ArticleFlow(self.setter, self.right - self.left).page(page)
        frame_h = self.top - HEADER_H - 6 * mm - (self.bottom + FOOTER_H)
        while flowables:
            self._chrome()
            frame = Frame(self.left, self.bottom + FOOTER_H, self.right - self.left, frame_h,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            before = len(flowables)
            frame.addFromList(flowables, self.canvas)
            self.canvas.showPage()
            if len(flowables) == before:
                raise RenderError("un bloque no cabe en una página (una tabla o un gráfico "
                                  "demasiado grande)", hint="reduzca 'maximo' o el texto")

    # Building blocks ---------------------------------------------------------------------

    def _start_page(self, label: str, title: str, level: int = 0) -> float:
        """Draw header band, footer and title; bookmark the page; return the y below."""
        t = self.look
        heading = f"{label}: {title}" if label else title
        self._bookmark(heading, level)
        self._chrome()
        top = self.top - HEADER_H - 5 * mm
        text = (f'<font color="{t.color("primario")}">{escape(label)}:</font> '
                if label else "") + escape(title)
        return self._draw(self._para(text, "pagina_titulo", t.color("oscuro"), bold=True),
                          self.left, top, self.right - self.left) - 2 * mm

    def _chrome(self) -> None:
        """Draw the header band and the footer with the page number."""
        c, t = self.canvas, self.look
        government_band(c, t, self.doc.masthead, self.left, self.top - HEADER_H, scale=1.0)
        c.setFont(REGULAR, t.size("nota") + 0.5)
        c.setFillColor(HexColor(t.color("suave")))
        c.drawRightString(self.right, self.top - HEADER_H + 3 * mm, self.doc.series)
        c.setStrokeColor(HexColor(t.color("linea")))
        c.setLineWidth(0.6)
        c.line(self.left, self.bottom + FOOTER_H - 2 * mm, self.right,
               self.bottom + FOOTER_H - 2 * mm)
        c.setFont(REGULAR, t.size("nota"))
        c.drawString(self.left, self.bottom, self.doc.meta.title)
        c.drawRightString(self.right, self.bottom, str(c.getPageNumber()))

    def _message(self, message: Text, top: float) -> float:
        t = self.look
        width = self.right - self.left
        paragraph = self._para(markup(message), "mensaje", t.color("texto"))
        _, h = paragraph.wrap(width - 10 * mm, self.height)
        c = self.canvas
        c.setFillColor(HexColor(t.color("fondo_caja")))
        c.rect(self.left, top - h - 5 * mm, width, h + 5 * mm, stroke=0, fill=1)
        c.setFillColor(HexColor(t.color("primario")))
        c.rect(self.left, top - h - 5 * mm, 1.6 * mm, h + 5 * mm, stroke=0, fill=1)
        paragraph.drawOn(c, self.left + 6 * mm, top - h - 2.5 * mm)
        return top - h - 5 * mm

    def _charts(self, charts: tuple[Chart, ...], top: float, bottom: float) -> float:
        """Draw the charts in their rows between ``top`` and ``bottom``; return their bottom."""
        rows = chart_rows(charts)
        share = (top - bottom) / len(rows)
        lowest = top
        for index, row in enumerate(rows):
            if index:
                top = lowest - 3 * mm
            low = bottom if index == len(rows) - 1 else top - share
            lowest = self._chart_row(row, top, low)
        return lowest

    def _chart_row(self, charts: tuple[Chart, ...], top: float, bottom: float,
                   span: tuple[float, float] | None = None) -> float:
        """Draw charts side by side between ``top`` and ``bottom`` (and between the ``span``
        of x, by default the body's); return their bottom."""
        gap = CHART_GAP_MM * mm
        lowest = top
        count = len(charts)
        left, right = span or (self.left, self.right)
        cell_w = (right - left - gap * (count - 1)) / count
        for index, chart in enumerate(charts):
            x = left + index * (cell_w + gap)
            y = self._draw(self._para(escape(chart.title), "grafico_titulo",
                                      self.look.color("oscuro"), bold=True, align=TA_CENTER),
                           x, top, cell_w)
            y = self._draw(self._para(escape(chart.subtitle), "grafico_titulo",
                                      self.look.color("suave"), align=TA_CENTER), x, y, cell_w)
            lowest = min(lowest, self._image(chart, x, y - 1 * mm, cell_w, y - 1 * mm - bottom))
        return lowest

    def _image(self, chart: Chart, x: float, top: float, max_w: float, max_h: float) -> float:
        """Draw the chart centred in its frame, at the size it was laid out for (or laid
        out anew for a smaller frame); return its bottom."""
        picture = self.setter.fitted(chart, max_w, max(max_h, 10 * mm))
        vector = picture.vector
        w, h = vector.width, vector.height
        left = x + (max_w - w) / 2
        draw_vector(self.canvas, vector, left, top - h)
        if picture.hole and chart.center_label:
            in_hole(self.canvas, self.look, chart.center_label, picture.hole, (left, top, w, h))
        return top - h

    def _box(self, box: Box, x: float, top: float, w: float, h: float) -> None:
        c, t = self.canvas, self.look
        c.setFillColor(HexColor(t.color("fondo_caja")))
        c.roundRect(x, top - h, w, h, 2.5 * mm, stroke=0, fill=1)
        c.setFillColor(HexColor(t.color("primario")))
        c.rect(x, top - h + 4 * mm, 1.4 * mm, h - 8 * mm, stroke=0, fill=1)
        inner = w - 10 * mm
        y = self._draw(self._para(escape(box.figure), "cifra", t.color("cifra"), bold=True,
                                  leading=1.1), x + 5 * mm, top - 4 * mm, inner)
        self._draw(self._para(markup(box.caption), "texto", t.color("texto")),
                   x + 5 * mm, y - 1.5 * mm, inner)

    def _foot(self, foot: SourceNote) -> float:
        """Draw notes, sources and credit above the footer line; return their top."""
        t = self.look
        lines = [markup(n) for n in foot.notes] + [escape(s) for s in foot.sources]
        if foot.credit:
            lines.append(escape(foot.credit))
        y = self.bottom + FOOTER_H
        for line in reversed(lines):
            paragraph = self._para(line, "nota", t.color("suave"))
            _, h = paragraph.wrap(self.right - self.left, self.height)
            paragraph.drawOn(self.canvas, self.left, y)
            y += h + 0.5 * mm
        return y

    # Text helpers ------------------------------------------------------------------------

    def _draw(self, paragraph: Para, x: float, top: float, width: float) -> float:
        _, h = paragraph.wrap(width, self.height)
        paragraph.drawOn(self.canvas, x, top - h)
        return top - h

    def _bookmark(self, title: str, level: int = 0) -> None:
        """A bookmark per page of the model; its continuation pages, under it."""
        key = f"p{self.canvas.getPageNumber()}"
        self.canvas.bookmarkPage(key)
        self.canvas.addOutlineEntry(title, key, level=level)
