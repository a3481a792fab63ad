"""A build asked again with nothing changed answers from its last run's record, loading
nothing of the pipeline; any change to what it read or wrote, content and not dates, builds
as usual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mini import make_regional_project


def build(brief: Path, out: Path, *extra: str, importtime: bool = False
          ) -> subprocess.CompletedProcess:
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run([sys.executable, *flags, "-m", "sectorial", "build", str(brief),
                           "--period", "2025-09", "--out", str(out), *extra],
                          capture_output=True, text=True, timeout=300)


def loaded(done: subprocess.CompletedProcess) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:")}


def said(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if not line.startswith("import time:")]


def test_an_unchanged_build_says_the_same_without_loading_the_pipeline(tmp_path):
    brief, out = make_regional_project(tmp_path), tmp_path / "out"
    assert build(brief, out).returncode == 0
    (record,) = (out / ".sectorial").glob("orden-*.json")
    record.rename(record.with_suffix(".guardado"))
    ordinary = build(brief, out)  # no record: the ordinary build says "sin cambios"
    record.with_suffix(".guardado").replace(record)
    fast = build(brief, out, importtime=True)
    assert fast.returncode == 0
    def files(lines: list[str]) -> set[str]:  # the documents end in any order
        return {line.split("] ", 1)[-1] for line in lines[:-1]}

    assert files(said(fast)) == files(ordinary.stderr.splitlines())  # all but the time
    assert len(said(fast)) == len(ordinary.stderr.splitlines()) == 10
    assert said(fast)[-1].startswith("resumen: 0 construidos, 3 sin cambios, 0 con error;")
    assert not {"pandas", "jinja2", "yaml", "matplotlib", "sectorial.batch"} & loaded(fast)
    as_json = [json.loads(line) for line in build(brief, out, "--json", "--quiet").stdout
               .splitlines()]
    assert [d["estado"] for d in as_json] == ["sin cambios"] * 3
    assert [d["valor"] for d in as_json] == ["Apurímac", "La Libertad", "Madre de Dios"]


def test_a_value_changed_in_place_is_seen_even_with_its_old_date(tmp_path):
    brief, out = make_regional_project(tmp_path), tmp_path / "out"
    assert build(brief, out).returncode == 0
    data = tmp_path / "data" / "mensual.csv"
    before = data.stat()
    text = data.read_text("utf-8")
    assert "2025-09,Apurímac,290\n" in text
    data.write_text(text.replace("2025-09,Apurímac,290", "2025-09,Apurímac,291"), "utf-8")
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same date
    again = build(brief, out, importtime=True)
    assert again.returncode == 0 and "pandas" in loaded(again)
    assert "escrito: " in again.stderr  # the region whose figure changed is built again


def test_an_output_edited_by_hand_or_force_builds_again(tmp_path):
    brief, out = make_regional_project(tmp_path), tmp_path / "out"
    assert build(brief, out).returncode == 0
    pdf = out / "regional-apurimac-2025-09.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"%editado\n")
    again = build(brief, out)
    assert f"[1/3] escrito: {pdf}" in again.stderr or f"escrito: {pdf}" in again.stderr
    forced = build(brief, out, "--force", importtime=True)
    assert "pandas" in loaded(forced)


def test_a_new_brief_in_a_folder_is_built(tmp_path):
    brief, out = make_regional_project(tmp_path), tmp_path / "out"
    folder = brief.parent
    done = subprocess.run([sys.executable, "-m", "sectorial", "build", str(folder),
                           "--period", "2025-09", "--out", str(out)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0
    (folder / "otro.yaml").write_text(brief.read_text("utf-8").replace(
        'nombre: "regional-', 'nombre: "otro-'), "utf-8")
    again = subprocess.run([sys.executable, "-m", "sectorial", "build", str(folder),
                            "--period", "2025-09", "--out", str(out)], capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0 and "3 construidos, 3 sin cambios" in again.stderr
