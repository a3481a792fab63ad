"""Excel workbooks (openpyxl): a sheet's cells as text, merged header cells carried."""

from __future__ import annotations

from typing import Any

from sectorial.data import table
from sectorial.data.headers import Carry, beyond_end, header_names, no_carry
from sectorial.data.spec import SourceSpec
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
    names = header_names(grid, spec.header_rows, carry)
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
