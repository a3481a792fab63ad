"""Indicators computed from other indicators: variations, growth rates, ratios, streaks."""

from __future__ import annotations

from sectorial.errors import IndicatorError
from sectorial.indicators.compute import Context, operands, period_of
from sectorial.indicators.registry import INDICATORS
from sectorial.indicators.spec import (
    AGAINST,
    BASE,
    COUNT,
    DENOMINATOR,
    GROWTH_METHODS,
    METHOD,
    MINUS,
    NUMERATOR,
    OF,
    SINCE,
    WHOLE,
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
    origin = (f"variación % de {spec.of} entre {base_label} y {end_label}"
              + (operands((str(spec.of), end)) if end.origin == base.origin else
                 operands((f"{spec.of} en {end_label}", end),
                          (f"{spec.base} en {base_label}", base))))
    return Quantity(value, "porcentaje", 1.0, spec.key, origin, period=end_period)


def _span_label(period: Period | PeriodSpan | None) -> str:
    if period is None:
        return "sin periodo"
    return period.label() if isinstance(period, PeriodSpan) else str(period)


LEGENDS = {"interanual": "Var. % interanual", "mensual": "Var. % mensual",
           "anual": "Var. % anual"}


@INDICATORS.register("variaciones", keys=(OF, AGAINST),
                     doc="La variación % de cada periodo de una serie: frente al mismo mes "
                     "del año anterior (una serie mensual, por defecto), al mes anterior o "
                     "al año anterior.")
def variations(spec: IndicatorSpec, ctx: Context) -> Series:
    series = ctx.series(spec)
    monthly = bool(series.periods) and series.periods[0].monthly
    base = spec.against or ("interanual" if monthly else "anual")
    if base == "mensual" and not monthly:
        raise IndicatorError("'base: mensual' necesita una serie mensual",
                             hint="use 'base: anual' o una serie de meses")
    if base == "anual" and monthly:  # the month before would be labelled "anual"
        raise IndicatorError("'base: anual' es para una serie anual; en una serie mensual, "
                             "frente al mismo mes del año anterior es 'base: interanual'",
                             hint="use 'base: interanual' o 'base: mensual'")
    by_period = dict(series.points)
    points = []
    for p1, q1 in series.points:
        p0 = p1.year_before() if base == "interanual" else p1 - 1
        if p0 in by_period:
            origin = (f"variación % de {spec.of} entre {p0} y {p1}"
                      + operands((str(spec.of), q1)))
            points.append((p1, Quantity(change(by_period[p0].value, q1.value), "porcentaje",
                                        1.0, f"{spec.key}[{p1}]", origin, period=p1)))
    origin = ((f"variaciones interanuales de {spec.of}" if base == "interanual"
               else f"variaciones de {spec.of} entre periodos seguidos")
              + operands((str(spec.of), series)))
    return Series(spec.key, tuple(points), origin, legend=LEGENDS[base],
                  clipped=series.clipped)


@INDICATORS.register("incidencia", keys=(OF, WHOLE),
                     doc="Cuántos puntos porcentuales aportó una parte al cambio del total: "
                     "(parte − parte un año antes) / total un año antes × 100. Las "
                     "incidencias de las partes suman la variación del total.")
def incidence(spec: IndicatorSpec, ctx: Context) -> Quantity:
    part = ctx.series(spec)
    whole = ctx.resolve(str(spec.whole))
    if not isinstance(whole, Series):
        raise IndicatorError(f"'total: {spec.whole}' debe ser un indicador de tipo 'serie'")
    end = ctx.period
    base = end.year_before()
    before = whole.at(base).units
    if not before:
        if spec.missing == "nd":
            return Quantity(None, "pp", 1.0, spec.key, "total cero: n.d.", period=end)
        raise IndicatorError(f"el total '{spec.whole}' es cero en {base}: no hay incidencia",
                             hint="escriba 'sin_dato: nd' en el indicador para publicar «n.d.»")
    now, then = part.at(end).units, part.at(base).units
    value = ((now or 0.0) - (then or 0.0)) / before * 100.0
    origin = (f"({spec.of} en {end} − {spec.of} en {base}) / {spec.whole} en {base} × 100; "
              f"{spec.of}: {part.origin}; {spec.whole}: {whole.origin}")
    return Quantity(value, "pp", 1.0, spec.key, origin, period=end)


@INDICATORS.register("diferencia", keys=(OF, MINUS),
                     doc="Un valor menos otro: en sus unidades, o en puntos porcentuales si "
                     "ambos son porcentajes.")
def difference(spec: IndicatorSpec, ctx: Context) -> Quantity:
    why = "(un total, una variación, una razón…)"
    first, second = ctx.quantity(str(spec.of), why), ctx.quantity(str(spec.minus), why)
    percent = first.unit in ("porcentaje", "pp") and second.unit in ("porcentaje", "pp")
    if not percent and first.unit != second.unit:
        raise IndicatorError(f"'{spec.of}' está en {first.unit} y '{spec.minus}' en "
                             f"{second.unit}: no se restan", hint="reste cifras de una unidad")
    if first.value is None or second.value is None:
        return Quantity(None, "pp" if percent else first.unit, 1.0, spec.key,
                        "una de las cifras no está disponible: n.d.", period=first.period)
    value = (first.value - second.value) if percent else (first.units - second.units)  # type: ignore[operator]
    origin = (f"{spec.of} − {spec.minus}; {spec.of}: {first.origin}; {spec.minus}: "
              f"{second.origin}")
    return Quantity(value, "pp" if percent else first.unit, 1.0, spec.key, origin,
                    period=first.period)


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
    origin = (f"{GROWTH_METHODS[spec.method]} de {spec.of}, {start}-{end}"
              + operands((str(spec.of), last)))
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
    origin = (f"{spec.numerator} / {spec.denominator} × 100"
              + operands((str(spec.numerator), top), (str(spec.denominator), bottom)))
    return Quantity(value, "porcentaje", 1.0, spec.key, origin, period=ctx.period,
                    share=0 <= value <= 100)


@INDICATORS.register("racha", keys=(OF, COUNT),
                     doc="Cuántos periodos seguidos, hasta el del informe, la serie cambió en "
                     "el mismo sentido (o, con `cuenta: signos`, una serie de variaciones "
                     "tuvo el mismo signo).")
def streak(spec: IndicatorSpec, ctx: Context) -> Quantity:
    """Return how many periods in a row, up to the brief's, changed in the same direction."""
    series = ctx.series(spec)
    values = [q.value for q in series]
    steps = values if spec.count == "signos" else [change(a, b)
                                                   for a, b in zip(values, values[1:])]
    if not steps or steps[-1] in (None, 0):
        raise IndicatorError(f"'{spec.of}' no cambia en el último periodo: no hay racha",
                             hint="quite esta cifra o use otro periodo")
    rising = steps[-1] > 0  # type: ignore[operator]
    count = 0
    for step in reversed(steps):
        if step is None or step == 0 or (step > 0) != rising:
            break
        count += 1
    if count == len(steps) and series.clipped:
        raise IndicatorError(
            f"la racha llega al primer periodo de '{spec.of}' ({series.periods[0]}), que no "
            "empieza donde empiezan los datos: podría ser más larga y la cifra sería falsa",
            hint="calcule la racha sobre una serie sin 'ultimos' ni 'desde'")
    direction = "alzas" if rising else "caídas"
    origin = (f"{direction} consecutivas de {spec.of} hasta {series.periods[-1]}"
              + operands((str(spec.of), series)))
    partial = count == len(steps)  # back to the first period of the data: maybe longer
    if partial:
        origin += f"; llega al primer periodo de los datos ({series.periods[0]})"
    return Quantity(float(count), "numero", 1.0, spec.key, origin, period=series.periods[-1],
                    partial=partial)
