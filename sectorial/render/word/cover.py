"""The DOCX's cover, laid out as the PDF's (``layout``'s cover constants): the government
band at the top left, the series name with a short rule under it, the title, the offices and
the date low on the page, and the dark band down the right edge with its strip of the
primary colour, a picture anchored to the page behind the text."""

from __future__ import annotations

import io
import math
from collections.abc import Callable

from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from docx.text.paragraph import Paragraph as WordParagraph

from sectorial.doc import model as m
from sectorial.errors import RenderError
from sectorial.layout import (
    COVER_BAND_SHARE,
    COVER_SERIES_AT,
    COVER_STRIP_MM,
    GLYPH_WIDTH,
    LOGO_MAX_RATIO,
    PT_MM,
    cover_text_mm,
)
from sectorial.render.picture import stripes_png
from sectorial.render.word.styles import ARIAL_LEADING
from sectorial.render.word.xml import border_on, set_alt_text, set_style
from sectorial.style import Look

Styled = Callable[..., WordParagraph]
BADGE_MM, RULE_GAP_MM = 5.0, 3.0  # the PDF's distances, to the millimetre
OFFICES_FROM_BOTTOM_MM = 30.0
# Word's mark of a decorative picture: screen readers skip it, the checker asks no alt text
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
COVER_LOGO_MM, HEADER_LOGO_MM = 11.2, 6.0  # the PDF's band, 7 mm (1.6 times on the cover)
PIXELS_PER_MM = 4


def cover_problems(cover: m.Cover | None, look: Look) -> list[RenderError]:
    """A cover title too long for the cover, at the house style's sizes."""
    if cover is None:
        return []
    try:
        _gaps(look, cover, cover_text_mm(look.page),
              {style: look.size(role) for style, role in _SIZED})
    except RenderError as exc:
        return [exc]
    return []


def write_cover(word: WordDocument, look: Look, cover: m.Cover, masthead: m.Masthead,
                styled: Styled) -> None:
    """Write the cover with ``styled`` (the renderer's paragraphs in named styles)."""
    page = look.page
    band_mm = page.width_mm * COVER_BAND_SHARE
    text_mm = cover_text_mm(page)
    indent = Mm(page.width_mm - page.margin_left_mm - page.margin_right_mm - text_mm)
    badge = styled(word, "Portada: banda")
    government_band(badge, look, masthead, COVER_LOGO_MM)
    badge.paragraph_format.space_before = Mm(BADGE_MM)
    _band(badge, look, band_mm)
    series = styled(word, "Portada: serie", cover.series)
    rule = styled(word, "Portada: raya")
    rule.paragraph_format.right_indent = Mm(page.width_mm - page.margin_left_mm
                                            - page.margin_right_mm - 40.0)
    border_on(rule._p.get_or_add_pPr(), "bottom", look.color("primario"), 16)
    title = styled(word, "Title", cover.title)
    offices = [styled(word, "Portada: oficina", office) for office in cover.offices]
    edition = styled(word, "Portada: fecha", cover.edition)
    edition.add_run().add_break(WD_BREAK.PAGE)
    sizes = {style: _points(word, style, role, look) for style, role in _SIZED}
    series_gap, offices_gap = _gaps(look, cover, text_mm, sizes)
    series.paragraph_format.space_before = Mm(series_gap)
    (offices or [edition])[0].paragraph_format.space_before = Mm(offices_gap)
    for paragraph in (badge, series, title, *offices, edition):
        paragraph.paragraph_format.right_indent = indent


def government_band(paragraph: WordParagraph, look: Look, masthead: m.Masthead,
                    logo_mm: float) -> None:
    """The country and the institution in their shaded runs, or the house style's logo
    ``logo_mm`` tall with what it says as its alternative text."""
    if look.logo is None:
        for text, style in ((f" {masthead.country} ", "Banda: país"),
                            (f" {masthead.entity} ", "Banda: institución")):
            set_style(paragraph.add_run(text), style)
        return
    from docx.image.image import Image

    image = Image.from_file(str(look.logo.path))
    width_mm = min(logo_mm * image.px_width / image.px_height, logo_mm * LOGO_MAX_RATIO)
    shape = paragraph.add_run().add_picture(str(look.logo.path), width=Mm(width_mm))
    set_alt_text(shape._inline, look.logo.text, look.logo.text)


_SIZED = (("Portada: banda", "mensaje"), ("Portada: serie", "portada_serie"),
          ("Title", "portada_titulo"), ("Portada: oficina", "texto"),
          ("Portada: fecha", "mensaje"))


def _points(word: WordDocument, style: str, role: str, look: Look) -> float:
    """A cover style's size as the document has it (a designer's reference may set
    another), else the house style's."""
    current = word.styles[style]
    while current is not None:
        if current.font.size is not None:
            return current.font.size.pt
        current = current.base_style
    return look.size(role)


def _gaps(look: Look, cover: m.Cover, text_mm: float,
          sizes: dict[str, float]) -> tuple[float, float]:
    """The space above the series name (to put it where the PDF does) and above the offices
    (to put them low on the page), in mm; a long title takes from both, so that the offices
    and the date stay on the cover; a title that cannot is an error."""
    page = look.page

    def line_mm(style: str) -> float:
        return sizes[style] * 1.15 * ARIAL_LEADING * PT_MM

    top = page.margin_top_mm + 6.0 + BADGE_MM + line_mm("Portada: banda")  # under it
    bottom = page.height_mm - page.margin_bottom_mm - 4.0 - 3.0  # the footer's room, slack
    size = sizes["Title"]
    per_line = text_mm / (size * GLYPH_WIDTH * PT_MM) * 0.9  # bold Arial is wider than that
    title_mm = max(1, math.ceil(len(cover.title) / per_line)) * line_mm("Title")
    head_mm = line_mm("Portada: serie") + RULE_GAP_MM + 6.0 + title_mm  # series, rule, title
    tail_mm = len(cover.offices) * line_mm("Portada: oficina") + line_mm("Portada: fecha") + 3.0
    least = 4.0
    spare = bottom - top - head_mm - least - tail_mm  # what the series may move down
    if spare < 0:
        raise RenderError(f"el título de la portada no cabe en ella ({len(cover.title)} "
                          "caracteres)", hint="acorte 'titulo' en el informe")
    series_gap = max(0.0, min(page.height_mm * COVER_SERIES_AT - top, spare))
    title_bottom = top + series_gap + head_mm
    offices_top = min(page.height_mm - page.margin_bottom_mm - OFFICES_FROM_BOTTOM_MM,
                      bottom - tail_mm)
    return series_gap, max(least, offices_top - title_bottom)


def _band(paragraph: WordParagraph, look: Look, band_mm: float) -> None:
    """The dark band and its strip, a picture behind the text from the top of the page to
    its bottom at its right edge (a decorative picture: no alternative text)."""
    page = look.page
    strip = round(COVER_STRIP_MM * PIXELS_PER_MM)
    png = stripes_png((strip, round(band_mm * PIXELS_PER_MM) - strip),
                      (look.color("primario"), look.color("oscuro")))
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(band_mm),
                                            height=Mm(page.height_mm))
    inline = shape._inline
    graphic = inline.graphic
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="0" behindDoc="1" locked="1" '
        'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>'
        f'{int(Mm(page.width_mm - band_mm))}</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{inline.extent.cx}" cy="{inline.extent.cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{inline.docPr.id}" name="Banda de la portada" descr=""><a:extLst>'
        f'<a:ext uri="{DECORATIVE}"><adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/>'
        '</a:ext></a:extLst></wp:docPr>'
        '<wp:cNvGraphicFramePr/></wp:anchor>')
    anchor.append(graphic)
    inline.getparent().replace(inline, anchor)
