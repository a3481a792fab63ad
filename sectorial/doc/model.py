"""The document model: frozen, typed data between the text layer and the renderers.

No I/O, no rendering, no number formatting happens here: every string a reader sees is
already final (figures formatted by the text layer), and numbers kept in charts are only
the geometry of bars and slices. Blocks carry style *roles*; the house style resolves them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import datetime
from typing import Literal

CHART_KINDS = ("columns", "columns_line", "donut", "hbars", "lines", "diverging")
"""What renderers draw (``Chart.kind``): columns, vertical bars; columns_line, bars plus a
line on a second axis (variation %); donut, shares of one whole; hbars, sorted horizontal
bars; lines, one or more lines; diverging, horizontal bars to either side of zero, sorted.
Values may be negative: bars then go down (or left) from the zero line. The brief's chart
kinds (``text.charts.CHARTS``) name one each; a renderer that meets another fails naming
it."""


@dataclass(frozen=True)
class Span:
    """A run of text, bold or not."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Text:
    """A paragraph made of spans."""

    spans: tuple[Span, ...]

    @property
    def plain(self) -> str:
        """Return the text without formatting."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Metadata:
    """Document properties written into both files."""

    title: str
    subject: str
    author: str
    language: str  # BCP 47, e.g. "es-PE"
    keywords: tuple[str, ...] = ()
    created: datetime | None = None  # stamped into both files (reproducible.build_time)


@dataclass(frozen=True)
class Masthead:
    """Who publishes, as the band on every page shows it: "PERÚ", "Ministerio de la
    Producción"."""

    country: str
    entity: str


@dataclass(frozen=True)
class Cover:
    """The cover page: government band, series, title, offices and edition."""

    country: str
    institution: str
    series: str
    title: str
    offices: tuple[str, ...]
    edition: str


@dataclass(frozen=True)
class Box:
    """A key-indicator box: a big figure, then a caption that may hold bold spans."""

    figure: str
    caption: Text


@dataclass(frozen=True)
class NumberFormat:
    """How a series' labels print its values: ``decimals``, with these thousands and
    decimal marks. Set only when every label is its value so printed, so that an output
    whose reader recomputes labels (a Word chart) may print them itself."""

    decimals: int
    group: str
    decimal: str
    signed: bool = False  # "+8.2": the sign shown for rises too
    suffix: str = ""  # "%" after the figure
    of_whole: bool = False  # each label is its value's share of the series' sum, in %


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: values give the geometry, labels are printed as they are."""

    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]
    axis: Literal["primary", "secondary"] = "primary"
    number_format: NumberFormat | None = None


@dataclass(frozen=True)
class Chart:
    """A chart, drawn once per build and used by every output."""

    key: str
    kind: str  # one of CHART_KINDS
    title: str
    subtitle: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    alt_text: str
    highlight: tuple[int, ...] = ()
    center_label: str = ""  # a headline figure printed as text under the chart's heading
    editable: bool | None = None  # whether its data stay editable where the output allows
    # (a Word chart in the DOCX); None: as the house style says


@dataclass(frozen=True)
class SourceNote:
    """The foot of a page: notes, sources and the office that prepared it."""

    notes: tuple[Text, ...] = ()
    sources: tuple[str, ...] = ()
    credit: str = ""


@dataclass(frozen=True)
class BoxesPage:
    """A page of key-indicator boxes laid out in a grid."""

    label: str
    title: str
    heading: str
    boxes: tuple[Box, ...]
    columns: int = 4
    foot: SourceNote = field(default_factory=SourceNote)


@dataclass(frozen=True)
class TopicPage:
    """A thematic page: label and title, key message, charts, bullets, sources."""

    label: str
    title: str
    message: Text | None
    charts: tuple[Chart, ...]
    bullets: tuple[Text, ...]
    foot: SourceNote = field(default_factory=SourceNote)
    tables: tuple[Table, ...] = ()  # under the charts, over the bullets


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    text: Text


@dataclass(frozen=True)
class Subheading:
    """A sub-heading inside running text ("Panorama")."""

    text: str


@dataclass(frozen=True)
class Quote:
    """Words of an official, with who said them."""

    text: Text
    attribution: str = ""


@dataclass(frozen=True)
class Table:
    """A data table: every cell already formatted; ``numeric`` marks right-aligned columns.

    ``groups`` is an upper header row of (label, columns spanned) over ``header``; ``total``
    a last row that sums the table up ("Manufactura", "-9.3", …), drawn apart."""

    title: str
    subtitle: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    groups: tuple[tuple[str, int], ...] = ()
    total: tuple[str, ...] = ()


Block = Paragraph | Subheading | Quote | Table | Chart


@dataclass(frozen=True)
class ArticlePage:
    """Running text, as a press note: kicker, dateline, headline, lead, then blocks."""

    kicker: str
    dateline: str
    headline: str
    lead: Text | None
    blocks: tuple[Block, ...]
    foot: SourceNote = field(default_factory=SourceNote)


Page = BoxesPage | TopicPage | ArticlePage


@dataclass(frozen=True)
class Figure:
    """A figure as printed, and where it came from: one row of the figures ledger."""

    page: int  # page of the document where the brief places it (the cover is page 1)
    place: str  # the brief's key path: "paginas[2].cajas[3].cifra"
    line: int  # line of the brief
    kind: str  # caja, viñeta, mensaje, gráfico… (Spanish: it is printed in the ledger)
    printed: str  # the text as printed: "US$ 9,580 millones", or the phrase holding it
    indicator: str
    value: float | None  # exact, in units (9580000000.0)
    unit: str
    period: str
    origin: str  # data file, filters and rows, or the formula in words
    method: str = ""  # for rates: compound growth or mean of yearly variations


@dataclass(frozen=True)
class Document:
    """A whole brief, ready to render."""

    name: str
    meta: Metadata
    cover: Cover | None
    pages: tuple[Page, ...]
    series: str = ""  # the series name the page headers carry ("Análisis Sectorial")
    figures: tuple[Figure, ...] = ()  # every figure printed, for the ledger
    masthead: Masthead = field(default_factory=lambda: Masthead("", ""))

    def charts(self) -> tuple[Chart, ...]:
        """Return every chart of the document, in page order."""
        return tuple(chart for page in self.pages for chart in page_charts(page))

    def tables(self) -> tuple[Table, ...]:
        """Return every table of the document, in page order."""
        return tuple(table for page in self.pages for table in page_tables(page))


def page_charts(page: Page) -> tuple[Chart, ...]:
    """Return the charts of one page."""
    if isinstance(page, TopicPage):
        return page.charts
    if isinstance(page, ArticlePage):
        return tuple(block for block in page.blocks if isinstance(block, Chart))
    return ()


def page_tables(page: Page) -> tuple[Table, ...]:
    """Return the tables of one page."""
    if isinstance(page, TopicPage):
        return page.tables
    if isinstance(page, ArticlePage):
        return tuple(block for block in page.blocks if isinstance(block, Table))
    return ()


NOT_PRINTED = frozenset({"figures", "meta", "key", "origin", "number_format"})
"""Fields of the model that no page prints (the ledger, properties, keys)."""


def printed_texts(node: object) -> Iterator[str]:
    """Every string a page of ``node`` (a document, a page) may print."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from printed_texts(item)
    elif is_dataclass(node) and not isinstance(node, type):
        for item in fields(node):
            if item.name not in NOT_PRINTED:
                yield from printed_texts(getattr(node, item.name))
