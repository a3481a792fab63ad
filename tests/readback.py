"""Read built files back with tools that did not write them: poppler and LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_tools = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("soffice")),
    reason="necesita poppler-utils y LibreOffice (ver README)",
)


def normalise(text: str) -> str:
    """Fold line breaks, non-breaking and repeated spaces into single spaces, and
    non-breaking hyphens into hyphens."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")
                  .replace("\u2011", "-"))  # a non-breaking hyphen reads as a hyphen


def pdf_text(path: Path) -> str:
    """Return the PDF's text in reading order and in layout order, normalised."""
    plain = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True).stdout
    return normalise(layout) + " \n " + normalise(plain)


def libreoffice(path: Path, target: str, out: Path) -> Path:
    """Convert ``path`` with LibreOffice headless; fail if it wrote nothing."""
    profile = out / "perfil-lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         target, "--outdir", str(out), str(path)],
        capture_output=True, timeout=180, check=False,
    )
    extension = target.split(":")[0]
    converted = out / f"{path.stem}.{extension}"
    assert converted.is_file(), f"LibreOffice no pudo abrir {path.name}"
    return converted


def docx_text(path: Path, out: Path) -> str:
    """Return the DOCX's text as LibreOffice exports it, normalised."""
    exported = libreoffice(path, "txt:Text (encoded):UTF8", out)
    return normalise(exported.read_text(encoding="utf-8-sig"))


def pdf_info(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout


def page_size(info: str) -> tuple[float, float]:
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return float(width), float(height)


def curved_fills(path: Path, page: int) -> list[tuple[float, float, float, float]]:
    """The box (left, bottom, right, top, in points) of each filled path with curves on
    ``page`` (from 0), as pikepdf reads the page's content: a donut's slices, a marker."""
    import pikepdf

    boxes = []
    with pikepdf.open(path) as document:
        matrix, saved, points, curved = pikepdf.Matrix(), [], [], False
        for operands, operator in pikepdf.parse_content_stream(document.pages[page]):
            op = str(operator)
            if op == "q":
                saved.append(matrix)
            elif op == "Q":
                matrix = saved.pop()
            elif op == "cm":
                matrix = pikepdf.Matrix(*[float(v) for v in operands]) @ matrix
            elif op in ("m", "l", "c"):
                values = [float(v) for v in operands]
                points += [matrix.transform((x, y)) for x, y in zip(values[::2], values[1::2])]
                curved |= op == "c"
            elif op in ("f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n"):
                if curved and op not in ("S", "s", "n"):
                    xs, ys = [p[0] for p in points], [p[1] for p in points]
                    boxes.append((min(xs), min(ys), max(xs), max(ys)))
                points, curved = [], False
    return boxes
