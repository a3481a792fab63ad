"""How a value prints by itself in a template (``{{ x }}``), by where it is printed: a period
as "setiembre 2025" in a title, "setiembre de 2025" in running text, "2025-09" in a file
name; and the article a share too small to print takes off ("el menos del 0.1%")."""

from __future__ import annotations

import re
from typing import Any

from sectorial.lang.phrases import BOLD_MARK
from sectorial.periods import Period, PeriodSpan


def as_words(value: Any) -> Any:
    """What ``{{ x }}`` prints in text: a period by its name ("setiembre 2025")."""
    return value.label() if isinstance(value, (Period, PeriodSpan)) else value


# Fields of running text, where a month is written "setiembre de 2025" (titles keep
# "setiembre 2025").
PROSE = re.compile(r"\.(mensaje|texto|entradilla)$|\.(vinetas|notas)\[\d+\]$"
                    r"|\.(parrafo|cita)$")


# "el menos del 0.1%": a share too small to print takes no article of its own.
ARTICLE_BEFORE_LESS = re.compile("\\b(El|el|del|al) (" + BOLD_MARK + "?)menos del\\b")


def no_article(match: re.Match[str]) -> str:
    """ "el menos del" → "menos del", "del menos del" → "de menos del"."""
    word, mark = match.group(1), match.group(2)
    before = {"del": "de ", "al": "a "}.get(word, "")
    return before + mark + ("Menos del" if word == "El" else "menos del")


def as_prose(value: Any) -> Any:
    """What ``{{ x }}`` prints in running text: "en setiembre de 2025"."""
    return value.largo if isinstance(value, (Period, PeriodSpan)) else value


def as_codes(value: Any) -> Any:
    """What ``{{ x }}`` prints in a file name: a period by its code ("2025-09")."""
    if isinstance(value, PeriodSpan):
        return f"{value.periods[0]}_{value.periods[-1]}"
    return str(value) if isinstance(value, Period) else value
