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
        slices = [(math.radians((w.theta1 + w.theta2) / 2), (w.theta2 - w.theta1) / 360, t)
                  for w, t in zip(wedges, series.labels)]
        beyond = [t for angle, share, t in slices
                  if share < 0.06 or not self._ring_label_size(t, angle, RING * unit_pt)]
        if beyond:  # room beside the ring for the labels outside it, on both sides alike
            widest = max(len(t) for t in beyond) * GLYPH_WIDTH * (self.label_size - 0.5)
            low, high = ax.get_xlim()
            extra = widest / unit_pt + 0.2
            ax.set_xlim(low - extra, high + extra)  # the ring's centre stays the axes'
            unit_pt = self._donut_unit(margins, ax)
        outside: list[tuple[float, str]] = []
        for angle, share, text in slices:
            size = self._ring_label_size(text, angle, RING * unit_pt) if share >= 0.06 else 0
            if size:  # on the ring, where it fits
                ax.text((1 - RING / 2) * math.cos(angle), (1 - RING / 2) * math.sin(angle),
                        text, ha="center", va="center", fontsize=size, color="white",
                        fontweight="bold")
            else:
                outside.append((angle, text))
        gap = (self.label_size - 0.5) * 1.35 / unit_pt  # a line of label, in radii
        for side in (1, -1):
            self._outside_labels(ax, [o for o in outside if (math.cos(o[0]) >= 0) == (
                side > 0)], side, gap)
        # Anchored to the figure's right edge, the legend can never be cut off.
        ax.figure.legend(wedges, chart.categories, loc="center right",
                         bbox_to_anchor=(0.995, 0.5), frameon=False, fontsize=self.label_size)
        ax.set_aspect("equal")
        if chart.center_label:  # where the hole is: the page writes the figure there as text
            width_pt = self.size_mm[0] * MM * 72
            self.hole = (float(margins["left"] + margins["right"]) / 2,
                         1 - float(margins["bottom"] + margins["top"]) / 2,
                         float(2 * HOLE * unit_pt / width_pt))

    def _outside_labels(self, ax: Axes, labels: list[tuple[float, str]], side: int,
                        gap: float) -> None:
        """The labels of small slices on one ``side`` of the ring (1 right, -1 left): each
        beyond the ring at its slice's height, a line apart from the one above it, at the
        end of a leader line from its slice."""
        labels = sorted(labels, key=lambda o: -math.sin(o[0]))  # from the top down
        placed: list[float] = []
        for angle, _ in labels:
            wanted = 1.11 * math.sin(angle)
            placed.append(min(wanted, placed[-1] - gap) if placed else wanted)
        floor = ax.get_ylim()[0] + gap * 0.6
        if placed and placed[-1] < floor:  # none pushed below the chart: all up, as spaced
            placed = [y + (floor - placed[-1]) for y in placed]
        for (angle, text), y in zip(labels, placed):
            x0, y0 = math.cos(angle), math.sin(angle)
            x = side * max(abs(1.11 * x0), 0.12)
            ax.plot([x0, x - side * 0.03], [y0, y], color=self.look.color("linea"),
                    linewidth=SPINE_WIDTH, solid_capstyle="butt")
            ax.text(x, y, text, ha="left" if side > 0 else "right", va="center",
                    fontsize=self.label_size - 0.5, color=self.look.color("texto"),
                    fontweight="bold")

    def _donut_unit(self, margins: dict[str, float], ax: Axes) -> float:
        """How many points one unit of the donut's radius takes on the page."""
        width_pt = self.size_mm[0] * MM * 72 * (margins["right"] - margins["left"])
        height_pt = self.size_mm[1] * MM * 72 * (margins["top"] - margins["bottom"])
        (left, right), (low, high) = ax.get_xlim(), ax.get_ylim()
        return min(width_pt / (right - left), height_pt / (high - low))

    def _ring_label_size(self, text: str, angle: float, ring_pt: float) -> float:
        """The size at which a slice's label fits on the ring at ``angle`` (the ring is
        wider across where it runs across), or 0 if not even at the least size."""
        across = ring_pt / max(abs(math.cos(angle)), 0.35)  # room along the label's line
        high = ring_pt / max(abs(math.sin(angle)), 0.35)  # room for its height
        size = min(self.label_size - 0.5, 0.9 * across / (len(text) * GLYPH_WIDTH),
                   0.8 * high / 1.2)
        return size if size >= LEAST_LABEL_PT else 0
