"""Incidences, differences, categories and interannual variations, checked by hand.

A monthly index of three industries in two groups. March 2022: a1 40, a2 20, b1 40 (100);
April 2022 to January 2023: 30, 20, 50 (100); February 2023: 24, 20, 40 (84); March 2023:
30, 25, 50 (105). So in March 2023 against March 2022 the total rose 5.0%; a1 fell 25.0%
and took 10.0 p.p. from it, a2 rose 25.0% (+5.0 p.p.), b1 rose 25.0% (+10.0 p.p.):
-10 + 5 + 10 = +5, the total's variation. Against February 2023 the total rose 25.0%.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import ErrorList, IndicatorError
from sectorial.indicators.compute import IndicatorSpec, compute_all
from sectorial.periods import Period

LEVELS = {"2022-03": (40, 20, 40), "2023-02": (24, 20, 40), "2023-03": (30, 25, 50)}
INDUSTRIES = (("A", "a1"), ("A", "a2"), ("B", "b1"))


def _csv() -> str:
    lines = ["mes,grupo,rama,puntos"]
    for month in Period.parse("2022-03").through(Period.parse("2023-03")):
        levels = LEVELS.get(str(month), (30, 20, 50))
        lines += [f"{month},{group},{name},{value}"
                  for (group, name), value in zip(INDUSTRIES, levels)]
    return "\n".join(lines) + "\n"


@pytest.fixture()
def tables(tmp_path: Path) -> dict:
    path = tmp_path / "indice.csv"
    path.write_text(_csv(), encoding="utf-8")
    columns = {"mes": "periodo", "grupo": "texto", "rama": "texto", "puntos": "decimal"}
    return {"t": load_table(SourceSpec("t", path, "PRODUCE", columns))}


def spec(key: str, kind: str, **kw: object) -> IndicatorSpec:
    return IndicatorSpec(key=key, kind=kind, file="informe.yaml", line=1, **kw)


TOTAL = spec("total", "serie", source="t", value="puntos")
GROUP_A = spec("a", "serie", source="t", value="puntos", filters={"grupo": "A"})


def compute(tables: dict, *specs: IndicatorSpec, period: str = "2023-03") -> dict:
    return compute_all({s.key: s for s in specs}, tables, period, "individual")


def test_incidence_is_the_change_of_the_part_over_the_whole_a_year_before(tables):
    result = compute(tables, TOTAL, GROUP_A, spec("i", "incidencia", of="a", whole="total"))
    # (55 - 60) / 100 * 100 = -5.0 p.p.
    assert result["i"].value == pytest.approx(-5.0)
    assert result["i"].unit == "pp"
    assert "indice.csv" in result["i"].origin


def test_incidences_of_the_parts_add_up_to_the_variation_of_the_whole(tables):
    parts = spec("r", "categorias", source="t", value="puntos", by="rama", whole="total",
                 carry=("grupo",))
    result = compute(tables, TOTAL, parts, spec("v", "variacion", of="total"))
    industries = {item.label: item for item in result["r"]}
    assert {k: round(i.incidence.value, 6) for k, i in industries.items()} == {
        "a1": -10.0, "a2": 5.0, "b1": 10.0}
    assert {k: round(i.change.value, 6) for k, i in industries.items()} == {
        "a1": -25.0, "a2": 25.0, "b1": 25.0}
    assert sum(i.incidence.value for i in industries.values()) == pytest.approx(
        result["v"].value)
    assert result["v"].value == pytest.approx(5.0)
    assert industries["b1"].share.value == pytest.approx(50 / 105 * 100)
    assert [i.label for i in result["r"]] == ["b1", "a1", "a2"]  # largest value first
    assert [i.rank for i in result["r"]] == [1, 2, 3]
    assert result["r"].sum.incidence.value == pytest.approx(5.0)
    assert [i.label for i in result["r"].caidas()] == ["a1"]
    assert [i.label for i in result["r"].alzas()] == ["b1", "a2"]  # largest incidence first
    assert [i.label for i in result["r"].donde(grupo="A")] == ["a1", "a2"]
    assert all("indice.csv" in i.incidence.origin for i in result["r"])


def test_categories_without_a_whole_measure_incidence_on_their_own_sum(tables):
    groups = spec("g", "categorias", source="t", value="puntos", by="grupo",
                  filters={"grupo": "A"})
    result = compute(tables, groups)["g"]
    # Group A alone: 60 -> 55, its own whole: -8.3% and -8.3 p.p.
    assert result["A"].incidence.value == pytest.approx(-5 / 60 * 100)
    assert result["A"].change.value == pytest.approx(-5 / 60 * 100)


def test_difference_of_two_rates_is_in_percentage_points(tables):
    result = compute(tables, TOTAL, GROUP_A, spec("va", "variacion", of="a"),
                     spec("vt", "variacion", of="total"),
                     spec("d", "diferencia", of="va", minus="vt"))
    assert result["d"].value == pytest.approx(-5 / 60 * 100 - 5.0)  # -13.3 p.p.
    assert result["d"].unit == "pp"


def test_difference_of_two_amounts_keeps_their_unit(tables):
    now = spec("n", "total", source="t", value="puntos")
    before = spec("b", "total", source="t", value="puntos", at="anterior")
    result = compute(tables, now, before, spec("d", "diferencia", of="n", minus="b"))
    assert result["d"].value == pytest.approx(5.0)
    assert result["d"].unit == "numero"


def test_variations_of_a_monthly_series_are_interannual_by_default(tables):
    result = compute(tables, TOTAL, spec("v", "variaciones", of="total"))["v"]
    # Only March 2023 has the same month a year before in the data.
    assert [(str(p), round(q.value, 6)) for p, q in result.points] == [("2023-03", 5.0)]
    assert result.legend == "Var. % interanual"


def test_monthly_variations_say_so(tables):
    result = compute(tables, TOTAL, spec("v", "variaciones", of="total", against="mensual"))
    last = result["v"].points[-1]
    assert str(last[0]) == "2023-03" and last[1].value == pytest.approx(105 / 84 * 100 - 100)
    assert result["v"].legend == "Var. % mensual"


def test_yearly_variations_of_a_monthly_series_are_refused(tables):
    with pytest.raises((IndicatorError, ErrorList), match="interanual"):
        compute(tables, TOTAL, spec("v", "variaciones", of="total", against="anual"))


def test_a_streak_that_reaches_the_start_of_a_clipped_series_is_refused(tables):
    clipped = spec("s", "serie", source="t", value="puntos", last=2)
    with pytest.raises((IndicatorError, ErrorList), match="podría ser más larga"):
        compute(tables, clipped, spec("r", "racha", of="s"))
