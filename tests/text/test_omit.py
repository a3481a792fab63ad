"""A chart of shares may leave categories out and keep the others' shares of the whole."""

from __future__ import annotations

import pytest

from mini import BRIEF, make_project
from sectorial.errors import ErrorList, TemplateError
from sectorial.pipeline import Timings, prepare

DONUT = """      - {tipo: dona, titulo: "Por región", unidad: "(Part. %)", datos: regiones,
         mostrar: participacion}"""


def donut(tmp_path, omit: str):
    brief = make_project(tmp_path, brief=BRIEF.replace(DONUT, DONUT.replace(
        "mostrar: participacion}", f"mostrar: participacion, omitir: [{omit}]}}")))
    doc = prepare(brief, None, Timings()).document
    return next(c for c in doc.charts() if c.kind == "donut")


def test_an_omitted_category_leaves_the_others_shares_of_the_whole(tmp_path):
    chart = donut(tmp_path, "cusco")  # compared without accents or case
    assert chart.categories == ("Junín",)
    assert chart.series[0].labels == ("33.3%",)  # 60 of 180, not 100%


def test_omitting_a_category_that_is_not_there_suggests_one(tmp_path):
    with pytest.raises((TemplateError, ErrorList), match="quiso decir 'Junín'"):
        donut(tmp_path, "Junin x")
