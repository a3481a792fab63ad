"""Construye los datos de ejemplo del informe «Desempeño económico del VRAEM 2024» y los verifica.

Writes the example CSV files of data/vraem/ from the figures of the seed publication
(PRODUCE, "Análisis Sectorial: Desempeño económico del VRAEM 2024", May 2025) and the
PROMPERÚ note on Junín's 2024 exports. Values the seed does not state are filled in
deterministically (no randomness) so that every series is complete and consistent.

After writing, the script reads every file back with the csv module and recomputes each
figure of the seed, rounding half-up (half away from zero) as the ministry does. It prints a
short summary and exits with status 1 if any check fails.

Usage: python3 data/vraem/construir_datos.py
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from comprobar import Checker  # noqa: E402 - the checker the generators share

HERE = Path(__file__).resolve().parent

PUB = "publicado"
EST = "estimado"

REGIONS = ["Apurímac", "Ayacucho", "Cusco", "Huancavelica", "Junín"]
YEARS = list(range(2019, 2025))


# ---------------------------------------------------------------------------------------
# Helpers: exact allocation and formatting
# ---------------------------------------------------------------------------------------


def allocate(total: int, weights: list) -> list[int]:
    """Split an integer total in proportion to weights (largest remainder, ties by order)."""
    fractions = [Fraction(str(w)) for w in weights]
    whole = sum(fractions)
    if total == 0 or whole == 0:
        return [0] * len(weights)
    quotas = [total * f / whole for f in fractions]
    floors = [int(q) for q in quotas]  # quotas are non-negative
    left = total - sum(floors)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def half_up_int(value: Fraction) -> int:
    """Round a non-negative fraction to the nearest integer, halves up."""
    return int(value + Fraction(1, 2))


def tenths(value: str) -> int:
    """'2185.0' -> 21850 (amounts with one decimal are handled as integer tenths)."""
    return int((Decimal(value) * 10).to_integral_value())


def fmt1(value_tenths: int) -> str:
    """21850 -> '2185.0'."""
    return f"{value_tenths // 10}.{value_tenths % 10}"


def write_csv(name: str, header: list[str], rows: list[list]) -> None:
    with open(HERE / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# ---------------------------------------------------------------------------------------
# 1. Formal firms by region (SUNAT)
# ---------------------------------------------------------------------------------------

# 2024 by region: reproduces the published total (17,224) and shares (34.1, 27.7, 22.3,
# 13.3, 2.7). Other years: totals chosen so that 2024/2023 = +8.6% and the compound
# 2019-2024 growth is 3.3%; 2020 dips (COVID-19).
FIRMS_2024 = {"Ayacucho": 5866, "Cusco": 4765, "Junín": 3835, "Huancavelica": 2293,
              "Apurímac": 465}
FIRMS_TOTAL = {2019: 14645, 2020: 14120, 2021: 14980, 2022: 15410, 2023: 15860, 2024: 17224}
# Regional shares (%) in 2019; the years between move linearly towards the 2024 shares.
FIRMS_SHARE_2019 = {"Ayacucho": "33.2", "Cusco": "28.3", "Junín": "22.6",
                    "Huancavelica": "13.1", "Apurímac": "2.8"}
# Sales in Peru (millions of soles). 2024 total published (S/ 2,185 millones).
SALES_TOTAL = {2019: "1682.4", 2020: "1437.9", 2021: "1816.3", 2022: "1958.7",
               2023: "2061.5", 2024: "2185.0"}
SALES_2024 = {"Ayacucho": "640.3", "Cusco": "702.5", "Junín": "583.6",
              "Huancavelica": "198.4", "Apurímac": "60.2"}


def firms_rows() -> list[list]:
    rows = []
    for year in YEARS:
        if year == 2024:
            firms = dict(FIRMS_2024)
            sales = {r: tenths(v) for r, v in SALES_2024.items()}
        else:
            t = Fraction(year - 2019, 5)
            weights = [Fraction(FIRMS_SHARE_2019[r]) * (1 - t)
                       + Fraction(FIRMS_2024[r], FIRMS_TOTAL[2024]) * 100 * t for r in REGIONS]
            firms = dict(zip(REGIONS, allocate(FIRMS_TOTAL[year], weights)))
            # Sales per firm differ by region; keep the 2024 pattern.
            per_firm = {r: Fraction(tenths(SALES_2024[r]), FIRMS_2024[r]) for r in REGIONS}
            sales = dict(zip(REGIONS, allocate(tenths(SALES_TOTAL[year]),
                                               [firms[r] * per_firm[r] for r in REGIONS])))
        origin = PUB if year == 2024 else EST
        for region in REGIONS:
            rows.append([year, region, firms[region], fmt1(sales[region]), origin])
    return rows


# ---------------------------------------------------------------------------------------
# 2-3. Formal firms by sector and by size, 2024 (SUNAT)
# ---------------------------------------------------------------------------------------

FIRMS_SECTOR = [("Comercio", 7613, PUB), ("Servicios", 7303, PUB), ("Manufactura", 1120, EST),
                ("Construcción", 612, EST), ("Agropecuario", 398, EST), ("Minería", 150, EST),
                ("Pesca", 28, EST)]
FIRMS_SIZE = [("Microempresa", 16727), ("Pequeña empresa", 465), ("Mediana empresa", 16),
              ("Gran empresa", 16)]


# ---------------------------------------------------------------------------------------
# 4. Employment (INEI - ENAHO)
# ---------------------------------------------------------------------------------------

# Yearly totals: 2024 published (2,525,492); 2023 gives -0.3%; 2019 gives 2.4 millions and a
# compound growth of 1.1%; 2020 dips (COVID-19).
EMPLOYMENT_TOTAL = {2019: 2390870, 2020: 2268415, 2021: 2461283, 2022: 2508936,
                    2023: 2533147, 2024: 2525492}
# Informal employment (% of the total): 2024 published 84.6%.
INFORMAL_PCT = {2019: "85.0", 2020: "87.1", 2021: "86.3", 2022: "85.2", 2023: "84.9",
                2024: "84.6"}
# Women (% of the total): 2024 published 46.0%.
WOMEN_PCT = {2019: "46.4", 2020: "45.3", 2021: "46.1", 2022: "46.2", 2023: "46.1",
             2024: "46.0"}
# Department shares of employment (%), 2019 and 2024; linear in between.
DEPT_SHARE_2019 = {"Apurímac": "12.5", "Ayacucho": "15.7", "Cusco": "30.2",
                   "Huancavelica": "12.1", "Junín": "29.5"}
DEPT_SHARE_2024 = {"Apurímac": "12.6", "Ayacucho": "15.8", "Cusco": "30.5",
                   "Huancavelica": "11.9", "Junín": "29.2"}
# Informality of each department relative to the VRAEM average (percentage points).
DEPT_INFORMAL_GAP = {"Apurímac": "3.5", "Ayacucho": "3.0", "Cusco": "-1.5",
                     "Huancavelica": "5.5", "Junín": "-3.0"}
# Women's informality exceeds men's by this many points.
SEX_INFORMAL_GAP = Fraction(4, 100)


def employment_rows() -> list[list]:
    rows = []
    for year in YEARS:
        total = EMPLOYMENT_TOTAL[year]
        informal = int(round_half_up(total * Decimal(INFORMAL_PCT[year]) / 100, 0))
        women = int(round_half_up(total * Decimal(WOMEN_PCT[year]) / 100, 0))
        t = Fraction(year - 2019, 5)
        shares = [Fraction(DEPT_SHARE_2019[d]) * (1 - t) + Fraction(DEPT_SHARE_2024[d]) * t
                  for d in REGIONS]
        dept = allocate(total, shares)
        dept_informal = allocate(informal, [
            n * (Fraction(INFORMAL_PCT[year]) + Fraction(DEPT_INFORMAL_GAP[d]))
            for n, d in zip(dept, REGIONS)])
        dept_women = allocate(women, dept)
        for i, name in enumerate(REGIONS):
            men = dept[i] - dept_women[i]
            women_rate = (dept_informal[i] + men * SEX_INFORMAL_GAP) / dept[i]
            women_informal = half_up_int(dept_women[i] * women_rate)
            cells = {
                ("Hombre", "Formal"): men - (dept_informal[i] - women_informal),
                ("Hombre", "Informal"): dept_informal[i] - women_informal,
                ("Mujer", "Formal"): dept_women[i] - women_informal,
                ("Mujer", "Informal"): women_informal,
            }
            for (sex, kind), count in cells.items():
                if count < 0:
                    raise ValueError(f"negative employment cell {year} {name} {sex} {kind}")
                rows.append([year, name, sex, kind, count, EST])
    return rows


# ---------------------------------------------------------------------------------------
# 5-7. Exports (SUNAT - Aduanas), millions of US$ FOB
# ---------------------------------------------------------------------------------------

EXPORTS_DEPT = {
    2021: {"Apurímac": "3125.4", "Ayacucho": "702.9", "Cusco": "3010.2",
           "Huancavelica": "255.1", "Junín": "2185.7"},
    2022: {"Apurímac": "2436.8", "Ayacucho": "688.3", "Cusco": "2761.5",
           "Huancavelica": "271.6", "Junín": "2298.4"},
    2023: {"Apurímac": "3380.6", "Ayacucho": "624.5", "Cusco": "2843.1",
           "Huancavelica": "292.2", "Junín": "2411.0"},
    2024: {"Apurímac": "3017.7", "Ayacucho": "780.4", "Cusco": "2605.8",
           "Huancavelica": "328.3", "Junín": "2847.8"},
}
# Values stated by (or fixed by a share in) the seeds: Junín 2023 and 2024 (PROMPERÚ note),
# Apurímac, Junín and Cusco 2024 (31.5%, 29.7%, 27.2% of US$ 9,580 millones).
EXPORTS_DEPT_PUBLISHED = {(2023, "Junín"), (2024, "Apurímac"), (2024, "Junín"),
                          (2024, "Cusco")}

EXPORTS_DESTINATION = [
    ("China", "6964.7", PUB), ("Suiza", "498.2", PUB), ("India", "306.6", PUB),
    ("Corea del Sur", "285.4", EST), ("Japón", "241.3", EST),
    ("Estados Unidos", "215.6", EST), ("Alemania", "198.7", EST),
    ("Países Bajos", "176.2", EST), ("Canadá", "152.9", EST), ("España", "131.4", EST),
    ("Italia", "118.5", EST), ("Taiwán", "104.3", EST), ("Bélgica", "82.6", EST),
    ("México", "56.1", EST), ("Chile", "47.5", EST),
]

EXPORTS_PRODUCT = [
    ("Otros minerales metalíferos no ferrosos", "8047.2", PUB),
    ("Minerales de cobre y sus concentrados", "356.9", EST),
    ("Oro en bruto", "301.5", EST),
    ("Café sin tostar", "182.6", EST),
    ("Minerales de plomo y sus concentrados", "178.4", EST),
    ("Jengibre", "101.3", EST),
    ("Concentrados de zinc", "92.7", EST),
    ("Cacao en grano", "71.8", EST),
    ("Minerales de plata y sus concentrados", "63.2", EST),
    ("Palta", "58.4", EST),
    ("Alcachofa", "29.8", EST),
    ("Quinua", "24.6", EST),
    ("Fibra de alpaca", "21.7", EST),
    ("Tara en polvo", "18.4", EST),
    ("Maíz gigante del Cusco", "14.6", EST),
    ("Piña", "9.6", EST),
    ("Cúrcuma", "7.3", EST),
]


# ---------------------------------------------------------------------------------------
# 8. Business credit (SBS), millions of soles
# ---------------------------------------------------------------------------------------

CREDIT_TOTAL = {2019: "587.0", 2020: "1004.0", 2021: "783.0", 2022: "752.0", 2023: "849.0",
                2024: "981.0"}
SIZES = ["Microempresa", "Pequeña empresa", "Mediana empresa"]
# 2024 cells: match the published margins by size (808, 161, 12) and region (540, 235, 108,
# 98, 0) exactly. Order of each tuple follows SIZES.
CREDIT_2024 = {
    "Apurímac": ("62.3", "469.6", "8.1"),
    "Ayacucho": ("19.4", "78.6", "0.0"),
    "Cusco": ("30.7", "77.3", "0.0"),
    "Huancavelica": ("0.0", "0.0", "0.0"),
    "Junín": ("48.6", "182.5", "3.9"),
}
# Other years: region shares (%) and size shares (%) of the yearly total; Huancavelica
# records no business credit in any year of the example.
CREDIT_REGION_PCT = {
    2019: {"Apurímac": 48, "Ayacucho": 12, "Cusco": 13, "Huancavelica": 0, "Junín": 27},
    2020: {"Apurímac": 44, "Ayacucho": 13, "Cusco": 14, "Huancavelica": 0, "Junín": 29},
    2021: {"Apurímac": 50, "Ayacucho": "11.5", "Cusco": "12.5", "Huancavelica": 0, "Junín": 26},
    2022: {"Apurímac": 52, "Ayacucho": 11, "Cusco": 12, "Huancavelica": 0, "Junín": 25},
    2023: {"Apurímac": 54, "Ayacucho": "10.6", "Cusco": "11.4", "Huancavelica": 0, "Junín": 24},
}
CREDIT_SIZE_PCT = {  # Microempresa, Pequeña empresa, Mediana empresa
    2019: (23, 74, 3),
    2020: (26, 70, 4),  # Reactiva Perú
    2021: (21, 76, 3),
    2022: (19, 79, 2),
    2023: (17, 81, 2),
}


def credit_rows() -> list[list]:
    rows = []
    for year in YEARS:
        if year == 2024:
            cells = {(r, s): tenths(v) for r, values in CREDIT_2024.items()
                     for s, v in zip(SIZES, values)}
        else:
            keys = [(r, s) for r in REGIONS for s in SIZES]
            weights = [Fraction(str(CREDIT_REGION_PCT[year][r]))
                       * CREDIT_SIZE_PCT[year][SIZES.index(s)]
                       for r, s in keys]
            cells = dict(zip(keys, allocate(tenths(CREDIT_TOTAL[year]), weights)))
        for region in REGIONS:
            for size in SIZES:
                # 2024 Huancavelica is stated by the seed ("no registra crédito").
                origin = PUB if (year == 2024 and region == "Huancavelica") else EST
                rows.append([year, region, size, fmt1(cells[(region, size)]), origin])
    return rows


# ---------------------------------------------------------------------------------------
# 9-10. Real GDP (INEI/BCRP) and national references
# ---------------------------------------------------------------------------------------

GDP = {  # millions of soles at constant 2007 prices
    "VRAEM": {2019: "1012.4", 2020: "934.7", 2021: "1019.8", 2022: "1041.6",
              2023: "1058.3", 2024: "1093.0"},
    "Nacional": {2019: "546605.0", 2020: "486737.0", 2021: "551714.0", 2022: "566584.0",
                 2023: "563354.0", 2024: "581369.0"},
}

NATIONAL = [
    ("empresas_formales", "2460000", "empresas"),
    ("exportaciones_fob_millones_usd", "74300.0", "millones US$"),
    ("pea_ocupada", "17912000", "personas"),
]


def write_all() -> None:
    write_csv("empresas_region.csv",
              ["anio", "region", "empresas", "ventas_millones_soles", "origen"], firms_rows())
    write_csv("empresas_sector.csv", ["anio", "sector", "empresas", "origen"],
              [[2024, name, n, origin] for name, n, origin in FIRMS_SECTOR])
    write_csv("empresas_tamano.csv", ["anio", "tamano", "empresas", "origen"],
              [[2024, name, n, PUB] for name, n in FIRMS_SIZE])
    write_csv("empleo.csv",
              ["anio", "departamento", "sexo", "tipo_empleo", "trabajadores", "origen"],
              employment_rows())
    write_csv("exportaciones_departamento.csv",
              ["anio", "departamento", "valor_fob_millones_usd", "origen"],
              [[year, d, EXPORTS_DEPT[year][d],
                PUB if (year, d) in EXPORTS_DEPT_PUBLISHED else EST]
               for year in sorted(EXPORTS_DEPT) for d in REGIONS])
    write_csv("exportaciones_destino.csv", ["anio", "pais", "valor_fob_millones_usd", "origen"],
              [[2024, name, value, origin] for name, value, origin in EXPORTS_DESTINATION])
    write_csv("exportaciones_producto.csv",
              ["anio", "producto", "valor_fob_millones_usd", "origen"],
              [[2024, name, value, origin] for name, value, origin in EXPORTS_PRODUCT])
    write_csv("credito.csv",
              ["anio", "region", "tamano", "credito_millones_soles", "origen"], credit_rows())
    write_csv("pbi.csv", ["anio", "ambito", "pbi_millones_soles_2007", "origen"],
              [[year, scope, GDP[scope][year],
                PUB if (scope == "VRAEM" and year == 2024) else EST]
               for year in YEARS for scope in ("VRAEM", "Nacional")])
    write_csv("referencias_nacionales.csv", ["anio", "indicador", "valor", "unidad", "origen"],
              [[2024, name, value, unit, EST] for name, value, unit in NATIONAL])


# ---------------------------------------------------------------------------------------
# Checks: read the files back and recompute every figure of the seed
# ---------------------------------------------------------------------------------------


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round half away from zero, as the ministry (and Excel) do."""
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def pct(part, whole, places: int = 1) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return round_half_up(Decimal(part) / Decimal(whole) * 100, places)


def variation(new, old, places: int = 1) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return round_half_up((Decimal(new) / Decimal(old) - 1) * 100, places)


def compound(last, first, periods: int, places: int = 1) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        rate = (Decimal(last) / Decimal(first)) ** (Decimal(1) / periods) - 1
        return round_half_up(rate * 100, places)


def mean_variation(series: list, places: int = 1) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        changes = [Decimal(b) / Decimal(a) - 1 for a, b in zip(series, series[1:])]
        return round_half_up(sum(changes) / len(changes) * 100, places)


INT_RE = re.compile(r"^\d+$")
DEC1_RE = re.compile(r"^\d+\.\d$")
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
NUMERIC = {  # column -> pattern of its cells
    "anio": INT_RE, "empresas": INT_RE, "trabajadores": INT_RE,
    "ventas_millones_soles": DEC1_RE, "valor_fob_millones_usd": DEC1_RE,
    "credito_millones_soles": DEC1_RE, "pbi_millones_soles_2007": DEC1_RE,
}


def read(name: str, ck: Checker) -> list[dict]:
    """Read a CSV back, checking encoding, header and cell formats."""
    raw = (HERE / name).read_bytes()
    ck.check(not raw.startswith(b"\xef\xbb\xbf"), f"{name}: starts with a BOM")
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        rows = list(reader)
    ck.check(all(NAME_RE.match(col) for col in header), f"{name}: header {header}")
    ck.equal(header[-1] if header else None, "origen", f"{name}: last column")
    ck.check(bool(rows), f"{name}: no rows")
    for i, row in enumerate(rows, start=2):
        ck.check(row["origen"] in (PUB, EST), f"{name} row {i}: origen {row['origen']!r}")
        for col, pattern in NUMERIC.items():
            if col in row:
                ck.check(bool(pattern.match(row[col])), f"{name} row {i}: {col}={row[col]!r}")
    return rows


def totals(rows: list[dict], column: str, by: str = "anio", **where) -> dict:
    out: dict = defaultdict(Decimal)
    for row in rows:
        if all(row[k] == v for k, v in where.items()):
            out[row[by]] += Decimal(row[column])
    return dict(out)


def verify() -> Checker:
    ck = Checker()

    # --- Firms ------------------------------------------------------------------------
    firms = read("empresas_region.csv", ck)
    per_year = totals(firms, "empresas")
    ck.equal(sorted(per_year), [str(y) for y in YEARS], "empresas_region years")
    ck.equal(per_year["2024"], 17224, "empresas 2024")
    regions_2024 = totals(firms, "empresas", by="region", anio="2024")
    ck.equal(sorted(regions_2024), REGIONS, "empresas_region regions")
    for region, expected in FIRMS_2024.items():
        ck.equal(regions_2024[region], expected, f"empresas 2024 {region}")
    published_shares = {"Ayacucho": "34.1", "Cusco": "27.7", "Junín": "22.3",
                        "Huancavelica": "13.3", "Apurímac": "2.7"}
    for region, share in published_shares.items():
        ck.equal(pct(regions_2024[region], per_year["2024"]), Decimal(share),
                 f"empresas share {region}")
    ranking = sorted(regions_2024, key=lambda r: -regions_2024[r])
    ck.equal(ranking, ["Ayacucho", "Cusco", "Junín", "Huancavelica", "Apurímac"],
             "empresas regional ranking")
    ck.equal(variation(per_year["2024"], per_year["2023"]), Decimal("8.6"), "empresas var")
    ck.equal(compound(per_year["2024"], per_year["2019"], 5), Decimal("3.3"),
             "empresas compound growth")
    ck.check(per_year["2020"] < per_year["2019"] < per_year["2021"], "empresas 2020 dip")
    sales = totals(firms, "ventas_millones_soles")
    ck.equal(sales["2024"], Decimal("2185.0"), "ventas 2024")
    ck.equal(round_half_up(sales["2024"], 0), Decimal("2185"), "ventas 2024 (S/ 2,185 mill.)")
    ck.check(sales["2020"] < sales["2019"] < sales["2021"], "ventas 2020 dip")

    sectors = read("empresas_sector.csv", ck)
    by_sector = totals(sectors, "empresas", by="sector")
    ck.equal(sum(by_sector.values()), 17224, "empresas_sector sum")
    order = sorted(by_sector, key=lambda s: -by_sector[s])
    ck.equal(order[:2], ["Comercio", "Servicios"], "sector ranking")
    ck.equal(pct(by_sector["Comercio"], 17224), Decimal("44.2"), "comercio share")
    ck.equal(pct(by_sector["Servicios"], 17224), Decimal("42.4"), "servicios share")

    sizes = read("empresas_tamano.csv", ck)
    by_size = totals(sizes, "empresas", by="tamano")
    ck.equal(sum(by_size.values()), 17224, "empresas_tamano sum")
    for size, share in [("Microempresa", "97.1"), ("Pequeña empresa", "2.7"),
                        ("Mediana empresa", "0.1"), ("Gran empresa", "0.1")]:
        ck.equal(pct(by_size[size], 17224), Decimal(share), f"share {size}")

    # --- Employment ---------------------------------------------------------------------
    jobs = read("empleo.csv", ck)
    ck.equal(len(jobs), len(YEARS) * 5 * 2 * 2, "empleo rows")
    emp = totals(jobs, "trabajadores")
    ck.equal(emp["2024"], 2525492, "empleo 2024")
    ck.equal(variation(emp["2024"], emp["2023"]), Decimal("-0.3"), "empleo var 2024")
    ck.equal(compound(emp["2024"], emp["2019"], 5), Decimal("1.1"), "empleo compound growth")
    ck.equal(round_half_up(emp["2019"] / 1000000, 1), Decimal("2.4"), "empleo 2019 millions")
    ck.equal(round_half_up(emp["2024"] / 1000000, 1), Decimal("2.5"), "empleo 2024 millions")
    thousands = int(round_half_up(emp["2024"], -3))
    ck.equal((thousands // 1000000, thousands % 1000000 // 1000), (2, 525),
             "empleo 2024 '2 millones 525 mil'")
    ck.check(emp["2020"] < emp["2019"] < emp["2021"], "empleo 2020 dip")
    kind = totals(jobs, "trabajadores", by="tipo_empleo", anio="2024")
    sex = totals(jobs, "trabajadores", by="sexo", anio="2024")
    ck.equal(pct(kind["Informal"], emp["2024"]), Decimal("84.6"), "informal share")
    ck.equal(pct(kind["Formal"], emp["2024"]), Decimal("15.4"), "formal share")
    ck.equal(round_half_up(pct(kind["Informal"], emp["2024"]) / 10, 0), Decimal("8"),
             "8 de cada 10 informales")
    ck.equal(pct(sex["Mujer"], emp["2024"]), Decimal("46.0"), "women share")
    for year in YEARS:
        y = str(year)
        informal_y = totals(jobs, "trabajadores", by="tipo_empleo", anio=y)["Informal"]
        women_y = totals(jobs, "trabajadores", by="sexo", anio=y)["Mujer"]
        ck.check(Decimal(80) < pct(informal_y, emp[y]) < Decimal(90), f"informal share {y}")
        ck.check(Decimal(44) < pct(women_y, emp[y]) < Decimal(48), f"women share {y}")
        depts = totals(jobs, "trabajadores", by="departamento", anio=y)
        ck.equal(sorted(depts), REGIONS, f"empleo departments {y}")
        top = sorted(depts, key=lambda d: -depts[d])[:2]
        ck.equal(sorted(top), ["Cusco", "Junín"], f"largest departments {y}")

    # --- Exports ------------------------------------------------------------------------
    exports = read("exportaciones_departamento.csv", ck)
    exp = totals(exports, "valor_fob_millones_usd")
    ck.equal(sorted(exp), ["2021", "2022", "2023", "2024"], "exportaciones years")
    ck.equal(exp["2024"], Decimal("9580.0"), "exportaciones 2024")
    dept = totals(exports, "valor_fob_millones_usd", by="departamento", anio="2024")
    for name, value in EXPORTS_DEPT[2024].items():
        ck.equal(dept[name], Decimal(value), f"exportaciones 2024 {name}")
    order = sorted(dept, key=lambda d: -dept[d])
    ck.equal(order[:3], ["Apurímac", "Junín", "Cusco"], "export origin ranking")
    for name, share in [("Apurímac", "31.5"), ("Junín", "29.7"), ("Cusco", "27.2")]:
        ck.equal(pct(dept[name], exp["2024"]), Decimal(share), f"export share {name}")
    ck.equal(variation(exp["2024"], exp["2023"]), Decimal("0.3"), "exportaciones var")
    junin = totals(exports, "valor_fob_millones_usd", departamento="Junín")
    ck.equal(junin["2023"], Decimal("2411.0"), "Junín 2023 (PROMPERÚ)")
    ck.equal(round_half_up(junin["2024"], 0), Decimal("2848"), "Junín 2024 US$ 2 847 761 852")
    ck.equal(variation(junin["2024"], junin["2023"]), Decimal("18.1"), "Junín var 18.1%")

    dest = read("exportaciones_destino.csv", ck)
    by_country = totals(dest, "valor_fob_millones_usd", by="pais")
    ck.equal(sum(by_country.values()), Decimal("9580.0"), "exportaciones_destino sum")
    ck.check(len(by_country) >= 13, "at least 13 destinations")
    ck.check(not any(c.lower().startswith("otros") for c in by_country), "no 'Otros' row")
    order = sorted(by_country, key=lambda c: -by_country[c])
    ck.equal(order[:5], ["China", "Suiza", "India", "Corea del Sur", "Japón"], "top 5")
    ck.check(by_country[order[4]] > by_country[order[5]], "Japón above the rest")
    for country, share in [("China", "72.7"), ("Suiza", "5.2"), ("India", "3.2")]:
        ck.equal(pct(by_country[country], 9580), Decimal(share), f"share {country}")

    products = read("exportaciones_producto.csv", ck)
    by_product = totals(products, "valor_fob_millones_usd", by="producto")
    ck.equal(sum(by_product.values()), Decimal("9580.0"), "exportaciones_producto sum")
    order = sorted(by_product, key=lambda p: -by_product[p])
    first = "Otros minerales metalíferos no ferrosos"
    ck.equal(order[0], first, "main product")
    ck.check(by_product[order[0]] > by_product[order[1]], "main product strictly largest")
    ck.equal(pct(by_product[first], 9580, 0), Decimal("84"), "main product share")

    # --- Credit -------------------------------------------------------------------------
    credit = read("credito.csv", ck)
    cred = totals(credit, "credito_millones_soles")
    for year, value in CREDIT_TOTAL.items():
        ck.equal(cred[str(year)], Decimal(value), f"credito {year}")
    series = [cred[str(y)] for y in YEARS]
    ck.equal(mean_variation(series), Decimal("14.7"), "credit mean of yearly variations")
    ck.equal(compound(series[-1], series[0], 5), Decimal("10.8"), "credit compound growth")
    size = totals(credit, "credito_millones_soles", by="tamano", anio="2024")
    for name, value, share in [("Pequeña empresa", "808.0", "82"),
                               ("Microempresa", "161.0", "16"),
                               ("Mediana empresa", "12.0", "1")]:
        ck.equal(size[name], Decimal(value), f"credito 2024 {name}")
        ck.equal(pct(size[name], cred["2024"], 0), Decimal(share), f"credit share {name}")
    region = totals(credit, "credito_millones_soles", by="region", anio="2024")
    for name, value, share in [("Apurímac", "540.0", "55"), ("Junín", "235.0", "24"),
                               ("Cusco", "108.0", "11"), ("Ayacucho", "98.0", "10"),
                               ("Huancavelica", "0.0", "0")]:
        ck.equal(region[name], Decimal(value), f"credito 2024 {name}")
        ck.equal(pct(region[name], cred["2024"], 0), Decimal(share), f"credit share {name}")
    for year in YEARS:
        hv = totals(credit, "credito_millones_soles", by="region", anio=str(year))
        ck.equal(hv.get("Huancavelica"), Decimal("0.0"), f"Huancavelica credit {year}")
    ck.equal(len(credit), len(YEARS) * 5 * 3, "credito rows")

    # --- GDP and national references ------------------------------------------------------
    gdp = read("pbi.csv", ck)
    vraem = totals(gdp, "pbi_millones_soles_2007", ambito="VRAEM")
    national = totals(gdp, "pbi_millones_soles_2007", ambito="Nacional")
    ck.equal(vraem["2024"], Decimal("1093.0"), "PBI VRAEM 2024")
    ck.equal(pct(vraem["2024"], national["2024"]), Decimal("0.2"), "PBI share")
    ck.check(national["2020"] < national["2019"], "PBI nacional 2020 dip")

    refs = read("referencias_nacionales.csv", ck)
    ref = {row["indicador"]: Decimal(row["valor"]) for row in refs}
    ck.equal(pct(17224, ref["empresas_formales"]), Decimal("0.7"), "firms national share")
    ck.equal(pct(exp["2024"], ref["exportaciones_fob_millones_usd"]), Decimal("12.9"),
             "exports national share")
    ck.equal(pct(emp["2024"], ref["pea_ocupada"]), Decimal("14.1"), "employment share")
    return ck


def main() -> int:
    write_all()
    ck = verify()
    files = sorted(p.name for p in HERE.glob("*.csv"))
    print(f"Escritos {len(files)} archivos en {HERE}: {', '.join(files)}")
    return ck.report()


if __name__ == "__main__":
    sys.exit(main())
