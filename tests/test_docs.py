"""The documentation site builds --strict, its generated reference is complete and true, and
the tutorial does what it says: each of its commands runs, each of its edits applies, and
the brief it ends with prints the figure it promises."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sectorial.app.docs import FILTER_EXAMPLES
from sectorial.text.charts import CHARTS
from sectorial.text.filters import FILTERS

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"^```(\w+)(?: title=\"([^\"]+)\")?\n(.*?)^```$", re.M | re.S)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sitio")
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_site_builds_strict_with_the_generated_reference(site):
    filters = (site / "referencia" / "filtros" / "index.html").read_text("utf-8")
    assert "17,224" in filters and "17 224" in filters  # both number styles, from the data
    for kind in CHARTS:
        assert (site / "referencia" / "graficos" / f"{kind.name}.png").stat().st_size > 1000
    commands = (site / "referencia" / "ordenes" / "index.html").read_text("utf-8")
    for command in ("build", "check", "send", "archive", "preview", "init", "estilo",
                    "schema", "completion"):
        assert f"sectorial {command}" in commands
    assert "campo desconocido" not in (site / "referencia" / "campos" / "index.html").read_text(
        "utf-8")


def test_the_reference_shows_every_filter_and_every_chart_kind():
    assert set(FILTERS) <= {name for name, _, _ in FILTER_EXAMPLES}
    from sectorial.app.docs import pages

    charts = pages()["referencia/graficos.md"].decode("utf-8")
    assert "ningún ejemplo lo usa" not in charts
    assert all(f"### `{kind.name}`" in charts for kind in CHARTS)


def test_the_tutorial_runs_as_written(tmp_path):
    text = (ROOT / "docs" / "tutorial.md").read_text("utf-8")
    cwd, before = tmp_path, None
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    ran = 0
    for language, title, body in BLOCK.findall(text):
        if language == "bash" and "sectorial preview" in body:
            _preview_answers(body, cwd, env)
        elif language == "bash":
            done = subprocess.run(["bash", "-e", "-c", f"{body}\npwd"], cwd=cwd, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{body}\n{done.stdout}\n{done.stderr}"
            cwd = Path(done.stdout.strip().splitlines()[-1])
            ran += 1
        elif title.endswith("(antes)"):
            before = (title.removesuffix(" (antes)"), body)
        elif title.endswith("(después)"):
            name, old = before
            assert name == title.removesuffix(" (después)")
            path = cwd / name
            content = path.read_text("utf-8")
            assert content.count(old) == 1, f"{name} no contiene una vez:\n{old}"
            path.write_text(content.replace(old, body), "utf-8")
            before = None
    assert ran >= 4
    pdf = cwd / "output" / "exportaciones-2024.pdf"
    printed = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
    assert "Junín exportó US$ 2,848 millones en 2024." in printed  # as the tutorial says
    assert list((cwd / "output" / "outbox").rglob("*.eml"))


def _preview_answers(command: str, cwd: Path, env: dict) -> None:
    """The preview starts and says where; the test ends it as a user would (Ctrl-C)."""
    process = subprocess.Popen([*command.split(), "--port", "0"], cwd=cwd, text=True,
                               env={**env, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        said = ""
        while "vista previa en http://127.0.0.1:" not in said:
            line = process.stdout.readline()
            assert line, process.stderr.read()
            said += line
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    assert process.returncode == 0
