"""Read CSV and Excel data files into typed tables: the only module that reads data files.

Every cell is read as text first (so "NA" stays "NA" and "030101" keeps its zero), then
converted by the column type the brief declares. Problems name the file, sheet, row and
column of the cell, and say what to do.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from sectorial.errors import DataError, Location, SectorialError, raise_all
from sectorial.lang.numbers import PRODUCE, NumberParseError, NumberStyle, parse_number
from sectorial.yamlfile import unknown_key_hint

COLUMN_TYPES = ("periodo", "texto", "entero", "decimal")
PLACEHOLDERS = {"-", "–", "—", "n.d.", "nd", "n.d", "s.i.", "si", "…", "...", "s/d", "n.a."}


@dataclass(frozen=True)
class SourceSpec:
    """A data source as the brief declares it."""

    key: str
    path: Path
    origin: str
    columns: dict[str, str]
    sheet: str | None = None
    numbers: NumberStyle = PRODUCE
    header_row: int = 1  # the file row that holds the column names (title rows above it)
    unique: tuple[str, ...] = ()  # columns that identify a row: no two rows may share them


@dataclass(frozen=True)
class Table:
    """A loaded table: typed columns, and the file row of each record for error messages."""

    spec: SourceSpec
    frame: pd.DataFrame  # typed columns plus "_row" (the row number in the file)

    @property
    def period_column(self) -> str | None:
        """Return the name of the column declared as ``periodo``, if any."""
        return next((c for c, t in self.spec.columns.items() if t == "periodo"), None)


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
        typed[name] = [
            _convert(value, kind, spec, first_row + i, name, errors)
            for i, value in enumerate(raw[name].tolist())
        ]
        if len(errors) > 20:
            break
    raise_all(errors)
    frame = pd.DataFrame(typed)
    frame["_row"] = range(first_row, first_row + len(frame))
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


def _convert(
    value: object,
    kind: str,
    spec: SourceSpec,
    row: int,
    column: str,
    errors: list[SectorialError],
) -> object:
    """Convert one cell to its declared type, or record an error naming the cell."""
    text = str(value).strip()
    where = Location(str(spec.path), sheet=spec.sheet, row=row, column=column)
    if kind == "texto":
        return "".join(ch for ch in text if ch.isprintable())
    if text == "" or text.lower() in PLACEHOLDERS:
        what = "vacía" if text == "" else f"con '{text}' (dato no disponible)"
        errors.append(
            DataError(
                f"celda {what} en una columna numérica",
                where,
                "escriba el valor, o quite la fila si el dato no existe",
            )
        )
        return None
    if kind == "periodo":
        if text.isdigit() and len(text) == 4:
            return int(text)
        errors.append(
            DataError(
                f"periodo no válido '{text}'",
                where,
                "escriba el año con cuatro cifras, por ejemplo 2024",
            )
        )
        return None
    try:
        number: Decimal = parse_number(text, style=spec.numbers)
    except NumberParseError as exc:
        errors.append(DataError(str(exc), where, "escriba el número sin texto adicional"))
        return None
    if kind == "entero":
        if number != number.to_integral_value():
            errors.append(
                DataError(
                    f"se esperaba un número entero y hay '{text}'",
                    where,
                    "escriba un entero o declare la columna como 'decimal'",
                )
            )
            return None
        return int(number)
    return float(number)
