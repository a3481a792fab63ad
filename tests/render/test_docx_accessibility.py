"""The rules of Word's accessibility checker that can be read from the file, on every
example: every picture and chart has its alternative text or is marked decorative, every
data table has its header row and its caption, headings go down one level at a time, and
the document says its title and its language."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from examples.builds import EXAMPLES
from sectorial.cli import main

ROOT = Path(__file__).resolve().parents[2]
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, docx.document.Document]:
    out = tmp_path_factory.mktemp("accesible")
    for arguments in EXAMPLES.values():
        assert main(["build", *[str(ROOT / a) if a.endswith(".yaml") else a
                                for a in arguments], "--out", str(out), "--formats",
                     "docx"]) == 0
    return {name: docx.Document(str(out / f"{name}.docx")) for name in EXAMPLES}


def parts(word: docx.document.Document) -> list:
    """The body and every header and footer, as XML."""
    section = word.sections[0]
    found = [word.element.body]
    for story in (section.header, section.footer, section.first_page_header,
                  section.first_page_footer):
        if not story.is_linked_to_previous:
            found.append(story._element)
    return found


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_picture_and_chart_has_alt_text_or_is_decorative(built, name):
    drawings = [pr for part in parts(built[name]) for pr in part.iter(qn("wp:docPr"))]
    assert drawings or name == "junin-exportaciones-2024"  # the press note: text and a table
    for pr in drawings:
        decorative = any(ext.get("uri") == DECORATIVE for ext in pr.iter(qn("a:ext")))
        assert decorative or (pr.get("descr") or "").strip(), pr.get("name")


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_data_table_has_a_header_row_and_a_caption(built, name):
    tables = [t for t in built[name].element.body.iter(qn("w:tbl"))
              if t.tblPr.find(qn("w:tblStyle")) is not None
              and t.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == "Cuadrosectorial"]
    for table in tables:
        first = table.find(qn("w:tr"))
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        caption = table.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val")).strip()
    if name == "junin-exportaciones-2024":
        assert tables  # the press note's table of products


def _level(paragraph) -> int | None:
    style = paragraph.style
    while style is not None:
        ppr = style.element.pPr
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if outline is not None:
            return int(outline.get(qn("w:val"))) + 1
        style = style.base_style
    return None


@pytest.mark.parametrize("name", EXAMPLES)
def test_headings_go_down_one_level_at_a_time(built, name):
    levels = [level for p in built[name].paragraphs if (level := _level(p)) is not None]
    assert levels and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_document_says_its_title_and_its_language(built, name):
    word = built[name]
    assert word.core_properties.title.strip()
    assert word.core_properties.language == "es-PE"
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "es-PE"
