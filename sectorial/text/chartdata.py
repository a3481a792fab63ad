"""Turn chart specs and indicators into model charts, with labels already formatted."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sectorial.brief.schema import ChartSpec, TableSpec
from sectorial.doc.model import Chart, ChartKind, ChartSeries, Table
from sectorial.errors import Location, TemplateError
from sectorial.indicators.values import Indicator, Quantity, Series, Shares
from sectorial.lang.numbers import NumberStyle, format_number, format_percent
from sectorial.lang.phrases import join_list

KINDS: dict[str, ChartKind] = {
    "columnas": "columns",
    "columnas_variacion": "columns_line",
    "dona": "donut",
    "barras": "hbars",
    "lineas": "lines",
}
KIND_WORDS = {
    "columns": "Gráfico de columnas",
    "columns_line": "Gráfico de columnas con línea de variación",
    "donut": "Gráfico de dona",
    "hbars": "Gráfico de barras horizontales",
    "lines": "Gráfico de líneas",
}
DIVISORS = {None: 1.0, "mil": 1e3, "millones": 1e6}


def build_chart(
    spec: ChartSpec, key: str, title: str, unit: str, center: str,
    indicators: dict[str, Indicator], numbers: NumberStyle, highlight_label: str | None = None,
) -> Chart:
    """Return the model chart for ``spec``; values scaled, labels formatted."""
    data = indicators[spec.data]
    kind = KINDS[spec.kind]
    divisor = DIVISORS[spec.scale]

    def label(value: float) -> str:
        return format_number(value, spec.decimals, style=numbers)

    if isinstance(data, Series):
        if kind in ("donut",):
            raise _wrong(spec, "una dona necesita un indicador de tipo 'participaciones'")
        categories = tuple(p.short() for p in data.periods)
        values = tuple(_units(q) / divisor for q in data)
        # "(Miles de trabajadores; Var. % anual)": the columns are the part before ";".
        name = unit.strip("()").split(";")[0].strip() or data.name
        series = [ChartSeries(name, values, tuple(map(label, values)))]
        if spec.variation:
            series.append(_variation_series(spec, data, indicators, numbers))
        highlight = _highlight(spec.highlight, len(categories))
        if highlight_label is not None:
            highlight = tuple(i for i, p in enumerate(data.periods)
                              if highlight_label in (str(p), p.label(), p.short()))
    elif isinstance(data, Shares):
        if kind in ("columns_line", "lines"):
            raise _wrong(spec, f"un gráfico '{spec.kind}' necesita un indicador de tipo 'serie'")
        categories, values, percents = _parts(data, spec.limit, spec.rest_label)
        values = tuple(v / divisor for v in values)
        labels = tuple(
            _share_label(spec.show, label(v), format_percent(p, data.decimals, style=numbers))
            for v, p in zip(values, percents)
        )
        series = [ChartSeries(unit.strip("()") or data.name, values, labels)]
        highlight = (0,) if spec.highlight == "primero" else ()
        if highlight_label is not None:
            highlight = tuple(i for i, c in enumerate(categories) if c == highlight_label)
    else:
        raise _wrong(spec, "los gráficos dibujan series o participaciones, no un valor suelto")
    chart = Chart(
        key=key, kind=kind, title=title, subtitle=unit, categories=categories,
        series=tuple(series), alt_text="", highlight=highlight, center_label=center,
        docx_form=spec.docx,
    )
    return _with_alt_text(chart)


def _units(q: Quantity) -> float:
    return 0.0 if q.units is None else q.units


def _highlight(rule: str, count: int) -> tuple[int, ...]:
    return {"ultimo": (count - 1,), "primero": (0,)}.get(rule, ()) if count else ()


def _variation_series(
    spec: ChartSpec, data: Series, indicators: dict[str, Indicator], numbers: NumberStyle
) -> ChartSeries:
    variation = indicators[str(spec.variation)]
    if not isinstance(variation, Series):
        raise _wrong(spec, "'variacion' debe ser un indicador de tipo 'variaciones'")
    by_period = dict(variation.points)
    values, labels = [], []
    for period in data.periods:
        q = by_period.get(period)
        if q is None or q.value is None:
            values.append(float("nan"))
            labels.append("")
        else:
            values.append(q.value)
            labels.append(format_number(q.value, 1, style=numbers))
    return ChartSeries("Var. % anual", tuple(values), tuple(labels), axis="secondary")


def _parts(
    data: Shares, limit: int | None, rest_label: str
) -> tuple[tuple[str, ...], tuple[float, ...], tuple[Decimal, ...]]:
    """Return categories, values and rounded shares, the tail beyond ``limit`` grouped."""
    items = [s for s in data.items if s.amount.value]
    shown = items if not limit or len(items) <= limit else items[: limit - 1]
    rest = items[len(shown):]
    categories = [s.label for s in shown]
    values = [_units(s.amount) for s in shown]
    percents = [Decimal(repr(s.percent.value)) for s in shown]
    if rest:
        categories.append(rest_label)
        values.append(sum(_units(s.amount) for s in rest))
        percents.append(sum((Decimal(repr(s.percent.value)) for s in rest), Decimal(0)))
    return tuple(categories), tuple(values), tuple(percents)


def _share_label(show: str, value: str, share: str) -> str:
    return {"valor": value, "participacion": share}.get(show, f"{value} ({share})")


def _with_alt_text(chart: Chart) -> Chart:
    """Describe the chart in words from its title and its labels."""
    first = chart.series[0]
    pairs = [f"{c}: {v}" for c, v in zip(chart.categories, first.labels)]
    text = f"{KIND_WORDS[chart.kind]}. {chart.title} {chart.subtitle}. " + join_list(pairs) + "."
    if len(chart.series) > 1:
        second = chart.series[1]
        pairs = [f"{c}: {v}" for c, v in zip(chart.categories, second.labels) if v]
        text += f" {second.name}: " + join_list(pairs) + "."
    if chart.center_label:
        text += f" Total: {chart.center_label}."
    return replace(chart, alt_text=text)


def _wrong(spec: ChartSpec, message: str) -> TemplateError:
    return TemplateError(message, Location(spec.title.file, line=spec.line, field="graficos"),
                         "cambie 'tipo' o 'datos' del gráfico")


def build_table(
    spec: TableSpec, title: str, unit: str, indicators: dict[str, Indicator],
    numbers: NumberStyle,
) -> Table:
    """Return the model table of the parts of a whole, every cell formatted."""
    data = indicators[spec.data]
    if not isinstance(data, Shares):
        raise TemplateError(
            "una tabla necesita un indicador de tipo 'participaciones'",
            Location(spec.title.file, line=spec.line, field="tabla.datos"),
            "indique en 'datos' un indicador de participaciones",
        )
    categories, values, percents = _parts(data, spec.limit, spec.rest_label)
    divisor = DIVISORS[spec.scale]
    with_share = len(spec.header) == 3
    rows = tuple(
        (label, format_number(value / divisor, spec.decimals, style=numbers))
        + ((format_percent(share, data.decimals, style=numbers),) if with_share else ())
        for label, value, share in zip(categories, values, percents)
    )
    numeric = (False, True, True)[: len(spec.header)]
    return Table(title, unit, spec.header, rows, numeric)
