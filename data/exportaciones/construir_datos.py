"""Genera data/exportaciones/exportaciones_mensuales.csv (datos ILUSTRATIVOS) y lo verifica.

Uso: python3 data/exportaciones/construir_datos.py

Solo biblioteca estándar; semillas fijas: cada ejecución escribe el mismo archivo. Los totales
anuales 2023 y 2024 de cada región son exactamente los de data/junin/exportaciones_regiones.csv
(Junín: US$ 2 411 000 000 y US$ 2 847 761 852, puesto 11 en 2024). Termina con código 1 si
alguna comprobación falla. No edite el CSV a mano: cambie este script y ejecútelo de nuevo.
"""

from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANNUAL = HERE.parent / "junin" / "exportaciones_regiones.csv"
OUT = HERE / "exportaciones_mensuales.csv"
GROUPS = ["Minería", "Petróleo y gas", "Pesca", "Agropecuario", "Textil", "Químico",
          "Siderometalúrgico", "Otros"]
DESTINATIONS = ["China", "Taiwán", "Estados Unidos", "Alemania", "Países Bajos",
                "Corea del Sur", "Japón", "Canadá", "India", "España", "Italia", "Chile"]
# Seasonality of the twelve months (weights), the same shape for every region.
SEASON = [0.92, 0.88, 0.97, 0.98, 1.02, 1.00, 1.03, 1.05, 1.01, 1.04, 1.03, 1.07]
JUNIN_GROUPS_2024 = {"Minería": 2_549_000_000, "Agropecuario": 295_000_000}
JUNIN_TOP_DESTINATIONS = ["China", "Taiwán", "Estados Unidos", "Alemania", "Países Bajos",
                          "Corea del Sur"]
RANK_2024 = ["Lima", "Ica", "Arequipa", "Áncash", "Moquegua", "La Libertad", "Puno", "Callao",
             "Piura", "Apurímac", "Junín"]
BROAD = {"Lima", "Callao", "Ica", "Arequipa", "La Libertad", "Piura"}
NARROW = {"Madre de Dios", "Amazonas", "Tumbes", "Huancavelica", "Pasco"}


def split(total: int, weights: list[float]) -> list[int]:
    """Integer parts proportional to ``weights`` that add up exactly to ``total``."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def region_profile(region: str, rng: random.Random) -> tuple[dict[str, float], dict[str, float]]:
    """Weights of the product groups and destinations a region exports to."""
    if region == "Junín":
        groups = {"Minería": 2_549.0, "Agropecuario": 295.0, "Textil": 2.2, "Químico": 1.0,
                  "Otros": 0.6}
        destinations = {d: w for d, w in zip(JUNIN_TOP_DESTINATIONS, (40, 18, 12, 8, 6, 4.5))}
        destinations.update({"Italia": 3.0, "España": 2.5, "Canadá": 2.0, "Japón": 1.5})
        return groups, destinations
    n_groups = rng.randint(4, 5) if region in BROAD else rng.randint(2, 3) if region in NARROW \
        else rng.randint(3, 4)
    chosen = ["Minería" if rng.random() < 0.7 else "Agropecuario"]
    chosen += rng.sample([g for g in GROUPS if g not in chosen], n_groups - 1)
    groups = {g: (6.0 if i == 0 else rng.uniform(0.3, 2.5)) for i, g in enumerate(chosen)}
    n_dest = rng.randint(8, 10) if region in BROAD else rng.randint(4, 5) if region in NARROW \
        else rng.randint(5, 8)
    destinations = {d: rng.uniform(0.5, 6.0) for d in rng.sample(DESTINATIONS, n_dest)}
    return groups, destinations


def months(year: int) -> list[str]:
    last = 9 if year == 2025 else 12
    return [f"{year}-{m:02d}" for m in range(1, last + 1)]


def build() -> list[tuple[str, str, str, str, int, str]]:
    annual: dict[tuple[str, int], int] = {}
    with ANNUAL.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            annual[(row["region"], int(row["anio"]))] = int(row["valor_fob_usd"])
    regions = sorted({r for r, _ in annual}, key=lambda r: -annual[(r, 2024)])
    rows = []
    for number, region in enumerate(regions):
        rng = random.Random(1000 + number)
        groups, destinations = region_profile(region, rng)
        cells = [(g, d, wg * wd) for g, wg in groups.items() for d, wd in destinations.items()]
        monthly: dict[str, int] = {}
        for year in (2023, 2024):
            noise = [s * rng.uniform(0.93, 1.07) for s in SEASON]
            monthly.update(zip(months(year), split(annual[(region, year)], noise)))
        level_2022 = rng.uniform(0.85, 0.96)
        for month, value in zip(months(2022), (monthly[m] for m in months(2023))):
            monthly[month] = round(value * level_2022 * rng.uniform(0.95, 1.05))
        trend = 1.12 if region == "Junín" else rng.uniform(0.9, 1.15)
        for month, base in zip(months(2025), (monthly[m] for m in months(2024))):
            monthly[month] = round(base * trend * rng.uniform(0.94, 1.06))
        if region == "Junín":  # up against the same month and the same months of 2024
            monthly["2025-09"] = max(monthly["2025-09"], round(monthly["2024-09"] * 1.08))
        for month in sorted(monthly):
            origin = "publicado" if region == "Junín" and month[:4] in ("2023", "2024") \
                else "estimado"
            jitter = [w * (1 + rng.uniform(-0.04, 0.04)) for _, _, w in cells]
            for (group, destination, _), value in zip(cells, split(monthly[month], jitter)):
                if value > 0:
                    rows.append((month, region, group, destination, value, origin))
    return sorted(rows, key=lambda r: (r[0], regions.index(r[1]), r[2], r[3]))


def millions(value: int) -> int:
    return int(Decimal(value / 1e6).quantize(Decimal(1), ROUND_HALF_UP))


def verify(annual_path: Path, out: Path) -> list[str]:
    problems: list[str] = []
    annual = {}
    with annual_path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            annual[(row["region"], int(row["anio"]))] = int(row["valor_fob_usd"])
    sums: dict[tuple[str, str], int] = defaultdict(int)
    groups_2024: dict[str, int] = defaultdict(int)
    dest_2024: dict[str, int] = defaultdict(int)
    seen = set()
    with out.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        if header != ["periodo", "region", "grupo", "destino", "valor_fob_usd", "origen"]:
            problems.append(f"encabezado inesperado: {header}")
        for number, row in enumerate(reader, start=2):
            month, region, group, destination, value, origin = row
            key = (month, region, group, destination)
            if key in seen:
                problems.append(f"fila {number} repetida: {key}")
            seen.add(key)
            if int(value) <= 0 or origin not in ("publicado", "estimado"):
                problems.append(f"fila {number}: valor u origen no válido")
            sums[(region, month[:4])] += int(value)
            sums[(region, month)] += int(value)
            if region == "Junín" and month.startswith("2024"):
                groups_2024[group] += int(value)
                dest_2024[destination] += int(value)
    for (region, year), value in annual.items():
        if sums[(region, str(year))] != value:
            problems.append(f"{region} {year}: {sums[(region, str(year))]} != {value}")
    ranking = sorted({r for r, _ in annual}, key=lambda r: -sums[(r, "2024")])
    if ranking[:11] != RANK_2024:
        problems.append(f"orden 2024: {ranking[:11]}")
    for group, value in JUNIN_GROUPS_2024.items():
        if millions(groups_2024[group]) != value // 1_000_000:
            problems.append(f"Junín 2024 {group}: {millions(groups_2024[group])} millones")
    top = sorted(dest_2024, key=lambda d: -dest_2024[d])[:6]
    if top != JUNIN_TOP_DESTINATIONS:
        problems.append(f"destinos de Junín 2024: {top}")
    junin = {m: sums[("Junín", m)] for m in ("2024-09", "2025-09")}
    ytd = {y: sum(sums[("Junín", f"{y}-{m:02d}")] for m in range(1, 10)) for y in (2024, 2025)}
    if not (junin["2025-09"] > junin["2024-09"] and ytd[2025] > ytd[2024]):
        problems.append(f"Junín 2025 no crece: {junin}, {ytd}")
    regions = {r for r, _ in annual}
    for month in [m for y in (2022, 2023, 2024, 2025) for m in months(y)]:
        missing = [r for r in regions if sums[(r, month)] == 0]
        if missing:
            problems.append(f"{month}: faltan {missing}")
    print(f"{len(seen)} filas; Junín setiembre 2024: {junin['2024-09']:,}, setiembre 2025: "
          f"{junin['2025-09']:,}; enero-setiembre 2024: {ytd[2024]:,}, 2025: {ytd[2025]:,}")
    return problems


def main() -> int:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["periodo", "region", "grupo", "destino", "valor_fob_usd", "origen"])
        writer.writerows(rows)
    problems = verify(ANNUAL, OUT)
    for problem in problems:
        print("ERROR:", problem)
    print("comprobaciones: " + ("fallan" if problems else "todas correctas"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
