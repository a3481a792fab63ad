"""Cells as text become typed values: the conversion of each declared column type.

Problems name the file, sheet, row and column of the cell, and say what to do.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from sectorial.data.spec import EXCEL_ERRORS, MAX_ERRORS, PLACEHOLDERS, SourceSpec
from sectorial.errors import DataError, Location, SectorialError
from sectorial.lang.numbers import NumberStyle
from sectorial.lang.phrases import fold
from sectorial.lang.reading import NumberParseError, parse_number
from sectorial.periods import PERIOD_HELP, Period, PeriodError

INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Unicode categories dropped from text cells: control characters, zero-width marks and
line separators. A character newer than this Python's Unicode tables (an emoji of 2023)
stays, and the fonts' check refuses it if it cannot be drawn."""
MAX_TEXT = 1_000
"""Characters a text cell may hold: a name, a product, an address; never a document."""


class CellError(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


_PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


def convert(text: str, kind: str, spec: SourceSpec) -> object:
    """Convert one cell's text to its declared type, or raise CellError."""
    if kind == "texto":
        if len(text) > MAX_TEXT:
            raise CellError(f"la celda tiene {len(text):,} caracteres de texto (más de "
                            f"{MAX_TEXT:,}): no es un nombre", "corrija la celda: quizá se "
                            "pegó en ella otra cosa (una tabla, un documento)")
        return "".join(ch for ch in text if unicodedata.category(ch) not in INVISIBLE)
    if text.upper() in EXCEL_ERRORS:
        raise CellError(f"la celda tiene el error de Excel '{text}'",
                        "corrija la fórmula en la hoja (una división entre cero, una referencia "
                        "rota) y exporte de nuevo, o escriba el valor")
    if text == "" or text.lower() in PLACEHOLDERS:
        what = "vacía" if text == "" else f"con '{text}' (dato no disponible)"
        raise CellError(f"celda {what} en una columna numérica",
                         "escriba el valor, o quite la fila si el dato no existe")
    if kind == "periodo":
        _check_excel_date(text)
        try:
            return Period.parse(text)
        except PeriodError as exc:
            raise CellError(str(exc), PERIOD_HELP) from exc
    if kind == "decimal" and spec.numbers.decimal == "." and _PLAIN_DECIMAL.fullmatch(text):
        return float(text)
    try:
        number: Decimal = parse_number(text, style=spec.numbers)
    except NumberParseError as exc:
        raise CellError(str(exc), _number_hint(text, spec)) from exc
    if kind in ("entero", "conteo"):
        if number != number.to_integral_value():
            raise CellError(f"se esperaba un número entero y hay '{text}'",
                             "escriba un entero o declare la columna como 'decimal'")
        if kind == "conteo" and number < 0:
            raise CellError(f"valor negativo '{text}' en una columna de conteo",
                             "un conteo (empresas, trabajadores) no puede ser negativo: "
                             "corrija el dato en el archivo")
        return int(number)
    return float(number)


COUNT_WORDS = ("trabajador", "empresa", "emplead", "ocupad", "persona", "poblacion",
               "habitante", "establecimiento", "contribuyente", "exportador", "hogar",
               "numero_de", "cantidad_de")
"""Column names that say they count: their values cannot be negative, however declared."""


YEAR_WORDS = frozenset({"anio", "ano", "anios", "anos", "year", "ejercicio"})
_EXCEL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2}) 00:00:00")
_EXCEL_EPOCH = date(1899, 12, 30)


def _check_excel_date(text: str) -> None:
    """A year typed into a cell with a date format reaches us as a date of 1905 (the
    year 2022 counted as days from 1900): say so, instead of reading July 1905."""
    match = _EXCEL_DATE.fullmatch(text)
    if match is None:
        return
    day = date(*(int(part) for part in match.groups()))
    serial = (day - _EXCEL_EPOCH).days
    if day.year < 1910 and 1950 <= serial <= 2100:
        raise CellError(f"el año {serial} está guardado como fecha ({day:%d/%m/%Y})",
                        "en Excel, dé a la columna el formato Número o General y escriba el "
                        "año (2024), o el mes como texto (2025-09)")


def _check_first_days(texts: list[str], spec: SourceSpec, rows: list[int], column: str,
                      errors: list[SectorialError]) -> None:
    """Dates that are all on 1 January, in a column whose name says it holds years, are
    years that Excel keeps as dates: read as months they would be January of each year (a
    column of months that holds only Januaries, for a January report, reads as months)."""
    if not set(re.split(r"[^a-z]+", fold(column))) & YEAR_WORDS:
        return
    texts = [t.strip() for t in texts]
    if not texts or not all(_EXCEL_DATE.fullmatch(t) and t[5:10] == "01-01" for t in texts):
        return
    errors.append(DataError(
        f"la columna '{column}' tiene fechas del 1 de enero ({texts[0][:10]}…), no periodos: "
        "Excel guardó los años como fechas",
        Location(str(spec.path), sheet=spec.sheet, row=rows[0], column=column),
        "en Excel, dé a la columna el formato Número o General y escriba los años (2024); si "
        "son meses, escríbalos como texto (2025-09)"))


def counting(column: str, kind: str) -> str:
    """``conteo`` for a whole-number column whose name says it counts ("trabajadores",
    "n_empresas"): a negative or accounting-style "(81504)" worker count is an error even
    when the brief declares the column ``entero``."""
    name = fold(column)
    if kind == "entero" and any(word in name for word in COUNT_WORDS):
        return "conteo"
    return kind


def convert_column(
    values: list[object],
    kind: str,
    spec: SourceSpec,
    rows: list[int],
    column: str,
    errors: list[SectorialError],
) -> list[object]:
    """Convert one column to its declared type; record an error naming each bad cell.

    Each distinct text is converted once (years, regions and months repeat thousands of
    times), and plain integers skip the full number parser.
    """
    kind = counting(column, kind)
    converted: dict[str, object] = {}
    problems: dict[str, tuple[str, str]] = {}
    out: list[object] = []
    for offset, value in enumerate(values):
        text = str(value).strip()
        if kind in ("entero", "conteo") and text.isascii() and text.isdigit():
            out.append(int(text))
            continue
        if text not in converted and text not in problems:
            try:
                converted[text] = convert(text, kind, spec)
            except CellError as exc:
                problems[text] = (exc.message, exc.hint)
        if text in problems:
            if len(errors) <= MAX_ERRORS:
                message, hint = problems[text]
                where = Location(str(spec.path), sheet=spec.sheet, row=rows[offset],
                                 column=column)
                errors.append(DataError(message, where, hint))
            out.append(None)
        else:
            out.append(converted[text])
    if kind == "periodo":
        _check_first_days([str(v) for v in values], spec, rows, column, errors)
        _check_period_kinds(out, spec, rows, column, errors)
    return out


def _check_period_kinds(
    periods: list[object], spec: SourceSpec, rows: list[int], column: str,
    errors: list[SectorialError],
) -> None:
    """A period column holds years or months, not both: they cannot be compared."""
    kinds = [p.monthly for p in periods if isinstance(p, Period)]
    if not kinds or all(kinds) or not any(kinds):
        return
    majority = kinds.count(True) * 2 >= len(kinds)
    for offset, period in enumerate(periods):
        if isinstance(period, Period) and period.monthly != majority:
            errors.append(DataError(
                f"la columna mezcla años y meses: '{period}' entre "
                + ("meses" if majority else "años"),
                Location(str(spec.path), sheet=spec.sheet, row=rows[offset], column=column),
                "use en toda la columna el mismo tipo de periodo (2024, o 2025-09)",
            ))
            return


def is_label(text: str, spec: SourceSpec) -> bool:
    """Whether a cell of a number column holds words: not empty, a placeholder or a number."""
    if not any(ch.isalpha() for ch in text) or text.lower() in PLACEHOLDERS:
        return False
    try:
        convert(text, "decimal", spec)
    except CellError:
        return True
    return False


def _number_hint(text: str, spec: SourceSpec) -> str:
    """What to do with a number the file's marks cannot read: declare the other marks if
    it reads with them (90,5 in a file of Excel in a Peruvian locale)."""
    marks = spec.numbers
    swapped = NumberStyle(group=marks.decimal, decimal=marks.group)
    try:
        parse_number(text, style=swapped)
    except NumberParseError:
        return "escriba el número sin texto adicional"
    return (f"si el archivo escribe los decimales con '{marks.group}' y los miles con "
            f"'{marks.decimal}', declárelo en la fuente: numeros: {{miles: \"{marks.decimal}\", "
            f"decimal: \"{marks.group}\"}}")
