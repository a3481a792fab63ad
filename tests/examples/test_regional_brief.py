"""The monthly regional brief end to end: 25 documents, each with figures the test recomputes
from the CSV with the csv module (not with sectorial's code)."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from readback import docx_text, libreoffice, needs_tools, pdf_info, pdf_text
from sectorial.cli import main

pytestmark = needs_tools

BRIEF = "briefs/exportaciones-regionales.yaml"
DATA = "data/exportaciones/exportaciones_mensuales.csv"


def rounded(value: float, decimals: int = 1) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    return f"{Decimal(repr(value)).quantize(quantum, ROUND_HALF_UP):,}"


@pytest.fixture(scope="module")
def sums(root: Path) -> dict:
    """Totals by (region, month) and by (region, year), read with the csv module."""
    totals: dict = defaultdict(int)
    with (root / DATA).open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            value = int(row["valor_fob_usd"])
            totals[(row["region"], row["periodo"])] += value
            totals[(row["region"], row["periodo"][:4])] += value
            totals[("Perú", row["periodo"])] += value
    return totals


@pytest.fixture(scope="module")
def built(tmp_path_factory, root: Path) -> Path:
    out = tmp_path_factory.mktemp("regiones")
    assert main(["build", str(root / BRIEF), "--period", "2025-09", "--jobs", "2",
                 "--out", str(out)]) == 0
    return out


def test_the_data_keep_the_seed_totals_of_junin(sums):
    assert sums[("Junín", "2024")] == 2_847_761_852  # seed 000: US$ 2 847 761 852
    assert sums[("Junín", "2023")] == 2_411_000_000  # seed 000: US$ 2 411 millones
    regions = {region for region, _ in sums if region != "Perú"}
    assert len(regions) == 25
    ranking = sorted(regions, key=lambda r: -sums[(r, "2024")])
    assert ranking.index("Junín") + 1 == 11


def test_one_document_per_region_with_safe_names(built):
    names = sorted(p.name for p in built.glob("*.pdf"))
    assert len(names) == 25
    for expected in ("exportaciones-junin-2025-09.pdf", "exportaciones-apurimac-2025-09.pdf",
                     "exportaciones-la-libertad-2025-09.pdf",
                     "exportaciones-madre-de-dios-2025-09.pdf",
                     "exportaciones-ancash-2025-09.pdf", "exportaciones-san-martin-2025-09.pdf"):
        assert expected in names
    assert len(list(built.glob("*.docx"))) == 25


@pytest.mark.parametrize("region", ["Junín", "Madre de Dios", "La Libertad"])
def test_the_figures_of_each_region(built, sums, region):
    from sectorial.lang.phrases import slug

    text = pdf_text(built / f"exportaciones-{slug(region)}-2025-09.pdf")
    month, before = sums[(region, "2025-09")], sums[(region, "2024-09")]
    ytd = sum(sums[(region, f"2025-{m:02d}")] for m in range(1, 10))
    ytd_before = sum(sums[(region, f"2024-{m:02d}")] for m in range(1, 10))
    national = sum(sums[("Perú", f"2025-{m:02d}")] for m in range(1, 10))
    change = (month / before - 1) * 100
    verb = "aumentó" if change > 0 else "disminuyó"
    assert f"las exportaciones de {region} sumaron US$ {rounded(month / 1e6)} millones" in text
    assert (f"Frente a setiembre de 2024 (US$ {rounded(before / 1e6)} millones), el valor "
            f"exportado {verb} {rounded(abs(change))}%") in text
    ytd_change = (ytd / ytd_before - 1) * 100
    ytd_verb = "aumentaron" if ytd_change > 0 else "disminuyeron"
    assert (f"En enero-setiembre de 2025, las exportaciones de {region} sumaron "
            f"US$ {rounded(ytd / 1e6)} millones y {ytd_verb} {rounded(abs(ytd_change))}% frente "
            f"a enero-setiembre de 2024 (US$ {rounded(ytd_before / 1e6)} millones)") in text
    regions = {r for r, _ in sums if r != "Perú"}
    ytd_of = {r: sum(sums[(r, f"2025-{m:02d}")] for m in range(1, 10)) for r in regions}
    place = sorted(regions, key=lambda r: -ytd_of[r]).index(region) + 1
    # up to the tenth in words ("el noveno puesto"), then in figures ("el puesto 14")
    words = ("primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo",
             "noveno", "décimo")
    said = f"el {words[place - 1]} puesto" if place <= 10 else f"el puesto {place}"
    assert f"{region} ocupa {said} entre las 25 regiones del país" in text
    assert f"aporta el {rounded(ytd / national * 100)}% de las exportaciones nacionales" in text
    assert f"(US$ {rounded(national / 1e6)} millones)" in text
    assert "Octubre 2025" in text  # edition: the month after the period


def test_the_docx_says_the_same(built, sums, tmp_path):
    text = docx_text(built / "exportaciones-junin-2025-09.docx", tmp_path)
    month = sums[("Junín", "2025-09")]
    assert f"las exportaciones de Junín sumaron US$ {rounded(month / 1e6)} millones" in text
    assert "Junín ocupa el puesto" in text


def test_pages_and_charts(built):
    info = pdf_info(built / "exportaciones-junin-2025-09.pdf")
    assert "Pages:           6" in info
    assert "Title:           Exportaciones de Junín: setiembre 2025" in info


def test_a_rerun_skips_all_and_one_region_can_be_forced(built, root, capsys):
    capsys.readouterr()
    assert main(["build", str(root / BRIEF), "--period", "2025-09", "--out", str(built)]) == 0
    assert "resumen: 0 construidos, 25 sin cambios, 0 con error" in capsys.readouterr().err
    assert main(["build", str(root / BRIEF), "--period", "2025-09", "--out", str(built),
                 "--region", "Junín", "--force"]) == 0
    assert "escrito: " in capsys.readouterr().err


def test_six_to_ten_charts_drawn_once_each(root):
    from sectorial.pipeline import Timings, prepare

    document = prepare(root / BRIEF, None, Timings(), "Junín").document
    charts = document.charts()
    assert 6 <= len(charts) <= 10
    assert len({c.key for c in charts}) == len(charts)
    months = charts[0]
    assert months.categories == ("Set-24", "Oct-24", "Nov-24", "Dic-24", "Ene-25", "Feb-25",
                                 "Mar-25", "Abr-25", "May-25", "Jun-25", "Jul-25", "Ago-25",
                                 "Set-25")
    ranking = charts[-1]
    assert len(ranking.categories) == 25
    assert [ranking.categories[i] for i in ranking.highlight] == ["Junín"]


def test_the_word_ranking_shows_every_region(built, sums, tmp_path):
    """25 regions one under the other: Word and LibreOffice drop labels that do not fit, so
    the labels are sized to fit (issue 18). Read in LibreOffice's rendering of the DOCX."""
    rendered = libreoffice(built / "exportaciones-tumbes-2025-09.docx", "pdf", tmp_path)
    text = pdf_text(rendered)
    page = next(p for p in text.split("\f") if "RANKING" in p)
    regions = {region for region, period in sums if region != "Perú" and len(period) == 7}
    assert len(regions) == 25
    assert [r for r in sorted(regions) if r not in page] == []
