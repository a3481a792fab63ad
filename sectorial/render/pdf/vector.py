"""A chart's vectors on the PDF page: paths as PDF paths, labels as text in the page's own
embedded fonts (searchable, crisp at any zoom)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import Flowable

from sectorial.render.pdf.setter import BOLD, REGULAR
from sectorial.render.picture import Label, Shape, Vector


def draw(c: Canvas, vector: Vector, left: float, bottom: float) -> None:
    """Draw ``vector`` at the size it was laid out for, its lower left corner at
    (``left``, ``bottom``)."""
    c.saveState()
    c.translate(left, bottom)
    for item in vector.items:
        if isinstance(item, Shape):
            _shape(c, item)
        else:
            _label(c, item)
    c.restoreState()


def _shape(c: Canvas, shape: Shape) -> None:
    c.saveState()
    if shape.clip is not None:
        x, y, w, h = shape.clip
        box = c.beginPath()
        box.rect(x, y, w, h)
        c.clipPath(box, stroke=0, fill=0)
    path = c.beginPath()
    for op, points in shape.segments:
        if op == "m":
            path.moveTo(*points)
        elif op == "l":
            path.lineTo(*points)
        elif op == "c":
            path.curveTo(*points)
        else:
            path.close()
    if shape.fill is not None:
        c.setFillColorRGB(*shape.fill)
    if shape.stroke is not None:
        c.setStrokeColorRGB(*shape.stroke)
        c.setLineWidth(shape.width)
        c.setLineJoin(shape.join)
        c.setLineCap(shape.cap)
        if shape.dashes:
            c.setDash(list(shape.dashes))
    c.drawPath(path, stroke=int(shape.stroke is not None), fill=int(shape.fill is not None),
               fillMode=FILL_NON_ZERO)
    c.restoreState()


def _label(c: Canvas, label: Label) -> None:
    """Draw the label, then a space past its end: the labels of a chart read apart."""
    c.setFillColorRGB(*label.colour)
    c.setFont(BOLD if label.bold else REGULAR, label.size)
    if label.angle:
        c.saveState()
        c.translate(label.x, label.y)
        c.rotate(label.angle)
        c.drawString(0, 0, label.text + " ")
        c.restoreState()
    else:
        c.drawString(label.x, label.y, label.text + " ")


class VectorFlowable(Flowable):
    """A chart in running text, at the size it was laid out for, centred in the column."""

    centred = True  # in its column, and in a Stack

    def __init__(self, vector: Vector):
        super().__init__()
        self.vector, self.width, self.height = vector, vector.width, vector.height
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw(self.canv, self.vector, 0, 0)
