"""Officials receive the DOCX and the archive keeps the PDF: both are the same brief. Each
example's DOCX, laid out by LibreOffice, has as many pages as the PDF, every section (the
cover, each page's title, each table's title) starts on the same page in both, and the
cover carries the same dark band down its right edge."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from PIL import Image

from examples.builds import EXAMPLES
from readback import libreoffice, needs_tools, normalise
from sectorial.cli import main

ROOT = Path(__file__).resolve().parents[2]


def pages_text(pdf: Path) -> list[str]:
    count = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    return [normalise(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                     capture_output=True, text=True, check=True).stdout)
            for n in range(1, count + 1)]


def first_page(pages: list[str], line: str) -> int | None:
    wanted = normalise(line).strip()
    return next((n for n, text in enumerate(pages, start=1) if wanted in text), None)


def right_edge(pdf: Path, folder: Path) -> tuple[int, int, int]:
    """The colour of the cover's right edge, halfway down."""
    prefix = folder / f"{pdf.stem}-portada"
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "20", "-png", "-singlefile",
                    str(pdf), str(prefix)], check=True)
    image = Image.open(f"{prefix}.png").convert("RGB")
    return image.getpixel((image.width - 3, image.height // 2))


@needs_tools
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_docx_breaks_its_pages_where_the_pdf_does(name, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["build", *EXAMPLES[name], "--out", str(tmp_path)]) == 0
    ours = tmp_path / f"{name}.pdf"
    theirs = libreoffice(tmp_path / f"{name}.docx", "pdf", tmp_path / "libreoffice")
    pdf_pages, docx_pages = pages_text(ours), pages_text(theirs)
    assert len(docx_pages) == len(pdf_pages)
    word = docx.Document(str(tmp_path / f"{name}.docx"))
    sections = [p.text for p in word.paragraphs
                if p.style.name in ("Title", "Heading 1", "Título de cuadro")]
    assert sections
    for line in sections:
        assert first_page(docx_pages, line) == first_page(pdf_pages, line) is not None, line
    if any(p.style.name == "Title" for p in word.paragraphs):  # a cover: the same band
        band = right_edge(ours, tmp_path)
        assert right_edge(theirs, tmp_path) == pytest.approx(band, abs=12)
        assert max(band) < 100  # dark: the band, not the white page
