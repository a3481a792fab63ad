"""The DOCX renderer, read back with tools that did not write the file.

python-docx's reader and the raw package XML check the structure; LibreOffice (headless)
and poppler check that another program lays the file out as a ministry brief.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import uuid
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import docx
import matplotlib
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import RGBColor

from readback import libreoffice, needs_tools
from sectorial.doc.model import (
    ArticlePage,
    Chart,
    Document,
    Metadata,
    Paragraph,
    Quote,
    SourceNote,
    Span,
    Subheading,
    Table,
    Text,
)
from sectorial.errors import RenderError
from sectorial.render.picture import Picture
from sectorial.render.word.document import render as render_docx
from sectorial.style.loader import load_house

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: the DOCX cannot be laid out to PDF",
)
PAGE_TITLES = [
    "VRAEM: Contribución del VRAEM a la actividad económica",
    "EMPRESARIAL: Evolución de las Empresas formales del VRAEM",
    "EMPLEO: Evolución del nivel de empleo en la zona del VRAEM",
]


def _picture(label: str) -> Picture:
    """Draw a small bar chart (200 x 130 px, 50 ppp) as a picture."""
    figure = Figure(figsize=(4, 2.6), dpi=50)
    axes = figure.add_subplot()
    axes.bar(["a", "b", "c"], [3, 5, 4], color="#1D4E89")
    axes.set_title(label, fontsize=8)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=50)  # RGBA, flattened on white by from_png
    return Picture.from_png(out.getvalue())


@pytest.fixture(scope="session")
def images() -> dict[str, Picture]:
    from conftest import sample_document

    return {chart.key: _picture(chart.key) for chart in sample_document().charts()}


def render(doc: Document, look, images) -> bytes:
    out = io.BytesIO()
    render_docx(doc, look, images, out)
    return out.getvalue()


@pytest.fixture()
def word(sample_doc, look, images) -> docx.document.Document:
    return docx.Document(io.BytesIO(render(sample_doc, look, images)))


def part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


# Structure, read back with python-docx and the package XML ----------------------------------


def test_it_lays_out_a_landscape_a4_section_with_the_house_margins(word, look):
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert round(section.left_margin.mm) == look.page.margin_left_mm
    assert round(section.right_margin.mm) == look.page.margin_right_mm


def test_it_writes_each_page_title_as_heading_1_in_order(word):
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == PAGE_TITLES


def test_it_makes_the_cover_title_a_title_and_the_boxes_heading_a_heading_2(word):
    styled = {p.style.name: p.text for p in word.paragraphs if p.style.name != "Normal"}
    assert styled["Title"] == "Desempeño económico del VRAEM 2024"
    assert styled["Encabezado de indicadores"] == "Indicadores Claves del VRAEM en 2024"
    assert word.styles["Encabezado de indicadores"].base_style.name == "Heading 2"


def test_it_restyles_the_headings_to_the_house_colours(word, look):
    heading = word.styles["Heading 1"].font
    assert heading.color.rgb == RGBColor.from_string(look.color("oscuro")[1:])
    assert heading.size.pt == look.size("pagina_titulo")
    heading = next(p for p in word.paragraphs if p.style.name == "Heading 1")
    label = heading.runs[0]
    assert label.text == "VRAEM: "
    assert resolved(heading, label, "color") == RGBColor.from_string(look.color("primario")[1:])


def test_it_opens_with_the_pdfs_cover_and_breaks_the_page_after_it(word, look):
    badge = word.paragraphs[0]
    country = badge.runs[0]
    assert (country.text.strip(), resolved(badge, country, "bold")) == ("PERÚ", True)
    assert resolved(badge, country, "color") == RGBColor(0xFF, 0xFF, 0xFF)
    assert f'w:fill="{look.color("primario")[1:]}"' in word.styles["Banda: país"].element.xml
    anchor = badge._p.find(".//" + qn("wp:anchor"))  # the dark band, behind the text
    assert anchor is not None and anchor.get("behindDoc") == "1"
    assert anchor.find(qn("wp:positionH")).get("relativeFrom") == "page"
    assert anchor.find(qn("wp:docPr")).get("descr") == ""  # decorative
    edition = next(p for p in word.paragraphs if p.text == "Mayo 2025")
    assert 'w:type="page"' in edition._p.xml


def test_it_starts_every_page_but_the_first_on_a_new_page(word):
    headings = [p for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [h.paragraph_format.page_break_before for h in headings] == [False, True, True]


def test_it_puts_the_boxes_in_a_grid_of_page_columns(word, sample_doc):
    page = sample_doc.pages[0]
    grid = word.tables[0]
    assert (len(grid.rows), len(grid.columns)) == (2, page.columns)
    lines = [cell.paragraphs[0] for row in grid.rows for cell in row.cells]
    figures = [line.runs[0] for line in lines]

    def spaced(text: str) -> str:  # the DOCX joins a figure to its scale word (NBSP)
        return text.replace("\u00a0", " ")

    assert [spaced(run.text) for run in figures] == [spaced(box.figure) for box in page.boxes]
    assert all(resolved(line, run, "bold") for line, run in zip(lines, figures))
    assert "US$\u00a09,580\u00a0millones" in [run.text for run in figures]  # one figure


def test_it_keeps_the_bold_spans_of_box_captions_and_bullets(word):
    grid = word.tables[0]
    caption = grid.cell(0, 2).paragraphs[1]
    assert [(r.text, bool(resolved(caption, r, "bold"))) for r in caption.runs] == [
        ("Valor exportado; ", False), ("contribuyen con el 12.9%", True), (".", False)]
    bullets = [p for p in word.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 3
    assert bullets[0].runs[0].text.startswith("En 2024, se registró 17,224")
    first, second = bullets[0].runs[:2]
    assert resolved(bullets[0], first, "bold") and not resolved(bullets[0], second, "bold")


def test_it_sets_the_core_properties_and_the_document_language(sample_doc, look, images):
    data = render(sample_doc, look, images)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "Desempeño económico del VRAEM 2024"
    assert props.author == "Ministerio de la Producción - OGEIEE"
    assert props.subject == "Análisis Sectorial"
    assert props.keywords == "VRAEM, 2024"
    assert props.language == "es-PE"
    defaults = re.search(r"<w:docDefaults>.*</w:docDefaults>", part(data, "word/styles.xml"))
    assert 'w:lang w:val="es-PE"' in defaults.group(0)
    assert 'w:ascii="Arial"' in defaults.group(0) and 'w:eastAsia="Arial"' in defaults.group(0)


def test_every_picture_carries_the_alt_text_of_its_chart(word, sample_doc):
    charts = sample_doc.charts()
    doc_prs = [shape._inline.docPr for shape in word.inline_shapes]
    assert [p.get("descr") for p in doc_prs] == [chart.alt_text for chart in charts]
    assert [p.get("title") for p in doc_prs] == [chart.title for chart in charts]


def test_charts_sit_side_by_side_with_title_and_unit_above_the_picture(word):
    row = word.tables[1]  # the first topic page: two charts
    assert len(row.columns) == 2
    cell = row.cell(0, 0)
    title, unit = cell.paragraphs[0], cell.paragraphs[1]
    assert title.text == "Evolución del Total de empresas formales del VRAEM, 2019-2024"
    assert resolved(title, title.runs[0], "bold") and title.style.name == "Título de gráfico"
    assert unit.text == "(Número de empresas)"
    for cell in row.rows[0].cells:
        (shape,) = [s for s in word.inline_shapes if s._inline in cell._tc.iter()]
        assert shape.width <= cell.width  # fitted to its cell


def test_every_page_has_the_ministry_band_and_a_page_number_field(word):
    section = word.sections[0]
    assert section.header.paragraphs[0].text.startswith(" PERÚ  Ministerio de la Producción ")
    footer = section.footer.paragraphs[0]._p.xml
    assert "fldChar" in footer and " PAGE " in footer


def test_a_missing_chart_picture_is_an_error_naming_the_chart(sample_doc, look, images):
    partial = {k: v for k, v in images.items() if k != "empleo_sexo"}
    with pytest.raises(RenderError, match="PEA ocupada según sexo.*empleo_sexo"):
        render(sample_doc, replace(look, docx_charts="imagen"), partial)


def test_native_charts_need_no_pictures_and_take_the_layout_size(sample_doc, look):
    """A DOCX of native charts is written without any picture (so before, or without, the
    drawing), each chart at the size the pictures would have: 2 per row, 128 x 88 mm."""
    assert look.docx_charts == "nativo"
    package = zipfile.ZipFile(io.BytesIO(render(sample_doc, look, {})))
    charts = [n for n in package.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    assert len(charts) == len(sample_doc.charts())
    body = package.read("word/document.xml").decode()
    media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) <= 1 and 'r:embed="' not in body.split("</wp:anchor>")[-1]  # the band
    extents = re.findall(r'<wp:inline.*?<wp:extent cx="(\d+)" cy="(\d+)"/>', body)
    assert len(extents) == len(charts)
    assert set(extents) == {(str(128 * 36000), str(88 * 36000))}  # 36,000 EMU per mm


def test_an_unknown_node_is_an_error_naming_its_type(sample_doc, look, images):
    @dataclass(frozen=True)
    class Poster:
        title: str

    doc = replace(sample_doc, pages=(*sample_doc.pages, Poster("x")))
    with pytest.raises(RenderError, match="'Poster'"):
        render(doc, look, images)


# A portrait press note, in the other house style ---------------------------------------------


def press_note(chart: Chart, meta: Metadata) -> Document:
    return Document(
        name="nota", meta=replace(meta, title="Exportaciones de Junín"), cover=None,
        series="Nota de prensa",
        pages=(ArticlePage(
            kicker="NOTA DE PRENSA", dateline="Huancayo, febrero de 2025",
            headline="Exportaciones de Junín crecieron 18,1\u00a0%",
            lead=Text((Span("En 2024, la región Junín exportó US$\u00a02\u00a0848 millones."),)),
            blocks=(
                Subheading("Panorama"),
                Paragraph(Text((Span("El valor exportado "), Span("creció", bold=True)))),
                Quote(Text((Span("Un buen año."),)), "Vocero"),
                Table("Productos, 2024", "(Millones de US$)", ("Producto", "Valor"),
                      (("Cobre", "1\u00a0767"), ("Oro", "474")), (False, True)),
                chart,
            ),
            foot=SourceNote(sources=("Fuente: SUNAT",), credit="Elaboración: PROMPERÚ."),
        ),),
    )


def test_a_press_note_is_a_portrait_page_with_its_blocks(root, sample_doc, images):
    chart = sample_doc.charts()[0]
    look = load_house(root / "templates" / "promperu").look
    word = docx.Document(io.BytesIO(render(press_note(chart, sample_doc.meta), look, images)))
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT and section.page_height > section.page_width
    assert [p.text for p in word.paragraphs if p.style.name.startswith("Heading")] == [
        "Exportaciones de Junín crecieron 18,1\u00a0%", "Panorama"]
    table = word.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["Cobre", "1\u00a0767"]
    assert word.inline_shapes[0]._inline.docPr.get("descr") == chart.alt_text


# Laid out by LibreOffice, read by poppler -----------------------------------------------------


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, look, images) -> Path:
    from conftest import sample_document

    folder = tmp_path_factory.mktemp("docx_pdf")
    source = folder / "muestra.docx"
    source.write_bytes(render(sample_document(), look, images))
    profile = Path(f"/tmp/lo_profile_{uuid.uuid4().hex}")
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder), str(source)],
            capture_output=True, timeout=240, check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    converted = folder / "muestra.pdf"
    assert converted.is_file(), "LibreOffice exits 0 even when it fails: no PDF was written"
    return converted


def _pdftotext(pdf: Path, *options: str) -> str:
    command = ["pdftotext", *options, str(pdf), "-"]
    return _normalise(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


@needs_soffice
@pytest.mark.parametrize("expected", [
    "17,224 empresas formales", "US$ 9,580 millones", "EMPRESARIAL", "Análisis Sectorial",
    "S/ 1,093 millones", "Indicadores Claves del VRAEM en 2024", "Elaboración: PRODUCE – OGEIEE.",
])
def test_libreoffice_lays_out_the_text(pdf, expected):
    assert expected in _pdftotext(pdf)


def _pdfinfo(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout


@needs_soffice
def test_libreoffice_lays_out_landscape_pages(pdf):
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", _pdfinfo(pdf)).groups()
    assert float(width) > float(height)


@needs_soffice
def test_libreoffice_fits_the_cover_and_each_model_page_on_one_page(pdf, sample_doc):
    assert re.search(r"Pages:\s+(\d+)", _pdfinfo(pdf)).group(1) == str(1 + len(sample_doc.pages))
    cover = _pdftotext(pdf, "-f", "1", "-l", "1")
    assert "PERÚ" in cover and "Mayo 2025" in cover and "Análisis Sectorial" in cover
    for number, title in enumerate(PAGE_TITLES, start=2):
        text = _pdftotext(pdf, "-f", str(number), "-l", str(number))
        assert title in text
        assert "Elaboración: PRODUCE – OGEIEE." in text  # the foot did not spill over
        assert f"Desempeño económico del VRAEM 2024 {number}" in text  # the PAGE field


@needs_tools
@pytest.mark.parametrize("lines", [2, 4])
def test_a_long_title_keeps_the_date_on_the_cover(vraem_copy, tmp_path, lines):
    """A title of several lines does not push the cover's date onto a page of its own: in
    LibreOffice's rendering of the DOCX, the date and the offices are on the first page and
    the first page of the brief on the second."""
    from sectorial.cli import main

    words = ("Desempeño económico, empleo formal e informal, exportaciones, crédito y "
             "producción de las regiones del valle de los ríos Apurímac, Ene y Mantaro y de "
             "sus zonas de influencia directa e indirecta").split()
    title = " ".join(words[: 7 * lines]) + " {{ periodo }}"
    text = vraem_copy.read_text(encoding="utf-8")
    vraem_copy.write_text(text.replace('titulo: "Desempeño económico del VRAEM {{ periodo }}"',
                                       f'titulo: "{title}"'), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(vraem_copy), "--out", str(out), "--formats", "docx"]) == 0
    pdf = libreoffice(next(out.glob("*.docx")), "pdf", tmp_path)
    first, second = (subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout
                     for n in (1, 2))
    assert "Mayo" in first and "Oficina de Estudios Económicos" in first, first
    assert "Indicadores Claves" in second, second


@pytest.mark.parametrize("formats", ["docx", "pdf"])
def test_a_title_too_long_for_the_cover_is_refused_before_any_file(vraem_copy, tmp_path,
                                                                  capsys, formats):
    """Each format knows when the title would push the offices off the cover: exit 1, the
    reason and what to do, and no file (not a cover with its text printed over itself)."""
    from sectorial.cli import main

    title = ". ".join(["Desempeño económico, empleo formal e informal, exportaciones, crédito "
                       "y producción de las regiones del VRAEM {{ periodo }}"] * 4)
    text = vraem_copy.read_text(encoding="utf-8")
    vraem_copy.write_text(text.replace('titulo: "Desempeño económico del VRAEM {{ periodo }}"',
                                       f'titulo: "{title}"'), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(vraem_copy), "--out", str(out), "--formats", formats]) == 1
    err = capsys.readouterr().err
    assert "el título de la portada no cabe en ella" in err and "acorte 'titulo'" in err
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


def resolved(paragraph, run, attribute: str):
    """A run's bold, color or size as Word shows it: its own, else its character style's
    (and those it is based on), else its paragraph style's."""
    def chain(style):
        while style is not None:
            yield style.font
            style = style.base_style

    for font in (run.font, *chain(run.style), *chain(paragraph.style)):
        value = font.color.rgb if attribute == "color" else getattr(font, attribute)
        if value is not None:
            return value
    return None
