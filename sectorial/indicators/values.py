"""Indicator values: frozen results of computations, with their provenance.

These objects are what templates see. Their English fields serve the code; the Spanish
properties (``valor``, ``nombre``, ``part``, ``primero`` ...) are the vocabulary that brief
authors use in templates, documented in the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sectorial.errors import IndicatorError
from sectorial.periods import Period, PeriodError, PeriodSpan


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

    @property
    def units(self) -> float | None:
        """Return the value in units (value × scale)."""
        return None if self.value is None else self.value * self.scale

    # Template vocabulary.
    @property
    def valor(self) -> float | None:
        return self.value

    @property
    def metodo(self) -> str:
        return self.method

    @property
    def periodo(self) -> Period | PeriodSpan | None:
        return self.period


@dataclass(frozen=True)
class Series:
    """Values by period, in period order."""

    name: str
    points: tuple[tuple[Period, Quantity], ...]
    origin: str = ""

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
    _index: dict[str, Share] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({s.label: s for s in self.items})

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
        return self.items[0]

    def principales(self, n: int) -> tuple[Share, ...]:
        """Return the ``n`` largest parts that have a value."""
        return tuple(s for s in self.items if s.amount.value)[: int(n)]

    def siguientes(self, start: int, n: int | None = None) -> tuple[Share, ...]:
        """Return the parts after the first ``start`` ones (with a value), at most ``n``."""
        rest = tuple(s for s in self.items if s.amount.value)[int(start):]
        return rest if n is None else rest[: int(n)]

    def nombres(self, n: int | None = None) -> tuple[str, ...]:
        """Return the labels of the parts with a value, largest first."""
        labels = tuple(s.label for s in self.items if s.amount.value)
        return labels if n is None else labels[: int(n)]

    @property
    def sin_valor(self) -> tuple[str, ...]:
        """Return the labels of the categories whose value is zero."""
        return tuple(s.label for s in self.items if not s.amount.value)

    @property
    def periodo(self) -> Period | PeriodSpan | None:
        return self.period


Indicator = Quantity | Series | Shares
