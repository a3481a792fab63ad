"""The words a chart prints: the labels of its values, the number format a reader that
recomputes them (a Word chart) may use, and the chart's alternative text."""

from __future__ import annotations

import math
from dataclasses import replace

from sectorial.doc.model import Chart, ChartSeries, NumberFormat
from sectorial.lang.numbers import NumberStyle, format_nonzero, format_number, format_signed
from sectorial.lang.phrases import join_list


def value_label(value: float, decimals: int, numbers: NumberStyle, signed: bool) -> str:
    """A value's label: a variation with its sign ("+2.0"); an amount never a false zero
    (a bar of US$ 15 thousand in millions is "<0.1", as in its table)."""
    if signed:
        return format_signed(value, decimals, style=numbers)
    return format_nonzero(value, decimals, style=numbers)


def label_format(decimals: int, numbers: NumberStyle, signed: bool = False,
                 suffix: str = "") -> NumberFormat:
    """How a chart's own number format prints its labels, in the brief's number style."""
    return NumberFormat(decimals, numbers.group, numbers.decimal, signed, suffix)


def faithful_format(values: tuple[float, ...], labels: tuple[str, ...], decimals: int,
                    numbers: NumberStyle, signed: bool = False) -> NumberFormat | None:
    """The number format of these labels, if it prints each of them as it is: not when a
    label says how small its value is ("<0.1"), which a number format would print as 0."""
    if signed:
        return label_format(decimals, numbers, True)
    plain = all(label in ("", format_number(value, decimals, style=numbers))
                for value, label in zip(values, labels) if not math.isnan(value))
    return label_format(decimals, numbers) if plain else None


def values_series(name: str, values: tuple[float, ...], decimals: int,
                  numbers: NumberStyle, signed: bool = False) -> ChartSeries:
    """A series labelled with its own values (with their sign, ``signed``), and the format
    that prints them so."""
    labels = tuple(value_label(v, decimals, numbers, signed) for v in values)
    return ChartSeries(name, values, labels,
                       number_format=faithful_format(values, labels, decimals, numbers,
                                                     signed))


def with_alt_text(chart: Chart, words: str, timeline: bool) -> Chart:
    """Describe the chart in words: what it is, what it shows first (the trend of a
    ``timeline``, the leader of a ranking), then every label."""
    first = chart.series[0]
    pairs = [f"{c}: {v}" for c, v in zip(chart.categories, first.labels)]
    gist = _trend(chart) if timeline else _leader(chart)
    text = f"{words}. {chart.title} {chart.subtitle}. " + (gist + " " if gist else "") + \
        join_list(pairs) + "."
    if len(chart.series) > 1:
        second = chart.series[1]
        pairs = [f"{c}: {v}" for c, v in zip(chart.categories, second.labels) if v]
        text += f" {second.name}: " + join_list(pairs) + "."
    if chart.center_label:
        text += f" Total: {chart.center_label}."
    return replace(chart, alt_text=text)


def _points(chart: Chart) -> list[tuple[str, float, str]]:
    series = chart.series[0]
    return [(c, v, label) for c, v, label in zip(chart.categories, series.values,
                                                  series.labels)
            if label and not math.isnan(v)]


def _trend(chart: Chart) -> str:
    """The trend of a timeline: «De 2019 a 2024 sube de 14,645 a 17,224»."""
    points = _points(chart)
    if len(points) < 2:
        return ""
    (start, low, first), (end, high, last) = points[0], points[-1]
    if first == last:
        text = f"De {start} a {end} se mantiene en {first}"
    else:
        text = f"De {start} a {end} {'sube' if high > low else 'baja'} de {first} a {last}"
    top = max(points, key=lambda point: point[1])
    if top[2] not in (first, last):
        text += f"; su mayor valor es {top[2]}, en {top[0]}"
    return text + "."


def _leader(chart: Chart) -> str:
    """The first of a ranking, whose order puts it first (and any remainder last): none
    when two share the top or when there is a single one."""
    points = _points(chart)
    if len(points) < 2 or points[0][1] < max(v for _, v, _ in points) or \
            points[0][2] == points[1][2]:
        return ""
    name, value, label = points[0]
    if chart.kind == "diverging":
        name_low, value_low, label_low = points[-1]
        text = f"La mayor alza es la de {name}, con {label}" if value > 0 else ""
        if value_low < 0:
            fall = f"la mayor caída, la de {name_low}, con {label_low}"
            text = f"{text}; {fall}" if text else fall[0].upper() + fall[1:]
        return text + "." if text else ""
    if chart.kind == "donut":
        return f"La mayor parte, {label}, corresponde a {name}."
    return f"Encabeza {name}, con {label}."
