"""CSV files: title rows skipped, cells read as text, every record named by its file row."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from sectorial.data import table
from sectorial.data.headers import (
    alias_names,
    beyond_end,
    carry_right,
    header_names,
    title_row_error,
)
from sectorial.data.spec import SEPARATOR_NAMES, SourceSpec
from sectorial.data.table import Grid
from sectorial.errors import DataError, Location
from sectorial.lang.phrases import fold

_NEWLINE = re.compile(r"\r\n|\r|\n")  # line ends as the csv module counts them


_VISIBLE = re.compile(r"\S")


_CSV_OPTIONS: dict[str, Any] = {"header": None, "dtype": str, "keep_default_na": False,
                                "na_filter": False, "skipinitialspace": True,
                                "encoding": "utf-8"}


def read_csv(spec: SourceSpec) -> tuple[Grid, list[int]]:
    """Return the declared columns as text and the file row of each record.

    Memory stays near twice the file's size: the text is handed to pandas as UTF-8
    bytes (a StringIO would hold four bytes per character) and only the columns the
    brief declares are read. Blank lines are skipped.
    """
    raw = spec.path.read_bytes()
    text = decode(raw, spec)
    del raw
    start, skipped = 0, 0
    for match in _NEWLINE.finditer(text):  # title rows above the header are not data
        if skipped == spec.header_row - 1:
            break
        start, skipped = match.end(), skipped + 1
    if skipped < spec.header_row - 1 or not _VISIBLE.search(text, start):
        lines = _NEWLINE.split(text)
        raise beyond_end(spec, max((n for n, line in enumerate(lines, start=1)
                                     if line.strip()), default=0))
    offset = len(text[:start].encode("utf-8"))
    data = text.encode("utf-8")
    del text
    if offset:
        data = data[offset:]
    separator = spec.separator or detect_separator(data)
    starts = _check_field_counts(spec.path, data, spec.header_row, separator)
    options = {**_CSV_OPTIONS, "sep": separator}
    head = table.read_csv(data, nrows=spec.header_rows, **options)
    names = alias_names(header_names(head, spec.header_rows, carry_right), spec)
    required = [name for name in spec.columns if name not in spec.optional]
    if not all(name in names for name in required):  # load_table names what is missing
        return table.empty_grid(names), []
    used = [j for j, name in enumerate(names) if name in spec.columns]
    grid = table.read_csv(data, usecols=used, **options)
    frame = grid.iloc[spec.header_rows:].reset_index(drop=True)
    frame.columns = [names[j] for j in used]
    rows = starts[spec.header_rows:]
    if len(rows) != len(frame):  # cannot happen, but a wrong row is worse than none
        first = spec.header_row + spec.header_rows
        rows = list(range(first, first + len(frame)))
    return frame, rows


def decode(raw: bytes, spec: SourceSpec) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Texto
    Unicode"), or Windows-1252 (Excel's "CSV" on Windows). A UTF-8 file with a few bytes
    of another encoding is an error naming their rows: read as Windows-1252, every accent
    of the file would turn into two wrong letters ("JunÃ\xadn")."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DataError("el archivo dice ser UTF-16 y no lo es", Location(str(spec.path)),
                            "guárdelo de nuevo desde Excel como 'CSV UTF-8'") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mixed = raw.decode("utf-8", errors="surrogateescape")
    bad = [i for i, c in enumerate(mixed) if "\udc80" <= c <= "\udcff"]
    if any(ord(c) > 0x7F and not "\udc80" <= c <= "\udcff" for c in mixed):
        rows = sorted({mixed.count("\n", 0, i) + 1 for i in bad})
        shown = ", ".join(map(str, rows[:8])) + ("…" if len(rows) > 8 else "")
        raise DataError(
            f"el archivo es UTF-8, pero {len(bad)} byte(s) no lo son "
            f"(fila{'s' if len(rows) > 1 else ''} {shown}): texto pegado con otra codificación",
            Location(str(spec.path), row=rows[0]),
            "escriba de nuevo esas celdas, o guarde el archivo entero como 'CSV UTF-8'")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"el archivo no es texto: el byte {raw[exc.start]:#04x} no es UTF-8 ni "
            "Windows-1252",
            Location(str(spec.path), row=raw.count(b"\n", 0, exc.start) + 1),
            "si es una hoja de cálculo, guárdela como .xlsx, o desde Excel como "
            "'CSV UTF-8 (delimitado por comas)'",
        ) from exc


SEPARATORS = tuple(SEPARATOR_NAMES)
"""What a CSV's cells may be separated by: Excel in a Peruvian locale writes ';'."""


def detect_separator(data: bytes) -> str:
    """The separator of the header row: the candidate it holds most often outside quotes
    (',' when it holds none, a one-column file)."""
    line = data.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {candidate: outside.count(candidate) for candidate in SEPARATORS}
    best = max(SEPARATORS, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


NOTE_WORDS = ("fuente", "elaboracion", "nota", "notas", "nota:", "elaborado", "(*)", "*",
              "1/", "(1)", "p/", "e/")
"""How the notes under a published table begin (compared without accents or case)."""


def is_note(row: list[str]) -> bool:
    """Whether a short row is a note under the table ("Fuente: INEI", "1/ Preliminar")."""
    first = fold(next((cell for cell in row if cell.strip()), "").strip())
    return any(first == word or first.startswith((word + " ", word + ":"))
               for word in NOTE_WORDS) or first.startswith(("fuente", "elaboraci", "nota"))


def _check_field_counts(path: Path, data: bytes, header_row: int,
                        separator: str = ",") -> list[int]:
    """Refuse rows with more or fewer cells than the header; return each record's file row.

    pandas would silently turn the first column into an index (an unquoted "17,224" shifts
    every cell of the row) or drop the extra cells. Blank lines, which pandas skips, are
    left out of the returned rows (the header's row comes first), so that a record after a
    blank line is still named by its row in the file.
    """
    rows = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=""),
                      delimiter=separator)
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
            raise title_row_error(Location(str(path), row=header_row), named, separator)
        if len(row) < len(header) and is_note(row):
            raise DataError(
                f"la fila parece una nota al pie, no datos: '{','.join(row).strip()[:60]}'",
                Location(str(path), row=number),
                "quite del archivo las notas de debajo de la tabla (fuente, elaboración, "
                "notas): la fuente se declara en el informe, con 'fuente'")
        if len(row) != len(header):
            raise DataError(
                f"la fila tiene {len(row)} celdas y el encabezado {len(header)}",
                Location(str(path), row=number),
                "si un número lleva comas de miles (17,224), escríbalo entre comillas o sin "
                "comas; quite separadores sobrantes al final de la fila",
            )
    return starts
