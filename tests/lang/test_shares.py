"""Percent shares of a whole: one-by-one rounding and the largest-remainder method."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sectorial.lang.shares import round_shares

# Formal firms of the VRAEM by region in 2024 (seed 004): Ayacucho, Cusco, Junín,
# Huancavelica, Apurímac.
VRAEM_FIRMS = [5866, 4765, 3835, 2293, 465]


def as_text(shares: list[Decimal]) -> list[str]:
    return [str(share) for share in shares]


def test_individual_rounding_keeps_the_seed_figures_that_add_up_to_100_1() -> None:
    shares = round_shares(VRAEM_FIRMS)
    assert as_text(shares) == ["34.1", "27.7", "22.3", "13.3", "2.7"]
    assert sum(shares) == Decimal("100.1")


def test_largest_remainder_makes_the_seed_figures_add_up_to_100() -> None:
    shares = round_shares(VRAEM_FIRMS, method="mayor_resto")
    # Ayacucho's 34.057 has the smallest remainder among those rounded up one by one.
    assert as_text(shares) == ["34.0", "27.7", "22.3", "13.3", "2.7"]
    assert sum(shares) == Decimal("100.0")


@pytest.mark.parametrize(
    ("values", "decimals", "method", "expected"),
    [
        ([1, 1, 1], 1, "individual", ["33.3", "33.3", "33.3"]),
        ([1, 1, 1], 1, "mayor_resto", ["33.4", "33.3", "33.3"]),
        ([1, 1, 1], 0, "mayor_resto", ["34", "33", "33"]),
        ([1, 2, 1, 2], 0, "mayor_resto", ["17", "33", "17", "33"]),
        ([1, 1, 2, 2], 0, "mayor_resto", ["17", "17", "33", "33"]),
        ([10.5, 20.5, 69], 0, "mayor_resto", ["10", "21", "69"]),
        ([20.5, 10.5, 69], 0, "mayor_resto", ["21", "10", "69"]),
        ([10.5, 20.5, 69], 0, "individual", ["11", "21", "69"]),
        ([54, 46], 1, "individual", ["54.0", "46.0"]),
        ([1, 0], 1, "mayor_resto", ["100.0", "0.0"]),
        ([0.125, 0.875], 1, "individual", ["12.5", "87.5"]),
        ([1, 7], 0, "individual", ["13", "88"]),
        ([1, 7], 0, "mayor_resto", ["12", "88"]),
        ([2, 1], 2, "mayor_resto", ["66.67", "33.33"]),
        ([Decimal("0.1"), Decimal("0.2")], 1, "individual", ["33.3", "66.7"]),
    ],
)
def test_round_shares_table(
    values: list[float], decimals: int, method: str, expected: list[str]
) -> None:
    assert as_text(round_shares(values, decimals, method)) == expected


@pytest.mark.parametrize(
    ("values", "kwargs", "message"),
    [
        ([0, 0], {}, "total es cero"),
        ([], {}, "total es cero"),
        ([5, -1], {}, "negativos"),
        ([1, float("nan")], {}, "finitos"),
        ([1, 2], {"method": "dhondt"}, "método"),
        ([1, 2], {"decimals": -1}, "decimales"),
    ],
)
def test_round_shares_refuses_what_has_no_shares(
    values: list[float], kwargs: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        round_shares(values, **kwargs)


positive_lists = st.lists(
    st.floats(min_value=0, max_value=1e9, allow_nan=False), min_size=1, max_size=12
).filter(lambda values: sum(values) > 0)


@given(values=positive_lists, decimals=st.integers(min_value=0, max_value=3))
def test_largest_remainder_always_adds_up_to_exactly_100(
    values: list[float], decimals: int
) -> None:
    shares = round_shares(values, decimals, "mayor_resto")
    assert sum(shares) == 100
    assert all(share.as_tuple().exponent == -decimals for share in shares)


@given(values=positive_lists, decimals=st.integers(min_value=0, max_value=3))
def test_the_two_methods_differ_by_at_most_one_unit(values: list[float], decimals: int) -> None:
    unit = Decimal(1).scaleb(-decimals)
    pairs = zip(round_shares(values, decimals), round_shares(values, decimals, "mayor_resto"))
    assert all(abs(one - other) <= unit for one, other in pairs)
