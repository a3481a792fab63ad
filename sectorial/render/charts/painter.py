"""Draw the model's charts with matplotlib: once per build, for every output, in pixels
(Agg) for the formats that embed images, as vectors (``render.vector``) for the PDF. The
layout is matplotlib's either way, decided once per chart, so both agree.

Labels are printed exactly as the model gives them; this module never formats a figure.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.transforms import ScaledTranslation  # noqa: E402

from sectorial.doc.model import Chart, Document  # noqa: E402
from sectorial.errors import RenderError  # noqa: E402
from sectorial.layout import (  # noqa: E402
    chart_sizes,
    crowded_axis,
    label_offset,
    line_range,
    value_range,
    wrapped_labels,
)
from sectorial.render.charts.donut import MM, SPINE_WIDTH, DonutPainter  # noqa: E402
from sectorial.render.charts.vector import record  # noqa: E402
from sectorial.render.picture import PIXELS, VECTOR, Picture  # noqa: E402
from sectorial.style import Look  # noqa: E402

_PAINTED: OrderedDict[str, Picture] = OrderedDict()
"""Vector charts this process drew, by what they were drawn from (the latest last)."""
_KEPT = 48

TICK_PAD = 3.5  # points between the axis line and the category names (matplotlib's)


def render_charts(doc: Document, look: Look,
                  kinds: frozenset[str] = frozenset({PIXELS, VECTOR})) -> dict[str, Picture]:
    """Return every chart of ``doc`` drawn as ``kinds`` ask, keyed by chart key."""
    return ChartQueue(doc, look, kinds=kinds).draw()


class ChartQueue:
    """The charts of a document, drawn by one process or shared by two.

    Each ``draw`` claims one chart at a time until none is left: this process from the
    front, a forked helper (``from_back``) from the back, through a counter in shared memory
    (``shared=True``, before forking). The drawing so splits itself between the processes
    whatever else each one has to do."""

    def __init__(self, doc: Document, look: Look, shared: bool = False,
                 kinds: frozenset[str] = frozenset({PIXELS})):
        self.charts, self.kinds = doc.charts(), kinds
        keys = [chart.key for chart in self.charts]
        for key in keys:
            if keys.count(key) > 1:
                raise RenderError(f"hay dos gráficos con la clave '{key}'")
        self.look, self.sizes = look, chart_sizes(doc, look.page)
        self.family = _register_fonts(look)
        # The next chart from the front and the end of those left.
        bounds = [0, len(self.charts)]
        self._bounds = (multiprocessing.get_context("fork").Array("i", bounds) if shared
                        else bounds)
        self._lock = self._bounds.get_lock() if shared else contextlib.nullcontext()

    def draw(self, from_back: bool = False) -> dict[str, Picture]:
        """Draw charts until none is left; return those this call drew."""
        images: dict[str, Picture] = {}
        while (chart := self._claim(from_back)) is not None:
            images[chart.key] = self._painted(chart)
        return images

    def _painted(self, chart: Chart) -> Picture:
        """The chart drawn, or as drawn before in this process for the same chart, size and
        house style (a preview rebuilt after editing a line redraws no chart)."""
        size = self.sizes[chart.key]
        if PIXELS in self.kinds:  # megabytes of pixels: not kept
            return ChartPainter(self.look, self.family, size).paint(chart, self.kinds)
        key = repr((chart, self.look, size, sorted(self.kinds)))
        if key in _PAINTED:
            _PAINTED.move_to_end(key)
            return _PAINTED[key]
        picture = ChartPainter(self.look, self.family, size).paint(chart, self.kinds)
        _PAINTED[key] = picture
        while len(_PAINTED) > _KEPT:
            _PAINTED.popitem(last=False)
        return picture

    def _claim(self, from_back: bool) -> Chart | None:
        with self._lock:
            front, end = self._bounds[0], self._bounds[1]
            if front >= end:
                return None
            if from_back:
                self._bounds[1] = end - 1
                return self.charts[end - 1]
            self._bounds[0] = front + 1
            return self.charts[front]


def vector_at(chart: Chart, look: Look, size_mm: tuple[float, float]) -> Picture:
    """``chart`` laid out anew at ``size_mm`` as vectors: for a frame the page found lower
    than the chart's size, so that its text keeps the house style's size."""
    return ChartPainter(look, _register_fonts(look), size_mm).paint(chart, frozenset({VECTOR}))


def _picture(figure: Figure, dpi: int) -> Picture:
    """The figure in pixels: opaque (RGB on white; savefig would keep an alpha channel the
    outputs strip again) and raw (the PDF compresses them once, in its own stream)."""
    figure.set_dpi(dpi)
    figure.set_facecolor("white")
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    width, height = canvas.get_width_height()
    return Picture.from_rgba(width, height, dpi, canvas.buffer_rgba())


def covered_characters(look: Look) -> frozenset[int]:
    """The code points both house fonts draw, as matplotlib reads them."""
    maps = [font_manager.get_font(str(path)).get_charmap()
            for path in (look.pdf_regular, look.pdf_bold)]
    return frozenset(maps[0]) & frozenset(maps[1])


def _register_fonts(look: Look) -> str:
    """Make the house PDF font available to matplotlib and return its family name."""
    for path in (look.pdf_regular, look.pdf_bold):
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(look.pdf_regular)).get_name()


class ChartPainter(DonutPainter):
    """Paint one chart; ``visit`` dispatches on the chart kind."""

    def __init__(self, look: Look, family: str, size_mm: tuple[float, float]):
        self.look = look
        self.family = family
        self.size_mm = size_mm
        self.label_size = look.size("grafico_etiqueta")
        self.hole: tuple[float, float, float] | None = None  # a donut's, for its centre text

    def paint(self, chart: Chart, kinds: frozenset[str] = frozenset({PIXELS})) -> Picture:
        """Return ``chart`` drawn as ``kinds`` ask: in pixels, as vectors or both, from one
        layout."""
        dpi, fonts = self.look.chart_dpi, (self.look.pdf_regular, self.look.pdf_bold)
        with self.laid_out(chart) as figure:
            vector = record(figure, fonts) if VECTOR in kinds else None
            if PIXELS in kinds:
                picture = replace(_picture(figure, dpi), vector=vector)
            else:
                width, height = (round(v * dpi) for v in figure.get_size_inches())
                picture = Picture(width, height, dpi, vector=vector)
        return replace(picture, hole=self.hole) if self.hole else picture

    @contextlib.contextmanager
    def laid_out(self, chart: Chart) -> Iterator[Figure]:
        """``chart`` laid out in a matplotlib figure, to be drawn inside the block (in the
        house font)."""
        painter: Callable[[Chart, Axes], None] | None = getattr(self, f"_{chart.kind}", None)
        if painter is None:
            raise RenderError(f"tipo de gráfico desconocido '{chart.kind}'")
        with matplotlib.rc_context({"font.family": self.family, "font.size": self.label_size,
                                    "text.parse_math": False}):
            figure = Figure(figsize=(self.size_mm[0] * MM, self.size_mm[1] * MM))
            axes = figure.add_subplot()
            painter(chart, axes)
            figure.subplots_adjust(**self._margins(chart))
            yield figure

    # Kinds -------------------------------------------------------------------------------

    def _columns(self, chart: Chart, ax: Axes) -> None:
        if chart.kind == "columns" and len(chart.series) > 1:
            self._grouped(chart, ax)
            return
        series = chart.series[0]
        positions = range(len(chart.categories))
        bars = ax.bar(positions, series.values, width=0.62, color=self._bar_colors(chart))
        offset = label_offset(chart) * 0.02
        # Narrow charts with many columns: smaller labels so neighbours do not touch.
        crowded = self.size_mm[0] / max(len(chart.categories), 1) < 16
        size = self.label_size - 1.5 if crowded else self.label_size
        for bar, text in zip(bars, series.labels):
            height = bar.get_height()  # negative for a bar below zero: its label goes under
            ax.text(bar.get_x() + bar.get_width() / 2,
                    height + offset if height >= 0 else height - offset, text, ha="center",
                    va="bottom" if height >= 0 else "top", fontsize=size,
                    color=self.look.color("texto"), fontweight="bold")
        ax.set_ylim(*value_range(chart))
        self._zero_line(ax, chart, "y")
        self._category_axis(ax, chart)

    def _grouped(self, chart: Chart, ax: Axes) -> None:
        """Columns of several series side by side in each category, a colour each."""
        count, offset = len(chart.series), label_offset(chart) * 0.02
        width = 0.8 / count
        size = self.label_size - 1.5
        for k, series in enumerate(chart.series):
            xs = [i - 0.4 + width * (k + 0.5) for i in range(len(chart.categories))]
            colour = self.look.palette[k % len(self.look.palette)]
            bars = ax.bar(xs, series.values, width=width * 0.9, color=colour, label=series.name)
            for bar, text in zip(bars, series.labels):
                height = bar.get_height()
                ax.text(bar.get_x() + bar.get_width() / 2,
                        height + offset if height >= 0 else height - offset, text,
                        ha="center", va="bottom" if height >= 0 else "top", fontsize=size,
                        color=self.look.color("texto"))
        ax.set_ylim(*value_range(chart))
        self._zero_line(ax, chart, "y")
        self._category_axis(ax, chart)
        self._legend(chart, ax)

    def _columns_line(self, chart: Chart, ax: Axes) -> None:
        self._columns(chart, ax)
        line = chart.series[1]
        twin = ax.twinx()
        xs = [i for i, v in enumerate(line.values) if not math.isnan(v)]
        ys = [line.values[i] for i in xs]
        color = self.look.palette[2]
        twin.plot(xs, ys, color=color, linewidth=1.8, marker="o", markersize=4, zorder=3)
        for x, y in zip(xs, ys):
            below = y < 0  # negative variations are labelled under their point
            twin.annotate(line.labels[x], (x, y), textcoords="offset points",
                          xytext=(0, -7 if below else 6), va="top" if below else "bottom",
                          ha="center", fontsize=self.label_size - 0.5, color=color,
                          fontweight="bold")
        # Columns fill the lower part of the plot; the line lives in the band above them.
        ax.set_ylim(*value_range(chart))
        twin.set_ylim(*line_range(chart))
        twin.axis("off")
        self._legend(chart, ax, [ax.patches[0], twin.lines[0]],
                     [chart.series[0].name, line.name], self.label_size - 0.5)

    def _lines(self, chart: Chart, ax: Axes) -> None:
        for index, series in enumerate(chart.series):
            color = self.look.palette[index % len(self.look.palette)]
            ax.plot(range(len(series.values)), series.values, color=color, linewidth=2,
                    marker="o", markersize=4, label=series.name)
            last_only = len(series.labels) > 1 and not any(series.labels[:-1])
            for x, (y, text) in enumerate(zip(series.values, series.labels)):
                if last_only:  # the line's end labelled to its right, clear of the others
                    ax.annotate(text, (x, y), textcoords="offset points", xytext=(5, 0),
                                ha="left", va="center", fontsize=self.label_size - 0.5,
                                color=color, fontweight="bold")
                else:
                    ax.annotate(text, (x, y), textcoords="offset points", xytext=(0, 6),
                                ha="center", fontsize=self.label_size - 0.5, color=color)
        count = len(chart.categories)
        if any(len(s.labels) > 1 and not any(s.labels[:-1]) for s in chart.series):
            ax.set_xlim(-0.5, count - 0.5 + max(count * 0.09, 1.0))  # room for end labels
        ax.margins(y=0.25)
        self._zero_line(ax, chart, "y")
        self._category_axis(ax, chart)
        if len(chart.series) > 1:
            self._legend(chart, ax)

    def _hbars(self, chart: Chart, ax: Axes) -> None:
        series = chart.series[0]
        count = len(chart.categories)
        positions = list(range(count))[::-1]  # the first (the largest) on top
        bars = ax.barh(positions, series.values, height=0.62, color=self._bar_colors(chart))
        offset = label_offset(chart) * 0.015
        for bar, text in zip(bars, series.labels):
            width = bar.get_width()  # negative for a bar left of zero: its label goes left
            ax.text(width + offset if width >= 0 else width - offset,
                    bar.get_y() + bar.get_height() / 2, text, va="center",
                    ha="left" if width >= 0 else "right", fontsize=self.label_size,
                    color=self.look.color("texto"), fontweight="bold")
        ax.set_xlim(*value_range(chart))
        self._zero_line(ax, chart, "x")
        # The category names left of the axis, where tick labels would be (ticks cost a
        # third of the drawing, and the chart needs none).
        ax.set_axis_off()
        beside = ax.get_yaxis_transform() + ScaledTranslation(-TICK_PAD / 72, 0,
                                                              ax.figure.dpi_scale_trans)
        names = wrapped_labels(chart.categories, self.size_mm[0], self.label_size)
        for y, name in zip(positions, names):
            ax.text(0, y, name, transform=beside, ha="right", va="center_baseline",
                    fontsize=self.label_size, clip_on=False)
        if chart.kind != "diverging":  # the bars' axis line
            ax.plot([0, 0], [0, 1], transform=ax.transAxes, color=self.look.color("linea"),
                    linewidth=SPINE_WIDTH, clip_on=False)

    def _diverging(self, chart: Chart, ax: Axes) -> None:
        """Bars to either side of zero, sorted: rises on top, falls below."""
        self._hbars(chart, ax)

    # Helpers -----------------------------------------------------------------------------

    def _margins(self, chart: Chart) -> dict[str, float]:
        """Return fixed subplot margins for the kind (cheaper than tight_layout)."""
        width_pt = self.size_mm[0] * MM * 72
        height_pt = self.size_mm[1] * MM * 72
        tick_h = (self.label_size * 2.2) / height_pt
        if crowded_axis(chart, self.size_mm[0], self.label_size):  # upright labels
            longest = max((len(c) for c in chart.categories), default=0)
            tick_h = (longest * (self.label_size - 1) * 0.62 + 6) / height_pt
        if chart.kind in ("hbars", "diverging"):
            longest = max((len(line) for c in wrapped_labels(
                chart.categories, self.size_mm[0], self.label_size)
                for line in c.split("\n")), default=0)
            left = (longest * self.label_size * 0.5 + 8) / width_pt
            return {"left": min(left, 0.5), "right": 0.99, "bottom": 0.02, "top": 0.98}
        if chart.kind == "donut":
            longest = max((len(c) for c in chart.categories), default=0)
            legend = (longest * 0.6 + 5.5) * self.label_size / width_pt  # text, key, padding
            return {"left": 0.0, "right": max(0.45, 1 - legend), "bottom": 0.02, "top": 0.98}
        legend = 0.0
        if len(chart.series) > 1:  # under upright labels, the legend takes one line of its own
            legend = (self.label_size * 2.6 / height_pt if self._upright(chart)
                      else tick_h * 1.3)
        return {"left": 0.01, "right": 0.99, "bottom": tick_h + legend, "top": 0.98}

    def _upright(self, chart: Chart) -> bool:
        return crowded_axis(chart, self.size_mm[0], self.label_size)

    def _legend(self, chart: Chart, ax: Axes, handles: list | None = None,
                names: list[str] | None = None, size: float | None = None) -> None:
        """The legend in one row under the chart: at the figure's foot when the category
        labels stand upright (under them), else just under the axis."""
        where = {"ncol": len(chart.series), "frameon": False, "fontsize": size}
        if self._upright(chart):
            if handles is None:
                handles, names = ax.get_legend_handles_labels()
            ax.figure.legend(handles, names, loc="lower center", bbox_to_anchor=(0.5, 0.0),
                             **where)
        elif handles is None:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), **where)
        else:
            ax.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.1), **where)

    def _bar_colors(self, chart: Chart) -> list[str]:
        """Highlighted bars in the strong colour; bars below zero in the falls' colour."""
        normal, strong = self.look.color("barra"), self.look.color("resaltado")
        values = chart.series[0].values
        colors = [strong if i in chart.highlight else normal for i in range(len(values))]
        if min(values, default=0.0) < 0:
            fall = self.look.color("negativo")
            colors = [fall if v < 0 and i not in chart.highlight else c
                      for i, (v, c) in enumerate(zip(values, colors))]
        return colors

    def _zero_line(self, ax: Axes, chart: Chart, axis: str) -> None:
        """The zero line, when a value of some series is below zero."""
        if any(v < 0 for series in chart.series for v in series.values):
            line = ax.axhline if axis == "y" else ax.axvline
            line(0, color=self.look.color("linea"), linewidth=SPINE_WIDTH, zorder=0)

    def _category_axis(self, ax: Axes, chart: Chart) -> None:
        """The category names under the axis line, where tick labels would be (upright and
        smaller when they would not fit side by side)."""
        turned = self._upright(chart)
        ax.set_axis_off()
        under = ax.get_xaxis_transform() + ScaledTranslation(0, -TICK_PAD / 72,
                                                             ax.figure.dpi_scale_trans)
        for x, name in enumerate(chart.categories):
            ax.text(x, 0, name, transform=under, ha="center", va="top",
                    rotation=90 if turned else 0, clip_on=False,
                    fontsize=self.label_size - (1 if turned else 0))
        ax.plot([0, 1], [0, 0], transform=ax.transAxes, color=self.look.color("linea"),
                linewidth=SPINE_WIDTH, clip_on=False)
