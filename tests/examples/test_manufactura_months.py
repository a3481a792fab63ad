"""The monthly report for every month of its data: each builds in both formats, no box or
page repeats another, and the words of direction follow the signs of the figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sectorial.doc.model import BoxesPage, TopicPage
from sectorial.periods import Period
from sectorial.pipeline import Timings, prepare, render

MONTHS = [str(p) for p in Period.parse("2022-01").through(Period.parse("2023-12"))]


@pytest.mark.parametrize("month", MONTHS)
def test_every_month_builds_with_words_that_follow_the_signs(month, root: Path, tmp_path):
    prepared = prepare(root / "briefs" / "manufactura-mensual.yaml", Period.parse(month),
                       Timings())
    doc = prepared.document
    written = render(prepared, tmp_path, ("docx", "pdf"), Timings())
    assert sorted(p.suffix for p in written) == [".csv", ".docx", ".pdf"]
    assert all(p.stat().st_size > 5_000 for p in written if p.suffix != ".csv")

    boxes = [(box.figure, box.caption.plain) for page in doc.pages
             if isinstance(page, BoxesPage) for box in page.boxes]
    assert len(boxes) == len(set(boxes)) == 4
    titles = [page.title for page in doc.pages]
    assert len(titles) == len(set(titles))

    headline = doc.pages[1].message.plain
    rise = round(prepared.indicators["var_total"].value, 1) > 0
    assert headline.startswith(f"En {Period.parse(month).label().replace(' ', ' de ')}")
    if rise:
        assert re.search(r"registró un aumento de \d", headline) and "aumentó" in boxes[0][1]
        assert "disminu" not in boxes[0][1]
    else:
        assert re.search(r"registró una disminución de \d", headline) and \
            "disminuyó" in boxes[0][1]
        assert "aument" not in boxes[0][1]
    text = " ".join(t.plain for page in doc.pages if isinstance(page, TopicPage)
                    for t in (page.message, *page.bullets) if t is not None)
    assert "p.p.." not in text and "+-" not in text and "(-0.0" not in text


def test_the_months_include_rises_and_falls(root: Path):
    signs = set()
    for month in ("2022-06", "2023-06"):
        prepared = prepare(root / "briefs" / "manufactura-mensual.yaml", Period.parse(month),
                           Timings())
        signs.add(prepared.indicators["var_total"].value > 0)
    assert signs == {True, False}
