"""The VRAEM example end to end: every figure of the seed, read back by other tools."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from readback import docx_text, libreoffice, needs_tools, page_size, pdf_info, pdf_text
from sectorial.cli import main
from seeds import SEED_FIGURES

pytestmark = needs_tools

# Every figure the seed 004 states, as the seed formats it (context where a bare number
# would be ambiguous).


@pytest.fixture(scope="module")
def built(tmp_path_factory, root: Path) -> Path:
    out = tmp_path_factory.mktemp("salida")
    code = main(["build", str(root / "briefs" / "vraem-2024.yaml"), "--out", str(out)])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def pdf(built: Path) -> str:
    return pdf_text(built / "vraem-2024.pdf")


@pytest.fixture(scope="module")
def docx(built: Path, tmp_path_factory) -> str:
    """The DOCX's text as LibreOffice exports it, and the text of its charts' own drawings
    (a donut's centre figure), which that export leaves out."""
    import re
    import zipfile

    with zipfile.ZipFile(built / "vraem-2024.docx") as package:
        drawn = [" ".join(re.findall(r"<a:t>([^<]*)</a:t>", package.read(name).decode()))
                 for name in package.namelist() if name.startswith("word/drawings/")]
    return docx_text(built / "vraem-2024.docx", tmp_path_factory.mktemp("lo")) + " " + \
        " ".join(drawn)


def test_build_writes_both_files(built: Path):
    assert (built / "vraem-2024.docx").stat().st_size > 10_000
    assert (built / "vraem-2024.pdf").stat().st_size > 10_000
    assert not list(built.glob(".*.tmp"))


@pytest.mark.parametrize("figure", SEED_FIGURES)
def test_pdf_states_the_seed_figure(pdf: str, figure: str):
    assert figure in pdf


@pytest.mark.parametrize("figure", SEED_FIGURES)
def test_docx_states_the_seed_figure(docx: str, figure: str):
    assert figure in docx


def test_no_negative_sign_or_billion_in_prose(pdf: str):
    assert "billón" not in pdf and "billones" not in pdf
    assert "-0.3%" not in pdf


def test_pdf_embeds_every_font(built: Path):
    fonts = subprocess.run(["pdffonts", str(built / "vraem-2024.pdf")],
                           capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "el PDF no declara fuentes"
    for line in fonts:
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_pdf_pages_metadata_and_bookmarks(built: Path):
    info = pdf_info(built / "vraem-2024.pdf")
    assert re.search(r"^Pages:\s+7$", info, re.M)
    assert "Title:           Desempeño económico del VRAEM 2024" in info
    width, height = page_size(info)
    assert width > height  # landscape
    assert b"/Lang (es-PE)" in (built / "vraem-2024.pdf").read_bytes()
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q",
                          str(built / "vraem-2024.pdf")],
                         capture_output=True, text=True, check=True).stdout
    outline = re.findall(r'<item page="\d+">([^<]+)</item>', xml)
    assert outline[1:] == [
        "VRAEM: Contribución del VRAEM a la actividad económica",
        "EMPRESARIAL: Evolución de las Empresas formales del VRAEM",
        "EMPLEO: Evolución del nivel de empleo en la zona del VRAEM",
        "EXPORTACIONES: Evolución de las exportaciones del VRAEM y país de destino",
        "EXPORTACIONES: Principales productos exportados desde el VRAEM",
        "FINANCIAMIENTO: Evolución y distribución del Crédito Empresarial",
    ]


def test_libreoffice_lays_out_the_docx_on_seven_landscape_pages(built: Path, tmp_path):
    info = pdf_info(libreoffice(built / "vraem-2024.docx", "pdf", tmp_path))
    assert re.search(r"^Pages:\s+7$", info, re.M)
    width, height = page_size(info)
    assert width > height


def test_docx_sections_are_word_headings(built: Path):
    import docx

    word = docx.Document(str(built / "vraem-2024.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "VRAEM: Contribución del VRAEM a la actividad económica"
    assert len(headings) == 6
    assert len(word.inline_shapes) == 13
    assert all(s._inline.docPr.get("descr") for s in word.inline_shapes)


def test_the_donut_centre_figure_is_written_in_its_hole(built: Path):
    """`centro` is in the donut's hole: as text (poppler finds it) inside the ring its
    slices draw (where pikepdf reads their paths on the page), away from the legend."""
    import math
    import re

    from readback import curved_fills

    pdf = built / "vraem-2024.pdf"
    boxes = subprocess.run(["pdftotext", "-f", "4", "-l", "4", "-bbox", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes).group(1))
    words = [(w, (float(x0), height - float(y1), float(x1), height - float(y0)))
             for x0, y0, x1, y1, w in re.findall(
                 r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<',
                 boxes)]
    first = [w for w, _ in words].index("2,525,492")
    centre = words[first:first + 2]
    assert [w for w, _ in centre] == ["2,525,492", "trabajadores"]
    slices = [b for b in curved_fills(pdf, 3) if b[2] - b[0] > 20]  # not the line markers
    for word, (x0, y0, x1, y1) in centre:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        # the ring: a slice whose box holds the word, and the slices that touch it
        ring = [b for b in slices if b[0] - 1 < cx < b[2] + 1 and b[1] - 1 < cy < b[3] + 1][:1]
        assert ring, (word, slices)
        while more := [b for b in slices if b not in ring and any(
                b[0] <= r[2] + 1 and r[0] <= b[2] + 1 and b[1] <= r[3] + 1 and r[1] <= b[3] + 1
                for r in ring)]:
            ring += more
        left, bottom = min(b[0] for b in ring), min(b[1] for b in ring)
        right, top = max(b[2] for b in ring), max(b[3] for b in ring)
        radius = (right - left) / 2
        assert right - left == pytest.approx(top - bottom, rel=0.02)  # a whole ring
        ox, oy = (left + right) / 2, (bottom + top) / 2
        # the whole word within the hole (62% of the radius)
        corner = max(math.dist((ox, oy), (x, y)) for x in (x0, x1) for y in (y0, y1))
        assert corner < 0.62 * radius, (word, corner, radius)
