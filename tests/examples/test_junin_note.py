"""The PROMPERÚ press note end to end: the seed's figures in PROMPERÚ's number style."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readback import docx_text, libreoffice, needs_tools, page_size, pdf_info, pdf_text
from sectorial.cli import main

pytestmark = needs_tools

# Every figure the seed 000 states, formatted as the seed formats it (NBSPs normalised).
SEED_FIGURES = [
    "US$ 2 847 761 852",
    "316 empresas",
    "231 partidas",
    "68 mercados internacionales",
    "Junín ocupa el puesto 11 en el país",
    "Lima, Ica, Arequipa, Áncash, Moquegua, La Libertad, Puno, Callao, Piura y Apurímac",
    "US$ 2 411 millones",
    "18,1 %",
    "US$ 2 549 millones correspondieron al sector minero",
    "US$ 295 millones provinieron del sector agropecuario",
    "China, Taiwán, Estados Unidos, Alemania, Países Bajos, Corea del Sur, entre otros",
    "minerales de cobre y sus concentrados, con un valor de US$ 1 767 millones",
    "minerales de oro y sus concentrados (US$ 474 millones)",
    "minerales de plomo y sus concentrados (US$ 172 millones)",
    "café (US$ 100 millones)",
    "jengibre (US$ 98 millones)",
    "concentrados de zinc (US$ 69 millones)",
    "cacao en grano (US$ 59 millones)",
    "minerales de plata y sus concentrados (US$ 57 millones)",
    "piña (US$ 9 millones)",
    "alcanzó un valor de US$ 11 millones y en 2024 cerró con US$ 59 millones",
    "Italia y España",
    "pasaron de US$ 2 millones en 2023 a US$ 9 millones en 2024",
    "Estados Unidos, Canadá y México",
    "jugo de naranja congelado, con un valor de US$ 2 millones",
    "Aldo Palomino Veliz",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, root: Path) -> Path:
    out = tmp_path_factory.mktemp("nota")
    brief = root / "briefs" / "junin-exportaciones-2024.yaml"
    assert main(["build", str(brief), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def pdf(built: Path) -> str:
    return pdf_text(built / "junin-exportaciones-2024.pdf")


@pytest.fixture(scope="module")
def docx(built: Path, tmp_path_factory) -> str:
    return docx_text(built / "junin-exportaciones-2024.docx", tmp_path_factory.mktemp("lo"))


@pytest.mark.parametrize("figure", SEED_FIGURES)
def test_pdf_states_the_seed_figure(pdf: str, figure: str):
    assert figure in pdf


@pytest.mark.parametrize("figure", SEED_FIGURES)
def test_docx_states_the_seed_figure(docx: str, figure: str):
    assert figure in docx


@pytest.mark.parametrize("text", ["pdf", "docx"])
def test_the_rest_of_the_table_is_its_true_share(text: str, request):
    """34 of 2 848 millions is 1,2 %; its 24 rounded shares add to 0,9 % (issue 18)."""
    said = " ".join(request.getfixturevalue(text).split())
    assert re.search(r"Resto de productos 34 1,2 %", said), said[said.find("Resto"):][:80]


def test_promperu_style_never_uses_produce_marks(pdf: str):
    assert "18.1%" not in pdf and "2,847" not in pdf


def test_portrait_pages_without_cover(built: Path, tmp_path):
    info = pdf_info(built / "junin-exportaciones-2024.pdf")
    width, height = page_size(info)
    assert height > width
    assert int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1)) <= 2
    converted = pdf_info(libreoffice(built / "junin-exportaciones-2024.docx", "pdf", tmp_path))
    width, height = page_size(converted)
    assert height > width
