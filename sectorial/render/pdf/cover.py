"""The cover and the key-indicator page of the PDF, drawn for ``PdfRenderer`` (pages.py),
with their tags: the cover's title is a ``H1`` among paragraphs, its band and rules are
artifacts; the key-indicator boxes are a table of one row per box, the figure as the row's
header and the caption as its cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from sectorial.doc.model import Box, BoxesPage, Cover, Document, SourceNote
from sectorial.errors import RenderError
from sectorial.layout import COVER_BAND_SHARE, COVER_SERIES_AT, COVER_STRIP_MM, cover_text_mm
from sectorial.render.pdf.band import government_band
from sectorial.render.pdf.setter import Typesetter, markup
from sectorial.render.pdf.tags import Node, Tagger
from sectorial.style import Look


class PdfRenderer(Protocol):
    """What these pages use of the page drawer (pages.py)."""

    canvas: Canvas
    look: Look
    setter: Typesetter
    doc: Document
    tagger: Tagger
    width: float
    height: float
    left: float
    right: float
    bottom: float

    def para(self, text: str, size_role: str, color: str, *, bold: bool = False,
             align: int = ..., leading: float = ...) -> Paragraph: ...

    def draw(self, paragraph: Paragraph, x: float, top: float, width: float,
             node: Node | None) -> float: ...

    def bookmark(self, title: str, level: int = 0) -> None: ...

    def start_page(self, label: str, title: str, level: int = 0) -> tuple[Node, float]: ...

    def foot(self, foot: SourceNote,
             slot: Node | None) -> tuple[float, Callable[[], None]]: ...


OFFICES_AT = 30 * mm  # the top of the offices, from the bottom margin
TITLE_GAP = 8 * mm  # from the series name to the title (its rule between)
SERIES_HIGHEST = 40 * mm  # from the top of the page: under the government band


def series_top(setter: Typesetter, cover: Cover, room: tuple[float, float, float]) -> float:
    """Where the series name starts on the cover: ``COVER_SERIES_AT`` down the page, or
    higher when the title (``room``: the text's width, the page's height, its bottom
    margin) would reach the offices; a title that does not fit under the band at all is an
    error, before anything is drawn."""
    text_w, page_h, bottom = room
    t = setter.look
    head = sum(setter.para(escape(text), role, t.color("oscuro"), bold=True,
                           leading=leading).wrap(text_w, page_h)[1]
               for text, role, leading in ((cover.series, "portada_serie", 1.25),
                                           (cover.title, "portada_titulo", 1.15)))
    lowest = bottom + OFFICES_AT + 4 * mm + head + TITLE_GAP  # the title just over the offices
    top = max(page_h * (1 - COVER_SERIES_AT), lowest)
    if top > page_h - SERIES_HIGHEST:
        raise RenderError(f"el título de la portada no cabe en ella ({len(cover.title)} "
                          "caracteres)", hint="acorte 'titulo' en el informe")
    return top


def cover_problems(doc: Document, look: Look) -> list[RenderError]:
    """A cover title too long for the cover."""
    if doc.cover is None:
        return []
    page = look.page
    try:
        series_top(Typesetter(look, {}), doc.cover, (_text_width(look), page.height_mm * mm,
                                                     page.margin_bottom_mm * mm))
    except RenderError as exc:
        return [exc]
    return []


def _text_width(look: Look) -> float:
    """The width of the cover's text, in points."""
    return cover_text_mm(look.page) * mm


def cover_page(r: PdfRenderer, cover: Cover) -> None:
    """The cover: band, series, title, offices and edition."""
    c, t, tags = r.canvas, r.look, r.tagger
    r.bookmark(cover.title)
    section = tags.root.add("Sect")
    band_w = r.width * COVER_BAND_SHARE
    with tags.artifact():
        c.setFillColor(HexColor(t.color("oscuro")))
        c.rect(r.width - band_w, 0, band_w, r.height, stroke=0, fill=1)
        c.setFillColor(HexColor(t.color("primario")))
        c.rect(r.width - band_w, 0, COVER_STRIP_MM * mm, r.height, stroke=0, fill=1)
    # who publishes, read first: the logo as a figure with what it says, or the band's text
    band = (section.add("Figure", alt=t.logo.text) if t.logo is not None
            else section.add("P"))
    with tags.content(band):
        w, h = government_band(c, t, r.doc.masthead, r.left, r.height - 34 * mm, scale=1.6)
    band.bbox = (r.left, r.height - 34 * mm, r.left + w, r.height - 34 * mm + h)
    text_w = _text_width(r.look)
    para, draw = r.para, r.draw
    y = series_top(r.setter, cover, (text_w, r.height, r.bottom))
    y = draw(para(escape(cover.series), "portada_serie", t.color("primario"), bold=True),
             r.left, y, text_w, section.add("P"))
    with tags.artifact():
        c.setStrokeColor(HexColor(t.color("primario")))
        c.setLineWidth(2)
        c.line(r.left, y - 3 * mm, r.left + 40 * mm, y - 3 * mm)
    draw(para(escape(cover.title), "portada_titulo", t.color("oscuro"), bold=True,
              leading=1.15), r.left, y - TITLE_GAP, text_w, section.add("H1"))
    y = r.bottom + OFFICES_AT
    for office in cover.offices:
        y = draw(para(escape(office), "texto", t.color("texto")), r.left, y, text_w,
                 section.add("P"))
    draw(para(escape(cover.edition), "mensaje", t.color("oscuro"), bold=True),
         r.left, y - 4 * mm, text_w, section.add("P"))
    c.showPage()


def boxes_page(r: PdfRenderer, page: BoxesPage) -> None:
    """The key indicators: a heading over a grid of boxes, then the sources."""
    section, y = r.start_page(page.label, page.title)
    y = r.draw(r.para(escape(page.heading), "mensaje", r.look.color("oscuro"), bold=True,
                      align=TA_CENTER), r.left, y, r.right - r.left, section.add("P"))
    grid = section.add("Table")
    foot_top, foot = r.foot(page.foot, section.add(None))
    columns = max(1, page.columns)
    rows = -(-len(page.boxes) // columns)
    gap = 5 * mm
    box_w = (r.right - r.left - gap * (columns - 1)) / columns
    box_h = min(52 * mm, (y - 4 * mm - foot_top - gap * (rows - 1)) / max(rows, 1))
    for index, box in enumerate(page.boxes):
        row, col = divmod(index, columns)
        x = r.left + col * (box_w + gap)
        top = y - 4 * mm - row * (box_h + gap)
        _box(r, box, (x, top, box_w, box_h), grid.add("TR"))
    foot()
    r.canvas.showPage()


def _box(r: PdfRenderer, box: Box, frame: tuple[float, float, float, float],
         row: Node) -> None:
    c, t = r.canvas, r.look
    x, top, w, h = frame
    with r.tagger.artifact():
        c.setFillColor(HexColor(t.color("fondo_caja")))
        c.roundRect(x, top - h, w, h, 2.5 * mm, stroke=0, fill=1)
        c.setFillColor(HexColor(t.color("primario")))
        c.rect(x, top - h + 4 * mm, 1.4 * mm, h - 8 * mm, stroke=0, fill=1)
    inner = w - 10 * mm
    y = r.draw(r.para(escape(box.figure), "cifra", t.color("cifra"), bold=True, leading=1.1),
               x + 5 * mm, top - 4 * mm, inner, row.add("TH", scope="Row"))
    r.draw(r.para(markup(box.caption), "texto", t.color("texto")), x + 5 * mm, y - 1.5 * mm,
           inner, row.add("TD"))
