"""Percent shares of a whole, rounded one by one or so that they add up to 100."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

METHODS = ("individual", "mayor_resto")


def _exact_shares(values: Sequence[float]) -> list[Fraction]:
    """Return each value's exact share of the total, in percent."""
    exact: list[Fraction] = []
    for value in values:
        if isinstance(value, bool) or not math.isfinite(value):
            raise ValueError(f"la participación requiere números finitos y hay {value!r}")
        if value < 0:
            raise ValueError(f"no se calculan participaciones con valores negativos: {value!r}")
        exact.append(Fraction(Decimal(repr(value)) if isinstance(value, float) else value))
    total = sum(exact, Fraction(0))
    if total == 0:
        raise ValueError("no se calculan participaciones: el total es cero")
    return [part * 100 / total for part in exact]


def _half_up(share: Fraction, unit: Fraction) -> int:
    """Return the number of units in ``share`` (non-negative), rounded half-up."""
    return math.floor(share / unit + Fraction(1, 2))


def _largest_remainder(shares: list[Fraction], unit: Fraction) -> list[int]:
    """Give each share its whole units, then one more unit to the largest remainders."""
    units = [math.floor(share / unit) for share in shares]
    missing = round(Fraction(100) / unit) - sum(units)
    # Largest remainder first; ties go to the larger share, then to the earlier item.
    order = sorted(
        range(len(shares)),
        key=lambda i: (-(shares[i] / unit - units[i]), -shares[i], i),
    )
    for index in order[:missing]:
        units[index] += 1
    return units


def round_shares(
    values: Sequence[float], decimals: int = 1, method: str = "individual"
) -> list[Decimal]:
    """Return each value's percent share of the total, rounded to ``decimals``.

    "individual" rounds each share half-up on its own, so the shares may add up to 100.1;
    "mayor_resto" (largest remainder, Hamilton) makes them add up to exactly 100.

    >>> [str(s) for s in round_shares([5866, 4765, 3835, 2293, 465])]
    ['34.1', '27.7', '22.3', '13.3', '2.7']
    >>> [str(s) for s in round_shares([1, 1, 1], method="mayor_resto")]
    ['33.4', '33.3', '33.3']
    """
    if method not in METHODS:
        raise ValueError(f"método de redondeo desconocido '{method}': use " + " o ".join(METHODS))
    if decimals < 0:
        raise ValueError(f"el número de decimales no puede ser negativo: {decimals}")
    shares = _exact_shares(values)
    unit = Fraction(1, 10**decimals)
    if method == "individual":
        units = [_half_up(share, unit) for share in shares]
    else:
        units = _largest_remainder(shares, unit)
    return [Decimal(count).scaleb(-decimals) for count in units]


LEFTOVER_WORDS = frozenset({"otros", "otras", "resto", "demas", "los demas", "las demas",
                            "resto del mundo", "otros paises", "otros destinos",
                            "otros productos", "otros sectores", "otros grupos"})
"""Names (folded: lower case, no accents) that say a category is what is left: it is never
the leading part of a whole."""
