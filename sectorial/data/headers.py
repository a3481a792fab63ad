"""Header rows: one name per column from one to three rows, and what a wrong header says."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sectorial.data.spec import SEPARATOR_NAMES, SEPARATOR_WORDS, SourceSpec
from sectorial.data.table import Grid
from sectorial.errors import DataError, Location
from sectorial.lang.folding import slug

Carry = Callable[[list[list[str]]], None]
"""Fills the group cells of a multi-row header across the columns they span, in place."""


def header_names(grid: Grid, header_rows: int, carry: Carry) -> list[str]:
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


def carry_right(rows: list[list[str]]) -> None:
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


def no_carry(rows: list[list[str]]) -> None:
    """A one-row header: nothing to carry."""


def beyond_end(spec: SourceSpec, last: int) -> DataError:
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


def title_row_error(where: Location, named: list[str], separator: str = ",") -> DataError:
    """The header row holds one name: title rows above it, or cells separated otherwise."""
    said = named[0] if named else ""
    others = [c for c in SEPARATOR_NAMES if c != separator and c in said]
    if others:
        written = {char: word for word, char in SEPARATOR_WORDS.items()}[others[0]]
        return DataError(
            f"la fila {where.row} tiene un solo nombre de columna ('{said[:60]}'): sus celdas "
            f"están separadas por {SEPARATOR_NAMES[others[0]]}, no por "
            f"{SEPARATOR_NAMES[separator]}",
            where,
            "quite 'separador' de la fuente en el informe para que se detecte, o escriba "
            f"separador: \"{written}\"")
    return DataError(
        f"la fila {where.row} no parece el encabezado de la tabla "
        f"(dice: '{said}')",
        where,
        "si hay filas de título encima de la tabla, indique en el informe "
        "'fila_encabezado:' con el número de la fila que tiene los nombres de columna",
    )


def alias_names(names: list[str], spec: SourceSpec) -> list[str]:
    """The header with each column found under another name of a declared column renamed
    to it ("E-mail" -> "correo"); two columns that could both be it are an error."""
    def key(text: str) -> str:
        return slug(text).replace("-", "")

    where = Location(str(spec.path), sheet=spec.sheet, row=spec.header_row)
    renamed = list(names)
    for column, others in spec.aliases.items():
        if column in names:
            continue
        wanted = {key(column), *(key(other) for other in others)}
        found = [i for i, name in enumerate(names) if name and key(name) in wanted]
        if len(found) > 1:
            raise DataError(
                f"hay {len(found)} columnas que pueden ser '{column}': "
                + ", ".join(f"'{names[i]}'" for i in found),
                replace(where, column=column), "deje una sola, o llame a la buena "
                f"'{column}'")
        if found:
            renamed[found[0]] = column
    return renamed
