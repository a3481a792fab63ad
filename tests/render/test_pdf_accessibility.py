"""The tagged PDF (PDF/UA-1, PDF/A-2a), read by tools that did not write it: a PDF/UA and
PDF/A checker from the registry (``page``, which passes the veraPDF corpus) passes every
example and refuses deliberately broken copies of one; poppler's ``pdfinfo -struct-text``
lists every text of the pages once, in reading order, under its tag."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import page
import pikepdf
import pytest

from examples.builds import EXAMPLES
from readback import normalise
from sectorial.cli import main
from sectorial.render.pdf.pdfa import pdfa_problems

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("etiquetado")
    for arguments in EXAMPLES.values():
        assert main(["build", *[str(ROOT / a) if a.endswith(".yaml") else a
                                for a in arguments], "--out", str(out), "--formats",
                     "pdf", "--quiet"]) == 0
    return {name: out / f"{name}.pdf" for name in EXAMPLES}


def failures(path: Path, profile: str) -> list[str]:
    report = page.validate_pdf(str(path), profile=profile)
    return sorted({f"{f.rule_id}: {f.message}" for f in report.failures})


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_the_checker_passes_every_example(built, name, profile):
    assert failures(built[name], profile) == []


def struct_text(path: Path) -> list[tuple[tuple[str, ...], str]]:
    """Each text of the structure tree, in its order, with the tags above it."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                         text=True, check=True).stdout
    found, stack = [], []  # (indent, tag)
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if not body or body.startswith("/"):  # an attribute
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if body.startswith('"'):
            found.append((tuple(tag for _, tag in stack), body[1:-1]))
        else:
            stack.append((indent, body.split()[0].rstrip(":")))
    return found


def pdftotext_lines(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [normalise(line).strip() for line in out.splitlines() if line.strip()]


def words(text: str) -> list[str]:
    return normalise(text).split()


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_text_of_the_pages_is_read_once(built, name):
    texts = struct_text(built[name])
    read = normalise(" ".join(t for tags, t in texts if "Figure" not in tags))
    lines = pdftotext_lines(built[name])
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(built[name])], capture_output=True, text=True).stdout).group(1))
    counts = Counter(lines)
    running = {line for line, n in counts.items() if n >= max(2, pages - 1)}
    # What is not read is an artifact: a running head or foot, a page number, the title of
    # a continuation page, or a chart's own labels (the figure is read by its alt text).
    figures = set(words(" ".join(t for tags, t in texts if "Figure" in tags)))
    unread = [line for line in lines if line not in read and line not in running
              and not line.isdigit() and not line.endswith("(continuación)")
              and not set(words(line)) <= figures]
    assert unread == []
    # and nothing is read twice: the tree's words are the pages' words, at most once each
    printed = Counter(w for line in lines for w in words(line))
    twice = Counter(w for _, t in texts for w in words(t)) - printed
    assert not +twice, twice


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_section_reads_its_heading_its_content_then_its_sources(built, name):
    texts = struct_text(built[name])
    assert all(tags[:2] == ("Document", "Sect") for tags, _ in texts)
    heads = [index for index, (tags, _) in enumerate(texts) if tags[2:3] == ("H1",)]
    assert heads
    for start, end in zip(heads, [*heads[1:], len(texts)]):
        roles = [tags[2] for tags, _ in texts[start:end]]
        sources = [i for i, (_, t) in enumerate(texts[start:end]) if t.startswith("Fuente")]
        content = [i for i, role in enumerate(roles) if role in ("Figure", "Table", "L")]
        if sources and content:  # the sources close the section
            assert max(content) < min(sources), roles


@pytest.mark.parametrize("name", ["vraem-2024", "manufactura-2023-09"])
def test_charts_are_figures_and_bullets_list_items(built, name):
    texts = struct_text(built[name])
    assert any("Figure" in tags for tags, _ in texts)
    bullets = [t for tags, t in texts if tags[-2:] == ("LI", "LBody")]
    labels = [t for tags, t in texts if tags[-2:] == ("LI", "Lbl")]
    assert bullets and len(labels) == len(bullets) and set(labels) == {"• "}
    assert not any(t.startswith("•") for t in bullets)


def test_table_cells_are_headers_or_data(built):
    texts = struct_text(built["junin-exportaciones-2024"])
    cells = [(tags[-1], t) for tags, t in texts if "Table" in tags]
    assert ("TH", "Producto ") in cells  # a column header
    assert any(tag == "Caption" for tag, _ in cells)
    data = [t for tag, t in cells if tag == "TD"]
    assert data and all(re.search(r"\d", t) for t in data)  # figures; the names are TH


# -- deliberately broken copies: the same checker refuses each ----------------------------
def _elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    found, stack = [], [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack += list(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == pikepdf.Name("/" + role):
                found.append(node)
            if "/K" in node:
                stack.append(node.K)
    return found


def _untagged(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/StructTreeRoot"]
    del pdf.Root["/MarkInfo"]


def _without_alt(pdf: pikepdf.Pdf) -> None:
    del _elements(pdf, "Figure")[0]["/Alt"]


def _skipped_heading(pdf: pikepdf.Pdf) -> None:
    for heading in _elements(pdf, "H1"):
        heading.S = pikepdf.Name.H3


def _text_outside(pdf: pikepdf.Pdf) -> None:
    target = pdf.pages[1]
    font = next(iter(target.Resources.Font.keys()))
    target.contents_add(pdf.make_stream(f"BT {font} 10 Tf 60 60 Td (x) Tj ET".encode()))


BROKEN = {
    "sin etiquetas": (_untagged, "TAGGED-DOCUMENT"),
    "figura sin texto alternativo": (_without_alt, "FIGURE-ALTERNATIVE-TEXT"),
    "nivel de título saltado": (_skipped_heading, "HEADING"),
    "texto fuera de la estructura": (_text_outside, "CONTENT-TAGGING"),
}


@pytest.mark.parametrize("how", BROKEN)
def test_the_checker_refuses_broken_copies(built, tmp_path, how):
    breaking, rule = BROKEN[how]
    target = tmp_path / "roto.pdf"
    with pikepdf.open(built["vraem-2024"]) as pdf:
        breaking(pdf)
        pdf.save(target)
    found = failures(target, "ua1")
    assert any(rule in f for f in found), found


@pytest.mark.parametrize("how", ["sin etiquetas", "texto fuera de la estructura"])
def test_the_archive_refuses_what_level_a_forbids(built, tmp_path, how):
    target = tmp_path / "roto.pdf"
    with pikepdf.open(built["vraem-2024"]) as pdf:
        BROKEN[how][0](pdf)
        pdf.save(target)
    assert pdfa_problems(built["vraem-2024"]) == []
    assert any("PDF/A-2a" in p for p in pdfa_problems(target))


def test_marked_content_never_nests():
    """What is drawn belongs to one element: a sequence opened inside another is a defect
    of sectorial, stopped at once, not a file whose inner text reads as the outer's."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from sectorial.errors import RenderError
    from sectorial.render.pdf.tags import Tagger

    tagger = Tagger(Canvas(io.BytesIO()))
    with tagger.content(tagger.root.add("P")), pytest.raises(RenderError):
        with tagger.artifact():
            pass
