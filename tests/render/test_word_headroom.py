"""The floors that keep a Word chart's variation line above its columns without a fixed
scale: their formulas, computed by LibreOffice Calc from the embedded workbook, give the
values the chart caches (the layout's rule), also on flat and empty data."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from readback import libreoffice, needs_tools
from sectorial.doc.model import Chart, ChartSeries
from sectorial.layout import line_range, value_range
from sectorial.render.word.charts import word_chart
from sectorial.render.word.headroom import floors

NAN = float("nan")
CASES = {
    "empleo": ((2391, 2250, 2450), (NAN, -5.9, 8.9)),
    "plana": ((10, 10, 10), (2.0, 2.0, 2.0)),
    "ceros": ((0, 0, 0), (NAN, -100.0, 0.0)),
    "una": ((5.0,), (3.5,)),
}


def _chart(columns: tuple[float, ...], variations: tuple[float, ...]) -> Chart:
    return Chart(key="c", kind="columns_line", title="T", subtitle="",
                 categories=tuple(str(2020 + i) for i in range(len(columns))),
                 series=(ChartSeries("Nivel", columns, tuple("" for _ in columns)),
                         ChartSeries("Var. %", variations, tuple("" for _ in columns),
                                     axis="secondary")),
                 alt_text="Columnas y línea.")


@needs_tools
def test_the_workbook_computes_the_floors_the_chart_caches(look, tmp_path: Path):
    books = []
    for name, (columns, variations) in CASES.items():
        chart = _chart(columns, variations)
        made = word_chart(chart, look, datetime(2026, 1, 1), (80.0, 60.0))
        cached = [float(v) for v in re.findall(
            r"<c:f>Sheet1!\$[DEF]\$2</c:f><c:numCache><c:formatCode>General</c:formatCode>"
            r'<c:ptCount val="1"/><c:pt idx="0"><c:v>([^<]+)</c:v>', made.xml.decode())]
        expected = [value_range(chart)[1], *line_range(chart)]
        assert cached == pytest.approx(expected), name
        assert [f.value for f in floors(chart)] == pytest.approx(expected)
        book = tmp_path / f"{name}.xlsx"
        book.write_bytes(made.workbook)
        books.append((book, expected))
    for book, expected in books:
        exported = libreoffice(book, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
        rows = list(csv.reader(io.StringIO(exported.read_text("utf-8"))))
        assert rows[0][3].startswith("Escala:") and rows[0][5].startswith("Escala:")
        assert [float(v) for v in rows[1][3:6]] == pytest.approx(expected), book.name


def test_the_floors_are_hidden_and_out_of_the_legend(look):
    chart = _chart(*CASES["empleo"])
    made = word_chart(chart, look, datetime(2026, 1, 1), (80.0, 60.0))
    xml = made.xml.decode()
    assert "<c:max " not in xml and "<c:min " not in xml
    assert re.findall(r'<c:legendEntry><c:idx val="(\d)"/><c:delete val="1"/>', xml) == \
        ["1", "3", "4"]
    assert '<c:plotVisOnly val="0"/>' in xml
    with zipfile.ZipFile(io.BytesIO(made.workbook)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<col min="4" max="6"[^>]*hidden="1"', sheet)


def test_columns_below_zero_keep_their_room_in_the_pdf():
    """The PDF's fixed range takes in a column below zero, and all-negative columns keep
    the axis upright (the line's band above zero)."""
    low, high = value_range(_chart((-5.0, 3.0), (NAN, 1.0)))
    assert low < -5.0 and high == pytest.approx(3.0 * 2.2)
    low, high = value_range(_chart((-5.0, -2.0), (NAN, 1.0)))
    assert low < -5.0 < 0.0 < high
