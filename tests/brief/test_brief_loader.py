"""The brief loader: every problem named with its line and key, all at once."""

from __future__ import annotations

import pytest

from mini import BRIEF, make_project
from sectorial.brief.loader import load_brief
from sectorial.errors import BriefError, ErrorList, SectorialError
from sectorial.periods import Period


def load_text(tmp_path, text):
    return load_brief(make_project(tmp_path, brief=text))


def messages(exc: BaseException) -> list[str]:
    errors = exc.errors if isinstance(exc, ErrorList) else [exc]
    return [str(e) for e in errors]


def test_loads_the_mini_brief(tmp_path):
    brief = load_text(tmp_path, BRIEF)
    assert brief.period == Period(2024) and brief.edition == (2025, 9)
    assert set(brief.indicators) == {"serie", "total", "var", "regiones"}
    assert [p.kind for p in brief.pages] == ["indicadores", "tema"]
    assert brief.pages[1].charts[1].kind == "dona"


def test_period_argument_overrides_the_file(tmp_path):
    assert load_brief(make_project(tmp_path), period=Period(2023)).period == Period(2023)


def test_unknown_field_suggests_the_closest_name(tmp_path):
    with pytest.raises(SectorialError) as caught:
        load_text(tmp_path, BRIEF.replace("titulo: \"Mini", "titul: \"Mini"))
    text = "\n".join(messages(caught.value))
    assert "campo desconocido 'titul'" in text and "¿quiso decir 'titulo'?" in text
    assert "mini.yaml, línea 5" in text


def test_missing_required_field_is_named(tmp_path):
    with pytest.raises(BriefError, match="falta el campo obligatorio 'serie'"):
        load_text(tmp_path, BRIEF.replace("serie: Análisis Sectorial\n", ""))


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    with pytest.raises(SectorialError) as caught:
        load_text(tmp_path, BRIEF.replace("periodo: 2024", "periodo: [2024"))
    assert "error de sintaxis YAML" in str(caught.value)
    assert "línea" in str(caught.value) and "columna" in str(caught.value)


def test_unknown_chart_kind_lists_the_valid_ones(tmp_path):
    with pytest.raises(SectorialError) as caught:
        load_text(tmp_path, BRIEF.replace("tipo: dona", "tipo: torta"))
    assert "valor no válido 'torta'" in str(caught.value)


def test_reference_to_a_missing_indicator_is_named(tmp_path):
    with pytest.raises(BriefError, match="no existe el indicador 'seri'"):
        load_text(tmp_path, BRIEF.replace("de: serie", "de: seri"))


def test_every_problem_is_reported_at_once(tmp_path):
    broken = (BRIEF.replace("titulo: \"Mini", "titul: \"Mini")
              .replace("de: serie", "de: nada")
              .replace("por: region", "por: regio"))
    with pytest.raises(ErrorList) as caught:
        load_text(tmp_path, broken)
    text = "\n".join(messages(caught.value))
    assert "titul" in text and "'nada'" in text and "'regio'" in text


def test_a_whole_number_written_as_a_decimal_is_a_spanish_error(tmp_path):
    with pytest.raises(BriefError, match="debe ser un número entero, no '2.0'"):
        load_text(tmp_path, BRIEF.replace("  regiones: {tipo: participaciones,",
                                          "  regiones: {decimales: 2.0, tipo: participaciones,"))


def test_a_page_written_as_text_is_said_once(tmp_path):
    broken = BRIEF.replace("paginas:\n", "paginas:\n  - hola\n")
    with pytest.raises(SectorialError) as caught:
        load_text(tmp_path, broken)
    found = [m for m in messages(caught.value) if "paginas[1]" in m]
    assert len(found) == 1 and "cada página debe ser un diccionario de campos" in found[0]


def test_attachments_are_read_in_any_case(tmp_path):
    brief = load_text(tmp_path, BRIEF.replace(
        "datos:\n", "envio:\n  destinatarios: ../data/lista.csv\n  adjuntos: [DOCX, Pdf]\n"
        "datos:\n", 1))
    assert brief.mailing.attachments == ("docx", "pdf")


def test_a_broken_fan_out_source_does_not_blame_the_filters(tmp_path):
    from mini import REGIONAL_BRIEF

    broken = REGIONAL_BRIEF.replace("columnas: {mes: periodo, region: texto, valor: entero}",
                                    "columnas: {mes: periodo, region: texto, valor: enteros}")
    with pytest.raises(SectorialError) as caught:
        load_text(tmp_path, broken)
    assert messages(caught.value) == [m for m in messages(caught.value)
                                      if "tipo de columna desconocido 'enteros'" in m]
