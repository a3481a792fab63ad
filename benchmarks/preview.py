"""How long ``sectorial preview`` takes to show a change: a session on a copy of the VRAEM
brief (7 pages, 13 charts) built once, then rebuilt after a one-line edit of the brief (a
bullet's words) and after a one-line edit of its data (a region's credit in 2019, which
changes a chart and a growth rate). Each figure is the median of N rebuilds in
the same process, as the preview runs: libraries loaded, unchanged charts and pages kept.

Usage: python benchmarks/preview.py [--runs N]   (bench.py prints it beside the anchor)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.3  # issue 20: a rebuild after a one-line change

EDITS = {
    "una línea del informe": ("briefs/vraem-2024.yaml", "}} se ubica el\n",
                              "}} se encuentra el\n"),
    "una cifra de los datos": ("data/vraem/credito.csv", "2019,Apurímac,Microempresa,64.8,",
                               "2019,Apurímac,Microempresa,74.8,"),
}


def measure(runs: int) -> dict[str, tuple[float, int, int]]:
    """Each edit's median rebuild seconds, and the pages redrawn of those shown."""
    from sectorial.preview.session import Session

    folder = Path(tempfile.mkdtemp(prefix="sectorial-preview-"))
    try:
        for part in ("briefs/vraem-2024.yaml", "data/vraem", "templates/produce"):
            source, target = ROOT / part, folder / part
            target.parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
        session = Session(folder / "briefs" / "vraem-2024.yaml")
        assert session.rebuild().error is None
        found = {}
        for name, (file, before, after) in EDITS.items():
            path, spent, shown = folder / file, [], None
            for index in range(runs):
                old, new = (before, after) if index % 2 == 0 else (after, before)
                text = path.read_text("utf-8")
                assert old in text, (file, old)
                path.write_text(text.replace(old, new, 1), "utf-8")
                start = time.perf_counter()
                shown = session.rebuild()
                spent.append(time.perf_counter() - start)
                assert shown.error is None, shown.error
            found[name] = (statistics.median(spent), shown.redrawn, len(shown.pages))
        return found
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(runs: int) -> str:
    lines = []
    for name, (seconds, redrawn, pages) in measure(runs).items():
        verdict = "cumple" if seconds <= TARGET_S else "NO cumple"
        lines.append(f"vista previa, rehacer tras {name}: {seconds:.2f} s (objetivo ≤ "
                     f"{TARGET_S} s: {verdict}; {redrawn} de {pages} páginas dibujadas)")
    return "\n".join(lines)


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    print(report(options.parse_args().runs))
