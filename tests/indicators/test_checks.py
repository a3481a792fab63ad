"""Consistency checks: break each rule on purpose and see the error name both places."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mini import BRIEF, make_project
from sectorial.cli import main


@pytest.fixture()
def vraem(vraem_copy: Path) -> Path:
    return vraem_copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_parts_that_no_longer_add_up_to_the_total(vraem, capsys):
    edit(vraem.parent.parent / "data" / "vraem" / "empresas_sector.csv",
         "2024,Comercio,7613", "2024,Comercio,7614")
    out = vraem.parent.parent / "output"
    assert main(["build", str(vraem), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "vraem-2024.yaml, línea" in err and "campo 'comprobaciones[2]'" in err
    assert "las partes de 'empresas_sector_part' suman 17,225, pero 'empresas_total' es " \
           "17,224" in err
    assert "empresas_sector.csv [anio=2024], filas 2-" in err  # one place
    assert "empresas_region.csv [anio=2024], filas 27-31" in err  # the other
    assert not out.exists() or not list(out.glob("*.pdf"))  # nothing rendered


def test_a_dropped_year_is_named(vraem, capsys):
    data = vraem.parent.parent / "data" / "vraem" / "empresas_region.csv"
    lines = data.read_text("utf-8").splitlines(keepends=True)
    data.write_text("".join(line for line in lines if not line.startswith("2021,")), "utf-8")
    assert main(["check", str(vraem)]) == 1
    err = capsys.readouterr().err
    assert "vraem-2024.yaml, línea 95, campo 'indicadores.empresas': a la serie 'empresas' " \
           "le faltan los periodos 2021 en empresas_region.csv" in err
    assert err.count("le faltan") == 1  # not once more for each indicator built on it


TWO_FILES = BRIEF.replace("indicadores:\n", """  otra:
    archivo: ../data/otra.csv
    fuente: INEI
    columnas: {anio: periodo, empresas: entero}
indicadores:
  total_otra: {tipo: total, datos: otra, valor: empresas}
  serie_otra: {tipo: serie, datos: otra, valor: empresas}
""", 1)


def two_files(tmp_path: Path, checks: str, value_2024: int = 181) -> Path:
    brief = make_project(tmp_path, brief=TWO_FILES + checks)
    (tmp_path / "data" / "otra.csv").write_text(
        f"anio,empresas\n2022,150\n2023,150\n2024,{value_2024}\n", "utf-8")
    return brief


def test_the_same_figure_with_two_values(tmp_path, capsys):
    brief = two_files(tmp_path, "comprobaciones:\n  - {igual: [total, total_otra]}\n")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "campo 'comprobaciones[1]': 'total' (180, de suma de 'empresas' en empresas.csv " \
           "[anio=2024], filas 6-7) y 'total_otra' (181, de suma de 'empresas' en otra.csv " \
           "[anio=2024], filas 4) deberían ser la misma cifra" in err
    assert "excepcion: motivo" in err


def test_a_variation_that_disagrees_with_the_levels(tmp_path, capsys):
    brief = two_files(tmp_path, "comprobaciones:\n  - {variacion: var, serie: serie_otra}\n")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "'var' dice 20.0%, pero la serie 'serie_otra' pasa de 150 en 2023 a 181 en 2024: " \
           "20.7%" in err


def test_a_known_exception_passes_and_the_ledger_keeps_its_reason(tmp_path):
    brief = two_files(tmp_path, "comprobaciones:\n  - {igual: [total, total_otra], excepcion: "
                                "\"INEI corrige 2024 en abril\"}\n")
    out = tmp_path / "o"
    assert main(["build", str(brief), "--out", str(out), "--formats", "pdf"]) == 0
    with (out / "mini-2024.cifras.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = [r for r in csv.DictReader(stream) if r["elemento"] == "comprobación exceptuada"]
    assert len(rows) == 1
    assert rows[0]["origen"] == "excepción: INEI corrige 2024 en abril"
    assert "deberían ser la misma cifra" in rows[0]["texto_impreso"]


def test_checks_are_validated_with_the_brief(tmp_path, capsys):
    brief = two_files(tmp_path, "comprobaciones:\n  - {suma: regiones, igual_a: totl}\n"
                                "  - {parecido: [a, b]}\n")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "no existe el indicador 'totl'" in err and "¿quiso decir 'total'?" in err
    assert "cada comprobación es {suma" in err
