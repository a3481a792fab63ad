"""The words a chart prints: the labels of its values, the number format a reader that
recomputes them (a Word chart) may use, and the chart's alternative text."""

from __future__ import annotations

import math
from dataclasses import replace

from sectorial.doc.model import Chart, ChartSeries, NumberFormat
from sectorial.lang.folding import name_key
from sectorial.lang.numbers import (
    NumberStyle,
    format_nonzero,
    format_number,
    format_signed,
    round_half_up,
)
from sectorial.lang.phrases import join_list
from sectorial.lang.shares import LEFTOVER_WORDS


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
    label says how small its value is ("<0.1"), which a number format would print as 0,
    nor when a value that is not zero rounds to zero (Excel's format picks its section by
    the value's sign: "+0.0" or "-0.0" where the PDF prints "0.0")."""
    write = format_signed if signed else format_number
    shown = [(value, label) for value, label in zip(values, labels) if not math.isnan(value)]
    plain = all(label in ("", write(value, decimals, style=numbers)) for value, label in shown)
    if any(value and round_half_up(value, decimals) == 0 for value, _ in shown):
        return None
    return label_format(decimals, numbers, signed) if plain else None


def values_series(name: str, values: tuple[float, ...], decimals: int,
                  numbers: NumberStyle, signed: bool = False) -> ChartSeries:
    """A series labelled with its own values (with their sign, ``signed``), and the format
    that prints them so."""
    labels = tuple(value_label(v, decimals, numbers, signed) for v in values)
    return ChartSeries(name, values, labels,
                       number_format=faithful_format(values, labels, decimals, numbers,
                                                     signed))


def with_alt_text(chart: Chart, words: str, timeline: bool,
                  rest: frozenset[str] = frozenset()) -> Chart:
    """Describe the chart in words: what it is, what it shows first (the trend of a
    ``timeline``, the leader of a ranking, never one of the ``rest``), then every label."""
    first = chart.series[0]
    pairs = [f"{c}: {v}" for c, v in zip(chart.categories, first.labels) if v]
    gist = _trend(chart) if timeline else _leader(chart, rest)
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


def _leader(chart: Chart, rest: frozenset[str]) -> str:
    """The first of a ranking: the largest value, when it is not what is left («Otros»,
    the chart's ``rest``) and no other part shares it; none for a single part."""
    points = _points(chart)
    named = [p for p in points if p[0] not in rest and name_key(p[0]) not in LEFTOVER_WORDS]
    if len(points) < 2 or not named:
        return ""
    if chart.kind == "diverging":
        rise, fall = max(named, key=lambda p: p[1]), min(named, key=lambda p: p[1])
        text = f"La mayor alza es la de {rise[0]}, con {rise[2]}" if rise[1] > 0 else ""
        if fall[1] < 0:
            words = f"la mayor caída, la de {fall[0]}, con {fall[2]}"
            text = f"{text}; {words}" if text else words[0].upper() + words[1:]
        return text + "." if text else ""
    name, value, label = max(named, key=lambda p: p[1])
    if value < max(p[1] for p in points) or [p[2] for p in named].count(label) > 1:
        return ""  # what is left is larger, or two share the top
    if chart.kind == "donut":
        return f"La mayor participación ({label}) corresponde a {name}."
    return f"Encabeza {name}, con {label}."
