"""Pages and blocks: the kinds a brief may write, their keys, and how each is composed.

``PAGES`` declares each page kind (``tipo: indicadores | tema | articulo``) and ``BLOCKS``
each block of running text (``- parrafo: …``), with the function that turns the spec into
model nodes through a ``Composer``: the text engine, the indicators and the ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sectorial.doc.model import (
    ArticlePage,
    Block,
    Box,
    BoxesPage,
    Chart,
    Paragraph,
    Quote,
    SourceNote,
    Subheading,
    Table,
    TopicPage,
)
from sectorial.indicators.values import Indicator
from sectorial.kinds import Registry
from sectorial.lang.numbers import NumberStyle
from sectorial.schema import (
    BLANK,
    Built,
    Choice,
    Condition,
    Integer,
    Key,
    ListOf,
    Name,
    OneKeyOf,
    Place,
    Section,
    Snippet,
    Template,
    Variants,
)
from sectorial.text.charts import CHART, ChartSpec, ChartTexts, build_chart
from sectorial.text.tables import CUADRO, TABLE, CuadroSpec, TableSpec, build_cuadro, build_table

if TYPE_CHECKING:  # the kinds are declared without the text engine (jinja2) imported
    from sectorial.text.env import TextEngine
    from sectorial.text.ledger import Ledger

PAGES = Registry("tipo de página")
BLOCKS = Registry("tipo de bloque")


@dataclass(frozen=True)
class BoxSpec:
    """One key-indicator box. ``cifra``: the big figure; ``texto``: the caption."""

    figure: Snippet
    caption: Snippet
    when: Snippet | None = None  # si: printed only when this condition holds


@dataclass(frozen=True)
class BlockSpec:
    """A block of running text: subtitulo, parrafo, cita (with autor), tabla or grafico."""

    kind: str
    line: int
    text: Snippet | None = None
    author: Snippet | None = None
    table: TableSpec | None = None
    chart: ChartSpec | None = None
    cuadro: CuadroSpec | None = None
    when: Snippet | None = None  # si: printed only when this condition holds


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
    cuadros: tuple[CuadroSpec, ...] = ()
    when: Snippet | None = None  # si: printed only when this condition holds

    def all_charts(self) -> tuple[ChartSpec, ...]:
        """The charts of the page, those among its blocks included."""
        return (*self.charts, *(b.chart for b in self.blocks if b.chart is not None))

    def tables(self) -> tuple[TableSpec, ...]:
        return tuple(b.table for b in self.blocks if b.table is not None)

    def all_cuadros(self) -> tuple[CuadroSpec, ...]:
        return (*self.cuadros, *(b.cuadro for b in self.blocks if b.cuadro is not None))

    def drawn(self) -> set[str]:
        """The indicators the page's charts, tables and cuadros draw."""
        names = {ref for c in self.all_charts() for _, ref in c.references()}
        names |= {t.data for t in self.tables()} | {c.data for c in self.all_cuadros()}
        return names


@dataclass(frozen=True)
class Composer:
    """What page and block functions compose with: texts, figures, the ledger, and the
    page's foot (its sources line, from the brief's lineage, and the credit line)."""

    engine: TextEngine
    indicators: dict[str, Indicator]
    numbers: NumberStyle
    ledger: Ledger
    sources: Callable[[PageSpec, int], tuple[str, ...]]
    credit: str

    def holds(self, condition: Snippet | None) -> bool:
        """Whether a ``si`` condition holds (none: always)."""
        return condition is None or bool(self.engine.plain(condition))

    def foot(self, spec: PageSpec, number: int) -> SourceNote:
        return SourceNote(notes=tuple(self.engine.rich(n) for n in spec.notes),
                          sources=self.sources(spec, number), credit=self.credit)

    def chart(self, spec: ChartSpec, key: str) -> Chart:
        """Build a chart and note its value labels in the ledger."""
        engine = self.engine
        texts = ChartTexts(engine.plain(spec.title), engine.plain(spec.unit),
                           engine.plain(spec.center) if spec.center else "",
                           engine.plain(spec.highlight_label) if spec.highlight_label
                           else None)
        chart = build_chart(spec, key, texts, self.indicators, self.numbers)
        self.ledger.note_chart(spec.title.field.rsplit(".", 1)[0], spec.line, spec, chart,
                               self.indicators)
        return chart

    def cuadro(self, spec: CuadroSpec) -> Table:
        """Build a cuadro and note each of its printed cells in the ledger."""
        plain = self.engine.plain
        texts = (plain(spec.title), plain(spec.unit), plain(spec.total) if spec.total else None,
                 tuple(plain(c.title) for c in spec.columns),
                 tuple(plain(c.group) if c.group else "" for c in spec.columns))
        built, cells = build_cuadro(spec, texts, self.indicators[spec.data], self.numbers)
        self.ledger.note_cells(spec.title.field.rsplit(".", 1)[0], spec.line, cells)
        return built

    def table(self, spec: TableSpec) -> Table:
        """Build a table and note its cells in the ledger."""
        built = build_table(spec, self.engine.plain(spec.title), self.engine.plain(spec.unit),
                            self.indicators, self.numbers)
        self.ledger.note_table(spec.title.field.rsplit(".", 1)[0], spec.line, built,
                               self.indicators[spec.data], spec.rest_label)
        return built


# Blocks ----------------------------------------------------------------------------------

def _text_block(kind: str, doc: str, *more: Key) -> Section:
    return Section((Key(kind, Template(), doc, required=True, attr="text"), *more), doc=doc)


@BLOCKS.register("subtitulo", keys=_text_block("subtitulo", "Un subtítulo.").keys,
                 doc="Un subtítulo dentro del texto («Panorama»).")
def subheading(spec: BlockSpec, key: str, c: Composer) -> Block:
    return Subheading(c.engine.plain(_text(spec)))


@BLOCKS.register("parrafo", keys=_text_block("parrafo", "Un párrafo.").keys,
                 doc="Un párrafo de texto corrido.")
def paragraph(spec: BlockSpec, key: str, c: Composer) -> Block:
    return Paragraph(c.engine.rich(_text(spec)))


@BLOCKS.register("cita", keys=_text_block("cita", "Las palabras citadas.", Key(
    "autor", Template(), "Quién las dijo (nombre y cargo).", default=None,
    attr="author")).keys, doc="Palabras de una autoridad, con quién las dijo.")
def quote(spec: BlockSpec, key: str, c: Composer) -> Block:
    return Quote(c.engine.rich(_text(spec)), c.engine.plain(spec.author) if spec.author else "")


@BLOCKS.register("tabla", keys=(Key("tabla", TABLE, "La tabla.", required=True,
                                    attr="table"),),
                 doc="Una tabla de participaciones (ver «tabla»).")
def table(spec: BlockSpec, key: str, c: Composer) -> Block:
    return c.table(spec.table)  # type: ignore[arg-type] - set for this kind


@BLOCKS.register("cuadro", keys=(Key("cuadro", CUADRO, "El cuadro.", required=True,
                                    attr="cuadro"),),
                 doc="Un cuadro de categorías (ver «cuadro»).")
def cuadro(spec: BlockSpec, key: str, c: Composer) -> Block:
    return c.cuadro(spec.cuadro)  # type: ignore[arg-type] - set for this kind


@BLOCKS.register("grafico", keys=(Key("grafico", CHART, "El gráfico.", required=True,
                                      attr="chart"),),
                 doc="Un gráfico a todo el ancho (ver «graficos»).")
def chart(spec: BlockSpec, key: str, c: Composer) -> Block:
    return c.chart(spec.chart, key)  # type: ignore[arg-type] - set for this kind


def _text(spec: BlockSpec) -> Snippet:
    return spec.text or Snippet("", "", spec.line, spec.kind)  # the reader always sets it


def _block_spec(values: dict[str, Any], place: Place) -> BlockSpec:
    return BlockSpec(line=place.line, **values)


BLOCK_WHEN = Key("si", Condition(), "El bloque solo se imprime si se cumple: `variacion is "
                 "positivo` deja fuera una frase de crecimiento cuando las exportaciones "
                 "cayeron.", default=None, attr="when")
BLOCK = Built(OneKeyOf({kind.name: Section((*kind.keys, BLOCK_WHEN), doc=kind.doc)
                        for kind in BLOCKS},
                       label="bloque",
                      message="cada bloque debe tener uno de: " + ", ".join(BLOCKS.names()),
                      hint="por ejemplo '- parrafo: \"texto\"'"), _block_spec)


# Pages -----------------------------------------------------------------------------------

BOX = Built(Section((
    Key("cifra", Template(), "La cifra grande (`{{ empresas | entero }}`).", required=True,
        attr="figure"),
    Key("texto", Template(), "La leyenda; `**negrita**` para una segunda línea destacada.",
        required=True, attr="caption"),
    Key("si", Condition(), "Solo se imprime si se cumple: `acumulado is varios` deja fuera "
        "en enero la caja del acumulado, que repetiría la del mes.", default=None,
        attr="when"),
), label="caja {cifra, texto}", message="cada caja debe tener 'cifra' y 'texto'"),
            lambda values, place: BoxSpec(**values))

LABEL = Key("etiqueta", Template(), "El tema, antes del título («EMPRESARIAL»).",
            required=True, attr="label")
TITLE = Key("titulo", Template(), "El título de la página.", required=True, attr="title")
NOTES = Key("notas", ListOf(Template()), "Notas al pie, antes de la fuente.", default=(),
            attr="notes")
WHEN = Key("si", Condition(), "La página solo se imprime si se cumple: `acumulado is "
           "varios` la deja fuera en enero, cuando el acumulado es el mes y la página "
           "repetiría las anteriores.", default=None, attr="when")
SOURCES = Key("fuentes", ListOf(Name()), "Las fuentes de datos de la página; si se omite, "
              "se calculan de las cifras que muestra (y si se escribe, debe coincidir).",
              default=(), attr="sources")


@PAGES.register("indicadores", doc="Una cuadrícula de cajas con cifras clave.", keys=(
    LABEL, TITLE,
    Key("encabezado", Template(), "La frase sobre las cajas («Indicadores Claves del VRAEM "
        "en 2024»).", required=True, attr="heading"),
    Key("cajas", ListOf(BOX), "Las cajas, en orden de lectura.", required=True, attr="boxes"),
    Key("columnas", Integer(1, 8, "escriba cuántas cajas van en cada fila de la página, por "
                                  "ejemplo 4"), "Cajas por fila.", default=4, attr="columns"),
    NOTES, SOURCES, WHEN))
def boxes_page(spec: PageSpec, number: int, c: Composer) -> BoxesPage:
    label, title = c.engine.plain(spec.label), c.engine.plain(spec.title)
    foot = c.foot(spec, number)
    return BoxesPage(
        label=label,
        title=title,
        heading=c.engine.plain(spec.heading) if spec.heading else "",
        boxes=tuple(Box(c.engine.plain(b.figure), c.engine.rich(b.caption))
                    for b in spec.boxes if c.holds(b.when)),
        columns=spec.columns,
        foot=foot,
    )


@PAGES.register("tema", doc="Una página temática: mensaje, gráficos (o ninguno), cuadros, "
                "viñetas y fuente.", keys=(
    LABEL, TITLE,
    Key("graficos", ListOf(CHART), "Los gráficos, lado a lado (hasta 3 por fila).",
        default=(), attr="charts"),
    Key("cuadros", ListOf(CUADRO), "Cuadros de categorías, bajo los gráficos.", default=(),
        attr="cuadros"),
    Key("mensaje", Template(), "La idea de la página, con la cifra en negrita.", default=None,
        attr="message"),
    Key("vinetas", ListOf(Template()), "Las viñetas bajo los gráficos; una que no escribe "
        "nada (un `{% if %}` falso) no se imprime.", default=(),
        attr="bullets"),
    NOTES, SOURCES, WHEN))
def topic_page(spec: PageSpec, number: int, c: Composer) -> TopicPage:
    label, title = c.engine.plain(spec.label), c.engine.plain(spec.title)
    foot = c.foot(spec, number)
    charts = tuple(c.chart(chart, f"p{number}_g{index}")
                   for index, chart in enumerate(spec.charts, start=1))
    tables = tuple(c.cuadro(cuadro) for cuadro in spec.cuadros)
    return TopicPage(
        label=label,
        title=title,
        message=c.engine.rich(spec.message) if spec.message else None,
        charts=charts,
        # A bullet whose template writes nothing ({% if %} false) is left out.
        bullets=tuple(text for text in (c.engine.rich(b) for b in spec.bullets)
                      if text.plain.strip()),
        foot=foot,
        tables=tables,
    )


@PAGES.register("articulo", doc="Texto corrido, como una nota de prensa: antetítulo, lugar "
                "y fecha, titular, entradilla y bloques.", keys=(
    TITLE,
    Key("bloques", ListOf(BLOCK), "Los bloques de texto, en orden.", required=True,
        attr="blocks"),
    Key("etiqueta", Template(), "El antetítulo («NOTA DE PRENSA»).", default=BLANK,
        attr="label"),
    Key("lugar_fecha", Template(), "Lugar y fecha («Lima, {{ fecha_edicion }}»).",
        default=None, attr="dateline"),
    Key("entradilla", Template(), "La entradilla, en negrita.", default=None, attr="lead"),
    NOTES, SOURCES, WHEN))
def article_page(spec: PageSpec, number: int, c: Composer) -> ArticlePage:
    label, title = c.engine.plain(spec.label), c.engine.plain(spec.title)
    foot = c.foot(spec, number)
    return ArticlePage(
        kicker=label,
        dateline=c.engine.plain(spec.dateline) if spec.dateline else "",
        headline=title,
        lead=c.engine.rich(spec.lead) if spec.lead else None,
        blocks=tuple(BLOCKS[b.kind].function(b, f"p{number}_b{n}", c)
                     for n, b in enumerate(spec.blocks, start=1) if c.holds(b.when)),
        foot=foot,
    )


def _page_spec(values: dict[str, Any], place: Place) -> PageSpec:
    return PageSpec(**values, line=place.line)


PAGE = Built(Variants({kind.name: Section((Key("tipo", Choice((kind.name,)),
                                               "El tipo de página.", required=True,
                                               attr="kind"), *kind.keys), doc=kind.doc)
                       for kind in PAGES},
                      label="página",
                      message="cada página debe ser un diccionario de campos"), _page_spec)
"""A page's section in a brief, read into a PageSpec."""
