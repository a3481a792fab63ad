"""Construye los datos de ejemplo de las exportaciones mensuales por región y los verifica.

Writes data/exportaciones/exportaciones_mensuales.csv: exports (US$ FOB) of the 25 regions of
Peru by month (2022-01 to 2025-09), product group and country of destination. The data are
ILLUSTRATIVE, not official. The only published figures they reproduce are those of the
PROMPERÚ note on Junín's exports in 2024 (see data/junin/README.md), through the annual totals
of data/junin/exportaciones_regiones.csv:

- for every region, the 12 months of 2023 and of 2024 add up exactly to its annual total in
  data/junin/exportaciones_regiones.csv (Junín: US$ 2 411 000 000 and US$ 2 847 761 852), so
  Junín is 11th in 2024;
- Junín 2024 by group: Minería US$ 2 549 millones, Agropecuario US$ 295 millones (the sector
  totals of data/junin/exportaciones_junin.csv); its first six destinations are China,
  Taiwán, Estados Unidos, Alemania, Países Bajos and Corea del Sur, in that order.

Everything else is filled in deterministically with pseudo-random weights from fixed seeds
(random.Random(int)) and integer arithmetic (largest-remainder splits), so every run writes
the same file. After writing, the script reads the file back with the csv module and checks
every constraint again. It prints a short summary and exits with status 1 if any check fails.

Usage: python3 data/exportaciones/construir_datos.py
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from comprobar import Checker  # noqa: E402 - the checker the generators share

HERE = Path(__file__).resolve().parent
ANNUAL = HERE.parent / "junin" / "exportaciones_regiones.csv"
JUNIN_DETAIL = HERE.parent / "junin" / "exportaciones_junin.csv"
OUT = HERE / "exportaciones_mensuales.csv"
HEADER = ["periodo", "region", "grupo", "destino", "valor_fob_usd", "origen"]

PUB = "publicado"
EST = "estimado"
SEED = 20251031
MAX_ROWS = 35000

FIRST_YEAR, LAST_YEAR, LAST_MONTH = 2022, 2025, 9
PERIODS = [f"{y}-{m:02d}" for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)
           if (y, m) <= (LAST_YEAR, LAST_MONTH)]
EXACT_YEARS = (2023, 2024)  # annual totals fixed by data/junin/exportaciones_regiones.csv

MIN = "Minería"
PETRO = "Petróleo y gas"
PESCA = "Pesca"
AGRO = "Agropecuario"
TEXTIL = "Textil"
QUIM = "Químico"
SIDERO = "Siderometalúrgico"
OTROS = "Otros"
GROUPS = [MIN, PETRO, PESCA, AGRO, TEXTIL, QUIM, SIDERO, OTROS]
DESTINATIONS = ["China", "Taiwán", "Estados Unidos", "Alemania", "Países Bajos",
                "Corea del Sur", "Japón", "Canadá", "India", "España", "Italia", "Chile"]

# ---------------------------------------------------------------------------------------
# Published figures (PROMPERÚ note on Junín 2024), checked against the file at the end
# ---------------------------------------------------------------------------------------

JUNIN = "Junín"
JUNIN_2023 = 2411000000  # "US$ 2 411 millones"
JUNIN_2024 = 2847761852  # "US$ 2 847 761 852"
RANK_AHEAD_2024 = ["Lima", "Ica", "Arequipa", "Áncash", "Moquegua", "La Libertad", "Puno",
                   "Callao", "Piura", "Apurímac"]
GROUP_MILLIONS_2024 = {MIN: 2549, AGRO: 295}
TOP_DESTINATIONS_2024 = ["China", "Taiwán", "Estados Unidos", "Alemania", "Países Bajos",
                         "Corea del Sur"]
SMALL_GROUPS_LIMIT = 10000000  # Junín 2024: the groups other than mining and agro, together

# Junín's group totals are the sector totals of data/junin/exportaciones_junin.csv (sectors
# Minero, Agropecuario and Otros); the checks compare them with that file. Its "Otros" sector
# (trout, textiles, chemicals, wood, handicrafts...) is split among four groups.
JUNIN_SECTORS = {
    2023: {"Minero": 2162366314, "Agropecuario": 244398004, "Otros": 4235682},
    2024: {"Minero": 2548998693, "Agropecuario": 294902475, "Otros": 3860684},
}
JUNIN_SMALL_GROUPS = {PESCA: 30, TEXTIL: 25, QUIM: 10, OTROS: 35}  # weights within "Otros"

# Junín's cells: group -> destination -> weight (in 2024 the destinations rank as in the note).
JUNIN_CELLS = {
    MIN: {"China": 1450, "Taiwán": 320, "Alemania": 165, "Estados Unidos": 150,
          "Corea del Sur": 108, "Japón": 82, "Países Bajos": 80, "India": 68, "España": 55,
          "Canadá": 35},
    AGRO: {"Estados Unidos": 100, "Países Bajos": 70, "Alemania": 36, "Italia": 30,
           "España": 22, "Canadá": 14, "Corea del Sur": 6, "Japón": 6, "China": 5, "Chile": 4},
    PESCA: {"Estados Unidos": 3, "Canadá": 2, "Chile": 1},
    TEXTIL: {"Estados Unidos": 3, "Chile": 1, "Canadá": 1},
    QUIM: {"Chile": 2, "Estados Unidos": 1},
    OTROS: {"Chile": 2, "Estados Unidos": 1, "China": 1},
}

# ---------------------------------------------------------------------------------------
# Estimated structure of the other regions (plausible, not official)
# ---------------------------------------------------------------------------------------

ALL = DESTINATIONS
# region -> ({group: weight}, [destinations]). Broad regions (Lima, Callao, Ica, Arequipa,
# La Libertad) export 6 groups to 11-12 countries; narrow ones (Madre de Dios, Amazonas,
# Tumbes, Huancavelica) 3 groups to 4 countries. The largest group reaches every destination
# of the region; smaller groups reach fewer.
PROFILES: dict[str, tuple[dict[str, int], list[str]]] = {
    "Amazonas": ({AGRO: 90, OTROS: 7, TEXTIL: 3},
                 ["Estados Unidos", "Alemania", "Canadá", "Corea del Sur"]),
    "Áncash": ({MIN: 88, PESCA: 9, AGRO: 2, SIDERO: 1},
               ["China", "Japón", "Corea del Sur", "Alemania", "India", "Canadá", "España",
                "Estados Unidos", "Taiwán"]),
    "Apurímac": ({MIN: 980, AGRO: 15, OTROS: 5},
                 ["China", "Japón", "Corea del Sur", "India", "Alemania"]),
    "Arequipa": ({MIN: 78, AGRO: 8, TEXTIL: 5, PESCA: 4, QUIM: 3, SIDERO: 2},
                 ["China", "Japón", "Corea del Sur", "India", "Estados Unidos", "Alemania",
                  "España", "Canadá", "Chile", "Italia", "Países Bajos"]),
    "Ayacucho": ({MIN: 85, AGRO: 12, TEXTIL: 3},
                 ["Estados Unidos", "Canadá", "China", "India", "Alemania", "Países Bajos"]),
    "Cajamarca": ({MIN: 93, AGRO: 6, OTROS: 1},
                  ["Estados Unidos", "Canadá", "China", "Alemania", "India", "Japón"]),
    "Callao": ({SIDERO: 25, PESCA: 24, QUIM: 18, MIN: 17, TEXTIL: 9, OTROS: 7}, ALL),
    "Cusco": ({MIN: 80, PETRO: 12, AGRO: 6, TEXTIL: 2},
              ["China", "Japón", "Corea del Sur", "Estados Unidos", "Alemania", "España",
               "Chile"]),
    "Huancavelica": ({MIN: 90, AGRO: 8, OTROS: 2},
                     ["China", "Estados Unidos", "Canadá", "Japón"]),
    "Huánuco": ({AGRO: 60, MIN: 35, OTROS: 5},
                ["Estados Unidos", "Alemania", "China", "Canadá", "Países Bajos"]),
    "Ica": ({MIN: 40, AGRO: 30, PETRO: 18, PESCA: 7, QUIM: 3, TEXTIL: 2}, ALL),
    "La Libertad": ({AGRO: 48, MIN: 38, PESCA: 5, QUIM: 4, TEXTIL: 3, OTROS: 2}, ALL),
    "Lambayeque": ({AGRO: 75, MIN: 10, PESCA: 6, QUIM: 5, TEXTIL: 4},
                   ["Estados Unidos", "Países Bajos", "España", "China", "Canadá", "Chile",
                    "Alemania", "Italia", "Corea del Sur"]),
    "Lima": ({AGRO: 30, QUIM: 18, MIN: 16, TEXTIL: 14, SIDERO: 14, OTROS: 8}, ALL),
    "Loreto": ({PETRO: 70, OTROS: 25, PESCA: 5},
               ["Estados Unidos", "China", "Chile", "España", "Taiwán"]),
    "Madre de Dios": ({MIN: 70, AGRO: 25, OTROS: 5},
                      ["Estados Unidos", "India", "Canadá", "Alemania"]),
    "Moquegua": ({MIN: 90, SIDERO: 6, PESCA: 3, AGRO: 1},
                 ["China", "Japón", "Corea del Sur", "Estados Unidos", "India", "Italia",
                  "Chile"]),
    "Pasco": ({MIN: 96, AGRO: 3, OTROS: 1},
              ["China", "Corea del Sur", "Japón", "Alemania", "Estados Unidos"]),
    "Piura": ({AGRO: 38, PESCA: 25, MIN: 17, PETRO: 15, QUIM: 5},
              ["Estados Unidos", "Países Bajos", "España", "China", "Corea del Sur", "Japón",
               "Chile", "Canadá", "India", "Italia", "Alemania"]),
    "Puno": ({MIN: 92, AGRO: 5, TEXTIL: 3},
             ["Estados Unidos", "India", "Canadá", "China", "Italia", "Alemania"]),
    "San Martín": ({AGRO: 88, OTROS: 7, QUIM: 5},
                   ["Estados Unidos", "Alemania", "Países Bajos", "Italia", "España", "Canadá",
                    "Chile", "Corea del Sur"]),
    "Tacna": ({MIN: 93, AGRO: 5, PESCA: 2},
              ["China", "Japón", "Chile", "Estados Unidos", "Corea del Sur", "España"]),
    "Tumbes": ({PESCA: 72, AGRO: 20, PETRO: 8},
               ["Estados Unidos", "España", "China", "Países Bajos"]),
    "Ucayali": ({OTROS: 50, AGRO: 40, PETRO: 10},
                ["China", "Estados Unidos", "Chile", "España", "Países Bajos"]),
}

# How much each destination buys of each group (relative weights, the same for all regions).
AFFINITY = {
    MIN: {"China": 50, "Taiwán": 3, "Estados Unidos": 6, "Alemania": 4, "Países Bajos": 1,
          "Corea del Sur": 8, "Japón": 9, "Canadá": 5, "India": 7, "España": 4, "Italia": 1,
          "Chile": 2},
    PETRO: {"China": 6, "Taiwán": 3, "Estados Unidos": 20, "Alemania": 1, "Países Bajos": 5,
            "Corea del Sur": 10, "Japón": 8, "Canadá": 2, "India": 3, "España": 10,
            "Italia": 2, "Chile": 12},
    PESCA: {"China": 30, "Taiwán": 6, "Estados Unidos": 12, "Alemania": 4, "Países Bajos": 4,
            "Corea del Sur": 7, "Japón": 8, "Canadá": 3, "India": 2, "España": 12,
            "Italia": 4, "Chile": 3},
    AGRO: {"China": 6, "Taiwán": 2, "Estados Unidos": 35, "Alemania": 5, "Países Bajos": 18,
           "Corea del Sur": 3, "Japón": 3, "Canadá": 6, "India": 1, "España": 10,
           "Italia": 4, "Chile": 4},
    TEXTIL: {"China": 3, "Taiwán": 1, "Estados Unidos": 50, "Alemania": 5, "Países Bajos": 2,
             "Corea del Sur": 2, "Japón": 3, "Canadá": 6, "India": 1, "España": 4,
             "Italia": 5, "Chile": 10},
    QUIM: {"China": 5, "Taiwán": 1, "Estados Unidos": 15, "Alemania": 5, "Países Bajos": 5,
           "Corea del Sur": 2, "Japón": 3, "Canadá": 3, "India": 4, "España": 5, "Italia": 3,
           "Chile": 20},
    SIDERO: {"China": 10, "Taiwán": 5, "Estados Unidos": 20, "Alemania": 6, "Países Bajos": 6,
             "Corea del Sur": 6, "Japón": 5, "Canadá": 5, "India": 5, "España": 5,
             "Italia": 8, "Chile": 15},
    OTROS: {"China": 10, "Taiwán": 2, "Estados Unidos": 25, "Alemania": 4, "Países Bajos": 4,
            "Corea del Sur": 3, "Japón": 3, "Canadá": 4, "India": 2, "España": 6, "Italia": 3,
            "Chile": 15},
}

# Mild seasonality of each group, per mille of an average month (January to December).
SEASON = {
    MIN: [970, 950, 990, 990, 1010, 1000, 1020, 1030, 1000, 1020, 1000, 1020],
    PETRO: [1000, 960, 1000, 990, 1010, 1000, 1020, 1010, 990, 1010, 1000, 1010],
    PESCA: [1100, 1000, 850, 850, 1050, 1150, 1150, 1050, 900, 850, 950, 1100],
    AGRO: [1050, 980, 900, 900, 980, 1000, 1020, 990, 1010, 1080, 1080, 1100],
    TEXTIL: [950, 940, 1000, 990, 1000, 1020, 1040, 1050, 1030, 1020, 990, 970],
    QUIM: [960, 960, 1000, 1000, 1010, 1010, 1020, 1020, 1010, 1010, 1000, 1000],
    SIDERO: [960, 950, 1000, 1000, 1010, 1010, 1020, 1020, 1010, 1020, 1000, 1000],
    OTROS: [950, 950, 1000, 1000, 1000, 1010, 1010, 1020, 1020, 1020, 1010, 1010],
}

# 2022 against 2023 and 2025 against 2024, per mille. Junín's 2025 trend is fixed: with it,
# every (month, group) of 2025 is above the same month of 2024 even with the noise.
LEVEL_2022 = (855, 945)  # per region: 5-15 % below 2023 (then +-2 % per group)
TREND_2025 = (-70, 140)  # per region: most grow, some fall (then +-4 % per group)
JUNIN_TREND_2025 = {MIN: 95, AGRO: 140}  # Junín's small groups: 0
NOISE = 70  # +-7 % on each (month, group) value


# ---------------------------------------------------------------------------------------
# Construction (integer arithmetic only)
# ---------------------------------------------------------------------------------------


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split an integer total in proportion to integer weights (largest remainder, ties by
    order): the parts add up exactly to the total."""
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def scale(value: int, *per_mille: int) -> int:
    """value * (p1 / 1000) * (p2 / 1000) ..., rounded half up, in integers."""
    den = 1000 ** len(per_mille)
    num = value
    for p in per_mille:
        num *= p
    return (2 * num + den) // (2 * den)


def read_annual() -> tuple[list[str], dict[tuple[str, int], int]]:
    """Regions (in file order) and annual US$ FOB by (region, year)."""
    annual: dict[tuple[str, int], int] = {}
    regions: list[str] = []
    with ANNUAL.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            annual[(row["region"], int(row["anio"]))] = int(row["valor_fob_usd"])
            if row["region"] not in regions:
                regions.append(row["region"])
    return regions, annual


def cells_of(region: str, rng: random.Random) -> dict[tuple[str, str], int]:
    """(group, destination) -> integer weight of the cells a region exports."""
    if region == JUNIN:
        return {(g, d): w * 1000 for g, ds in JUNIN_CELLS.items() for d, w in ds.items()}
    groups, destinations = PROFILES[region]
    main = max(groups, key=lambda g: groups[g])
    cells: dict[tuple[str, str], int] = {}
    for group, weight in groups.items():
        if group == main:
            chosen = list(destinations)
        else:  # smaller groups reach fewer countries (at least 2)
            k = len(destinations) * (300 * groups[main] + 700 * weight) // (1000 * groups[main])
            k = max(2, min(len(destinations), k))
            order = sorted(destinations,
                           key=lambda d: -AFFINITY[group][d] * rng.randint(50, 150))
            chosen = order[:k]
        affinity = {d: AFFINITY[group][d] * rng.randint(60, 140) for d in chosen}
        whole = sum(affinity.values())
        for d in chosen:  # cell weight ~ group weight x destination share, at least 1
            cells[(group, d)] = max(1, weight * 10**6 * affinity[d] // whole)
    return cells


def presence(cells: dict[tuple[str, str], int], rng: random.Random) -> dict:
    """Probability (per mille) that a cell has exports in a given month. The largest cell of
    each group and of each destination always has; the small ones come and go."""
    core = set()
    for axis in (0, 1):  # group, destination
        best: dict[str, tuple[str, str]] = {}
        for cell, w in cells.items():
            if cell[axis] not in best or w > cells[best[cell[axis]]]:
                best[cell[axis]] = cell
        core.update(best.values())
    total = sum(cells.values())
    out = {}
    for cell, w in cells.items():
        share = w * 1000 // total  # per mille of the region
        out[cell] = 1000 if cell in core or share >= 20 else 800 if share >= 5 else \
            rng.randint(450, 700)
    return out


def monthly_groups(region: str, groups: list[str], annual: dict,
                   rng: random.Random) -> dict[tuple[str, str], int]:
    """(period, group) -> US$ FOB of one region, for every period."""
    values: dict[tuple[str, str], int] = {}
    for year in EXACT_YEARS:  # annual total -> groups -> months, exactly
        if region == JUNIN:
            sectors = JUNIN_SECTORS[year]
            totals = {MIN: sectors["Minero"], AGRO: sectors["Agropecuario"]}
            small = list(JUNIN_SMALL_GROUPS)
            totals.update(zip(small, allocate(sectors["Otros"],
                                              [JUNIN_SMALL_GROUPS[g] for g in small])))
        else:
            weights = [PROFILES[region][0][g] * rng.randint(850, 1150) for g in groups]
            totals = dict(zip(groups, allocate(annual[(region, year)], weights)))
        for group in groups:
            season = [s * rng.randint(1000 - NOISE, 1000 + NOISE) for s in SEASON[group]]
            for month, value in enumerate(allocate(totals[group], season), start=1):
                values[(f"{year}-{month:02d}", group)] = value
    level = rng.randint(*LEVEL_2022)
    trend = rng.randint(*TREND_2025)
    for group in groups:
        level_g = level + rng.randint(-20, 20)
        trend_g = JUNIN_TREND_2025.get(group, 0) if region == JUNIN \
            else trend + rng.randint(-40, 40)
        for month in range(1, 13):  # 2022 from the same month of 2023
            base = values[(f"2023-{month:02d}", group)]
            values[(f"2022-{month:02d}", group)] = max(1, scale(
                base, level_g, rng.randint(1000 - NOISE, 1000 + NOISE)))
        for month in range(1, LAST_MONTH + 1):  # 2025 from the same month of 2024
            base = values[(f"2024-{month:02d}", group)]
            values[(f"2025-{month:02d}", group)] = max(1, scale(
                base, 1000 + trend_g, rng.randint(1000 - NOISE, 1000 + NOISE)))
    return values


def build() -> list[list]:
    regions, annual = read_annual()
    rows = []
    for index, region in enumerate(regions):
        rng = random.Random(SEED + index)
        cells = cells_of(region, rng)
        present = presence(cells, rng)
        groups = [g for g in GROUPS if any(c[0] == g for c in cells)]
        values = monthly_groups(region, groups, annual, rng)
        for period in PERIODS:
            for group in groups:  # (month, group) -> destinations present that month
                month_cells = [c for c in cells if c[0] == group
                               and rng.randint(1, 1000) <= present[c]]
                jitter = [cells[c] * rng.randint(900, 1100) for c in month_cells]
                for (_, destination), value in zip(month_cells,
                                                   allocate(values[(period, group)], jitter)):
                    if value > 0:  # sparse: no zero rows
                        rows.append([period, region, group, destination, value, EST])
    order = {r: i for i, r in enumerate(regions)}
    rows.sort(key=lambda r: (r[0], order[r[1]], GROUPS.index(r[2]), DESTINATIONS.index(r[3])))
    return rows


def write(rows: list[list]) -> None:
    with OUT.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


# ---------------------------------------------------------------------------------------
# Checks: read the file back and verify every constraint
# ---------------------------------------------------------------------------------------


PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
INT_RE = re.compile(r"^[1-9]\d*$")


def millions(value: int) -> int:
    """Whole millions, rounding half up."""
    return int((Decimal(value) / 1000000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ranking(values: dict[str, int]) -> list[str]:
    return sorted(values, key=lambda k: -values[k])


def strictly_decreasing(values: list[int]) -> bool:
    return all(a > b for a, b in zip(values, values[1:]))


def verify() -> tuple[Checker, dict]:
    ck = Checker()
    regions, annual = read_annual()
    raw = OUT.read_bytes()
    ck.check(not raw.startswith(b"\xef\xbb\xbf"), "starts with a BOM")
    ck.check(b"\r" not in raw, "CR line endings")
    ck.check(raw.endswith(b"\n"), "no final newline")
    with OUT.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        rows = list(reader)
    ck.equal(header, HEADER, "header")
    ck.check(len(rows) <= MAX_ROWS, f"{len(rows)} rows > {MAX_ROWS}")

    ck.equal(len(regions), 25, "regions in exportaciones_regiones.csv")
    ck.equal(sorted(PROFILES), sorted(r for r in regions if r != JUNIN), "region profiles")
    ck.equal(annual.get((JUNIN, 2023)), JUNIN_2023, "Junín 2023 in exportaciones_regiones")
    ck.equal(annual.get((JUNIN, 2024)), JUNIN_2024, "Junín 2024 in exportaciones_regiones")

    total: dict[tuple[str, str], int] = defaultdict(int)  # (region, period or year)
    groups: dict[tuple[str, str], set] = defaultdict(set)  # (region, year)
    destinations: dict[tuple[str, str], set] = defaultdict(set)
    junin_group: dict[str, int] = defaultdict(int)  # 2024
    junin_dest: dict[str, int] = defaultdict(int)  # 2024
    regions_of: dict[str, set] = defaultdict(set)
    keys = set()
    bad = 0
    for i, row in enumerate(rows, start=2):
        ok = len(row) == len(HEADER)
        if ok:
            period, region, group, destination, value, origin = row
            ok = (bool(PERIOD_RE.match(period)) and period in PERIODS and region in regions
                  and group in GROUPS and destination in DESTINATIONS
                  and bool(INT_RE.match(value)) and origin == EST)
        if not ok:
            bad += 1
            if bad <= 10:
                ck.check(False, f"row {i}: invalid {row!r}")
            continue
        key = (period, region, group, destination)
        ck.check(key not in keys, f"row {i}: duplicated {key}")
        keys.add(key)
        amount = int(value)
        year = period[:4]
        total[(region, period)] += amount
        total[(region, year)] += amount
        groups[(region, year)].add(group)
        destinations[(region, year)].add(destination)
        regions_of[period].add(region)
        if region == JUNIN and year == "2024":
            junin_group[group] += amount
            junin_dest[destination] += amount
    ck.equal(bad, 0, "invalid rows")
    order = {r: i for i, r in enumerate(regions)}
    sort_keys = [(r[0], order.get(r[1], -1), GROUPS.index(r[2]) if r[2] in GROUPS else -1,
                  DESTINATIONS.index(r[3]) if r[3] in DESTINATIONS else -1)
                 for r in rows if len(r) == len(HEADER)]
    ck.check(sort_keys == sorted(sort_keys), "rows sorted by periodo, region, grupo, destino")

    # 4. 45 months with the 25 regions each; 3-6 groups and 4-12 destinations per region-year.
    ck.equal(len(PERIODS), 45, "months")
    ck.equal(sorted(regions_of), PERIODS, "periods in the file")
    for period in PERIODS:
        ck.equal(sorted(regions_of[period]), sorted(regions), f"regions in {period}")
    for region in regions:
        for year in ("2022", "2023", "2024", "2025"):
            n_groups = len(groups[(region, year)])
            n_dest = len(destinations[(region, year)])
            ck.check(3 <= n_groups <= 6, f"{region} {year}: {n_groups} groups")
            ck.check(4 <= n_dest <= 12, f"{region} {year}: {n_dest} destinations")

    # 1. Exact annual totals 2023 and 2024; Junín 11th in 2024.
    for region in regions:
        for year in EXACT_YEARS:
            ck.equal(total[(region, str(year))], annual[(region, year)], f"{region} {year}")
    ck.equal(total[(JUNIN, "2023")], JUNIN_2023, "Junín 2023")
    ck.equal(total[(JUNIN, "2024")], JUNIN_2024, "Junín 2024")
    by_region_2024 = {r: total[(r, "2024")] for r in regions}
    rank = ranking(by_region_2024)
    ck.equal(rank[:11], RANK_AHEAD_2024 + [JUNIN], "2024 ranking")
    ck.check(strictly_decreasing([by_region_2024[r] for r in rank]), "2024 ranking strict")

    # 2. Junín 2024 by group and by destination.
    for group, value in GROUP_MILLIONS_2024.items():
        ck.equal(millions(junin_group[group]), value, f"Junín 2024 {group} (millones)")
    rest = sum(v for g, v in junin_group.items() if g not in GROUP_MILLIONS_2024)
    ck.check(0 < rest < SMALL_GROUPS_LIMIT, f"Junín 2024 other groups: {rest}")
    dest_rank = ranking(junin_dest)
    ck.equal(dest_rank[:6], TOP_DESTINATIONS_2024, "Junín 2024 first destinations")
    ck.check(strictly_decreasing([junin_dest[d] for d in dest_rank[:7]]),
             "Junín 2024 destinations strictly decreasing")
    sector_sums: dict[tuple[str, str], int] = defaultdict(int)
    with JUNIN_DETAIL.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            sector_sums[(row["anio"], row["sector"])] += int(row["valor_fob_usd"])
    for year, sectors in JUNIN_SECTORS.items():
        for sector, value in sectors.items():
            ck.equal(sector_sums[(str(year), sector)], value,
                     f"Junín {year} {sector} = exportaciones_junin.csv")

    # 3. Plausible 2022 and 2025, mild seasonality, varied interannual changes.
    ytd = {(r, y): sum(total[(r, f"{y}-{m:02d}")] for m in range(1, LAST_MONTH + 1))
           for r in regions for y in (2024, 2025)}
    up_ytd = [r for r in regions if ytd[(r, 2025)] > ytd[(r, 2024)]]
    up_sep = [r for r in regions if total[(r, "2025-09")] > total[(r, "2024-09")]]
    for region in regions:
        ratio = Decimal(total[(region, "2022")]) / total[(region, "2023")]
        ck.check(Decimal("0.82") <= ratio <= Decimal("0.97"),
                 f"{region} 2022/2023 = {ratio:.3f}")
        ratio = Decimal(ytd[(region, 2025)]) / ytd[(region, 2024)]
        ck.check(Decimal("0.85") <= ratio <= Decimal("1.20"),
                 f"{region} Jan-Sep 2025/2024 = {ratio:.3f}")
        for year in ("2022", "2023", "2024"):
            mean = Decimal(total[(region, year)]) / 12
            for m in range(1, 13):
                ratio = total[(region, f"{year}-{m:02d}")] / mean
                ck.check(Decimal("0.7") <= ratio <= Decimal("1.3"),
                         f"{region} {year}-{m:02d}: {ratio:.2f} x average month")
        for m in range(1, LAST_MONTH + 1):
            ratio = Decimal(total[(region, f"2025-{m:02d}")]) / total[(region, f"2024-{m:02d}")]
            ck.check(Decimal("0.75") <= ratio <= Decimal("1.30"),
                     f"{region} 2025-{m:02d}/2024-{m:02d} = {ratio:.3f}")
    ck.check(len(up_ytd) >= 13, f"most regions grow in Jan-Sep 2025: {len(up_ytd)}")
    ck.check(len(regions) - len(up_ytd) >= 2, "some regions fall in Jan-Sep 2025")
    ck.check(3 <= len(up_sep) <= len(regions) - 3,
             f"2025-09 vs 2024-09: {len(up_sep)} up, {len(regions) - len(up_sep)} down")
    ck.check(total[(JUNIN, "2025-09")] > total[(JUNIN, "2024-09")], "Junín 2025-09 > 2024-09")
    ck.check(ytd[(JUNIN, 2025)] > ytd[(JUNIN, 2024)], "Junín Jan-Sep 2025 > 2024")

    summary = {
        "rows": len(rows), "bytes": len(raw), "junin_group": dict(junin_group),
        "junin_dest": dict(junin_dest), "up_ytd": len(up_ytd), "up_sep": len(up_sep),
        "national": {y: sum(total[(r, y)] for r in regions)
                     for y in ("2022", "2023", "2024", "2025")},
        "junin": {k: total[(JUNIN, k)] for k in ("2024-09", "2025-09")},
        "junin_ytd": {y: ytd[(JUNIN, y)] for y in (2024, 2025)},
    }
    return ck, summary


def main() -> int:
    write(build())
    ck, s = verify()
    print(f"Escrito {OUT.name} en {HERE}: {s['rows']} filas, {s['bytes']} bytes")
    print("  Perú: " + ", ".join(f"{y} US$ {v / 1e6:,.1f} millones"
                                  for y, v in s["national"].items()) + " (2025: enero-setiembre)")
    print("  Junín 2024 por grupo: " + ", ".join(
        f"{g} {millions(v)}" for g, v in sorted(s["junin_group"].items(), key=lambda kv: -kv[1])))
    print("  Junín 2024 destinos: " + ", ".join(
        f"{d} {s['junin_dest'][d] / 1e6:.1f}" for d in ranking(s["junin_dest"])[:8]))
    print(f"  Junín setiembre: 2024 {s['junin']['2024-09']}, 2025 {s['junin']['2025-09']}; "
          f"enero-setiembre: 2024 {s['junin_ytd'][2024]}, 2025 {s['junin_ytd'][2025]}")
    print(f"  Regiones que crecen en 2025-09 frente a 2024-09: {s['up_sep']} de 25; "
          f"en enero-setiembre: {s['up_ytd']} de 25")
    return ck.report()


if __name__ == "__main__":
    sys.exit(main())
