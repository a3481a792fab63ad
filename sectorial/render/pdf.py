"""The PDF renderer (reportlab): landscape slide-like pages, embedded fonts, bookmarks.

A visitor over the document model. It lays out and draws; it never computes or formats
a figure. Chart pictures come from ``images`` (drawn once per build by charts.py).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Image, Spacer, TableStyle
from reportlab.platypus import Paragraph as Para
from reportlab.platypus import Table as PlatypusTable

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
from sectorial.render.pdfa import finish_pdf
from sectorial.render.picture import Picture
from sectorial.style import Theme

REGULAR, BOLD = "House", "House-Bold"
HEADER_H = 9 * mm
FOOTER_H = 7 * mm


# Images as binary streams, not ASCII85 text: smaller files, and reportlab's pure-Python
# ASCII85 encoder was a third of the PDF time.
rl_config.useA85 = 0

def render_pdf(doc: Document, theme: Theme, images: Mapping[str, Picture], out: BinaryIO) -> None:
    """Write ``doc`` as PDF to ``out``; ``images`` maps chart keys to their pictures. The pages
    go through ``finish_pdf``: PDF/A per the house style, and the same bytes every build."""
    pages = io.BytesIO()
    PdfRenderer(doc, theme, images, pages).render()
    out.write(finish_pdf(pages.getvalue(), doc.meta, theme.pdfa))


def needs_pictures(doc: Document, theme: Theme) -> bool:
    """Whether the PDF of ``doc`` holds chart pictures: every chart is one."""
    return bool(doc.charts())


def _register_fonts(theme: Theme) -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(theme.pdf_regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(theme.pdf_bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)


def markup(text: Text) -> str:
    """Return reportlab paragraph markup for a Text (bold spans as <b>)."""
    return "".join(f"<b>{escape(s.text)}</b>" if s.bold else escape(s.text) for s in text.spans)


class PdfRenderer(Visitor):
    """Draw each page of the model on a reportlab canvas."""

    def __init__(self, doc: Document, theme: Theme, images: Mapping[str, Picture], out: BinaryIO):
        _register_fonts(theme)
        self.doc, self.theme, self.images = doc, theme, images
        page = theme.page
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
        c, t = self.canvas, self.theme
        self._bookmark(cover.title)
        band_w = self.width * 0.36
        c.setFillColor(HexColor(t.color("oscuro")))
        c.rect(self.width - band_w, 0, band_w, self.height, stroke=0, fill=1)
        c.setFillColor(HexColor(t.color("primario")))
        c.rect(self.width - band_w, 0, 5 * mm, self.height, stroke=0, fill=1)
        self._government_band(self.left, self.height - 34 * mm, scale=1.6)
        text_w = self.width - band_w - self.left - 14 * mm
        y = self.height * 0.62
        y = self._paragraph(cover.series, self.left, y, text_w, "portada_serie",
                            color=t.color("primario"), bold=True)
        c.setStrokeColor(HexColor(t.color("primario")))
        c.setLineWidth(2)
        c.line(self.left, y - 3 * mm, self.left + 40 * mm, y - 3 * mm)
        y = self._paragraph(cover.title, self.left, y - 8 * mm, text_w, "portada_titulo",
                            color=t.color("oscuro"), bold=True, leading=1.15)
        y = self.bottom + 30 * mm
        for office in cover.offices:
            y = self._paragraph(office, self.left, y, text_w, "texto", color=t.color("texto"))
        self._paragraph(cover.edition, self.left, y - 4 * mm, text_w, "mensaje",
                        color=t.color("oscuro"), bold=True)
        c.showPage()

    def visit_BoxesPage(self, page: BoxesPage) -> None:
        y = self._start_page(page.label, page.title)
        y = self._paragraph(page.heading, self.left, y, self.right - self.left, "mensaje",
                            color=self.theme.color("oscuro"), bold=True, align=TA_CENTER)
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
        t = self.theme
        y = self._start_page(page.label, page.title)
        if page.message:
            y = self._message(page.message, y)
        foot_top = self._foot(page.foot)
        width = self.right - self.left
        bullets = [self._para(f"•&nbsp;&nbsp;{markup(b)}", "texto", t.color("texto"))
                   for b in page.bullets]
        heights = [p.wrap(width - 4 * mm, self.height)[1] for p in bullets]
        bullets_h = sum(heights) + 2 * mm * len(bullets)
        chart_bottom = foot_top + bullets_h + 4 * mm
        if page.charts:
            y = self._charts(page.charts, y - 3 * mm, chart_bottom)
        yb = y - 4 * mm
        for paragraph, h in zip(bullets, heights):
            paragraph.drawOn(self.canvas, self.left + 2 * mm, yb - h)
            yb -= h + 2 * mm
        self.canvas.showPage()

    def visit_ArticlePage(self, page: ArticlePage) -> None:
        self._bookmark(page.headline)
        flowables = self._article(page)
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

    def _article(self, page: ArticlePage) -> list:
        """Return the flowables of an article page, in reading order."""
        t = self.theme
        flow: list = []
        if page.kicker:
            flow.append(self._para(escape(page.kicker), "nota", t.color("primario"), bold=True))
        if page.dateline:
            flow.append(self._para(escape(page.dateline), "texto", t.color("suave")))
        flow += [Spacer(0, 2 * mm),
                 self._para(escape(page.headline), "pagina_titulo", t.color("oscuro"),
                            bold=True, leading=1.15), Spacer(0, 3 * mm)]
        if page.lead:
            flow += [self._para(markup(page.lead), "mensaje", t.color("texto"), bold=True),
                     Spacer(0, 3 * mm)]
        for block in page.blocks:
            flow += self._block(block)
        notes = [markup(n) for n in page.foot.notes] + [escape(x) for x in page.foot.sources]
        flow.append(Spacer(0, 4 * mm))
        flow += [self._para(n, "nota", t.color("suave")) for n in notes]
        if page.foot.credit:
            flow.append(self._para(escape(page.foot.credit), "nota", t.color("suave")))
        return flow

    def _block(self, block: object) -> list:
        t = self.theme
        if isinstance(block, Subheading):
            return [Spacer(0, 2 * mm), self._para(escape(block.text), "mensaje",
                                                  t.color("primario"), bold=True),
                    Spacer(0, 1 * mm)]
        if isinstance(block, Paragraph):
            return [self._para(markup(block.text), "texto", t.color("texto"),
                               align=TA_JUSTIFY, leading=1.45), Spacer(0, 2.5 * mm)]
        if isinstance(block, Quote):
            quote = self._para(markup(block.text), "texto", t.color("oscuro"), leading=1.45)
            cells = [[quote]]
            if block.attribution:
                cells.append([self._para(escape(block.attribution), "nota", t.color("suave"))])
            box = PlatypusTable(cells, colWidths=[self.right - self.left - 8 * mm])
            box.setStyle(TableStyle([
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, unembedded
                ("LINEBEFORE", (0, 0), (0, -1), 2, HexColor(t.color("primario"))),
                ("BACKGROUND", (0, 0), (-1, -1), HexColor(t.color("fondo_caja"))),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
            ]))
            return [box, Spacer(0, 3 * mm)]
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, Chart):
            return self._chart_flowables(block)
        raise RenderError(f"PdfRenderer no sabe dibujar un bloque de tipo "
                          f"'{type(block).__name__}'")

    def _table(self, table: Table) -> list:
        t = self.theme
        size = t.size("texto")

        def cell(text: str, numeric: bool, bold: bool = False, color: str = "texto") -> Para:
            return self._para(escape(text), "texto", t.color(color), bold=bold,
                              align=TA_RIGHT if numeric else TA_LEFT)

        data = [[cell(h, n, True, "fondo_caja") for h, n in zip(table.header, table.numeric)]]
        data += [[cell(v, n) for v, n in zip(row, table.numeric)] for row in table.rows]
        width = self.right - self.left
        first = width * (0.6 if len(table.header) == 2 else 0.5)
        rest = (width - first) / (len(table.header) - 1)
        grid = PlatypusTable(data, colWidths=[first] + [rest] * (len(table.header) - 1),
                             repeatRows=1)
        grid.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, unembedded
            ("BACKGROUND", (0, 0), (-1, 0), HexColor(t.color("oscuro"))),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor(t.color("linea"))),
            ("TOPPADDING", (0, 0), (-1, -1), size * 0.25),
            ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.25),
        ]))
        # One outer cell per line so that the heading never stays behind on another page.
        unit = PlatypusTable(
            [[self._para(escape(table.title), "grafico_titulo", t.color("oscuro"), bold=True)],
             [self._para(escape(table.subtitle), "grafico_titulo", t.color("suave"))],
             [grid]],
            colWidths=[width],
        )
        unit.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
        return [unit, Spacer(0, 4 * mm)]

    def _chart_flowables(self, chart: Chart) -> list:
        picture = self._picture(chart)
        width = self.right - self.left
        t = self.theme
        return [self._para(escape(chart.title), "grafico_titulo", t.color("oscuro"), bold=True),
                self._para(escape(chart.subtitle), "grafico_titulo", t.color("suave")),
                Image(ImageReader(picture.image()), width=width,
                      height=width * picture.height / picture.width),
                Spacer(0, 3 * mm)]

    def _picture(self, chart: Chart) -> Picture:
        picture = self.images.get(chart.key)
        if picture is None:
            raise RenderError(f"falta la imagen del gráfico '{chart.title}' ({chart.key})")
        return picture

    # Building blocks ---------------------------------------------------------------------

    def _start_page(self, label: str, title: str) -> float:
        """Draw header band, footer and title; bookmark the page; return the y below."""
        t = self.theme
        heading = f"{label}: {title}" if label else title
        self._bookmark(heading)
        self._chrome()
        top = self.top - HEADER_H - 5 * mm
        text = (f'<font color="{t.color("primario")}">{escape(label)}:</font> '
                if label else "") + escape(title)
        return self._draw(self._para(text, "pagina_titulo", t.color("oscuro"), bold=True),
                          self.left, top, self.right - self.left) - 2 * mm

    def _chrome(self) -> None:
        """Draw the header band and the footer with the page number."""
        c, t = self.canvas, self.theme
        self._government_band(self.left, self.top - HEADER_H, scale=1.0)
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

    def _government_band(self, x: float, y: float, scale: float) -> None:
        """Draw the state identity: a red block with the country, then the institution."""
        c, t = self.canvas, self.theme
        h = 7 * mm * scale
        country = t.institution.country
        size = 9 * scale
        w1 = pdfmetrics.stringWidth(country, BOLD, size) + 6 * mm * scale
        c.setFillColor(HexColor(t.color("primario")))
        c.rect(x, y, w1, h, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(BOLD, size)
        c.drawString(x + 3 * mm * scale, y + h / 2 - size * 0.35, country)
        entity = t.institution.entity
        w2 = pdfmetrics.stringWidth(entity, REGULAR, size * 0.85) + 6 * mm * scale
        c.setFillColor(HexColor(t.color("oscuro")))
        c.rect(x + w1, y, w2, h, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(REGULAR, size * 0.85)
        c.drawString(x + w1 + 3 * mm * scale, y + h / 2 - size * 0.3, entity)

    def _message(self, message: Text, top: float) -> float:
        t = self.theme
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
        """Draw the charts side by side between ``top`` and ``bottom``; return their bottom."""
        gap = 8 * mm
        lowest = top
        count = len(charts)
        cell_w = (self.right - self.left - gap * (count - 1)) / count
        for index, chart in enumerate(charts):
            x = self.left + index * (cell_w + gap)
            y = self._draw(self._para(escape(chart.title), "grafico_titulo",
                                      self.theme.color("oscuro"), bold=True, align=TA_CENTER),
                           x, top, cell_w)
            y = self._draw(self._para(escape(chart.subtitle), "grafico_titulo",
                                      self.theme.color("suave"), align=TA_CENTER), x, y, cell_w)
            if chart.center_label:
                y = self._draw(self._para(escape(chart.center_label), "grafico_titulo",
                                          self.theme.color("cifra"), bold=True,
                                          align=TA_CENTER), x, y - 1 * mm, cell_w)
            lowest = min(lowest, self._image(chart, x, y - 1 * mm, cell_w, y - 1 * mm - bottom))
        return lowest

    def _image(self, chart: Chart, x: float, top: float, max_w: float, max_h: float) -> float:
        picture = self._picture(chart)
        px_w, px_h = picture.width, picture.height
        scale = min(max_w / px_w, max(max_h, 10 * mm) / px_h)
        w, h = px_w * scale, px_h * scale
        self.canvas.drawImage(ImageReader(picture.image()), x + (max_w - w) / 2, top - h, w, h)
        return top - h

    def _box(self, box: Box, x: float, top: float, w: float, h: float) -> None:
        c, t = self.canvas, self.theme
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
        t = self.theme
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

    def _para(self, text: str, size_role: str, color: str, *, bold: bool = False,
              align: int = TA_LEFT, leading: float = 1.25) -> Para:
        size = self.theme.size(size_role)
        style = ParagraphStyle(
            name=size_role, fontName=BOLD if bold else REGULAR, fontSize=size,
            leading=size * leading, textColor=HexColor(color), alignment=align,
        )
        return Para(text, style)

    def _draw(self, paragraph: Para, x: float, top: float, width: float) -> float:
        _, h = paragraph.wrap(width, self.height)
        paragraph.drawOn(self.canvas, x, top - h)
        return top - h

    def _paragraph(self, text: str, x: float, top: float, width: float, size_role: str, *,
                   color: str, bold: bool = False, align: int = TA_LEFT,
                   leading: float = 1.25) -> float:
        para = self._para(escape(text), size_role, color, bold=bold, align=align, leading=leading)
        return self._draw(para, x, top, width)

    def _bookmark(self, title: str) -> None:
        key = f"p{self.canvas.getPageNumber()}"
        self.canvas.bookmarkPage(key)
        self.canvas.addOutlineEntry(title, key, level=0)
