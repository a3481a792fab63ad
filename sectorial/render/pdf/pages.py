"""The PDF renderer (reportlab): landscape slide-like pages, embedded fonts, bookmarks,
and tags (PDF/UA-1): what it draws, it draws as content of an element of the structure
tree, in reading order, or as an artifact (``tags``).

A visitor over the document model. It lays out and draws; it never computes or formats
a figure. Chart pictures come from ``images`` (drawn once per build by charts.py); the
running text of an article page is laid out by ``flow``; the cover and the key-indicator
page are drawn by ``cover``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
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
    beside_table,
    bullets_that_fit,
    chart_rows,
    cuadro_widths_mm,
)
from sectorial.render.glyphs import missing_glyphs
from sectorial.render.pdf.band import running_head
from sectorial.render.pdf.centre import in_hole
from sectorial.render.pdf.cover import boxes_page, cover_page, cover_problems
from sectorial.render.pdf.flow import ArticleFlow, fill
from sectorial.render.pdf.pdfa import finish_pdf
from sectorial.render.pdf.setter import BOLD, REGULAR, Typesetter, markup
from sectorial.render.pdf.tables import table_flowable
from sectorial.render.pdf.tags import Node, Tagger
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
    renderer = PdfRenderer(doc, look, images, pages)
    renderer.render()
    out.write(finish_pdf(pages.getvalue(), doc.meta, look.pdfa, renderer.tagger.root))


def needs_pictures(doc: Document, look: Look) -> frozenset[str]:
    """What the PDF of ``doc`` needs of its charts: every chart, as vectors."""
    return frozenset({VECTOR}) if doc.charts() else frozenset()


def _register_fonts(look: Look) -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(look.pdf_regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(look.pdf_bold)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)


def problems(doc: Document, look: Look) -> list[RenderError]:
    """What would print wrong: a character the fonts cannot draw (the charts use the same
    fonts), a cover title too long for the cover. Checked before anything is drawn."""
    _register_fonts(look)
    regular, bold = (pdfmetrics.getFont(name).face.charToGlyph for name in (REGULAR, BOLD))
    found = missing_glyphs(printed_texts(doc), frozenset(regular) & frozenset(bold))
    found += cover_problems(doc, look)
    return found



class PdfRenderer(Visitor):
    """Draw each page of the model on a reportlab canvas."""

    def __init__(self, doc: Document, look: Look, images: Mapping[str, Picture], out: BinaryIO):
        _register_fonts(look)
        self.doc, self.look, self.images = doc, look, images
        self.setter = Typesetter(look, images)
        self.para = self.setter.para
        page = look.page
        self.width, self.height = page.width_mm * mm, page.height_mm * mm
        self.left, self.right = page.margin_left_mm * mm, self.width - page.margin_right_mm * mm
        self.top, self.bottom = self.height - page.margin_top_mm * mm, page.margin_bottom_mm * mm
        self.canvas = Canvas(out, pagesize=(self.width, self.height), lang=doc.meta.language,
                             initialFontName=REGULAR, initialFontSize=10, pageCompression=1,
                             invariant=1)
        self.tagger = Tagger(self.canvas)
        self._read: set[str] = set()  # the credits of the feet drawn as content

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
        cover_page(self, cover)

    def visit_BoxesPage(self, page: BoxesPage) -> None:
        boxes_page(self, page)

    def visit_TopicPage(self, page: TopicPage) -> None:
        t = self.look
        section, y = self.start_page(page.label, page.title)
        if page.message:
            y = self._message(page.message, y, section.add("P"))
        charts, tables_slot, items = section.add(None), section.add(None), section.add("L")
        foot_top, foot = self.foot(page.foot, section.add(None))
        width = self.right - self.left
        bullets = [self.setter.bulleted(markup(b), "texto", t.color("texto"))
                   for b in page.bullets]
        heights = [p.wrap(width - 4 * mm, self.height)[1] + 2 * mm for p in bullets]
        beside = beside_table(page)
        split = self.left + width * BESIDE_SHARE  # beside a chart, tables take the right
        tables = self._tables(page, self.right - split - 6 * mm if beside else width,
                              tables_slot)
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
            y = self._chart_and_tables(page, tables, (split, charts), y - 3 * mm, bottom)
        else:
            if page.charts:
                self._room(page, y - 3 * mm - bottom - tables_h)
                y = self._charts(page.charts, y - 3 * mm, bottom + tables_h, charts)
            y = self._draw_tables(tables, self.left, width, y)
        self._bullets(list(zip(bullets, heights))[:keep], y - 4 * mm, items)
        foot()
        self.canvas.showPage()
        self._continued(page, list(zip(bullets, heights))[keep:], items)

    def _bullets(self, bullets: list[tuple[Para, float]], top: float, items: Node) -> None:
        """Draw the bullets from ``top``, each a list item of ``items``."""
        for paragraph, h in bullets:
            item, x, y = items.add("LI"), self.left + 2 * mm, top - h + 2 * mm
            with self.tagger.content(item.add("Lbl")):
                self.setter.bullet(self.canvas, paragraph, x, y)
            with self.tagger.content(item.add("LBody")):
                paragraph.drawOn(self.canvas, x, y)
            top -= h

    def _continued(self, page: TopicPage, bullets: list[tuple[Para, float]],
                   items: Node) -> None:
        """The bullets that did not fit, on pages of their own with the page's title (an
        artifact: the heading was read on the first page), the same list read on."""
        while bullets:
            _, top = self.start_page(page.label, f"{page.title} (continuación)", 1)
            foot_top, foot = self.foot(page.foot, None)
            keep = bullets_that_fit([h for _, h in bullets], top - 4 * mm - foot_top, 0)
            if not keep:
                raise RenderError(f"una viñeta de la página '{page.title}' no cabe en una "
                                  "página", hint="acorte esa viñeta o pártala en dos")
            self._bullets(bullets[:keep], top - 4 * mm, items)
            foot()
            self.canvas.showPage()
            bullets = bullets[keep:]

    def _chart_and_tables(self, page: TopicPage, tables: list[tuple[Flowable, float, float]],
                          place: tuple[float, Node], top: float, bottom: float) -> float:
        """The chart on the left of the ``place``'s x, the tables on the right; return the
        lower bottom."""
        split, charts = place
        self._room(page, top - bottom)
        lowest = self._chart_row(page.charts, (top, bottom), (self.left, split), charts)
        x = self.right - max(w for _, w, _ in tables)
        return min(lowest, self._draw_tables(tables, x, self.right - x, top + TABLE_GAP))

    def _room(self, page: TopicPage, room: float) -> None:
        if room < MIN_CHART_H:
            raise RenderError(f"los gráficos de la página '{page.title}' no caben con sus "
                              "cuadros y viñetas", hint="quite filas a los cuadros "
                              "('maximo'), viñetas o gráficos, o pase el cuadro a otra página")

    def _tables(self, page: TopicPage, width: float,
                parent: Node) -> list[tuple[Flowable, float, float]]:
        """The page's tables at most ``width`` wide, each with its width and height, tagged
        under ``parent``."""
        made = []
        for table in page.tables:
            widths = [w * mm for w in cuadro_widths_mm(width / mm, table,
                                                       self.look.size("texto"))]
            w = sum(widths)
            flowable = table_flowable(self.setter, table, w, widths, self.tagger, parent)
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
        self.bookmark(page.headline)
        flowables = ArticleFlow(self.setter, self.right - self.left, self.tagger).page(page)
        frame_h = self.top - HEADER_H - 6 * mm - (self.bottom + FOOTER_H)
        while flowables:
            self._chrome()
            frame = Frame(self.left, self.bottom + FOOTER_H, self.right - self.left, frame_h,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            placed = fill(frame, flowables, self.canvas)
            self.canvas.showPage()
            if not placed:
                raise RenderError("un bloque no cabe en una página (una cita, un cuadro o "
                                  "un gráfico más alto que la página)",
                                  hint="acorte la cita o reduzca 'maximo' del cuadro")

    # Building blocks ---------------------------------------------------------------------

    def start_page(self, label: str, title: str, level: int = 0) -> tuple[Node, float]:
        """Draw header band, footer and title; bookmark the page; return the page's
        section of the structure tree and the y below. A continuation page (``level`` 1)
        has no section: its title is an artifact."""
        t = self.look
        heading = f"{label}: {title}" if label else title
        self.bookmark(heading, level)
        self._chrome()
        top = self.top - HEADER_H - 5 * mm
        text = (f'<font color="{t.color("primario")}">{escape(label)}:</font> '
                if label else "") + escape(title)
        section = self.tagger.root.add("Sect" if not level else None)
        y = self.draw(self.para(text, "pagina_titulo", t.color("oscuro"), bold=True),
                      self.left, top, self.right - self.left,
                      section.add("H1") if not level else None)
        return section, y - 2 * mm

    def _chrome(self) -> None:
        """Draw the header band and the footer with the page number: artifacts."""
        with self.tagger.artifact("Pagination"):
            running_head(self.canvas, self.look, self.doc, (self.left, self.right,
                                                            self.top - HEADER_H,
                                                            self.bottom, FOOTER_H))

    def _message(self, message: Text, top: float, node: Node) -> float:
        t = self.look
        width = self.right - self.left
        paragraph = self.para(markup(message), "mensaje", t.color("texto"))
        _, h = paragraph.wrap(width - 10 * mm, self.height)
        c = self.canvas
        with self.tagger.artifact():
            c.setFillColor(HexColor(t.color("fondo_caja")))
            c.rect(self.left, top - h - 5 * mm, width, h + 5 * mm, stroke=0, fill=1)
            c.setFillColor(HexColor(t.color("primario")))
            c.rect(self.left, top - h - 5 * mm, 1.6 * mm, h + 5 * mm, stroke=0, fill=1)
        with self.tagger.content(node):
            paragraph.drawOn(c, self.left + 6 * mm, top - h - 2.5 * mm)
        return top - h - 5 * mm

    def _charts(self, charts: tuple[Chart, ...], top: float, bottom: float,
                parent: Node) -> float:
        """Draw the charts in their rows between ``top`` and ``bottom``, tagged under
        ``parent``; return their bottom."""
        rows = chart_rows(charts)
        share = (top - bottom) / len(rows)
        lowest = top
        for index, row in enumerate(rows):
            if index:
                top = lowest - 3 * mm
            low = bottom if index == len(rows) - 1 else top - share
            lowest = self._chart_row(row, (top, low), None, parent)
        return lowest

    def _chart_row(self, charts: tuple[Chart, ...], between: tuple[float, float],
                   span: tuple[float, float] | None, parent: Node) -> float:
        """Draw charts side by side ``between`` a top and a bottom (and between the
        ``span`` of x, by default the body's), each its title, its unit line and its
        figure under ``parent``; return their bottom."""
        gap = CHART_GAP_MM * mm
        top, bottom = between
        lowest = top
        count = len(charts)
        left, right = span or (self.left, self.right)
        cell_w = (right - left - gap * (count - 1)) / count
        for index, chart in enumerate(charts):
            x = left + index * (cell_w + gap)
            y = self.draw(self.para(escape(chart.title), "grafico_titulo",
                                    self.look.color("oscuro"), bold=True, align=TA_CENTER),
                          x, top, cell_w, parent.add("P"))
            y = self.draw(self.para(escape(chart.subtitle), "grafico_titulo",
                                    self.look.color("suave"), align=TA_CENTER), x, y, cell_w,
                          parent.add("P"))
            figure = parent.add("Figure", alt=chart.alt_text)
            lowest = min(lowest, self._image(chart, (x, y - 1 * mm, cell_w,
                                                     y - 1 * mm - bottom), figure))
        return lowest

    def _image(self, chart: Chart, frame: tuple[float, float, float, float],
               figure: Node) -> float:
        """Draw the chart centred in its ``frame`` (left, top, most width and height), at
        the size it was laid out for (or laid out anew for a smaller frame), as
        ``figure``; return its bottom."""
        x, top, max_w, max_h = frame
        picture = self.setter.fitted(chart, max_w, max(max_h, 10 * mm))
        vector = picture.vector
        w, h = vector.width, vector.height
        left = x + (max_w - w) / 2
        figure.bbox = (left, top - h, left + w, top)
        with self.tagger.content(figure):
            draw_vector(self.canvas, vector, left, top - h)
            if picture.hole and chart.center_label:
                in_hole(self.canvas, self.look, chart.center_label, picture.hole,
                        (left, top, w, h))
        return top - h

    def foot(self, foot: SourceNote, slot: Node | None) -> tuple[float, Callable[[], None]]:
        """Lay out notes, sources and credit above the footer line, each a paragraph of
        ``slot`` (None: repeated on a continuation page, an artifact); return their top,
        and what draws them, to call last: the page is painted in the order it is read."""
        t = self.look
        lines = [markup(n) for n in foot.notes] + [escape(s) for s in foot.sources]
        if foot.credit:
            lines.append(escape(foot.credit))
        nodes = [slot.add("P") if slot is not None else None for _ in lines]  # read down
        if foot.credit and foot.credit in self._read:  # the same credit as a page before:
            nodes[-1] = None  # read once, then a running footer (an artifact)
        self._read.add(foot.credit)
        y, placed = self.bottom + FOOTER_H, []
        for line, node in reversed(list(zip(lines, nodes))):
            paragraph = self.para(line, "nota", t.color("suave"))
            _, h = paragraph.wrap(self.right - self.left, self.height)
            placed.append((paragraph, y, node))
            y += h + 0.5 * mm

        def draw() -> None:
            for paragraph, bottom, node in reversed(placed):
                with self._as(node):
                    paragraph.drawOn(self.canvas, self.left, bottom)
        return y, draw

    # Text helpers ------------------------------------------------------------------------

    def draw(self, paragraph: Para, x: float, top: float, width: float,
             node: Node | None) -> float:
        """Draw ``paragraph`` from ``top`` as content of ``node`` (None: a repeated text,
        an artifact); return its bottom."""
        _, h = paragraph.wrap(width, self.height)
        with self._as(node):
            paragraph.drawOn(self.canvas, x, top - h)
        return top - h

    def _as(self, node: Node | None):  # type: ignore[no-untyped-def]
        return (self.tagger.content(node) if node is not None
                else self.tagger.artifact("Pagination"))

    def bookmark(self, title: str, level: int = 0) -> None:
        """A bookmark per page of the model; its continuation pages, under it."""
        key = f"p{self.canvas.getPageNumber()}"
        self.canvas.bookmarkPage(key)
        self.canvas.addOutlineEntry(title, key, level=level)
