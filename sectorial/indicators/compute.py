"""Pure computations from tables to indicator values: one function per kind, one table.

Each function takes the indicator's spec, a resolver for its inputs, and the brief period,
and returns a frozen value that says where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from sectorial.data.loader import PERIOD_INDEX, Table
from sectorial.errors import IndicatorError, SectorialError, raise_all
from sectorial.indicators.spec import GROWTH_METHODS, KIND_NAMES, IndicatorSpec
from sectorial.indicators.values import Indicator, Quantity, Series, Share, Shares
from sectorial.lang.shares import round_shares
from sectorial.periods import Period, PeriodError, PeriodSpan

Resolver = Callable[[str], Indicator]


def compute_all(
    specs: Mapping[str, IndicatorSpec],
    tables: Mapping[str, Table],
    period: Period | int,
    rounding: str,
) -> dict[str, Indicator]:
    """Compute every indicator, resolving references; report every failure at once."""
    period = Period.parse(period)
    done: dict[str, Indicator] = {}
    errors: list[SectorialError] = []
    active: list[str] = []

    def resolve(key: str) -> Indicator:
        if key in done:
            return done[key]
        if key in active:
            raise IndicatorError("referencia circular: " + " → ".join([*active, key]))
        spec = specs[key]
        active.append(key)
        try:
            result = KINDS[spec.kind](spec, Context(tables, resolve, period, rounding))
        except SectorialError as exc:
            if exc.where is None:
                exc.where = spec.where()
            raise
        finally:
            active.pop()
        done[key] = result
        return result

    for key in specs:
        try:
            resolve(key)
        except SectorialError as exc:
            if str(exc) not in map(str, errors):  # one built on a failed one fails alike
                errors.append(exc)
    raise_all(errors)
    return done


Target = Period | tuple[Period, ...]
"""One period, or several added together (January to September)."""


@dataclass(frozen=True)
class Context:
    tables: Mapping[str, Table]
    resolve: Resolver
    period: Period
    rounding: str

    def target_period(self, spec: IndicatorSpec) -> Target:
        """Return the period ``en`` asks for: the brief's, the year before, or year to date."""
        at = spec.at
        if at in (None, "actual"):
            return self.period
        if at == "anterior":
            return self.period.year_before()
        if at == "acumulado":
            return self.period.year_to_date()
        if at == "acumulado_anterior":
            return self.period.year_before().year_to_date()
        return _period(at, spec, "en")

    def series(self, spec: IndicatorSpec) -> Series:
        found = self.resolve(str(spec.of))
        if not isinstance(found, Series):
            raise IndicatorError(
                f"'de: {spec.of}' debe ser un indicador de tipo 'serie'",
                hint="indique en 'de' el nombre de una serie",
            )
        return found


def _period(value: object, spec: IndicatorSpec, key: str) -> Period:
    try:
        return Period.parse(value)
    except PeriodError as exc:
        raise IndicatorError(
            f"'{key}: {value}' no es un periodo ({exc})",
            spec.where(),
            "escriba un año (2024), un mes (2025-09), 'anterior', 'acumulado' o "
            "'acumulado_anterior'",
        ) from exc


def _label(target: Target) -> str:
    return str(target) if isinstance(target, Period) else PeriodSpan(target).label()


def _rows(spec: IndicatorSpec, ctx: Context, period: Target | None) -> tuple[pd.DataFrame, str]:
    """Return the filtered rows of the spec's source and a description of them."""
    table = ctx.tables[str(spec.source)]
    frame = table.frame
    described: list[str] = []
    if period is not None:
        column = _period_column(spec, table)
        frame = frame[_period_mask(frame, period, table, spec)]
        described.append(f"{column}={_label(period)}")
    for column, wanted in spec.filters.items():
        kind = table.spec.columns.get(column)
        if kind is None:
            raise IndicatorError(
                f"el filtro usa la columna '{column}', que no está declarada en "
                f"'datos.{spec.source}.columnas'",
                hint="declare la columna o corrija el filtro",
            )
        if kind == "periodo":
            value: object = _period(wanted, spec, f"filtro.{column}")
        elif kind in ("entero", "conteo"):
            value = int(wanted)
        else:
            value = str(wanted)
        frame = frame[frame[column] == value]
        described.append(f"{column}={wanted}")
    rows = _row_ranges(frame["_row"].tolist())
    origin = f"{table.spec.path.name}" + (f" [{', '.join(described)}]" if described else "")
    return frame, f"{origin}, filas {rows}" if rows else origin


def _period_column(spec: IndicatorSpec, table: Table) -> str:
    if table.period_column is None:
        raise IndicatorError(
            f"los datos '{spec.source}' no tienen una columna de tipo 'periodo'",
            hint="declare en 'columnas' la columna del año o del mes como 'periodo'",
        )
    return table.period_column


def _period_mask(
    frame: pd.DataFrame, target: Target, table: Table, spec: IndicatorSpec
) -> pd.Series:
    """Select the rows of ``target``; a year of monthly data is its twelve months.

    A period the data does not cover is an error naming the last period they have.
    """
    wanted = (target,) if isinstance(target, Period) else target
    have = table.periods
    if not have:
        raise IndicatorError(f"los datos '{spec.source}' no tienen filas",
                             hint="complete el archivo de datos")
    monthly_data = have[0].monthly
    expanded: list[Period] = []
    for period in wanted:
        if period.monthly and not monthly_data:
            raise IndicatorError(
                f"se pide el mes {period} y los datos '{spec.source}' son anuales",
                hint="use datos mensuales o pida un año",
            )
        if monthly_data and not period.monthly:
            expanded.extend(Period(period.year, m) for m in range(1, 13))
        else:
            expanded.append(period)
    missing = [p for p in expanded if p not in table.period_set]
    if missing:
        raise IndicatorError(
            f"los datos '{spec.source}' ({table.spec.path.name}) no cubren "
            f"{', '.join(map(str, missing[:3]))}{'…' if len(missing) > 3 else ''}: "
            f"llegan hasta {have[-1]} (desde {have[0]})",
            hint="actualice el archivo de datos o pida un periodo que tengan (--period)",
        )
    return frame[PERIOD_INDEX].isin([p.index for p in expanded])


def _row_ranges(rows: list[int]) -> str:
    """Return "2-7, 10" for rows [2, 3, 4, 5, 6, 7, 10]."""
    parts: list[str] = []
    for row in sorted(rows):
        if parts and parts[-1][1] == row - 1:
            parts[-1] = (parts[-1][0], row)
        else:
            parts.append((row, row))
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in parts)


def _quantity(spec: IndicatorSpec, value: float | None, origin: str, **kw: object) -> Quantity:
    return Quantity(
        value=value, unit=spec.unit, scale=spec.scale, name=spec.key, origin=origin, **kw
    )


def _period_rows(
    spec: IndicatorSpec, ctx: Context
) -> tuple[pd.DataFrame, str, Period | PeriodSpan | None]:
    """The rows of the period ``en`` asks for (all rows when the data have no period), their
    description, and the period the result is for."""
    has_period = ctx.tables[str(spec.source)].period_column is not None
    target = ctx.target_period(spec) if has_period else None
    frame, origin = _rows(spec, ctx, target)
    return frame, origin, PeriodSpan(target) if isinstance(target, tuple) else target


def _total(spec: IndicatorSpec, ctx: Context) -> Quantity:
    frame, origin, period = _period_rows(spec, ctx)
    if frame.empty:
        raise IndicatorError(
            f"no hay filas que cumplan el filtro ({origin})",
            hint="revise el filtro y el periodo, o complete los datos",
        )
    value = float(frame[str(spec.value)].sum())
    return _quantity(spec, value, f"suma de '{spec.value}' en {origin}",
                     period=period)


def _series(spec: IndicatorSpec, ctx: Context) -> Series:
    table = ctx.tables[str(spec.source)]
    column = _period_column(spec, table)
    period = ctx.period
    if table.periods and table.periods[0].monthly != period.monthly:
        kind = "mensuales" if table.periods[0].monthly else "anuales"
        raise IndicatorError(
            f"los datos '{spec.source}' son {kind} y el periodo del informe es {period}",
            hint="una serie usa datos del mismo tipo de periodo que el informe",
        )
    if spec.last is not None:
        wanted = period.last(spec.last)
    else:
        first = _period(spec.since, spec, "desde") if spec.since is not None else None
        start = first if first is not None else (table.periods[0] if table.periods else period)
        if start > period:
            raise IndicatorError(f"'desde' ({start}) es posterior al periodo ({period})")
        wanted = start.through(period)
    frame, origin = _rows(spec, ctx, None)
    frame = frame[frame[PERIOD_INDEX].isin([p.index for p in wanted])]
    sums = frame.groupby(column, sort=True)[str(spec.value)].sum()
    text = f"suma de '{spec.value}' por {column} en {origin}"
    points = tuple((p, _quantity(spec, float(v), text, period=p)) for p, v in sums.items())
    if not points:
        raise IndicatorError(f"la serie no tiene datos de {wanted[0]} a {wanted[-1]} ({origin})",
                             hint="complete los datos o revise el filtro")
    _check_consecutive(spec, table, [p for p, _ in points], wanted)
    return Series(spec.key, points, text)


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


def _shares(spec: IndicatorSpec, ctx: Context) -> Shares:
    frame, origin, period = _period_rows(spec, ctx)
    if frame.empty:
        raise IndicatorError(f"no hay filas ({origin})", hint="revise el filtro y el periodo")
    sums = frame.groupby(str(spec.by), sort=False)[str(spec.value)].sum()
    ordered = sorted(sums.items(), key=lambda item: -item[1])
    method = spec.rounding or ctx.rounding
    try:
        percents = round_shares([float(v) for _, v in ordered], spec.decimals, method)
    except ValueError as exc:
        raise IndicatorError(str(exc), hint="revise los valores de los datos") from exc
    text = f"suma de '{spec.value}' por {spec.by} en {origin}"
    items = tuple(
        Share(
            str(label),
            _quantity(spec, float(v), text, period=period),
            Quantity(
                float(pct), "porcentaje", 1.0, f"{spec.key}[{label}]",
                f"participación de {label} en el total de {spec.key}; redondeo {method}",
                period=period,
            ),
        )
        for (label, v), pct in zip(ordered, percents)
    )
    total = _quantity(spec, float(sums.sum()), text, period=period)
    return Shares(spec.key, items, total, text, method, period, spec.decimals)


def _count(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Return how many distinct values ``columna`` takes in the filtered rows."""
    frame, origin, period = _period_rows(spec, ctx)
    if frame.empty:
        raise IndicatorError(f"no hay filas ({origin})", hint="revise el filtro y el periodo")
    value = float(frame[str(spec.by)].nunique())
    return Quantity(value, "numero", 1.0, spec.key,
                    f"número de valores distintos de '{spec.by}' en {origin}", period=period)


def _streak(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Return how many periods in a row, up to the brief's, changed in the same direction."""
    series = ctx.series(spec)
    values = [q.value for q in series]
    changes = [_change(a, b) for a, b in zip(values, values[1:])]
    if not changes or changes[-1] in (None, 0):
        raise IndicatorError(f"'{spec.of}' no cambia en el último periodo: no hay racha",
                             hint="quite esta cifra o use otro periodo")
    rising = changes[-1] > 0  # type: ignore[operator]
    count = 0
    for change in reversed(changes):
        if change is None or change == 0 or (change > 0) != rising:
            break
        count += 1
    direction = "alzas" if rising else "caídas"
    origin = f"{direction} consecutivas de {spec.of} hasta {series.periods[-1]}"
    return Quantity(float(count), "numero", 1.0, spec.key, origin, period=series.periods[-1])


def _rank(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Return the 1-based position of ``categoria`` among the groups of ``por``, largest first."""
    frame, origin, period = _period_rows(spec, ctx)
    sums = frame.groupby(str(spec.by), sort=False)[str(spec.value)].sum()
    ordered = [str(label) for label, _ in sorted(sums.items(), key=lambda item: -item[1])]
    if spec.category not in ordered:
        raise IndicatorError(
            f"la categoría '{spec.category}' no aparece en '{spec.by}' ({origin})",
            hint="categorías disponibles: " + ", ".join(sorted(ordered)),
        )
    position = ordered.index(str(spec.category)) + 1
    text = (f"puesto de {spec.category} por '{spec.value}' entre {len(ordered)} "
            f"{spec.by} en {origin}")
    return Quantity(float(position), "numero", 1.0, spec.key, text, period=period)


def _change(base: float | None, end: float | None) -> float | None:
    if base is None or end is None or base == 0:
        return None
    return (end / base - 1.0) * 100.0


def _variation(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Percent change of a series between two periods, or between two values (``frente_a``).

    By default the base is the same period a year before: the previous year of an annual
    brief, the same month of the previous year (interannual) of a monthly one.
    """
    if spec.base is not None:
        end_q, base_q = ctx.resolve(str(spec.of)), ctx.resolve(spec.base)
        for name, part in ((spec.of, end_q), (spec.base, base_q)):
            if not isinstance(part, Quantity):
                raise IndicatorError(f"'{name}' debe ser un valor (tipo 'total') para usar "
                                     "'frente_a'")
        base, end = base_q, end_q
        base_label, end_label = _span_label(base_q.period), _span_label(end_q.period)  # type: ignore[union-attr]
        end_period = end_q.period  # type: ignore[union-attr]
    else:
        series = ctx.series(spec)
        end_period = ctx.period
        base_period = (_period(spec.since, spec, "desde") if spec.since is not None
                       else end_period.year_before())
        base, end = series.at(base_period), series.at(end_period)
        base_label, end_label = str(base_period), str(end_period)
    value = _change(base.value, end.value)  # type: ignore[union-attr]
    if value is None and spec.missing != "nd":
        raise IndicatorError(
            f"no se puede calcular la variación: el valor de {base_label} es cero",
            hint="use otro periodo base, quite esta cifra o escriba 'sin_dato: nd' en el "
            "indicador para publicar «n.d.»",
        )
    origin = f"variación % de {spec.of} entre {base_label} y {end_label}"
    return Quantity(value, "porcentaje", 1.0, spec.key, origin, period=end_period)


def _span_label(period: Period | PeriodSpan | None) -> str:
    if period is None:
        return "sin periodo"
    return period.label() if isinstance(period, PeriodSpan) else str(period)


def _variations(spec: IndicatorSpec, ctx: Context) -> Series:
    series = ctx.series(spec)
    points = []
    for (p0, q0), (p1, q1) in zip(series.points, series.points[1:]):
        origin = f"variación % de {spec.of} entre {p0} y {p1}"
        points.append((p1, Quantity(_change(q0.value, q1.value), "porcentaje", 1.0,
                                    f"{spec.key}[{p1}]", origin, period=p1)))
    return Series(spec.key, tuple(points), f"variaciones de {spec.of} entre periodos seguidos")


def _growth(spec: IndicatorSpec, ctx: Context) -> Quantity:
    series = ctx.series(spec)
    end = ctx.period
    if end.monthly:
        raise IndicatorError("el crecimiento promedio anual necesita una serie anual",
                             hint="use 'variacion' para comparar meses")
    start = _period(spec.since, spec, "desde") if spec.since is not None else series.periods[0]
    if end <= start:
        raise IndicatorError(f"'desde' ({start}) debe ser anterior al periodo ({end})")
    first, last = series.at(start), series.at(end)
    if not first.value or first.value <= 0 or last.value is None:
        raise IndicatorError(f"el valor de {start} debe ser positivo para calcular el crecimiento")
    years = int(end - start)
    if spec.method == "compuesto":
        value = ((last.value / first.value) ** (1.0 / years) - 1.0) * 100.0
    else:
        changes = [_change(series.at(p).value, series.at(p + 1).value)
                   for p in start.through(end - 1)]  # type: ignore[arg-type]
        if any(c is None for c in changes):
            raise IndicatorError("una variación anual parte de cero; use el método 'compuesto'")
        value = sum(changes) / len(changes)  # type: ignore[arg-type]
    origin = f"{GROWTH_METHODS[spec.method]} de {spec.of}, {start}-{end}"
    return Quantity(value, "porcentaje", 1.0, spec.key, origin,
                    method=GROWTH_METHODS[spec.method], period=end)


def _ratio(spec: IndicatorSpec, ctx: Context) -> Quantity:
    top, bottom = ctx.resolve(str(spec.numerator)), ctx.resolve(str(spec.denominator))
    for name, part in ((spec.numerator, top), (spec.denominator, bottom)):
        if not isinstance(part, Quantity):
            raise IndicatorError(f"'{name}' debe ser un valor (tipo 'total' o 'razon')")
    if not bottom.units:  # type: ignore[union-attr]
        if spec.missing == "nd":
            return Quantity(None, "porcentaje", 1.0, spec.key, "denominador cero: n.d.")
        raise IndicatorError(f"el denominador '{spec.denominator}' es cero",
                             hint="escriba 'sin_dato: nd' en el indicador para publicar «n.d.»")
    value = top.units / bottom.units * 100.0  # type: ignore[operator, union-attr]
    origin = f"{spec.numerator} / {spec.denominator} × 100"
    return Quantity(value, "porcentaje", 1.0, spec.key, origin, period=ctx.period)


KINDS: dict[str, Callable[[IndicatorSpec, Context], Indicator]] = {
    "total": _total,
    "serie": _series,
    "participaciones": _shares,
    "variacion": _variation,
    "variaciones": _variations,
    "crecimiento_promedio": _growth,
    "razon": _ratio,
    "puesto": _rank,
    "conteo": _count,
    "racha": _streak,
}
"""Indicator kinds by the name a brief uses in 'tipo'."""

assert tuple(KINDS) == KIND_NAMES, "indicators.spec.KIND_NAMES and KINDS must list the same"
