"""The one exception tree of sectorial.

Every error a user can cause is a ``SectorialError``: the CLI prints its Spanish message
(where, what, what to do) and exits with code 1, never with a traceback. Library errors
are converted where they enter (``raise DataError(...) from exc``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file and, when known, a line, a row, a column or a field."""

    file: str
    line: int | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"hoja '{self.sheet}'")
        if self.line is not None:
            parts.append(f"línea {self.line}")
        if self.row is not None:
            parts.append(f"fila {self.row}")
        if self.column:
            parts.append(f"columna '{self.column}'")
        if self.field:
            parts.append(f"campo '{self.field}'")
        return ", ".join(parts)


class SectorialError(Exception):
    """A problem the user can fix: message, optional location, optional hint."""

    kind = "error"

    def __init__(self, message: str, where: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  Qué hacer: {self.hint}"
        return text


class BriefError(SectorialError):
    """The brief file (YAML) is malformed or inconsistent."""


class StyleError(SectorialError):
    """The house style (templates/<name>/) is malformed."""


class DataError(SectorialError):
    """A data file is missing, unreadable or holds values that cannot be used."""


class IndicatorError(SectorialError):
    """An indicator cannot be computed from the data (e.g. a variation from zero)."""


class TemplateError(SectorialError):
    """A text template fails: syntax, undefined name, or a forbidden operation."""


class RenderError(SectorialError):
    """A renderer meets something it cannot draw (an unknown node, a missing style name)."""


class ErrorList(SectorialError):
    """Several problems found together; ``check`` reports them all at once."""

    def __init__(self, errors: list[SectorialError]):
        self.errors = list(errors)
        super().__init__(f"se encontraron {len(self.errors)} problemas")

    def __str__(self) -> str:
        lines = [f"Se encontraron {len(self.errors)} problemas:"]
        lines += [f"- {error}" for error in self.errors]
        return "\n".join(lines)


def raise_all(errors: list[SectorialError]) -> None:
    """Raise the single error, or all of them together; do nothing when the list is empty."""
    errors = [e for error in errors
              for e in (error.errors if isinstance(error, ErrorList) else [error])]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorList(errors)


def closest(name: str, valid: list[str] | tuple[str, ...]) -> str | None:
    """Return the valid name closest to ``name``, if any is close enough."""
    found = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_key_hint(name: str, valid: list[str] | tuple[str, ...]) -> str:
    """Return a hint for an unknown key: the closest valid one, or the list of valid ones."""
    guess = closest(name, valid)
    if guess:
        return f"¿quiso decir '{guess}'?"
    return "campos válidos: " + ", ".join(sorted(valid))
