"""What is left ("Otros") never leads; a tiny share never prints as 0.0%; a page or a box
with a false ``si`` is not printed (issue 18)."""

from __future__ import annotations

import pytest

from mini import BRIEF, make_project
from sectorial.build import Timings, prepare

# "Otros" is the largest part; Puno is 1 of 10,000.
DATA = """anio,region,empresas
2023,Cusco,3000
2023,Otros,5000
2023,Junín,1999
2023,Puno,1
2024,Cusco,3000
2024,Otros,5000
2024,Junín,1999
2024,Puno,1
"""

MESSAGE = 'mensaje: "{{ regiones.primero.nombre }} concentra el {{ regiones.primero.part | pct }}."'
TEXT = ('mensaje: "Destacan {{ regiones.principales(3) | partes }}; '
        'en orden, {{ regiones.nombres() | lista }}."')


def document(tmp_path, declared: str = "", message: str = TEXT, brief: str = BRIEF):
    regions = "regiones: {tipo: participaciones, datos: empresas, valor: empresas, por: region"
    text = brief.replace(regions, regions + declared).replace(MESSAGE, message)
    return prepare(make_project(tmp_path, brief=text, data=DATA), None, Timings()).document


def message_of(doc) -> str:
    return doc.pages[1].message.plain


def test_a_part_named_otros_is_never_a_leader_and_a_chart_puts_it_last(tmp_path):
    doc = document(tmp_path)
    assert message_of(doc) == ("Destacan Cusco (30.0%), Junín (20.0%) y Puno (menos de 0.1%); "
                               "en orden, Cusco, Junín y Puno.")
    # a donut groups what is left and the slices too small for a label of their own
    donut = next(c for c in doc.charts() if c.kind == "donut")
    assert donut.categories == ("Cusco", "Junín", "Resto")
    assert donut.series[0].labels == ("30.0%", "20.0%", "50.0%")
    bars = document(tmp_path / "barras", brief=BRIEF.replace("{tipo: dona,", "{tipo: barras,"))
    chart = next(c for c in bars.charts() if c.kind == "hbars")
    assert chart.categories == ("Cusco", "Junín", "Puno", "Otros")  # what is left, last
    assert chart.series[0].labels[2:] == ("<0.1%", "50.0%")


def test_resto_names_the_leftovers_and_an_empty_list_declares_none(tmp_path):
    doc = document(tmp_path / "a", declared=", resto: [cusco]")  # without accents or case
    assert message_of(doc).startswith("Destacan Otros (50.0%), Junín (20.0%) y Puno")
    doc = document(tmp_path / "b", declared=", resto: []")
    assert message_of(doc).startswith("Destacan Otros (50.0%), Cusco (30.0%) y Junín")


def test_the_first_part_skips_the_leftover(tmp_path):
    doc = document(tmp_path, message=MESSAGE)
    assert message_of(doc) == "Cusco concentra el 30.0%."


def test_a_tiny_share_in_the_ledger_keeps_its_exact_value(tmp_path):
    doc = document(tmp_path)
    puno = {f.kind: f for f in doc.figures if f.indicator == "regiones[Puno]"}
    assert "menos de 0.1%" in puno["mensaje"].printed and 0 < puno["mensaje"].value < 0.05
    assert "empresas.csv [anio=2024], filas 6-9" in puno["mensaje"].origin
    # the donut's group of what is left is in the ledger too, with what it adds up
    rest = [f for f in doc.figures if f.indicator == "regiones[resto]" and f.unit == "porcentaje"]
    assert rest and rest[0].printed == "50.0%" and rest[0].value == pytest.approx(50.01)
    assert "suma de 2 partes (Puno, Otros)" in rest[0].origin


BOXES_PAGE = "  - tipo: indicadores\n    etiqueta: MINI\n"
WHEN_BOX = ('        texto: "El número de empresas **{{ var | variacion }}** respecto a '
            '{{ anterior }}."\n')


@pytest.mark.parametrize("condition, printed", [("periodo", 2), ("not periodo", 1)])
def test_a_page_whose_condition_is_false_is_left_out(tmp_path, condition, printed):
    brief = BRIEF.replace(BOXES_PAGE, BOXES_PAGE + f"    si: {condition}\n")
    doc = prepare(make_project(tmp_path, brief=brief), None, Timings()).document
    assert len(doc.pages) == printed
    # the ledger numbers the pages as printed: the cover, then the pages that are there
    assert {f.page for f in doc.figures if f.kind == "mensaje"} == {printed + 1}


def test_a_box_whose_condition_is_false_is_left_out(tmp_path):
    brief = BRIEF.replace(WHEN_BOX, WHEN_BOX + '        si: "{{ not periodo }}"\n')
    doc = prepare(make_project(tmp_path, brief=brief), None, Timings()).document
    assert doc.pages[0].boxes == ()
    assert not [f for f in doc.figures if f.kind == "caja"]
