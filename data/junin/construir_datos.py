"""Construye los datos de ejemplo de las exportaciones de Junín 2023-2024 y los verifica.

Writes the example CSV files of data/junin/ from the figures of the PROMPERÚ press note on
Junín's exports in 2024 (US$ 2 847 761 852; 316 firms, 231 tariff lines, 68 markets; 11th
region of Peru; mining US$ 2 549 millones, agriculture US$ 295 millones; products, markets
and the 2023 comparison). Everything the note does not state is filled in deterministically:
the spread of each product over markets, firms and tariff lines uses pseudo-random weights
from fixed seeds (random.Random(int)), so every run writes the same files.

After writing, the script reads every file back with the csv module and recomputes each
figure of the note, rounding half-up (half away from zero). It prints a short summary and
exits with status 1 if any check fails.

Usage: python3 data/junin/construir_datos.py
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from comprobar import Checker  # noqa: E402 - the checker the generators share

HERE = Path(__file__).resolve().parent

PUB = "publicado"
EST = "estimado"
YEARS = [2023, 2024]

MINERO = "Minero"
AGRO = "Agropecuario"
OTROS = "Otros"

# ---------------------------------------------------------------------------------------
# Figures of the PROMPERÚ note (checked against the files at the end)
# ---------------------------------------------------------------------------------------

JUNIN_2024 = 2847761852  # "US$ 2 847 761 852"
JUNIN_2023 = 2411000000  # "US$ 2 411 millones" (the note gives millions only)
FIRMS_2024 = 316
TARIFF_LINES_2024 = 231
MARKETS_2024 = 68
RANK_AHEAD_2024 = ["Lima", "Ica", "Arequipa", "Áncash", "Moquegua", "La Libertad", "Puno",
                   "Callao", "Piura", "Apurímac"]
SECTOR_MILLIONS_2024 = {MINERO: 2549, AGRO: 295}
PRODUCT_MILLIONS_2024 = {
    "Minerales de cobre y sus concentrados": 1767,
    "Minerales de oro y sus concentrados": 474,
    "Minerales de plomo y sus concentrados": 172,
    "Café": 100,
    "Jengibre": 98,
    "Concentrados de zinc": 69,
    "Cacao en grano": 59,
    "Minerales de plata y sus concentrados": 57,
    "Piña": 9,
    "Jugo de naranja congelado": 2,
}
PRODUCT_MILLIONS_2023 = {"Cacao en grano": 11, "Piña": 2}
TOP_MARKETS_2024 = ["China", "Taiwán", "Estados Unidos", "Alemania", "Países Bajos",
                    "Corea del Sur"]
PRODUCT_TOP_MARKETS_2024 = {
    "Cacao en grano": ["Italia", "España"],
    "Piña": ["Estados Unidos", "Canadá", "México"],
}
NEW_IN_2024 = "Jugo de naranja congelado"
SMALL_PRODUCT_LIMIT = 9000000  # products the note does not name stay below US$ 9 millones

# ---------------------------------------------------------------------------------------
# 1. Exports by region of origin (SUNAT - Aduanas), US$ FOB
# ---------------------------------------------------------------------------------------

# Junín (both years) is published by PROMPERÚ. The rest is estimated with plausible
# magnitudes and the 2024 ranking of the note. Apurímac, Cusco, Ayacucho and Huancavelica
# round to the values of data/vraem/exportaciones_departamento.csv (millions, 1 decimal).
REGION_EXPORTS = {
    2024: {
        "Lima": 15416872905, "Ica": 8935126744, "Arequipa": 7982540316,
        "Áncash": 6912843027, "Moquegua": 5436218590, "La Libertad": 5281904663,
        "Puno": 3964207481, "Callao": 3578316902, "Piura": 3322085147,
        "Apurímac": 3017684213, "Junín": JUNIN_2024, "Cusco": 2605813479,
        "Tacna": 2418375026, "Cajamarca": 2296514830, "Pasco": 1873602915,
        "Lambayeque": 1514938207, "Ayacucho": 780412568, "San Martín": 452173604,
        "Huancavelica": 328296133, "Tumbes": 287540921, "Loreto": 186094375,
        "Madre de Dios": 158327610, "Ucayali": 121468293, "Huánuco": 94215836,
        "Amazonas": 61873402,
    },
    2023: {
        "Lima": 14120318775, "Ica": 7614905382, "Arequipa": 7238416093,
        "Áncash": 6518027641, "Moquegua": 4216938507, "La Libertad": 4752381206,
        "Puno": 3318720459, "Callao": 3205614938, "Piura": 2986472315,
        "Apurímac": 3380583127, "Junín": JUNIN_2023, "Cusco": 2843129864,
        "Tacna": 2105784312, "Cajamarca": 2054936718, "Pasco": 1702458391,
        "Lambayeque": 1386205947, "Ayacucho": 624538102, "San Martín": 398214675,
        "Huancavelica": 292173548, "Tumbes": 253908146, "Loreto": 171326580,
        "Madre de Dios": 139842017, "Ucayali": 109637254, "Huánuco": 83519460,
        "Amazonas": 54260913,
    },
}
REGIONS = ["Amazonas", "Áncash", "Apurímac", "Arequipa", "Ayacucho", "Cajamarca", "Callao",
           "Cusco", "Huancavelica", "Huánuco", "Ica", "Junín", "La Libertad", "Lambayeque",
           "Lima", "Loreto", "Madre de Dios", "Moquegua", "Pasco", "Piura", "Puno",
           "San Martín", "Tacna", "Tumbes", "Ucayali"]


def region_rows() -> list[list]:
    rows = []
    for year in YEARS:
        for region in REGIONS:
            origin = PUB if region == "Junín" else EST
            rows.append([year, region, REGION_EXPORTS[year][region], origin])
    return rows


# ---------------------------------------------------------------------------------------
# 2. Junín's exports by firm, tariff line and market (SUNAT - Aduanas), US$ FOB
# ---------------------------------------------------------------------------------------


@dataclass
class Product:
    name: str
    sector: str
    totals: dict  # year -> US$ FOB (exact)
    # Tariff lines: explicit [(code, weight)] or generated from 6-digit HS subheadings.
    lines: list = field(default_factory=list)
    heads: list = field(default_factory=list)
    n_lines: int = 0
    firms: int = 0  # firms of its own (the 316 of 2024 are split among products)
    shared: list = field(default_factory=list)  # [(other product, first k of its firms)]
    alpha: float = 1.0  # concentration of the value among firms (rank ** -alpha)
    markets: dict = field(default_factory=dict)  # country -> relative weight


CU = "Minerales de cobre y sus concentrados"

PRODUCTS = [
    # --- Minero ---------------------------------------------------------------------------
    Product(CU, MINERO, {2023: None, 2024: None},  # remainder of the year's total
            lines=[("2603000000", 1)], firms=4, alpha=2.2,
            markets={"China": 1150, "Taiwán": 150, "Alemania": 130, "Japón": 60,
                     "Corea del Sur": 60, "India": 60, "Bulgaria": 60, "España": 50,
                     "Filipinas": 32.2, "Brasil": 15}),
    Product("Minerales de oro y sus concentrados", MINERO,
            {2023: 352418706, 2024: 474126385},
            lines=[("2616901000", 1)], firms=9, alpha=1.3,
            markets={"China": 200, "Taiwán": 135, "Estados Unidos": 85, "Suiza": 30,
                     "Países Bajos": 24.1}),
    Product("Minerales de plomo y sus concentrados", MINERO,
            {2023: 158236417, 2024: 171804912},
            lines=[("2607000000", 1)], firms=6, alpha=1.3,
            markets={"China": 65, "Países Bajos": 35, "Corea del Sur": 30, "Japón": 15,
                     "Bélgica": 12, "Canadá": 9.8, "India": 5}),
    Product("Concentrados de zinc", MINERO, {2023: 61874329, 2024: 69287456},
            lines=[("2608000000", 1)], firms=4, shared=[(CU, 2)], alpha=1.2,
            markets={"China": 22, "Bélgica": 12, "Corea del Sur": 10, "España": 10,
                     "Países Bajos": 10, "Japón": 5.3}),
    Product("Minerales de plata y sus concentrados", MINERO,
            {2023: 48519063, 2024: 56913208},
            lines=[("2616100000", 1)], firms=5,
            shared=[("Minerales de plomo y sus concentrados", 2)], alpha=1.2,
            markets={"China": 20, "Taiwán": 12, "Estados Unidos": 12, "Corea del Sur": 5,
                     "Japón": 4.9, "Alemania": 3}),
    Product("Minerales de molibdeno y sus concentrados", MINERO,
            {2023: 8126540, 2024: 7012780},
            lines=[("2613900000", 1)], shared=[(CU, 1)],
            markets={"China": 3, "Países Bajos": 2, "Japón": 1.8}),
    Product("Bismuto", MINERO, {2023: 2384115, 2024: 2715340},
            lines=[("8106100000", 1)], firms=1,
            markets={"Estados Unidos": 1.2, "Japón": 0.8, "Bélgica": 0.7}),
    # --- Agropecuario ---------------------------------------------------------------------
    Product("Café", AGRO, {2023: 86412573, 2024: 99874627},
            lines=[("0901119000", 1), ("0901211000", 0.04), ("0901212000", 0.03)],
            firms=42, alpha=0.9,
            markets={"Estados Unidos": 40, "Alemania": 28, "Bélgica": 9, "Canadá": 6,
                     "Japón": 4, "Corea del Sur": 3, "Suecia": 2.5, "Italia": 2,
                     "Reino Unido": 2, "Australia": 1.5, "Francia": 1.2,
                     "Nueva Zelanda": 0.5, "Noruega": 0.5, "Finlandia": 0.6,
                     "Dinamarca": 0.5, "Rusia": 0.4, "Israel": 0.3, "Irlanda": 0.2,
                     "Austria": 0.2, "República Checa": 0.2, "Colombia": 0.1}),
    Product("Jengibre", AGRO, {2023: 118604227, 2024: 97732354},
            lines=[("0910110000", 1), ("0910120000", 0.08)], firms=48, alpha=0.8,
            markets={"Países Bajos": 38, "Estados Unidos": 36, "Canadá": 7, "España": 4,
                     "Alemania": 4, "Reino Unido": 3, "Francia": 2,
                     "Emiratos Árabes Unidos": 1.5, "Arabia Saudita": 1, "Polonia": 0.8,
                     "Italia": 0.6, "Qatar": 0.3, "Kuwait": 0.2, "Líbano": 0.2,
                     "Turquía": 0.3, "Portugal": 0.3, "Grecia": 0.2, "Lituania": 0.1,
                     "Letonia": 0.1, "Estonia": 0.1, "Ucrania": 0.1, "Marruecos": 0.2,
                     "Egipto": 0.1, "Sudáfrica": 0.1, "Hong Kong": 0.3, "Singapur": 0.2,
                     "Tailandia": 0.1, "Vietnam": 0.1}),
    Product("Cacao en grano", AGRO, {2023: 10836492, 2024: 59273816},
            lines=[("1801001900", 1), ("1801002000", 0.05)], firms=26,
            shared=[("Café", 5)], alpha=0.9,
            markets={"Italia": 18, "España": 12, "Países Bajos": 9, "Bélgica": 7,
                     "Alemania": 5, "Estados Unidos": 4, "Malasia": 2, "Indonesia": 1.3,
                     "México": 1}),
    Product("Piña", AGRO, {2023: 2038417, 2024: 9108472},  # "US$ 2 millones": within 5%
            lines=[("0804300000", 1)], firms=10, alpha=0.8,
            markets={"Estados Unidos": 4, "Canadá": 2.2, "México": 1.3, "Chile": 0.7,
                     "Países Bajos": 0.5, "España": 0.4}),
    Product(NEW_IN_2024, AGRO, {2024: 2086215},
            lines=[("2009110000", 1)], firms=2, shared=[("Piña", 1)], alpha=0.8,
            markets={"Países Bajos": 1.2, "Estados Unidos": 0.5, "Canadá": 0.4}),
    Product("Cúrcuma", AGRO, {2023: 5913204, 2024: 8216930},
            lines=[("0910300000", 1)], firms=9, shared=[("Jengibre", 5)], alpha=0.8,
            markets={"Estados Unidos": 3.5, "Países Bajos": 1.8, "Alemania": 1.2,
                     "Reino Unido": 0.9, "Canadá": 0.8}),
    Product("Palta", AGRO, {2023: 7042318, 2024: 6384105},
            lines=[("0804400000", 1)], firms=6, alpha=0.8,
            markets={"Países Bajos": 2.5, "España": 1.5, "Estados Unidos": 1,
                     "Reino Unido": 0.8, "Chile": 0.6}),
    Product("Maca", AGRO, {2023: 4518736, 2024: 4097562},
            lines=[("1106201000", 1)], firms=10, alpha=0.7,
            markets={"Estados Unidos": 1.5, "China": 0.8, "Japón": 0.6, "Corea del Sur": 0.5,
                     "Australia": 0.4, "Alemania": 0.3, "Hong Kong": 0.1}),
    Product("Quinua", AGRO, {2023: 3906512, 2024: 3215478},
            lines=[("1008509000", 1)], firms=5, alpha=0.7,
            markets={"Estados Unidos": 1.2, "Canadá": 0.5, "Francia": 0.4,
                     "Países Bajos": 0.4, "Alemania": 0.4, "Australia": 0.3}),
    Product("Mandarina", AGRO, {2023: 2214903, 2024: 2583019},
            lines=[("0805210000", 1)], firms=4, alpha=0.7,
            markets={"Reino Unido": 0.9, "Países Bajos": 0.8, "Canadá": 0.5,
                     "Estados Unidos": 0.4}),
    Product("Granadilla", AGRO, {2023: 1026455, 2024: 1104387},
            lines=[("0810909000", 1)], firms=3, alpha=0.7,
            markets={"Países Bajos": 0.4, "Canadá": 0.3, "España": 0.2, "Francia": 0.2}),
    Product("Tara en polvo", AGRO, {2023: 1187230, 2024: 912664},
            lines=[("1404902000", 1)], firms=2, alpha=0.7,
            markets={"Argentina": 0.3, "Brasil": 0.3, "Italia": 0.3}),
    Product("Otros productos agropecuarios", AGRO, {2023: 463508, 2024: 312846},
            heads=["071310", "071333", "071339", "071350", "071490", "070999", "100590",
                   "100890", "110220", "110412", "110429", "110630", "120799", "121190",
                   "130190", "200799", "200899", "210390", "210690", "090420", "091099",
                   "081320", "081190"],
            n_lines=25, firms=12, alpha=0.6,
            markets={"Estados Unidos": 0.1, "España": 0.05, "Chile": 0.04, "Bolivia": 0.04,
                     "Ecuador": 0.03, "Japón": 0.03, "Canadá": 0.02}),
    # --- Otros ----------------------------------------------------------------------------
    Product("Truchas", OTROS, {2023: 1163208, 2024: 1044516},
            heads=["030211", "030314", "030442", "030482", "030543"], n_lines=5,
            firms=7, alpha=0.8,
            markets={"Estados Unidos": 0.3, "Canadá": 0.2, "Rusia": 0.15, "Noruega": 0.1,
                     "Bolivia": 0.15, "Ecuador": 0.1, "Japón": 0.05}),
    Product("Madera aserrada", OTROS, {2023: 704115, 2024: 612408},
            heads=["440799", "440729", "440910", "440929", "441820", "441899", "442199",
                   "441239"], n_lines=8, firms=8, alpha=0.7,
            markets={"China": 0.2, "México": 0.15, "República Dominicana": 0.1,
                     "Estados Unidos": 0.08, "Bolivia": 0.05, "Ecuador": 0.04}),
    Product("Textiles y confecciones", OTROS, {2023: 1018562, 2024: 934271},
            heads=["610910", "610990", "611020", "611030", "610462", "610342", "610510",
                   "610610", "611120", "611420", "611610", "611710", "620342", "620462",
                   "620520", "620630", "621420", "630140", "630231", "510539", "511111",
                   "520942", "600490", "610220", "611011", "611019", "611212", "620193"],
            n_lines=55, firms=38, alpha=0.6,
            markets={"Estados Unidos": 0.3, "Chile": 0.12, "Bolivia": 0.1, "Ecuador": 0.08,
                     "Colombia": 0.07, "Panamá": 0.05, "Costa Rica": 0.04,
                     "Guatemala": 0.03, "El Salvador": 0.02, "Honduras": 0.02,
                     "República Dominicana": 0.03, "Puerto Rico": 0.03, "Uruguay": 0.02,
                     "Paraguay": 0.02}),
    Product("Artesanías", OTROS, {2023: 301447, 2024: 286954},
            heads=["442090", "460219", "460212", "630499", "691390", "691200", "701890",
                   "711311", "711319", "711719", "830629", "950300", "970390", "420221",
                   "420229"], n_lines=35, firms=26, alpha=0.5,
            markets={"Estados Unidos": 0.08, "Francia": 0.04, "Italia": 0.03,
                     "España": 0.03, "Alemania": 0.03, "Japón": 0.02, "Canadá": 0.02,
                     "Chile": 0.02, "México": 0.02, "Cuba": 0.01, "Venezuela": 0.01}),
    Product("Maquinaria y equipo", OTROS, {2023: 562390, 2024: 418730},
            heads=["843149", "843143", "847490", "848180", "842139", "841391", "820713",
                   "730890", "731815", "732690", "850440", "853690", "902690", "847420",
                   "843041", "841960", "847989", "848310", "850153", "870899", "840999",
                   "842199", "851580", "902780"], n_lines=40, firms=14, alpha=0.7,
            markets={"Chile": 0.12, "Bolivia": 0.1, "Ecuador": 0.06, "Colombia": 0.05,
                     "México": 0.04, "Estados Unidos": 0.03, "Venezuela": 0.02}),
    Product("Productos químicos", OTROS, {2023: 298706, 2024: 352118},
            heads=["283325", "380891", "340290", "320890", "330749", "283620", "291811",
                   "281700", "382499", "350699", "330300", "340111"], n_lines=18,
            firms=6, alpha=0.7,
            markets={"Chile": 0.1, "Bolivia": 0.08, "Ecuador": 0.06, "Colombia": 0.05,
                     "Argentina": 0.03, "Brasil": 0.03}),
    Product("Manufacturas diversas", OTROS, {2023: 187254, 2024: 211687},
            heads=["392321", "392410", "392690", "401699", "481910", "482010", "680291",
                   "680299", "690890", "700992", "732393", "761699", "940360", "940161",
                   "961700", "960390"], n_lines=22, firms=9, alpha=0.6,
            markets={"Bolivia": 0.06, "Chile": 0.05, "Estados Unidos": 0.04, "Ecuador": 0.03,
                     "Panamá": 0.02, "Cuba": 0.01}),
]

# 2023 differs from 2024 in a few details (all estimated).
MARKETS_NEW_IN_2024 = {"Cuba", "Líbano", "Estonia", "Qatar"}
EXTRA_ROWS = Fraction(3, 10)  # rows beyond the minimum needed to cover firms/lines/markets
FIRST_2023_ONLY_FIRM = 316  # firm numbers from here on exported in 2023 only


def ruc(number: int) -> str:
    """Fictitious RUC: '2099' + 6 digits + SUNAT check digit (prefix not assigned)."""
    body = f"2099{(number * 7919 + 104729) % 1000000:06d}"
    weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    check = 11 - sum(int(d) * w for d, w in zip(body, weights)) % 11
    return body + str({10: 0, 11: 1}.get(check, check))


def tariff_lines(product: Product) -> list[tuple[str, Fraction]]:
    """Tariff lines of a product with their relative weight, main line first."""
    if product.lines:
        return [(code, Fraction(str(w))) for code, w in product.lines]
    per_head = [len(range(i, product.n_lines, len(product.heads)))
                for i in range(len(product.heads))]
    suffixes = ["1000", "9000", "2000", "9090", "3000"]
    codes = []
    for head, count in zip(product.heads, per_head):
        codes += [head + "0000"] if count == 1 else [head + s for s in suffixes[:count]]
    return [(code, Fraction(1) / (i + 1)) for i, code in enumerate(codes)]


def firm_pools() -> dict[str, list[int]]:
    """Firm numbers of each product in 2024 (own firms first, then shared ones)."""
    pools: dict[str, list[int]] = {}
    next_firm = 0
    for product in PRODUCTS:
        pools[product.name] = list(range(next_firm, next_firm + product.firms))
        next_firm += product.firms
    for product in PRODUCTS:
        for other, k in product.shared:
            pools[product.name] += pools[other][:k]
    return pools


def allocate(total: int, weights: list) -> list[int]:
    """Split an integer total in proportion to weights (largest remainder, ties by order)."""
    fractions = [Fraction(str(w)) if isinstance(w, float) else Fraction(w) for w in weights]
    whole = sum(fractions)
    quotas = [total * f / whole for f in fractions]
    floors = [int(q) for q in quotas]
    left = total - sum(floors)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def rank_weight(rank: int, alpha: float) -> Fraction:
    """(rank + 1) ** -alpha as an exact fraction (decimal arithmetic, platform-independent)."""
    with localcontext() as ctx:
        ctx.prec = 20
        return Fraction(Decimal(rank + 1) ** -Decimal(str(alpha)))


def product_totals(year: int) -> dict[str, int]:
    totals = {p.name: p.totals[year] for p in PRODUCTS
              if year in p.totals and p.totals[year] is not None}
    junin = REGION_EXPORTS[year]["Junín"]
    totals[CU] = junin - sum(totals.values())
    return totals


def product_rows(year: int, index: int, product: Product, total: int,
                 pools: dict[str, list[int]]) -> dict[tuple, int]:
    """Rows (ruc, partida, pais) -> US$ of one product and year."""
    rng = random.Random(year * 100 + index)
    lines = tariff_lines(product)
    firms = pools[product.name]
    markets = dict(product.markets)
    if year == 2023:
        lines = [ln for i, ln in enumerate(lines) if i == 0 or i % 10 != 7]
        firms = [f for i, f in enumerate(firms) if i == 0 or f % 9 != 4]
        n_only = len(pools[product.name]) // 10
        start = FIRST_2023_ONLY_FIRM + sum(len(pools[p.name]) // 10 for p in PRODUCTS[:index])
        firms += list(range(start, start + n_only))
        markets = {c: Fraction(str(w)) * Fraction(85 + rng.randrange(31), 100)
                   for c, w in markets.items() if c not in MARKETS_NEW_IN_2024}
    countries = list(markets)
    amounts = dict(zip(countries, allocate(total, list(markets.values()))))

    base = max(len(firms), len(lines), len(countries))
    n_rows = base + int(base * EXTRA_ROWS)
    per_country = allocate(n_rows - len(countries), list(markets.values()))
    row_country = [c for c, k in zip(countries, per_country) for _ in range(k + 1)]
    rng.shuffle(row_country)

    firm_order = firms[:]
    rng.shuffle(firm_order)
    firm_weight = {f: rank_weight(rank, product.alpha) for rank, f in enumerate(firms)}
    line_weight = dict(lines)
    forced_line = dict(zip(rng.sample(range(n_rows), len(lines)), [c for c, _ in lines]))

    weights: dict[tuple, Fraction] = {}
    for j, country in enumerate(row_country):
        line = forced_line.get(j) or rng.choices([c for c, _ in lines],
                                                 [float(w) for _, w in lines])[0]
        if j < len(firm_order):
            firm = firm_order[j]
        else:
            firm = rng.choices(firms, [float(firm_weight[f]) for f in firms])[0]
            if (firm, line, country) in weights:
                free = [f for f in firms if (f, line, country) not in weights]
                firm = rng.choice(free) if free else firm
        w = firm_weight[firm] * line_weight[line] * Fraction(25 + rng.randrange(100), 100)
        key = (firm, line, country)
        weights[key] = weights.get(key, Fraction(0)) + w

    out = {}
    for country in countries:
        keys = [k for k in weights if k[2] == country]
        for key, value in zip(keys, allocate(amounts[country], [weights[k] for k in keys])):
            out[(ruc(key[0]), key[1], country)] = value
    return out


def junin_rows() -> list[list]:
    pools = firm_pools()
    rows = []
    for year in YEARS:
        totals = product_totals(year)
        year_rows = []
        for index, product in enumerate(PRODUCTS):
            if product.name not in totals:
                continue
            cells = product_rows(year, index, product, totals[product.name], pools)
            for (firm, line, country), value in cells.items():
                year_rows.append([year, firm, line, product.name, product.sector, country,
                                  value, EST])
        rows += sorted(year_rows, key=lambda r: (r[1], r[2], r[5]))
    return rows


def write_csv(name: str, header: list[str], rows: list[list]) -> None:
    with open(HERE / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


REGIONS_HEADER = ["anio", "region", "valor_fob_usd", "origen"]
JUNIN_HEADER = ["anio", "ruc", "partida", "producto", "sector", "pais", "valor_fob_usd",
                "origen"]


def write_all() -> None:
    write_csv("exportaciones_regiones.csv", REGIONS_HEADER, region_rows())
    write_csv("exportaciones_junin.csv", JUNIN_HEADER, junin_rows())


# ---------------------------------------------------------------------------------------
# Checks: read the files back and recompute every figure of the note
# ---------------------------------------------------------------------------------------


def round_half_up(value, places: int = 0) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def variation(new, old) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return round_half_up((Decimal(new) / Decimal(old) - 1) * 100, 1)


def group(value: int) -> str:
    """2411 -> '2 411' (the note separates thousands with a space)."""
    return f"{value:,}".replace(",", " ")


def usd(value: int) -> str:
    return f"US$ {group(value)}"


def usd_millions(value: int) -> str:
    return f"US$ {group(int(round_half_up(Decimal(value) / 1000000)))} millones"


INT_RE = re.compile(r"^[1-9]\d*$")
RUC_RE = re.compile(r"^20\d{9}$")
LINE_RE = re.compile(r"^\d{10}$")


def read(name: str, header: list[str], ck: Checker) -> list[dict]:
    raw = (HERE / name).read_bytes()
    ck.check(not raw.startswith(b"\xef\xbb\xbf"), f"{name}: starts with a BOM")
    ck.check(b"\r" not in raw, f"{name}: CR line endings")
    with open(HERE / name, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        ck.equal(reader.fieldnames, header, f"{name}: header")
    for i, row in enumerate(rows, start=2):
        ck.check(row["origen"] in (PUB, EST), f"{name} row {i}: origen {row['origen']!r}")
        ck.check(row["anio"] in ("2023", "2024"), f"{name} row {i}: anio {row['anio']!r}")
        ck.check(bool(INT_RE.match(row["valor_fob_usd"])),
                 f"{name} row {i}: valor_fob_usd {row['valor_fob_usd']!r}")
    return rows


def sums(rows: list[dict], by: str, **where) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for row in rows:
        if all(row[k] == v for k, v in where.items()):
            out[row[by]] += int(row["valor_fob_usd"])
    return dict(out)


def ranking(values: dict[str, int]) -> list[str]:
    return sorted(values, key=lambda k: -values[k])


def millions(value: int) -> int:
    return int(round_half_up(Decimal(value) / 1000000))


def verify() -> tuple[Checker, dict]:
    ck = Checker()
    summary: dict = {}

    # --- File 1: regions -------------------------------------------------------------------
    regions = read("exportaciones_regiones.csv", REGIONS_HEADER, ck)
    ck.equal(len(regions), 50, "exportaciones_regiones rows")
    by_region = {y: sums(regions, "region", anio=str(y)) for y in YEARS}
    for year in YEARS:
        ck.equal(sorted(by_region[year]), sorted(REGIONS), f"regions {year}")
        ck.equal(sum(1 for r in regions if r["anio"] == str(year)), 25, f"region rows {year}")
    for row in regions:
        expected = PUB if row["region"] == "Junín" else EST
        ck.equal(row["origen"], expected, f"origen {row['anio']} {row['region']}")
    junin_2024 = by_region[2024]["Junín"]
    junin_2023 = by_region[2023]["Junín"]
    ck.equal(usd(junin_2024), "US$ 2 847 761 852", "Junín 2024")
    ck.equal(usd_millions(junin_2023), "US$ 2 411 millones", "Junín 2023")
    ck.equal(variation(junin_2024, junin_2023), Decimal("18.1"), "Junín variation 2024/2023")
    order = ranking(by_region[2024])
    ck.equal(order[:11], RANK_AHEAD_2024 + ["Junín"], "2024 ranking")
    ck.equal(order.index("Junín") + 1, 11, "Junín position")
    values = [by_region[2024][r] for r in order]
    ck.check(all(a > b for a, b in zip(values, values[1:])), "2024 ranking strict")
    summary["regions"] = {y: sum(by_region[y].values()) for y in YEARS}

    # --- File 2: Junín by firm, tariff line and market ---------------------------------------
    rows = read("exportaciones_junin.csv", JUNIN_HEADER, ck)
    keys = [(r["anio"], r["ruc"], r["partida"], r["pais"]) for r in rows]
    ck.equal(len(set(keys)), len(keys), "unique (anio, ruc, partida, pais)")
    product_of_line: dict[str, set] = defaultdict(set)
    sector_of_product: dict[str, set] = defaultdict(set)
    for i, row in enumerate(rows, start=2):
        ck.check(bool(RUC_RE.match(row["ruc"])), f"row {i}: ruc {row['ruc']!r}")
        ck.check(bool(LINE_RE.match(row["partida"])), f"row {i}: partida {row['partida']!r}")
        ck.check(row["sector"] in (MINERO, AGRO, OTROS), f"row {i}: sector {row['sector']!r}")
        ck.equal(row["origen"], EST, f"row {i}: origen")
        ck.check(bool(row["pais"]) and bool(row["producto"]), f"row {i}: empty pais/producto")
        product_of_line[row["partida"]].add(row["producto"])
        sector_of_product[row["producto"]].add(row["sector"])
    ck.check(all(len(v) == 1 for v in product_of_line.values()), "one product per partida")
    ck.check(all(len(v) == 1 for v in sector_of_product.values()), "one sector per product")
    expected_sector = {p.name: p.sector for p in PRODUCTS}
    for name, sectors in sector_of_product.items():
        ck.equal(sectors, {expected_sector.get(name)}, f"sector of {name}")

    per_year = sums(rows, "anio")
    ck.equal(per_year.get("2024"), junin_2024, "exportaciones_junin 2024 = regiones Junín")
    ck.equal(per_year.get("2023"), junin_2023, "exportaciones_junin 2023 = regiones Junín")
    y24 = [r for r in rows if r["anio"] == "2024"]
    y23 = [r for r in rows if r["anio"] == "2023"]
    for year, year_rows in (("2023", y23), ("2024", y24)):
        ck.check(400 <= len(year_rows) <= 700, f"rows {year}: {len(year_rows)}")
    ck.equal(len({r["ruc"] for r in y24}), FIRMS_2024, "empresas 2024")
    ck.equal(len({r["partida"] for r in y24}), TARIFF_LINES_2024, "partidas 2024")
    ck.equal(len({r["pais"] for r in y24}), MARKETS_2024, "mercados 2024")

    sector = sums(rows, "sector", anio="2024")
    for name, value in SECTOR_MILLIONS_2024.items():
        ck.equal(usd_millions(sector[name]), f"US$ {group(value)} millones", f"sector {name}")
    ck.equal(sum(sector.values()), junin_2024, "sectors add up")

    product = sums(rows, "producto", anio="2024")
    for name, value in PRODUCT_MILLIONS_2024.items():
        ck.equal(millions(product.get(name, 0)), value, f"producto 2024 {name}")
    published = ranking({p: product[p] for p in PRODUCT_MILLIONS_2024})
    ck.equal(published, list(PRODUCT_MILLIONS_2024), "published product order")
    for name, value in product.items():
        if name not in PRODUCT_MILLIONS_2024:
            ck.check(value < SMALL_PRODUCT_LIMIT, f"small product {name}: {value}")
    product_23 = sums(rows, "producto", anio="2023")
    for name, value in PRODUCT_MILLIONS_2023.items():
        ck.equal(millions(product_23.get(name, 0)), value, f"producto 2023 {name}")
    ck.check(NEW_IN_2024 not in product_23, f"{NEW_IN_2024} has no 2023 rows")
    ck.check(product.get(NEW_IN_2024, 0) > 0, f"{NEW_IN_2024} exported in 2024")

    country = sums(rows, "pais", anio="2024")
    order = ranking(country)
    ck.equal(order[:len(TOP_MARKETS_2024)], TOP_MARKETS_2024, "top markets 2024")
    top = [country[c] for c in order[:len(TOP_MARKETS_2024) + 1]]
    ck.check(all(a > b for a, b in zip(top, top[1:])), "top markets strictly decreasing")
    for name, expected in PRODUCT_TOP_MARKETS_2024.items():
        markets = sums(rows, "pais", anio="2024", producto=name)
        got = ranking(markets)[:len(expected) + 1]
        ck.equal(got[:len(expected)], expected, f"main markets of {name}")
        tops = [markets[c] for c in got]
        ck.check(all(a > b for a, b in zip(tops, tops[1:])), f"{name} markets strict")

    summary.update(rows={y: len(r) for y, r in (("2023", y23), ("2024", y24))},
                   firms={y: len({r["ruc"] for r in rs}) for y, rs in (("2023", y23),
                                                                       ("2024", y24))},
                   lines={y: len({r["partida"] for r in rs}) for y, rs in (("2023", y23),
                                                                          ("2024", y24))},
                   markets={y: len({r["pais"] for r in rs}) for y, rs in (("2023", y23),
                                                                         ("2024", y24))},
                   sector=sector, product=product, country=country)
    return ck, summary


def main() -> int:
    write_all()
    ck, s = verify()
    print(f"Escritos exportaciones_regiones.csv y exportaciones_junin.csv en {HERE}")
    if "rows" in s:
        for year in ("2023", "2024"):
            print(f"  {year}: {s['rows'][year]} filas, {s['firms'][year]} empresas, "
                  f"{s['lines'][year]} partidas, {s['markets'][year]} mercados")
        print("  2024 por sector: " + ", ".join(
            f"{k} {usd_millions(v)}" for k, v in sorted(s["sector"].items(),
                                                       key=lambda kv: -kv[1])))
        print("  2024 mercados: " + ", ".join(
            f"{c} {s['country'][c] / 1e6:.1f}" for c in ranking(s["country"])[:8]))
    return ck.report()


if __name__ == "__main__":
    sys.exit(main())
