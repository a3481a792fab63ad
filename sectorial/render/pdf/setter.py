"""Type in the PDF: paragraphs in the house's fonts, sized and coloured by role, and the
charts of a build (as vectors). Shared by the page drawer, the running text and the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as Para

from sectorial.doc.model import Chart, Text
from sectorial.errors import RenderError
from sectorial.render.picture import Picture, Vector
from sectorial.style import Look

REGULAR, BOLD = "House", "House-Bold"


def markup(text: Text) -> str:
    """Return reportlab paragraph markup for a Text (bold spans as <b>)."""
    return "".join(f"<b>{escape(s.text)}</b>" if s.bold else escape(s.text) for s in text.spans)


class Typesetter:
    """Paragraphs in the house fonts, sized and coloured by role."""

    def __init__(self, look: Look, pictures: Mapping[str, Picture]):
        self.look, self.pictures = look, pictures

    def para(self, text: str, size_role: str, color: str, *, bold: bool = False,
             align: int = TA_LEFT, leading: float = 1.25) -> Para:
        """A paragraph of markup ``text`` in the size of ``size_role`` and ``color``."""
        size = self.look.size(size_role)
        style = ParagraphStyle(
            name=size_role, fontName=BOLD if bold else REGULAR, fontSize=size,
            leading=size * leading, textColor=HexColor(color), alignment=align,
        )
        return Para(text, style)

    def bulleted(self, text: str, size_role: str, color: str) -> Para:
        """A bullet of a list: its lines hang after the bullet."""
        style = self.para(text, size_role, color).style
        style.leftIndent, style.bulletIndent = style.fontSize * 1.3, 0
        style.bulletFontName, style.bulletFontSize = REGULAR, style.fontSize
        return Para(text, style, bulletText="•")

    def picture(self, chart: Chart) -> Picture:
        picture = self.pictures.get(chart.key)
        if picture is None:
            raise RenderError(f"falta la imagen del gráfico '{chart.title}' ({chart.key})")
        return picture

    def vector(self, chart: Chart) -> Vector:
        """The chart as the PDF draws it: paths and text."""
        vector = self.picture(chart).vector
        if vector is None:
            raise RenderError(f"falta el dibujo vectorial del gráfico '{chart.title}' "
                              f"({chart.key})")
        return vector

    def fitted(self, chart: Chart, width: float, height: float) -> Picture:
        """The chart as drawn for the build, or laid out anew (smaller) when its frame of
        ``width`` by ``height`` points has less room: drawn, it is never scaled down, so its
        text keeps the house style's size."""
        vector = self.vector(chart)
        if vector.width <= width + 0.5 and vector.height <= height + 0.5:
            return self.picture(chart)
        from sectorial.render.charts import vector_at

        size = (min(vector.width, width) / POINTS_PER_MM, min(vector.height, height)
                / POINTS_PER_MM)
        return vector_at(chart, self.look, size)


POINTS_PER_MM = 72 / 25.4
