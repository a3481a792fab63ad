"""The monthly manufacturing report end to end: every figure of the published OGEIEE report
(September 2023) in the PDF and the DOCX, read back by other tools, each with a ledger row
that leads to its data file; the table in both formats."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest

from readback import docx_text, needs_tools, pdf_text
from sectorial.cli import main
from seeds import MANUFACTURING_FIGURES

pytestmark = needs_tools
NAME = "manufactura-2023-09"


@pytest.fixture(scope="module")
def built(tmp_path_factory, root: Path) -> Path:
    out = tmp_path_factory.mktemp("salida")
    code = main(["build", str(root / "briefs" / "manufactura-mensual.yaml"), "--out", str(out)])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def pdf(built: Path) -> str:
    return pdf_text(built / f"{NAME}.pdf")


@pytest.fixture(scope="module")
def docx(built: Path, tmp_path_factory) -> str:
    return docx_text(built / f"{NAME}.docx", tmp_path_factory.mktemp("lo"))


@pytest.fixture(scope="module")
def ledger(built: Path) -> list[dict[str, str]]:
    with (built / f"{NAME}.cifras.csv").open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize("figure", MANUFACTURING_FIGURES)
def test_pdf_states_the_report_figure(pdf: str, figure: str):
    assert figure.lower() in pdf.lower()  # "Bienes de consumo (-15.3%)" opens a bullet


@pytest.mark.parametrize("figure", MANUFACTURING_FIGURES)
def test_docx_states_the_report_figure(docx: str, figure: str):
    assert figure.lower() in docx.lower()


@pytest.mark.parametrize("figure", MANUFACTURING_FIGURES)
def test_each_report_figure_has_a_ledger_row_naming_its_data_file(ledger, figure: str):
    number = float(re.search(r"[-+]?\d+\.\d", figure).group())
    if "disminución de" in figure:  # a fall written once, without its sign
        number = -number
    unit = "pp" if "p.p." in figure else "porcentaje"
    rows = [row for row in ledger if row["unidad"] == unit and row["valor_exacto"]
            and round(float(row["valor_exacto"]), 1) == number]
    assert rows, f"ninguna fila del registro vale {number} {unit}"
    assert all("indice_manufacturero.csv" in row["origen"] for row in rows)


def test_every_ledger_row_leads_to_the_data_file(ledger):
    assert ledger and all("indice_manufacturero.csv" in row["origen"] for row in ledger)


def test_the_headline_reads_as_the_bulletin(pdf: str, docx: str):
    for text in (pdf, docx):
        assert "registró una disminución de 9.3% con respecto a similar mes" in text
        assert "atenuó esta caída con un aumento de 8.2%" in text
        assert "de (-" not in text and "de (+" not in text  # no double sign
        assert "p.p.." not in text


def test_the_table_is_a_styled_word_table_with_repeated_header_rows(built: Path):
    with zipfile.ZipFile(built / f"{NAME}.docx") as package:
        body = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    assert '<w:name w:val="Cuadro sectorial"/>' in styles
    assert 'w:type="firstRow"' in styles and 'w:type="lastRow"' in styles
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", body, flags=re.S)
    styled = [t for t in re.findall(r'<w:tblStyle w:val="([^"]+)"/>', body)]
    assert styled.count("Cuadrosectorial") == 2, styled  # the two cuadros
    # Each cuadro repeats its two header rows (groups and headers) on a new page.
    assert body.count("<w:tblHeader/>") == 4
    assert tables


def test_the_table_has_its_total_row_and_upper_headers(pdf: str, docx: str):
    for text in (pdf, docx):
        assert "Setiembre 2023" in text  # the upper header over three columns
        # The total row adds the groups up: the subsector's variation, incidence and share.
        assert re.search(r"Subsector no primario -13\.6 -10\.9 7\d\.\d", text)


def test_the_diverging_charts_and_the_lines_are_native_word_charts(built: Path):
    with zipfile.ZipFile(built / f"{NAME}.docx") as package:
        charts = [package.read(n).decode("utf-8") for n in package.namelist()
                  if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    assert len(charts) == 5
    lines = [c for c in charts if "<c:lineChart>" in c]
    assert len(lines) == 1 and lines[0].count("<c:ser>") == 3
    bars = [c for c in charts if 'barDir val="bar"' in c]
    assert len(bars) == 3
    for chart in bars:  # falls keep their colour instead of being drawn inverted
        assert '<c:invertIfNegative val="0"/>' in chart


def test_every_chart_label_has_its_ledger_row(root: Path):
    from sectorial.pipeline import Timings, prepare

    doc = prepare(root / "briefs" / "manufactura-mensual.yaml", None, Timings()).document
    labels = [label for chart in doc.charts() for series in chart.series
              for label in series.labels if label]
    rows = [f for f in doc.figures if f.kind == "gráfico"]
    assert len(rows) == len(labels) == 13 + 3 + 4 + 5 + 5  # columns, line ends, bars
    assert sorted(f.printed for f in rows) == sorted(labels)
