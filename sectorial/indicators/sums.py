"""Indicators read from the data: totals, series, shares, counts and ranks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sectorial.errors import IndicatorError
from sectorial.indicators.compute import Context, period_column, period_of, quantity
from sectorial.indicators.registry import INDICATORS
from sectorial.indicators.spec import (
    AT,
    BY,
    CATEGORY,
    DATA,
    DECIMALS,
    FILTER,
    LAST,
    LEFTOVER,
    ROUNDING,
    SINCE,
    VALUE,
    IndicatorSpec,
)
from sectorial.indicators.values import Quantity, Series, Share, Shares, places
from sectorial.lang.folding import name_key
from sectorial.lang.shares import LEFTOVER_WORDS, round_shares
from sectorial.periods import Period

if TYPE_CHECKING:
    from sectorial.data.table import Selection, Table


@INDICATORS.register("total", keys=(DATA, VALUE, FILTER, AT),
                     doc="La suma de una columna en el periodo, con filtros.")
def total(spec: IndicatorSpec, ctx: Context) -> Quantity:
    rows, origin, period = ctx.period_rows(spec)
    if rows.empty:
        raise IndicatorError(
            f"no hay filas que cumplan el filtro ({origin})",
            hint="revise el filtro y el periodo, o complete los datos",
        )
    return quantity(spec, rows.total(str(spec.value)), f"suma de '{spec.value}' en {origin}",
                    period=period)


@INDICATORS.register("serie", keys=(DATA, VALUE, FILTER, SINCE, LAST),
                     doc="La suma de una columna en cada periodo, hasta el del informe "
                     "(`desde` un periodo, o los `ultimos` N).")
def series(spec: IndicatorSpec, ctx: Context) -> Series:
    table = ctx.tables[str(spec.source)]
    column = period_column(spec, table)
    wanted = _series_periods(spec, ctx, table)
    rows, origin = ctx.rows(spec, None)
    chosen = rows.within([p.index for p in wanted])
    sums = chosen.totals(column, str(spec.value), ordered=True)
    text = f"suma de '{spec.value}' por {column} en {origin}"
    points = tuple((p, quantity(spec, v, text, period=p)) for p, v in sums.pairs)
    if not points:
        raise IndicatorError(f"la serie no tiene datos de {wanted[0]} a {wanted[-1]} ({origin})",
                             hint="complete los datos o revise el filtro")
    _check_consecutive(spec, table, [p for p, _ in points], wanted)
    if spec.gaps == "error":
        _check_combinations(spec, table, chosen, column)
    clipped = bool(table.periods) and table.periods[0] < points[0][0]
    return Series(spec.key, points, text, clipped=clipped)


def _series_periods(spec: IndicatorSpec, ctx: Context, table: Table) -> tuple[Period, ...]:
    """The periods a series asks for: the last N, or from ``desde`` (or the data's first)."""
    period = ctx.period
    if table.periods and table.periods[0].monthly != period.monthly:
        kind = "mensuales" if table.periods[0].monthly else "anuales"
        raise IndicatorError(
            f"los datos '{spec.source}' son {kind} y el periodo del informe es {period}",
            hint="una serie usa datos del mismo tipo de periodo que el informe",
        )
    if spec.last is not None:
        return period.last(spec.last)
    first = period_of(spec.since, spec, "desde") if spec.since is not None else None
    start = first if first is not None else (table.periods[0] if table.periods else period)
    if start > period:
        raise IndicatorError(f"'desde' ({start}) es posterior al periodo ({period})")
    return start.through(period)


SHOWN_GAPS = 3


def _check_combinations(spec: IndicatorSpec, table: Table, rows: Selection,
                        column: str) -> None:
    """Every period of a series holds the same combinations of the data's key: a region
    missing from one year would draw a collapse that did not happen."""
    keys = [c for c in table.spec.unique if c != column and c not in spec.filters]
    if not keys:
        return
    by_period = rows.keys_by(column, keys)
    every = set().union(*by_period.values()) if by_period else set()
    gaps = [(period, every - held) for period, held in sorted(by_period.items())
            if every - held]
    if not gaps:
        return
    period, missing = gaps[0]
    shown = "; ".join(", ".join(f"{k}={v}" for k, v in zip(keys, combo))
                      for combo in sorted(missing, key=str)[:SHOWN_GAPS])
    more = f" y {len(missing) - SHOWN_GAPS} más" if len(missing) > SHOWN_GAPS else ""
    others = f" (y a {len(gaps) - 1} periodo{'s' if len(gaps) > 2 else ''} más)" \
        if len(gaps) > 1 else ""
    raise IndicatorError(
        f"a la serie '{spec.key}' le faltan en {period} filas que tienen otros periodos: "
        f"{shown}{more}{others}; en {table.spec.path.name}",
        hint="complete esas filas en los datos (un cero si no hubo nada), o escriba "
        "'faltantes: permitir' en el indicador si así debe ser")


def _check_consecutive(
    spec: IndicatorSpec, table: Table, periods: list[Period], wanted: tuple[Period, ...]
) -> None:
    """Name the periods missing inside the series, then those past the data's end."""
    have = set(periods)
    gaps = [p for p in wanted if p not in have and p < periods[-1]]
    if gaps:
        raise IndicatorError(
            f"a la serie '{spec.key}' le faltan los periodos " + ", ".join(map(str, gaps))
            + f" en {table.spec.path.name}",
            hint="agregue las filas de esos periodos a los datos",
        )
    if wanted[-1] not in have:
        last = table.periods[-1] if table.periods else "ninguno"
        raise IndicatorError(
            f"los datos '{spec.source}' ({table.spec.path.name}) no cubren {wanted[-1]}: "
            f"llegan hasta {periods[-1] if wanted[-1] in table.period_set else last}",
            hint="actualice el archivo de datos o pida un periodo que tengan (--period)",
        )


@INDICATORS.register("participaciones", keys=(DATA, VALUE, BY, FILTER, AT, DECIMALS,
                                               ROUNDING, LEFTOVER),
                     doc="Las partes de un todo (`por` región, sector…), de mayor a menor, "
                     "con su participación en %.")
def shares(spec: IndicatorSpec, ctx: Context) -> Shares:
    rows, origin, period = ctx.period_rows(spec)
    if rows.empty:
        raise IndicatorError(f"no hay filas ({origin})", hint="revise el filtro y el periodo")
    sums = rows.totals(str(spec.by), str(spec.value))
    leftover = leftovers(spec, [str(label) for label, _ in sums.pairs])
    ordered = sorted(sums.pairs, key=lambda item: (str(item[0]) in leftover, -item[1],
                                                   name_key(str(item[0]))))  # a tie, by name
    method = spec.rounding or ctx.rounding
    try:
        percents = round_shares([v for _, v in ordered], spec.decimals, method)
    except ValueError as exc:
        raise IndicatorError(str(exc), hint="revise los valores de los datos") from exc
    text = f"suma de '{spec.value}' por {spec.by} en {origin}"
    items = tuple(
        Share(
            str(label),
            quantity(spec, v, text, period=period),
            Quantity(
                _shown_share(pct, v, sums.total, method), "porcentaje", 1.0,
                f"{spec.key}[{label}]",
                f"participación de {label} en el total de {spec.key}; redondeo {method}; "
                f"{label} y total: {text}",
                period=period, share=True, tiny=bool(v) and not float(pct),
            ),
        )
        for (label, v), pct in zip(ordered, percents)
    )
    whole = quantity(spec, sums.total, text, period=period)
    return Shares(spec.key, items, whole, text, method, period, spec.decimals,
                  leftover=leftover)


def _shown_share(rounded: object, value: float, total: float, method: str) -> float:
    """The rounded share, or for a positive part that rounds to zero one by one its exact
    share (the ledger's exact value). Either prints as "menos del 0.1%", never as a false
    0.0%; with the largest remainder rule the share stays the rounded one, so that the
    shares still add to 100."""
    if float(rounded) or not value or not total or method == "mayor_resto":  # type: ignore[arg-type]
        return float(rounded)  # type: ignore[arg-type]
    return value / total * 100.0


def leftovers(spec: IndicatorSpec, labels: list[str]) -> frozenset[str]:
    """The parts that are what is left: those ``resto`` names (compared without accents or
    case), or by default those named as leftovers are ("Otros", "Resto del mundo")."""
    wanted = LEFTOVER_WORDS if spec.leftover is None else {name_key(n) for n in spec.leftover}
    return frozenset(label for label in labels if name_key(label) in wanted)


@INDICATORS.register("conteo", keys=(DATA, BY, FILTER, AT),
                     doc="Cuántos valores distintos toma una columna (`por`).")
def count(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Return how many distinct values ``columna`` takes in the filtered rows."""
    rows, origin, period = ctx.period_rows(spec)
    if rows.empty:
        raise IndicatorError(f"no hay filas ({origin})", hint="revise el filtro y el periodo")
    return Quantity(float(rows.distinct(str(spec.by))), "numero", 1.0, spec.key,
                    f"número de valores distintos de '{spec.by}' en {origin}", period=period)


@INDICATORS.register("puesto", keys=(DATA, VALUE, BY, CATEGORY, FILTER, AT),
                     doc="El puesto de una `categoria` entre las partes (`por`), de mayor a "
                     "menor.")
def rank(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Return the 1-based position of ``categoria`` among the groups of ``por``, largest
    first; groups with the same value share their place (two tied tenth are both tenth)."""
    rows, origin, period = ctx.period_rows(spec)
    sums = rows.totals(str(spec.by), str(spec.value))
    values = {str(label): value for label, value in sums.pairs}
    ordered = [str(label) for label, _ in sorted(sums.pairs, key=lambda item: -item[1])]
    if spec.category not in ordered:
        raise IndicatorError(
            f"la categoría '{spec.category}' no aparece en '{spec.by}' ({origin})",
            hint="categorías disponibles: " + ", ".join(sorted(ordered)),
        )
    left = leftovers(spec, ordered) - {str(spec.category)}  # "Otros" takes no place
    ordered = [label for label in ordered if label not in left]
    own = values[str(spec.category)]
    position = places([values[label] for label in ordered])[ordered.index(str(spec.category))]
    tied = [label for label in ordered if values[label] == own and label != spec.category]
    text = (f"puesto de {spec.category} por '{spec.value}' entre {len(ordered)} "
            f"{spec.by} en {origin}" + (f", empatado con {', '.join(tied)}" if tied else ""))
    return Quantity(float(position), "numero", 1.0, spec.key, text, period=period)
