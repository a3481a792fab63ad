"""What is left ("Otros") never leads; a tiny share never prints as 0.0%; a page or a box
with a false ``si`` is not printed (issue 18)."""

from __future__ import annotations

import pytest

from mini import BRIEF, make_project
from sectorial.pipeline import Timings, prepare

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
    # Puno, 1 in 10,000, is one of the parts, not one of the main ones
    assert message_of(doc) == ("Destacan Cusco (30.0%) y Junín (20.0%); en orden, Cusco, "
                               "Junín y Puno.")
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
    assert message_of(doc).startswith("Destacan Otros (50.0%) y Junín (20.0%);")
    doc = document(tmp_path / "b", declared=", resto: []")
    assert message_of(doc).startswith("Destacan Otros (50.0%), Cusco (30.0%) y Junín")


def test_the_first_part_skips_the_leftover(tmp_path):
    doc = document(tmp_path, message=MESSAGE)
    assert message_of(doc) == "Cusco concentra el 30.0%."


def test_a_tiny_share_in_the_ledger_keeps_its_exact_value(tmp_path):
    doc = document(tmp_path, message='mensaje: "Son {{ regiones.siguientes(0) | partes }}."')
    puno = {f.kind: f for f in doc.figures if f.indicator == "regiones[Puno]"}
    assert "menos del 0.1%" in puno["mensaje"].printed and 0 < puno["mensaje"].value < 0.05
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


TAIL = """anio,region,empresas
2023,China,99970
2023,A,10
2023,B,10
2023,Resto,5
2023,D,5
2024,China,99970
2024,A,10
2024,B,10
2024,Resto,5
2024,D,5
"""


def test_shares_rounded_to_add_up_keep_adding_up_with_a_tiny_part(tmp_path):
    """With the largest remainder rule a positive part rounded to 0.0 still says "menos
    del 0.1%", and the printed shares still add to 100 (the check passes)."""
    brief = BRIEF.replace("por: region}", "por: region, redondeo: mayor_resto}").replace(
        MESSAGE, 'mensaje: "Son {{ regiones.siguientes(0) | partes }}; destacan '
        '{{ regiones.principales(5) | partes }}."')
    data = "anio,region,empresas\n" + "".join(
        f"{year},{name},{value}\n" for year in (2023, 2024)
        for name, value in (("Cusco", 3338), ("Junín", 3328), ("Puno", 3328), ("Tacna", 6)))
    doc = prepare(make_project(tmp_path, brief=brief, data=data), None, Timings()).document
    # Tacna is one of the parts, not one of the main ones.
    assert message_of(doc) == ("Son Cusco (33.4%), Junín (33.3%), Puno (33.3%) y Tacna "
                               "(menos del 0.1%); destacan Cusco (33.4%), Junín (33.3%) y "
                               "Puno (33.3%).")
    shares = [f.value for f in doc.figures if f.kind == "mensaje"][:4]
    assert sum(shares) == pytest.approx(100.0)


def test_a_share_too_small_to_print_takes_no_article(tmp_path):
    message = 'mensaje: "Puno tiene el {{ regiones[\'Puno\'].part | pct }}."'
    doc = document(tmp_path, message=message)
    assert message_of(doc) == "Puno tiene menos del 0.1%."


def test_a_group_named_as_a_part_holds_that_part_and_never_prints_zero(tmp_path):
    """The tail of 30 parts in 100,000 is "<0.1%", not "0.0%"; a part of the data named
    "Resto" goes into the group "Resto", and the ledger says what the group adds up."""
    brief = BRIEF.replace("mostrar: participacion}", "mostrar: participacion, maximo: 3}")
    doc = prepare(make_project(tmp_path, brief=brief, data=TAIL), None, Timings()).document
    donut = next(c for c in doc.charts() if c.kind == "donut")
    assert donut.categories == ("China", "Resto")
    assert donut.series[0].labels == ("100.0%", "<0.1%")
    [rest] = [f for f in doc.figures if f.kind == "gráfico" and f.unit == "porcentaje"
              and f.indicator == "regiones[resto]"]
    assert "suma de 4 partes (A, B, D, Resto)" in rest.origin and rest.value == pytest.approx(0.03)


def test_a_ranking_gives_otros_no_place(tmp_path):
    brief = BRIEF.replace(
        "  regiones: {tipo: participaciones",
        "  puesto_puno: {tipo: puesto, datos: empresas, valor: empresas, por: region, "
        "categoria: Puno}\n  regiones: {tipo: participaciones").replace(
        MESSAGE, 'mensaje: "Puno ocupa {{ puesto_puno | puesto }}."')
    doc = prepare(make_project(tmp_path, brief=brief, data=DATA), None, Timings()).document
    assert message_of(doc) == "Puno ocupa el tercer puesto."  # Cusco, Junín; not Otros


def _with_data(tmp_path, data: str, message: str):
    text = BRIEF.replace(MESSAGE, message)
    return prepare(make_project(tmp_path, brief=text, data=data), None, Timings()).document


def test_the_main_parts_are_never_none_and_a_whole_of_one_part_is_unica(tmp_path):
    """When every named part is tiny beside «Otros», «principales» still names the first
    (never «Destacan .»); «unica» holds for one part with a value, not for «Otros» alone."""
    tiny = "anio,region,empresas\n" + "".join(
        f"{year},{name},{value}\n" for year in (2023, 2024)
        for name, value in (("Otros", 999990), ("Cusco", 6), ("Junín", 4)))
    doc = _with_data(tmp_path / "a", tiny, 'mensaje: "Destacan {{ regiones.principales(3) '
                     '| partes }}."')
    assert message_of(doc) == "Destacan Cusco (menos del 0.1%)."
    message = 'mensaje: "{{ \'única\' if regiones is unica else \'varias\' }}."'
    one = "anio,region,empresas\n2023,Cusco,5\n2023,Junín,0\n2024,Cusco,5\n2024,Junín,0\n"
    assert message_of(_with_data(tmp_path / "b", one, message)) == "única."
    rest = "anio,region,empresas\n2023,Otros,5\n2023,Junín,0\n2024,Otros,5\n2024,Junín,0\n"
    assert message_of(_with_data(tmp_path / "c", rest, message)) == "varias."
