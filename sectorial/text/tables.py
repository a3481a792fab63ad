"""Tables of the parts of a whole: the brief's keys and the model table, every cell formatted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sectorial.doc.model import Table
from sectorial.errors import Location, TemplateError
from sectorial.indicators.values import Indicator, Shares
from sectorial.lang.numbers import NumberStyle, format_number, format_percent
from sectorial.schema import (
    BLANK,
    Built,
    Key,
    ListOf,
    Name,
    Place,
    Section,
    Snippet,
    Template,
    Text,
)
from sectorial.text.charts import DECIMALS, LIMIT, REST, SCALE, SCALES, parts


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


def table_spec(values: dict[str, Any], place: Place) -> TableSpec:
    limit = values.pop("limit")
    return TableSpec(**values, line=place.line, limit=limit or None)


TABLE = Built(Section((
    Key("titulo", Template(), "El título de la tabla.", required=True, attr="title"),
    Key("datos", Name(), "Las participaciones que muestra.", required=True, attr="data"),
    Key("columnas", ListOf(Text()), "Los encabezados: nombre y valor, y si se quiere "
        "participación (2 o 3).", required=True, attr="header"),
    Key("unidad", Template(), "La línea de unidad.", default=BLANK, attr="unit"),
    LIMIT, REST, SCALE, DECIMALS,
), doc="Una tabla de las partes de un todo.", label="tabla",
    message="la tabla debe ser un diccionario de campos"), table_spec)
"""A table's section in a brief, read into a TableSpec."""


def check_table(spec: TableSpec) -> str | None:
    """What is wrong with a table's declaration that its keys alone cannot say."""
    if len(spec.header) not in (2, 3):
        return ("'columnas' debe nombrar 2 columnas (nombre, valor) o 3 (nombre, valor, "
                "participación)")
    return None


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
        (label, format_number(value / divisor, spec.decimals, style=numbers))
        + ((format_percent(share, data.decimals, style=numbers),) if with_share else ())
        for label, value, share in zip(categories, values, percents)
    )
    numeric = (False, True, True)[: len(spec.header)]
    return Table(title, unit, spec.header, rows, numeric)
