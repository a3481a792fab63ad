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
    assert "da 1 colores de serie y hacen falta 3 para el DOCX y el PDF" in \
        capsys.readouterr().err


def test_intensity_without_a_bound_and_empty_sections_are_read(tmp_path):
    from sectorial.style.loader import load_house

    make_project(tmp_path)
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    style.write_text(style.read_text("utf-8").replace(
        "graficos:\n  docx: nativo   # gráficos de Word editables en el DOCX (con su hoja de "
        "datos); imagen: PNG\n  dpi: 200\n", "graficos:\n") + "intensidad:\n"
        "  - {hasta: 2, palabra: \"ligero|ligera\"}\n  - {hasta: null, palabra: fuerte}\n"
        "  - {palabra: último}\n", "utf-8")
    house = load_house(style.parent)
    assert house.voice.intensity == ((2.0, "ligero|ligera"), (None, "fuerte"), (None, "último"))
    assert (house.look.docx_charts, house.look.chart_dpi) == ("imagen", 200)


def test_a_missing_font_file_names_its_line(tmp_path, capsys):
    brief = make_project(tmp_path)
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    style.write_text(style.read_text("utf-8").replace("fuentes/Lato-Bold.ttf", "fuentes/No.ttf"),
                     "utf-8")
    assert main(["check", str(brief)]) == 1
    assert "estilo.yaml, línea 20, campo 'fuentes.pdf.negrita': no existe el archivo de fuente" \
        in capsys.readouterr().err
