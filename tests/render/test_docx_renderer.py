"""The DOCX renderer, read back with python-docx's reader and the raw package XML."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace

import docx
import pytest
from docx.enum.section import WD_ORIENT

from sectorial.errors import RenderError
from sectorial.render.charts import render_charts
from sectorial.render.docx import render_docx


@pytest.fixture(scope="module")
def images(theme):
    from conftest import sample_document

    return render_charts(sample_document(), theme)


def render(doc, theme, images) -> bytes:
    out = io.BytesIO()
    render_docx(doc, theme, images, out)
    return out.getvalue()


def test_section_is_landscape_a4(sample_doc, theme, images):
    section = docx.Document(io.BytesIO(render(sample_doc, theme, images))).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210


def test_page_titles_are_heading_1_in_order(sample_doc, theme, images):
    word = docx.Document(io.BytesIO(render(sample_doc, theme, images)))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "VRAEM: Contribución del VRAEM a la actividad económica",
        "EMPRESARIAL: Evolución de las Empresas formales del VRAEM",
        "EMPLEO: Evolución del nivel de empleo en la zona del VRAEM",
    ]


def test_boxes_are_table_cells_with_bold_figures(sample_doc, theme, images):
    word = docx.Document(io.BytesIO(render(sample_doc, theme, images)))
    cells = [c for c in word.tables[0]._cells]
    figures = [c.paragraphs[0].runs[0] for c in cells if c.paragraphs[0].runs]
    assert figures[1].text == "17,224 empresas formales" and figures[1].bold
    assert figures[2].text == "US$\u00a09,580 millones"  # the non-breaking space survives


def test_core_properties_and_language(sample_doc, theme, images):
    data = render(sample_doc, theme, images)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "Desempeño económico del VRAEM 2024"
    assert props.author == "Ministerio de la Producción - OGEIEE"
    assert props.language == "es-PE"
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:lang w:val="es-PE"' in styles
    assert 'w:ascii="Arial"' in styles


def test_every_picture_has_the_chart_alt_text(sample_doc, theme, images):
    word = docx.Document(io.BytesIO(render(sample_doc, theme, images)))
    descriptions = [s._inline.docPr.get("descr") for s in word.inline_shapes]
    assert descriptions == [c.alt_text for c in sample_doc.charts()]


def test_footer_has_a_page_number_field(sample_doc, theme, images):
    package = zipfile.ZipFile(io.BytesIO(render(sample_doc, theme, images)))
    footers = [package.read(n).decode() for n in package.namelist() if "footer" in n]
    assert any("PAGE" in f and "fldChar" in f for f in footers)


def test_missing_picture_is_an_error_naming_the_chart(sample_doc, theme, images):
    partial = {k: v for k, v in images.items() if k != "empleo_sexo"}
    with pytest.raises(RenderError, match="PEA ocupada según sexo"):
        render(sample_doc, theme, partial)


def test_unknown_page_kind_is_an_error(sample_doc, theme, images):
    @dataclass(frozen=True)
    class Poster:
        title: str

    doc = replace(sample_doc, pages=(*sample_doc.pages, Poster("x")))
    with pytest.raises(RenderError, match="'Poster'"):
        render(doc, theme, images)
