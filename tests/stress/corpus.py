"""The stress corpus (issue 18): valid but unusual data for each example brief.

Each case copies one example (brief, data, house styles) and edits its data as real data
can be: a tiny region, zeros, falls, a new product, one category, thirty, long names, ties,
all-equal values, values near 10^12, January, December. The edits are deterministic: a
case that picks something picks it with ``random.Random(case name)``.

``python -m tests.stress.corpus CARPETA`` writes every case (and builds it, with
``--build``) to look at its pages.
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

Rows = list[dict[str, str]]
Tables = dict[str, Rows]  # file name -> rows, edited in place


@dataclass(frozen=True)
class Example:
    brief: str  # file name in briefs/, without .yaml
    folder: str  # folder in data/
    value: str  # the column of amounts the edits change
    period: str  # the column of periods
    file: str  # the file the edits change


VRAEM = Example("vraem-2024", "vraem", "valor_fob_millones_usd", "anio",
                "exportaciones_producto.csv")
JUNIN = Example("junin-exportaciones-2024", "junin", "valor_fob_usd", "anio",
                "exportaciones_junin.csv")
REGIONAL = Example("exportaciones-regionales", "exportaciones", "valor_fob_usd", "periodo",
                   "exportaciones_mensuales.csv")
MONTHLY = Example("manufactura-mensual", "manufactura", "puntos", "mes",
                  "indice_manufacturero.csv")


@dataclass(frozen=True)
class Case:
    name: str
    example: Example
    args: tuple[str, ...] = ()
    edit: Callable[[Tables, random.Random], None] | None = None
    refuses: tuple[str, ...] = ()  # a case that cannot be published: what the error says
    brief_edit: Callable[[str], str] | None = None  # what the economist changed in the brief

    def write(self, folder: Path) -> Path:
        """Write the case's project into ``folder``; return its brief."""
        (folder / "briefs").mkdir(parents=True)
        brief = folder / "briefs" / f"{self.example.brief}.yaml"
        text = (ROOT / "briefs" / brief.name).read_text(encoding="utf-8")
        brief.write_text(self.brief_edit(text) if self.brief_edit else text, encoding="utf-8")
        shutil.copytree(ROOT / "templates", folder / "templates")
        data = folder / "data" / self.example.folder
        shutil.copytree(ROOT / "data" / self.example.folder, data)
        if self.edit is not None:
            tables = {p.name: _read(p) for p in sorted(data.glob("*.csv"))}
            before = {name: [dict(r) for r in rows] for name, rows in tables.items()}
            self.edit(tables, random.Random(self.name))
            for name, rows in tables.items():
                if rows != before[name]:
                    _write(data / name, rows, list(before[name][0]))
        return brief


def _read(path: Path) -> Rows:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: Rows, header: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _number(text: str, like: str) -> str:
    """A value written as the column writes them: an integer column stays integer."""
    if "." in like:
        return repr(round(float(text), 6))
    return str(int(round(float(text))))


def scaled(example: Example, factor: float, where: Callable[[dict[str, str]], bool]):
    """Multiply the amounts of the rows ``where`` selects by ``factor``."""
    def edit(tables: Tables, _: random.Random) -> None:
        for row in tables[example.file]:
            if where(row):
                value = example.value
                row[value] = _number(str(float(row[value]) * factor), row[value])
    return edit


def renamed(example: Example, column: str, names: Callable[[str, random.Random], str]):
    """Rename each value of ``column`` (the same new name for each old one)."""
    def edit(tables: Tables, rng: random.Random) -> None:
        new: dict[str, str] = {}
        for row in tables[example.file]:
            old = row[column]
            if old not in new:
                new[old] = names(old, rng)
            row[column] = new[old]
    return edit


def kept(example: Example, where: Callable[[dict[str, str]], bool]):
    """Keep only the rows ``where`` selects."""
    def edit(tables: Tables, _: random.Random) -> None:
        tables[example.file][:] = [r for r in tables[example.file] if where(r)]
    return edit


def both(*edits):
    def edit(tables: Tables, rng: random.Random) -> None:
        for one in edits:
            one(tables, rng)
    return edit


def _long(name: str, rng: random.Random) -> str:
    """A name of 60 characters that begins as the old one."""
    words = ("productos", "derivados", "preparaciones", "conservas", "manufacturas",
             "elaborados", "diversos", "del", "y", "similares")
    text = name
    while len(text) < 60:
        text += " " + rng.choice(words)
    return text[:60].rstrip()


def _region_is(name: str) -> Callable[[dict[str, str]], bool]:
    return lambda row: row["region"] == name


def _equal(example: Example, value: str, where: Callable[[dict[str, str]], bool]):
    def edit(tables: Tables, _: random.Random) -> None:
        for row in tables[example.file]:
            if where(row):
                row[example.value] = value
    return edit


def _split_destinations(tables: Tables, _: random.Random) -> None:
    """Junín's exports of the report's month to 30 destinations (each row spread over
    three of them); the other months keep theirs."""
    rows = tables[REGIONAL.file]
    countries = [f"País {chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(30)]
    merged: dict[tuple[str, ...], dict[str, str]] = {}
    turn = 0
    for row in rows:
        parts = [row]
        if row["region"] == "Junín" and row["periodo"] == "2025-09":
            value = int(row["valor_fob_usd"])
            thirds = [value // 3, value // 3, value - 2 * (value // 3)]
            parts = []
            for third in thirds:
                parts.append({**row, "destino": countries[turn % 30],
                              "valor_fob_usd": str(third)})
                turn += 1
        for part in parts:
            key = (part["periodo"], part["region"], part["grupo"], part["destino"])
            if key in merged:
                total = int(merged[key]["valor_fob_usd"]) + int(part["valor_fob_usd"])
                merged[key]["valor_fob_usd"] = str(total)
            else:
                merged[key] = part
    rows[:] = list(merged.values())


def _new_group(tables: Tables, _: random.Random) -> None:
    """Junín exports a group in the report's month that it never exported before."""
    rows = tables[REGIONAL.file]
    rows.append({"periodo": "2025-09", "region": "Junín", "grupo": "Hidrógeno verde",
                 "destino": "Alemania", "valor_fob_usd": "1250000", "origen": "estimado"})


def _tie(tables: Tables, _: random.Random) -> None:
    """Two regions export exactly the same in every row: a tie in the ranking."""
    rows = tables[REGIONAL.file]
    puno = {(r["periodo"], r["grupo"], r["destino"]): r for r in rows if r["region"] == "Puno"}
    for row in rows:
        if row["region"] == "Junín":
            twin = puno.pop((row["periodo"], row["grupo"], row["destino"]), None)
            if twin is not None:
                twin["valor_fob_usd"] = row["valor_fob_usd"]
    rows[:] = [r for r in rows if r["region"] != "Puno"
               or (r["periodo"], r["grupo"], r["destino"]) not in puno]
    for row in [r for r in rows if r["region"] == "Junín"]:
        key = (row["periodo"], row["grupo"], row["destino"])
        if not any(r["region"] == "Puno" and (r["periodo"], r["grupo"], r["destino"]) == key
                   for r in rows):
            rows.append({**row, "region": "Puno"})


def _zeros(tables: Tables, rng: random.Random) -> None:
    """Some rows of Junín's report month are zero."""
    for row in tables[REGIONAL.file]:
        if row["region"] == "Junín" and row["periodo"] == "2025-09" and rng.random() < 0.4:
            row["valor_fob_usd"] = "0"


def _one_group(tables: Tables, _: random.Random) -> None:
    """Junín exports one group only."""
    rows = tables[REGIONAL.file]
    rows[:] = [r for r in rows if r["region"] != "Junín" or r["grupo"] == "Minería"]


def _junin_scaled(divisor: int, year: str | None = None):
    """Junín's exports (of ``year``, or every year) divided by ``divisor``; the region's
    totals in the other file stay the sum of its rows."""
    def edit(tables: Tables, _: random.Random) -> None:
        sums: dict[str, int] = {}
        for row in tables["exportaciones_junin.csv"]:
            if year is None or row["anio"] == year:
                row["valor_fob_usd"] = str(max(1, round(int(row["valor_fob_usd"]) / divisor)))
            sums[row["anio"]] = sums.get(row["anio"], 0) + int(row["valor_fob_usd"])
        for row in tables["exportaciones_regiones.csv"]:
            if row["region"] == "Junín" and row["anio"] in sums:
                row["valor_fob_usd"] = str(sums[row["anio"]])
    return edit


def _named_in_brief(name: str) -> bool:
    return name in ("Cacao en grano", "Piña", "Jugo de naranja congelado")


VRAEM_EXPORTS = ("exportaciones_producto.csv", "exportaciones_destino.csv",
                 "exportaciones_departamento.csv")


def _vraem_scaled(factor: float, year: str | None = None):
    """The VRAEM's exports (of ``year``, or every year) multiplied by ``factor``, a power of
    two so that the parts still add up to the totals exactly."""
    def edit(tables: Tables, _: random.Random) -> None:
        for name in VRAEM_EXPORTS:
            for row in tables[name]:
                if year is None or row["anio"] == year:
                    column = "valor_fob_millones_usd"
                    row[column] = repr(float(row[column]) * factor)
    return edit


def _new_branch(tables: Tables, _: random.Random) -> None:
    """A branch of industry that produced nothing (zero) until the report's month."""
    rows = tables[MONTHLY.file]
    for month in sorted({r["mes"] for r in rows}):
        rows.append({"mes": month, "subsector": "Primario", "grupo": "Primario",
                     "ciiu": "1090", "rama": "Hidrógeno verde",
                     "puntos": "0.9" if month >= "2023-09" else "0", "origen": "estimado"})


def _many_bullets(text: str) -> str:
    """Twelve long bullets more on the first page of charts and bullets."""
    sentence = ("Las empresas de la zona mantuvieron su actividad durante el periodo, con "
                "un desempeño que los gremios consultados describen como estable y que "
                "responde a la demanda de los mercados regionales y del exterior")
    bullets = "".join(f"      - >-\n        {sentence} (aspecto {letter}).\n"
                      for letter in "abcdefghijkl")
    return text.replace("    vinetas:\n", "    vinetas:\n" + bullets, 1)


def _spread_products(tables: Tables, rng: random.Random) -> None:
    """Junín's exports under 80 products: each row of a product the brief does not name
    goes to one of them, at random (seeded)."""
    for row in tables[JUNIN.file]:
        if not _named_in_brief(row["producto"]):
            row["producto"] = f"Producto de prueba {rng.randint(1, 80):02d}"


def _long_products_table(text: str) -> str:
    """The press note's table of products with every product: longer than a page."""
    return text.replace("          maximo: 11\n          resto: Resto de productos",
                        "          maximo: 79\n          resto: Resto de productos", 1)


def _long_title(times: int):
    """The cover's title made long: the VRAEM's and its five regions', ``times`` over."""
    words = ("Desempeño económico del VRAEM {{ periodo }}: empresas, empleo, exportaciones "
             "y crédito en las regiones de Apurímac, Ayacucho, Cusco, Huancavelica y Junín")
    def edit(text: str) -> str:
        return text.replace('titulo: "Desempeño económico del VRAEM {{ periodo }}"',
                            'titulo: "' + ". ".join([words] * times) + '"', 1)
    return edit


REGION = ("--period", "2025-09", "--region", "Junín")

CASES: tuple[Case, ...] = (
    Case("regional enero", REGIONAL, ("--period", "2025-01", "--region", "Junín")),
    Case("regional diciembre", REGIONAL, ("--period", "2024-12", "--region", "Junín")),
    Case("regional región diminuta", REGIONAL, REGION,
         scaled(REGIONAL, 1 / 60, _region_is("Junín"))),
    Case("regional caída", REGIONAL, REGION,
         scaled(REGIONAL, 0.3, lambda r: r["region"] == "Junín"
                and r["periodo"] >= "2025-01")),
    Case("regional ceros", REGIONAL, REGION, _zeros),
    Case("regional un grupo", REGIONAL, REGION, _one_group),
    Case("regional 30 destinos", REGIONAL, REGION, _split_destinations),
    Case("regional nombres largos", REGIONAL, REGION,
         renamed(REGIONAL, "grupo", _long)),
    Case("regional grupo nuevo", REGIONAL, REGION, _new_group),
    Case("regional empate", REGIONAL, ("--period", "2025-09", "--region", "Puno"), _tie),
    Case("regional todos iguales", REGIONAL, REGION,
         _equal(REGIONAL, "1000000", _region_is("Junín"))),
    Case("regional cerca de un billón", REGIONAL, REGION,
         scaled(REGIONAL, 2500.0, lambda r: True)),
    Case("junín diminuta", JUNIN, (), _junin_scaled(60)),
    Case("junín caída", JUNIN, (), _junin_scaled(3, "2024")),
    # Everything falls, cacao and piña too: the words of growth are left out.
    Case("junín caída fuerte", JUNIN, (), _junin_scaled(10, "2024")),
    Case("junín nombres largos", JUNIN, (),
         renamed(JUNIN, "producto", lambda n, r: n if _named_in_brief(n) else _long(n, r))),
    # A table of the press note longer than its page: it breaks, its header repeated.
    Case("junín cuadro de 80 filas", JUNIN, (), _spread_products,
         brief_edit=_long_products_table),
    Case("vraem diminuto", VRAEM, (), _vraem_scaled(1 / 64)),
    Case("vraem caída", VRAEM, (), _vraem_scaled(0.5, "2024")),
    Case("vraem doce viñetas", VRAEM, (), brief_edit=_many_bullets),
    Case("vraem título largo", VRAEM, (), brief_edit=_long_title(1)),
    # A title that would push the offices off the cover: refused, before any file.
    Case("vraem título excesivo", VRAEM, (), brief_edit=_long_title(3),
         refuses=("el título de la portada no cabe en ella", "acorte 'titulo'")),
    Case("mensual enero", MONTHLY, ("--period", "2023-01")),
    Case("mensual diciembre", MONTHLY, ("--period", "2022-12")),
    Case("mensual rama nueva", MONTHLY, ("--period", "2023-09"), _new_branch),
    # A month whose year before is not in the data: nothing to compare it with.
    Case("mensual primer año", MONTHLY, ("--period", "2021-01"),
         refuses=("indice_manufacturero.csv", "le faltan los periodos 2019-01")),
    Case("regional primer mes", REGIONAL, ("--period", "2022-01", "--region", "Junín"),
         refuses=("exportaciones_mensuales.csv", "2021-01")),
)


def main(argv: list[str]) -> int:
    """Write each case under a folder (``--build``: and build it there)."""
    from sectorial.cli import main as sectorial

    out = Path(argv[0])
    for case in CASES:
        folder = out / case.name.replace(" ", "-")
        if folder.exists():
            shutil.rmtree(folder)
        brief = case.write(folder)
        if "--build" in argv:
            code = sectorial(["build", str(brief), *case.args, "--out", str(folder / "out"),
                              "--jobs", "1"])
            print(f"{case.name}: {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
