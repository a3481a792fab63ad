"""The cover's title keeps its closing number with the word before it: «enero 2025» is
never split over two lines, in the PDF (poppler) and in the DOCX (LibreOffice)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from readback import libreoffice, needs_tools
from sectorial.cli import main


@needs_tools
def test_a_january_cover_keeps_its_month_and_year_on_one_line(root: Path, tmp_path: Path):
    brief = root / "briefs" / "exportaciones-regionales.yaml"
    assert main(["build", str(brief), "--period", "2025-01", "--region", "Junín",
                 "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "exportaciones-junin-2025-01.pdf"
    word = libreoffice(tmp_path / "exportaciones-junin-2025-01.docx", "pdf", tmp_path / "lo")
    for path in (pdf, word):
        cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(path), "-"],
                               capture_output=True, text=True, check=True).stdout
        lines = [" ".join(line.replace("\u00a0", " ").split()) for line in cover.splitlines()]
        assert "enero 2025" in lines, (path.name, lines)
