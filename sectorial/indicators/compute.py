"""Compute every indicator of a brief, in dependency order, reporting all failures at once.

Each kind's function (``sums``, ``changes``, declared in ``registry.INDICATORS``) takes the
indicator's spec and a ``Context``: the tables, a resolver for the indicators it is
computed from, the brief's period and the rounding rule of shares. It returns a frozen
value that says where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sectorial.errors import IndicatorError, SectorialError, closest, raise_all
from sectorial.indicators.lineage import traced
from sectorial.indicators.registry import INDICATORS
from sectorial.indicators.spec import IndicatorSpec
from sectorial.indicators.values import Indicator, Quantity, Series
from sectorial.lang.phrases import fold, spelled_alike
from sectorial.periods import Period, PeriodError, PeriodSpan

if TYPE_CHECKING:
    from sectorial.data.table import Selection, Table

Resolver = Callable[[str], Indicator]
Target = Period | tuple[Period, ...]
"""One period, or several added together (January to September)."""


def compute_all(
    specs: Mapping[str, IndicatorSpec],
    tables: Mapping[str, Table],
    period: Period | int,
    rounding: str,
) -> dict[str, Indicator]:
    """Compute every indicator, resolving references; report every failure at once.

    ``rounding`` is how shares are rounded where an indicator does not say
    (``individual`` or ``mayor_resto``): the brief's policy, not the renderers'."""
    period = Period.parse(period)
    done: dict[str, Indicator] = {}
    files: dict[str, tuple[str, ...]] = {}  # the data files each indicator rests on
    errors: list[SectorialError] = []
    active: list[str] = []

    def resolve(key: str) -> Indicator:
        if key in done:
            return done[key]
        if key in active:
            raise IndicatorError("referencia circular: " + " → ".join([*active, key]))
        spec = specs[key]
        active.append(key)
        used = [tables[spec.source].spec.path.name] if spec.source in tables else []

        def depend(name: str) -> Indicator:
            found = resolve(name)
            used.extend(files.get(name, ()))
            return found

        try:
            result = INDICATORS[spec.kind].function(spec, Context(tables, depend, period,
                                                                  rounding))
        except SectorialError as exc:
            if exc.where is None:
                exc.where = spec.where()
            raise
        finally:
            active.pop()
        files[key] = tuple(dict.fromkeys(used))
        done[key] = traced(result, files[key])
        return done[key]

    for key in specs:
        try:
            resolve(key)
        except SectorialError as exc:
            if str(exc) not in map(str, errors):  # one built on a failed one fails alike
                errors.append(exc)
    raise_all(errors)
    return done


@dataclass(frozen=True)
class Context:
    """What an indicator's function reads besides its spec."""

    tables: Mapping[str, Table]
    resolve: Resolver
    period: Period
    rounding: str

    def target_period(self, spec: IndicatorSpec) -> Target:
        """Return the period ``en`` asks for: the brief's, the year before, or year to date."""
        at = spec.at
        if at in (None, "actual"):
            return self.period
        if at == "anterior":
            return self.period.year_before()
        if at == "acumulado":
            return self.period.year_to_date()
        if at == "acumulado_anterior":
            return self.period.year_before().year_to_date()
        return period_of(at, spec, "en")

    def series(self, spec: IndicatorSpec) -> Series:
        found = self.resolve(str(spec.of))
        if not isinstance(found, Series):
            raise IndicatorError(
                f"'de: {spec.of}' debe ser un indicador de tipo 'serie'",
                hint="indique en 'de' el nombre de una serie",
            )
        return found

    def quantity(self, name: str, why: str) -> Quantity:
        """The indicator ``name``, which must be one value (``why`` says for what)."""
        found = self.resolve(name)
        if not isinstance(found, Quantity):
            raise IndicatorError(f"'{name}' debe ser un valor {why}")
        return found

    def rows(self, spec: IndicatorSpec, period: Target | None) -> tuple[Selection, str]:
        """The rows of the spec's source in ``period`` that pass its filters, and a
        description of them ("empleo.csv [anio=2024, sexo=Mujer], filas 12-20")."""
        table = self.tables[str(spec.source)]
        described: list[str] = []
        indexes = None
        if period is not None:
            described.append(f"{period_column(spec, table)}={_label(period)}")
            indexes = _period_indexes(table, period, spec)
        equals: dict[str, object] = {}
        excluded: dict[str, tuple] = {}
        for column, wanted in spec.filters.items():
            if isinstance(wanted, dict):  # {excepto: [Lima, Callao]}
                values = _filter_values(table, column, _excepted(wanted, column, spec), spec)
                excluded[column] = values
                described.append(f"{column} excepto {', '.join(map(str, values))}")
            elif isinstance(wanted, (list, tuple)):  # [Ica, Arequipa]
                equals[column] = _filter_values(table, column, wanted, spec)
                described.append(f"{column} en {', '.join(map(str, equals[column]))}")
            else:
                equals[column] = _filter_value(table, column, wanted, spec)
                described.append(f"{column}={equals[column]}")
        selection = table.select(equals, indexes, excluded)
        rows = row_ranges(selection.rows)
        origin = f"{table.spec.path.name}" + (f" [{', '.join(described)}]" if described else "")
        return selection, f"{origin}, filas {rows}" if rows else origin

    def period_rows(self, spec: IndicatorSpec
                    ) -> tuple[Selection, str, Period | PeriodSpan | None]:
        """The rows of the period ``en`` asks for (all rows when the data have no period),
        their description, and the period the result is for."""
        has_period = self.tables[str(spec.source)].period_column is not None
        target = self.target_period(spec) if has_period else None
        selection, origin = self.rows(spec, target)
        return selection, origin, PeriodSpan(target) if isinstance(target, tuple) else target


def period_of(value: object, spec: IndicatorSpec, key: str) -> Period:
    """The period written in ``key`` of the spec, or an error naming it."""
    try:
        return Period.parse(value)
    except PeriodError as exc:
        raise IndicatorError(
            f"'{key}: {value}' no es un periodo ({exc})",
            spec.where(),
            "escriba un año (2024), un mes (2025-09), 'anterior', 'acumulado' o "
            "'acumulado_anterior'",
        ) from exc


def operands(*named: tuple[str, Quantity | Series]) -> str:
    """Where each operand of a derived figure comes from, to add to its origin:
    "; mes: suma de 'valor_fob_usd' en exportaciones.csv [...], filas 12-40". An operand
    named the same way twice (a series at two periods) is said once."""
    said: list[str] = []
    for name, operand in named:
        text = f"{name}: {operand.origin}"
        if operand.origin and operand.origin not in " ".join(said):
            said.append(text)
    return "".join(f"; {text}" for text in said)


def quantity(spec: IndicatorSpec, value: float | None, origin: str, **kw: object) -> Quantity:
    """A value of the spec's unit and scale, named after it."""
    return Quantity(
        value=value, unit=spec.unit, scale=spec.scale, name=spec.key, origin=origin, **kw
    )


def period_column(spec: IndicatorSpec, table: Table) -> str:
    if table.period_column is None:
        raise IndicatorError(
            f"los datos '{spec.source}' no tienen una columna de tipo 'periodo'",
            hint="declare en 'columnas' la columna del año o del mes como 'periodo'",
        )
    return table.period_column


def row_ranges(rows: list[int]) -> str:
    """Return "2-7, 10" for rows [2, 3, 4, 5, 6, 7, 10]."""
    parts: list[tuple[int, int]] = []
    for row in sorted(rows):
        if parts and parts[-1][1] == row - 1:
            parts[-1] = (parts[-1][0], row)
        else:
            parts.append((row, row))
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in parts)


def _label(target: Target) -> str:
    return str(target) if isinstance(target, Period) else PeriodSpan(target).label()


def _filter_value(table: Table, column: str, wanted: object, spec: IndicatorSpec) -> object:
    """The filter's value as the column's type reads it (a period, a whole number, a text)."""
    kind = table.spec.columns.get(column)
    if kind is None:
        raise IndicatorError(
            f"el filtro usa la columna '{column}', que no está declarada en "
            f"'datos.{spec.source}.columnas'",
            hint="declare la columna o corrija el filtro",
        )
    if kind == "periodo":
        return period_of(wanted, spec, f"filtro.{column}")
    if kind in ("entero", "conteo"):
        return int(wanted)  # type: ignore[call-overload]
    return _text_value(table, column, str(wanted), spec)


def _filter_values(table: Table, column: str, wanted: object,
                   spec: IndicatorSpec) -> tuple:
    """The values of a list filter, each as the column reads it."""
    items = wanted if isinstance(wanted, (list, tuple)) else [wanted]
    if not items:
        raise IndicatorError(f"el filtro '{column}' es una lista vacía",
                             hint="escriba al menos un valor, o quite el filtro")
    return tuple(dict.fromkeys(_filter_value(table, column, item, spec) for item in items))


def _excepted(wanted: dict, column: str, spec: IndicatorSpec) -> object:
    if set(wanted) != {"excepto"}:
        raise IndicatorError(
            f"el filtro '{column}' es un diccionario: solo admite 'excepto'",
            hint=f"escriba {column}: {{excepto: [Lima, Callao]}} para dejar fuera valores, o "
            f"{column}: [Ica, Arequipa] para tomar varios")
    return wanted["excepto"]


def _text_value(table: Table, column: str, wanted: str, spec: IndicatorSpec) -> str:
    """The column's own spelling of ``wanted``, compared as ``--region`` compares (without
    accents or case: "junin" is "Junín"); a value no row has is an error that suggests the
    closest one (a filter that matches nothing would print a wrong figure)."""
    values = table.texts(column)
    if wanted in values:
        return wanted
    same = spelled_alike(wanted, values)
    if len(same) == 1:
        return same[0]
    folded = {fold(v): v for v in values}
    guess = closest(fold(wanted), list(folded))
    hint = (f"¿quiso decir '{folded[guess]}'?" if guess else
            "valores de la columna: " + ", ".join(values[:12]) + ("…" if len(values) > 12
                                                                  else ""))
    raise IndicatorError(f"ninguna fila de {table.spec.path.name} tiene '{wanted}' en la "
                         f"columna '{column}' (filtro)", hint=hint)


def _period_indexes(table: Table, target: Target, spec: IndicatorSpec) -> list[int]:
    """The period indexes of ``target``; a year of monthly data is its twelve months.

    A period the data does not cover is an error naming the last period they have.
    """
    wanted = (target,) if isinstance(target, Period) else target
    have = table.periods
    if not have:
        raise IndicatorError(f"los datos '{spec.source}' no tienen filas",
                             hint="complete el archivo de datos")
    monthly_data = have[0].monthly
    expanded: list[Period] = []
    for period in wanted:
        if period.monthly and not monthly_data:
            raise IndicatorError(
                f"se pide el mes {period} y los datos '{spec.source}' son anuales",
                hint="use datos mensuales o pida un año",
            )
        if monthly_data and not period.monthly:
            expanded.extend(Period(period.year, m) for m in range(1, 13))
        else:
            expanded.append(period)
    missing = [p for p in expanded if p not in table.period_set]
    if missing:
        raise IndicatorError(
            f"los datos '{spec.source}' ({table.spec.path.name}) no cubren "
            f"{', '.join(map(str, missing[:3]))}{'…' if len(missing) > 3 else ''}: "
            f"llegan hasta {have[-1]} (desde {have[0]})",
            hint="actualice el archivo de datos o pida un periodo que tengan (--period)",
        )
    return [p.index for p in expanded]
