"""Consistency checks: figures that contradict each other stop the build before rendering.

Always: the shares of one whole add up to 100 within the rounding rule in force (exactly,
with the largest remainder; within half a unit of the last decimal per part, one by one).
Declared in the brief (``comprobaciones``): the parts printed in one place add up to the
total printed in another (``suma``; the incidences of 'categorias' add up to a variation),
a figure repeated on several pages is the same value (``igual``), a variation quoted in
the text agrees with the two levels of its series
(``variacion``). A failure names both figures and where each comes from (file and rows,
or formula); ``excepcion: motivo`` lets a known disagreement through and says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from sectorial.errors import IndicatorError, Location, SectorialError
from sectorial.indicators.spec import CheckSpec, IndicatorSpec
from sectorial.indicators.values import Categories, Indicator, Quantity, Series, Shares
from sectorial.lang.numbers import round_half_up

VARIATION_TOLERANCE = 0.05  # percentage points: half the last printed decimal of "8.6%"


@dataclass(frozen=True)
class Waived:
    """A declared check that failed and was let through with its reason."""

    check: CheckSpec
    problem: str


def run_checks(checks: tuple[CheckSpec, ...], specs: Mapping[str, IndicatorSpec],
               indicators: Mapping[str, Indicator], file: str
               ) -> tuple[list[SectorialError], list[Waived]]:
    """Return the failed checks as errors, and the failures let through as exceptions.

    ``file`` is the brief the checks are written in."""
    errors: list[SectorialError] = []
    waived: list[Waived] = []
    for name, value in indicators.items():
        if isinstance(value, Shares):
            problem = _shares_problem(name, value, value.rounding)
            if problem:
                errors.append(IndicatorError(problem, specs[name].where()))
    for check in checks:
        try:
            problem = _problem(check, indicators)
        except IndicatorError as exc:
            problem = exc.message
        if problem is None:
            continue
        if check.exception is not None:
            waived.append(Waived(check, problem))
            continue
        errors.append(IndicatorError(
            problem, Location(file, line=check.line, field=check.place),
            "corrija los datos que no cuadran, o si la diferencia es conocida, agregue "
            "'excepcion: motivo' a esta comprobación"))
    return errors, waived


def _shares_problem(name: str, shares: Shares, rounding: str) -> str | None:
    # each share as it is printed: a positive one below 0.1 keeps its exact value
    parts = [float(round_half_up(s.percent.value, shares.decimals)) for s in shares.items
             if s.percent.value is not None]
    if not parts:
        return None
    total = sum(parts)
    step = 10.0 ** -shares.decimals
    allowed = 1e-9 if rounding == "mayor_resto" else len(parts) * step / 2
    if abs(total - 100) <= allowed + 1e-9:
        return None
    return (f"las participaciones de '{name}' suman {total:.{shares.decimals}f}, no 100 "
            f"(redondeo {rounding}: diferencia permitida {allowed:g})")


def _problem(check: CheckSpec, indicators: Mapping[str, Indicator]) -> str | None:
    if check.kind == "suma":
        parts_name, total_name = check.refs
        parts, total = indicators[parts_name], _quantity(indicators, total_name)
        if isinstance(parts, Categories) and total.unit == "porcentaje":
            added = sum(c.incidence.value or 0.0 for c in parts.items)  # p.p. add to the %
            if _same(added, total.value):
                return None
            return (f"las incidencias de '{parts_name}' suman {added:.4f} p.p., pero "
                    f"'{total_name}' es {total.value:.4f}%: {parts_name} sale de "
                    f"{parts.origin}; {total_name} sale de {total.origin}")
        if isinstance(parts, Categories):
            added = sum(c.amount.units or 0.0 for c in parts.items)
        elif isinstance(parts, Shares):
            added = sum(s.amount.units or 0.0 for s in parts.items)
        else:
            raise IndicatorError(f"'{parts_name}' debe ser un indicador 'participaciones' o "
                                 "'categorias'")
        if _same(added, total.units):
            return None
        return (f"las partes de '{parts_name}' suman {_shown(added)}, pero '{total_name}' es "
                f"{_shown(total.units)}: {parts_name} sale de {parts.origin or '?'}; "
                f"{total_name} sale de {total.origin}")
    if check.kind == "igual":
        first, *others = [(name, _quantity(indicators, name)) for name in check.refs]
        for name, quantity in others:
            if not _same(first[1].units, quantity.units):
                return (f"'{first[0]}' ({_shown(first[1].units)}, de {first[1].origin}) y "
                        f"'{name}' ({_shown(quantity.units)}, de {quantity.origin}) deberían "
                        "ser la misma cifra")
        return None
    variation_name, series_name = check.refs
    variation = _quantity(indicators, variation_name)
    series = indicators[series_name]
    if not isinstance(series, Series) or len(series) < 2:
        raise IndicatorError(f"'{series_name}' debe ser una serie de dos periodos o más")
    (p0, q0), (p1, q1) = series.points[-2], series.points[-1]
    if not q0.units or q1.units is None or variation.value is None:
        return None
    levels = (q1.units / q0.units - 1) * 100
    if abs(levels - variation.value) <= VARIATION_TOLERANCE:
        return None
    return (f"'{variation_name}' dice {variation.value:.1f}%, pero la serie '{series_name}' "
            f"pasa de {_shown(q0.units)} en {p0} a {_shown(q1.units)} en {p1}: "
            f"{levels:.1f}% ({variation.origin}; la serie sale de {q1.origin})")


def _quantity(indicators: Mapping[str, Indicator], name: str) -> Quantity:
    value = indicators[name]
    if isinstance(value, Series):
        return value.ultimo
    if not isinstance(value, Quantity):
        raise IndicatorError(f"'{name}' debe ser una cifra (total, variación, razón…)")
    return value


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _shown(value: float | None) -> str:
    return "n.d." if value is None else f"{value:,.10g}"
