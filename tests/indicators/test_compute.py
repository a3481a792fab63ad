"""Indicator computations, checked against values worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import ErrorList, IndicatorError
from sectorial.indicators.compute import IndicatorSpec, compute_all
from sectorial.periods import Period

CSV = """anio,region,valor
2019,Norte,100
2019,Sur,0
2020,Norte,150
2020,Sur,50
2021,Norte,120
2021,Sur,60
2022,Norte,110
2022,Sur,90
"""


@pytest.fixture()
def tables(tmp_path: Path) -> dict:
    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    spec = SourceSpec("t", path, "INEI", {"anio": "periodo", "region": "texto", "valor": "entero"})
    return {"t": load_table(spec)}


def spec(key: str, kind: str, **kw: object) -> IndicatorSpec:
    return IndicatorSpec(key=key, kind=kind, file="informe.yaml", line=1, **kw)


def compute(tables: dict, *specs: IndicatorSpec, period: int = 2022, rounding="individual"):
    return compute_all({s.key: s for s in specs}, tables, period, rounding)


SERIES = spec("s", "serie", source="t", value="valor")


def test_series_adds_up_each_period_in_order(tables):
    result = compute(tables, SERIES)["s"]
    assert result.periods == tuple(map(Period, (2019, 2020, 2021, 2022)))
    assert [q.value for q in result] == [100, 200, 180, 200]


def test_series_stops_at_the_brief_period(tables):
    assert compute(tables, SERIES, period=2020)["s"].periods == (Period(2019), Period(2020))


def test_total_filters_by_period_and_column(tables):
    total = spec("x", "total", source="t", value="valor", filters={"region": "Sur"})
    result = compute(tables, total)["x"]
    assert result.value == 90
    assert "region=Sur" in result.origin and "anio=2022" in result.origin
    assert "filas 9" in result.origin


def test_total_of_previous_period(tables):
    total = spec("x", "total", source="t", value="valor", at="anterior")
    assert compute(tables, total)["x"].value == 180


def test_variation_from_previous_period(tables):
    # 200 / 180 - 1 = 11.111...%
    result = compute(tables, SERIES, spec("v", "variacion", of="s"))["v"]
    assert result.value == pytest.approx(11.1111111, rel=1e-6)
    assert result.unit == "porcentaje"


def test_variation_from_zero_is_a_clear_error(tables):
    south = spec("s", "serie", source="t", value="valor", filters={"region": "Sur"})
    with pytest.raises(IndicatorError, match="es cero"):
        compute(tables, south, spec("v", "variacion", of="s", since=2019))


def test_variation_from_zero_can_be_published_as_not_available(tables):
    south = spec("s", "serie", source="t", value="valor", filters={"region": "Sur"})
    result = compute(tables, south, spec("v", "variacion", of="s", since=2019, missing="nd"))
    assert result["v"].value is None


def test_compound_growth_is_the_geometric_rate(tables):
    # (200 / 100) ** (1/3) - 1 = 25.992105%
    growth = spec("g", "crecimiento_promedio", of="s", method="compuesto")
    result = compute(tables, SERIES, growth)["g"]
    assert result.value == pytest.approx(25.992105, rel=1e-6)
    assert result.method == "tasa de crecimiento promedio anual compuesta"


def test_mean_of_yearly_variations_differs_from_compound(tables):
    # +100%, -10%, +11.1111% -> mean 33.7037%
    growth = spec("g", "crecimiento_promedio", of="s", method="media_variaciones")
    result = compute(tables, SERIES, growth)["g"]
    assert result.value == pytest.approx((100 - 10 + 100 / 9) / 3, rel=1e-9)
    assert result.method == "promedio simple de las variaciones anuales"


def test_credit_figures_of_the_seed_need_the_mean_of_variations():
    # The seed: S/ 587 -> S/ 981 millions, "14.7% promedio anual". Compound gives 10.8%.
    values = [587, 1004, 783, 752, 849, 981]
    mean = sum(b / a - 1 for a, b in zip(values, values[1:])) / 5 * 100
    compound = ((981 / 587) ** (1 / 5) - 1) * 100
    assert round(mean, 1) == 14.7
    assert round(compound, 1) == 10.8


def test_yearly_variations_start_after_the_first_period(tables):
    result = compute(tables, SERIES, spec("vs", "variaciones", of="s"))["vs"]
    assert result.periods == tuple(map(Period, (2020, 2021, 2022)))
    assert [round(q.value, 4) for q in result] == [100.0, -10.0, 11.1111]


def test_shares_are_sorted_and_rounded_one_by_one(tables):
    shares = spec("p", "participaciones", source="t", value="valor", by="region", at=2021)
    result = compute(tables, shares)["p"]
    assert [s.label for s in result] == ["Norte", "Sur"]
    assert [s.percent.value for s in result] == [66.7, 33.3]
    assert result.primero.nombre == "Norte"
    assert result["Sur"].amount.value == 60


def test_zero_categories_are_listed_as_without_value(tables):
    shares = spec("p", "participaciones", source="t", value="valor", by="region", at=2019)
    result = compute(tables, shares)["p"]
    assert result.sin_valor == ("Sur",)
    assert result.nombres() == ("Norte",)


def test_ratio_is_a_percentage_of_units(tables):
    part = spec("a", "total", source="t", value="valor", filters={"region": "Sur"})
    whole = spec("b", "total", source="t", value="valor")
    result = compute(tables, part, whole, spec("r", "razon", numerator="a", denominator="b"))
    assert result["r"].value == pytest.approx(45.0)


def test_a_missing_year_in_a_series_is_named(tmp_path):
    path = tmp_path / "gap.csv"
    path.write_text("anio,valor\n2019,1\n2021,2\n", encoding="utf-8")
    table = load_table(SourceSpec("t", path, "INEI", {"anio": "periodo", "valor": "entero"}))
    with pytest.raises(IndicatorError, match="le faltan los periodos 2020"):
        compute({"t": table}, SERIES)


def test_every_failing_indicator_is_reported(tables):
    bad = spec("v1", "variacion", of="s", since=1990)
    worse = spec("v2", "total", source="t", value="valor", filters={"region": "Este"})
    with pytest.raises(ErrorList) as caught:
        compute(tables, SERIES, bad, worse)
    assert len(caught.value.errors) == 2
    assert all("informe.yaml" in str(e) for e in caught.value.errors)


def test_rank_is_the_position_among_the_groups(tables):
    # 2022: Norte 110, Sur 90.
    rank = spec("r", "puesto", source="t", value="valor", by="region", category="Sur")
    assert compute(tables, rank)["r"].value == 2
    first = spec("r", "puesto", source="t", value="valor", by="region", category="Norte")
    assert compute(tables, first)["r"].value == 1


def test_tied_groups_share_their_place(tmp_path: Path):
    """Puno and Junín export exactly the same: both are second, the one after is fourth,
    and the ledger says the tie."""
    path = tmp_path / "t.csv"
    path.write_text("anio,region,valor\n2022,Lima,500\n2022,Puno,90\n2022,Junín,90\n"
                    "2022,Tacna,10\n", encoding="utf-8")
    source = SourceSpec("t", path, "INEI", {"anio": "periodo", "region": "texto",
                                             "valor": "entero"})
    tables = {"t": load_table(source)}
    places = {}
    for region in ("Lima", "Puno", "Junín", "Tacna"):
        rank = spec("r", "puesto", source="t", value="valor", by="region", category=region)
        places[region] = compute(tables, rank)["r"]
    assert {k: q.value for k, q in places.items()} == {"Lima": 1, "Puno": 2, "Junín": 2,
                                                        "Tacna": 4}
    assert "empatado con Junín" in places["Puno"].origin


def test_rank_of_an_unknown_category_lists_the_known_ones(tables):
    rank = spec("r", "puesto", source="t", value="valor", by="region", category="Este")
    with pytest.raises(IndicatorError, match="Norte, Sur"):
        compute(tables, rank)


def test_count_is_the_number_of_distinct_values(tables):
    count = spec("n", "conteo", source="t", by="region")
    assert compute(tables, count)["n"].value == 2
    one = spec("n", "conteo", source="t", by="region", filters={"region": "Sur"})
    assert compute(tables, one)["n"].value == 1


def test_streak_counts_same_direction_changes_up_to_the_period(tables):
    # Totals 100, 200, 180, 200: the last change rises, the one before falls -> 1.
    assert compute(tables, SERIES, spec("r", "racha", of="s"))["r"].value == 1
    # Norte 100, 150, 120, 110: two falls in a row.
    north = spec("s", "serie", source="t", value="valor", filters={"region": "Norte"})
    result = compute(tables, north, spec("r", "racha", of="s"))["r"]
    assert result.value == 2 and "caídas" in result.origin


def test_tied_categories_share_their_place_in_a_table(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("anio,region,valor\n2021,Lima,1\n2021,Puno,1\n2021,Junín,1\n2021,Tacna,1\n"
                    "2022,Lima,500\n2022,Puno,90\n2022,Junín,90\n2022,Tacna,10\n",
                    encoding="utf-8")
    source = SourceSpec("t", path, "INEI", {"anio": "periodo", "region": "texto",
                                             "valor": "entero"})
    parts = spec("c", "categorias", source="t", value="valor", by="region")
    found = compute({"t": load_table(source)}, parts)["c"]
    assert [(c.label, c.rank) for c in found.items] == [("Lima", 1), ("Junín", 2),
                                                        ("Puno", 2), ("Tacna", 4)]
