"""es-PE number formatting and parsing, in the PRODUCE and PROMPERÚ number styles."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sectorial.lang.numbers import (
    PRODUCE,
    PROMPERU,
    NumberStyle,
    format_amount,
    format_mixed,
    format_number,
    format_percent,
    format_signed,
    round_half_up,
)
from sectorial.lang.reading import NumberParseError, parse_number

NB = "\u00a0"
STYLES = [PRODUCE, PROMPERU]
finite = st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False)


def test_number_style_defaults_are_the_produce_style() -> None:
    assert NumberStyle() == PRODUCE
    assert (PRODUCE.group, PRODUCE.decimal, PRODUCE.percent_space) == (",", ".", False)
    assert (PROMPERU.group, PROMPERU.decimal, PROMPERU.percent_space) == (NB, ",", True)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.285, 2, "0.29"),
        (84.65, 1, "84.7"),
        (0.25, 1, "0.3"),
        (0.35, 1, "0.4"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (1.005, 2, "1.01"),
        (Decimal("84.649"), 1, "84.6"),
        (17224, 0, "17224"),
        (2_525_492, -3, "2.525E+6"),
        (-0.04, 1, "0.0"),
        (-0.0, 1, "0.0"),
    ],
)
def test_round_half_up_rounds_ties_away_from_zero(
    value: float, decimals: int, expected: str
) -> None:
    assert str(round_half_up(value, decimals)) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True])
def test_round_half_up_refuses_what_is_not_a_finite_number(value: float) -> None:
    with pytest.raises(ValueError):
        round_half_up(value, 1)


@pytest.mark.parametrize(
    ("value", "decimals", "style", "expected"),
    [
        (17224, 0, PRODUCE, "17,224"),
        (2_525_492, 0, PRODUCE, "2,525,492"),
        (84.6, 1, PRODUCE, "84.6"),
        (1093, 0, PRODUCE, "1,093"),
        (9580, 0, PRODUCE, "9,580"),
        (999, 0, PRODUCE, "999"),
        (0, 0, PRODUCE, "0"),
        (0, 1, PRODUCE, "0.0"),
        (46, 1, PRODUCE, "46.0"),
        (-10.9, 1, PRODUCE, "-10.9"),
        (-1234.56, 2, PRODUCE, "-1,234.56"),
        (0.25, 1, PRODUCE, "0.3"),
        (2.5, 0, PRODUCE, "3"),
        (2_847_761_852, 0, PROMPERU, f"2{NB}847{NB}761{NB}852"),
        (18.1, 1, PROMPERU, "18,1"),
        (2411, 0, PROMPERU, f"2{NB}411"),
        (-1234.5, 1, PROMPERU, f"-1{NB}234,5"),
        (316, 0, PROMPERU, "316"),
    ],
)
def test_format_number_groups_thousands_in_the_style(
    value: float, decimals: int, style: NumberStyle, expected: str
) -> None:
    assert format_number(value, decimals, style=style) == expected


@pytest.mark.parametrize(("value", "decimals"), [(-0.0, 1), (-0.04, 1), (-0.4, 0), (-0.0004, 3)])
def test_a_value_that_rounds_to_zero_prints_without_sign(value: float, decimals: int) -> None:
    assert not format_number(value, decimals).startswith("-")


def test_format_number_refuses_negative_decimals() -> None:
    with pytest.raises(ValueError, match="decimales"):
        format_number(1, -1)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(84.6, 1, "84.6%"), (0.2, 1, "0.2%"), (12.9, 1, "12.9%"), (46, 1, "46.0%"),
     (84, 0, "84%"), (34.05, 1, "34.1%")],
)
def test_percent_has_no_space_in_produce_style(value: float, decimals: int, expected: str) -> None:
    assert format_percent(value, decimals) == expected


@pytest.mark.parametrize(("value", "expected"), [(18.1, f"18,1{NB}%"), (0.25, f"0,3{NB}%")])
def test_percent_has_a_non_breaking_space_in_promperu_style(value: float, expected: str) -> None:
    assert format_percent(value, style=PROMPERU) == expected


@pytest.mark.parametrize(
    ("value", "suffix", "style", "expected"),
    [
        (51.8, "", PRODUCE, "+51.8"),
        (-0.2, "", PRODUCE, "-0.2"),
        (0, "", PRODUCE, "0.0"),
        (-0.04, "", PRODUCE, "0.0"),
        (0.04, "", PRODUCE, "0.0"),
        (51.8, "%", PRODUCE, "+51.8%"),
        (-0.3, "%", PRODUCE, "-0.3%"),
        (18.1, "%", PROMPERU, f"+18,1{NB}%"),
    ],
)
def test_format_signed_shows_the_sign_except_for_zero(
    value: float, suffix: str, style: NumberStyle, expected: str
) -> None:
    assert format_signed(value, style=style, suffix=suffix) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (1_093_000_000, {"currency": "PEN"}, f"S/{NB}1,093 millones"),
        (2_185_000_000, {"currency": "PEN"}, f"S/{NB}2,185 millones"),
        (981e6, {"currency": "PEN"}, f"S/{NB}981 millones"),
        (9_580e6, {"currency": "USD"}, f"US${NB}9,580 millones"),
        (2_525_492, {"scale": "millones", "decimals": 1}, "2.5 millones"),
        (2_400_000, {"scale": "millones", "decimals": 1}, "2.4 millones"),
        (2_848e6, {"currency": "USD", "scale": "mil millones", "decimals": 1},
         f"US${NB}2.8 mil millones"),
        (2_848e6, {"currency": "USD"}, f"US${NB}2,848 millones"),
        (1_000_000, {"scale": "millones"}, "1 millón"),
        (1_000_000, {"scale": "millones", "decimals": 1}, "1.0 millones"),
        (-1_000_000, {"scale": "millones"}, "-1 millón"),
        (525_400, {}, "525 mil"),
        (999_600, {}, "1 millón"),
        (999, {}, "999"),
        (17224, {"scale": "unidades"}, "17,224"),
        (3e12, {}, "3 billones"),
        (1e12, {}, "1 billón"),
        (999_999_999_999.6, {}, "1,000,000 millones"),
    ],
)
def test_format_amount_in_produce_style(value: float, kwargs: dict, expected: str) -> None:
    assert format_amount(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (2_847_761_852, {"scale": "unidades"}, f"US${NB}2{NB}847{NB}761{NB}852"),
        (2_411e6, {}, f"US${NB}2{NB}411 millones"),
        (1_767e6, {}, f"US${NB}1{NB}767 millones"),
        (2_549e6, {}, f"US${NB}2{NB}549 millones"),
        (295e6, {}, f"US${NB}295 millones"),
        (9e6, {}, f"US${NB}9 millones"),
    ],
)
def test_format_amount_in_promperu_style(value: float, kwargs: dict, expected: str) -> None:
    assert format_amount(value, currency="USD", style=PROMPERU, **kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"currency": "EUR"}, "moneda"), ({"scale": "billones"}, "escala"),
     ({"decimals": -1}, "decimales")],
)
def test_format_amount_refuses_unknown_options(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        format_amount(1000, **kwargs)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2_525_492, "2 millones 525 mil"),
        (1_200_000, "1 millón 200 mil"),
        (3_000_000, "3 millones"),
        (525_400, "525 mil"),
        (525_500, "526 mil"),
        (999, "999"),
        (0, "0"),
        (2_000_500_000, "2 mil millones 500 mil"),
        (1_001_000_000, "1 mil millones 1 millón"),
        (-1_200_000, "-1 millón 200 mil"),
        (1.2e12, "1 billón 200 mil millones"),
    ],
)
def test_format_mixed_writes_figures_and_scale_words(value: float, expected: str) -> None:
    assert format_mixed(value) == expected


def test_format_mixed_puts_the_currency_first() -> None:
    assert format_mixed(2_525_492, currency="PEN") == f"S/{NB}2 millones 525 mil"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17,224", "17224"),
        ("S/ 1,093", "1093"),
        ("S/\u00a01,093", "1093"),
        ("S/. 1,093", "1093"),
        ("US$ 9,580", "9580"),
        ("84.6%", "84.6"),
        ("84.6 %", "84.6"),
        ("2 847 761 852", "2847761852"),
        (f"2{NB}847{NB}761{NB}852", "2847761852"),
        ("2\u202f847\u202f761\u202f852", "2847761852"),
        ("(10.9)", "-10.9"),
        ("-0.3", "-0.3"),
        ("\u22120.3", "-0.3"),
        ("+51.8", "51.8"),
        ("1,093.5", "1093.5"),
        ("1234", "1234"),
        ("  0.2  ", "0.2"),
        ("-0.0", "0.0"),
        ("-S/ 5", "-5"),
        ("S/ -5", "-5"),
    ],
)
def test_parse_number_reads_produce_figures(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18,1 %", "18.1"),
        (f"18,1{NB}%", "18.1"),
        ("US$ 2 847 761 852", "2847761852"),
        (f"US${NB}2{NB}411", "2411"),
        ("1,093", "1.093"),
        ("(0,3)", "-0.3"),
    ],
)
def test_parse_number_reads_promperu_figures(text: str, expected: str) -> None:
    assert parse_number(text, style=PROMPERU) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("", PRODUCE),
        ("   ", PRODUCE),
        ("1,093,5", PRODUCE),
        ("12.345.678", PRODUCE),
        ("1,23", PRODUCE),
        ("1,2345", PRODUCE),
        ("1.234,5", PRODUCE),
        ("1,234 567", PRODUCE),
        ("5 millones", PRODUCE),
        ("USD 5", PRODUCE),
        ("$5", PRODUCE),
        ("1e5", PRODUCE),
        ("n.d.", PRODUCE),
        ("--5", PRODUCE),
        ("(-5)", PRODUCE),
        ("S/ 5%", PRODUCE),
        ("5.", PRODUCE),
        ("1.093", PROMPERU),
        ("18.1 %", PROMPERU),
        ("1 093.5", PROMPERU),
    ],
)
def test_parse_number_refuses_ambiguous_or_foreign_text(text: str, style: NumberStyle) -> None:
    with pytest.raises(NumberParseError):
        parse_number(text, style=style)


def test_parse_error_is_a_value_error_that_quotes_the_text_in_spanish() -> None:
    with pytest.raises(ValueError, match=r"no se puede leer la cifra '1,093,5'"):
        parse_number("1,093,5")


@pytest.mark.parametrize("style", STYLES)
@given(value=finite, decimals=st.integers(min_value=0, max_value=3))
@example(value=0.285, decimals=2)
@example(value=-0.0, decimals=1)
def test_format_then_parse_gives_back_the_rounded_value(
    style: NumberStyle, value: float, decimals: int
) -> None:
    expected = round_half_up(value, decimals)
    assert parse_number(format_number(value, decimals, style=style), style=style) == expected
    assert parse_number(format_percent(value, decimals, style=style), style=style) == expected


@pytest.mark.parametrize("style", STYLES)
@given(value=finite, currency=st.sampled_from(["PEN", "USD"]))
def test_an_amount_in_units_parses_back(style: NumberStyle, value: float, currency: str) -> None:
    text = format_amount(value, currency=currency, scale="unidades", style=style)
    if abs(value) >= 10:  # to units, rounding moves it less than 5%
        assert parse_number(text, style=style) == round_half_up(value, 0)
    elif abs(value) >= 0.01:  # below, decimals are shown rather than "US$ 0"
        read = parse_number(text, style=style)
        assert abs(read - Decimal(repr(value))) <= Decimal("0.05") * abs(Decimal(repr(value)))


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, exclude_min=True, exclude_max=True),
    decimals=st.integers(min_value=0, max_value=2),
)
@example(value=999_999_999_999.6, decimals=0)
@example(value=999_999_999_999.96, decimals=1)
def test_amounts_below_a_billion_of_billions_never_say_billon(value: float, decimals: int) -> None:
    for text in (format_amount(value, decimals=decimals), format_mixed(value)):
        assert "billón" not in text and "billones" not in text


@pytest.mark.parametrize("style", STYLES)
@given(value=st.floats(min_value=-0.05, max_value=0.05), decimals=st.integers(0, 1))
@example(value=-0.0, decimals=1)
def test_signed_zero_never_prints_minus_zero(
    style: NumberStyle, value: float, decimals: int
) -> None:
    for text in (
        format_number(value, decimals, style=style),
        format_signed(value, decimals, style=style),
        format_percent(value, decimals, style=style),
    ):
        assert not re.fullmatch(r"[-+]0([.,]0*)?(\xa0?%)?", text)
