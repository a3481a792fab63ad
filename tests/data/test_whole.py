"""The data as a whole: one name written two ways, total rows left in, mixed encodings.
Each would publish a wrong figure with no error; each stops with the file, row and column."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from mini import BRIEF, make_project
from sectorial.cli import main
from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import DataError, ErrorList

COLUMNS = {"anio": "periodo", "region": "texto", "empresas": "entero"}


def load(tmp_path: Path, text: str | bytes, **kw):
    path = tmp_path / "datos.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_table(SourceSpec("d", path, "SUNAT", COLUMNS, **kw))


def refused(tmp_path: Path, text: str | bytes, **kw) -> str:
    with pytest.raises((DataError, ErrorList)) as caught:
        load(tmp_path, text, **kw)
    return str(caught.value)


@pytest.mark.parametrize(("one", "other"), [("Junín", "Junin"), ("Áncash", "ANCASH"),
                                             ("Madre de Dios", "madre de  dios")])
def test_one_name_written_two_ways_is_refused_with_both_rows(tmp_path, one, other):
    message = refused(tmp_path, f"anio,region,empresas\n2024,{one},5\n2024,Cusco,3\n"
                                f"2023,{other},4\n")
    assert f"'{one}' (fila 2)" in message and f"'{other}' (fila 4)" in message
    assert "columna 'region'" in message


@pytest.mark.parametrize("word", ["Total", "TOTAL", "Total general", "total nacional"])
def test_a_total_row_left_in_the_sheet_is_refused(tmp_path, word):
    message = refused(tmp_path, f"anio,region,empresas\n2024,Cusco,3\n2024,Junín,2\n"
                                f"2024,{word},5\n")
    assert "fila 4" in message and "fila de total" in message
    assert "filas_total" in message  # how to declare it instead


def test_declared_total_rows_are_checked_and_left_out(tmp_path):
    text = ("anio,region,empresas\n2023,Cusco,3\n2023,Junín,2\n2023,Total,5\n"
            "2024,Cusco,4\n2024,Junín,2\n2024,Total,6\n")
    table = load(tmp_path, text, totals={"region": "Total"})
    assert sorted(table.texts("region")) == ["Cusco", "Junín"]
    assert sum(table.frame["empresas"]) == 11


def test_a_declared_total_that_does_not_add_up_is_refused(tmp_path):
    text = "anio,region,empresas\n2024,Cusco,4\n2024,Junín,2\n2024,Total,7\n"
    message = refused(tmp_path, text, totals={"region": "Total"})
    assert "fila 4" in message and "dice 7" in message and "dan 6" in message


def test_a_stray_windows_byte_in_a_utf8_file_names_its_row(tmp_path):
    text = "anio,region,empresas\n2024,Apurímac,5\n".encode() + \
        "2024,Junín,3\n".encode("cp1252")
    message = refused(tmp_path, text)
    assert "UTF-8" in message and "fila 3" in message


def test_a_windows_1252_file_still_reads(tmp_path):
    table = load(tmp_path, "anio,region,empresas\n2024,Apurímac,5\n".encode("cp1252"))
    assert table.texts("region") == ("Apurímac",)


def test_utf16_from_excel_reads(tmp_path):
    text = codecs.BOM_UTF16_LE + "anio\tregion\tempresas\n2024\tJunín\t5\n".encode("utf-16-le")
    assert load(tmp_path, text).texts("region") == ("Junín",)


def test_two_regions_that_would_write_one_file_are_refused(tmp_path, capsys):
    regional = BRIEF.replace('nombre: "mini-{{ periodo }}"', 'nombre: "mini-{{ region }}"') + \
        "por_cada: {datos: empresas, columna: region}\n"
    data = "anio,region,empresas\n2024,Madre de Dios,5\n2024,Madre-de-Dios,3\n2023,Cusco,1\n"
    brief = make_project(tmp_path, brief=regional, data=data)
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "'Madre de Dios' y 'Madre-de-Dios'" in err  # in a fixed order
    assert not any(out.glob("*.pdf"))


@pytest.mark.parametrize("cell", ["-81504", "(81504)"])
def test_a_negative_count_is_refused_even_when_declared_entero(tmp_path, cell):
    path = tmp_path / "empleo.csv"
    path.write_text(f'anio,departamento,trabajadores\n2024,Cusco,"{cell}"\n', encoding="utf-8")
    columns = {"anio": "periodo", "departamento": "texto", "trabajadores": "entero"}
    with pytest.raises((DataError, ErrorList)) as caught:
        load_table(SourceSpec("e", path, "INEI", columns))
    assert "negativo" in str(caught.value) and "fila 2" in str(caught.value)


def test_a_negative_in_a_column_that_does_not_count_still_reads(tmp_path):
    path = tmp_path / "saldo.csv"
    path.write_text("anio,region,saldo\n2024,Cusco,-15\n", encoding="utf-8")
    columns = {"anio": "periodo", "region": "texto", "saldo": "entero"}
    assert list(load_table(SourceSpec("s", path, "BCRP", columns)).frame["saldo"]) == [-15]
