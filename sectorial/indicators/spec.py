"""Indicators as a brief declares them, and the keys they are declared with.

No computation here (this stays light to import): each kind of indicator, in
``indicators.sums`` and ``indicators.changes``, names which of these keys it takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sectorial.errors import Location
from sectorial.lang.shares import METHODS as SHARE_ROUNDING
from sectorial.schema import (
    Anything,
    Choice,
    Integer,
    Key,
    ListOf,
    MapOf,
    Name,
    Place,
    Section,
    Text,
)

GROWTH_METHODS = {
    "compuesto": "tasa de crecimiento promedio anual compuesta",
    "media_variaciones": "promedio simple de las variaciones anuales",
}
UNITS = ("numero", "PEN", "USD", "porcentaje", "pp")
SCALES = {"unidades": 1.0, "mil": 1e3, "miles": 1e3, "millones": 1e6, "mil_millones": 1e9}


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as the brief declares it (Spanish keys mapped to these fields)."""

    key: str
    kind: str
    file: str
    line: int
    source: str | None = None  # datos: the data source key
    of: str | None = None  # de: another indicator
    value: str | None = None  # valor: the column to add up
    by: str | None = None  # por: the column that names the parts
    filters: dict[str, object] = field(default_factory=dict)
    at: int | str | None = None  # en: a period, "anterior", "acumulado", "acumulado_anterior"
    since: int | str | None = None  # desde: the first period of a series or of a variation
    last: int | None = None  # ultimos: how many periods a series keeps, up to the brief's
    base: str | None = None  # frente_a: the indicator a variation compares with
    method: str = "compuesto"
    unit: str = "numero"
    scale: float = 1.0
    decimals: int = 1
    rounding: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    missing: str = "error"  # sin_dato: "error" stops the build; "nd" prints "n.d."
    gaps: str = "error"  # faltantes: a period without a combination the others have
    category: str | None = None  # categoria: for 'puesto', the one whose position is wanted
    weight: float | str | None = None  # peso: a contribution's weight (%), or an indicator
    description: str = ""
    whole: str | None = None  # total: the series of the whole (incidences, categories)
    minus: str | None = None  # menos: what a difference takes away
    against: str | None = None  # base of 'variaciones': interanual, mensual, anual
    carry: tuple[str, ...] = ()  # columnas: text columns each category carries
    count: str = "cambios"  # cuenta of 'racha': cambios (of a level) or signos (of a rate)
    leftover: tuple[str, ...] | None = None  # resto: the parts that are what is left

    def where(self) -> Location:
        return Location(self.file, line=self.line, field=f"indicadores.{self.key}")

    def references(self) -> tuple[tuple[str, str], ...]:
        """(key, indicator) for each other indicator this one is computed from."""
        pairs = (("de", self.of), ("numerador", self.numerator),
                 ("denominador", self.denominator), ("frente_a", self.base),
                 ("total", self.whole), ("menos", self.minus))
        return tuple((key, name) for key, name in pairs if name is not None)


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
    place: str = ""  # "comprobaciones[2]"


@dataclass(frozen=True)
class _Scale(Choice):
    """``escala``: the word is read as the factor of the stored values."""

    def read(self, raw: Any, place: Place) -> float:  # type: ignore[override]
        return SCALES[str(raw)]


INDICATOR = "el nombre de un indicador declarado en 'indicadores'"
COMMON = Section((
    Key("descripcion", Text(), "Qué mide el indicador (para quien lee el informe).",
        default="", attr="description"),
    Key("unidad", Choice(UNITS), "Unidad del valor: número, soles (PEN), dólares (USD) o "
        "porcentaje.", default="numero", attr="unit"),
    Key("escala", _Scale(tuple(SCALES), message="escala desconocida '{value}'"),
        "Escala en que están los datos (`millones`: 9580 es 9,580 millones).",
        default=1.0, attr="scale"),
    Key("sin_dato", Choice(("error", "nd")), "Si el valor no se puede calcular (una "
        "variación desde cero): `error` detiene la construcción, `nd` publica «n.d.».",
        default="error", attr="missing"),
    Key("faltantes", Choice(("error", "permitir")), "Si a un periodo le faltan "
        "combinaciones de la `clave` de los datos que tienen los otros (una región que no "
        "está un año): `error` (por defecto: la serie mostraría una caída falsa) o "
        "`permitir`.", default="error", attr="gaps"),
), doc="Claves comunes a todo indicador.")
"""Keys every kind of indicator takes, besides its own."""

DATA = Key("datos", Name(), "La fuente de datos (una clave de 'datos').", required=True,
           attr="source")
VALUE = Key("valor", Name(), "La columna que se suma.", required=True, attr="value")
BY = Key("por", Name(), "La columna que nombra las partes (región, sector…).", required=True,
         attr="by")
FILTER = Key("filtro", MapOf(Anything(), label="columna: valor"),
             "Solo las filas con estos valores: `{region: Junín}`.", default={},
             attr="filters")
AT = Key("en", Anything(label="periodo"), "El periodo: el del informe (por defecto), `anterior`, "
         "`acumulado`, `acumulado_anterior` o uno escrito (2023, 2025-09).", default=None,
         attr="at")
SINCE = Key("desde", Anything(label="periodo"), "El primer periodo.", default=None, attr="since")
LAST = Key("ultimos", Integer(1, 600, "escriba cuántos periodos tiene la serie, contando el "
                              "del informe; por ejemplo 13"),
           "Cuántos periodos, contando el del informe.", default=None, attr="last")
OF = Key("de", Name(hint=INDICATOR), "La serie de la que se calcula.", required=True,
         attr="of")
BASE = Key("frente_a", Name(), "Otro valor con que se compara (en vez del año anterior).",
           default=None, attr="base")
METHOD = Key("metodo", Choice(tuple(GROWTH_METHODS)), "`compuesto` (tasa de crecimiento "
             "promedio anual) o `media_variaciones` (promedio de las variaciones anuales).",
             required=True, attr="method")
DECIMALS = Key("decimales", Integer(0, 6, "escriba cuántos decimales se muestran, por "
                                          "ejemplo 1"),
               "Decimales de las participaciones.", default=1, attr="decimals")
ROUNDING = Key("redondeo", Choice(SHARE_ROUNDING), "Cómo se redondean las participaciones: "
               "`individual` (una por una) o `mayor_resto` (suman exactamente 100). Por "
               "defecto, lo que diga el estilo.", default=None, attr="rounding")
NUMERATOR = Key("numerador", Name(), "El valor de arriba.", required=True, attr="numerator")
DENOMINATOR = Key("denominador", Name(), "El valor de abajo.", required=True,
                  attr="denominator")
CATEGORY = Key("categoria", Text(), "La categoría cuyo puesto se busca (puede ser "
               "`{{ region }}`).", required=True, attr="category")
WHOLE = Key("total", Name(hint=INDICATOR), "La serie del total: las incidencias se miden "
            "sobre su valor del año anterior.", required=True, attr="whole")
WHOLE_OPTIONAL = Key("total", Name(hint=INDICATOR), "La serie del total sobre el que se "
                     "miden incidencias y participaciones (por defecto, la suma de las "
                     "categorías).", default=None, attr="whole")
MINUS = Key("menos", Name(hint=INDICATOR), "El valor que se resta.", required=True,
            attr="minus")
AGAINST = Key("base", Choice(("interanual", "mensual", "anual")), "Con qué se compara cada "
              "periodo: el mismo mes del año anterior (`interanual`, por defecto en una "
              "serie mensual), el mes anterior (`mensual`) o el año anterior (`anual`).",
              default=None, attr="against")
CARRY = Key("columnas", ListOf(Name()), "Columnas de texto que cada categoría lleva consigo "
            "(su grupo), para elegir con `donde(grupo=…)`.", default=(), attr="carry")
WEIGHT = Key("peso", Anything(types=("number", "string"), label="número o indicador"),
             "El peso (%) de la parte en el índice: un número declarado (12.5) o el nombre "
             "de un indicador que lo da.", required=True, attr="weight")
COUNT = Key("cuenta", Choice(("cambios", "signos")), "`cambios`: periodos seguidos en que "
            "la serie subió o bajó; `signos`: periodos seguidos en que una serie de "
            "variaciones tuvo el mismo signo («por cuarto mes consecutivo»).",
            default="cambios", attr="count")

LEFTOVER = Key("resto", ListOf(Text()), "Las categorías que son un resto («Otros», "
               "«Resto del mundo»): los textos y rankings no las cuentan entre las "
               "principales y los gráficos las ponen al final. Por defecto, las que se "
               "llaman Otros, Otras, Resto, Demás, Los demás, Resto del mundo, Otros países, "
               "Otros destinos, Otros productos, Otros sectores u Otros grupos; `[]`: "
               "ninguna.", default=None, attr="leftover")
