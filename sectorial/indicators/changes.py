"""Indicators computed from other indicators: variations, growth rates, ratios, streaks."""

from __future__ import annotations

from sectorial.errors import IndicatorError
from sectorial.indicators.compute import Context, period_of
from sectorial.indicators.registry import INDICATORS
from sectorial.indicators.spec import (
    BASE,
    DENOMINATOR,
    GROWTH_METHODS,
    METHOD,
    NUMERATOR,
    OF,
    SINCE,
    IndicatorSpec,
)
from sectorial.indicators.values import Quantity, Series
from sectorial.periods import Period, PeriodSpan


def change(base: float | None, end: float | None) -> float | None:
    """The percent change from ``base`` to ``end`` (None from zero or without a value)."""
    if base is None or end is None or base == 0:
        return None
    return (end / base - 1.0) * 100.0


@INDICATORS.register("variacion", keys=(OF, SINCE, BASE),
                     doc="La variación % de una serie frente al mismo periodo del año "
                     "anterior (o `desde` un periodo), o de un valor `frente_a` otro.")
def variation(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Percent change of a series between two periods, or between two values (``frente_a``).

    By default the base is the same period a year before: the previous year of an annual
    brief, the same month of the previous year (interannual) of a monthly one.
    """
    if spec.base is not None:
        why = "(tipo 'total') para usar 'frente_a'"
        end, base = ctx.quantity(str(spec.of), why), ctx.quantity(spec.base, why)
        base_label, end_label = _span_label(base.period), _span_label(end.period)
        end_period = end.period
    else:
        series = ctx.series(spec)
        end_period = ctx.period
        base_period = (period_of(spec.since, spec, "desde") if spec.since is not None
                       else end_period.year_before())
        base, end = series.at(base_period), series.at(end_period)
        base_label, end_label = str(base_period), str(end_period)
    value = change(base.value, end.value)
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


@INDICATORS.register("variaciones", keys=(OF,),
                     doc="La variación % de cada periodo de una serie frente al anterior.")
def variations(spec: IndicatorSpec, ctx: Context) -> Series:
    series = ctx.series(spec)
    points = []
    for (p0, q0), (p1, q1) in zip(series.points, series.points[1:]):
        origin = f"variación % de {spec.of} entre {p0} y {p1}"
        points.append((p1, Quantity(change(q0.value, q1.value), "porcentaje", 1.0,
                                    f"{spec.key}[{p1}]", origin, period=p1)))
    return Series(spec.key, tuple(points), f"variaciones de {spec.of} entre periodos seguidos")


@INDICATORS.register("crecimiento_promedio", keys=(OF, METHOD, SINCE),
                     doc="El crecimiento promedio anual de una serie anual, con el `metodo` "
                     "dicho.")
def growth(spec: IndicatorSpec, ctx: Context) -> Quantity:
    series = ctx.series(spec)
    end = ctx.period
    if end.monthly:
        raise IndicatorError("el crecimiento promedio anual necesita una serie anual",
                             hint="use 'variacion' para comparar meses")
    start = period_of(spec.since, spec, "desde") if spec.since is not None else series.periods[0]
    if end <= start:
        raise IndicatorError(f"'desde' ({start}) debe ser anterior al periodo ({end})")
    first, last = series.at(start), series.at(end)
    if not first.value or first.value <= 0 or last.value is None:
        raise IndicatorError(f"el valor de {start} debe ser positivo para calcular el crecimiento")
    years = int(end - start)
    if spec.method == "compuesto":
        value = ((last.value / first.value) ** (1.0 / years) - 1.0) * 100.0
    else:
        changes = [change(series.at(p).value, series.at(p + 1).value)
                   for p in start.through(end - 1)]  # type: ignore[arg-type]
        if any(c is None for c in changes):
            raise IndicatorError("una variación anual parte de cero; use el método 'compuesto'")
        value = sum(changes) / len(changes)  # type: ignore[arg-type]
    origin = f"{GROWTH_METHODS[spec.method]} de {spec.of}, {start}-{end}"
    return Quantity(value, "porcentaje", 1.0, spec.key, origin,
                    method=GROWTH_METHODS[spec.method], period=end)


@INDICATORS.register("razon", keys=(NUMERATOR, DENOMINATOR),
                     doc="Un valor como porcentaje de otro (numerador / denominador × 100).")
def ratio(spec: IndicatorSpec, ctx: Context) -> Quantity:
    why = "(tipo 'total' o 'razon')"
    top = ctx.quantity(str(spec.numerator), why)
    bottom = ctx.quantity(str(spec.denominator), why)
    if not bottom.units:
        if spec.missing == "nd":
            return Quantity(None, "porcentaje", 1.0, spec.key, "denominador cero: n.d.")
        raise IndicatorError(f"el denominador '{spec.denominator}' es cero",
                             hint="escriba 'sin_dato: nd' en el indicador para publicar «n.d.»")
    value = top.units / bottom.units * 100.0  # type: ignore[operator]
    origin = f"{spec.numerator} / {spec.denominator} × 100"
    return Quantity(value, "porcentaje", 1.0, spec.key, origin, period=ctx.period)


@INDICATORS.register("racha", keys=(OF,),
                     doc="Cuántos periodos seguidos, hasta el del informe, la serie cambió en "
                     "el mismo sentido.")
def streak(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Return how many periods in a row, up to the brief's, changed in the same direction."""
    series = ctx.series(spec)
    values = [q.value for q in series]
    changes = [change(a, b) for a, b in zip(values, values[1:])]
    if not changes or changes[-1] in (None, 0):
        raise IndicatorError(f"'{spec.of}' no cambia en el último periodo: no hay racha",
                             hint="quite esta cifra o use otro periodo")
    rising = changes[-1] > 0  # type: ignore[operator]
    count = 0
    for step in reversed(changes):
        if step is None or step == 0 or (step > 0) != rising:
            break
        count += 1
    direction = "alzas" if rising else "caídas"
    origin = f"{direction} consecutivas de {spec.of} hasta {series.periods[-1]}"
    return Quantity(float(count), "numero", 1.0, spec.key, origin, period=series.periods[-1])
