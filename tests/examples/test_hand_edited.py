"""The shipped examples with their data edited as people edit sheets by hand (issue 17).

Each edit would have published a wrong figure with exit 0. On a copy of the example, the
build must stop with exit 1, a message naming the file, the row and the column, no
traceback, and an output folder with no document in it."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import pytest

from sectorial.cli import main

Edit = Callable[[str], str]


def replace_first(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return edit


def drop_lines(start: str) -> Edit:
    def edit(text: str) -> str:
        kept = [line for line in text.splitlines(True) if not line.startswith(start)]
        assert len(kept) < len(text.splitlines(True)), start
        return "".join(kept)
    return edit


def replace_all(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)
    return edit


def append(line: str) -> Edit:
    return lambda text: text + line


VRAEM = ("vraem-2024", "vraem", ())
REGIONAL = ("exportaciones-regionales", "exportaciones", ("--period", "2025-09"))
JUNIN = ("junin-exportaciones-2024", "junin", ())

CASES = {
    "dos grafías de una región": (
        REGIONAL, "exportaciones_mensuales.csv",
        replace_first("2025-08,Junín,", "2025-08,Junin,"),
        ["'Junín'", "'Junin'", "columna 'region'"]),
    "una fila Total": (
        VRAEM, "empleo.csv", append("2024,Total,Total,Total,4525000,estimado\n"),
        ["empleo.csv", "fila 122", "fila de total", "filas_total"]),
    "un departamento ausente de un año": (
        VRAEM, "empleo.csv", drop_lines("2022,Cusco,"),
        ["empleo.csv", "2022", "departamento=Cusco"]),
    "una región ausente del mes del reporte": (
        REGIONAL, "exportaciones_mensuales.csv", drop_lines("2025-09,Tumbes,"),
        ["exportaciones_mensuales.csv", "setiembre 2025", "region=Tumbes"]),
    "miles a la española en un archivo de punto decimal": (
        VRAEM, "pbi.csv", replace_first("581369.0", "581.369"),
        ["pbi.csv", "fila 13", "'581.369'", "581,369"]),
    "un conteo negativo a la contable": (
        VRAEM, "empleo.csv", replace_first("Formal,21787,", 'Formal,"(21787)",'),
        ["empleo.csv", "fila 2", "columna 'trabajadores'", "negativo"]),
    "un emoji en un producto": (
        JUNIN, "exportaciones_junin.csv", replace_all(",Jengibre,", ",Jengibre 🫚,"),
        ["exportaciones_junin.csv, fila", "columna 'producto'", "engibre 🫚", "U+1FADA"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hand_edited_example_stops_with_the_cell(case, root, tmp_path, capsys):
    (brief_name, folder, args), file_name, edit, says = CASES[case]
    (tmp_path / "briefs").mkdir()
    shutil.copy(root / "briefs" / f"{brief_name}.yaml", tmp_path / "briefs")
    shutil.copytree(root / "data" / folder, tmp_path / "data" / folder)
    shutil.copytree(root / "templates", tmp_path / "templates")
    data = tmp_path / "data" / folder / file_name
    data.write_text(edit(data.read_text("utf-8")), "utf-8")
    out = tmp_path / "out"
    code = main(["build", str(tmp_path / "briefs" / f"{brief_name}.yaml"), *args,
                 "--out", str(out), "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 1, captured.out
    for fragment in says:
        assert fragment in captured.err, (fragment, captured.err)
    assert "Traceback" not in captured.err and "error interno" not in captured.err
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
