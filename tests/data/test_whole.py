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
from sectorial.lang.numbers import NumberStyle

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


def test_spanish_thousands_in_a_point_decimal_file_are_refused_in_the_vraem(
        vraem_copy, tmp_path, capsys):
    """581.369 for 581 369 reads as a valid decimal: "188.0% del PBI Nacional"."""
    pbi = tmp_path / "data" / "vraem" / "pbi.csv"
    pbi.write_text(pbi.read_text(encoding="utf-8").replace("581369.0", "581.369"),
                   encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(vraem_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "pbi.csv" in err and "fila 13" in err and "pbi_millones_soles_2007" in err
    assert "'581.369'" in err and "581,369" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("cell", ["1.234", "12.500"])
def test_three_decimals_are_read_when_the_series_has_them(tmp_path, cell):
    path = tmp_path / "tasas.csv"
    path.write_text(f"anio,region,tasa\n2021,Cusco,1.105\n2022,Cusco,2.250\n2023,Cusco,1.875\n"
                    f"2024,Cusco,{cell}\n", encoding="utf-8")
    columns = {"anio": "periodo", "region": "texto", "tasa": "decimal"}
    table = load_table(SourceSpec("t", path, "BCRP", columns))
    assert list(table.frame["tasa"])[-1] == float(cell)


def test_a_small_value_among_large_ones_of_other_series_still_reads(tmp_path):
    """Madre de Dios next to Lima: another series, another magnitude."""
    path = tmp_path / "x.csv"
    rows = "".join(f"{y},Lima,{40000 + y}.5\n{y},Madre de Dios,0.{y % 1000:03d}\n"
                   for y in range(2020, 2025))
    path.write_text("anio,region,valor\n" + rows, encoding="utf-8")
    columns = {"anio": "periodo", "region": "texto", "valor": "decimal"}
    assert len(load_table(SourceSpec("x", path, "SUNAT", columns)).frame) == 10


def test_a_comma_decimal_file_refuses_a_point_decimal_figure(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('anio;region;valor\n2021;Junín;"2.509,4"\n2022;Junín;"2.600,1"\n'
                    '2023;Junín;"2.713,0"\n2024;Junín;"2,509"\n', encoding="utf-8")
    columns = {"anio": "periodo", "region": "texto", "valor": "decimal"}
    with pytest.raises((DataError, ErrorList)) as caught:
        load_table(SourceSpec("x", path, "SUNAT", columns,
                              numbers=NumberStyle(group=".", decimal=",")))
    assert "fila 5" in str(caught.value) and "'2,509'" in str(caught.value)


@pytest.mark.parametrize(("column", "cell", "says"), [
    ("participacion", "140.5", "100%"), ("valor", "2509000000000000000", "10^15"),
    ("valor", "250900000", "veces la mayor")])
def test_implausible_values_are_refused(tmp_path, column, cell, says):
    path = tmp_path / "x.csv"
    path.write_text(f"anio,region,{column}\n2021,Junín,20.1\n2022,Junín,25.3\n2023,Junín,24.9\n"
                    f"2024,Junín,22.0\n2025,Junín,{cell}\n", encoding="utf-8")
    columns = {"anio": "periodo", "region": "texto", column: "decimal"}
    with pytest.raises((DataError, ErrorList)) as caught:
        load_table(SourceSpec("x", path, "SUNAT", columns))
    assert "fila 6" in str(caught.value) and says in str(caught.value)


def test_a_series_written_with_three_decimals_keeps_its_decimals(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("anio,region,valor\n2021,Cusco,1405.125\n2022,Cusco,1512.250\n"
                    "2023,Cusco,1498.875\n2024,Cusco,1.234\n", encoding="utf-8")
    columns = {"anio": "periodo", "region": "texto", "valor": "decimal"}
    assert list(load_table(SourceSpec("x", path, "SUNAT", columns)).frame["valor"])[-1] == 1.234


def test_a_region_absent_from_the_report_month_is_refused(tmp_path):
    rows = "".join(f"2025-0{m},{r},{10 + m}\n" for m in range(1, 10)
                   for r in ("Cusco", "Junín", "Tumbes") if (m, r) != (9, "Tumbes"))
    path = tmp_path / "x.csv"
    path.write_text("mes,region,valor\n" + rows, encoding="utf-8")
    columns = {"mes": "periodo", "region": "texto", "valor": "entero"}
    with pytest.raises((DataError, ErrorList)) as caught:
        load_table(SourceSpec("x", path, "SUNAT", columns))
    message = str(caught.value)
    assert "en setiembre 2025 faltan filas de region=Tumbes" in message
    assert "columna 'region'" in message and "faltantes: permitir" in message
    table = load_table(SourceSpec("x", path, "SUNAT", columns, gaps=True))  # declared
    assert len(table.frame) == 26


def test_values_that_come_and_go_are_not_a_key(tmp_path):
    """Products exported some months only: no period is "missing" one."""
    rows = "".join(f"2025-0{m},{p},5\n" for m in range(1, 10)
                   for p in ("Café", "Cacao", "Palta")[: 1 + m % 3])
    path = tmp_path / "x.csv"
    path.write_text("mes,producto,valor\n" + rows, encoding="utf-8")
    columns = {"mes": "periodo", "producto": "texto", "valor": "entero"}
    assert len(load_table(SourceSpec("x", path, "SUNAT", columns)).frame) == 18


def test_check_reports_every_problem_of_the_data_as_a_whole_at_once(tmp_path, capsys):
    data = ("anio,region,empresas\n2022,Cusco,90\n2022,Junín,60\n2023,Cusco,100\n"
            "2023,Junin,50\n2024,Cusco,120\n2024,Junín,60\n2024,Total,180\n")
    brief = make_project(tmp_path, data=data)
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "escribe de 2 formas un mismo valor" in err  # Junín / Junin
    assert "es una fila de total" in err and "fila 8" in err


def series_file(tmp_path: Path, column: str, cells: list[str]) -> Path:
    path = tmp_path / "serie.csv"
    path.write_text(f"anio,region,{column}\n" + "".join(
        f"{2020 + i},Cusco,{cell}\n" for i, cell in enumerate(cells)), encoding="utf-8")
    return path


def load_series(tmp_path: Path, column: str, cells: list[str], kind: str = "decimal", **kw):
    path = series_file(tmp_path, column, cells)
    return load_table(SourceSpec("s", path, "SUNAT", {"anio": "periodo", "region": "texto",
                                                      column: kind}, **kw))


@pytest.mark.parametrize(("column", "cells"), [
    ("cuota", ["2500000", "2400000"]), ("participantes", ["350", "360"]),
    ("porcentaje_variacion", ["250.3", "10.1"])])
def test_names_that_only_contain_a_share_word_may_pass_100(tmp_path, column, cells):
    assert len(load_series(tmp_path, column, cells).frame) == 2


@pytest.mark.parametrize(("cells", "says"), [
    (['"581,000"', '"590,000"', '"600,000"', "581.369"],
     "'581.369' se lee como 581.369 ('.' es el decimal del archivo)"),
    (["1.5", "1.6", "1.7", '"1,234"'],
     "'1,234' se lee como 1,234 (',' es el separador de miles del archivo), pero el resto de "
     "su serie está cerca de 1.234: parece escrito con ',' decimal")])
def test_a_figure_misread_either_way_is_named_with_both_readings(tmp_path, cells, says):
    with pytest.raises((DataError, ErrorList)) as caught:
        load_series(tmp_path, "valor", cells)
    assert says in str(caught.value) and "fila 5" in str(caught.value)


def test_a_source_may_declare_its_outliers(tmp_path):
    cells = ["35000.5", "36000.2", "34000.1", "1.250"]  # a fruit out of season
    with pytest.raises((DataError, ErrorList)):
        load_series(tmp_path, "valor", cells)
    assert list(load_series(tmp_path, "valor", cells, outliers=True).frame["valor"])[-1] == 1.25


def monthly(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "m.csv"
    path.write_text("mes,producto,valor\n" + "".join(f"{m},{p},5\n" for m, p in rows),
                    encoding="utf-8")
    return path


MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


@pytest.mark.parametrize("rows", [
    [(m, "Café") for m in MONTHS] + [(m, "Mango") for m in MONTHS if m[-2:] not in
                                      ("07", "08", "09")],  # out of season
    [(m, "Café") for m in MONTHS] + [(m, "Quinua") for m in MONTHS[8:]],  # new product
])
def test_values_out_of_season_or_new_are_not_missing(tmp_path, rows):
    columns = {"mes": "periodo", "producto": "texto", "valor": "entero"}
    assert len(load_table(SourceSpec("m", monthly(tmp_path, rows), "SUNAT", columns)).frame)


def test_a_product_missing_from_the_report_month_is_refused_beside_a_one_off(tmp_path):
    rows = [(m, "Cobre") for m in MONTHS[:-1]] + [(m, "Café") for m in MONTHS] + \
        [("2024-05", "Litio")]
    columns = {"mes": "periodo", "producto": "texto", "valor": "entero"}
    with pytest.raises((DataError, ErrorList)) as caught:
        load_table(SourceSpec("m", monthly(tmp_path, rows), "SUNAT", columns))
    assert "en diciembre 2024 faltan filas de producto=Cobre" in str(caught.value)
