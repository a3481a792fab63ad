"""Print how long sectorial takes beside the anchor, measured in the same run (figures only;
no test asserts them).

Usage: python benchmarks/bench.py [--runs N] [--anchor CARPETA]

The anchor (../shared/anchors/README.md) is the docxtpl + LibreOffice way of making a
comparable brief; its virtual environment is made in CARPETA on the first run (default:
~/.cache/sectorial-bench/anchor). Each figure is the median of N runs (default 3) of the
whole command in a new process, as a user runs it, into a fresh output folder (cold: nothing
to skip), except the rerun, which builds into a folder that already holds the same
documents. CPU seconds are those of the command and every process it waited for; peak
memory is the largest resident size of any one of them (the parent or one worker).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import preview  # benchmarks/preview.py: the preview's rebuilds, measured in this process

ROOT = Path(__file__).resolve().parent.parent
ANCHORS = ROOT.parent / "shared" / "anchors"
REGIONAL = "briefs/exportaciones-regionales.yaml"
VRAEM = "briefs/vraem-2024.yaml"
PERIOD = "2025-09"
DISTRICTS = 1874  # district briefs a month
TARGETS = {  # issue 19: how many times the anchor's speed, on a 2-core machine
    "25 informes regionales, DOCX + PDF, --jobs 2": 4.0,
    "un informe en frío (VRAEM, 13 gráficos)": 1.5,
}
RERUN_TARGET_S, MEMORY_TARGET_MB, PDF_TARGET_KB = 0.3, 200, 120


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    out: str


def run(args: list[str], cwd: Path = ROOT) -> Run:
    """Run a command; return its wall and CPU seconds, peak memory of one process, output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, text=True, cwd=cwd)
        # wait4: this command's own figures (its largest process, workers included), not
        # the largest of every command run so far as RUSAGE_CHILDREN would give.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0), err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"falló: {' '.join(args)}\n{err.read()}")
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   out.read() + err.read())


def median(runs: int, make_args, cwd: Path = ROOT) -> Run:  # type: ignore[no-untyped-def]
    results = [run(make_args(), cwd) for _ in range(runs)]
    return Run(statistics.median(r.seconds for r in results),
               statistics.median(r.cpu for r in results), max(r.peak_mb for r in results),
               results[-1].out)


def anchor_python(folder: Path) -> Path:
    """The anchor's Python, its environment made on first use (docxtpl, matplotlib)."""
    python = folder / "venv" / "bin" / "python"
    if not python.exists():
        print(f"preparando el ancla en {folder} (una vez)…", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "docxtpl", "python-docx",
                        "matplotlib"], check=True)
    return python


def anchor(python: Path, documents: int, runs: int, scratch: Path) -> Run:
    """The anchor making ``documents`` briefs (DOCX, then PDF by one LibreOffice call)."""
    work = scratch / f"ancla{documents}"

    def fresh() -> list[str]:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        return [str(python), str(ANCHORS / "docxtpl_lo.py"), str(documents)]
    results = []
    for _ in range(runs):
        args = fresh()
        results.append(run(args, cwd=work))
    return Run(statistics.median(r.seconds for r in results),
               statistics.median(r.cpu for r in results), max(r.peak_mb for r in results), "")


def side_by_side(name: str, ours: Run, theirs: Run) -> str:
    ratio = theirs.seconds / ours.seconds
    target = TARGETS.get(name)
    verdict = (f" (objetivo ≥ {target:.1f}x: {'cumple' if ratio >= target else 'NO cumple'})"
               if target else "")
    return (f"{name}: sectorial {ours.seconds:.2f} s ({ours.cpu:.2f} s de CPU), ancla "
            f"{theirs.seconds:.2f} s ({theirs.cpu:.2f} s de CPU): {ratio:.1f}x{verdict}")


def chart_figures_found(folder: Path, name: str) -> tuple[int, int]:
    """How many chart labels of the ledger pdftotext finds in the PDF, of how many."""
    with (folder / f"{name}.cifras.csv").open(encoding="utf-8-sig", newline="") as handle:
        labels = [r["texto_impreso"] for r in csv.DictReader(handle)
                  if r["elemento"] == "gráfico" and r["texto_impreso"]]
    text = subprocess.run(["pdftotext", str(folder / f"{name}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = re.sub(r"\s+", "", text)
    return sum(re.sub(r"\s+", "", label) in words for label in labels), len(labels)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--anchor", type=Path,
                         default=Path.home() / ".cache" / "sectorial-bench" / "anchor")
    arguments = options.parse_args()
    runs = arguments.runs
    python = anchor_python(arguments.anchor)
    cli = [sys.executable, "-m", "sectorial"]
    scratch = Path(tempfile.mkdtemp(prefix="sectorial-bench-"))
    counter = iter(range(10**6))

    def fresh() -> str:
        return str(scratch / f"out{next(counter)}")

    print(f"sectorial frente al ancla (docxtpl + LibreOffice), {time.strftime('%Y-%m-%d')}, "
          f"{os.cpu_count()} núcleos, mediana de {runs} ejecuciones\n")
    name = "25 informes regionales, DOCX + PDF, --jobs 2"
    many = median(runs, lambda: [*cli, "build", REGIONAL, "--period", PERIOD, "--jobs", "2",
                                 "--out", fresh()])
    print(side_by_side(name, many, anchor(python, 25, runs, scratch)))
    name = "un informe en frío (VRAEM, 13 gráficos)"
    folder = fresh()
    one = median(runs, lambda: [*cli, "build", VRAEM, "--out", folder, "--force"])
    theirs_one = anchor(python, 1, runs, scratch)
    print(side_by_side(name, one, theirs_one))
    stages = re.search(r"tiempo: [\d.]+ s \((.*)\)", one.out)
    if stages:
        print("  etapas (s): " + stages.group(1))
    size_kb = (Path(folder) / "vraem-2024.pdf").stat().st_size / 1024
    found, labels = chart_figures_found(Path(folder), "vraem-2024")
    print(f"PDF del VRAEM: {size_kb:.0f} KB (objetivo ≤ {PDF_TARGET_KB} KB: "
          f"{'cumple' if size_kb <= PDF_TARGET_KB else 'NO cumple'}); pdftotext encuentra "
          f"{found} de {labels} cifras de sus gráficos")

    print(preview.report(runs) + f" [el ancla no tiene vista previa: construye de nuevo en "
          f"{theirs_one.seconds:.2f} s]")

    folder = fresh()
    run([*cli, "build", REGIONAL, "--period", PERIOD, "--out", folder])
    rerun = median(runs, lambda: [*cli, "build", REGIONAL, "--period", PERIOD, "--out", folder])
    summary = re.search(r"resumen: .*", rerun.out)
    print(f"repetición sin cambios (25 regiones): {rerun.seconds:.2f} s (objetivo ≤ "
          f"{RERUN_TARGET_S} s: {'cumple' if rerun.seconds <= RERUN_TARGET_S else 'NO cumple'})"
          f" [{summary.group(0) if summary else ''}]")
    worst = max(many.peak_mb, one.peak_mb)
    print(f"memoria máxima de un proceso: {worst:.0f} MB (objetivo ≤ {MEMORY_TARGET_MB} MB: "
          f"{'cumple' if worst <= MEMORY_TARGET_MB else 'NO cumple'})")

    serial = median(runs, lambda: [*cli, "build", REGIONAL, "--period", PERIOD, "--jobs", "1",
                                   "--out", fresh()])
    single = median(runs, lambda: [*cli, "build", REGIONAL, "--period", PERIOD, "--region",
                                   "Junín", "--out", fresh()])
    per_doc = (serial.cpu - single.cpu) / 24  # CPU of a document once the process runs
    start = single.seconds - per_doc
    print(f"\ncosto por documento (de --jobs 1): {per_doc:.2f} s de CPU; arranque de un "
          f"proceso: {start:.2f} s")
    cores = os.cpu_count() or 1
    print(f"proyección, {DISTRICTS} informes distritales: en esta máquina ({cores} núcleos) "
          f"{(start + DISTRICTS * per_doc / cores) / 60:.1f} min; en un clúster de N procesos, "
          f"unos {DISTRICTS * per_doc / 60:.0f}/N min más el arranque de cada proceso "
          f"({start:.1f} s)")


if __name__ == "__main__":
    main()
