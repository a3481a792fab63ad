"""Data sources as a brief declares them (no file is read here: this stays light to import)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sectorial.lang.numbers import PRODUCE, NumberStyle

COLUMN_TYPES = ("periodo", "texto", "entero", "conteo", "decimal")
MAX_ERRORS = 20  # cells reported before the loader stops looking
PLACEHOLDERS = {"-", "–", "—", "n.d.", "nd", "n.d", "s.i.", "si", "…", "...", "s/d", "n.a."}
MAX_HEADER_ROWS = 3  # a header may span up to this many rows (a group title over sub-headers)


@dataclass(frozen=True)
class SourceSpec:
    """A data source as the brief declares it.

    Brief keys (section ``datos``): ``archivo`` (path), ``fuente`` (origin), ``columnas``
    (name -> type), ``hoja`` (sheet), ``numeros`` (number marks), ``clave`` (unique),
    ``fila_encabezado`` (header_row) and ``filas_encabezado`` (header_rows).

    ``filas_encabezado: N`` (1 to MAX_HEADER_ROWS, default 1) says the header spans N rows
    starting at ``fila_encabezado``, as in INEI or BCRP tables where a merged group cell
    ("Exportaciones") spans the sub-headers below it ("2023", "2024", "Var. %"). Each
    column's name joins its header cells from top to bottom with a space
    ("Exportaciones 2024"); a group cell is carried to the right across the columns it
    spans: in Excel the sheet's merged ranges, in CSV every empty cell after it (until a
    row above starts a new group). A column with empty upper cells keeps its lower name
    ("region"), one with an empty lower cell its upper name; whitespace inside a cell
    (line breaks) becomes one space. The first record is the row after the header.
    """

    key: str
    path: Path
    origin: str
    columns: dict[str, str]
    sheet: str | None = None
    numbers: NumberStyle = PRODUCE
    header_row: int = 1  # the file row that holds the column names (title rows above it)
    unique: tuple[str, ...] = ()  # columns that identify a row: no two rows may share them
    header_rows: int = 1  # how many rows the header spans, from header_row down
    optional: tuple[str, ...] = ()  # declared columns the file may lack (read as empty text)


__all__ = ["COLUMN_TYPES", "MAX_ERRORS", "MAX_HEADER_ROWS", "PLACEHOLDERS", "SourceSpec"]
