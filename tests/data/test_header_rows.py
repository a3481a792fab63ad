"""Headers of two or three rows (INEI, BCRP): a merged group title over sub-headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from mini import BRIEF, make_project
from sectorial.brief.loader import load_brief
from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import BriefError, DataError, ErrorList
from sectorial.periods import Period
from sectorial.pipeline import Timings, prepare

# A BCRP-style table: a title row, then a group row over a row of sub-headers.
GROUPED_CSV = (
    "Cuadro 5: Exportaciones e importaciones por región\n"
    "Región,Exportaciones,,,Importaciones,,\n"
    ",2023,2024,Var. %,2023,2024,Var. %\n"
    "Cusco,100,120,20.0,50,60,20.0\n"
    "\n"
    "Junín,10,12,20.0,5,6,20.0\n"
)
GROUPED = {"Región": "texto", "Exportaciones 2024": "decimal", "Importaciones Var. %": "decimal"}


def write(tmp_path: Path, text: str, name: str = "cuadro.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def spec(path: Path, columns: dict[str, str], **options) -> SourceSpec:
    return SourceSpec("comercio", path, "BCRP", columns, **options)


def test_csv_group_cells_carry_right_and_join_the_sub_headers(tmp_path):
    table = load_table(spec(write(tmp_path, GROUPED_CSV), GROUPED, header_row=2, header_rows=2))
    frame = table.frame
    assert list(frame["Región"]) == ["Cusco", "Junín"]
    assert list(frame["Exportaciones 2024"]) == [120.0, 12.0]
    assert list(frame["Importaciones Var. %"]) == [20.0, 20.0]
    assert list(frame["_row"]) == [4, 6]  # the blank line 5 is skipped, rows keep their number


def test_csv_columns_before_any_group_keep_their_lower_name(tmp_path):
    path = write(tmp_path, ",,Empresas,\nanio,region,formales,informales\n2024,Cusco,7,9\n")
    columns = {"anio": "periodo", "region": "texto", "Empresas informales": "entero"}
    frame = load_table(spec(path, columns, header_rows=2)).frame
    assert (frame.iloc[0]["anio"], frame.iloc[0]["region"]) == (Period(2024), "Cusco")
    assert frame.iloc[0]["Empresas informales"] == 9 and frame.iloc[0]["_row"] == 3


def test_a_three_row_header_ends_a_sub_group_where_a_new_group_starts(tmp_path):
    path = write(tmp_path, (
        "anio,Comercio,,Servicios,\n"
        ",Mayorista,,,\n"
        ",Lima,Resto,Lima,Resto\n"
        "2024,1,2,3,4\n"
    ))
    columns = {"anio": "periodo", "Comercio Mayorista Resto": "entero",
               "Servicios Resto": "entero"}
    row = load_table(spec(path, columns, header_rows=3)).frame.iloc[0]
    assert (row["Comercio Mayorista Resto"], row["Servicios Resto"], row["_row"]) == (2, 4, 4)


def grouped_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Cuadro 5"
    sheet.append(["Exportaciones por región (US$ millones)"])
    sheet.append(["Región", "Exportaciones", None, None, "Nota"])
    sheet.append([None, "2023", "2024", "Var. %\n2024/2023", None])
    sheet.append(["Cusco", 100, 120.5, 20.5, "preliminar"])
    sheet.append(["Junín", 10, 12, 20, None])
    sheet.merge_cells("B2:D2")  # the group title spans its three sub-headers
    sheet.merge_cells("A2:A3")  # "Región" spans both header rows
    sheet.merge_cells("E2:E3")
    book.save(path)
    return path


def test_excel_merged_ranges_name_the_columns(tmp_path):
    path = grouped_workbook(tmp_path / "cuadro.xlsx")
    columns = {"Región": "texto", "Exportaciones 2024": "decimal",
               "Exportaciones Var. % 2024/2023": "decimal", "Nota": "texto"}
    frame = load_table(spec(path, columns, sheet="Cuadro 5", header_row=2, header_rows=2)).frame
    assert list(frame["Región"]) == ["Cusco", "Junín"]
    assert list(frame["Exportaciones 2024"]) == [120.5, 12.0]
    assert list(frame["Exportaciones Var. % 2024/2023"]) == [20.5, 20.0]
    assert list(frame["Nota"]) == ["preliminar", ""] and list(frame["_row"]) == [4, 5]


def test_excel_does_not_carry_an_unmerged_empty_cell(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Exportaciones", None, None])  # not merged: "2024" stands alone
    sheet.append(["2023", "2024", "anio"])
    sheet.append([1, 2, 2024])
    path = tmp_path / "suelto.xlsx"
    book.save(path)
    columns = {"Exportaciones 2023": "entero", "2024": "entero", "anio": "periodo"}
    row = load_table(spec(path, columns, header_rows=2)).frame.iloc[0]
    assert (row["Exportaciones 2023"], row["2024"], row["anio"]) == (1, 2, Period(2024))


def test_names_from_two_rows_without_the_option_suggest_it(tmp_path):
    path = write(tmp_path, GROUPED_CSV)
    with pytest.raises(DataError) as caught:
        load_table(spec(path, GROUPED, header_row=2))
    message = str(caught.value)
    assert "cuadro.csv, fila 2:" in message
    assert ("no se encuentran las columnas 'Exportaciones 2024', 'Importaciones Var. %' en la "
            "fila 2, pero sí uniendo las filas 2 a 3: el encabezado ocupa 2 filas") in message
    assert "agregue 'filas_encabezado: 2' en la fuente 'comercio'" in message


def test_names_from_excel_merged_rows_without_the_option_suggest_it(tmp_path):
    path = grouped_workbook(tmp_path / "cuadro.xlsx")
    columns = {"Región": "texto", "Exportaciones 2024": "decimal"}
    with pytest.raises(DataError) as caught:
        load_table(spec(path, columns, sheet="Cuadro 5", header_row=2))
    message = str(caught.value)
    assert "cuadro.xlsx, hoja 'Cuadro 5', fila 2:" in message
    assert "no se encuentra la columna 'Exportaciones 2024' en la fila 2" in message
    assert "'filas_encabezado: 2'" in message


UNITS_CSV = (
    "anio,region,exportaciones,importaciones\n"
    ",,US$ millones,US$ millones\n"
    "2024,Cusco,100,50\n"
)
UNITS = {"anio": "periodo", "region": "texto", "exportaciones": "decimal",
         "importaciones": "decimal"}


def test_a_second_header_row_is_named_once_not_as_bad_numbers(tmp_path):
    path = write(tmp_path, UNITS_CSV)
    with pytest.raises(DataError) as caught:  # one error, not an ErrorList of every cell
        load_table(spec(path, UNITS))
    assert not isinstance(caught.value, ErrorList)
    message = str(caught.value)
    assert ("cuadro.csv, fila 2: la fila 2 parece otra fila del encabezado, no datos "
            "(dice: 'US$ millones', 'US$ millones')") in message
    assert "agregue 'filas_encabezado: 2' en la fuente 'comercio'" in message
    assert "p. ej. 'exportaciones US$ millones'" in message


def test_the_suggested_name_is_the_declared_column_joined_with_the_cell_below(tmp_path):
    path = write(tmp_path, UNITS_CSV)
    with pytest.raises(DataError) as caught:  # "region" is not declared: positions differ
        load_table(spec(path, {"anio": "periodo", "importaciones": "decimal"}))
    assert "(dice: 'US$ millones')" in str(caught.value)
    assert "p. ej. 'importaciones US$ millones'" in str(caught.value)


def test_the_suggested_names_then_read_the_values(tmp_path):
    path = write(tmp_path, UNITS_CSV)
    columns = {"anio": "periodo", "exportaciones US$ millones": "decimal"}
    row = load_table(spec(path, columns, header_rows=2)).frame.iloc[0]
    assert (row["anio"], row["exportaciones US$ millones"], row["_row"]) == (Period(2024), 100, 3)


def test_a_record_with_a_period_and_bad_numbers_is_not_taken_for_a_header(tmp_path):
    path = write(tmp_path, "anio,region,empresas\n2024,Cusco,sin dato\n")
    columns = {"anio": "periodo", "region": "texto", "empresas": "entero"}
    with pytest.raises(DataError) as caught:
        load_table(spec(path, columns))
    message = str(caught.value)
    assert "fila 2, columna 'empresas'" in message and "'sin dato'" in message
    assert "filas_encabezado" not in message


def test_a_third_header_row_is_suggested_after_two(tmp_path):
    path = write(tmp_path, "anio,Exportaciones\n,Minería\n,US$ millones\n2024,5\n")
    with pytest.raises(DataError, match="'filas_encabezado: 3'"):
        load_table(spec(path, {"anio": "periodo", "Exportaciones Minería": "decimal"},
                        header_rows=2))


def brief_with(tmp_path: Path, options: str) -> Path:
    text = BRIEF.replace("    fuente: SUNAT\n", "    fuente: SUNAT\n" + options)
    return make_project(tmp_path, brief=text)


def test_the_brief_option_reaches_the_data_source(tmp_path):
    brief = load_brief(brief_with(tmp_path, "    fila_encabezado: 2\n    filas_encabezado: 2\n"))
    source = brief.sources["empresas"]
    assert (source.header_row, source.header_rows) == (2, 2)


@pytest.mark.parametrize("value", ["0", "4", "-1", "dos", "[2]"])
def test_the_brief_option_is_an_integer_from_1_to_3(tmp_path, value):
    with pytest.raises(BriefError) as caught:
        load_brief(brief_with(tmp_path, f"    filas_encabezado: {value}\n"))
    message = str(caught.value)
    assert "mini.yaml, línea 11, campo 'datos.empresas.filas_encabezado'" in message
    expected = ("debe ser un número entero" if value in ("dos", "[2]")
                else f"debe ser un número de 1 a 3, no '{value}'")
    assert expected in message


def test_a_header_row_below_1_is_refused_in_the_brief(tmp_path):
    with pytest.raises(BriefError) as caught:
        load_brief(brief_with(tmp_path, "    fila_encabezado: -2\n"))
    message = str(caught.value)
    assert "campo 'datos.empresas.fila_encabezado': debe ser un número de fila, 1 o mayor, " \
           "no '-2'" in message


def test_a_brief_builds_from_a_two_row_header(tmp_path):
    data = ("Empresas formales\n,,SUNAT\nanio,region,empresas\n"
            "2023,Cusco,100\n2023,Junín,50\n2024,Cusco,120\n2024,Junín,60\n")
    text = (BRIEF.replace("    fuente: SUNAT\n",
                          "    fuente: SUNAT\n    fila_encabezado: 2\n    filas_encabezado: 2\n")
            .replace("empresas: entero}", "SUNAT empresas: entero}")
            .replace("valor: empresas", "valor: SUNAT empresas"))
    prepared = prepare(make_project(tmp_path, brief=text, data=data), None, Timings())
    assert prepared.indicators["total"].value == 180
