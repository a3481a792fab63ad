"""Print how long sectorial takes on the example briefs (figures only; no test asserts them).

Usage: python benchmarks/bench.py [--runs N]

Each figure is the median of N runs (default 3) of the whole command in a new process, as a
user runs it, into a fresh output folder (cold: nothing to skip), except the rerun, which
builds into a folder that already holds the same documents. Peak memory is the largest
resident size of any single process of the command (the parent or one worker).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONAL = "briefs/exportaciones-regionales.yaml"
VRAEM = "briefs/vraem-2024.yaml"
PERIOD = "2025-09"
TARGETS = {  # issue 5: measured on a 2-core machine
    "una región en frío": 1.5,
    "25 regiones --jobs 2": 6.0,
    "sin cambios": 0.5,
}
MEMORY_TARGET_MB = 250


def run(args: list[str]) -> tuple[float, str, float]:
    """Run a command; return wall seconds, its stdout and the peak memory of one process (MB)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, text=True, cwd=ROOT)
        # wait4: this command's own figures (its largest process, workers included), not
        # the largest of every command run so far as RUSAGE_CHILDREN would give.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"falló: {' '.join(args)}\n{err.read()}")
        return seconds, out.read(), usage.ru_maxrss / 1024  # KiB on Linux


def median(runs: int, make_args) -> tuple[float, str, float]:  # type: ignore[no-untyped-def]
    results = [run(make_args()) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), results[-1][1],
            max(r[2] for r in results))


def with_pictures(scratch: Path) -> Path:
    """A copy of the VRAEM brief whose house style puts chart pictures in the DOCX."""
    root = scratch / "imagen"
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "data" / "vraem", root / "data" / "vraem")
    style = root / "templates" / "produce" / "estilo.yaml"
    text = style.read_text("utf-8")
    if "docx: nativo" not in text:
        raise SystemExit(f"{style}: se esperaba 'docx: nativo'")
    style.write_text(text.replace("docx: nativo", "docx: imagen"), "utf-8")
    (root / "briefs").mkdir()
    return Path(shutil.copy(ROOT / VRAEM, root / "briefs"))


def verdict(name: str, seconds: float) -> str:
    target = TARGETS.get(name)
    if target is None:
        return ""
    return f"  (objetivo ≤ {target:.1f} s: {'cumple' if seconds <= target else 'NO cumple'})"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=3)
    runs = options.parse_args().runs
    cli = [sys.executable, "-m", "sectorial"]
    scratch = Path(tempfile.mkdtemp(prefix="sectorial-bench-"))
    counter = iter(range(10**6))

    def fresh() -> str:
        return str(scratch / f"out{next(counter)}")

    print(f"sectorial: tiempos en esta máquina (mediana de {runs} ejecuciones)\n")
    seconds, _, _ = median(runs, lambda: [*cli, "--help"])
    print(f"sectorial --help: {seconds:.2f} s")
    seconds, _, peak = median(runs, lambda: [*cli, "check", REGIONAL, "--period", PERIOD,
                                             "--region", "Junín"])
    print(f"check de una región: {seconds:.2f} s, memoria máx. {peak:.0f} MB")

    name = "una región en frío"
    seconds, out, peak = median(runs, lambda: [*cli, "build", REGIONAL, "--period", PERIOD,
                                               "--region", "Junín", "--out", fresh()])
    print(f"\n{name} (DOCX + PDF, proceso completo): {seconds:.2f} s{verdict(name, seconds)}")
    stages = re.search(r"tiempo: [\d.]+ s \((.*)\)", out)
    if stages:
        print("  etapas (s): " + stages.group(1))
    print(f"  memoria máx.: {peak:.0f} MB")

    worst = peak
    for jobs in (1, 2):
        name = f"25 regiones --jobs {jobs}"
        seconds, out, peak = median(runs, lambda jobs=jobs: [
            *cli, "build", REGIONAL, "--period", PERIOD, "--jobs", str(jobs), "--out", fresh()])
        worst = max(worst, peak)
        built = re.search(r"resumen: (\d+) construidos", out)
        print(f"{name}: {seconds:.2f} s ({built.group(1) if built else '?'} documentos)"
              f"{verdict(name, seconds)}; memoria máx. por proceso {peak:.0f} MB")

    name = "sin cambios"
    folder = fresh()
    run([*cli, "build", REGIONAL, "--period", PERIOD, "--out", folder])
    seconds, out, _ = median(runs, lambda: [*cli, "build", REGIONAL, "--period", PERIOD,
                                            "--out", folder])
    summary = re.search(r"resumen: .*", out)
    print(f"repetición sin cambios (25 regiones): {seconds:.2f} s{verdict(name, seconds)}"
          f" [{summary.group(0) if summary else ''}]")

    pictures = with_pictures(scratch)
    print("\nVRAEM 2024 (13 gráficos, en frío), gráficos del DOCX nativos o imágenes:")
    for formats in ("docx,pdf", "docx"):
        for label, brief in (("nativos", VRAEM), ("imágenes", str(pictures))):
            seconds, out, peak = median(runs, lambda brief=brief, formats=formats: [
                *cli, "build", brief, "--formats", formats, "--out", fresh()])
            stages = re.search(r"tiempo: [\d.]+ s \((.*)\)", out)
            shown = formats.upper().replace(",", " + ")
            print(f"  {shown}, {label}: {seconds:.2f} s, memoria máx. {peak:.0f} MB"
                  + (f"\n    etapas (s): {stages.group(1)}" if stages else ""))
            worst = max(worst, peak)
    ok = "cumple" if worst <= MEMORY_TARGET_MB else "NO cumple"
    print(f"\nmemoria máxima de un proceso: {worst:.0f} MB "
          f"(objetivo ≤ {MEMORY_TARGET_MB} MB: {ok})")


if __name__ == "__main__":
    main()
