"""Diagnoses that point at the real cause: a note under the table, data on another sheet,
formulas without results, Excel error values, years kept as dates, a cell that is a
document, a state folder that cannot be written. Each names the file, row and column, and
writes nothing."""

from __future__ import annotations

import datetime
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest

from mini import DATA, make_project
from sectorial.cli import main

ROWS = [[int(x) if x.isdigit() else x for x in line.split(",")]
        for line in DATA.strip().splitlines()]


def build(brief: Path, capsys) -> str:
    out = brief.parent.parent / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 1
    assert not out.exists() or not any(out.glob("*.pdf"))
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error interno" not in err
    return err


def excel_project(tmp_path: Path, fill) -> Path:
    """The mini project with its data in a workbook that ``fill`` writes."""
    brief = make_project(tmp_path)
    book = openpyxl.Workbook()
    fill(book)
    book.save(tmp_path / "data" / "empresas.xlsx")
    brief.write_text(brief.read_text("utf-8").replace("empresas.csv", "empresas.xlsx"),
                     "utf-8")
    return brief


def rows_into(sheet, change=lambda number, row: row) -> None:
    for number, row in enumerate(ROWS):
        sheet.append(change(number, list(row)))


@pytest.mark.parametrize("notes", ["Fuente: INEI, Encuesta Económica Anual\n",
                                   "\nFuente: INEI\nElaboración: PRODUCE\n",
                                   "1/ Cifras preliminares\n"])
def test_a_note_under_the_table_is_called_a_note(tmp_path, capsys, notes):
    err = build(make_project(tmp_path, data=DATA + notes), capsys)
    assert "empresas.csv, fila" in err and "parece una nota al pie" in err
    assert "comas de miles" not in err


def test_data_on_another_sheet_names_the_sheet(tmp_path, capsys):
    def fill(book):
        book.active.title = "Notas"
        book.active["A1"] = "Notas del cuadro"
        rows_into(book.create_sheet("Datos"))
    err = build(excel_project(tmp_path, fill), capsys)
    assert "hoja 'Notas'" in err and "están en la hoja 'Datos'" in err
    assert 'hoja: "Datos"' in err and "Notas, Datos" in err


def test_a_formula_without_its_result_says_so(tmp_path, capsys):
    def fill(book):
        rows_into(book.active)
        book.active["C7"] = "=C5+C3"  # openpyxl keeps no result: never saved by Excel
    err = build(excel_project(tmp_path, fill), capsys)
    assert "empresas.xlsx, fila 7, columna 'empresas'" in err
    assert "la fórmula '=C5+C3'" in err and "no guarda su resultado" in err


def test_an_excel_error_value_is_named_not_read_as_nan(tmp_path, capsys):
    def fill(book):
        rows_into(book.active)
        book.active["C7"] = "#DIV/0!"  # an error cell, as Excel saves a failed formula
    err = build(excel_project(tmp_path, fill), capsys)
    assert "fila 7, columna 'empresas'" in err and "error de Excel '#DIV/0!'" in err
    assert "nan" not in err


def test_an_excel_error_in_a_csv_is_named(tmp_path, capsys):
    err = build(make_project(tmp_path, data=DATA.replace("2024,Junín,60",
                                                         "2024,Junín,#N/A")), capsys)
    assert "fila 7, columna 'empresas'" in err and "error de Excel '#N/A'" in err


def test_years_kept_as_first_of_january_dates_are_refused(tmp_path, capsys):
    def fill(book):
        rows_into(book.active, lambda n, row: [datetime.datetime(row[0], 1, 1), *row[1:]]
                  if n else row)
    err = build(excel_project(tmp_path, fill), capsys)
    assert "columna 'anio'" in err and "Excel guardó los años como fechas" in err


def test_a_year_typed_into_a_date_cell_is_named(tmp_path, capsys):
    def fill(book):
        rows_into(book.active)
        for cell in book.active["A"][1:]:
            cell.number_format = "dd/mm/yyyy"  # 2022 shows as 14/07/1905
    err = build(excel_project(tmp_path, fill), capsys)
    assert "fila 2, columna 'anio'" in err and "el año 2022 está guardado como fecha" in err


def test_a_cell_holding_a_document_is_blamed_on_the_cell(tmp_path, capsys):
    err = build(make_project(tmp_path, data=DATA.replace("2024,Junín,60",
                                                         "2024," + "J" * 100_000 + ",60")),
                capsys)
    assert "empresas.csv, fila 7, columna 'region'" in err and "100,000 caracteres" in err
    assert "mini.yaml" not in err


def test_a_state_folder_that_cannot_be_written_replaces_nothing(tmp_path, capsys):
    brief = make_project(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("mini*")}
    shutil.rmtree(out / ".sectorial")
    (out / ".sectorial").write_text("no es una carpeta", "utf-8")  # as root, chmod cannot
    data = tmp_path / "data" / "empresas.csv"
    data.write_text(data.read_text("utf-8").replace("2024,Junín,60", "2024,Junín,61"), "utf-8")
    capsys.readouterr()
    assert main(["build", str(brief), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert ".sectorial" in err and "no se reemplazó ningún archivo" in err
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in out.glob("mini*")}


def test_a_january_only_column_of_months_reads_as_months(tmp_path):
    from sectorial.data.loader import SourceSpec, load_table

    path = tmp_path / "enero.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["mes", "region", "valor"])
    for year in (2024, 2025):
        book.active.append([datetime.datetime(year, 1, 1), "Junín", 5])
    book.save(path)
    columns = {"mes": "periodo", "region": "texto", "valor": "entero"}
    assert [str(p) for p in load_table(SourceSpec("e", path, "SUNAT", columns)).frame["mes"]] \
        == ["2024-01", "2025-01"]
