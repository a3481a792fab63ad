"""Construye los datos de ejemplo del reporte mensual de producción manufacturera y los verifica.

Writes data/manufactura/indice_manufacturero.csv: for each month from January 2020 to
December 2023 and each of 21 manufacturing industries (CIIU), the industry's contribution in
index points to the manufacturing production index, with its subsector (primario, no
primario) and its economic-use group. The total index is the sum of the industries' points,
so every variation and every incidence in percentage points adds up.

The figures of September 2023 come from a published report: PRODUCE - OGEIEE, "Reporte de
producción manufacturera, setiembre 2023" (see README.md). The report states variations and
incidences, not index levels: the levels are built so that each figure it states, recomputed
from this file and rounded to one decimal (half away from zero, as the ministry rounds),
is the published one, with a margin from every rounding boundary. The other months are
illustrative (seeded, so every run writes the same file). After writing, the script reads
the file back with the csv module, recomputes each published figure, and exits with status
1 if any check fails.

Usage: python3 data/manufactura/construir_datos.py
"""

from __future__ import annotations

import csv
import math
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from comprobar import Checker  # noqa: E402 - the checker the generators share

HERE = Path(__file__).resolve().parent
OUT = HERE / "indice_manufacturero.csv"
MONTHS = [(year, month) for year in (2020, 2021, 2022, 2023) for month in range(1, 13)]
REPORT, BASE = (2023, 9), (2022, 9)
TOTAL_BASE = 125.0  # index points of manufacturing in the base month (illustrative)
MARGIN = 0.04  # each recomputed figure lies within this of the published one

PRIMARIO, NO_PRIMARIO = "Primario", "No primario"
CONSUMO, INTERMEDIOS = "Bienes de consumo", "Bienes intermedios"
CAPITAL, SERVICIOS = "Bienes de capital", "Servicios relacionados a la manufactura"

# (subsector, group, CIIU, industry, published variation in September 2023 or None)
INDUSTRIES = [
    (PRIMARIO, PRIMARIO, "1010", "Productos cárnicos", None),
    (PRIMARIO, PRIMARIO, "1020", "Productos pesqueros", 18.1),
    (PRIMARIO, PRIMARIO, "1072", "Azúcar", 13.5),
    (PRIMARIO, PRIMARIO, "1920", "Refinación de petróleo", 63.3),
    (PRIMARIO, PRIMARIO, "2420", "Metales preciosos y no ferrosos", -3.1),
    (NO_PRIMARIO, CONSUMO, "1410", "Prendas de vestir", -40.7),
    (NO_PRIMARIO, CONSUMO, "1030", "Conservas de frutas y legumbres", -58.3),
    (NO_PRIMARIO, CONSUMO, "3211", "Joyas y artículos conexos", -50.4),
    (NO_PRIMARIO, CONSUMO, "1071", "Productos de panadería", None),
    (NO_PRIMARIO, CONSUMO, "1104", "Bebidas no alcohólicas", None),
    (NO_PRIMARIO, CONSUMO, "3100", "Muebles", None),
    (NO_PRIMARIO, INTERMEDIOS, "1610", "Aserrado y acepilladura de madera", -31.2),
    (NO_PRIMARIO, INTERMEDIOS, "2394", "Cemento, cal y yeso", -11.0),
    (NO_PRIMARIO, INTERMEDIOS, "1811", "Impresión", -29.8),
    (NO_PRIMARIO, INTERMEDIOS, "1061", "Productos de molinería", None),
    (NO_PRIMARIO, INTERMEDIOS, "2410", "Hierro y acero", None),
    (NO_PRIMARIO, INTERMEDIOS, "2220", "Productos de plástico", None),
    (NO_PRIMARIO, CAPITAL, "2829", "Maquinaria de uso especial", None),
    (NO_PRIMARIO, CAPITAL, "2710", "Motores y transformadores eléctricos", None),
    (NO_PRIMARIO, SERVICIOS, "3312", "Reparación de maquinaria", None),
    (NO_PRIMARIO, SERVICIOS, "3315", "Reparación de equipo de transporte", None),
]
# Published in September 2023: variation (%) and incidence (p.p.) of each aggregate.
PUBLISHED = {
    "Total": (-9.3, None),
    PRIMARIO: (8.2, 1.6),
    NO_PRIMARIO: (-13.6, -10.9),
    CONSUMO: (-15.3, -6.1),
    INTERMEDIOS: (-12.5, -4.7),
    SERVICIOS: (-14.2, -0.3),
    CAPITAL: (13.1, 0.1),
}
# The industries the report names, in the order it names them: the largest incidences of
# that sign in their group, so that a text listing a group's largest falls (or rises) names
# these and in this order.
NAMED = [
    (CONSUMO, -1, ["Prendas de vestir", "Conservas de frutas y legumbres",
                   "Joyas y artículos conexos"]),
    (INTERMEDIOS, -1, ["Aserrado y acepilladura de madera", "Cemento, cal y yeso",
                       "Impresión"]),
    (PRIMARIO, 1, ["Refinación de petróleo", "Productos pesqueros", "Azúcar"]),
    (PRIMARIO, -1, ["Metales preciosos y no ferrosos"]),
]
# Shares of the base month's total a group may take (before the published figures decide).
GROUP_SHARES = {CONSUMO: (0.38, 0.42), INTERMEDIOS: (0.36, 0.39), SERVICIOS: (0.018, 0.024),
                CAPITAL: (0.005, 0.011)}


def half_up(value: float, places: int = 1) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def close(value: float, published: float) -> bool:
    """Within the margin of the published figure (and so rounding to it)."""
    return abs(value - published) <= MARGIN


def solve(rng: random.Random) -> dict[str, tuple[float, float]] | None:
    """Base-month share of the total and September 2023 variation of each industry, so that
    every published figure is met; None when this draw does not meet them."""
    found: dict[str, tuple[float, float]] = {}
    for group, (low, high) in GROUP_SHARES.items():
        share = rng.uniform(low, high)
        variation = PUBLISHED[group][0] + rng.uniform(-MARGIN, MARGIN)
        if not close(share * variation, PUBLISHED[group][1]):
            return None
        members = [row for row in INDUSTRIES if row[1] == group]
        parts = _members(rng, members, share, variation)
        if parts is None:
            return None
        found.update(parts)
    no_primario = sum(s for s, _ in found.values())
    primario = 1.0 - no_primario
    variation = PUBLISHED[PRIMARIO][0] + rng.uniform(-MARGIN, MARGIN)
    parts = _members(rng, [row for row in INDUSTRIES if row[0] == PRIMARIO], primario,
                     variation)
    if parts is None:
        return None
    found.update(parts)
    return found if _aggregates_met(found) else None


def _members(rng: random.Random, members: list[tuple], share: float,
             variation: float) -> dict[str, tuple[float, float]] | None:
    """A split of the group among its industries (``_split``) in which the industries the
    report names lead their group in the report's order; None if none is found."""
    group = members[0][1]
    for _ in range(20_000):
        parts = _split(rng, members, share, variation)
        if parts is not None and all(_leading(parts, g, sign) == names
                                     for g, sign, names in NAMED if g == group):
            return parts
    return None


def _split(rng: random.Random, members: list[tuple], share: float,
           variation: float) -> dict[str, tuple[float, float]] | None:
    """Split a group's share among its industries and give each a variation, the stated
    ones near their published figure, the last free one balancing the group's."""
    weights = [rng.uniform(0.5, 2.0) for _ in members]
    shares = [share * w / sum(weights) for w in weights]
    variations = []
    for (_, _, _, _, published), _ in zip(members, shares):
        variations.append(published + rng.uniform(-MARGIN, MARGIN) if published is not None
                          else rng.uniform(-25.0, 20.0))
    free = [i for i, row in enumerate(members) if row[4] is None]
    if not free:
        return None
    last = free[-1]
    rest = sum(s * v for i, (s, v) in enumerate(zip(shares, variations)) if i != last)
    variations[last] = (share * variation - rest) / shares[last]
    if not -35.0 <= variations[last] <= 30.0:
        return None
    return {row[3]: (s, v) for row, s, v in zip(members, shares, variations)}


def _aggregates_met(found: dict[str, tuple[float, float]]) -> bool:
    def of(rows: list[tuple]) -> tuple[float, float]:
        share = sum(found[row[3]][0] for row in rows)
        incidence = sum(found[row[3]][0] * found[row[3]][1] for row in rows)
        return share, incidence

    for key, selector in ((PRIMARIO, 0), (NO_PRIMARIO, 0), (CONSUMO, 1), (INTERMEDIOS, 1),
                          (SERVICIOS, 1), (CAPITAL, 1)):
        share, incidence = of([row for row in INDUSTRIES if row[selector] == key])
        variation, published_incidence = PUBLISHED[key]
        if not (close(incidence / share, variation) and close(incidence, published_incidence)):
            return False
    _, total = of(INDUSTRIES)
    return close(total, PUBLISHED["Total"][0])


def _leading(found: dict[str, tuple[float, float]], group: str, sign: int) -> list[str]:
    """The industries of ``group`` whose incidence has ``sign``, the largest first, as many
    as the report names for it."""
    named = next(len(names) for g, s, names in NAMED if (g, s) == (group, sign))
    incidences = [(found[row[3]][0] * found[row[3]][1], row[3]) for row in INDUSTRIES
                  if row[1] == group]
    signed = sorted((-abs(i), name) for i, name in incidences if i * sign > 0)
    return [name for _, name in signed[:named]]


def series(rng: random.Random, solved: dict[str, tuple[float, float]]) -> dict[str, list]:
    """Each industry's points for every month: a seasonal, trending, noisy path through the
    base month, and September 2023 at its solved variation over September 2022."""
    points: dict[str, list[float]] = {}
    for _, _, _, name, _ in INDUSTRIES:
        share, variation = solved[name]
        base = share * TOTAL_BASE
        phase, amplitude = rng.uniform(0, 2 * math.pi), rng.uniform(0.02, 0.12)
        level = {}
        for index, (year, month) in enumerate(MONTHS[:36]):
            season = 1 + amplitude * math.sin(2 * math.pi * month / 12 + phase)
            trend = 1 + 0.002 * (index - 32)
            level[(year, month)] = season * trend * rng.uniform(0.97, 1.03)
        scale = base / level[BASE]
        values = [level[m] * scale for m in MONTHS[:36]]
        for month in range(1, 13):  # 2023: year-on-year changes around the report's
            drift = variation * (1 - abs(month - 9) / 14) + rng.uniform(-6, 6)
            change = variation if month == 9 else max(drift, -80.0)
            values.append(values[MONTHS.index((2022, month))] * (1 + change / 100))
        points[name] = values
    return points


def build() -> list[list]:
    rng = random.Random(20230901)
    for _ in range(200_000):
        solved = solve(rng)
        if solved is not None:
            break
    else:
        raise SystemExit("no se encontraron niveles que cumplan las cifras publicadas")
    points = series(rng, solved)
    rows = []
    for index, (year, month) in enumerate(MONTHS):
        for subsector, group, ciiu, name, _ in INDUSTRIES:
            rows.append([f"{year}-{month:02d}", subsector, group, ciiu, name,
                         f"{points[name][index]:.6f}",
                         "calibrado" if (year, month) in (REPORT, BASE) else "estimado"])
    return rows


def write(rows: list[list]) -> None:
    with OUT.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["mes", "subsector", "grupo", "ciiu", "rama", "puntos", "origen"])
        writer.writerows(rows)


def verify() -> Checker:
    """Read the file back and recompute every figure the report states."""
    ck = Checker()
    with OUT.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    ck.equal(len(rows), len(MONTHS) * len(INDUSTRIES), "filas")

    def points(month: tuple[int, int], **where: str) -> float:
        code = f"{month[0]}-{month[1]:02d}"
        return sum(float(r["puntos"]) for r in rows if r["mes"] == code
                   and all(r[k] == v for k, v in where.items()))

    total = points(BASE)
    ck.equal(str(half_up(points(REPORT) / total * 100 - 100)), "-9.3", "variación total")
    for key, column in ((PRIMARIO, "subsector"), (NO_PRIMARIO, "subsector"),
                        (CONSUMO, "grupo"), (INTERMEDIOS, "grupo"), (SERVICIOS, "grupo"),
                        (CAPITAL, "grupo")):
        before, after = points(BASE, **{column: key}), points(REPORT, **{column: key})
        variation, incidence = PUBLISHED[key]
        ck.equal(half_up(after / before * 100 - 100), half_up(variation), f"variación {key}")
        ck.equal(half_up((after - before) / total * 100), half_up(incidence),
                 f"incidencia {key}")
    for _, _, _, name, published in INDUSTRIES:
        if published is not None:
            before, after = points(BASE, rama=name), points(REPORT, rama=name)
            ck.equal(half_up(after / before * 100 - 100), half_up(published),
                     f"variación {name}")
    for group, sign, names in NAMED:
        rows_of = [row for row in INDUSTRIES if row[1] == group]
        found = {row[3]: ((points(BASE, rama=row[3])) / total,
                          (points(REPORT, rama=row[3]) / points(BASE, rama=row[3]) - 1) * 100)
                 for row in rows_of}
        ck.equal(_leading(found, group, sign), names, f"ramas nombradas de {group}")
    ck.check(all(float(r["puntos"]) > 0 for r in rows), "puntos positivos")
    return ck


def main() -> int:
    write(build())
    ck = verify()
    print(f"Escrito {OUT.name} en {HERE}: {len(MONTHS)} meses × {len(INDUSTRIES)} ramas")
    return ck.report()


if __name__ == "__main__":
    sys.exit(main())
