"""Print how long sectorial takes on the example briefs (figures only; no test asserts them).

Usage: python benchmarks/bench.py [BRIEF ...]   (default: briefs/vraem-2024.yaml)
"""

from __future__ import annotations

import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def timed(args: list[str]) -> tuple[float, str, int]:
    """Run a command; return wall seconds, its stdout and the peak memory of any child (KiB)."""
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=True)
    seconds = time.perf_counter() - start
    return seconds, result.stdout, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def median_of(args: list[str]) -> tuple[float, str, int]:
    runs = [timed(args) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), runs[-1][1], max(r[2] for r in runs)


def main(briefs: list[str]) -> None:
    cli = [sys.executable, "-m", "sectorial"]
    seconds, _, _ = median_of([*cli, "--help"])
    print(f"sectorial --help: {seconds:.2f} s")
    for brief in briefs:
        seconds, _, peak = median_of([*cli, "check", brief])
        print(f"\n{brief}\n  check: {seconds:.2f} s, memoria máxima {peak / 1024:.0f} MB")
        with tempfile.TemporaryDirectory() as out:
            seconds, stdout, peak = median_of([*cli, "build", brief, "--out", out])
        print(f"  build completo (proceso en frío, mediana de {RUNS}): {seconds:.2f} s, "
              f"memoria máxima {peak / 1024:.0f} MB")
        stages = re.search(r"\((.*)\)", stdout.splitlines()[-1])
        if stages:
            print("  etapas (s): " + stages.group(1))


if __name__ == "__main__":
    main(sys.argv[1:] or ["briefs/vraem-2024.yaml"])
