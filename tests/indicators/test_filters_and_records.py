"""Filters that read as people write them (accents, case, lists, exclusions, a suggestion
when nothing matches); weighted contributions; a figure's place in its history."""

from __future__ import annotations

from pathlib import Path

import pytest

from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import ErrorList, IndicatorError
from sectorial.indicators.compute import IndicatorSpec, compute_all
from sectorial.lang import phrases
from sectorial.text.filters import record

CSV = """anio,region,valor
2021,Lima,500
2021,Callao,100
2021,Ica,40
2021,Arequipa,60
2022,Lima,520
2022,Callao,90
2022,Ica,50
2022,Arequipa,70
2023,Lima,480
2023,Callao,95
2023,Ica,80
2023,Arequipa,75
"""


@pytest.fixture()
def tables(tmp_path: Path) -> dict:
    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    columns = {"anio": "periodo", "region": "texto", "valor": "entero"}
    return {"t": load_table(SourceSpec("t", path, "SUNAT", columns))}


def spec(key: str, kind: str, **kw: object) -> IndicatorSpec:
    return IndicatorSpec(key=key, kind=kind, file="informe.yaml", line=7, **kw)


def total(tables, **filters) -> float:
    found = compute_all({"x": spec("x", "total", source="t", value="valor", filters=filters)},
                        tables, 2023, "individual")
    return found["x"].value


def test_a_filter_value_compares_without_accents_or_case(tables):
    assert total(tables, region="ICA") == 80 == total(tables, region="ica")


def test_a_list_takes_several_values(tables):
    assert total(tables, region=["Ica", "Arequipa"]) == 155


def test_an_exclusion_leaves_values_out(tables):
    assert total(tables, region={"excepto": ["Lima", "callao"]}) == 155  # "del interior"


def test_a_value_no_row_has_suggests_the_closest(tables):
    with pytest.raises((IndicatorError, ErrorList)) as caught:
        total(tables, region="Arequpa")
    assert "¿quiso decir 'Arequipa'?" in str(caught.value)
    assert "informe.yaml, línea 7" in str(caught.value)


def test_a_filter_dictionary_takes_only_excepto(tables):
    with pytest.raises((IndicatorError, ErrorList), match="excepto"):
        total(tables, region={"menos": ["Lima"]})


def test_weighted_contributions_add_up_to_the_index_growth(tables):
    specs = {
        "ica": spec("ica", "serie", source="t", value="valor", filters={"region": "Ica"}),
        "areq": spec("areq", "serie", source="t", value="valor",
                     filters={"region": "Arequipa"}),
        "v_ica": spec("v_ica", "variacion", of="ica"),
        "v_areq": spec("v_areq", "variacion", of="areq"),
        "c_ica": spec("c_ica", "contribucion", of="v_ica", weight=30),
        "c_areq": spec("c_areq", "contribucion", of="v_areq", weight=50),
    }
    found = compute_all(specs, tables, 2023, "individual")
    # Ica +60% with weight 30: +18.0 p.p.; Arequipa +7.14% with weight 50: +3.57 p.p.
    assert found["c_ica"].value == pytest.approx(18.0)
    assert found["c_areq"].value == pytest.approx(50 * (75 / 70 - 1))
    assert found["c_ica"].unit == "pp"
    assert "peso declarado 30" in found["c_ica"].origin and "t.csv" in found["c_ica"].origin


def test_a_weight_out_of_range_is_refused(tables):
    specs = {"ica": spec("ica", "serie", source="t", value="valor", filters={"region": "Ica"}),
             "v": spec("v", "variacion", of="ica"),
             "c": spec("c", "contribucion", of="v", weight=120)}
    with pytest.raises((IndicatorError, ErrorList), match="entre 0 y 100"):
        compute_all(specs, tables, 2023, "individual")


def test_a_record_is_the_place_among_the_whole_history(tables):
    specs = {"ica": spec("ica", "serie", source="t", value="valor", filters={"region": "Ica"}),
             "lima": spec("lima", "serie", source="t", value="valor",
                          filters={"region": "Lima"}),
             "r_ica": spec("r_ica", "record", of="ica"),
             "r_lima": spec("r_lima", "record", of="lima")}
    found = compute_all(specs, tables, 2023, "individual")
    assert found["r_ica"].value == 1 and found["r_lima"].value == 3
    assert record(found["r_ica"]) == "la cifra más alta de su historia"
    assert record(found["r_lima"]) == "la tercera cifra más alta de su historia"


def test_a_record_over_a_clipped_series_is_refused(tables):
    specs = {"s": spec("s", "serie", source="t", value="valor", last=2),
             "r": spec("r", "record", of="s")}
    with pytest.raises((IndicatorError, ErrorList), match="historia está incompleta"):
        compute_all(specs, tables, 2023, "individual")


@pytest.mark.parametrize(("n", "noun", "expected"), [
    (1, "lugar", "primer lugar"), (1, "región", "primera región"),
    (3, "región", "tercera región"), (3, "lugar", "tercer lugar"),
    (2, "puesto", "segundo puesto"), (5, "economía", "quinta economía"),
    (12, "región", "duodécima región"), (14, "lugar", "14.° lugar"),
])
def test_ranks_in_words_agree_with_their_noun(n, noun, expected):
    assert phrases.ordinal_words(n, noun) == expected
