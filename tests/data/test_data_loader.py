"""The data loader: typed columns, Peruvian number marks, errors that name the cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import DataError, ErrorList
from sectorial.periods import Period

COLUMNS = {"anio": "periodo", "region": "texto", "empresas": "entero"}


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "datos.csv"
    path.write_bytes(text.encode(encoding))
    return path


def load(path: Path, columns=COLUMNS, sheet=None):
    return load_table(SourceSpec("d", path, "SUNAT", columns, sheet=sheet))


def test_reads_typed_columns_and_file_rows(tmp_path):
    table = load(write(tmp_path, "anio,region,empresas,extra\n2024,Apurímac,465,x\n"))
    row = table.frame.iloc[0]
    expected = (Period(2024), "Apurímac", 465, 2)
    assert (row["anio"], row["region"], row["empresas"], row["_row"]) == expected
    assert "extra" not in table.frame.columns


def test_peruvian_thousands_in_quoted_cells(tmp_path):
    table = load(write(tmp_path, 'anio,region,empresas\n2024,Ayacucho,"17,224"\n'))
    assert table.frame.iloc[0]["empresas"] == 17224


def test_windows_1252_keeps_accents(tmp_path):
    table = load(write(tmp_path, "anio,region,empresas\n2024,Apurímac,1\n", "cp1252"))
    assert table.frame.iloc[0]["region"] == "Apurímac"


def test_utf8_bom_is_ignored(tmp_path):
    table = load(write(tmp_path, "\ufeffanio,region,empresas\n2024,Junín,1\n"))
    assert list(table.frame["anio"]) == [Period(2024)]


def test_text_na_stays_text(tmp_path):
    table = load(write(tmp_path, "anio,region,empresas\n2024,NA,1\n"))
    assert table.frame.iloc[0]["region"] == "NA"


def test_placeholder_in_a_number_column_names_the_cell(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,n.d.\n")
    with pytest.raises(DataError) as caught:
        load(path)
    message = str(caught.value)
    assert "datos.csv" in message and "fila 2" in message and "columna 'empresas'" in message
    assert "n.d." in message


def test_missing_column_suggests_the_closest(tmp_path):
    path = write(tmp_path, "anio,region,empresa\n2024,Cusco,1\n")
    with pytest.raises(DataError, match="¿quiso decir 'empresa'"):
        load(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="no existe el archivo de datos"):
        load(tmp_path / "nada.csv")


def test_every_bad_cell_is_reported(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,-\n2023,Cusco,x1\n")
    with pytest.raises(ErrorList) as caught:
        load(path)
    assert {e.where.row for e in caught.value.errors} == {2, 3}


def test_reads_excel_sheets(tmp_path):
    path = tmp_path / "datos.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "Empresas"
    sheet.append(["anio", "region", "empresas"])
    sheet.append([2024, "Huancavelica", 2293])
    book.save(path)
    table = load(path, sheet="Empresas")
    assert table.frame.iloc[0]["empresas"] == 2293
    with pytest.raises(DataError, match="no existe la hoja 'Otra'"):
        load(path, sheet="Otra")


def test_rows_repeating_the_key_are_refused_naming_both(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,1\n2023,Cusco,2\n2024,Cusco,3\n")
    spec = SourceSpec("d", path, "SUNAT", COLUMNS, unique=("anio", "region"))
    with pytest.raises(DataError, match="las filas 2, 4 repiten anio=2024, region=Cusco"):
        load_table(spec)


def test_unquoted_thousands_that_shift_columns_are_refused(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2023,Cusco,5\n2024,Cusco,17,224\n")
    with pytest.raises(DataError) as caught:
        load(path)
    message = str(caught.value)
    assert "fila 3" in message and "4 celdas" in message and "entre comillas" in message


def test_a_footnote_row_is_refused_not_read_as_a_year(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,1\nFuente: INEI,,\n")
    with pytest.raises(ErrorList) as caught:
        load(path)
    text = str(caught.value)
    assert "periodo no válido 'Fuente: INEI'" in text and "fila 3" in text


def test_preliminary_marks_are_refused_with_the_cell(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2023P,Cusco,1\n")
    with pytest.raises(DataError, match="periodo no válido '2023P'"):
        load(path)


def test_accounting_negatives_and_nbsp_groups_are_read(tmp_path):
    columns = {"anio": "periodo", "region": "texto", "valor": "decimal"}
    path = write(tmp_path, 'anio,region,valor\n2024,Cusco,(10.9)\n2023,Cusco,"1\u00a0093.5"\n')
    assert list(load(path, columns).frame["valor"]) == [-10.9, 1093.5]


def test_ubigeo_keeps_its_leading_zero(tmp_path):
    columns = {"anio": "periodo", "ubigeo": "texto"}
    path = write(tmp_path, "anio,ubigeo\n2024,030101\n")
    assert load(path, columns).frame.iloc[0]["ubigeo"] == "030101"


def test_control_characters_from_excel_are_removed_from_text(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cus\x0bco\x07,1\n")
    assert load(path).frame.iloc[0]["region"] == "Cusco"


def test_a_file_that_is_not_a_table_is_refused(tmp_path):
    path = tmp_path / "datos.xlsx"
    path.write_bytes(b"%PDF-1.4 esto no es una hoja de calculo")
    with pytest.raises(DataError) as caught:
        load(path)
    assert "datos.xlsx" in str(caught.value) and "no es un archivo Excel" in str(caught.value)


def test_title_rows_above_the_header_are_skipped_when_declared(tmp_path):
    path = write(tmp_path, "Empresas formales por región\nFuente: SUNAT\n"
                           "anio,region,empresas\n2024,Cusco,4765\n")
    table = load_table(SourceSpec("d", path, "SUNAT", COLUMNS, header_row=3))
    assert table.frame.iloc[0]["empresas"] == 4765
    assert table.frame.iloc[0]["_row"] == 4


def test_an_undeclared_title_row_is_named_as_such(tmp_path):
    path = write(tmp_path, "Empresas formales por región\nanio,region,empresas\n2024,Cusco,1\n")
    with pytest.raises(DataError) as caught:
        load(path)
    assert "no parece el encabezado" in str(caught.value)
    assert "fila_encabezado" in str(caught.value)


def test_title_rows_above_an_excel_table(tmp_path):
    path = tmp_path / "datos.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["Cuadro 1: Empresas formales"])
    sheet.append([])
    sheet.append(["anio", "region", "empresas"])
    sheet.append([2024, "Junín", 3835])
    book.save(path)
    table = load_table(SourceSpec("d", path, "SUNAT", COLUMNS, header_row=3))
    assert table.frame.iloc[0]["region"] == "Junín" and table.frame.iloc[0]["_row"] == 4


@pytest.mark.parametrize("placeholder", ["-", "s.i.", "…", "n.d", ""])
def test_every_placeholder_is_refused_in_numbers(tmp_path, placeholder):
    path = write(tmp_path, f"anio,region,empresas\n2024,Cusco,{placeholder}\n")
    with pytest.raises(DataError, match="columna 'empresas'"):
        load(path)


def test_decimal_commas_follow_the_declared_number_style(tmp_path):
    from sectorial.lang.numbers import NumberStyle

    columns = {"anio": "periodo", "valor": "decimal"}
    path = write(tmp_path, 'anio,valor\n2024,"1.093,5"\n')
    spec = SourceSpec("d", path, "SBS", columns, numbers=NumberStyle(group=".", decimal=","))
    assert load_table(spec).frame.iloc[0]["valor"] == 1093.5
    with pytest.raises(DataError):  # the same text under Peruvian marks is ambiguous
        load(path, columns)


def test_formula_cells_without_cached_values_are_refused_not_zero(tmp_path):
    path = tmp_path / "datos.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["anio", "region", "empresas"])
    sheet.append([2024, "Cusco", "=1+1"])  # openpyxl stores no cached result
    book.save(path)
    with pytest.raises(DataError, match=r"la fórmula '=1\+1' pero el archivo no guarda"):
        load(path)


MONTHLY = {"mes": "periodo", "region": "texto", "valor": "conteo"}


def test_months_as_spreadsheets_write_them(tmp_path):
    path = write(tmp_path, "mes,region,valor\nSet-2025,Junín,3\nsetiembre 2025,Lima,4\n"
                           "2025-08,Junín,5\n09/2025,Ica,6\n")
    periods = list(load(path, MONTHLY).frame["mes"])
    assert periods == [Period(2025, 9), Period(2025, 9), Period(2025, 8), Period(2025, 9)]


def test_an_ambiguous_date_is_refused_with_its_cell(tmp_path):
    path = write(tmp_path, "mes,region,valor\n2025-09,Junín,3\n01/02/2023,Lima,4\n")
    with pytest.raises(DataError) as caught:
        load(path, MONTHLY)
    message = str(caught.value)
    assert "fila 3" in message and "columna 'mes'" in message
    assert "fecha ambigua '01/02/2023'" in message and "AAAA-MM" in message


def test_excel_date_cells_are_months(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["mes", "region", "valor"])
    sheet.append([dt.datetime(2025, 9, 1), "Junín", 3])
    sheet.append([dt.datetime(2025, 10, 1), "Junín", 4])
    path = tmp_path / "meses.xlsx"
    book.save(path)
    assert list(load(path, MONTHLY).frame["mes"]) == [Period(2025, 9), Period(2025, 10)]


def test_a_column_mixing_years_and_months_is_refused(tmp_path):
    path = write(tmp_path, "mes,region,valor\n2025-09,Junín,3\n2025-10,Junín,3\n2025,Lima,4\n")
    with pytest.raises(DataError, match=r"fila 4.*mezcla años y meses: '2025'"):
        load(path, MONTHLY)


def test_a_negative_count_is_refused(tmp_path):
    path = write(tmp_path, "mes,region,valor\n2025-09,Junín,-3\n")
    with pytest.raises(DataError, match=r"fila 2.*valor negativo '-3' en una columna de conteo"):
        load(path, MONTHLY)
    columns = {**MONTHLY, "valor": "entero"}  # a balance may be negative
    assert list(load(path, columns).frame["valor"]) == [-3]


def test_a_very_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "enorme.csv"
    with path.open("wb") as stream:  # a sparse 100 MB file: written in no time
        stream.write(b"anio,region,empresas\n2024,Cusco,1\n")
        stream.truncate(100_000_000)
    with pytest.raises(DataError) as caught:
        load(path)
    message = str(caught.value)
    assert "enorme.csv" in message and "el archivo pesa 100 MB; el máximo es 50 MB" in message
    assert "filtre o agregue" in message


def sparse(path: Path, size: int, head: bytes = b"anio,region,empresas\n2024,Cusco,1\n") -> Path:
    with path.open("wb") as stream:  # a sparse file: any size, written in no time
        stream.write(head)
        stream.truncate(size)
    return path


def test_a_file_just_over_the_limit_is_refused_with_its_size_rounded_up(tmp_path):
    from sectorial.data.loader import MAX_FILE_BYTES

    path = sparse(tmp_path / "datos.csv", MAX_FILE_BYTES + 1)
    with pytest.raises(DataError) as caught:
        load(path)
    message = str(caught.value)
    assert "datos.csv: el archivo pesa 51 MB; el máximo es 50 MB" in message
    assert "divídalo en varios archivos" in message


def test_an_excel_file_over_the_limit_is_refused_before_it_is_opened(tmp_path):
    path = sparse(tmp_path / "datos.xlsx", 60_000_000, b"PK")
    with pytest.raises(DataError) as caught:
        load(path, sheet="Empresas")
    message = str(caught.value)
    assert "datos.xlsx, hoja 'Empresas': el archivo pesa 60 MB; el máximo es 50 MB" in message
    assert "no es un archivo Excel" not in message  # refused by its size, unread


def test_a_file_of_exactly_the_limit_is_read(tmp_path, monkeypatch):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,1\n")
    monkeypatch.setattr("sectorial.data.loader.MAX_FILE_BYTES", path.stat().st_size)
    assert load(path).frame.iloc[0]["empresas"] == 1


def test_a_blank_line_does_not_shift_the_row_numbers(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,1\n\n2023,Cusco,x\n")
    with pytest.raises(DataError, match=r"datos.csv, fila 4, columna 'empresas'"):
        load(path)


def test_a_quoted_cell_over_two_lines_does_not_shift_the_row_numbers(tmp_path):
    path = write(tmp_path, 'anio,region,empresas\n2024,"Cusco\nnorte",1\n2023,Cusco,1\n')
    assert list(load(path).frame["_row"]) == [2, 4]


def test_a_declared_column_named_twice_is_refused(tmp_path):
    path = write(tmp_path, "anio ,anio,region,empresas\n2024,2023,Cusco,1\n")
    with pytest.raises(DataError) as caught:
        load(path)
    message = str(caught.value)
    assert "datos.csv, fila 1, columna 'anio': el encabezado tiene 2 columnas llamadas " \
           "'anio'" in message
    assert "cada columna tenga un nombre distinto" in message


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "datos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notas.txt", "no es un libro de Excel")
    with pytest.raises(DataError, match="datos.xlsx: no es un archivo Excel válido"):
        load(path)


def test_a_header_row_past_the_end_of_a_csv_is_named(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,1\n")
    with pytest.raises(DataError) as caught:
        load_table(SourceSpec("d", path, "SUNAT", COLUMNS, header_row=9))
    message = str(caught.value)
    assert "datos.csv: el archivo termina en la fila 2, antes de la fila de encabezado 9" \
        in message
    assert "corrija 'fila_encabezado' en la fuente 'd'" in message


def test_a_header_row_past_the_end_of_a_sheet_is_named(tmp_path):
    path = tmp_path / "datos.xlsx"
    book = Workbook()
    book.active.append(["anio", "region", "empresas"])
    book.active.append([2024, "Cusco", 1])
    book.save(path)
    for rows in (1, 2):
        with pytest.raises(DataError, match="el archivo termina en la fila 2, antes de la "
                                            "fila de encabezado 7"):
            load_table(SourceSpec("d", path, "SUNAT", COLUMNS, header_row=7, header_rows=rows))


def test_an_empty_csv_is_refused(tmp_path):
    with pytest.raises(DataError, match="datos.csv: el archivo no tiene datos"):
        load(write(tmp_path, "\n\n"))


def test_a_binary_file_named_csv_is_refused_with_its_row(tmp_path):
    path = tmp_path / "datos.csv"
    path.write_bytes(b"anio,region,empresas\n2024,\x81\x8d,1\n")
    with pytest.raises(DataError) as caught:
        load(path)
    message = str(caught.value)
    assert "datos.csv, fila 2: el archivo no es texto: el byte 0x81 no es UTF-8 ni " \
           "Windows-1252" in message
    assert "CSV UTF-8" in message
