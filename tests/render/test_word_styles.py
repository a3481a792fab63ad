"""The DOCX is written in named styles: a designer restyles it in Word through the house
style's reference document (``referencia.docx``), with no YAML and no code."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor
from PIL import Image

from mini import make_project
from readback import libreoffice, needs_tools
from sectorial.cli import main
from sectorial.render.word.styles import STYLES

ROOT = Path(__file__).resolve().parents[2]
GREEN = (0x00, 0xA0, 0x00)


def built_docx(brief: Path, out: Path) -> Path:
    assert main(["build", str(brief), "--out", str(out), "--formats", "docx", "--force"]) == 0
    return out / "mini-2024.docx"


def runs_with_direct_looks(path: Path) -> list[str]:
    """The runs of the document's body, header and footer that set a size or a colour."""
    found = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                xml = package.read(name).decode("utf-8")
                found += [run for run in re.findall(r"<w:r>.*?</w:r>", xml)
                          if "<w:sz " in run or "<w:color " in run]
    return found


@pytest.mark.parametrize("brief", ["vraem-2024.yaml", "junin-exportaciones-2024.yaml",
                                   "manufactura-mensual.yaml"])
def test_no_run_of_an_example_carries_a_size_or_a_colour_of_its_own(brief, tmp_path):
    assert main(["build", str(ROOT / "briefs" / brief), "--out", str(tmp_path),
                 "--formats", "docx"]) == 0
    (path,) = tmp_path.glob("*.docx")
    assert runs_with_direct_looks(path) == []
    word = docx.Document(str(path))
    used = {p.style.name for p in word.paragraphs}
    assert used <= {style.name for style in STYLES}, used


def test_the_shipped_references_are_those_the_house_styles_give():
    for name in ("produce", "promperu"):
        assert main(["estilo", "referencia", name, "--check"]) == 0, name


def test_a_reference_restyled_in_word_restyles_the_built_docx(tmp_path):
    brief = make_project(tmp_path)
    before = built_docx(brief, tmp_path / "antes")
    reference = tmp_path / "templates" / "produce" / "referencia.docx"
    word = docx.Document(str(reference))
    figure = word.styles["Cifra de caja"]
    figure.font.color.rgb, figure.font.size = RGBColor(*GREEN), Pt(30)
    word.save(str(reference))
    after = built_docx(brief, tmp_path / "despues")
    with zipfile.ZipFile(after) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    style = re.search(r'<w:style [^>]*w:styleId="Cifradecaja".*?</w:style>', styles).group(0)
    assert '<w:color w:val="00A000"/>' in style and '<w:sz w:val="60"/>' in style
    assert 'w:val="Cifradecaja"' in body and "Documento de referencia" not in body
    if not needs_tools.args[0]:
        _seen_by_libreoffice(before, after, tmp_path)


def _seen_by_libreoffice(before: Path, after: Path, tmp_path: Path) -> None:
    """LibreOffice prints the box figure larger and in the new colour."""
    heights, greens = [], []
    for path in (before, after):
        pdf = libreoffice(path, "pdf", path.parent)
        box = _word_box(pdf, "180")
        heights.append(box[3] - box[1])
        greens.append(_green_pixels(pdf, box, path.parent))
    assert heights[1] > heights[0] * 1.4  # 30 pt against the house style's 18 pt
    assert greens[0] == 0 and greens[1] > 20


def _word_box(pdf: Path, word: str) -> tuple[float, float, float, float]:
    html = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    found = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      rf'yMax="([\d.]+)">{word}</word>', html)
    assert found, f"LibreOffice no escribió '{word}' en la página 2"
    return tuple(float(v) for v in found.groups())  # type: ignore[return-value]


def _green_pixels(pdf: Path, box: tuple[float, ...], folder: Path) -> int:
    left, top, right, bottom = (round(v) for v in box)
    prefix = folder / "caja"
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "72", "-x", str(left), "-y",
                    str(top), "-W", str(right - left), "-H", str(bottom - top), "-png",
                    "-singlefile", str(pdf), str(prefix)], check=True)
    image = Image.open(f"{prefix}.png").convert("RGB")
    return sum(count for count, pixel in image.getcolors(image.width * image.height)
               if all(abs(a - b) < 40 for a, b in zip(pixel, GREEN)))


def test_a_reference_that_lacks_a_style_is_named_by_check_and_build(tmp_path, capsys):
    brief = make_project(tmp_path)
    reference = tmp_path / "templates" / "produce" / "referencia.docx"
    word = docx.Document(str(reference))
    style = word.styles["Mensaje clave"].element
    style.getparent().remove(style)
    word.save(str(reference))
    for command in (["check", str(brief)], ["build", str(brief), "--out", str(tmp_path / "o")]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "referencia.docx: al documento de referencia le faltan estilos: 'Mensaje " \
               "clave' (el mensaje destacado bajo el título de una página)" in err
        assert "sectorial estilo referencia produce" in err
    assert not (tmp_path / "o" / "mini-2024.docx").exists()


def test_a_damaged_reference_is_a_spanish_error(tmp_path, capsys):
    brief = make_project(tmp_path)
    (tmp_path / "templates" / "produce" / "referencia.docx").write_text("no soy un docx")
    assert main(["build", str(brief), "--out", str(tmp_path / "o")]) == 1
    assert "no se puede abrir el documento de referencia" in capsys.readouterr().err


def test_the_command_writes_a_reference_whose_every_style_is_shown(tmp_path, capsys):
    target = tmp_path / "ref.docx"
    assert main(["estilo", "referencia", "produce", "--out", str(target)]) == 0
    assert f"escrito: {target}" in capsys.readouterr().out
    word = docx.Document(str(target))
    shown = {p.style.name for p in word.paragraphs} | {
        r.style.name for p in word.paragraphs for r in p.runs}
    assert {style.name for style in STYLES} <= shown
    assert word.tables[0].style.name == "Cuadro sectorial"
    assert main(["estilo", "referencia", "produce", "--out", str(target), "--check"]) == 0
    target.write_bytes(target.read_bytes() + b"\0")
    assert main(["estilo", "referencia", "produce", "--out", str(target), "--check"]) == 1
    edited = target.read_bytes()  # as a designer left it: not replaced without --force
    assert main(["estilo", "referencia", "produce", "--out", str(target)]) == 1
    assert "perdería esos cambios" in capsys.readouterr().err and target.read_bytes() == edited
    assert main(["estilo", "referencia", "produce", "--out", str(target), "--force"]) == 0
    assert main(["estilo", "referencia", "produce", "--out", str(target), "--check"]) == 0


def test_the_package_names_sectorial_and_carries_no_blank_thumbnail(tmp_path):
    path = built_docx(make_project(tmp_path), tmp_path / "o")
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode("utf-8")
        relations = package.read("_rels/.rels").decode("utf-8")
    assert not [name for name in names if "thumbnail" in name] and "thumbnail" not in relations
    assert "<Application>sectorial</Application>" in app
    assert "<Company>Ministerio de la Producción</Company>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app


def test_a_reference_saved_by_libreoffice_or_full_of_content_gives_only_its_styles(tmp_path):
    """LibreOffice saves Word's own styles by the names Word shows ("Heading 1"); a designer
    may start from a finished brief, with its text, header, footer and charts: the DOCX takes
    the styles and nothing else."""
    brief = make_project(tmp_path)
    reference = tmp_path / "templates" / "produce" / "referencia.docx"
    resaved = libreoffice(reference, "docx", tmp_path / "lo")
    reference.write_bytes(resaved.read_bytes())
    assert built_docx(brief, tmp_path / "a").is_file()
    full = built_docx(brief, tmp_path / "b")  # a finished brief, with charts and a header
    reference.write_bytes(full.read_bytes())
    out = built_docx(brief, tmp_path / "c")
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        header = package.read("word/header1.xml").decode("utf-8")
    assert len(names) == len(set(names))  # no part twice: Word would call it damaged
    assert header.count("Análisis Sectorial") == 1
    word = docx.Document(str(out))
    texts = [p.text.replace("\u00a0", " ") for p in word.paragraphs]  # «informe 2024» kept
    assert texts.count("Mini informe 2024") == 1


def test_check_warns_when_estilo_yaml_changed_after_the_reference(tmp_path, capsys):
    brief = make_project(tmp_path)
    assert main(["check", str(brief)]) == 0
    assert "aviso" not in capsys.readouterr().err
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    style.write_text(style.read_text("utf-8").replace('primario: "#C8102E"',
                                                      'primario: "#00A000"'), "utf-8")
    assert main(["check", str(brief)]) == 0  # a warning, not an error: it may be on purpose
    err = capsys.readouterr().err
    assert "referencia.docx: se escribió para otros colores, tamaños o fuente" in err
    assert "sectorial estilo referencia produce --force" in err
