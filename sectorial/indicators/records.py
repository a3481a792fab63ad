"""Indicators of a figure's standing: its weighted contribution to an index, and its place
in the history of its series ("la cifra más alta de su historia")."""

from __future__ import annotations

from sectorial.errors import IndicatorError
from sectorial.indicators.compute import Context, operands
from sectorial.indicators.registry import INDICATORS
from sectorial.indicators.spec import OF, WEIGHT, IndicatorSpec
from sectorial.indicators.values import Quantity


@INDICATORS.register("contribucion", keys=(OF, WEIGHT),
                     doc="Cuántos puntos porcentuales aporta una parte a un índice "
                     "ponderado: peso (%) × variación (%) / 100. Los aportes de las partes "
                     "suman el crecimiento del índice; los pesos suman 100 o menos.")
def contribution(spec: IndicatorSpec, ctx: Context) -> Quantity:
    variation = ctx.quantity(str(spec.of), "(una variación %)")
    if variation.unit != "porcentaje":
        raise IndicatorError(f"'de: {spec.of}' debe ser una variación en %",
                             hint="indique en 'de' un indicador de tipo 'variacion'")
    weight, said = _weight(spec, ctx)
    if not 0 < weight <= 100:
        raise IndicatorError(f"el peso de '{spec.key}' es {weight:g}: debe estar entre 0 y 100",
                             hint="escriba el peso en % del índice, por ejemplo 12.5")
    value = None if variation.value is None else weight * variation.value / 100.0
    origin = (f"peso × variación / 100: {said} × {spec.of} / 100; {spec.of}: "
              f"{variation.origin}")
    return Quantity(value, "pp", 1.0, spec.key, origin, period=variation.period)


def _weight(spec: IndicatorSpec, ctx: Context) -> tuple[float, str]:
    """The weight and how the origin names it: declared in the brief, or an indicator."""
    if isinstance(spec.weight, bool) or spec.weight is None:
        raise IndicatorError("'peso' debe ser un número o el nombre de un indicador")
    if isinstance(spec.weight, (int, float)):
        return float(spec.weight), f"peso declarado {spec.weight:g} ({spec.file}, línea " \
                                   f"{spec.line})"
    found = ctx.quantity(spec.weight, "(el peso en %)")
    if found.value is None:
        raise IndicatorError(f"el peso '{spec.weight}' no tiene valor")
    return found.value, f"{spec.weight} ({found.origin})"


@INDICATORS.register("record", keys=(OF,),
                     doc="El lugar del valor del periodo entre todos los de su serie, de "
                     "mayor a menor (1: la cifra más alta de su historia); la serie debe "
                     "empezar donde empiezan los datos.")
def record(spec: IndicatorSpec, ctx: Context) -> Quantity:
    series = ctx.series(spec)
    if series.clipped:
        raise IndicatorError(
            f"'{spec.of}' no empieza donde empiezan los datos: su historia está incompleta y "
            "«la cifra más alta» podría ser falsa",
            hint="calcule el récord sobre una serie sin 'ultimos' ni 'desde'")
    values = [q.value for q in series if q.value is not None]
    now = series.at(ctx.period).value
    if now is None or not values:
        raise IndicatorError(f"'{spec.of}' no tiene valor en {ctx.period}")
    place = 1 + sum(1 for v in values if v > now)
    origin = (f"lugar de {ctx.period} entre los {len(values)} periodos de {spec.of} "
              f"({series.periods[0]} a {series.periods[-1]}), de mayor a menor"
              + operands((str(spec.of), series)))
    return Quantity(float(place), "numero", 1.0, spec.key, origin, period=ctx.period)
