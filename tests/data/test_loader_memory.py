"""Peak memory of reading a large CSV, measured in a fresh process (printed, loosely bounded).

Files over MAX_FILE_BYTES are refused unread (see test_data_loader); below it, only the
declared columns are kept, so memory grows with what the brief uses, not with the file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEASURE = """
import resource, sys
from pathlib import Path
from sectorial.data.loader import SourceSpec, load_table
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
table = load_table(SourceSpec("d", Path(sys.argv[1]), "SUNAT",
                              {"mes": "periodo", "region": "texto", "valor": "decimal"}))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(table.frame), before // 1024, after // 1024)
"""
REGIONS = ("Apurímac", "La Libertad", "Madre de Dios", "Cusco", "Junín")


def test_peak_memory_of_a_large_csv_grows_with_the_declared_columns(tmp_path):
    path = tmp_path / "grande.csv"
    lines = ["mes,region,valor,ubigeo,producto,partida,pais,nota\n"]
    lines += [f"2024-{i % 12 + 1:02d},{REGIONS[i % 5]},{i * 1.5:.1f},{i % 999999:06d},"
              f"Producto {i % 300},{i % 9999:04d}.00.00,País {i % 40},sin observación\n"
              for i in range(110_000)]
    path.write_text("".join(lines), encoding="utf-8")
    megabytes = path.stat().st_size / 1e6
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    rows, before, after = map(int, result.stdout.split())
    print(f"\n{megabytes:.1f} MB, {rows} filas: memoria máxima {before} MB antes de leer, "
          f"{after} MB después (+{after - before} MB)")
    assert rows == 110_000
    assert after - before < 7 * megabytes  # ~4x; all eight columns as text took ~10x
