"""Read CSV and Excel data files into typed tables: the only module that reads data files.

Every cell is read as text first (so "NA" stays "NA" and "030101" keeps its zero), then
converted by the column type the brief declares. Problems name the file, sheet, row and
column of the cell, and say what to do.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import pandas as pd

from sectorial.data.spec import MAX_ERRORS, PLACEHOLDERS, SourceSpec
from sectorial.errors import DataError, Location, SectorialError, raise_all
from sectorial.lang.numbers import NumberParseError, parse_number
from sectorial.periods import PERIOD_HELP, Period, PeriodError
from sectorial.yamlfile import unknown_key_hint

MAX_FILE_BYTES = 50_000_000
"""Larger files are refused before reading: every cell is held as text while it is typed,
which for 100 MB would take gigabytes of memory."""
PERIOD_INDEX = "_periodo"
"""Hidden column: each row's period as an integer (Period.index), for fast selection."""


@dataclass(frozen=True)
class Table:
    """A loaded table: typed columns, and the file row of each record for error messages."""

    spec: SourceSpec
    frame: pd.DataFrame  # typed columns plus "_row" (the row number in the file)

    @property
    def period_column(self) -> str | None:
        """Return the name of the column declared as ``periodo``, if any."""
        return next((c for c, t in self.spec.columns.items() if t == "periodo"), None)

    @cached_property
    def periods(self) -> tuple[Period, ...]:
        """The distinct periods of the data, in order (empty without a period column)."""
        if self.period_column is None:
            return ()
        return tuple(sorted(set(self.frame[self.period_column].dropna())))

    @cached_property
    def period_set(self) -> frozenset[Period]:
        return frozenset(self.periods)


def load_table(spec: SourceSpec) -> Table:
    """Read the file of ``spec`` and convert its declared columns; report all bad cells."""
    raw, first_row = _read_raw(spec)
    where = str(spec.path)
    raw.columns = [str(c).replace("\ufeff", "").strip() for c in raw.columns]
    missing = [c for c in spec.columns if c not in raw.columns]
    named = [c for c in raw.columns if c and not c.startswith("Unnamed")]
    if missing and len(named) <= 1:
        raise _title_row_error(Location(where, sheet=spec.sheet, row=spec.header_row), named)
    if missing:
        raise_all(
            [
                DataError(
                    f"falta la columna '{name}'",
                    Location(where, sheet=spec.sheet, column=name),
                    unknown_key_hint(name, list(raw.columns))
                    + " (corrija el encabezado del archivo o 'columnas' en el informe)",
                )
                for name in missing
            ]
        )
    errors: list[SectorialError] = []
    typed: dict[str, list] = {}
    for name, kind in spec.columns.items():
        typed[name] = _convert_column(raw[name].tolist(), kind, spec, first_row, name, errors)
        if len(errors) > MAX_ERRORS:
            break
    raise_all(errors)
    frame = pd.DataFrame(typed)
    frame["_row"] = range(first_row, first_row + len(frame))
    period_column = next((c for c, t in spec.columns.items() if t == "periodo"), None)
    if period_column is not None:  # integer positions: selecting periods by number is fast
        frame[PERIOD_INDEX] = [p.index if isinstance(p, Period) else -1
                               for p in frame[period_column]]
    _check_unique(spec, frame)
    return Table(spec, frame)


def _check_unique(spec: SourceSpec, frame: pd.DataFrame) -> None:
    """Refuse rows that repeat the declared key: they would be added up without a word."""
    if not spec.unique:
        return
    repeated = frame[frame.duplicated(list(spec.unique), keep=False)]
    errors: list[SectorialError] = []
    for _, group in repeated.groupby(list(spec.unique), sort=False):
        rows = group["_row"].tolist()
        values = ", ".join(f"{c}={group.iloc[0][c]}" for c in spec.unique)
        errors.append(DataError(
            f"las filas {', '.join(map(str, rows))} repiten {values}",
            Location(str(spec.path), sheet=spec.sheet, row=rows[0]),
            "deje una sola fila por combinación de " + ", ".join(spec.unique),
        ))
    raise_all(errors)


def _read_raw(spec: SourceSpec) -> tuple[pd.DataFrame, int]:
    """Return the file's cells as text and the file row number of the first record."""
    where = Location(str(spec.path), sheet=spec.sheet)
    if not spec.path.is_file():
        raise DataError(
            "no existe el archivo de datos",
            where,
            "revise 'archivo' en la sección 'datos' del informe (la ruta parte de la "
            "carpeta del informe)",
        )
    size = spec.path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError(
            f"el archivo pesa {size / 1e6:,.0f} MB; el máximo es {MAX_FILE_BYTES / 1e6:,.0f} MB",
            where,
            "deje en el archivo solo las filas y columnas que el informe usa (filtre o agregue "
            "los datos, p. ej. por mes y región), o divídalo en varios archivos",
        )
    suffix = spec.path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_excel(spec), spec.header_row + 1
        if suffix == ".csv":
            return _read_csv(spec.path, spec.header_row), spec.header_row + 1
    except zipfile.BadZipFile as exc:
        raise DataError(
            "no es un archivo Excel válido",
            where,
            "ábralo en Excel y guárdelo de nuevo como .xlsx, o expórtelo como CSV",
        ) from exc
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        raise DataError(
            f"no se puede leer como tabla ({exc})",
            where,
            "verifique que sea un CSV separado por comas o un Excel con encabezado en la "
            "primera fila",
        ) from exc
    raise DataError(
        f"formato de archivo no admitido '{suffix}'",
        where,
        "use un archivo .csv o .xlsx",
    )


def _read_csv(path: Path, header_row: int = 1) -> pd.DataFrame:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as Windows-1252; "Apurímac" must survive.
        text = raw.decode("cp1252")
    lines = text.splitlines(keepends=True)
    text = "".join(lines[header_row - 1:])  # title rows above the header are not data
    _check_field_counts(path, text, header_row)
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False,
                       skipinitialspace=True)


def _check_field_counts(path: Path, text: str, header_row: int) -> None:
    """Refuse rows with more or fewer cells than the header.

    pandas would silently turn the first column into an index (an unquoted "17,224" shifts
    every cell of the row) or drop the extra cells.
    """
    rows = csv.reader(io.StringIO(text))
    header = next(rows, [])
    named = [h for h in header if h.strip()]
    for number, row in enumerate(rows, start=header_row + 1):
        if row and len(row) > len(header) and len(named) <= 1:
            raise _title_row_error(Location(str(path), row=header_row), named)
        if row and len(row) != len(header):
            raise DataError(
                f"la fila tiene {len(row)} celdas y el encabezado {len(header)}",
                Location(str(path), row=number),
                "si un número lleva comas de miles (17,224), escríbalo entre comillas o sin "
                "comas; quite separadores sobrantes al final de la fila",
            )


def _title_row_error(where: Location, named: list[str]) -> DataError:
    return DataError(
        f"la fila {where.row} no parece el encabezado de la tabla "
        f"(dice: '{named[0] if named else ''}')",
        where,
        "si hay filas de título encima de la tabla, indique en el informe "
        "'fila_encabezado:' con el número de la fila que tiene los nombres de columna",
    )


def _read_excel(spec: SourceSpec) -> pd.DataFrame:
    try:
        sheets = pd.read_excel(
            spec.path,
            sheet_name=spec.sheet if spec.sheet else 0,
            header=spec.header_row - 1,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            engine="openpyxl",
        )
    except ValueError as exc:
        if spec.sheet and "not found" in str(exc):
            raise DataError(
                f"no existe la hoja '{spec.sheet}'",
                Location(str(spec.path)),
                "corrija 'hoja' en la sección 'datos' del informe",
            ) from exc
        raise
    return sheets


def _convert_column(
    values: list[object],
    kind: str,
    spec: SourceSpec,
    first_row: int,
    column: str,
    errors: list[SectorialError],
) -> list[object]:
    """Convert one column to its declared type; record an error naming each bad cell.

    Each distinct text is converted once (years, regions and months repeat thousands of
    times), and plain integers skip the full number parser.
    """
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
                converted[text] = _convert(text, kind, spec)
            except _CellError as exc:
                problems[text] = (exc.message, exc.hint)
        if text in problems:
            if len(errors) <= MAX_ERRORS:
                message, hint = problems[text]
                where = Location(str(spec.path), sheet=spec.sheet, row=first_row + offset,
                                 column=column)
                errors.append(DataError(message, where, hint))
            out.append(None)
        else:
            out.append(converted[text])
    if kind == "periodo":
        _check_period_kinds(out, spec, first_row, column, errors)
    return out


def _check_period_kinds(
    periods: list[object], spec: SourceSpec, first_row: int, column: str,
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
                Location(str(spec.path), sheet=spec.sheet, row=first_row + offset,
                         column=column),
                "use en toda la columna el mismo tipo de periodo (2024, o 2025-09)",
            ))
            return


class _CellError(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


_PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


def _convert(text: str, kind: str, spec: SourceSpec) -> object:
    """Convert one cell's text to its declared type, or raise _CellError."""
    if kind == "texto":
        return "".join(ch for ch in text if ch.isprintable())
    if text == "" or text.lower() in PLACEHOLDERS:
        what = "vacía" if text == "" else f"con '{text}' (dato no disponible)"
        raise _CellError(f"celda {what} en una columna numérica",
                         "escriba el valor, o quite la fila si el dato no existe")
    if kind == "periodo":
        try:
            return Period.parse(text)
        except PeriodError as exc:
            raise _CellError(str(exc), PERIOD_HELP) from exc
    if kind == "decimal" and spec.numbers.decimal == "." and _PLAIN_DECIMAL.fullmatch(text):
        return float(text)
    try:
        number: Decimal = parse_number(text, style=spec.numbers)
    except NumberParseError as exc:
        raise _CellError(str(exc), "escriba el número sin texto adicional") from exc
    if kind in ("entero", "conteo"):
        if number != number.to_integral_value():
            raise _CellError(f"se esperaba un número entero y hay '{text}'",
                             "escriba un entero o declare la columna como 'decimal'")
        if kind == "conteo" and number < 0:
            raise _CellError(f"valor negativo '{text}' en una columna de conteo",
                             "un conteo (empresas, trabajadores) no puede ser negativo: "
                             "corrija el dato en el archivo")
        return int(number)
    return float(number)
