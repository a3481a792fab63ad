"""Periods: reading them as offices write them, and their arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sectorial.lang.phrases import slug
from sectorial.periods import Period, PeriodError, PeriodSpan


@pytest.mark.parametrize(("text", "expected"), [
    ("2024", Period(2024)),
    (2024, Period(2024)),
    ("2024.0", Period(2024)),  # a year cell that Excel stored as a float
    ("2025-09", Period(2025, 9)),
    ("2025/9", Period(2025, 9)),
    ("09/2025", Period(2025, 9)),
    ("Set-2025", Period(2025, 9)),
    ("SET-25", Period(2025, 9)),
    ("Sep-2025", Period(2025, 9)),
    ("set. 2025", Period(2025, 9)),
    ("setiembre 2025", Period(2025, 9)),
    ("Septiembre de 2025", Period(2025, 9)),
    ("Dic-2024", Period(2024, 12)),
    ("Ene 2025", Period(2025, 1)),
    ("2025-09-01 00:00:00", Period(2025, 9)),  # an Excel date cell read as text
    (dt.datetime(2025, 9, 1), Period(2025, 9)),
    ("febrero\u00a02023", Period(2023, 2)),
])
def test_reads_periods_as_offices_write_them(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("01/02/2023", "fecha ambigua '01/02/2023': puede ser 1 de febrero o 2 de enero"),
    ("2023-02-15", "fecha con día"),
    ("2025-13", "mes no válido"),
    ("2023P", "periodo no válido '2023P'"),
    ("Fuente: INEI", "periodo no válido"),
    ("Sem-2025", "mes no reconocido"),
    ("", "periodo no válido"),
])
def test_refuses_what_it_would_have_to_guess(text, message):
    with pytest.raises(PeriodError, match=message):
        Period.parse(text)


def test_month_arithmetic_crosses_the_year_boundary():
    assert Period(2025, 1) - 1 == Period(2024, 12)
    assert Period(2024, 12) + 1 == Period(2025, 1)
    assert Period(2025, 9).year_before() == Period(2024, 9)
    assert Period(2025, 2) - Period(2024, 11) == 3
    assert Period(2024) - 1 == Period(2023)


def test_the_last_thirteen_months_end_with_the_period():
    months = Period(2025, 9).last(13)
    assert [str(p) for p in (months[0], months[3], months[-1])] == ["2024-09", "2024-12", "2025-09"]
    assert len(set(months)) == 13


def test_year_to_date_and_its_base():
    span = Period(2025, 9).acumulado
    assert span.label() == "enero-setiembre 2025"
    assert span.anterior.label() == "enero-setiembre 2024"
    assert Period(2025, 1).acumulado.label() == "enero 2025"
    assert Period(2024).acumulado.label() == "2024"
    assert PeriodSpan(Period(2024, 11).through(Period(2025, 2))).label() == \
        "noviembre 2024-febrero 2025"


def test_names_in_peruvian_spanish():
    september = Period(2025, 9)
    assert (september.nombre, september.nombre_mes, september.corto, september.codigo) == (
        "setiembre 2025", "setiembre", "Set-25", "2025-09")
    assert (Period(2024).nombre, Period(2024).corto, str(Period(2024))) == ("2024", "2024", "2024")


def test_years_and_months_do_not_compare():
    with pytest.raises(PeriodError, match="no se puede comparar un año con un mes"):
        assert Period(2024) < Period(2024, 5)


@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(-200, 200))
def test_moving_and_counting_agree(year, month, steps):
    start = Period(year, month)
    moved = start + steps
    assert moved - start == steps
    assert Period.parse(str(moved)) == moved
    assert Period.parse(moved.label()) == moved


@pytest.mark.parametrize(("name", "expected"), [
    ("Apurímac", "apurimac"), ("La Libertad", "la-libertad"), ("Madre de Dios", "madre-de-dios"),
    ("Áncash", "ancash"), ("Piñas", "pinas"), ("Callao ", "callao"),
])
def test_slugs_of_region_names(name, expected):
    assert slug(name) == expected
