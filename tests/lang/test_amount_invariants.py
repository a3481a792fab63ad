"""Invariants of the words that carry amounts: whatever the value, what is printed keeps its
meaning (issue 18). Checked over generated values, reading the printed text back."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sectorial.lang.numbers import format_amount, format_mixed
from sectorial.lang.phrases import out_of
from sectorial.lang.reading import parse_number

WORDS = {"billón": 12, "billones": 12, "mil millones": 9, "millón": 6, "millones": 6,
         "mil": 3}
VALUES = st.floats(min_value=0.01, max_value=1e15, allow_nan=False, allow_infinity=False)


def read_amount(text: str) -> Decimal:
    """The value a reader takes from "US$ 1.5 millones" (in units)."""
    body = text.replace("US$\u00a0", "").replace("S/\u00a0", "")
    for word, power in sorted(WORDS.items(), key=lambda item: -len(item[0])):
        if body.endswith(" " + word):
            return parse_number(body[: -len(word) - 1]).scaleb(power)
    return parse_number(body)


def read_mixed(text: str) -> Decimal:
    """The value of "2 millones 525 mil"."""
    total, parts = Decimal(0), text.split()
    number = None
    for index, part in enumerate(parts):
        if part[0].isdigit():
            if number is not None:
                total += number
            number = parse_number(part)
        elif part in ("mil",) and index + 1 < len(parts) and parts[index + 1] == "millones":
            continue
        else:
            power = 9 if part == "millones" and parts[index - 1] == "mil" else WORDS[part]
            total += number.scaleb(power)
            number = None
    return total + (number or 0)


def close(printed: Decimal, value: float) -> bool:
    return abs(printed - Decimal(repr(value))) <= Decimal("0.05") * Decimal(repr(value))


@given(VALUES, st.sampled_from(["auto", "mil", "millones", "mil millones"]),
       st.integers(0, 2), st.sampled_from(["USD", "PEN"]))
def test_a_scaled_amount_never_moves_more_than_five_percent(value, scale, decimals, currency):
    text = format_amount(value, currency=currency, scale=scale, decimals=decimals)
    assert close(read_amount(text), value), (value, text)


@given(st.integers(1, 10**14))
def test_an_amount_in_words_never_moves_more_than_five_percent(value):
    text = format_mixed(value)
    assert close(read_mixed(text), value), (value, text)


@given(st.floats(min_value=0, max_value=100, allow_nan=False), st.sampled_from([10, 100]))
def test_out_of_never_says_none_nor_all_of_a_part(percent, base):
    text = out_of(percent, base)
    assert not text.startswith("0 de cada")
    if percent < 100:
        assert not text.startswith(f"{base} de cada")
