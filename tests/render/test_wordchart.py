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
from sectorial.build import Timings, prepare
from sectorial.cli import main

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
        assert "<pic:pic" not in body  # no chart left as a picture
        assert len(re.findall(r"<c:chart [^>]*r:id=", body)) == 13
        for number, chart in enumerate(charts, start=1):
            part = f"word/charts/chart{number}.xml"
            assert f"charts/chart{number}.xml" in targets
            assert f'PartName="/{part}" ContentType="application/vnd.openxmlformats-' \
                   'officedocument.drawingml.chart+xml"' in types
            [(kind, workbook)] = rels(docx, f"word/charts/_rels/chart{number}.xml.rels").values()
            assert kind == PACKAGE_REL
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
        assert sum(n.startswith("word/media/") for n in names) == 1
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
