"""Indicators as a brief declares them (no computation here: this stays light to import)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sectorial.errors import Location

KIND_NAMES = ("total", "serie", "participaciones", "variacion", "variaciones",
              "crecimiento_promedio", "razon", "puesto", "conteo", "racha")
"""The names a brief uses in 'tipo'; compute.KINDS maps each to its function."""

GROWTH_METHODS = {
    "compuesto": "tasa de crecimiento promedio anual compuesta",
    "media_variaciones": "promedio simple de las variaciones anuales",
}


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
    category: str | None = None  # categoria: for 'puesto', the one whose position is wanted
    description: str = ""

    def where(self) -> Location:
        return Location(self.file, line=self.line, field=f"indicadores.{self.key}")
