"""The brief: what to show, from which data. Typed, with the Spanish keys users write.

Each dataclass documents the keys of one section of the YAML file; ``loader.py`` fills
them and reports every problem with file, line and key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from sectorial.data.spec import SourceSpec
from sectorial.indicators.spec import IndicatorSpec
from sectorial.periods import Period


@dataclass(frozen=True)
class Snippet:
    """A piece of Jinja2 text from the brief, with where it was written."""

    source: str
    file: str
    line: int
    field: str


@dataclass(frozen=True)
class BoxSpec:
    """One key-indicator box. ``cifra``: the big figure; ``texto``: the caption."""

    figure: Snippet
    caption: Snippet


@dataclass(frozen=True)
class ChartSpec:
    """A chart of a page.

    ``tipo``: columnas | columnas_variacion | dona | barras | lineas;
    ``datos``: the indicator drawn (a series or shares); ``variacion``: for
    columnas_variacion, the series of yearly variations drawn as a line;
    ``escala``: mil | millones, divides the drawn values; ``decimales``: of the labels;
    ``resaltar``: ultimo | primero | ninguno, or a category's name (a template, such as
    "{{ region }}"); ``maximo``: at most so many categories, the
    rest grouped as ``resto``; ``mostrar``: valor | participacion | ambos (for shares);
    ``centro``: text in the hole of a donut.
    """

    kind: str
    title: Snippet
    unit: Snippet
    data: str
    line: int
    variation: str | None = None
    scale: str | None = None
    decimals: int = 0
    highlight: str = "ultimo"
    limit: int | None = None
    rest_label: str = "Resto"
    show: str = "valor"
    center: Snippet | None = None
    highlight_label: Snippet | None = None  # resaltar: a category's name
    docx: str = ""  # docx: "nativo" | "imagen" for this chart; "" follows the house style


@dataclass(frozen=True)
class TableSpec:
    """A table of the parts of a whole: ``datos`` (participaciones), ``columnas`` (headers:
    name, value and optionally share), ``maximo``/``resto`` as in charts, ``escala``,
    ``decimales`` of the values."""

    title: Snippet
    unit: Snippet
    data: str
    header: tuple[str, ...]
    line: int
    limit: int | None = None
    rest_label: str = "Resto"
    scale: str | None = None
    decimals: int = 0


@dataclass(frozen=True)
class BlockSpec:
    """A block of running text: subtitulo, parrafo, cita (with autor), tabla or grafico."""

    kind: str
    line: int
    text: Snippet | None = None
    author: Snippet | None = None
    table: TableSpec | None = None
    chart: ChartSpec | None = None


@dataclass(frozen=True)
class PageSpec:
    """A page. ``tipo: indicadores`` has boxes; ``tipo: tema`` has charts and bullets;
    ``tipo: articulo`` is running text (``titulo`` is the headline)."""

    kind: str
    label: Snippet
    title: Snippet
    line: int
    heading: Snippet | None = None
    message: Snippet | None = None
    boxes: tuple[BoxSpec, ...] = ()
    columns: int = 4
    charts: tuple[ChartSpec, ...] = ()
    bullets: tuple[Snippet, ...] = ()
    notes: tuple[Snippet, ...] = ()
    sources: tuple[str, ...] = ()
    dateline: Snippet | None = None
    lead: Snippet | None = None
    blocks: tuple[BlockSpec, ...] = ()


@dataclass(frozen=True)
class FanOut:
    """``por_cada``: the brief is built once per value of a data column."""

    source: str
    column: str
    line: int


@dataclass(frozen=True)
class CheckSpec:
    """One of ``comprobaciones``: figures that must agree before anything is rendered.

    ``suma`` (the parts of a 'participaciones' add up to ``igual_a``), ``igual`` (two
    figures are the same value) or ``variacion`` (a variation agrees with the last two
    levels of ``serie``). ``excepcion: motivo`` records a known disagreement instead of
    stopping the build; the ledger keeps the reason.
    """

    kind: str
    refs: tuple[str, ...]
    line: int
    exception: str | None = None


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

    def for_value(self, value: str) -> Brief:
        """This brief for one value of its ``por_cada`` column: filters and categories that
        say ``{{ region }}`` now say the value."""
        assert self.fan_out is not None
        pattern = re.compile(r"\{\{\s*" + re.escape(self.fan_out.column) + r"\s*\}\}")

        def fill(text: object) -> object:
            return pattern.sub(lambda _: value, text) if isinstance(text, str) else text

        indicators = {
            key: replace(spec, filters={k: fill(v) for k, v in spec.filters.items()},
                         category=fill(spec.category))  # type: ignore[arg-type]
            for key, spec in self.indicators.items()
        }
        return replace(self, indicators=indicators, value=value)
