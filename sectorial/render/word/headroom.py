"""The room a Word chart of columns keeps for its line of variations, without a fixed scale.

The PDF draws the columns in the lower part of the chart and the line in the band above,
by fixing both axes. A fixed axis would clip a column or a point an official edits in Word
beyond it. Here each axis keeps Word's automatic scale, and invisible series ("floors")
only widen it: one at the columns' height times the layout's headroom, and two at the
line's floor and ceiling. Word's scale always takes in every value, so an edited value is
drawn whole; the floors are formulas of the chart's own columns in the embedded workbook,
so that after "Edit data" Excel computes them anew and the design follows the data.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

from lxml import etree

from sectorial.doc.model import Chart
from sectorial.layout import (
    LINE_ABOVE,
    LINE_BELOW,
    UNDER_LINE_HEADROOM,
    line_range,
    value_range,
)

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
FIRST_COLUMN = 3  # the workbook's column D: after the categories and the two series


@dataclass(frozen=True)
class Floor:
    """An invisible series of one value that widens an axis's automatic scale."""

    name: str  # the header of its workbook column (hidden)
    formula: str  # Excel's formula of the chart's columns, for its one cell
    value: float  # the formula's value now (the layout's own rule)
    secondary: bool  # on the line's axis, or on the columns'


def floors(chart: Chart) -> list[Floor]:
    """The floors of a chart of columns and a line of variations (kind ``columns_line``)."""
    last = len(chart.categories) + 1
    bars, line = f"B2:B{last}", f"C2:C{last}"
    top = f"MAX({bars})"
    span = f"IF(MAX({line})=MIN({line}),1,MAX({line})-MIN({line}))"
    below, above = line_range(chart)
    has_line = any(not math.isnan(v) for v in chart.series[1].values)
    found = [Floor("Escala: altura de las columnas (no editar)",
                   f"IF({top}=0,1,{top}*{UNDER_LINE_HEADROOM})", value_range(chart)[1],
                   secondary=False)]
    if has_line:
        found += [Floor("Escala: piso de la línea (no editar)",
                        f"MIN({line})-{span}*{LINE_BELOW}", below, secondary=True),
                  Floor("Escala: techo de la línea (no editar)",
                        f"MAX({line})+{span}*{LINE_ABOVE}", above, secondary=True)]
    return found


def column_letter(index: int) -> str:
    """The workbook's letter of a floor's column (D, E, F)."""
    return chr(ord("A") + FIRST_COLUMN + index)


def graft_floors(space: etree._Element, found: list[Floor]) -> None:
    """Add the ``found`` floors to the chart XML: a series each, drawn by nothing, read
    from hidden workbook columns (plotted anyway), out of the legend.

    Word names a legend entry by its series' index, LibreOffice by its place (the primary
    axis' series first): the columns' floor takes index 1 and the place after the columns,
    the variation 2, the line's floors 3 and 4, so that both read the same entries."""
    plot_area = space.find(f"{{{C}}}chart/{{{C}}}plotArea")
    line = plot_area.find(f"{{{C}}}lineChart")
    bar = plot_area.find(f"{{{C}}}barChart")
    variation = line.find(f"{{{C}}}ser")
    for name in ("idx", "order"):
        variation.find(f"{{{C}}}{name}").set("val", "2")
    primary = etree.Element(f"{{{C}}}lineChart")  # the columns' floor, on their axes
    for name in ("grouping", "varyColors"):
        primary.append(copy.deepcopy(line.find(f"{{{C}}}{name}")))
    hidden, after = [], variation
    for column, floor in enumerate(found):
        index = column + 2 if floor.secondary else 1  # 1, then 3 and 4
        series = _series(index, column, floor, variation)
        if floor.secondary:
            after.addnext(series)
            after = series
        else:
            primary.append(series)
        hidden.append(index)
    etree.SubElement(primary, f"{{{C}}}marker").set("val", "1")
    for axis in bar.findall(f"{{{C}}}axId"):
        primary.append(copy.deepcopy(axis))
    bar.addnext(primary)
    _out_of_legend(space, sorted(hidden))


def _series(index: int, column: int, floor: Floor, like: etree._Element) -> etree._Element:
    """A line series of one point, in the workbook's floor ``column``, that draws nothing
    (schema order of CT_LineSer)."""
    letter = column_letter(column)
    series = etree.Element(f"{{{C}}}ser")
    etree.SubElement(series, f"{{{C}}}idx").set("val", str(index))
    etree.SubElement(series, f"{{{C}}}order").set("val", str(index))
    name = etree.SubElement(etree.SubElement(series, f"{{{C}}}tx"), f"{{{C}}}strRef")
    etree.SubElement(name, f"{{{C}}}f").text = f"Sheet1!${letter}$1"
    _cache(etree.SubElement(name, f"{{{C}}}strCache"), 1, {0: floor.name})
    line = etree.SubElement(etree.SubElement(series, f"{{{C}}}spPr"), f"{{{A}}}ln")
    etree.SubElement(line, f"{{{A}}}noFill")
    etree.SubElement(etree.SubElement(series, f"{{{C}}}marker"),
                     f"{{{C}}}symbol").set("val", "none")
    etree.SubElement(etree.SubElement(series, f"{{{C}}}dLbls"),
                     f"{{{C}}}delete").set("val", "1")
    series.append(copy.deepcopy(like.find(f"{{{C}}}cat")))
    values = etree.SubElement(etree.SubElement(series, f"{{{C}}}val"), f"{{{C}}}numRef")
    etree.SubElement(values, f"{{{C}}}f").text = f"Sheet1!${letter}$2"
    cache = etree.SubElement(values, f"{{{C}}}numCache")
    etree.SubElement(cache, f"{{{C}}}formatCode").text = "General"
    _cache(cache, 1, {0: repr(float(floor.value))})
    etree.SubElement(series, f"{{{C}}}smooth").set("val", "0")
    return series


def _cache(cache: etree._Element, count: int, points: dict[int, str]) -> None:
    etree.SubElement(cache, f"{{{C}}}ptCount").set("val", str(count))
    for index, text in points.items():
        point = etree.SubElement(cache, f"{{{C}}}pt")
        point.set("idx", str(index))
        etree.SubElement(point, f"{{{C}}}v").text = text


def _out_of_legend(space: etree._Element, indexes: list[int]) -> None:
    """Delete the floors' legend entries, and plot their hidden cells (schema order of
    CT_Legend and CT_Chart)."""
    chart = space.find(f"{{{C}}}chart")
    legend = chart.find(f"{{{C}}}legend")
    if legend is not None:
        anchor = legend.find(f"{{{C}}}legendPos")
        for index in reversed(indexes):
            entry = etree.Element(f"{{{C}}}legendEntry")
            etree.SubElement(entry, f"{{{C}}}idx").set("val", str(index))
            etree.SubElement(entry, f"{{{C}}}delete").set("val", "1")
            anchor.addnext(entry)
    visible = etree.Element(f"{{{C}}}plotVisOnly", val="0")
    (legend if legend is not None else chart.find(f"{{{C}}}plotArea")).addnext(visible)
