"""The donut kind: slices in a ring, their labels on the ring where they fit (else outside,
with a leader line), the legend at the figure's right, and the hole where the page writes
the centre figure."""

from __future__ import annotations

import math

from matplotlib.axes import Axes

from sectorial.doc.model import Chart
from sectorial.layout import GLYPH_WIDTH, LEAST_LABEL_PT
from sectorial.style import Look

MM = 1 / 25.4
RING = 0.38  # a donut's ring, of its radius
HOLE = 1 - RING  # the radius of its hole
SPINE_WIDTH = 0.8  # an axis line or a leader line, in points


class DonutPainter:
    """What ``ChartPainter`` draws a donut with."""

    look: Look
    size_mm: tuple[float, float]
    label_size: float
    hole: tuple[float, float, float] | None

    def _margins(self, chart: Chart) -> dict[str, float]:  # the painter's
        raise NotImplementedError

    def _donut(self, chart: Chart, ax: Axes) -> None:
        series = chart.series[0]
        colors = [self.look.palette[i % len(self.look.palette)]
                  for i in range(len(series.values))]
        wedges, _ = ax.pie(series.values, colors=colors, startangle=90, counterclock=False,
                           wedgeprops={"width": RING, "edgecolor": "white", "linewidth": 1.5})
        margins = self._margins(chart)
        unit_pt = self._donut_unit(margins, ax)
        for wedge, text in zip(wedges, series.labels):
            angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
            share = (wedge.theta2 - wedge.theta1) / 360
            size = self._ring_label_size(text, angle, RING * unit_pt) if share >= 0.06 else 0
            if size:  # on the ring, where it fits
                ax.text((1 - RING / 2) * math.cos(angle), (1 - RING / 2) * math.sin(angle),
                        text, ha="center", va="center", fontsize=size, color="white",
                        fontweight="bold")
            else:
                self._outside_label(ax, text, angle)
        # Anchored to the figure's right edge, the legend can never be cut off.
        ax.figure.legend(wedges, chart.categories, loc="center right",
                         bbox_to_anchor=(0.995, 0.5), frameon=False, fontsize=self.label_size)
        ax.set_aspect("equal")
        if chart.center_label:  # where the hole is: the page writes the figure there as text
            width_pt = self.size_mm[0] * MM * 72
            self.hole = (float(margins["left"] + margins["right"]) / 2,
                         1 - float(margins["bottom"] + margins["top"]) / 2,
                         float(2 * HOLE * unit_pt / width_pt))

    def _outside_label(self, ax: Axes, text: str, angle: float) -> None:
        """A small slice's label outside the ring, at the end of a short leader line from
        the slice, on the side away from the ring."""
        x, y = math.cos(angle), math.sin(angle)
        ax.plot([x, 1.08 * x], [y, 1.08 * y], color=self.look.color("linea"),
                linewidth=SPINE_WIDTH, solid_capstyle="butt")
        ax.text(1.11 * x, 1.11 * y, text, ha="center" if abs(x) < 0.26 else
                ("left" if x > 0 else "right"), va="center" if abs(y) < 0.88 else
                ("bottom" if y > 0 else "top"), fontsize=self.label_size - 0.5,
                color=self.look.color("texto"), fontweight="bold")

    def _donut_unit(self, margins: dict[str, float], ax: Axes) -> float:
        """How many points one unit of the donut's radius takes on the page."""
        width_pt = self.size_mm[0] * MM * 72 * (margins["right"] - margins["left"])
        height_pt = self.size_mm[1] * MM * 72 * (margins["top"] - margins["bottom"])
        low, high = ax.get_xlim()
        return min(width_pt, height_pt) / (high - low)

    def _ring_label_size(self, text: str, angle: float, ring_pt: float) -> float:
        """The size at which a slice's label fits on the ring at ``angle`` (the ring is
        wider across where it runs across), or 0 if not even at the least size."""
        across = ring_pt / max(abs(math.cos(angle)), 0.35)  # room along the label's line
        high = ring_pt / max(abs(math.sin(angle)), 0.35)  # room for its height
        size = min(self.label_size - 0.5, 0.9 * across / (len(text) * GLYPH_WIDTH),
                   0.8 * high / 1.2)
        return size if size >= LEAST_LABEL_PT else 0
