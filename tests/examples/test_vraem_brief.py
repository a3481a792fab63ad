"""The VRAEM example end to end: every figure of the seed, read back by other tools."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from readback import docx_text, libreoffice, needs_tools, page_size, pdf_info, pdf_text
from sectorial.cli import main

pytestmark = needs_tools

# Every figure the seed 004 states, as the seed formats it (context where a bare number
# would be ambiguous).
SEED_FIGURES = [
    "0.2% del PBI Nacional",
    "S/ 1,093 millones",
    "17,224 empresas formales",
    "el 0.7%",
    "US$ 9,580 millones",
    "contribuyen con el 12.9%",
    "S/ 2,185 millones",
    "34.1% de las empresas formales del VRAEM",
    "Cusco (27.7%), Junín (22.3%), Huancavelica (13.3%) y Apurímac (2.7%)",
    "China, Suiza, India, Corea del Sur y Japón",
    "2.5 millones empleos directos",
    "14.1% de la PEA ocupada",
    "84.6% de empleo informal",
    "8 de cada 10",
    "S/ 981 millones",
    "tasa de 3.3% en promedio anual",
    "se registraron 17,224 empresas formales",
    "un aumento de 8.6% con respecto a 2023",
    "el 97.1% son micro, el 2.7% pequeñas, el 0.1% mediana y el 0.1% grandes empresas",
    "El 44.2% de las empresas formales",
    "el 42.4% a servicios",
    "En Ayacucho se ubica el 34.1% de las empresas",
    "creció a una tasa de 1.1% en promedio anual",
    "pasando de 2.4 millones en 2019 a 2.5 millones de trabajadores en 2024",
    "2 millones 525 mil trabajadores",
    "una caída de 0.3%",
    "el 84.6% del empleo generado es empleo informal",
    "solo el 15.4% es formal",
    "el 46.0% de la PEA ocupada son mujeres",
    "2,525,492 trabajadores",
    "Apurímac, Ayacucho, Cusco, Huancavelica y Junín",
    "se incrementaron en 0.3% respecto al 2023, alcanzando los US$ 9,580 millones",
    "China (72.7%), Suiza (5.2%) e India (3.2%)",
    "concentrando el 84% del valor total exportado",
    "Apurímac (31.5%), Junín (29.7%) y Cusco (27.2%)",
    "de S/ 587 millones en 2019 a S/ 981 millones en 2024",
    "crecimiento promedio anual de 14.7%",
    "con un 82% del total",
    "microempresas (16%) y medianas empresas (1%)",
    "Apurímac lidera la distribución regional con el 55%",
    "seguido por Junín con el 24%",
    "Cusco y Ayacucho cuentan con el 11% y 10%",
    "Huancavelica no registra crédito empresarial otorgado",
    "Mayo 2025",
    "Fuente: INEI - ENAHO",
    "Elaboración: PRODUCE – OGEIEE.",
]


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
    return docx_text(built / "vraem-2024.docx", tmp_path_factory.mktemp("lo"))


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
