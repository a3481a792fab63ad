"""The state identity drawn on the cover and atop each page: a block in the house's main
colour with the country, then the institution; or the institution's logo, when the house
style declares one. And the running head and foot of each page."""

from __future__ import annotations

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from sectorial.doc.model import Document, Masthead
from sectorial.layout import LOGO_MAX_RATIO
from sectorial.render.pdf.setter import BOLD, REGULAR
from sectorial.style import Look

BAND_MM = 7.0  # the band's height at scale 1, atop each page (the cover's is 1.6 times)


def government_band(c: Canvas, look: Look, masthead: Masthead, x: float, y: float,
                    scale: float) -> tuple[float, float]:
    """Draw the band with its lower left corner at (x, y), ``scale`` times its size; the
    house style's logo instead, as tall as the band, when it has one. Return its width
    and height."""
    h = BAND_MM * mm * scale
    if look.logo is not None:
        logo = ImageReader(str(look.logo.path))
        width, height = logo.getSize()
        w = min(h * width / height, h * LOGO_MAX_RATIO)  # a very wide logo: less tall
        c.drawImage(logo, x, y, width=w, height=w * height / width, mask="auto")
        return w, w * height / width
    size = 9 * scale
    w1 = pdfmetrics.stringWidth(masthead.country, BOLD, size) + 6 * mm * scale
    c.setFillColor(HexColor(look.color("primario")))
    c.rect(x, y, w1, h, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(BOLD, size)
    c.drawString(x + 3 * mm * scale, y + h / 2 - size * 0.35, masthead.country + " ")
    w2 = pdfmetrics.stringWidth(masthead.entity, REGULAR, size * 0.85) + 6 * mm * scale
    c.setFillColor(HexColor(look.color("oscuro")))
    c.rect(x + w1, y, w2, h, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(REGULAR, size * 0.85)
    c.drawString(x + w1 + 3 * mm * scale, y + h / 2 - size * 0.3, masthead.entity + " ")
    return w1 + w2, h


def running_head(c: Canvas, look: Look, doc: Document,
                 frame: tuple[float, float, float, float, float]) -> None:
    """The band and the series atop the page, the document's title and the page number
    under the footer line; ``frame``: left, right, the band's bottom, the page's bottom
    margin and the footer's height."""
    left, right, band, bottom, footer = frame
    government_band(c, look, doc.masthead, left, band, scale=1.0)
    c.setFont(REGULAR, look.size("nota") + 0.5)
    c.setFillColor(HexColor(look.color("suave")))
    c.drawRightString(right, band + 3 * mm, doc.series)
    c.setStrokeColor(HexColor(look.color("linea")))
    c.setLineWidth(0.6)
    c.line(left, bottom + footer - 2 * mm, right, bottom + footer - 2 * mm)
    c.setFont(REGULAR, look.size("nota"))
    c.drawString(left, bottom, doc.meta.title)
    c.drawRightString(right, bottom, str(c.getPageNumber()))
