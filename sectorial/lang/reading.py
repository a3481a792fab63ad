"""Figures as they arrive in data, read without guessing: "S/ 1,093", "(10.9)", "18,1 %".

The counterpart of ``numbers``, which writes them: a style's marks read back what it
writes, and anything ambiguous is refused with the reason.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from sectorial.lang.numbers import PRODUCE, PROMPERU, NumberStyle  # noqa: F401 - PROMPERU: doctests

# Spaces that data files use as thousands separators: normal, no-break, narrow, thin.
_SPACES = " \u00a0\u202f\u2009"
_MINUS_SIGNS = "-\u2212"
_DIGITS = "0123456789"
_PARSE_CURRENCIES = ("US$", "S/.", "S/")


class NumberParseError(ValueError):
    """A text that cannot be read as a number without guessing."""


class _Reader:
    """Strip the wrappers of a figure (parentheses, sign, currency, percent) one by one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.rest = text.strip(_SPACES)
        self.negative = False
        self.signed = False

    def fail(self, reason: str) -> NumberParseError:
        return NumberParseError(f"no se puede leer la cifra '{self.text}': {reason}")

    def take_parentheses(self) -> None:
        if self.rest.startswith("(") and self.rest.endswith(")"):
            self.rest = self.rest[1:-1].strip(_SPACES)
            self.negative = self.signed = True

    def take_sign(self) -> None:
        first = self.rest[:1]
        if first and first in "+" + _MINUS_SIGNS:
            if self.signed:
                raise self.fail("tiene más de un signo")
            self.signed = True
            self.negative = first in _MINUS_SIGNS
            self.rest = self.rest[1:].lstrip(_SPACES)

    def take_currency(self) -> bool:
        for symbol in _PARSE_CURRENCIES:
            if self.rest.startswith(symbol):
                self.rest = self.rest[len(symbol):].lstrip(_SPACES)
                return True
        return False

    def take_percent(self) -> bool:
        if self.rest.endswith("%"):
            self.rest = self.rest[:-1].rstrip(_SPACES)
            return True
        return False


def _body_pattern(style: NumberStyle) -> re.Pattern[str]:
    """Digits grouped by threes with one consistent separator, then an optional fraction."""
    groups = re.escape(style.group + _SPACES)
    decimal = re.escape(style.decimal)
    return re.compile(
        rf"(?a)(?:\d{{1,3}}(?P<sep>[{groups}])\d{{3}}(?:(?P=sep)\d{{3}})*|\d+)?(?:{decimal}\d+)?"
    )


def _read_body(reader: _Reader, style: NumberStyle) -> Decimal:
    body = reader.rest
    if not any(char in _DIGITS for char in body):
        raise reader.fail("no contiene cifras")
    if any(char.isalpha() for char in body):
        raise reader.fail("contiene letras")
    marks = style.group + style.decimal + _SPACES
    stray = [char for char in body if char not in _DIGITS + marks]
    if stray:
        raise reader.fail(f"contiene el signo '{stray[0]}'")
    if not _body_pattern(style).fullmatch(body):
        raise reader.fail(
            f"los separadores no siguen el estilo (miles '{style.group}', "
            f"decimales '{style.decimal}')"
        )
    digits = "".join(c for c in body if c not in style.group + _SPACES)
    try:
        return Decimal(digits.replace(style.decimal, "."))
    except InvalidOperation as exc:  # the pattern should already exclude this
        raise reader.fail("no es un número") from exc


def parse_number(text: str, *, style: NumberStyle = PRODUCE) -> Decimal:
    """Read a figure as it arrives in data, refusing anything ambiguous.

    Currency symbols (S/, US$), a trailing percent sign, spaces of any kind as thousands
    separators and accounting parentheses for negatives are accepted.

    >>> parse_number("S/ 1,093"), parse_number("(10.9)"), parse_number("18,1 %", style=PROMPERU)
    (Decimal('1093'), Decimal('-10.9'), Decimal('18.1'))
    """
    reader = _Reader(text)
    if not reader.rest:
        raise reader.fail("el texto está vacío")
    reader.take_parentheses()
    reader.take_sign()
    has_currency = reader.take_currency()
    if has_currency:
        reader.take_sign()
    if reader.take_percent() and has_currency:
        raise reader.fail("tiene a la vez moneda y signo de porcentaje")
    number = _read_body(reader, style)
    if number == 0:
        return number.copy_abs()
    return -number if reader.negative else number

