"""CSV separators: Excel in a Peruvian locale writes ';', some exports tabs; the header row
says which, a 'separador' key forces one, and a wrong one is named in the error."""

from __future__ import annotations

from pathlib import Path

import pytest

from sectorial.data.loader import SourceSpec, load_table
from sectorial.errors import DataError, ErrorList
from sectorial.lang.numbers import NumberStyle

COLUMNS = {"anio": "periodo", "region": "texto", "empresas": "decimal"}


def load(tmp_path: Path, text: str, **kw) -> object:
    path = tmp_path / "datos.csv"
    path.write_text(text, encoding="utf-8")
    return load_table(SourceSpec("d", path, "SUNAT", COLUMNS, **kw))


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_the_separator_is_read_from_the_header_row(tmp_path, separator):
    text = separator.join(["anio", "region", "empresas"]) + "\n" + \
        separator.join(["2024", '"Lima, Callao"' if separator != "," else '"Lima; Callao"',
                        "465"]) + "\n"
    frame = load(tmp_path, text).frame
    assert list(frame["empresas"]) == [465.0] and frame.iloc[0]["anio"].year == 2024


def test_semicolons_with_decimal_commas_when_the_marks_are_declared(tmp_path):
    table = load(tmp_path, "anio;region;empresas\n2024;Junín;1.234,5\n",
                 numbers=NumberStyle(group=".", decimal=","))
    assert table.frame.iloc[0]["empresas"] == 1234.5


def test_a_decimal_comma_without_declared_marks_says_how_to_declare_them(tmp_path):
    with pytest.raises((DataError, ErrorList)) as caught:
        load(tmp_path, "anio;region;empresas\n2024;Junín;90,5\n")
    assert 'numeros: {miles: ".", decimal: ","}' in str(caught.value)
    assert "fila 2" in str(caught.value)


def test_a_wrong_declared_separator_is_named_instead_of_the_header_row(tmp_path):
    with pytest.raises((DataError, ErrorList)) as caught:
        load(tmp_path, "anio;region;empresas\n2024;Junín;5\n", separator=",")
    message = str(caught.value)
    assert "punto y coma" in message and "separador" in message
    assert "fila_encabezado" not in message
