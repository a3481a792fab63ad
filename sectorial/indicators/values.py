"""Indicator values: frozen results of computations, with their provenance.

These objects are what templates see. Their English fields serve the code; the Spanish
properties (``valor``, ``nombre``, ``part``, ``primero`` ...) are the vocabulary that brief
authors use in templates, documented in the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sectorial.errors import IndicatorError, TemplateError
from sectorial.periods import Period, PeriodError, PeriodSpan

GROWTH_EXPLAINED = {
    "tasa de crecimiento promedio anual compuesta":
        "la tasa constante que, año tras año, lleva del valor del primer año al del último",
    "promedio simple de las variaciones anuales":
        "el promedio simple de las variaciones de cada año frente al anterior",
}
"""What each growth method is (``indicators.spec.GROWTH_METHODS``), said another way."""

ARITHMETIC_HINT = ("declare la cifra como indicador: 'diferencia' (a − b), 'razon' (a / b × "
                   "100), 'variacion' (cambio %), 'incidencia' (aporte en p.p. al cambio del "
                   "total) o 'categorias' (variación e incidencia de cada parte)")


def no_arithmetic(*_: object) -> None:
    """What a template gets when it computes with a figure: an error naming the kinds."""
    raise TemplateError("no se hacen cuentas con cifras en una plantilla: una cifra calculada "
                        "ahí no queda en el registro de cifras ni pasa las comprobaciones",
                        hint=ARITHMETIC_HINT)


class Figure(float):
    """The number of an indicator as templates read it (``x.valor``): it compares and prints
    like a number, and refuses arithmetic, which belongs in a declared indicator."""

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = no_arithmetic
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = no_arithmetic
    __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = __pos__ = __abs__ = no_arithmetic


def figure(value: float | None) -> Figure | None:
    return None if value is None else Figure(value)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, the scale of its stored value, and where it came from.

    ``value`` times ``scale`` is the quantity in units (9580.0 with scale 1e6 is
    9,580 millions). ``value`` is None when it cannot be computed (a variation from zero).
    """

    value: float | None
    unit: str = "numero"
    scale: float = 1.0
    name: str = ""
    origin: str = ""
    method: str = ""
    period: Period | PeriodSpan | None = None
    partial: bool = False  # a count that reaches the data's first period: it may be more
    share: bool = False  # a part of a whole in percent: never printed as a false 0.0%
    tiny: bool = False  # a share of a part with a value that rounds to zero: "menos del 0.1%"

    @property
    def units(self) -> float | None:
        """Return the value in units (value × scale)."""
        return None if self.value is None else self.value * self.scale

    # Template vocabulary.
    @property
    def valor(self) -> Figure | None:
        return figure(self.value)

    @property
    def metodo(self) -> str:
        return self.method

    @property
    def calculo(self) -> str:
        """How a growth rate was computed, in words that do not repeat its name: for a note
        ("el crecimiento promedio anual es la tasa compuesta entre…")."""
        return GROWTH_EXPLAINED.get(self.method, self.method)

    @property
    def periodo(self) -> Period | PeriodSpan | None:
        return self.period


@dataclass(frozen=True)
class Series:
    """Values by period, in period order."""

    name: str
    points: tuple[tuple[Period, Quantity], ...]
    origin: str = ""
    legend: str = ""  # what a chart's legend calls it ("Var. % interanual")
    clipped: bool = False  # the data go further back than its first period (ultimos, desde)

    def __iter__(self) -> Iterator[Quantity]:
        return (q for _, q in self.points)

    def __len__(self) -> int:
        return len(self.points)

    def at(self, period: Period | int | str) -> Quantity:
        """Return the value of ``period``, or fail naming the periods the series has."""
        try:
            period = Period.parse(period)
        except PeriodError as exc:
            raise IndicatorError(f"la serie '{self.name}' no tiene el periodo '{period}' ({exc})",
                                 hint="use un año (2024) o un mes (2025-09)") from exc
        for p, q in self.points:
            if p == period:
                return q
        have = (f"{self.points[0][0]} a {self.points[-1][0]}" if self.points else "ninguno")
        raise IndicatorError(
            f"la serie '{self.name}' no tiene datos para {period} (tiene: {have})",
            hint="agregue ese periodo a los datos o cambie el periodo del informe",
        )

    def __getitem__(self, period: Period | int | str) -> Quantity:
        return self.at(period)

    @property
    def periods(self) -> tuple[Period, ...]:
        return tuple(p for p, _ in self.points)

    # Template vocabulary.
    @property
    def periodos(self) -> tuple[Period, ...]:
        return self.periods

    @property
    def primero(self) -> Quantity:
        return self.points[0][1]

    @property
    def ultimo(self) -> Quantity:
        return self.points[-1][1]


def places(values: list[float]) -> list[int]:
    """The place of each of ``values`` (sorted largest first) in its ranking: equal values
    share the place of the first of them, and the next takes its own ("1, 2, 2, 4")."""
    found: list[int] = []
    for index, value in enumerate(values):
        found.append(found[-1] if index and value == values[index - 1] else index + 1)
    return found


@dataclass(frozen=True)
class Share:
    """One category of a whole: its value and its share in percent (already rounded)."""

    label: str
    amount: Quantity
    percent: Quantity

    # Template vocabulary.
    @property
    def nombre(self) -> str:
        return self.label

    @property
    def valor(self) -> Quantity:
        return self.amount

    @property
    def part(self) -> Quantity:
        return self.percent


@dataclass(frozen=True)
class Shares:
    """The parts of one whole, largest first."""

    name: str
    items: tuple[Share, ...]
    total: Quantity
    origin: str = ""
    rounding: str = "individual"
    period: Period | PeriodSpan | None = None
    decimals: int = 1
    leftover: frozenset[str] = frozenset()  # the parts that are what is left ("Otros")
    _index: dict[str, Share] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({s.label: s for s in self.items})

    def _leading(self) -> tuple[Share, ...]:
        """The parts with a value that are not leftovers, largest first: the ones a text
        or a ranking names."""
        return tuple(s for s in self.items if s.amount.value and s.label not in self.leftover)

    def __iter__(self) -> Iterator[Share]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, key: str | int) -> Share:
        if isinstance(key, int):
            return self.items[key]
        try:
            return self._index[key]
        except KeyError:
            raise IndicatorError(
                f"'{self.name}' no tiene la categoría '{key}'",
                hint="categorías disponibles: " + ", ".join(self._index),
            ) from None

    # Template vocabulary.
    @property
    def primero(self) -> Share:
        """The largest part that is not a leftover ("Otros" leads nothing)."""
        leading = self._leading()
        return leading[0] if leading else self.items[0]

    def principales(self, n: int) -> tuple[Share, ...]:
        """Return the ``n`` largest parts that have a value, are not leftovers and weigh
        enough to be named among the main ones: not a part whose share prints as "menos
        del 0.1%" ("destacaron Minería (89.3%) y Agropecuario (10.6%)", without "Pesca
        (menos del 0.1%)")."""
        least = 0.5 * 10.0 ** -self.decimals  # the least share that rounds above zero
        leading = self._leading()
        weighty = tuple(s for s in leading if (s.percent.value or 0) >= least)
        return (weighty or leading[:1])[: int(n)]  # the first, when all are that small

    def antes_de(self, rank: Quantity | int) -> tuple[Share, ...]:
        """The parts ranked above ``rank`` (a 'puesto' indicator or a position)."""
        position = int(rank.value or 0) if isinstance(rank, Quantity) else int(rank)
        return self._leading()[: max(position - 1, 0)]

    def siguientes(self, start: int, n: int | None = None) -> tuple[Share, ...]:
        """Return the parts after the first ``start`` ones (with a value), at most ``n``."""
        rest = self._leading()[int(start):]
        return rest if n is None else rest[: int(n)]

    def nombres(self, n: int | None = None) -> tuple[str, ...]:
        """Return the labels of the parts with a value that are not leftovers, largest
        first."""
        labels = tuple(s.label for s in self._leading())
        return labels if n is None else labels[: int(n)]

    @property
    def sin_valor(self) -> tuple[str, ...]:
        """Return the labels of the categories whose value is zero."""
        return tuple(s.label for s in self.items if not s.amount.value)

    @property
    def periodo(self) -> Period | PeriodSpan | None:
        return self.period


@dataclass(frozen=True)
class Category:
    """One part of a whole in the period and the same period a year before: its value, its
    variation (%), its incidence on the whole's variation (p.p.), its share (%) and its
    place (1: the largest). ``facts`` are the other columns it carries (its group)."""

    label: str
    amount: Quantity
    before: Quantity
    change: Quantity
    incidence: Quantity
    share: Quantity
    rank: int
    facts: tuple[tuple[str, str], ...] = ()

    # Template vocabulary.
    @property
    def nombre(self) -> str:
        return self.label

    @property
    def valor(self) -> Quantity:
        return self.amount

    @property
    def anterior(self) -> Quantity:
        return self.before

    @property
    def variacion(self) -> Quantity:
        return self.change

    @property
    def incidencia(self) -> Quantity:
        return self.incidence

    @property
    def participacion(self) -> Quantity:
        return self.share

    @property
    def puesto(self) -> int:
        return self.rank

    @property
    def datos(self) -> dict[str, str]:
        return dict(self.facts)


@dataclass(frozen=True)
class Categories:
    """The parts of a whole, largest first, each with its variation and incidence; the
    whole itself (``total``) with its variation."""

    name: str
    items: tuple[Category, ...]
    whole: Quantity
    whole_change: Quantity
    origin: str = ""
    period: Period | PeriodSpan | None = None
    sum: Category | None = None  # the parts added up: their value, variation and incidence

    def __iter__(self) -> Iterator[Category]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, key: str | int) -> Category:
        if isinstance(key, int):
            return self.items[key]
        for item in self.items:
            if item.label == key:
                return item
        raise IndicatorError(f"'{self.name}' no tiene la categoría '{key}'",
                             hint="categorías: " + ", ".join(i.label for i in self.items))

    # Template vocabulary.
    @property
    def total(self) -> Quantity:
        return self.whole

    @property
    def variacion(self) -> Quantity:
        return self.whole_change

    def mayores(self, n: int | None = None) -> tuple[Category, ...]:
        """The largest parts by value."""
        return self.items if n is None else self.items[: int(n)]

    def alzas(self, n: int | None = None) -> tuple[Category, ...]:
        """The parts that added to the whole's change, the largest incidence first."""
        up = sorted((i for i in self.items if (i.incidence.value or 0) > 0),
                    key=lambda i: -(i.incidence.value or 0))
        return tuple(up if n is None else up[: int(n)])

    def caidas(self, n: int | None = None) -> tuple[Category, ...]:
        """The parts that took from the whole's change, the largest fall first."""
        down = sorted((i for i in self.items if (i.incidence.value or 0) < 0),
                      key=lambda i: i.incidence.value or 0)
        return tuple(down if n is None else down[: int(n)])

    def por_incidencia(self) -> tuple[Category, ...]:
        """Every part, the largest incidence (in size) first."""
        return tuple(sorted(self.items, key=lambda i: -abs(i.incidence.value or 0)))

    def donde(self, **facts: str) -> Categories:
        """The parts whose carried columns have these values (``donde(grupo="…")``)."""
        chosen = tuple(i for i in self.items
                       if all(dict(i.facts).get(k) == v for k, v in facts.items()))
        return Categories(self.name, chosen, self.whole, self.whole_change, self.origin,
                          self.period, self.sum)

    @property
    def periodo(self) -> Period | PeriodSpan | None:
        return self.period

    @property
    def suma(self) -> Category | None:
        return self.sum


Indicator = Quantity | Series | Shares | Categories
FIGURES = (Figure, Quantity, Series, Share, Shares, Category, Categories)
"""What a template may not compute with: figures come from declared indicators."""
