"""The brief: what to show, from which data, for which period.

The parts of a brief are declared by the layer that uses them (``data.spec.SourceSpec``,
``indicators.spec.IndicatorSpec``, ``text.pages.PageSpec``); this module holds the whole
and its brief-level sections. ``sections`` declares the keys, ``loader`` reads a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sectorial.data.spec import SourceSpec
from sectorial.indicators.spec import CheckSpec, IndicatorSpec
from sectorial.periods import Period
from sectorial.schema import Snippet
from sectorial.style.model import HouseStyle
from sectorial.text.pages import PageSpec


@dataclass(frozen=True)
class FanOut:
    """``por_cada``: the brief is built once per value of a data column."""

    source: str
    column: str
    line: int


LETTER_NAMES = ("destinatario", "serie", "titulo", "edicion", "institucion", "oficinas",
                "indicadores_titulo", "indicadores_clave", "resumen", "adjuntos")
"""Names the mail's subject and body templates read besides the brief's indicators
(``mail.letter`` gives them)."""


@dataclass(frozen=True)
class Mailing:
    """``envio``: who receives the brief by email, and what is attached.

    ``destinatarios`` is a CSV or Excel list (nombre, correo, cargo; optional: the
    ``por_cada`` column, cc, tratamiento); ``adjuntos`` is ``[docx]`` or ``[docx, pdf]``;
    ``asunto`` replaces the subject line of the house style.
    """

    recipients: Path | None
    attachments: tuple[str, ...] = ("docx",)
    subject: Snippet | None = None
    line: int = 0


@dataclass(frozen=True)
class Brief:
    """A whole brief file."""

    path: Path
    name: Snippet
    style: str
    period: Period
    series: Snippet
    title: Snippet
    edition: tuple[int, int]
    offices: tuple[Snippet, ...]
    keywords: tuple[str, ...]
    sources: dict[str, SourceSpec]
    indicators: dict[str, IndicatorSpec]
    pages: tuple[PageSpec, ...]
    subject: Snippet | None = None
    fan_out: FanOut | None = None
    value: str | None = None  # the fan-out value this copy of the brief is for
    mailing: Mailing | None = None
    checks: tuple[CheckSpec, ...] = ()
    rounding: str | None = None  # how shares are rounded; None: as the house style says
    institution: dict[str, str] = field(default_factory=dict)  # over the style's: credit…
    numbers: dict[str, object] = field(default_factory=dict)  # over the style's: group…

    def house(self, style: HouseStyle) -> HouseStyle:
        """The house style as this brief publishes: its own institution, author, credit
        line and number marks where it gives them."""
        institution = {k: v for k, v in self.institution.items() if v is not None}
        numbers = {k: v for k, v in self.numbers.items() if v is not None}
        if not institution and not numbers:
            return style
        return replace(style, institution=replace(style.institution, **institution),
                          numbers=replace(style.numbers, **numbers))

    def for_value(self, value: str) -> Brief:
        """This brief for one value of its ``por_cada`` column: filters and categories that
        say ``{{ region }}`` now say the value."""
        assert self.fan_out is not None
        pattern = re.compile(r"\{\{\s*" + re.escape(self.fan_out.column) + r"\s*\}\}")

        def fill(text: object) -> object:
            if isinstance(text, (list, tuple)):
                return [fill(item) for item in text]
            if isinstance(text, dict):
                return {k: fill(v) for k, v in text.items()}
            return pattern.sub(lambda _: value, text) if isinstance(text, str) else text

        indicators = {
            key: replace(spec, filters={k: fill(v) for k, v in spec.filters.items()},
                         category=fill(spec.category))  # type: ignore[arg-type]
            for key, spec in self.indicators.items()
        }
        return replace(self, indicators=indicators, value=value)
