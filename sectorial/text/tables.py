"""Tables of the parts of a whole: the brief's keys and the model table, every cell formatted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sectorial.doc.model import Table
from sectorial.errors import Location, TemplateError
from sectorial.indicators.values import Categories, Category, Indicator, Quantity, Shares
from sectorial.lang.numbers import (
    NumberStyle,
    format_nonzero,
    format_share,
    format_signed,
)
from sectorial.schema import (
    BLANK,
    Built,
    Choice,
    Integer,
    Key,
    ListOf,
    Name,
    Place,
    Section,
    Snippet,
    Template,
    Text,
)
from sectorial.text.charts import DECIMALS, LIMIT, REST, SCALE, SCALES
from sectorial.text.parts import parts


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


COLUMNS_MESSAGE = ("'columnas' debe nombrar 2 columnas (nombre, valor) o 3 (nombre, valor, "
                   "participación)")


def _limited(kind: type) -> Callable[[dict[str, Any], Place], Any]:
    """Build a table spec of `kind` from its section: a limit of 0 means no limit."""
    def build(values: dict[str, Any], place: Place) -> Any:
        limit = values.pop("limit")
        return kind(**values, line=place.line, limit=limit or None)
    return build


table_spec = _limited(TableSpec)


TABLE = Built(Section((
    Key("titulo", Template(), "El título de la tabla.", required=True, attr="title"),
    Key("datos", Name(), "Las participaciones que muestra.", required=True, attr="data"),
    Key("columnas", ListOf(Text(), least=2, most=3, message=COLUMNS_MESSAGE),
        "Los encabezados: nombre y valor, y si se quiere participación (2 o 3).",
        required=True, attr="header"),
    Key("unidad", Template(), "La línea de unidad.", default=BLANK, attr="unit"),
    LIMIT, REST, SCALE, DECIMALS,
), doc="Una tabla de las partes de un todo.", label="tabla",
    message="la tabla debe ser un diccionario de campos"), table_spec)
"""A table's section in a brief, read into a TableSpec."""


def build_table(spec: TableSpec, title: str, unit: str, indicators: dict[str, Indicator],
                numbers: NumberStyle) -> Table:
    """Return the model table of the parts of a whole, every cell formatted."""
    data = indicators[spec.data]
    if not isinstance(data, Shares):
        raise TemplateError(
            "una tabla necesita un indicador de tipo 'participaciones'",
            Location(spec.title.file, line=spec.line, field="tabla.datos"),
            "indique en 'datos' un indicador de participaciones",
        )
    categories, values, percents = parts(data, spec.limit, spec.rest_label)
    divisor = SCALES.get(spec.scale or "", 1.0)
    with_share = len(spec.header) == 3
    rows = tuple(
        (label, format_nonzero(value / divisor, spec.decimals, style=numbers))
        + ((format_share(share, data.decimals, style=numbers, short=True),) if with_share else ())
        for label, value, share in zip(categories, values, percents)
    )
    numeric = (False, True, True)[: len(spec.header)]
    return Table(title, unit, spec.header, rows, numeric)


# Cuadros: tables of categories ------------------------------------------------------------

FIGURES = {"nombre": None, "valor": "amount", "anterior": "before", "variacion": "change",
           "incidencia": "incidence", "participacion": "share", "puesto": None}
ORDERS = ("valor", "variacion", "incidencia")


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a cuadro: its header, the figure of each row, its decimals, and the
    upper header it shares with its neighbours (``grupo``)."""

    title: Snippet
    figure: str
    decimals: int = 1
    group: Snippet | None = None


@dataclass(frozen=True)
class CuadroSpec:
    """A table of the categories of a ``categorias`` indicator: one row each, a total row
    that adds them up, two-level headers, a unit line."""

    title: Snippet
    unit: Snippet
    data: str
    columns: tuple[ColumnSpec, ...]
    line: int
    total: Snippet | None = None
    order: str = "valor"
    limit: int | None = None
    scale: str | None = None


COLUMN = Built(Section((
    Key("titulo", Template(), "El encabezado de la columna.", required=True, attr="title"),
    Key("cifra", Choice(tuple(FIGURES)), "Qué dice cada fila: `nombre`, `valor`, `anterior` "
        "(el valor un año antes), `variacion` (%), `incidencia` (p.p.), `participacion` (%) "
        "o `puesto`.", required=True, attr="figure"),
    Key("decimales", Integer(0, 6, "escriba cuántos decimales se muestran, por ejemplo 1"),
        "Decimales de la columna.", default=1, attr="decimals"),
    Key("grupo", Template(), "Un encabezado superior que comparte con las columnas vecinas "
        "del mismo grupo («Setiembre 2023»).", default=None, attr="group"),
), label="columna"), lambda values, place: ColumnSpec(**values))


cuadro_spec = _limited(CuadroSpec)


CUADRO = Built(Section((
    Key("titulo", Template(), "El título del cuadro.", required=True, attr="title"),
    Key("datos", Name(), "Las categorías que muestra (un indicador `categorias`).",
        required=True, attr="data"),
    Key("columnas", ListOf(COLUMN, least=1), "Las columnas, de izquierda a derecha.",
        required=True, attr="columns"),
    Key("unidad", Template(), "La línea de unidad («(Var. % e incidencia en p.p.)»).",
        default=BLANK, attr="unit"),
    Key("total", Template(), "El nombre de la fila que suma las categorías («Manufactura»); "
        "sin él, no hay fila de total.", default=None, attr="total"),
    Key("orden", Choice(ORDERS), "El orden de las filas: de mayor a menor `valor` (por "
        "defecto), `variacion` o `incidencia` (las alzas arriba, las caídas abajo; con "
        "`maximo`, quedan las mayores en tamaño, de uno y otro signo).", default="valor",
        attr="order"),
    LIMIT, SCALE,
), doc="Un cuadro de categorías: una fila por categoría y una de total.", label="cuadro",
    message="el cuadro debe ser un diccionario de campos"), cuadro_spec)
"""A cuadro's section in a brief, read into a CuadroSpec."""

Cells = list[tuple[str, Quantity]]


def build_cuadro(spec: CuadroSpec, texts: tuple[str, str, str, tuple[str, ...], tuple],
                 data: Indicator, numbers: NumberStyle) -> tuple[Table, Cells]:
    """The model table of a cuadro and each printed cell with its figure (for the ledger).

    ``texts``: title, unit, total label, headers and upper headers, rendered."""
    title, unit, total, headers, groups = texts
    if not isinstance(data, Categories):
        raise TemplateError("un cuadro necesita un indicador de tipo 'categorias'",
                            Location(spec.title.file, line=spec.line, field="cuadro.datos"),
                            "indique en 'datos' un indicador de categorías")
    items = list(data.items)
    if spec.order != "valor":  # rises on top, falls below; 'maximo' keeps the largest in size
        attribute = FIGURES[spec.order]

        def figure(item: Category) -> float:
            return getattr(item, attribute).value or 0.0

        if spec.limit:
            items = sorted(items, key=lambda item: -abs(figure(item)))[: spec.limit]
        items.sort(key=lambda item: -figure(item))
    elif spec.limit:
        items = items[: spec.limit]
    cells: Cells = []
    rows = tuple(_row(spec, item, numbers, cells) for item in items)
    last = ()
    if total is not None and data.sum is not None:
        last = _row(spec, data.sum, numbers, cells, label=total)
    numeric = tuple(column.figure != "nombre" for column in spec.columns)
    return Table(title, unit, headers, rows, numeric, _spans(groups), last), cells


def _row(spec: CuadroSpec, item: Category, numbers: NumberStyle, cells: Cells,
         label: str | None = None) -> tuple[str, ...]:
    row = []
    for column in spec.columns:
        if column.figure == "nombre":
            row.append(label or item.label)
            continue
        if column.figure == "puesto":
            row.append(str(item.rank) if label is None else "")
            continue
        quantity = getattr(item, FIGURES[column.figure])
        row.append(_cell(quantity, column, spec, numbers))
        if quantity.value is not None:
            cells.append((row[-1], quantity))
    return tuple(row)


def _cell(quantity: Quantity, column: ColumnSpec, spec: CuadroSpec,
          numbers: NumberStyle) -> str:
    if quantity.units is None:
        return "n.d."
    if column.figure in ("variacion", "incidencia"):
        return format_signed(quantity.units, column.decimals, style=numbers)
    if quantity.share:
        return format_share(quantity.units, column.decimals, style=numbers, short=True,
                            sign=False)
    divisor = SCALES.get(spec.scale or "", 1.0) if column.figure in ("valor", "anterior") else 1
    return format_nonzero(quantity.units / divisor, column.decimals, style=numbers)


def _spans(groups: tuple) -> tuple[tuple[str, int], ...]:
    """Neighbouring columns of one upper header joined: ("", 1), ("Setiembre", 2)."""
    if not any(groups):
        return ()
    spans: list[tuple[str, int]] = []
    for group in groups:
        if spans and group and spans[-1][0] == group:
            spans[-1] = (group, spans[-1][1] + 1)
        else:
            spans.append((group or "", 1))
    return tuple(spans)
