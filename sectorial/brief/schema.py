"""The brief: what to show, from which data. Typed, with the Spanish keys users write.

Each dataclass documents the keys of one section of the YAML file; ``loader.py`` fills
them and reports every problem with file, line and key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sectorial.data.loader import SourceSpec
from sectorial.indicators.compute import IndicatorSpec


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
    ``resaltar``: ultimo | primero | ninguno; ``maximo``: at most so many categories, the
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
class Brief:
    """A whole brief file."""

    path: Path
    name: Snippet
    style: str
    period: int
    series: Snippet
    title: Snippet
    edition: tuple[int, int]
    offices: tuple[Snippet, ...]
    keywords: tuple[str, ...]
    sources: dict[str, SourceSpec]
    indicators: dict[str, IndicatorSpec]
    pages: tuple[PageSpec, ...]
    subject: Snippet | None = None
