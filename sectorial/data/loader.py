"""Read CSV and Excel data files into typed tables (the data package alone reads files).

``csvfile`` and ``excel`` read the cells as text, ``headers`` names the columns, ``cells``
converts them, ``table`` holds the result. Every cell is read as text first (so "NA"
stays "NA" and "030101" keeps its zero), then converted by the column type the brief
declares. Problems name the file, sheet, row and column of the cell, and say what to do.
"""

from __future__ import annotations

import csv
import errno
import math
import zipfile
from collections import Counter
from dataclasses import replace
from typing import Any
from xml.etree.ElementTree import ParseError

from sectorial.data import table
from sectorial.data.cells import convert_column, is_label
from sectorial.data.csvfile import read_csv
from sectorial.data.excel import explain_cells, other_sheet, read_excel
from sectorial.data.headers import title_row_error
from sectorial.data.plausible import check_plausible
from sectorial.data.spec import MAX_ERRORS, MAX_HEADER_ROWS, SourceSpec
from sectorial.data.table import Grid, Table
from sectorial.data.whole import check_whole
from sectorial.errors import DataError, Location, SectorialError, closest, raise_all
from sectorial.periods import Period, PeriodError

MAX_FILE_BYTES = 50_000_000
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
"""Larger files are refused before reading (their size is read with stat()). The declared
columns are held as text while they are typed: a 49 MB CSV peaks near 400 MB, and an Excel
workbook (every cell of the sheet is read) takes more; 100 MB would take gigabytes."""


NUMBER_KINDS = ("entero", "conteo", "decimal")


def load_table(spec: SourceSpec) -> Table:
    """Read the file of ``spec`` and convert its declared columns; report all bad cells."""
    raw, rows = _read_raw(spec)
    where = str(spec.path)
    raw.columns = _clean_names(raw.columns)
    written = [c for c in raw.columns if c and not c.startswith("Unnamed")]
    for name in spec.optional:
        if name not in raw.columns:
            raw[name] = ""
    missing = [c for c in spec.columns if c not in raw.columns]
    named = [c for c in raw.columns if c and not c.startswith("Unnamed")]
    if missing:
        deeper = _deeper_header(spec)
        if deeper is not None and all(c in deeper for c in spec.columns):
            raise _split_header_error(spec, missing)
    if missing and _is_excel(spec):
        elsewhere = other_sheet(spec)
        if elsewhere is not None:
            raise elsewhere
    if missing and len(named) <= 1:
        raise title_row_error(Location(where, sheet=spec.sheet, row=spec.header_row), named,
                              spec.separator or ",")
    if missing:
        raise_all(
            [
                DataError(
                    f"falta la columna '{name}'",
                    Location(where, sheet=spec.sheet, column=name),
                    _missing_hint(name, written, spec),
                )
                for name in missing
            ]
        )
    _check_repeated_names(spec, list(raw.columns))
    _check_second_header_row(spec, raw, rows)
    errors: list[SectorialError] = []
    typed: dict[str, list] = {}
    for name, kind in spec.columns.items():
        typed[name] = convert_column(raw[name].tolist(), kind, spec, rows, name, errors)
        if len(errors) > MAX_ERRORS:
            break
    if errors and _is_excel(spec):
        errors = _explained(spec, raw, rows, errors)
    raise_all(errors)
    numbers = {c: [str(v) for v in raw[c].tolist()] for c, kind in spec.columns.items()
               if kind in ("decimal", "entero", "conteo")}  # as written, for their marks
    implausible = check_plausible(spec, numbers, typed, rows)
    try:  # every problem of the data as a whole, reported at once
        loaded = check_whole(spec, Table.of(spec, typed, rows))
    except SectorialError as exc:
        raise_all([*implausible, exc])
        raise
    raise_all(implausible)
    _check_unique(spec, loaded)
    return loaded


def _missing_hint(name: str, written: list[str], spec: SourceSpec) -> str:
    """What to do about a missing column: the column it most looks like, and the file's
    own columns."""
    guess = closest(name, written)
    others = spec.aliases.get(name, ())
    return ((f"¿quiso decir '{guess}'? " if guess else "")
            + "las columnas del archivo son: " + ", ".join(f"'{c}'" for c in written)
            + (f"; '{name}' también puede llamarse " + ", ".join(f"'{o}'" for o in others)
               if others else "")
            + " (corrija el encabezado del archivo o 'columnas' en el informe)")


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


def _check_second_header_row(spec: SourceSpec, raw: Grid, rows: list[int]) -> None:
    """Refuse a first record whose every number cell is a label: it is a header row.

    Official tables put sub-headers ("Var. %", "US$ millones") under a group title; read
    as data, each of those cells would be reported as a bad number. A row whose period
    cell holds a valid period is a record with bad numbers, not a header.
    """
    numbers = [c for c, kind in spec.columns.items() if kind in NUMBER_KINDS]
    if raw.empty or not numbers or spec.header_rows >= MAX_HEADER_ROWS:
        return
    cells = [str(raw[name].iloc[0]).strip() for name in numbers]
    if not all(is_label(text, spec) for text in cells):
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


def _check_unique(spec: SourceSpec, loaded: Table) -> None:
    """Refuse rows that repeat the declared key: they would be added up without a word."""
    if not spec.unique:
        return
    errors: list[SectorialError] = []
    for rows, shared in loaded.repeated(spec.unique):
        values = ", ".join(f"{c}={v}" for c, v in shared.items())
        errors.append(DataError(
            f"las filas {', '.join(map(str, rows))} repiten {values}",
            Location(str(spec.path), sheet=spec.sheet, row=rows[0]),
            "deje una sola fila por combinación de " + ", ".join(spec.unique),
        ))
    raise_all(errors)


def _is_excel(spec: SourceSpec) -> bool:
    return spec.path.suffix.lower() in EXCEL_SUFFIXES


def _explained(spec: SourceSpec, raw: Grid, rows: list[int],
               errors: list[SectorialError]) -> list[SectorialError]:
    """Errors of number cells that pandas read as empty, said as what the workbook holds
    there: an Excel error value (#DIV/0!) or a formula without its result."""
    names = list(raw.columns)
    cells = [(rows[offset], names.index(column) + 1, column)
             for column, kind in spec.columns.items() if kind != "texto"
             for offset, text in enumerate(raw[column].tolist())
             if str(text).strip() in ("", "nan")][:MAX_ERRORS]
    if not cells:
        return errors
    explained = {(e.where.row, e.where.column): e for e in explain_cells(spec, cells)}
    return [explained.pop((e.where.row, e.where.column), e)
            if isinstance(e, DataError) and e.where is not None else e
            for e in errors]


def _read_raw(spec: SourceSpec) -> tuple[Grid, list[int]]:
    """Return the file's cells as text (named columns) and the file row of each record."""
    where = Location(str(spec.path), sheet=spec.sheet)
    try:
        found = spec.path.is_file()
    except OSError as exc:  # a name too long for the system, a folder without permission
        raise _unreadable(spec, exc) from exc
    if not found and spec.path.exists():  # a folder, a pipe, a device (/dev/zero)
        kind = "una carpeta" if spec.path.is_dir() else \
            "una tubería, un dispositivo o un enlace a uno"
        raise DataError(f"no es un archivo de datos: es {kind}", where,
                        "indique en 'archivo' un archivo CSV o Excel")
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
        if suffix in EXCEL_SUFFIXES:
            try:
                frame = read_excel(spec)
            except (KeyError, ParseError) as exc:  # a zip without a workbook, broken XML
                raise zipfile.BadZipFile(str(exc)) from exc
            first_row = spec.header_row + spec.header_rows  # pandas keeps blank sheet rows
            return frame, list(range(first_row, first_row + len(frame)))
        if suffix == ".csv":
            return read_csv(spec)
    except OSError as exc:
        raise _unreadable(spec, exc) from exc
    except zipfile.BadZipFile as exc:
        raise DataError(
            "no es un archivo Excel válido",
            where,
            "ábralo en Excel y guárdelo de nuevo como .xlsx, o expórtelo como CSV",
        ) from exc
    except (table.ParserError, ValueError, csv.Error) as exc:
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
