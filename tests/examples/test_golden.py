"""The four example briefs give the same bytes as the pinned build (``golden.json``).

A refactoring must not change a published document. The pin holds with the library
versions it records (a new reportlab or zlib may write the same document with other
bytes); with other versions the test says so and is skipped: re-pin with
``python tests/examples/test_golden.py`` after checking the new files by eye.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from importlib.metadata import version
from pathlib import Path

import pytest

from sectorial.cli import main

ROOT = Path(__file__).resolve().parents[2]
PINNED = Path(__file__).with_name("golden.json")
EPOCH = "1700000000"
BUILDS = (
    ["briefs/vraem-2024.yaml"],
    ["briefs/junin-exportaciones-2024.yaml"],
    ["briefs/exportaciones-regionales.yaml", "--period", "2025-09", "--region", "Junín"],
    ["briefs/manufactura-mensual.yaml"],
)
LIBRARIES = ("reportlab", "matplotlib", "python-docx", "python-pptx", "XlsxWriter", "pikepdf",
             "pillow", "numpy", "fonttools")


def versions() -> dict[str, str]:
    import matplotlib.ft2font

    found = {name: version(name) for name in LIBRARIES}
    found["zlib"] = zlib.ZLIB_RUNTIME_VERSION
    found["freetype"] = matplotlib.ft2font.__freetype_version__
    return found


def build_all(out: Path) -> dict[str, str]:
    """Build the examples into ``out``; the SHA-256 of each DOCX and PDF written."""
    for arguments in BUILDS:
        assert main(["build", *arguments, "--out", str(out), "--jobs", "1"]) == 0
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.iterdir()) if path.suffix in (".docx", ".pdf")}


def test_the_examples_build_byte_identical_to_the_pinned_files(tmp_path, monkeypatch):
    pinned = json.loads(PINNED.read_text("utf-8"))
    if pinned["versions"] != versions():
        pytest.skip("otras versiones de las bibliotecas que las fijadas en golden.json: "
                    f"{pinned['versions']} frente a {versions()}")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build_all(tmp_path) == pinned["files"]


if __name__ == "__main__":  # re-pin
    import os
    import tempfile

    os.chdir(ROOT)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.TemporaryDirectory() as folder:
        files = build_all(Path(folder))
    PINNED.write_text(json.dumps({"versions": versions(), "files": files}, indent=1) + "\n",
                      "utf-8")
    print(f"fijados {len(files)} archivos en {PINNED}", file=sys.stderr)
