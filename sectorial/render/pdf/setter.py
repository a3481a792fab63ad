"""Type in the PDF: paragraphs in the house's fonts, sized and coloured by role, and the
charts of a build (as vectors). Shared by the page drawer, the running text and the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from sectorial.doc.model import Chart, Text
from sectorial.errors import RenderError
from sectorial.render.picture import Picture, Vector
from sectorial.style import Look

REGULAR, BOLD = "House", "House-Bold"


class Para(Paragraph):
    """A paragraph whose every line ends in the space that broke it: read from the file
    (by a screen reader, in the structure tree, or copied), its words stay apart where the
    lines wrapped ("del VRAEM", not "delVRAEM"). The space is drawn past the line's end."""

    def __init__(self, text: str | None, style: ParagraphStyle, **more: object) -> None:
        super().__init__(text, style, **more)  # ``more``: the parts of a split paragraph
        self.plain = "".join(getattr(frag, "text", "") or "" for frag in self.frags)

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (reportlab's name)
        lines, kind = self.blPara.lines, self.blPara.kind
        ends = _at_word_ends(self.plain, lines, kind)
        self.blPara.lines = [_spaced(line, kind) if end else line
                             for line, end in zip(lines, ends)]
        try:
            super().drawPara(debug)
        finally:
            self.blPara.lines = lines


BREAKS = " \t\n\r"  # where reportlab breaks lines (not a no-break space)


def _at_word_ends(text: str, lines, kind: int) -> list[bool]:  # type: ignore[no-untyped-def]
    """Whether each line of the paragraph of ``text`` ends where a word ends: not where
    reportlab split a word too long for its column (``splitLongWords``), whose pieces must
    read as one word."""
    marks = [i for i, char in enumerate(text) if char not in BREAKS]
    ends, done = [], 0
    for line in lines:
        words = line[1] if kind == 0 else [getattr(w, "text", "") or "" for w in line.words]
        done += sum(1 for word in words for char in word if char not in BREAKS)
        following = marks[done - 1] + 1 if 0 < done <= len(marks) else len(text)
        ends.append(following >= len(text) or text[following] in BREAKS)
    return ends


def _spaced(line, kind: int):  # type: ignore[no-untyped-def]
    """``line`` of a paragraph laid out by reportlab (kind 0: extra space and words; 1: a
    line of fragments), with a space after its last word."""
    if kind == 0:
        extra, words = line
        return (extra, [*words[:-1], words[-1] + " "]) if words else line
    last = line.words[-1] if line.words else None
    if last is None or not isinstance(getattr(last, "text", None), str):
        return line
    return line.clone(words=[*line.words[:-1], last.clone(text=last.text + " ")])


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
        """The text of a list item: its lines hang where the bullet (``bullet``) ends."""
        style = self.para(text, size_role, color).style
        style.leftIndent = style.fontSize * 1.3
        return Para(text, style)

    @staticmethod
    def bullet(canvas: Canvas, item: Para, x: float, y: float) -> None:
        """Draw the bullet of ``item``, a wrapped list item drawn at (``x``, ``y``), on its
        first line: a text of its own, the item's label."""
        style = item.style
        canvas.setFont(REGULAR, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawString(x, y + item.height - style.fontSize, "• ")

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
