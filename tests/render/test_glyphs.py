"""A character the PDF's fonts cannot draw is refused before anything is drawn: it would
print as nothing (matplotlib and reportlab drop it) and its sentence would read wrong."""

from __future__ import annotations

import pytest

from mini import DATA, make_project
from sectorial.cli import main


@pytest.mark.parametrize("mark", ["🚀", "中"])
def test_a_character_missing_from_the_font_is_refused_with_its_text(tmp_path, capsys, mark):
    brief = make_project(tmp_path, data=DATA.replace("Junín", f"Junín {mark}"))
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert f"«Junín {mark}» lleva '{mark}' (U+{ord(mark):04X})" in captured.err
    assert "empresas.csv, fila 3, columna 'region'" in captured.err  # the cell it came from
    assert not list(out.glob("mini-*"))


def test_the_word_document_with_native_charts_still_builds(tmp_path):
    brief = make_project(tmp_path, data=DATA.replace("Junín", "Junín 🚀"))
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out), "--formats", "docx"]) == 0
    assert (out / "mini-2024.docx").exists()


def test_word_charts_drawn_as_pictures_are_checked_too(tmp_path, capsys):
    brief = make_project(tmp_path, data=DATA.replace("Junín", "Junín 🚀"))
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    text = style.read_text("utf-8")
    assert "docx: nativo" in text
    style.write_text(text.replace("docx: nativo", "docx: imagen"), "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out), "--formats", "docx"]) == 1
    assert "«Junín 🚀» lleva '🚀'" in capsys.readouterr().err
