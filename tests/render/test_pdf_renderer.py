"""The PDF renderer, read back with poppler's tools."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from sectorial.errors import RenderError
from sectorial.render.charts import render_charts
from sectorial.render.pdf import render_pdf

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="necesita poppler-utils")


@pytest.fixture(scope="module")
def images(theme):
    from conftest import sample_document

    return render_charts(sample_document(), theme)


@pytest.fixture()
def pdf(sample_doc, theme, images, tmp_path) -> Path:
    out = io.BytesIO()
    render_pdf(sample_doc, theme, images, out)
    path = tmp_path / "muestra.pdf"
    path.write_bytes(out.getvalue())
    return path


def tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@needs_poppler
def test_one_page_per_model_page_plus_cover(pdf):
    assert "Pages:           4" in tool("pdfinfo", str(pdf))


@needs_poppler
def test_only_embedded_house_fonts(pdf):
    rows = tool("pdffonts", str(pdf)).splitlines()[2:]
    assert rows and all("Lato" in r and r.split()[-5] == "yes" for r in rows)


@needs_poppler
def test_text_keeps_bold_runs_and_figures(pdf):
    text = " ".join(tool("pdftotext", str(pdf), "-").replace("\u00a0", " ").split())
    assert "17,224 empresas formales" in text
    assert "2,525,492 trabajadores" in text  # the donut's headline figure is real text
    assert "Fuente: INEI - ENAHO" in text


@needs_poppler
def test_page_numbers_in_the_footer(pdf):
    pages = tool("pdftotext", str(pdf), "-").split("\f")
    assert pages[1].strip().endswith("2") and pages[3].strip().endswith("4")


def test_missing_picture_is_an_error(sample_doc, theme, images):
    with pytest.raises(RenderError, match="empresas_region"):
        render_pdf(sample_doc, theme, {k: v for k, v in images.items()
                                       if k != "empresas_region"}, io.BytesIO())


def test_unknown_page_kind_is_an_error(sample_doc, theme, images):
    @dataclass(frozen=True)
    class Poster:
        title: str

    doc = replace(sample_doc, pages=(Poster("x"),))
    with pytest.raises(RenderError, match="'Poster'"):
        render_pdf(doc, theme, images, io.BytesIO())


def test_chart_pictures_are_opaque_and_sized_at_the_house_resolution(theme, images):
    """RGB on white (no alpha channel to carry and strip) with the resolution recorded, which
    sizes the picture in the DOCX (128 mm at 200 ppp: 1,007 pixels)."""
    from conftest import sample_document
    from PIL import Image

    from sectorial.render.layout import chart_sizes

    sizes = chart_sizes(sample_document())
    for key, data in images.items():
        picture = Image.open(io.BytesIO(data))
        assert picture.format == "PNG" and picture.mode == "RGB"
        assert picture.info["dpi"] == pytest.approx((theme.chart_dpi, theme.chart_dpi), abs=0.01)
        width_mm, height_mm = sizes[key]
        expected = (width_mm / 25.4 * theme.chart_dpi, height_mm / 25.4 * theme.chart_dpi)
        assert picture.size == pytest.approx(expected, abs=1)  # whole pixels
