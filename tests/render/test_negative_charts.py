"""Charts of falls: bars go down (or left) from a zero line, their labels beyond the end on
the side of the bar, in the style's colour for falls, in matplotlib's drawing and in the
native Word chart alike; diverging bars sorted from the largest rise to the largest fall."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from sectorial.doc.model import BoxesPage, Chart, ChartSeries, Document, Metadata, TopicPage
from sectorial.formats import missing_roles
from sectorial.layout import value_range
from sectorial.render.charts import ChartPainter
from sectorial.render.word.charts import word_chart
from sectorial.style.loader import find_style, load_house

VALUES = (2.0, 2.8, -5.0, -9.3)
LABELS = ("2.0", "2.8", "-5.0", "-9.3")


@pytest.fixture(scope="module")
def look(root: Path):
    return load_house(find_style("produce", root / "briefs")).look


def chart(kind: str = "columns", values=VALUES, labels=LABELS) -> Chart:
    categories = tuple(f"C{i}" for i in range(len(values)))
    return Chart("k", kind, "Título", "(Var. %)", categories,
                 (ChartSeries("Var. %", values, labels),), "", highlight=())


def painted(look, model: Chart, method: str):
    painter = ChartPainter(look, "DejaVu Sans", (128.0, 88.0))
    figure = Figure()
    ax = figure.add_subplot()
    getattr(painter, method)(model, ax)
    return ax


def test_columns_below_zero_go_down_with_their_labels_under_them(look):
    ax = painted(look, chart(), "_columns")
    bars = ax.patches
    assert [round(b.get_height(), 1) for b in bars] == list(VALUES)
    assert all(b.get_y() == 0 for b in bars)  # every bar starts on the zero line
    texts = {t.get_text(): t for t in ax.texts}
    for bar, label in zip(bars, LABELS):
        y = texts[label].get_position()[1]
        assert (y > bar.get_height()) if bar.get_height() > 0 else (y < bar.get_height())
        assert texts[label].get_va() == ("bottom" if bar.get_height() > 0 else "top")
    low, high = ax.get_ylim()
    assert low < min(VALUES) and high > max(VALUES)  # no bar clipped
    assert any(line.get_ydata()[0] == 0 for line in ax.lines)  # the zero line
    fall = look.color("negativo").lower()
    colours = ["#" + "".join(f"{round(c * 255):02x}" for c in b.get_facecolor()[:3])
               for b in bars]
    assert colours[2:] == [fall, fall] and fall not in colours[:2]


def test_bars_left_of_zero_have_their_labels_on_the_left(look):
    ax = painted(look, chart("diverging", (3.0, 0.5, -1.0, -6.1), ("+3.0", "+0.5", "-1.0",
                                                                     "-6.1")), "_diverging")
    for bar, text in zip(ax.patches, ax.texts):
        width = bar.get_width()
        x = text.get_position()[0]
        assert (x > width and text.get_ha() == "left") if width > 0 else \
            (x < width and text.get_ha() == "right")
    low, high = ax.get_xlim()
    assert low < -6.1 and high > 3.0


def test_an_all_negative_series_is_fully_drawn(look):
    values = (-1.0, -4.0, -2.5)
    model = chart(values=values, labels=("-1.0", "-4.0", "-2.5"))
    low, high = value_range(model)
    assert low < -4.0 and high >= 0.0
    ax = painted(look, model, "_columns")
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == sorted(("-1.0", "-4.0", "-2.5", *model.categories))  # labels and names


def test_the_word_chart_keeps_falls_coloured_and_labels_clear_of_the_bars(look):
    made = word_chart(chart(), look, datetime(2024, 1, 1, tzinfo=UTC), (128.0, 88.0))
    xml = made.xml.decode("utf-8")
    assert '<c:invertIfNegative val="0"/>' in xml  # not drawn white, as Word would
    fall = look.color("negativo").lstrip("#").upper()
    assert xml.count(f'<a:srgbClr val="{fall}"/>') >= 2  # one per falling bar
    assert '<c:tickLblPos val="low"/>' in xml  # category names below the lowest bar
    assert '<c:dLblPos val="outEnd"/>' in xml


def test_a_chart_with_falls_needs_the_falls_colour(look):
    from dataclasses import replace

    doc = Document("d", Metadata("t", "s", "a", "es-PE"), None, (
        TopicPage("L", "T", None, (chart(),), ()), BoxesPage("L", "U", "", ())))
    colours = replace(look, colors={k: v for k, v in look.colors.items() if k != "negativo"})
    problems = missing_roles(doc, colours, ("pdf",))
    assert any("negativo" in str(p) for p in problems)
    assert not any("negativo" in str(p) for p in missing_roles(doc, look, ("pdf",)))


def grouped() -> Chart:
    return Chart("g", "columns", "Título", "(Var. %)", ("Ene", "Feb"), (
        ChartSeries("Primario", (8.2, -3.0), ("+8.2", "-3.0")),
        ChartSeries("No primario", (-13.6, 1.5), ("-13.6", "+1.5"))), "")


def test_grouped_columns_stand_side_by_side_in_each_category(look):
    ax = painted(look, grouped(), "_columns")
    bars = ax.patches
    assert [round(b.get_height(), 1) for b in bars] == [8.2, -3.0, -13.6, 1.5]
    first, second = bars[0], bars[2]  # January of each series
    assert first.get_x() + first.get_width() <= second.get_x()  # side by side, not stacked
    assert first.get_facecolor() != second.get_facecolor()
    model = grouped()
    assert sorted(t.get_text() for t in ax.texts) == sorted(["+8.2", "-3.0", "-13.6", "+1.5",
                                                             *model.categories])
    low, high = ax.get_ylim()
    assert low < -13.6 and high > 8.2
    legend = ax.get_legend() or ax.figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["Primario", "No primario"]


def test_grouped_columns_in_word_have_a_colour_per_series(look):
    made = word_chart(grouped(), look, datetime(2024, 1, 1, tzinfo=UTC), (128.0, 88.0))
    xml = made.xml.decode("utf-8")
    assert xml.count("<c:ser>") == 2 and '<c:grouping val="clustered"/>' in xml
    for colour in look.palette[:2]:
        assert f'<a:srgbClr val="{colour.lstrip("#").upper()}"/>' in xml


def test_a_small_slice_is_labelled_outside_the_ring_at_the_end_of_a_leader_line(look):
    """A slice too small for its label on the ring: the label is beyond the ring, on the
    slice's side, and a short line runs from the slice's edge towards it."""
    import math

    model = Chart("k", "donut", "Título", "(Part. %)", ("Grande", "Pequeña"),
                  (ChartSeries("Part. %", (96.0, 4.0), ("96.0%", "4.0%")),), "", highlight=())
    ax = painted(look, model, "_donut")
    wedge = ax.patches[1]
    angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
    label = next(t for t in ax.texts if t.get_text() == "4.0%")
    x, y = label.get_position()
    assert math.hypot(x, y) > 1.0  # outside the ring (radius 1)
    assert (x > 0) == (math.cos(angle) > 0)  # on the slice's side, aligned away from it
    assert label.get_ha() == ("left" if x > 0 else "right")
    assert y == pytest.approx(1.11 * math.sin(angle))  # at the slice's height
    (line,) = [ln for ln in ax.lines if len(ln.get_xdata()) == 2]
    (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
    assert (x0, y0) == pytest.approx((math.cos(angle), math.sin(angle)))  # from the slice
    assert math.hypot(x1 - x, y1 - y) < 0.05  # to the label
    big = next(t for t in ax.texts if t.get_text() == "96.0%")
    assert math.hypot(*big.get_position()) < 1.0 and big.get_color() == "white"  # on the ring


def test_labels_of_many_small_slices_never_overlap(look):
    """Nine slices too small for the ring, side by side: their labels, as the PDF prints
    them (the vector record), keep apart, each at the end of its own leader line."""
    from sectorial.render.charts.vector import text_width
    from sectorial.render.picture import VECTOR

    values = (75.0, 3.0, 2.5, 2.0, 2.6, 3.1, 2.9, 2.8, 3.5, 2.6)
    labels = tuple(f"{v:.1f}%" for v in values)
    model = Chart("k", "donut", "Título", "(Part. %)", tuple(f"C{i}" for i in range(10)),
                  (ChartSeries("Part. %", values, labels),), "", highlight=())
    painter = ChartPainter(look, "Lato", (84.0, 84.0))
    vector = painter.paint(model, frozenset({VECTOR})).vector
    boxes = []
    for label in vector.labels():
        if label.text in labels[1:]:
            font = look.pdf_bold if label.bold else look.pdf_regular
            width = text_width(label.text, font, label.size)
            boxes.append((label.x, label.y - 0.25 * label.size, label.x + width,
                          label.y + 0.75 * label.size, label.text))
    assert len(boxes) == 9
    for i, (x0, y0, x1, y1, a) in enumerate(boxes):
        assert 0 <= x0 and x1 <= vector.width and 0 <= y0 and y1 <= vector.height, a
        for u0, v0, u1, v1, b in boxes[i + 1:]:
            assert not (min(x1, u1) - max(x0, u0) > 0.5 and min(y1, v1) - max(y0, v0) > 0.5), (
                a, b)
