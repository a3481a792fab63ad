"""Spanish phrasing of figures, as Peruvian economists write it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from babel.dates import get_month_names

from sectorial.lang import phrases
from sectorial.lang.numbers import PROMPERU
from sectorial.lang.phrases import (
    MONTHS,
    capitalize_first,
    change_noun,
    change_verb,
    count_noun,
    edition_date,
    interannual,
    join_list,
    month_name,
    month_range,
    ordinal_short,
    out_of,
    points,
    rank_phrase,
)

NB = "\u00a0"


@pytest.mark.parametrize(
    ("items", "conjunction", "expected"),
    [
        (["China", "Suiza", "India", "Corea del Sur", "Japón"], "y",
         "China, Suiza, India, Corea del Sur y Japón"),
        (["China", "Taiwán", "Estados Unidos"], "y", "China, Taiwán y Estados Unidos"),
        (["Suiza", "India"], "y", "Suiza e India"),
        (["España", "Italia"], "y", "España e Italia"),
        (["Italia", "España"], "y", "Italia y España"),
        (["cobre", "hierro"], "y", "cobre y hierro"),
        (["agua", "hielo"], "y", "agua y hielo"),
        (["petróleo", "hidrocarburos"], "y", "petróleo e hidrocarburos"),
        (["madre", "hija"], "y", "madre e hija"),
        (["Junín", "Ica"], "y", "Junín e Ica"),
        (["Lima", "Íllimo"], "y", "Lima e Íllimo"),
        (["siete", "ocho"], "o", "siete u ocho"),
        (["mujer", "hombre"], "o", "mujer u hombre"),
        (["Bélgica", "Holanda"], "o", "Bélgica u Holanda"),
        (["plata", "oro"], "o", "plata u oro"),
        (["cobre", "zinc"], "o", "cobre o zinc"),
        (["China", "India"], "o", "China o India"),
        (["Perú"], "y", "Perú"),
        ([], "y", ""),
    ],
)
def test_join_list_uses_no_oxford_comma_and_adapts_the_conjunction(
    items: list[str], conjunction: str, expected: str
) -> None:
    assert join_list(items, conjunction) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (8.6, {}, "aumentó 8.6%"),
        (-0.3, {}, "disminuyó 0.3%"),
        (0.0, {}, "se mantuvo sin variación"),
        (0.04, {}, "se mantuvo sin variación"),
        (-0.04, {}, "se mantuvo sin variación"),
        (0.05, {}, "aumentó 0.1%"),
        (0.3, {"up": "se incrementaron en"}, "se incrementaron en 0.3%"),
        (14.7, {"decimals": 0}, "aumentó 15%"),
        (18.1, {"style": PROMPERU}, f"aumentó 18,1{NB}%"),
        (-5.9, {"up": "creció", "down": "cayó"}, "cayó 5.9%"),
    ],
)
def test_change_verb_turns_the_sign_into_the_verb(
    value: float, kwargs: dict, expected: str
) -> None:
    assert change_verb(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(8.6, "un aumento de 8.6%"), (-0.3, "una caída de 0.3%"), (0, "sin variación")],
)
def test_change_noun_names_the_variation(value: float, expected: str) -> None:
    assert change_noun(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (16.3, "una variación interanual positiva de 16.3%"),
        (-0.3, "una variación interanual negativa de 0.3%"),
        (0.01, "una variación interanual nula"),
    ],
)
def test_interannual_describes_the_sign_in_words(value: float, expected: str) -> None:
    assert interannual(value) == expected


@pytest.mark.parametrize("phrase", [change_verb, change_noun, interannual])
def test_a_missing_variation_is_an_error_not_a_phrase(phrase: Callable[..., str]) -> None:
    with pytest.raises(ValueError, match="n.d."):
        phrase(None)


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (2.1, {}, "2.1 puntos porcentuales"),
        (-2.1, {}, "2.1 puntos porcentuales"),
        (1, {}, "1.0 puntos porcentuales"),
        (1, {"decimals": 0}, "1 punto porcentual"),
        (2, {"decimals": 0}, "2 puntos porcentuales"),
        (2.4, {"short": True}, f"+2.4{NB}p.p."),
        (-0.5, {"short": True}, f"-0.5{NB}p.p."),
        (0.0, {"short": True}, f"0.0{NB}p.p."),
        (2.4, {"short": True, "style": PROMPERU}, f"+2,4{NB}p.p."),
    ],
)
def test_points_names_differences_between_rates(value: float, kwargs: dict, expected: str) -> None:
    assert points(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("percent", "base", "expected"),
    [
        (84.6, 10, "8 de cada 10"),
        (25, 100, "25 de cada 100"),
        (85, 10, "9 de cada 10"),
        (14.1, 10, "1 de cada 10"),
        (44.2, 100, "44 de cada 100"),
        (12.5, 1000, "125 de cada 1,000"),
    ],
)
def test_out_of_rounds_half_up(percent: float, base: int, expected: str) -> None:
    assert out_of(percent, base) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 empresa"), (2, "2 empresas"), (0, "0 empresas"), (17224, "17,224 empresas"),
     (316, "316 empresas")],
)
def test_count_noun_agrees_in_number(n: int, expected: str) -> None:
    assert count_noun(n, "empresa", "empresas") == expected


def test_count_noun_follows_the_number_style() -> None:
    assert count_noun(2411, "partida", "partidas", style=PROMPERU) == f"2{NB}411 partidas"


def test_rank_is_written_as_el_puesto() -> None:
    assert (rank_phrase(11), ordinal_short(11), ordinal_short(1)) == ("el puesto 11", "11.°", "1.°")


@pytest.mark.parametrize("rank", [rank_phrase, ordinal_short])
def test_a_rank_below_one_is_refused(rank: Callable[[int], str]) -> None:
    with pytest.raises(ValueError, match="puesto"):
        rank(0)


def test_months_match_babel_es_pe_and_peru_writes_setiembre() -> None:
    babel_names = get_month_names("wide", locale="es_PE")
    assert MONTHS == tuple(babel_names[m] for m in range(1, 13))
    assert MONTHS[8] == "setiembre"


@pytest.mark.parametrize(
    ("month", "capital", "expected"),
    [(1, False, "enero"), (9, False, "setiembre"), (5, True, "Mayo"), (12, True, "Diciembre")],
)
def test_month_name(month: int, capital: bool, expected: str) -> None:
    assert month_name(month, capital=capital) == expected


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_name_refuses_numbers_outside_1_to_12(month: int) -> None:
    with pytest.raises(ValueError, match="mes no válido"):
        month_name(month)


@pytest.mark.parametrize(
    ("year", "month", "title", "expected"),
    [(2025, 5, True, "Mayo 2025"), (2025, 5, False, "mayo de 2025"),
     (2024, 9, True, "Setiembre 2024")],
)
def test_edition_date_is_capitalised_only_in_titles(
    year: int, month: int, title: bool, expected: str
) -> None:
    assert edition_date(year, month, title=title) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(1, 9, "enero-setiembre 2025"), (1, 12, "enero-diciembre 2025"), (3, 3, "marzo 2025")],
)
def test_month_range(start: int, end: int, expected: str) -> None:
    assert month_range(start, end, 2025) == expected


def test_month_range_refuses_a_backwards_span() -> None:
    with pytest.raises(ValueError, match="posterior"):
        month_range(9, 1, 2025)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("el 44.2% de las empresas", "El 44.2% de las empresas"),
        ("ámbito del VRAEM", "Ámbito del VRAEM"),
        ("«junín» lidera", "«Junín» lidera"),
        ("¿cuánto creció?", "¿Cuánto creció?"),
        ("8 de cada 10", "8 de cada 10"),
        ("eXportaciones", "EXportaciones"),
        ("", ""),
    ],
)
def test_capitalize_first_leaves_the_rest_untouched(text: str, expected: str) -> None:
    assert capitalize_first(text) == expected


WORDS = [(2, "ligero|ligera"), (5, "moderado|moderada"), (10, "importante"),
         (None, "significativo|significativa")]


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (-0.3, {}, "una ligera disminución de 0.3%"),
        (1.96, {}, "un ligero aumento de 2.0%"),
        (4.2, {}, "un moderado aumento de 4.2%"),
        (-7.5, {}, "una importante disminución de 7.5%"),
        (16.3, {}, "un significativo aumento de 16.3%"),
        (-16.3, {"nouns": phrases.Nouns(down="caída")}, "una significativa caída de 16.3%"),
        (0.04, {}, "sin variación"),
    ],
)
def test_intensity_words_follow_thresholds_and_gender(value, kwargs, expected):
    assert phrases.intensity(value, WORDS, **kwargs) == expected


@pytest.mark.parametrize(
    ("count", "unit", "expected"),
    [(1, "mes", "por primer mes consecutivo"), (2, "mes", "por segundo mes consecutivo"),
     (3, "año", "por tercer año consecutivo"), (7, "mes", "por séptimo mes consecutivo")],
)
def test_streaks_use_ordinal_words(count, unit, expected):
    assert phrases.streak(count, unit) == expected


def test_streak_out_of_range_is_refused():
    with pytest.raises(ValueError, match="racha"):
        phrases.streak(0)


def test_an_alza_agrees_with_its_article():
    """ "una moderada alza", but "un alza" with no word before it (a stressed a-)."""
    words = [(2, "ligero|ligera"), (5, "moderado|moderada"), (None, "")]
    assert phrases.intensity(4.0, words, nouns=phrases.Nouns(up="alza")) == \
        "una moderada alza de 4.0%"
    assert phrases.intensity(8.6, words, nouns=phrases.Nouns(up="alza")) == "un alza de 8.6%"
    assert phrases.streak(2, "semana") == "por segunda semana consecutiva"
    assert phrases.join_list(["10", "11"], "o") == "10 u 11"
