"""The state identity drawn on the cover and atop each page: a block in the house's main
colour with the country, then the institution; or the institution's logo, when the house
style declares one."""

from __future__ import annotations

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from sectorial.doc.model import Masthead
from sectorial.layout import LOGO_MAX_RATIO
from sectorial.render.pdf.setter import BOLD, REGULAR
from sectorial.style import Look

BAND_MM = 7.0  # the band's height at scale 1, atop each page (the cover's is 1.6 times)


def government_band(c: Canvas, look: Look, masthead: Masthead, x: float, y: float,
                    scale: float) -> None:
    """Draw the band with its lower left corner at (x, y), ``scale`` times its size; the
    house style's logo instead, as tall as the band, when it has one."""
    h = BAND_MM * mm * scale
    if look.logo is not None:
        logo = ImageReader(str(look.logo.path))
        width, height = logo.getSize()
        w = min(h * width / height, h * LOGO_MAX_RATIO)  # a very wide logo: less tall
        c.drawImage(logo, x, y, width=w, height=w * height / width, mask="auto")
        return
    size = 9 * scale
    w1 = pdfmetrics.stringWidth(masthead.country, BOLD, size) + 6 * mm * scale
    c.setFillColor(HexColor(look.color("primario")))
    c.rect(x, y, w1, h, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(BOLD, size)
    c.drawString(x + 3 * mm * scale, y + h / 2 - size * 0.35, masthead.country)
    w2 = pdfmetrics.stringWidth(masthead.entity, REGULAR, size * 0.85) + 6 * mm * scale
    c.setFillColor(HexColor(look.color("oscuro")))
    c.rect(x + w1, y, w2, h, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(REGULAR, size * 0.85)
    c.drawString(x + w1 + 3 * mm * scale, y + h / 2 - size * 0.3, masthead.entity)
