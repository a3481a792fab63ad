"""Read CSV and Excel data files into typed tables: the only module that reads data files.

Every cell is read as text first (so "NA" stays "NA" and "030101" keeps its zero), then
converted by the column type the brief declares. Problems name the file, sheet, row and
column of the cell, and say what to do.
"""

from __future__ import annotations

import csv
import errno
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import pandas as pd

from sectorial.data.spec import MAX_ERRORS, MAX_HEADER_ROWS, PLACEHOLDERS, SourceSpec
from sectorial.errors import DataError, Location, SectorialError, raise_all
from sectorial.lang.numbers import NumberParseError, parse_number
from sectorial.periods import PERIOD_HELP, Period, PeriodError
from sectorial.yamlfile import unknown_key_hint

MAX_FILE_BYTES = 50_000_000
"""Larger files are refused before reading (their size is read with stat()). The declared
columns are held as text while they are typed: a 49 MB CSV peaks near 400 MB, and an Excel
workbook (every cell of the sheet is read) takes more; 100 MB would take gigabytes."""
PERIOD_INDEX = "_periodo"
"""Hidden column: each row's period as an integer (Period.index), for fast selection."""
NUMBER_KINDS = ("entero", "conteo", "decimal")
Carry = Callable[[list[list[str]]], None]
"""Fills the group cells of a multi-row header across the columns they span, in place."""


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
    raw, rows = _read_raw(spec)
    where = str(spec.path)
    raw.columns = _clean_names(raw.columns)
    for name in spec.optional:
        if name not in raw.columns:
            raw[name] = ""
    missing = [c for c in spec.columns if c not in raw.columns]
    named = [c for c in raw.columns if c and not c.startswith("Unnamed")]
    if missing:
        deeper = _deeper_header(spec)
        if deeper is not None and all(c in deeper for c in spec.columns):
            raise _split_header_error(spec, missing)
    if missing and len(named) <= 1:
        raise _title_row_error(Location(where, sheet=spec.sheet, row=spec.header_row), named)
    if missing:
        raise_all(
            [
                DataError(
                    f"falta la columna '{name}'",
                    Location(where, sheet=spec.sheet, column=name),
                    unknown_key_hint(name, list(dict.fromkeys(raw.columns)))
                    + " (corrija el encabezado del archivo o 'columnas' en el informe)",
                )
                for name in missing
            ]
        )
    _check_repeated_names(spec, list(raw.columns))
    _check_second_header_row(spec, raw, rows)
    errors: list[SectorialError] = []
    typed: dict[str, list] = {}
    for name, kind in spec.columns.items():
        typed[name] = _convert_column(raw[name].tolist(), kind, spec, rows, name, errors)
        if len(errors) > MAX_ERRORS:
            break
    raise_all(errors)
    frame = pd.DataFrame(typed)
    frame["_row"] = rows
    period_column = next((c for c, t in spec.columns.items() if t == "periodo"), None)
    if period_column is not None:  # integer positions: selecting periods by number is fast
        frame[PERIOD_INDEX] = [p.index if isinstance(p, Period) else -1
                               for p in frame[period_column]]
    _check_unique(spec, frame)
    return Table(spec, frame)


def _clean_names(names: Any) -> list[str]:
    return [str(c).replace("\ufeff", "").strip() for c in names]


def _check_repeated_names(spec: SourceSpec, names: list[str]) -> None:
    """Refuse a declared column whose name appears twice: which one to read is unknown."""
    counts = Counter(names)
    raise_all([
        DataError(
            f"el encabezado tiene {counts[name]} columnas llamadas '{name}'",
            Location(str(spec.path), sheet=spec.sheet, row=spec.header_row, column=name),
            "cambie en el archivo el nombre de las que el informe no usa, para que cada "
            "columna tenga un nombre distinto",
        )
        for name in spec.columns if counts[name] > 1
    ])


def _deeper_header(spec: SourceSpec) -> list[str] | None:
    """The column names if the header spanned one more row (None if it cannot)."""
    if spec.header_rows >= MAX_HEADER_ROWS:
        return None
    try:
        raw, _ = _read_raw(replace(spec, header_rows=spec.header_rows + 1))
    except SectorialError:
        return None
    return _clean_names(raw.columns)


def _split_header_error(spec: SourceSpec, missing: list[str]) -> DataError:
    """The declared names join the header row with the row below it: say so."""
    rows = spec.header_rows + 1
    last = spec.header_row + spec.header_rows
    names = ", ".join(f"'{name}'" for name in missing)
    what = (f"no se encuentra la columna {names}" if len(missing) == 1
            else f"no se encuentran las columnas {names}")
    return DataError(
        f"{what} en la fila {spec.header_row}, pero sí uniendo las filas {spec.header_row} "
        f"a {last}: el encabezado ocupa {rows} filas",
        Location(str(spec.path), sheet=spec.sheet, row=spec.header_row),
        f"agregue 'filas_encabezado: {rows}' en la fuente '{spec.key}' de la sección "
        "'datos' del informe",
    )


def _check_second_header_row(spec: SourceSpec, raw: pd.DataFrame, rows: list[int]) -> None:
    """Refuse a first record whose every number cell is a label: it is a header row.

    Official tables put sub-headers ("Var. %", "US$ millones") under a group title; read
    as data, each of those cells would be reported as a bad number. A row whose period
    cell holds a valid period is a record with bad numbers, not a header.
    """
    numbers = [c for c, kind in spec.columns.items() if kind in NUMBER_KINDS]
    if raw.empty or not numbers or spec.header_rows >= MAX_HEADER_ROWS:
        return
    cells = [str(raw[name].iloc[0]).strip() for name in numbers]
    if not all(_is_label(text, spec) for text in cells):
        return
    for name, kind in spec.columns.items():  # a row with a valid period is a record
        if kind == "periodo":
            try:
                Period.parse(str(raw[name].iloc[0]).strip())
                return
            except PeriodError:
                pass
    first_row, needed = rows[0], spec.header_rows + 1
    example = " ".join(f"{numbers[0]} {cells[0]}".split())  # as the joined header names it
    raise DataError(
        f"la fila {first_row} parece otra fila del encabezado, no datos (dice: "
        + ", ".join(f"'{text}'" for text in cells) + ")",
        Location(str(spec.path), sheet=spec.sheet, row=first_row),
        f"si el encabezado ocupa {needed} filas (un título agrupado, como 'Exportaciones', "
        f"sobre subtítulos como '2023', '2024'), agregue 'filas_encabezado: {needed}' en la "
        f"fuente '{spec.key}' del informe y en 'columnas' use los nombres unidos, p. ej. "
        f"'{example}'; si la fila es de datos, escriba números en sus columnas numéricas",
    )


def _is_label(text: str, spec: SourceSpec) -> bool:
    """Whether a cell of a number column holds words: not empty, a placeholder or a number."""
    if not any(ch.isalpha() for ch in text) or text.lower() in PLACEHOLDERS:
        return False
    try:
        _convert(text, "decimal", spec)
    except _CellError:
        return True
    return False


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


def _read_raw(spec: SourceSpec) -> tuple[pd.DataFrame, list[int]]:
    """Return the file's cells as text (named columns) and the file row of each record."""
    where = Location(str(spec.path), sheet=spec.sheet)
    try:
        found = spec.path.is_file()
    except OSError as exc:  # a name too long for the system, a folder without permission
        raise _unreadable(spec, exc) from exc
    if not found:
        raise DataError(
            "no existe el archivo de datos",
            where,
            "revise 'archivo' en la sección 'datos' del informe (la ruta parte de la "
            "carpeta del informe)",
        )
    size = spec.path.stat().st_size  # before reading: a huge file must not fill the memory
    if size > MAX_FILE_BYTES:
        raise DataError(  # rounded up: 50.2 MB is "51 MB", never "50 MB; el máximo es 50 MB"
            f"el archivo pesa {math.ceil(size / 1e6):,} MB; el máximo es "
            f"{MAX_FILE_BYTES / 1e6:,.0f} MB",
            where,
            "deje en el archivo solo las filas y columnas que el informe usa (filtre o agregue "
            "los datos, p. ej. por mes y región), o divídalo en varios archivos",
        )
    suffix = spec.path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            try:
                frame = _read_excel(spec)
            except (KeyError, ParseError) as exc:  # a zip without a workbook, broken XML
                raise zipfile.BadZipFile(str(exc)) from exc
            first_row = spec.header_row + spec.header_rows  # pandas keeps blank sheet rows
            return frame, list(range(first_row, first_row + len(frame)))
        if suffix == ".csv":
            return _read_csv(spec)
    except OSError as exc:
        raise _unreadable(spec, exc) from exc
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


def _unreadable(spec: SourceSpec, exc: OSError) -> DataError:
    """The system refuses the file: say why in Spanish, with the system's words after."""
    denied = "no hay permiso para leerlo"
    reasons = {errno.ENAMETOOLONG: "el nombre o la ruta es demasiado largo",
               errno.EACCES: denied, errno.EPERM: denied}
    reason = reasons.get(exc.errno or 0, f"error del sistema: {exc.strerror or exc}")
    return DataError(
        f"no se puede leer el archivo de datos ({reason})",
        Location(str(spec.path), sheet=spec.sheet),
        "revise 'archivo' en la sección 'datos' del informe, y que el archivo no esté "
        "abierto en otro programa ni protegido",
    )


_NEWLINE = re.compile(r"\r\n|\r|\n")  # line ends as the csv module counts them
_VISIBLE = re.compile(r"\S")
_CSV_OPTIONS: dict[str, Any] = {"header": None, "dtype": str, "keep_default_na": False,
                                "na_filter": False, "skipinitialspace": True,
                                "encoding": "utf-8"}


def _read_csv(spec: SourceSpec) -> tuple[pd.DataFrame, list[int]]:
    """Return the declared columns as text and the file row of each record.

    Memory stays near twice the file's size: the text is handed to pandas as UTF-8
    bytes (a StringIO would hold four bytes per character) and only the columns the
    brief declares are read. Blank lines are skipped.
    """
    raw = spec.path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as Windows-1252; "Apurímac" must survive.
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DataError(
                f"el archivo no es texto: el byte {raw[exc.start]:#04x} no es UTF-8 ni "
                "Windows-1252",
                Location(str(spec.path), row=raw.count(b"\n", 0, exc.start) + 1),
                "si es una hoja de cálculo, guárdela como .xlsx, o desde Excel como "
                "'CSV UTF-8 (delimitado por comas)'",
            ) from exc
    del raw
    start, skipped = 0, 0
    for match in _NEWLINE.finditer(text):  # title rows above the header are not data
        if skipped == spec.header_row - 1:
            break
        start, skipped = match.end(), skipped + 1
    if skipped < spec.header_row - 1 or not _VISIBLE.search(text, start):
        lines = _NEWLINE.split(text)
        raise _beyond_end(spec, max((n for n, line in enumerate(lines, start=1)
                                     if line.strip()), default=0))
    offset = len(text[:start].encode("utf-8"))
    data = text.encode("utf-8")
    del text
    if offset:
        data = data[offset:]
    starts = _check_field_counts(spec.path, data, spec.header_row)
    head = pd.read_csv(io.BytesIO(data), nrows=spec.header_rows, **_CSV_OPTIONS)
    names = _header_names(head, spec.header_rows, _carry_right)
    required = [name for name in spec.columns if name not in spec.optional]
    if not all(name in names for name in required):  # load_table names what is missing
        return pd.DataFrame(columns=names), []
    used = [j for j, name in enumerate(names) if name in spec.columns]
    grid = pd.read_csv(io.BytesIO(data), usecols=used, **_CSV_OPTIONS)
    frame = grid.iloc[spec.header_rows:].reset_index(drop=True)
    frame.columns = [names[j] for j in used]
    rows = starts[spec.header_rows:]
    if len(rows) != len(frame):  # cannot happen, but a wrong row is worse than none
        first = spec.header_row + spec.header_rows
        rows = list(range(first, first + len(frame)))
    return frame, rows


def _beyond_end(spec: SourceSpec, last: int) -> DataError:
    """The header row the brief names is past the file's last row (``last``, 0 if empty)."""
    where = Location(str(spec.path), sheet=spec.sheet)
    if last == 0:
        return DataError("el archivo no tiene datos", where,
                         "exporte de nuevo el archivo desde su fuente")
    return DataError(
        f"el archivo termina en la fila {last}, antes de la fila de encabezado "
        f"{spec.header_row}",
        where,
        f"corrija 'fila_encabezado' en la fuente '{spec.key}' del informe: es el número de "
        "la fila que tiene los nombres de columna",
    )


def _header_names(grid: pd.DataFrame, header_rows: int, carry: Carry) -> list[str]:
    """One name per column from the first ``header_rows`` rows of ``grid``.

    ``carry(rows)`` fills each group cell of the upper rows across the columns it spans;
    then each column joins its non-empty cells from top to bottom with a space.
    """
    width = grid.shape[1]
    rows = [[" ".join(str(cell).replace("\ufeff", "").split()) for cell in grid.iloc[k]]
            if k < len(grid) else [""] * width for k in range(header_rows)]
    carry(rows)
    names = []
    for column in range(width):
        parts: list[str] = []
        for row in rows:
            if row[column] and (not parts or parts[-1] != row[column]):
                parts.append(row[column])
        names.append(" ".join(parts) or f"Unnamed: {column}")
    return names


def _carry_right(rows: list[list[str]]) -> None:
    """CSV: an empty upper cell takes the last non-empty one on its left, within its group.

    A CSV file keeps no merged ranges: "Exportaciones,," is read as a group of three.
    The group ends where a row above starts a new one. The lowest row is not carried.
    """
    written = [list(row) for row in rows]  # before carrying
    for level in range(len(rows) - 1):
        last = ""
        for column, text in enumerate(written[level]):
            if text:
                last = text
            elif any(written[above][column] for above in range(level)):
                last = ""  # a new group starts above: this row's group ended
            else:
                rows[level][column] = last


def _carry_merged(sheet: Any, header_row: int) -> Carry:
    """Excel: return a ``carry`` that fills the sheet's merged ranges across their columns."""

    def carry(rows: list[list[str]]) -> None:
        for merged in getattr(sheet, "merged_cells", None) or ():
            level = merged.min_row - header_row
            if not 0 <= level < len(rows) - 1:  # the lowest row is not carried
                continue
            row = rows[level]
            text = row[merged.min_col - 1] if merged.min_col <= len(row) else ""
            for column in range(merged.min_col, min(merged.max_col, len(row)) + 1):
                row[column - 1] = text

    return carry


def _no_carry(rows: list[list[str]]) -> None:
    """A one-row header: nothing to carry."""


def _check_field_counts(path: Path, data: bytes, header_row: int) -> list[int]:
    """Refuse rows with more or fewer cells than the header; return each record's file row.

    pandas would silently turn the first column into an index (an unquoted "17,224" shifts
    every cell of the row) or drop the extra cells. Blank lines, which pandas skips, are
    left out of the returned rows (the header's row comes first), so that a record after a
    blank line is still named by its row in the file.
    """
    rows = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=""))
    header = next(rows, [])
    named = [h for h in header if h.strip()]
    starts = [header_row]
    line = rows.line_num
    for row in rows:
        number, line = header_row + line, rows.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line
        starts.append(number)
        if len(row) > len(header) and len(named) <= 1:
            raise _title_row_error(Location(str(path), row=header_row), named)
        if len(row) != len(header):
            raise DataError(
                f"la fila tiene {len(row)} celdas y el encabezado {len(header)}",
                Location(str(path), row=number),
                "si un número lleva comas de miles (17,224), escríbalo entre comillas o sin "
                "comas; quite separadores sobrantes al final de la fila",
            )
    return starts


def _title_row_error(where: Location, named: list[str]) -> DataError:
    return DataError(
        f"la fila {where.row} no parece el encabezado de la tabla "
        f"(dice: '{named[0] if named else ''}')",
        where,
        "si hay filas de título encima de la tabla, indique en el informe "
        "'fila_encabezado:' con el número de la fila que tiene los nombres de columna",
    )


def _read_excel(spec: SourceSpec) -> pd.DataFrame:
    """Read a sheet as text from its header row down; name the columns from the header.

    A header of several rows needs the sheet's merged ranges, which only a workbook opened
    in full (not read-only, as pandas opens it) knows: it is opened here and handed over.
    """
    from openpyxl import load_workbook

    source: Any = spec.path
    sheet_name: str | int = spec.sheet if spec.sheet else 0
    carry: Carry = _no_carry
    if spec.header_rows > 1:
        source = load_workbook(spec.path, read_only=False, data_only=True, keep_links=False)
        if spec.sheet and spec.sheet not in source.sheetnames:
            raise _missing_sheet(spec)
        sheet = source[spec.sheet] if spec.sheet else source.worksheets[0]
        sheet_name, carry = sheet.title, _carry_merged(sheet, spec.header_row)

    def read(skip: int) -> pd.DataFrame:
        return pd.read_excel(source, sheet_name=sheet_name, header=None,
                             skiprows=skip, dtype=str, keep_default_na=False,
                             na_filter=False, engine="openpyxl")

    try:
        grid = read(spec.header_row - 1)
        if grid.empty:
            raise _beyond_end(spec, len(read(0)))  # pandas trims trailing blank rows
    except ValueError as exc:
        if spec.sheet and "not found" in str(exc):
            raise _missing_sheet(spec) from exc
        raise
    names = _header_names(grid, spec.header_rows, carry)
    frame = grid.iloc[spec.header_rows:].reset_index(drop=True)
    frame.columns = names
    return frame


def _missing_sheet(spec: SourceSpec) -> DataError:
    return DataError(
        f"no existe la hoja '{spec.sheet}'",
        Location(str(spec.path)),
        "corrija 'hoja' en la sección 'datos' del informe",
    )


def _convert_column(
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
                where = Location(str(spec.path), sheet=spec.sheet, row=rows[offset],
                                 column=column)
                errors.append(DataError(message, where, hint))
            out.append(None)
        else:
            out.append(converted[text])
    if kind == "periodo":
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
