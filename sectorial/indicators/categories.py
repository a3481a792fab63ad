"""Indicators of many parts at once: each category's value, variation, incidence and share.

One declaration over a category column (``por: rama``) gives a table of rows that texts
iterate (``{% for rama in ramas.caidas(3) %}``), tables show and charts draw, instead of a
``serie`` and a ``variacion`` per category.
"""

from __future__ import annotations

from sectorial.errors import IndicatorError
from sectorial.indicators.changes import change
from sectorial.indicators.compute import Context, quantity
from sectorial.indicators.registry import INDICATORS
from sectorial.indicators.spec import (
    AT,
    BY,
    CARRY,
    DATA,
    FILTER,
    VALUE,
    WHOLE_OPTIONAL,
    IndicatorSpec,
)
from sectorial.indicators.values import Categories, Category, Quantity, Series, places
from sectorial.lang.folding import name_key
from sectorial.periods import Period, PeriodSpan

BASE_OF = {None: "anterior", "actual": "anterior", "acumulado": "acumulado_anterior"}


@INDICATORS.register("categorias", keys=(DATA, VALUE, BY, FILTER, AT, WHOLE_OPTIONAL, CARRY),
                     doc="Cada categoría de una columna (`por`) con su valor, su variación "
                     "frente al año anterior, su incidencia en p.p. sobre el total, su "
                     "participación y su puesto: una tabla que los textos recorren "
                     "(`caidas(3)`, `alzas(3)`, `mayores(5)`, `donde(grupo=…)`), los cuadros "
                     "muestran y los gráficos dibujan.")
def categories(spec: IndicatorSpec, ctx: Context) -> Categories:
    if spec.at not in BASE_OF:
        raise IndicatorError(f"'en: {spec.at}': las categorías se comparan con el año anterior",
                             hint="use 'en: actual' (por defecto) o 'en: acumulado'")
    rows, origin, period = ctx.period_rows(spec)
    before_spec = _shifted(spec)
    old_rows, old_origin, old_period = ctx.period_rows(before_spec)
    if rows.empty:
        raise IndicatorError(f"no hay filas ({origin})", hint="revise el filtro y el periodo")
    now = rows.totals(str(spec.by), str(spec.value))
    then = dict(old_rows.totals(str(spec.by), str(spec.value)).pairs)
    whole, whole_before = _whole(spec, ctx, (now.total, sum(then.values())), period)
    facts = _facts(spec, rows)
    text = f"suma de '{spec.value}' por {spec.by} en {origin}"
    old_text = f"suma de '{spec.value}' por {spec.by} en {old_origin}"
    items = []
    ordered = sorted(now.pairs, key=lambda pair: (-pair[1], name_key(str(pair[0]))))  # ties by name
    ranks = places([value for _, value in ordered])  # ties share their place
    for (label, value), rank in zip(ordered, ranks):
        name = str(label)
        before = then.get(label, 0.0)
        items.append(Category(
            name, quantity(spec, value, f"{name}: {text}", period=period),
            quantity(spec, before, f"{name}: {old_text}", period=old_period),
            _rate(spec, change(before, value), "porcentaje", f"variación % de {name}: "
                  f"({name} en {_label(period)} / {name} en {_label(old_period)} − 1) × 100; "
                  f"{_label(period)}: {text}; {_label(old_period)}: {old_text}",
                  period),
            _rate(spec, (value - before) / whole_before * 100 if whole_before else None, "pp",
                  f"incidencia de {name}: ({name} en {_label(period)} − {name} en "
                  f"{_label(old_period)}) / total en {_label(old_period)} × 100; "
                  f"{_label(period)}: {text}; {_label(old_period)}: {old_text}", period),
            _rate(spec, value / whole * 100 if whole else None, "porcentaje",
                  f"participación de {name} en el total de {_label(period)}; {text}", period,
                  share=True),
            rank, tuple(facts.get(name, {}).items())))
    change_of_whole = _rate(spec, change(whole_before, whole), "porcentaje",
                            f"variación % del total de {spec.key}", period)
    return Categories(spec.key, tuple(items), quantity(spec, whole, text, period=period),
                      change_of_whole, text, period,
                      _sum(spec, (now.total, sum(then.values()), whole, whole_before),
                           (text, old_text), (period, old_period)))


def _sum(spec: IndicatorSpec, totals: tuple[float, float, float, float],
         texts: tuple[str, str], periods: tuple) -> Category:
    """The categories added up, as one more category: a table's total row."""
    now, then, whole, whole_before = totals
    period, old_period = periods
    return Category(
        "Total", quantity(spec, now, f"total: {texts[0]}", period=period),
        quantity(spec, then, f"total: {texts[1]}", period=old_period),
        _rate(spec, change(then, now), "porcentaje",
              f"variación % de la suma de {spec.key}; {texts[0]}; antes: {texts[1]}", period),
        _rate(spec, (now - then) / whole_before * 100 if whole_before else None, "pp",
              f"incidencia de la suma de {spec.key} sobre el total; {texts[0]}; antes: "
              f"{texts[1]}", period),
        _rate(spec, now / whole * 100 if whole else None, "porcentaje",
              f"participación de la suma de {spec.key} en el total; {texts[0]}", period,
              share=True),
        0)


def _shifted(spec: IndicatorSpec) -> IndicatorSpec:
    from dataclasses import replace

    return replace(spec, at=BASE_OF[spec.at])  # type: ignore[index]


def _whole(spec: IndicatorSpec, ctx: Context, sums: tuple[float, float],
           period: Period | PeriodSpan | None) -> tuple[float, float]:
    """The whole now and a year before: the series ``total`` names, or the categories'."""
    if spec.whole is None:
        return sums
    series = ctx.resolve(spec.whole)
    if not isinstance(series, Series) or not isinstance(period, Period):
        raise IndicatorError(f"'total: {spec.whole}' debe ser una serie, y el periodo uno solo",
                             hint="indique una serie del total, sin 'en: acumulado'")
    now, then = series.at(period).units, series.at(period.year_before()).units
    return now or 0.0, then or 0.0


def _facts(spec: IndicatorSpec, rows: object) -> dict[str, dict[str, str]]:
    """The carried columns of each category; a category with two values of one is an error."""
    if not spec.carry:
        return {}
    found = rows.facts(str(spec.by), spec.carry)  # type: ignore[attr-defined]
    for label, columns in found.items():
        for column, values in columns.items():
            if len(values) > 1:
                raise IndicatorError(f"la categoría '{label}' tiene varios valores en "
                                     f"'{column}': " + ", ".join(values),
                                     hint="cada categoría debe pertenecer a un solo grupo")
    return {label: {c: v[0] for c, v in columns.items() if v} for label, columns in found.items()}


def _rate(spec: IndicatorSpec, value: float | None, unit: str, origin: str,
          period: Period | PeriodSpan | None, share: bool = False) -> Quantity:
    return Quantity(value, unit, 1.0, spec.key, origin, period=period, share=share)


def _label(period: Period | PeriodSpan | None) -> str:
    return "" if period is None else (period.label() if isinstance(period, PeriodSpan)
                                      else str(period))
