"""Excel workbooks (openpyxl): a sheet's cells as text, merged header cells carried."""

from __future__ import annotations

from typing import Any

from sectorial.data import table
from sectorial.data.headers import Carry, alias_names, beyond_end, header_names, no_carry
from sectorial.data.spec import EXCEL_ERRORS, SourceSpec
from sectorial.data.table import Grid
from sectorial.errors import DataError, Location


def read_excel(spec: SourceSpec) -> Grid:
    """Read a sheet as text from its header row down; name the columns from the header.

    A header of several rows needs the sheet's merged ranges, which only a workbook opened
    in full (not read-only, as pandas opens it) knows: it is opened here and handed over.
    """
    from openpyxl import load_workbook

    source: Any = spec.path
    sheet_name: str | int = spec.sheet if spec.sheet else 0
    carry: Carry = no_carry
    if spec.header_rows > 1:
        source = load_workbook(spec.path, read_only=False, data_only=True, keep_links=False)
        if spec.sheet and spec.sheet not in source.sheetnames:
            raise missing_sheet(spec)
        sheet = source[spec.sheet] if spec.sheet else source.worksheets[0]
        sheet_name, carry = sheet.title, _carry_merged(sheet, spec.header_row)

    def read(skip: int) -> Grid:
        return table.read_excel(source, sheet_name, skip)

    try:
        grid = read(spec.header_row - 1)
        if grid.empty:
            raise beyond_end(spec, len(read(0)))  # pandas trims trailing blank rows
    except ValueError as exc:
        if spec.sheet and "not found" in str(exc):
            raise missing_sheet(spec) from exc
        raise
    names = alias_names(header_names(grid, spec.header_rows, carry), spec)
    frame = grid.iloc[spec.header_rows:].reset_index(drop=True)
    frame.columns = names
    return frame


def missing_sheet(spec: SourceSpec) -> DataError:
    return DataError(
        f"no existe la hoja '{spec.sheet}'",
        Location(str(spec.path)),
        "corrija 'hoja' en la sección 'datos' del informe",
    )


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


SHEET_ROWS = 20  # rows of another sheet searched for the declared header


def other_sheet(spec: SourceSpec) -> DataError | None:
    """When the declared columns are not in the sheet read but in another one (a workbook
    whose first sheet holds notes), the error that names that sheet."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(spec.path, read_only=True, data_only=True, keep_links=False)
    except Exception:  # noqa: BLE001 - the reader reports an unreadable file
        return None
    try:
        read = spec.sheet or book.sheetnames[0]
        wanted = set(spec.columns) - set(spec.optional)
        for sheet in book.worksheets:
            if sheet.title == read:
                continue
            for number, row in enumerate(sheet.iter_rows(max_row=SHEET_ROWS, values_only=True),
                                         start=1):
                names = {" ".join(str(v).split()) for v in row if v is not None}
                if wanted <= names:
                    start = "" if number == 1 else f" y fila_encabezado: {number}"
                    return DataError(
                        f"la hoja '{read}' no tiene las columnas del informe; están en la "
                        f"hoja '{sheet.title}' (fila {number})",
                        Location(str(spec.path), sheet=read),
                        f"agregue en la fuente hoja: \"{sheet.title}\"{start} (hojas del "
                        f"libro: {', '.join(book.sheetnames)})")
        return None
    finally:
        book.close()


def explain_cells(spec: SourceSpec, cells: list[tuple[int, int, str]]) -> list[DataError]:
    """What empty-looking number cells really hold: an Excel error (#DIV/0!) or a formula
    whose result the file does not keep (written by a program, never saved by Excel).
    ``cells`` are (sheet row, column number from 1, column name)."""
    from openpyxl import load_workbook

    errors: list[DataError] = []
    try:
        values = load_workbook(spec.path, read_only=False, data_only=True, keep_links=False)
        formulas = load_workbook(spec.path, read_only=False, data_only=False,
                                 keep_links=False)
    except Exception:  # noqa: BLE001 - the cells keep their first diagnosis
        return errors
    name = spec.sheet or values.sheetnames[0]
    for row, column, label in cells:
        value = values[name].cell(row=row, column=column).value
        formula = formulas[name].cell(row=row, column=column).value
        where = Location(str(spec.path), sheet=spec.sheet, row=row, column=label)
        written = formula if isinstance(formula, str) and formula.startswith("=") else None
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            errors.append(DataError(
                f"la celda tiene el error de Excel '{value.strip()}'"
                + (f" (de la fórmula '{written}')" if written else ""), where,
                "corrija la fórmula en la hoja (una división entre cero, una referencia "
                "rota) o escriba el valor"))
        elif value is None and written:
            errors.append(DataError(
                f"la celda tiene la fórmula '{written}' pero el archivo no guarda su "
                "resultado (lo escribió un programa, no Excel)", where,
                "abra el archivo en Excel o LibreOffice y guárdelo (así se calculan las "
                "fórmulas), o pegue la columna como valores"))
    return errors
