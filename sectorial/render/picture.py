"""A chart as the renderers receive it: drawn in pixels, as vectors, or both.

The pixels stay raw: the PDF compresses them once in its own stream, so encoding a PNG for
it (and decoding it again) was work thrown away, a fifth of the drawing time. Only an
output that embeds image files (a DOCX with chart pictures) asks for the PNG. The PDF asks
for the vectors (``VECTOR``): its charts are paths and text, in the page's own fonts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

PIXELS, VECTOR = "pixels", "vector"  # what a renderer may ask of a chart


@dataclass(frozen=True)
class Picture:
    """Opaque RGB pixels, rows from the top, and the resolution that sizes them on a page;
    or, with ``vector``, the chart as paths and text (the pixels then may be left empty)."""

    width: int  # pixels
    height: int
    dpi: int
    pixels: bytes = b""  # 3 bytes per pixel
    # A donut's hole, for the text drawn in it by the page: its centre (shares of the
    # width from the left, of the height from the top) and its diameter (share of the width).
    hole: tuple[float, float, float] | None = field(default=None, compare=False)
    vector: Vector | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if (self.pixels or self.vector is None) and len(self.pixels) != (
                self.width * self.height * 3):
            raise ValueError(f"{len(self.pixels)} bytes for {self.width} x {self.height} RGB")

    @classmethod
    def from_rgba(cls, width: int, height: int, dpi: int, rgba: object) -> Picture:
        """Flatten ``rgba`` pixels (a buffer of 4 bytes a pixel, rows from the top)."""
        from PIL import Image

        image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
        return cls(width, height, dpi, image.convert("RGB").tobytes())

    @classmethod
    def from_png(cls, data: bytes) -> Picture:
        """Read a PNG (any mode, flattened on white) into a Picture."""
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            image.load()
            dpi = round(image.info.get("dpi", (72, 72))[0])
            if image.mode in ("RGBA", "LA", "P"):
                ground = Image.new("RGB", image.size, "white")
                ground.paste(image.convert("RGBA"), mask=image.convert("RGBA"))
                image = ground
            return cls(image.width, image.height, dpi, image.convert("RGB").tobytes())

    @property
    def size_in(self) -> tuple[float, float]:
        """Width and height in inches at the recorded resolution."""
        return self.width / self.dpi, self.height / self.dpi

    def image(self) -> Image:
        """A Pillow image of the pixels (shares nothing with the Picture)."""
        from PIL import Image

        return Image.frombytes("RGB", (self.width, self.height), self.pixels)

    def png(self) -> bytes:
        """The pixels as a PNG file that records its resolution."""
        buffer = io.BytesIO()
        # Light compression: the file is embedded once (and the DOCX zip deflates it again).
        self.image().save(buffer, "PNG", compress_level=2, dpi=(self.dpi, self.dpi))
        return buffer.getvalue()


def stripes_png(widths: tuple[int, ...], colours: tuple[str, ...]) -> bytes:
    """A PNG one pixel high of vertical stripes, ``widths`` pixels each in ``colours``
    ("#RRGGBB"): a band a page stretches to its height (the DOCX's cover)."""
    from PIL import Image

    image = Image.new("RGB", (sum(widths), 1))
    left = 0
    for width, colour in zip(widths, colours):
        image.paste(colour, (left, 0, left + width, 1))
        left += width
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


Colour = tuple[float, float, float]
Segment = tuple[str, tuple[float, ...]]  # "m", "l", "c" (with its points) or "z"


@dataclass(frozen=True)
class Shape:
    """A path, filled and/or stroked, optionally clipped to a rectangle."""

    segments: tuple[Segment, ...]
    fill: Colour | None
    stroke: Colour | None
    width: float = 0.0  # of the stroke, in points
    dashes: tuple[float, ...] = ()
    join: int = 0  # PDF line join: 0 miter, 1 round, 2 bevel
    cap: int = 0  # PDF line cap: 0 butt, 1 round, 2 projecting
    clip: tuple[float, float, float, float] | None = None  # x, y, width, height


@dataclass(frozen=True)
class Label:
    """A line of text: its baseline starts at (x, y) and runs at ``angle`` degrees."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    colour: Colour
    angle: float = 0.0


@dataclass(frozen=True)
class Vector:
    """A chart drawn as shapes and labels, in the order they are painted."""

    width: float  # points
    height: float
    items: tuple[Shape | Label, ...] = ()

    def labels(self) -> list[Label]:
        return [item for item in self.items if isinstance(item, Label)]
