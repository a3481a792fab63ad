"""Data sources as a brief declares them (no file is read here: this stays light to import)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sectorial.lang.numbers import PRODUCE, NumberStyle

COLUMN_TYPES = ("periodo", "texto", "entero", "conteo", "decimal")
MAX_ERRORS = 20  # cells reported before the loader stops looking
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


__all__ = ["COLUMN_TYPES", "MAX_ERRORS", "PLACEHOLDERS", "SourceSpec"]
