"""Numbers that read without error and are still wrong: checks of a number column as a whole.

A sheet edited by hand brings a figure typed with the other convention's marks
(``581.369`` for 581 369 in a file whose decimal mark is the point: it reads as 581.369,
a thousand times smaller than the rest of its series), a figure in units among figures in
millions, or a share over 100. Each reads as a valid number cell by cell; each would print
a wrong figure. They are found by comparing a value with the others of its series (the
rows that share every text column: one region, one product) and with what its column's
name says it holds.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left

from sectorial.data.spec import SourceSpec
from sectorial.errors import DataError, Location, SectorialError
from sectorial.lang.numbers import NumberStyle, format_number
from sectorial.lang.phrases import fold
from sectorial.lang.reading import NumberParseError, parse_number

LARGEST = 10.0 ** 15
"""No economic figure a brief prints comes near it: beyond, a cell is a typing error."""
SHARE_WORDS = frozenset({"participacion", "part", "porcentaje", "proporcion", "pct"})
"""Words of a column name that say it holds a share of a whole: from 0 to 100."""
CHANGE_WORDS = frozenset({"variacion", "var", "crecimiento", "tasa", "contribucion",
                          "incidencia", "cambio"})
"""Words that make it a change instead ("porcentaje_variacion" may pass 100)."""
MARK_ORDERS = 2.0
"""Orders of ten by which the other reading must fit the series better to be refused."""
JUMP_ORDERS = 5
"""Orders of ten above the rest of its series at which a value is refused as a slip."""
LEAST_OTHERS = 3
"""Values a series needs, besides the one compared, for its magnitude to say anything."""
_ONE_MARK = re.compile(r"\(?-?[1-9]\d{0,2}[.,]\d{3}\)?")


def check_plausible(spec: SourceSpec, texts: dict[str, list[str]],
                    typed: dict[str, list], rows: list[int]) -> list[SectorialError]:
    """Errors for the number cells of ``typed`` (read from ``texts``) that cannot be right.
    A source that declares ``atipicos: permitir`` keeps only the absolute bounds."""
    if not spec.figures:
        return []
    keys = [c for c, kind in spec.columns.items() if kind == "texto"]
    series = list(zip(*(typed[c] for c in keys))) if keys else [()] * len(rows)
    errors: list[SectorialError] = []
    for column, kind in spec.columns.items():
        if kind in ("decimal", "entero", "conteo") and column in typed:
            errors += _column(spec, column, texts[column], typed[column], rows, series)
    return errors


def _column(spec: SourceSpec, column: str, texts: list[str], values: list,
            rows: list[int], series: list[tuple]) -> list[SectorialError]:
    def at(offset: int) -> Location:
        return Location(str(spec.path), sheet=spec.sheet, row=rows[offset], column=column)

    errors: list[SectorialError] = []
    words = set(re.split(r"[^a-z0-9]+", fold(column)))
    share = bool(words & SHARE_WORDS) and not words & CHANGE_WORDS
    for offset, value in enumerate(values):
        if value is None:
            continue
        if abs(value) > LARGEST:
            errors.append(DataError(
                f"'{texts[offset].strip()}' no es una cifra posible: pasa de 10^15", at(offset),
                "corrija el dato: parece un error de tipeo, o una celda con otra cosa "
                "(un código, una fecha)"))
        elif share and value > 100:
            errors.append(DataError(
                f"'{texts[offset].strip()}' en la columna '{column}', que es una "
                "participación: ninguna parte pasa del 100% de su todo", at(offset),
                "corrija el dato, o cambie el nombre de la columna si no es una participación"))
    if errors or spec.outliers:
        return errors
    groups: dict[tuple, list[int]] = {}
    for offset, key in enumerate(series):
        if values[offset] is not None:
            groups.setdefault(key, []).append(offset)
    for offsets in groups.values():
        errors += _marks(spec, texts, values, offsets, at)
        errors += _jumps(column, texts, values, offsets, at)
    return errors


def _orders_without(orders: list[float], own: float) -> float | None:
    """The median of the sorted ``orders`` of ten of a series with one ``own`` left out
    (None when fewer than LEAST_OTHERS remain): each value of a long series is compared
    with the others without sorting them again."""
    count = len(orders) - 1
    if count < LEAST_OTHERS:
        return None
    gone = bisect_left(orders, own)

    def at(index: int) -> float:  # the index-th of the others
        return orders[index if index < gone else index + 1]

    middle = count // 2
    return at(middle) if count % 2 else (at(middle - 1) + at(middle)) / 2


def _other_reading(text: str, style: NumberStyle) -> float | None:
    """What a cell with one mark and three digits after it reads as with the marks
    swapped ("581.369" → 581369), or None when its shape is not ambiguous."""
    text = text.strip()
    if not _ONE_MARK.fullmatch(text):
        return None
    try:
        return float(parse_number(text, style=NumberStyle(group=style.decimal,
                                                          decimal=style.group)))
    except NumberParseError:
        return None


def _marks(spec: SourceSpec, texts: list[str], values: list, offsets: list[int],
           at) -> list[SectorialError]:
    """A value whose marks fit the other convention: the series has no other number with
    three digits after the mark, and the other reading sits where the series' values do."""
    others = {o: _other_reading(texts[o], spec.numbers) for o in offsets}
    ambiguous = {o for o, alt in others.items() if alt is not None and alt != values[o]}
    if not ambiguous:
        return []
    plain = [o for o in offsets if o not in ambiguous]
    decimals = re.compile(re.escape(spec.numbers.decimal) + r"\d{3}\)?$")
    if any(decimals.search(texts[o].strip()) for o in plain):
        return []  # the series writes three decimals: they are decimals
    orders = sorted(math.log10(abs(values[o])) for o in offsets if values[o])
    errors: list[SectorialError] = []
    for o in sorted(ambiguous):
        value, alt = values[o], others[o]
        if not value or not alt:
            continue
        typical = _orders_without(orders, math.log10(abs(value)))  # the others, as read
        if typical is None:
            continue
        as_read = abs(math.log10(abs(value)) - typical)
        as_other = abs(math.log10(abs(alt)) - typical)
        if as_other + MARK_ORDERS <= as_read:
            errors.append(_misread(spec, texts[o].strip(), value, alt, at(o)))
    return errors


def _misread(spec: SourceSpec, text: str, value: float, alt: float,
             where: Location) -> DataError:
    """The error of a figure that reads as ``value`` and fits its series as ``alt``."""
    marks = spec.numbers
    decimal_read = abs(value) < abs(alt)  # "581.369" read with a decimal point
    mark = marks.decimal if decimal_read else marks.group
    role, meant = ("el decimal", "de miles") if decimal_read else ("el separador de miles",
                                                                  "decimal")
    shown = format_number(alt, 0 if decimal_read else 3, style=marks)
    read = format_number(value, 3 if decimal_read else 0, style=marks)
    return DataError(
        f"'{text}' se lee como {read} ('{mark}' es {role} del archivo), pero el resto de su "
        f"serie está cerca de {shown}: parece escrito con '{mark}' {meant}", where,
        f"escriba la cifra como las demás ({shown}); si de verdad vale {read}, escríbala con "
        "otro número de decimales, o declare en la fuente 'atipicos: permitir'")


def _jumps(column: str, texts: list[str], values: list, offsets: list[int],
           at) -> list[SectorialError]:
    """The largest value of a series when it is orders of ten above all the others (a
    figure in units among figures in millions)."""
    sizes = sorted((abs(values[o]), o) for o in offsets if values[o])
    if len(sizes) <= LEAST_OTHERS:
        return []
    (largest, o), (second, _) = sizes[-1], sizes[-2]
    if math.log10(largest) - math.log10(second) < JUMP_ORDERS:
        return []
    return [DataError(
        f"'{texts[o].strip()}' es más de {format_number(10 ** JUMP_ORDERS, 0)} veces la mayor "
        f"de las demás cifras de su serie en la columna '{column}'", at(o),
        "revise la unidad del dato (¿en unidades donde las demás están en millones?) y "
        "corríjalo en el archivo; si es correcto, declare en la fuente 'atipicos: permitir'")]
