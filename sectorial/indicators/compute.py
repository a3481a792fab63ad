"""Pure computations from tables to indicator values: one function per kind, one table.

Each function takes the indicator's spec, a resolver for its inputs, and the brief period,
and returns a frozen value that says where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from sectorial.data.loader import Table
from sectorial.errors import IndicatorError, Location, SectorialError, raise_all
from sectorial.indicators.values import Indicator, Quantity, Series, Share, Shares
from sectorial.lang.shares import round_shares

GROWTH_METHODS = {
    "compuesto": "tasa de crecimiento promedio anual compuesta",
    "media_variaciones": "promedio simple de las variaciones anuales",
}


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as the brief declares it (Spanish keys mapped to these fields)."""

    key: str
    kind: str
    file: str
    line: int
    source: str | None = None  # datos: the data source key
    of: str | None = None  # de: another indicator
    value: str | None = None  # valor: the column to add up
    by: str | None = None  # por: the column that names the parts
    filters: dict[str, object] = field(default_factory=dict)
    at: int | str | None = None  # en: a period, or "anterior"
    since: int | None = None  # desde
    method: str = "compuesto"
    unit: str = "numero"
    scale: float = 1.0
    decimals: int = 1
    rounding: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    missing: str = "error"  # sin_dato: "error" stops the build; "nd" prints "n.d."
    category: str | None = None  # categoria: for 'puesto', the one whose position is wanted
    description: str = ""

    def where(self) -> Location:
        return Location(self.file, line=self.line, field=f"indicadores.{self.key}")


Resolver = Callable[[str], Indicator]


def compute_all(
    specs: Mapping[str, IndicatorSpec],
    tables: Mapping[str, Table],
    period: int,
    rounding: str,
) -> dict[str, Indicator]:
    """Compute every indicator, resolving references; report every failure at once."""
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
            errors.append(exc)
    raise_all(errors)
    return done


@dataclass(frozen=True)
class Context:
    tables: Mapping[str, Table]
    resolve: Resolver
    period: int
    rounding: str

    def target_period(self, spec: IndicatorSpec) -> int:
        if spec.at in (None, "actual"):
            return self.period
        if spec.at == "anterior":
            return self.period - 1
        return int(spec.at)

    def series(self, spec: IndicatorSpec) -> Series:
        found = self.resolve(str(spec.of))
        if not isinstance(found, Series):
            raise IndicatorError(
                f"'de: {spec.of}' debe ser un indicador de tipo 'serie'",
                hint="indique en 'de' el nombre de una serie",
            )
        return found


def _rows(spec: IndicatorSpec, ctx: Context, period: int | None) -> tuple[pd.DataFrame, str]:
    """Return the filtered rows of the spec's source and a description of them."""
    table = ctx.tables[str(spec.source)]
    frame = table.frame
    conditions = dict(spec.filters)
    if period is not None:
        if table.period_column is None:
            raise IndicatorError(
                f"los datos '{spec.source}' no tienen una columna de tipo 'periodo'",
                hint="declare en 'columnas' la columna del año como 'periodo'",
            )
        conditions[table.period_column] = period
    for column, wanted in conditions.items():
        kind = table.spec.columns.get(column)
        if kind is None:
            raise IndicatorError(
                f"el filtro usa la columna '{column}', que no está declarada en "
                f"'datos.{spec.source}.columnas'",
                hint="declare la columna o corrija el filtro",
            )
        value = int(wanted) if kind in ("periodo", "entero") else str(wanted)
        frame = frame[frame[column] == value]
    described = ", ".join(f"{c}={v}" for c, v in conditions.items())
    rows = _row_ranges(frame["_row"].tolist())
    origin = f"{table.spec.path.name}" + (f" [{described}]" if described else "")
    return frame, f"{origin}, filas {rows}" if rows else origin


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


def _total(spec: IndicatorSpec, ctx: Context) -> Quantity:
    period = ctx.target_period(spec) if ctx.tables[str(spec.source)].period_column else None
    frame, origin = _rows(spec, ctx, period)
    if frame.empty:
        raise IndicatorError(
            f"no hay filas que cumplan el filtro ({origin})",
            hint="revise el filtro y el periodo, o complete los datos",
        )
    value = float(frame[str(spec.value)].sum())
    return _quantity(spec, value, f"suma de '{spec.value}' en {origin}", period=period)


def _series(spec: IndicatorSpec, ctx: Context) -> Series:
    frame, origin = _rows(spec, ctx, None)
    table = ctx.tables[str(spec.source)]
    column = table.period_column
    if column is None:
        raise IndicatorError(
            f"los datos '{spec.source}' no tienen una columna de tipo 'periodo'",
            hint="declare en 'columnas' la columna del año como 'periodo'",
        )
    if spec.since is not None:
        frame = frame[frame[column] >= int(spec.since)]
    frame = frame[frame[column] <= ctx.period]
    sums = frame.groupby(column, sort=True)[str(spec.value)].sum()
    text = f"suma de '{spec.value}' por {column} en {origin}"
    points = tuple(
        (int(p), _quantity(spec, float(v), text, period=int(p))) for p, v in sums.items()
    )
    if not points:
        raise IndicatorError(f"la serie no tiene datos ({origin})", hint="complete los datos")
    _check_consecutive(spec.key, [p for p, _ in points])
    return Series(spec.key, points, text)


def _check_consecutive(name: str, periods: list[int]) -> None:
    gaps = [p for a, b in zip(periods, periods[1:]) for p in range(a + 1, b)]
    if gaps:
        raise IndicatorError(
            f"a la serie '{name}' le faltan los periodos " + ", ".join(map(str, gaps)),
            hint="agregue las filas de esos años a los datos",
        )


def _shares(spec: IndicatorSpec, ctx: Context) -> Shares:
    period = ctx.target_period(spec) if ctx.tables[str(spec.source)].period_column else None
    frame, origin = _rows(spec, ctx, period)
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
    period = ctx.target_period(spec) if ctx.tables[str(spec.source)].period_column else None
    frame, origin = _rows(spec, ctx, period)
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
    period = ctx.target_period(spec) if ctx.tables[str(spec.source)].period_column else None
    frame, origin = _rows(spec, ctx, period)
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
    series = ctx.series(spec)
    end_period = ctx.period
    base_period = int(spec.since) if spec.since is not None else end_period - 1
    base, end = series.at(base_period), series.at(end_period)
    value = _change(base.value, end.value)
    if value is None and spec.missing != "nd":
        raise IndicatorError(
            f"no se puede calcular la variación: el valor de {base_period} es cero",
            hint="use otro periodo base, quite esta cifra o escriba 'sin_dato: nd' en el "
            "indicador para publicar «n.d.»",
        )
    origin = f"variación % de {spec.of} entre {base_period} y {end_period}"
    return Quantity(value, "porcentaje", 1.0, spec.key, origin, period=end_period)


def _variations(spec: IndicatorSpec, ctx: Context) -> Series:
    series = ctx.series(spec)
    points = []
    for (p0, q0), (p1, q1) in zip(series.points, series.points[1:]):
        origin = f"variación % de {spec.of} entre {p0} y {p1}"
        points.append((p1, Quantity(_change(q0.value, q1.value), "porcentaje", 1.0,
                                    f"{spec.key}[{p1}]", origin, period=p1)))
    return Series(spec.key, tuple(points), f"variaciones anuales de {spec.of}")


def _growth(spec: IndicatorSpec, ctx: Context) -> Quantity:
    series = ctx.series(spec)
    start = int(spec.since) if spec.since is not None else series.periods[0]
    end = ctx.period
    if end <= start:
        raise IndicatorError(f"'desde' ({start}) debe ser anterior al periodo ({end})")
    first, last = series.at(start), series.at(end)
    if not first.value or first.value <= 0 or last.value is None:
        raise IndicatorError(f"el valor de {start} debe ser positivo para calcular el crecimiento")
    if spec.method == "compuesto":
        value = ((last.value / first.value) ** (1.0 / (end - start)) - 1.0) * 100.0
    else:
        changes = [
            _change(series.at(p).value, series.at(p + 1).value) for p in range(start, end)
        ]
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

