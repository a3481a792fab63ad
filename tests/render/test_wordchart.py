"""Native Word charts in the DOCX: valid parts, an embedded workbook with the chart's data,
values LibreOffice shows when it exports the DOCX, and the switches of style and chart."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from mini import BRIEF, make_project
from readback import libreoffice, pdf_text
from sectorial.cli import main
from sectorial.pipeline import Timings, prepare

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"


@pytest.fixture(scope="module")
def vraem(root: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nativo")
    assert main(["build", str(root / "briefs" / "vraem-2024.yaml"), "--out", str(out)]) == 0
    return out


def rels(docx: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    root = etree.fromstring(docx.read(name))
    return {r.get("Id"): (r.get("Type"), r.get("Target")) for r in root.iter(f"{RELS}Relationship")}


def test_every_chart_is_a_part_with_its_workbook(vraem: Path, root: Path):
    document = prepare(root / "briefs" / "vraem-2024.yaml", None, Timings()).document
    charts = document.charts()
    with zipfile.ZipFile(vraem / "vraem-2024.docx") as docx:
        types = docx.read("[Content_Types].xml").decode()
        body = docx.read("word/document.xml").decode()
        targets = [t for kind, t in rels(docx, "word/_rels/document.xml.rels").values()
                   if kind == CHART_REL]
        assert len(targets) == len(charts) == 13
        inline = "".join(re.findall(r"<wp:inline.*?</wp:inline>", body))
        assert "<pic:pic" not in inline  # no chart left as a picture (the cover's band is)
        assert len(re.findall(r"<c:chart [^>]*r:id=", body)) == 13
        for number, chart in enumerate(charts, start=1):
            part = f"word/charts/chart{number}.xml"
            assert f"charts/chart{number}.xml" in targets
            assert f'PartName="/{part}" ContentType="application/vnd.openxmlformats-' \
                   'officedocument.drawingml.chart+xml"' in types
            [workbook] = [target for kind, target in rels(
                docx, f"word/charts/_rels/chart{number}.xml.rels").values()
                if kind == PACKAGE_REL]
            xml = docx.read(part).decode()
            assert '<c:externalData r:id="' in xml  # "Edit data" opens the workbook
            sheet = openpyxl.load_workbook(
                io.BytesIO(docx.read("word/" + workbook.lstrip("./").replace("../", "")))
            ).active
            categories = [sheet.cell(row, 1).value for row in range(2, sheet.max_row + 1)]
            assert [str(c) for c in categories] == list(chart.categories), chart.title
            first = [sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)]
            assert first == pytest.approx(list(chart.series[0].values)), chart.title
            assert sheet.cell(1, 2).value == chart.series[0].name
        assert 'descr="Gráfico de columnas. Evolución del Total de empresas formales' in body


def test_libreoffice_shows_the_chart_values(vraem: Path, tmp_path: Path):
    exported = libreoffice(vraem / "vraem-2024.docx", "pdf", tmp_path)
    text = pdf_text(exported)
    # Values found only in charts: 2019-2023 levels, sector sizes, variations, shares.
    for value in ("14,645", "14,120", "15,860", "7,613", "1,120", "2,391", "8.5", "-5.1",
                  "84.6%", "15.4%", "54.0%", "46.0%", "6,965 (72.7%)"):
        assert value in text, value


def test_the_style_and_each_chart_can_choose_pictures(tmp_path: Path):
    brief = make_project(tmp_path)
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    out = tmp_path / "o"
    assert main(["build", str(brief), "--out", str(out), "--formats", "docx"]) == 0
    with zipfile.ZipFile(out / "mini-2024.docx") as docx:
        names = docx.namelist()
        assert sum(n.startswith("word/charts/chart") for n in names) == 2
    brief.write_text(BRIEF.replace('datos: serie}', 'datos: serie, docx: imagen}'), "utf-8")
    assert main(["build", str(brief), "--out", str(out), "--formats", "docx"]) == 0
    with zipfile.ZipFile(out / "mini-2024.docx") as docx:
        names = docx.namelist()
        assert sum(n.startswith("word/charts/chart") for n in names) == 1
        body = docx.read("word/document.xml").decode()
        assert len(re.findall(r"<wp:inline.*?<pic:pic", body)) == 1
    style.write_text(style.read_text("utf-8").replace("docx: nativo", "docx: imagen"), "utf-8")
    brief.write_text(BRIEF, "utf-8")
    assert main(["build", str(brief), "--out", str(out), "--formats", "docx"]) == 0
    with zipfile.ZipFile(out / "mini-2024.docx") as docx:
        assert not any(n.startswith("word/charts/") for n in docx.namelist())
    style.write_text(style.read_text("utf-8").replace("docx: imagen", "docx: vectorial"),
                     "utf-8")
    assert main(["build", str(brief), "--out", str(out)]) == 1


def test_lines_and_donuts_are_native_too(tmp_path: Path):
    brief = make_project(tmp_path, brief=BRIEF.replace(
        "{tipo: columnas, titulo: \"Empresas\"", "{tipo: lineas, titulo: \"Empresas\""))
    out = tmp_path / "o"
    assert main(["build", str(brief), "--out", str(out), "--formats", "docx"]) == 0
    with zipfile.ZipFile(out / "mini-2024.docx") as docx:
        first = docx.read("word/charts/chart1.xml").decode()
        second = docx.read("word/charts/chart2.xml").decode()
    assert "<c:lineChart>" in first and 'formatCode="#,##0"' in first
    assert "<c:doughnutChart>" in second
    text = pdf_text(libreoffice(out / "mini-2024.docx", "pdf", tmp_path))
    for value in ("150", "180", "66.7%", "33.3%"):  # the line's points, the donut's shares
        assert value in text, value


def test_word_is_asked_for_every_category_label(vraem: Path):
    """Word skips labels that do not fit unless the axis says otherwise (issue 18)."""
    with zipfile.ZipFile(vraem / "vraem-2024.docx") as docx:
        charts = [n for n in docx.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
        assert charts
        for name in charts:
            xml = docx.read(name).decode("utf-8")
            axes = xml.count("<c:catAx>")
            assert xml.count('<c:tickLblSkip val="1"/>') == axes, name


AXIS_ID = re.compile(r'<c:(?:axId|crossAx) val="(-?\d+)"')


def test_a_word_chart_leaves_its_scale_and_its_shares_to_word(vraem: Path):
    """What an official edits stays right: no fixed range on a chart of bars, the shares
    of a donut computed by Word, and the axes numbered as the schema wants (positive)."""
    with zipfile.ZipFile(vraem / "vraem-2024.docx") as docx:
        charts = {name: docx.read(name).decode() for name in docx.namelist()
                  if re.fullmatch(r"word/charts/chart\d+\.xml", name)}
        shapes = [docx.read(n).decode() for n in docx.namelist() if "drawings/" in n]
    bars = [x for x in charts.values() if "<c:barChart>" in x]
    assert len(bars) >= 7 and any("<c:lineChart>" in x for x in bars)
    for xml in bars:
        assert "<c:max " not in xml and "<c:min " not in xml
    for xml in charts.values():
        ids = AXIS_ID.findall(xml)
        assert all(int(value) > 0 for value in ids), ids
    shares = [x for x in charts.values() if "<c:doughnutChart>" in x and "Part." not in x]
    computed = [x for x in charts.values() if '<c:showPercent val="1"/>' in x]
    assert len(computed) >= 3  # the donuts of shares, labelled by Word from their values
    for xml in computed:
        assert re.search(r'<c:numFmt formatCode="0(\.0+)?%"', xml) and "<c:rich>" not in xml
    assert shares is not None
    # the centre figure of the donut of the employed, in the chart's own drawing
    assert any("2,525,492" in x and "trabajadores" in x for x in shapes)


def _edited(docx_path: Path, out: Path, chart: int, point: int, value: float) -> Path:
    """The DOCX with one value of one chart changed, as Word's "Edit data" changes it:
    the chart's cached value and its workbook's cell."""
    edited = out / "editado.docx"
    with zipfile.ZipFile(docx_path) as source, zipfile.ZipFile(edited, "w") as target:
        rels_name = f"word/charts/_rels/chart{chart}.xml.rels"
        [book] = [t for kind, t in rels(source, rels_name).values() if kind == PACKAGE_REL]
        book_name = "word/" + book.replace("../", "")
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == f"word/charts/chart{chart}.xml":
                root = etree.fromstring(data)
                c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
                cache = root.find(f".//{c}ser/{c}val/{c}numRef/{c}numCache")
                [pt] = [p for p in cache.iter(f"{c}pt") if p.get("idx") == str(point)]
                pt.find(f"{c}v").text = repr(value)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            elif item.filename == book_name:
                workbook = openpyxl.load_workbook(io.BytesIO(data))
                workbook.active.cell(point + 2, 2).value = value
                buffer = io.BytesIO()
                workbook.save(buffer)
                data = buffer.getvalue()
            target.writestr(item, data)
    return edited


def test_an_edited_bar_is_drawn_to_its_height_with_its_new_label(vraem: Path, tmp_path: Path):
    """Officials change figures in Word: 2019's firms set to twice 2024's are drawn twice as
    high (LibreOffice's rendering, read with poppler), labelled with the new value."""
    import subprocess

    edited = _edited(vraem / "vraem-2024.docx", tmp_path, chart=1, point=0, value=34448.0)
    pdf = libreoffice(edited, "pdf", tmp_path)
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    found: dict[str, list[float]] = {}
    for page in boxes.split("<page ")[1:]:
        if "34,448" not in page:
            continue
        for y_max, word in re.findall(r'yMax="([\d.]+)">([^<]+)</word>', page):
            found.setdefault(word, []).append(float(y_max))
    assert len(found.get("34,448", [])) == 1, "la etiqueta nueva no está en el gráfico"
    # Labels sit on their bars: y falls linearly with the value (two bars give the line).
    (y_low,), (y_high,) = found["14,120"], found["15,860"]
    per_unit = (y_low - y_high) / (15860 - 14120)
    expected = y_high - per_unit * (34448 - 15860)
    assert found["34,448"][0] == pytest.approx(expected, abs=4), (found, expected)


def test_an_edited_column_under_the_variation_line_is_drawn_whole(vraem: Path,
                                                                  tmp_path: Path):
    """The columns with their line of variations keep Word's own scale: a column edited to
    three times the highest is drawn to its height, not cut at the old top, and the line
    and its labels stay (chart 4, the employment of the VRAEM)."""
    import subprocess

    edited = _edited(vraem / "vraem-2024.docx", tmp_path, chart=4, point=0, value=7599.0)
    pdf = libreoffice(edited, "pdf", tmp_path)
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    [page] = [p for p in boxes.split("<page ")[1:] if "7,599" in p]
    found: dict[str, list[float]] = {}
    for y_max, word in re.findall(r'yMax="([\d.]+)">([^<]+)</word>', page):
        found.setdefault(word, []).append(float(y_max))
    assert len(found["7,599"]) == 1 and "Escala:" not in page
    (y_low,), (y_high,) = found["2,268"], found["2,533"]
    per_unit = (y_low - y_high) / (2533 - 2268)
    expected = y_high - per_unit * (7599 - 2533)
    assert found["7,599"][0] == pytest.approx(expected, abs=4), (found["7,599"], expected)
    assert {"8.5", "-5.1", "-0.3"} <= set(found)  # the line's labels, still drawn
