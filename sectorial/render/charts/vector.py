"""A chart as vector graphics (``picture.Vector``): what matplotlib draws, recorded as
paths and text.

matplotlib decides the chart's layout once (axis ranges, ticks, label positions, legend);
``record`` replays that layout through a renderer that keeps each path and each line of
text, in points from the chart's lower left corner, instead of painting pixels. The PDF
draws the record on its page with its own embedded fonts, so a chart's figures are real
text, crisp at any zoom and found by a text search. The record is plain data: it pickles to
the process that renders the PDF.

Text is measured with the widths of the font file the PDF embeds (no hinting, no
kerning), so a label centred or right-aligned by matplotlib sits where the PDF prints it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Transform

from sectorial.render.picture import Colour, Label, Shape, Vector

BOLD_WEIGHTS = frozenset({"bold", "heavy", "extra bold", "black", "semibold", "demibold",
                          "demi", "ultrabold"})


def record(figure: Figure, fonts: tuple[Path, Path]) -> Vector:
    """Draw ``figure`` (laid out at any resolution) into a Vector; ``fonts`` are the files
    of the regular and the bold face the labels are printed in."""
    width, height = (float(v) * 72 for v in figure.get_size_inches())
    figure.set_dpi(72)  # one display unit, one point
    if fonts not in _RECORDERS:
        _RECORDERS[fonts] = Recorder(fonts)
    recorder = _RECORDERS[fonts]
    recorder.start(width, height)
    figure.draw(recorder)
    return Vector(width, height, tuple(recorder.items))


_RECORDERS: dict[tuple[Path, Path], Recorder] = {}
"""One recorder per pair of fonts in a process: matplotlib keeps the size of each text it
measured per renderer, and the same names and years come back in every chart."""


@lru_cache(maxsize=4096)
def _advance(path: str, character: str) -> float:
    """The advance of ``character`` in the font file at ``path``, in ems: the width a PDF
    gives it (the font's own metrics, unhinted)."""
    font = get_font(path)
    font.set_size(EM, 72)
    glyph = font.load_char(ord(character), flags=LoadFlags.NO_HINTING)
    return glyph.linearHoriAdvance / 65536 / EM


EM = 100.0


def text_width(text: str, path: Path, size: float) -> float:
    """The width of ``text`` in points at ``size``, as the PDF prints it (no kerning)."""
    return size * sum(_advance(str(path), character) for character in text)


class Recorder(RendererBase):
    """A matplotlib renderer that keeps what it is asked to draw."""

    def __init__(self, fonts: tuple[Path, Path]):
        super().__init__()
        self.fonts = fonts
        self.width = self.height = 0.0
        self.items: list[Shape | Label] = []

    def start(self, width: float, height: float) -> None:
        """Record a new chart of this size."""
        self.width, self.height, self.items = width, height, []

    def flipy(self) -> bool:  # y grows upwards, as on a PDF page
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: float) -> float:
        return points

    def get_text_width_height_descent(self, s: str, prop: FontProperties,
                                      ismath: bool | str) -> tuple[float, float, float]:
        _, height, descent = super().get_text_width_height_descent(s, prop, False)
        width = text_width(s, self.fonts[_bold(prop)], prop.get_size_in_points())
        return width, height, descent

    def draw_path(self, gc: GraphicsContextBase, path: MplPath, transform: Transform,
                  rgbFace: object = None) -> None:
        segments = tuple(_segments(path, transform))
        fill = _colour(rgbFace) if rgbFace is not None else None
        width = gc.get_linewidth()
        stroke = _colour(gc.get_rgb()) if width > 0 and gc.get_rgb()[3] > 0 else None
        if not segments or (fill is None and stroke is None):
            return
        offset, dashes = gc.get_dashes()
        box = gc.get_clip_rectangle()
        self.items.append(Shape(
            segments, fill, stroke, width if stroke else 0.0,
            tuple(float(d) for d in dashes) if dashes is not None else (),
            {"miter": 0, "round": 1, "bevel": 2}.get(gc.get_joinstyle(), 0),
            {"butt": 0, "round": 1, "projecting": 2}.get(gc.get_capstyle(), 0),
            tuple(float(v) for v in box.bounds) if box is not None else None))

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str,
                  prop: FontProperties, angle: float, *_: object, **__: object) -> None:
        # (math text is off: a label with two "$" is printed as written)
        if s.strip():
            self.items.append(Label(s, float(x), float(y), prop.get_size_in_points(),
                                    _bold(prop), _colour(gc.get_rgb()), float(angle)))

    def draw_image(self, gc: GraphicsContextBase, x: float, y: float, im: object) -> None:
        raise NotImplementedError("a chart with a raster image cannot be drawn as vectors")


def _bold(prop: FontProperties) -> bool:
    weight = prop.get_weight()
    return weight >= 600 if isinstance(weight, int | float) else weight in BOLD_WEIGHTS


def _colour(rgba: object) -> Colour:
    """The colour over white: a translucent colour (rare in a chart) becomes opaque."""
    r, g, b, *rest = (float(v) for v in rgba)  # type: ignore[union-attr]
    alpha = rest[0] if rest else 1.0
    return tuple(alpha * v + 1 - alpha for v in (r, g, b))  # type: ignore[return-value]


def _segments(path: MplPath, transform: Transform):  # noqa: ANN202 - an iterator
    """The path in page points: quadratic curves become cubic ones, as PDF draws."""
    last = (0.0, 0.0)
    for vertices, code in path.iter_segments(transform, simplify=False, curves=True):
        points = tuple(float(v) for v in vertices)
        if code == MplPath.MOVETO:
            yield "m", points
        elif code == MplPath.LINETO:
            yield "l", points
        elif code == MplPath.CURVE3:
            (qx, qy), (ex, ey) = points[:2], points[2:]
            yield "c", (last[0] + 2 / 3 * (qx - last[0]), last[1] + 2 / 3 * (qy - last[1]),
                        ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey)
        elif code == MplPath.CURVE4:
            yield "c", points
        elif code == MplPath.CLOSEPOLY:
            yield "z", ()
            continue
        last = points[-2:]

