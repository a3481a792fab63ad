"""Native Word charts (DrawingML) from the same model chart matplotlib draws.

python-pptx writes the chart XML and its embedded workbook (XlsxWriter); its chart object
model sets colours, labels and axes. This module adds only what PowerPoint's writer lacks
for these briefs: the line of yearly variations on a second axis over the columns, and
labels that cannot be a number format. Each value label is a number format when the label
is the value as Word would print it ("17,224", "84.6%"), so that editing the data in Word
updates the label; otherwise (a value and its share, "6,965 (72.7%)") it is the label's
text, as printed in the PDF.
"""

from __future__ import annotations

import copy
import io
import math
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
)
from pptx.oxml import parse_xml
from pptx.util import Pt

from sectorial.doc.model import Chart, ChartSeries
from sectorial.layout import crowded_axis, stacked_label_size
from sectorial.render.word.centre import fix_plot_area
from sectorial.render.word.headroom import Floor, column_letter, floors, graft_floors
from sectorial.style import Look

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = {"columns": XL_CHART_TYPE.COLUMN_CLUSTERED, "columns_line": XL_CHART_TYPE.COLUMN_CLUSTERED,
         "hbars": XL_CHART_TYPE.BAR_CLUSTERED, "donut": XL_CHART_TYPE.DOUGHNUT,
         "lines": XL_CHART_TYPE.LINE_MARKERS, "diverging": XL_CHART_TYPE.BAR_CLUSTERED}
BARS = ("columns", "columns_line", "hbars", "diverging")
SECONDARY_AXES = ("70001", "70002")


@dataclass(frozen=True)
class WordChart:
    """The chart part's XML and the workbook it embeds."""

    xml: bytes
    workbook: bytes


def word_chart(chart: Chart, look: Look, when: datetime,
               size_mm: tuple[float, float]) -> WordChart:
    """Return the DrawingML chart and its workbook (dated ``when``) for a model chart drawn
    ``size_mm`` (the layout's size)."""
    formats = [_number_format(series) for series in chart.series]
    data = CategoryChartData()
    data.categories = list(chart.categories)
    for series, code in zip(chart.series, formats):
        data.add_series(series.name, [None if math.isnan(v) else v for v in series.values],
                        number_format=code or "General")
    space = parse_xml(ChartXmlWriter(TYPES[chart.kind], data).xml.encode("utf-8"))
    if chart.kind == "columns_line":
        _graft_variation_line(space, data, chart)
    _style(space, chart, formats, look, size_mm)
    found = floors(chart) if chart.kind == "columns_line" else []
    if found:
        graft_floors(space, found)
    if chart.kind == "donut" and chart.center_label:
        fix_plot_area(space)
    _finish(space)
    return WordChart(etree.tostring(space, xml_declaration=True, encoding="UTF-8",
                                    standalone=True), _workbook(chart, when, found))


def _number_format(series: ChartSeries) -> str | None:
    """The Excel number format that prints each value as its label, if there is one.

    Word prints the marks by the reader's locale: only es-PE's (17,224.5) read the same."""
    spec = series.number_format
    if spec is None or (spec.group, spec.decimal) != (",", ".") or spec.decimals > 6:
        return None
    if all(math.isnan(v) for v in series.values):
        return None
    if spec.of_whole:
        return "0" + ("." + "0" * spec.decimals if spec.decimals else "") + "%"
    code = "#,##0" + ("." + "0" * spec.decimals if spec.decimals else "")
    suffix = f'"{spec.suffix}"' if spec.suffix else ""
    if not spec.signed:
        return code + suffix
    zero = "0" + ("." + "0" * spec.decimals if spec.decimals else "")
    return f"+{code}{suffix};-{code}{suffix};{zero}{suffix}"


def _workbook(chart: Chart, when: datetime, found: list[Floor]) -> bytes:
    """The chart's data as the workbook Word opens with "Edit data": categories in column
    A, one column per series, laid out as the chart XML's references expect (Sheet1!B2…).
    XlsxWriter dates the file and its zip entries with ``created``: the same bytes each
    build."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": when.replace(tzinfo=None)})
    sheet = book.add_worksheet("Sheet1")
    sheet.write_column(1, 0, list(chart.categories))
    for column, series in enumerate(chart.series, start=1):
        sheet.write(0, column, series.name)
        for row, value in enumerate(series.values, start=1):
            if not math.isnan(value):
                sheet.write_number(row, column, value)
    for index, floor in enumerate(found):  # hidden columns, after the series
        sheet.write(f"{column_letter(index)}1", floor.name)
        sheet.write_formula(f"{column_letter(index)}2", "=" + floor.formula, None,
                            floor.value)
    if found:
        sheet.set_column(f"{column_letter(0)}:{column_letter(len(found) - 1)}", None, None,
                         {"hidden": True})
    book.close()
    return out.getvalue()


def _graft_variation_line(space: etree._Element, data: CategoryChartData,
                          chart: Chart) -> None:
    """Move the second series into a line chart on a secondary axis (Var. % anual). Its
    floors (``headroom``) keep the columns in the lower part and the line in the band
    above, as in the PDF."""
    line_space = parse_xml(ChartXmlWriter(XL_CHART_TYPE.LINE_MARKERS, data).xml.encode())
    plot_area = space.find(f"{{{C}}}chart/{{{C}}}plotArea")
    bar = plot_area.find(f"{{{C}}}barChart")
    bar.remove(bar.findall(f"{{{C}}}ser")[1])
    line = line_space.find(f".//{{{C}}}lineChart")
    line.remove(line.findall(f"{{{C}}}ser")[0])
    for axis_id, value in zip(line.findall(f"{{{C}}}axId"), SECONDARY_AXES):
        axis_id.set("val", value)
    bar.addnext(line)
    category_axis = copy.deepcopy(plot_area.find(f"{{{C}}}catAx"))
    value_axis = copy.deepcopy(plot_area.find(f"{{{C}}}valAx"))
    for axis, own, other in ((category_axis, *SECONDARY_AXES),
                             (value_axis, *reversed(SECONDARY_AXES))):
        axis.find(f"{{{C}}}axId").set("val", own)
        axis.find(f"{{{C}}}crossAx").set("val", other)
    category_axis.find(f"{{{C}}}delete").set("val", "1")
    _hidden_axis(value_axis)  # kept, not deleted: LibreOffice then scales the line by it
    value_axis.find(f"{{{C}}}crosses").set("val", "max")
    gridlines = value_axis.find(f"{{{C}}}majorGridlines")
    if gridlines is not None:
        value_axis.remove(gridlines)
    plot_area.append(category_axis)
    plot_area.append(value_axis)


def _hidden_axis(axis: etree._Element) -> None:
    """An axis that scales its series but draws nothing."""
    axis.find(f"{{{C}}}delete").set("val", "0")
    axis.find(f"{{{C}}}majorTickMark").set("val", "none")
    axis.find(f"{{{C}}}tickLblPos").set("val", "none")
    frame = etree.Element(f"{{{C}}}spPr")
    etree.SubElement(etree.SubElement(frame, f"{{{A}}}ln"), f"{{{A}}}noFill")
    axis.find(f"{{{C}}}tickLblPos").addnext(frame)


def _style(space: etree._Element, chart: Chart, formats: list[str | None], look: Look,
           size_mm: tuple[float, float]) -> None:
    pptx_chart = PptxChart(space, None)
    pptx_chart.font.size = Pt(look.size("grafico_etiqueta"))
    pptx_chart.font.name = look.docx_font
    pptx_chart.font.color.rgb = _rgb(look.color("texto"))
    pptx_chart.has_title = False
    donut = chart.kind == "donut"
    pptx_chart.has_legend = donut or len(chart.series) > 1
    if pptx_chart.has_legend:
        pptx_chart.legend.position = XL_LEGEND_POSITION.RIGHT if donut else \
            XL_LEGEND_POSITION.BOTTOM
        pptx_chart.legend.include_in_layout = False
    for plot_index, plot in enumerate(pptx_chart.plots):
        if chart.kind in BARS:
            if plot_index == 0:
                plot.gap_width = 60
                plot.vary_by_categories = False
        for series_index, series in enumerate(plot.series):
            index = plot_index + series_index
            _labels(series, chart.series[index], formats[index], chart, look)
            _colours(series, chart.series[index], chart, look, index)
    if not donut:
        category = pptx_chart.category_axis
        category.has_major_gridlines = False
        category.format.line.color.rgb = _rgb(look.color("linea"))
        category.tick_labels.font.size = Pt(look.size("grafico_etiqueta"))
        if chart.kind in ("hbars", "diverging"):
            category.reverse_order = True  # the first (the largest) on top, as in the PDF
            category.tick_labels.font.size = Pt(stacked_label_size(
                chart, size_mm[1], look.size("grafico_etiqueta")))  # each one, not one in two
        if any(v < 0 for series in chart.series if series.axis == "primary"
               for v in series.values):  # clear of the bars and the lines below zero
            category.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        upright = chart.kind in ("columns", "columns_line", "lines")
        if upright and crowded_axis(chart, size_mm[0], look.size("grafico_etiqueta")):
            category.tick_labels.font.size = Pt(look.size("grafico_etiqueta") - 1)
            _upright(space)
        primary = space.find(f"{{{C}}}chart/{{{C}}}plotArea/{{{C}}}valAx")
        primary.find(f"{{{C}}}delete").set("val", "1")
        # No fixed range: a bar an official edits in Word is drawn to its new height.
        gridlines = primary.find(f"{{{C}}}majorGridlines")
        if gridlines is not None:
            primary.remove(gridlines)


def _labels(series: object, model: ChartSeries, code: str | None, chart: Chart,
            look: Look) -> None:
    labels = series.data_labels  # type: ignore[attr-defined]
    labels.font.size = Pt(look.size("grafico_etiqueta"))
    labels.font.bold = True
    if chart.kind == "donut":
        labels.position = XL_LABEL_POSITION.CENTER
        labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)  # on the slice, as in the PDF
    elif chart.kind in BARS and model.axis == "primary":
        labels.position = XL_LABEL_POSITION.OUTSIDE_END  # beyond the end, either side
    else:
        labels.position = XL_LABEL_POSITION.ABOVE
    if code is not None and model.number_format and model.number_format.of_whole:
        labels.number_format = code  # Word computes each slice's share of the whole
        labels.number_format_is_linked = False
        labels.show_percentage = True
        labels.show_value = False
        return
    if code is not None:
        labels.number_format = code
        labels.number_format_is_linked = False
        labels.show_value = True
        return
    for index, text in enumerate(model.labels):  # the label's own words
        if text:
            frame = series.points[index].data_label.text_frame  # type: ignore[attr-defined]
            frame.text = text
            frame.paragraphs[0].runs[0].font.bold = True
            frame.paragraphs[0].runs[0].font.size = Pt(look.size("grafico_etiqueta"))


def _colours(series: object, model: ChartSeries, chart: Chart, look: Look,
             position: int) -> None:
    if chart.kind == "donut":
        for index in range(len(model.values)):
            fill = series.points[index].format.fill  # type: ignore[attr-defined]
            fill.solid()
            fill.fore_color.rgb = _rgb(look.palette[index % len(look.palette)])
        return
    if model.axis == "secondary" or chart.kind == "lines":
        colour = look.palette[2] if model.axis == "secondary" else \
            look.palette[position % len(look.palette)]
        line = series.format.line  # type: ignore[attr-defined]
        line.color.rgb = _rgb(colour)
        line.width = Pt(1.8)
        series.smooth = False  # type: ignore[attr-defined]
        return
    fill = series.format.fill  # type: ignore[attr-defined]
    fill.solid()
    grouped = chart.kind == "columns" and len(chart.series) > 1  # a colour per series
    fill.fore_color.rgb = _rgb(look.palette[position % len(look.palette)] if grouped
                               else look.color("barra"))
    if grouped:
        return
    falls = [i for i, v in enumerate(model.values) if v < 0 and i not in chart.highlight]
    if falls:
        series.invert_if_negative = False  # type: ignore[attr-defined]
    for index, role in [*((i, "negativo") for i in falls),
                        *((i, "resaltado") for i in chart.highlight)]:
        point = series.points[index].format.fill  # type: ignore[attr-defined]
        point.solid()
        point.fore_color.rgb = _rgb(look.color(role))


def _upright(space: etree._Element) -> None:
    """Turn the category labels upright, as the PDF does when they would touch."""
    axis = space.find(f"{{{C}}}chart/{{{C}}}plotArea/{{{C}}}catAx")
    text = axis.find(f"{{{C}}}txPr")
    if text is None:
        return
    body = text.find(f"{{{A}}}bodyPr")
    body.set("rot", "-5400000")
    body.set("vert", "horz")


def _finish(space: etree._Element) -> None:
    """Say every flag explicitly (LibreOffice reads a bare <c:delete/> as false) and draw
    no frame around the chart, as the PDF has none."""
    for flag in space.iter(f"{{{C}}}delete"):
        if flag.get("val") is None:
            flag.set("val", "1")
    ids: dict[str, str] = {}  # python-pptx's template numbers its axes below zero
    for element in (*space.iter(f"{{{C}}}axId"), *space.iter(f"{{{C}}}crossAx")):
        value = element.get("val", "")
        if value.startswith("-"):
            element.set("val", ids.setdefault(value, str(50001 + len(ids))))
    for axis in space.iter(f"{{{C}}}catAx"):
        _every_label(axis)
    frame = etree.Element(f"{{{C}}}spPr")
    line = etree.SubElement(frame, f"{{{A}}}ln")
    etree.SubElement(line, f"{{{A}}}noFill")
    space.find(f"{{{C}}}chart").addnext(frame)


def _every_label(axis: etree._Element) -> None:
    """Word skips category labels that do not fit (the Tumbes ranking showed every other
    region): ask for each one, in the place the schema gives the flag (before
    noMultiLvlLbl)."""
    if axis.find(f"{{{C}}}tickLblSkip") is not None:
        return
    skip = etree.Element(f"{{{C}}}tickLblSkip", val="1")
    after = next((axis.find(f"{{{C}}}{name}") for name in ("tickMarkSkip", "noMultiLvlLbl",
                                                           "extLst")
                  if axis.find(f"{{{C}}}{name}") is not None), None)
    if after is not None:
        after.addprevious(skip)
    else:
        axis.append(skip)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def with_parts(xml: bytes, workbook_id: str, shapes_id: str | None = None) -> bytes:
    """The chart XML pointing at its embedded workbook, so that "Edit data" opens it, and
    at its drawing (the donut's centre figure), in the order the schema wants."""
    space = etree.fromstring(xml)
    external = etree.SubElement(space, f"{{{C}}}externalData")
    external.set(f"{{{R}}}id", workbook_id)
    etree.SubElement(external, f"{{{C}}}autoUpdate").set("val", "0")
    if shapes_id is not None:
        etree.SubElement(space, f"{{{C}}}userShapes").set(f"{{{R}}}id", shapes_id)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
