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


def with_alt_text(chart: Chart, words: str) -> Chart:
    """Describe the chart in words from its title and its labels."""
    first = chart.series[0]
    pairs = [f"{c}: {v}" for c, v in zip(chart.categories, first.labels)]
    text = f"{words}. {chart.title} {chart.subtitle}. " + join_list(pairs) + "."
    if len(chart.series) > 1:
        second = chart.series[1]
        pairs = [f"{c}: {v}" for c, v in zip(chart.categories, second.labels) if v]
        text += f" {second.name}: " + join_list(pairs) + "."
    if chart.center_label:
        text += f" Total: {chart.center_label}."
    return replace(chart, alt_text=text)
