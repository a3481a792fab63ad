"""A department missing from one year of a series would draw a collapse that did not
happen (1,773 instead of 2,509): every period of a series holds the same combinations of
the data's key, or the brief says why not."""

from __future__ import annotations

from pathlib import Path

import pytest

from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import ErrorList, IndicatorError
from sectorial.indicators.compute import IndicatorSpec, compute_all

CSV = """anio,departamento,trabajadores
2021,Cusco,900
2021,Junín,800
2022,Junín,820
2023,Cusco,950
2023,Junín,830
"""


@pytest.fixture()
def tables(tmp_path: Path) -> dict:
    path = tmp_path / "empleo.csv"
    path.write_text(CSV, encoding="utf-8")
    columns = {"anio": "periodo", "departamento": "texto", "trabajadores": "entero"}
    spec = SourceSpec("e", path, "INEI", columns, unique=("anio", "departamento"))
    return {"e": load_table(spec)}


def series(**kw) -> dict:
    return {"s": IndicatorSpec(key="s", kind="serie", file="informe.yaml", line=9,
                               source="e", value="trabajadores", **kw)}


def test_a_period_missing_a_key_the_others_have_is_refused(tables):
    with pytest.raises((IndicatorError, ErrorList)) as caught:
        compute_all(series(), tables, 2023, "individual")
    message = str(caught.value)
    assert "en 2022" in message and "departamento=Cusco" in message
    assert "informe.yaml, línea 9" in message and "empleo.csv" in message


def test_the_brief_may_allow_it(tables):
    found = compute_all(series(gaps="permitir"), tables, 2023, "individual")
    assert [q.value for q in found["s"]] == [1700, 820, 1780]


def test_a_series_of_one_department_does_not_need_the_others(tables):
    found = compute_all(series(filters={"departamento": "Junín"}), tables, 2023, "individual")
    assert [q.value for q in found["s"]] == [800, 820, 830]
