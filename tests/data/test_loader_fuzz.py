"""Random tables: the loader either reads them or refuses them with a user error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import SectorialError

COLUMNS = {"anio": "periodo", "region": "texto", "valor": "decimal", "n": "entero"}
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2024", "17,224", "S/ 1,093", "84.6%", "(10.9)", "n.d.", "-", "", "NA",
                     "2 847 761 852", "1,093,5", "Apurímac", "\u00a0", "1e9", "2023P"]),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
row = st.lists(cell, min_size=0, max_size=6)
header = st.sampled_from([
    ["anio", "region", "valor", "n"],
    ["anio", "region", "valor"],
    ["region", "anio", "n", "valor", "x"],
])


@settings(max_examples=150, deadline=None)
@given(header=header, rows=st.lists(row, max_size=8), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_random_tables_load_or_fail_cleanly(header, rows, encoding):
    lines = [",".join(header)] + [",".join(f'"{c}"' if "," in c else c for c in r) for r in rows]
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "datos.csv"
        try:
            path.write_bytes(text.encode(encoding))
        except UnicodeEncodeError:
            path.write_bytes(text.encode("utf-8"))
        try:
            table = load_table(SourceSpec("d", path, "INEI", COLUMNS))
        except SectorialError as exc:
            assert "datos.csv" in str(exc) or "problemas" in str(exc)
        else:
            assert list(table.frame.columns) == [*COLUMNS, "_row", "_periodo"]


header_cell = st.one_of(st.sampled_from(["", "anio", "region", "valor", "n", "Exportaciones",
                                         "2024", "Var. %", "US$ millones", " "]),
                        st.text(max_size=6))


@settings(max_examples=150, deadline=None)
@given(head=st.lists(st.lists(header_cell, min_size=4, max_size=4), min_size=1, max_size=3),
       rows=st.lists(st.lists(cell, min_size=4, max_size=4), max_size=5),
       header_rows=st.integers(1, 3), header_row=st.integers(1, 3),
       blank_lines=st.booleans())
def test_random_multi_row_headers_load_or_fail_cleanly(head, rows, header_rows, header_row,
                                                       blank_lines):
    def line(cells: list[str]) -> str:
        return ",".join('"' + c.replace('"', '""') + '"' if set(c) & set(',"\r\n') else c
                        for c in cells)

    lines = ["Cuadro 1"] * (header_row - 1) + [line(r) for r in head + rows]
    if blank_lines:
        lines.insert(len(lines) // 2, "")
    columns = {"anio": "periodo", "region": "texto", "valor": "decimal"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "datos.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        spec = SourceSpec("d", path, "INEI", columns, header_row=header_row,
                          header_rows=header_rows)
        try:
            table = load_table(spec)
        except SectorialError as exc:
            assert "datos.csv" in str(exc) or "problemas" in str(exc)
        else:
            assert list(table.frame.columns) == [*columns, "_row", "_periodo"]
            assert all(row > header_row + header_rows - 1 for row in table.frame["_row"])
