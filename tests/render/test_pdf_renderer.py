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
from sectorial.render.pdf.pages import render as render_pdf

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="necesita poppler-utils")


@pytest.fixture(scope="module")
def images(look):
    from conftest import sample_document

    return render_charts(sample_document(), look)


@pytest.fixture()
def pdf(sample_doc, look, images, tmp_path) -> Path:
    out = io.BytesIO()
    render_pdf(sample_doc, look, images, out)
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


def test_missing_picture_is_an_error(sample_doc, look, images):
    with pytest.raises(RenderError, match="empresas_region"):
        render_pdf(sample_doc, look, {k: v for k, v in images.items()
                                       if k != "empresas_region"}, io.BytesIO())


def test_unknown_page_kind_is_an_error(sample_doc, look, images):
    @dataclass(frozen=True)
    class Poster:
        title: str

    doc = replace(sample_doc, pages=(Poster("x"),))
    with pytest.raises(RenderError, match="'Poster'"):
        render_pdf(doc, look, images, io.BytesIO())


def test_chart_pictures_are_opaque_and_sized_at_the_house_resolution(look, images):
    """RGB pixels at the house resolution, the size layout.py gives (128 mm at 200 ppp is
    1,007 pixels); their PNG (for a DOCX with pictures) is RGB and records the resolution."""
    from conftest import sample_document
    from PIL import Image

    from sectorial.layout import chart_sizes
    from sectorial.render.picture import Picture

    sizes = chart_sizes(sample_document(), look.page)
    assert set(images) == set(sizes)
    for key, picture in images.items():
        width_mm, height_mm = sizes[key]
        expected = (width_mm / 25.4 * look.chart_dpi, height_mm / 25.4 * look.chart_dpi)
        assert (picture.width, picture.height) == pytest.approx(expected, abs=1)
        assert picture.dpi == look.chart_dpi
        png = Image.open(io.BytesIO(picture.png()))
        assert png.mode == "RGB" and png.size == (picture.width, picture.height)
        assert png.info["dpi"] == pytest.approx((look.chart_dpi, look.chart_dpi), abs=0.01)
        assert Picture.from_png(picture.png()) == picture


@needs_poppler
def test_charts_are_vectors_with_every_label_as_text(pdf, sample_doc):
    """No chart is an image (pdfimages lists none); every category and every label of every
    chart is text that pdftotext finds on the chart's page, in the house fonts."""
    from sectorial.doc.model import TopicPage

    rows = tool("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert rows == []
    pages = tool("pdftotext", str(pdf), "-").split("\f")
    for number, page in enumerate(sample_doc.pages, start=2):  # the cover is page 1
        if not isinstance(page, TopicPage):
            continue
        words = " ".join(pages[number - 1].split())
        for chart in page.charts:
            for text in (*chart.categories, *(t for s in chart.series for t in s.labels if t)):
                assert " ".join(text.split()) in words, (number, chart.key, text)
