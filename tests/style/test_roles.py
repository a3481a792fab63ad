"""A house style that lacks a role a format draws with fails before anything is drawn."""

from __future__ import annotations

from mini import make_project
from sectorial.cli import main


def without(style, line: str) -> None:
    text = style.read_text("utf-8")
    assert line in text
    style.write_text(text.replace(line, ""), "utf-8")


def test_check_names_the_missing_colour_and_what_to_add(tmp_path, capsys):
    brief = make_project(tmp_path)
    without(tmp_path / "templates" / "produce" / "estilo.yaml",
            '  fondo_caja: "#F3F5F8"\n')
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "campo 'colores.fondo_caja': el estilo 'PRODUCE - Análisis Sectorial' no define " \
           "el color 'fondo_caja' (hace falta para el DOCX y el PDF)" in err
    assert "Qué hacer: agregue 'colores: fondo_caja: \"#RRGGBB\"'" in err


def test_build_refuses_it_before_writing_anything(tmp_path, capsys):
    brief = make_project(tmp_path)
    without(tmp_path / "templates" / "produce" / "estilo.yaml", "    grafico_etiqueta: 9\n")
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out), "--formats", "pdf"]) == 1
    assert "no define el tamaño 'grafico_etiqueta' (hace falta para el PDF)" in \
        capsys.readouterr().err
    assert not any(p.suffix in (".pdf", ".docx") for p in out.glob("*")) if out.exists() else True


def test_a_short_palette_is_named_with_the_colours_it_needs(tmp_path, capsys):
    brief = make_project(tmp_path)
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    text = style.read_text("utf-8")
    start = text.index("  serie: [")
    end = text.index("]", start) + 1
    style.write_text(text[:start] + '  serie: ["#1D4E89"]' + text[end:], "utf-8")
    assert main(["check", str(brief)]) == 1
    assert "da 1 colores de serie y el DOCX y el PDF necesita 3" in capsys.readouterr().err
