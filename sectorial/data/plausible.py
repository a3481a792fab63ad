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
from statistics import median

from sectorial.data.spec import SourceSpec
from sectorial.errors import DataError, Location, SectorialError
from sectorial.lang.numbers import NumberParseError, NumberStyle, format_number, parse_number
from sectorial.lang.phrases import fold

LARGEST = 10.0 ** 15
"""No economic figure a brief prints comes near it: beyond, a cell is a typing error."""
SHARE_WORDS = ("particip", "porcentaje", "cuota", "proporcion")
"""Column names that say they hold a share of a whole: from 0 to 100."""
MARK_ORDERS = 2.0
"""Orders of ten by which the other reading must fit the series better to be refused."""
JUMP_ORDERS = 5
"""Orders of ten above the rest of its series at which a value is refused as a slip."""
LEAST_OTHERS = 3
"""Values a series needs, besides the one compared, for its magnitude to say anything."""
_ONE_MARK = re.compile(r"\(?-?[1-9]\d{0,2}[.,]\d{3}\)?")


def check_plausible(spec: SourceSpec, texts: dict[str, list[str]],
                    typed: dict[str, list], rows: list[int]) -> list[SectorialError]:
    """Errors for the number cells of ``typed`` (read from ``texts``) that cannot be right."""
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
    share = any(word in fold(column) for word in SHARE_WORDS)
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
    if errors:
        return errors
    groups: dict[tuple, list[int]] = {}
    for offset, key in enumerate(series):
        if values[offset] is not None:
            groups.setdefault(key, []).append(offset)
    for offsets in groups.values():
        errors += _marks(spec, texts, values, offsets, at)
        errors += _jumps(column, texts, values, offsets, at)
    return errors


def _orders(numbers: list[float]) -> float | None:
    """The typical order of ten of some numbers (None when too few to say)."""
    nonzero = [math.log10(abs(n)) for n in numbers if n]
    return median(nonzero) if len(nonzero) >= LEAST_OTHERS else None


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
    typical = _orders([values[o] for o in plain])
    if typical is None:  # too few others in its series: nothing to compare with
        return []
    errors: list[SectorialError] = []
    for o in sorted(ambiguous):
        value, alt = values[o], others[o]
        if not value or not alt:
            continue
        as_read = abs(math.log10(abs(value)) - typical)
        as_other = abs(math.log10(abs(alt)) - typical)
        if as_other + MARK_ORDERS > as_read:
            continue
        marks = spec.numbers
        shown = format_number(alt, 0, style=marks)
        errors.append(DataError(
            f"'{texts[o].strip()}' se lee como {value:g} ('{marks.decimal}' es el decimal del "
            f"archivo), pero el resto de su serie está cerca de {shown}: parece escrito con "
            f"'{marks.decimal}' de miles", at(o),
            f"escriba la cifra como las demás ({shown}); si de verdad vale {value:g}, "
            f"escríbala con cuatro decimales ({value:.4f})"))
    return errors


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
        "corríjalo en el archivo")]
