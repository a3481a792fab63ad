"""A donut's centre figure, written as text in the hole of its picture: searchable and
in the page's font, at the largest size (up to the figures') that fits the hole."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from sectorial.layout import centre_lines
from sectorial.render.pdf.setter import BOLD
from sectorial.style import Look

LINE = 1.2  # line height, of the size


def in_hole(c: Canvas, look: Look, text: str, hole: tuple[float, float, float],
            frame: tuple[float, float, float, float]) -> None:
    """Write ``text`` (the figure, then its words on a line of their own) in the ``hole``
    of a picture drawn in ``frame`` (left, top, width, height)."""
    left, top, w, h = frame
    lines = centre_lines(text)
    across, cx, cy = hole[2] * w, left + hole[0] * w, top - hole[1] * h
    size = look.size("grafico_etiqueta") + 2
    while size > 5 and (max(pdfmetrics.stringWidth(t, BOLD, size) for t in lines)
                        > 0.8 * across or LINE * size * len(lines) > 0.6 * across):
        size -= 0.25
    c.setFillColor(HexColor(look.color("cifra")))
    c.setFont(BOLD, size)
    first = cy + LINE * size * (len(lines) - 1) / 2 - 0.35 * size
    for index, line in enumerate(lines):  # centred, a space after it: the lines read apart
        c.drawString(cx - pdfmetrics.stringWidth(line, BOLD, size) / 2,
                     first - index * LINE * size, line + " ")
