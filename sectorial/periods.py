"""Periods: a year (``2024``) or a month (``2025-09``), as values with their arithmetic.

Data files, briefs, the command line and templates all speak of periods through this class,
so that "the same month a year before", "enero-setiembre" and "the last 13 months" are
computed in one place. Templates read the Spanish properties (``nombre``, ``anterior``,
``acumulado``...); ``str()`` gives the code used in file names ("2024", "2025-09").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering

from sectorial.lang.phrases import MONTHS, fold, month_name

# Peruvian abbreviations first ("Set"), then the ones other spreadsheets use ("Sep").
_ABBREVIATIONS = {name[:3]: number for number, name in enumerate(MONTHS, start=1)}
_ABBREVIATIONS.update({"sep": 9, "sept": 9, "septiembre": 9, "dic": 12})
_ABBREVIATIONS.update({name: number for number, name in enumerate(MONTHS, start=1)})
SHORT_MONTHS = ("Ene", "Feb", "Mar", "Abr", "May", "Jun",
                "Jul", "Ago", "Set", "Oct", "Nov", "Dic")  # fmt: skip

_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")
_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")  # 2025-09, 2025/9
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00:00)?$")  # Excel date cells
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")  # 09/2025
_NAMED = re.compile(r"^([a-z]+)\.?(?:\s*[-/ ]\s*|\s+de\s+)(\d{4}|\d{2})$")  # Set-2025
_DAY_MONTH_YEAR = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")  # 01/02/2023: ambiguous


class PeriodError(ValueError):
    """A text that is not a period; the message is Spanish and says what is accepted."""


@total_ordering
@dataclass(frozen=True)
class Period:
    """A calendar year (``month`` is None) or one month of a year."""

    year: int
    month: int | None = None

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2200:
            raise PeriodError(f"año fuera de rango: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise PeriodError(f"mes no válido: {self.month} (use un número del 1 al 12)")

    # -- reading -------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: object) -> Period:
        """Read a period as people and spreadsheets write it; refuse what is ambiguous.

        >>> [str(Period.parse(t)) for t in ("2024", "2025-09", "Set-2025", "setiembre 2025")]
        ['2024', '2025-09', '2025-09', '2025-09']
        >>> str(Period.parse("2025-09-01 00:00:00")), str(Period.parse("09/2025"))
        ('2025-09', '2025-09')
        >>> Period.parse("01/02/2023")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        sectorial.periods.PeriodError: fecha ambigua '01/02/2023': puede ser 1 de febrero ...
        """
        if isinstance(text, Period):
            return text
        if isinstance(text, int) and not isinstance(text, bool):
            return cls(text)
        if isinstance(text, dt.date):
            return cls._from_date(text.year, text.month, text.day, str(text))
        raw = str(text).strip()
        lowered = fold(raw)
        if match := _YEAR.match(lowered):
            return cls(int(match.group(1)))
        if match := _ISO_MONTH.match(lowered):
            return cls(int(match.group(1)), _month(int(match.group(2)), raw))
        if match := _ISO_DATE.match(lowered):
            year, month, day = (int(g) for g in match.groups())
            return cls._from_date(year, month, day, raw)
        if match := _MONTH_YEAR.match(lowered):
            return cls(int(match.group(2)), _month(int(match.group(1)), raw))
        if match := _NAMED.match(lowered):
            word, year_text = match.groups()
            number = _ABBREVIATIONS.get(word)
            if number is None:
                raise PeriodError(f"mes no reconocido '{raw}'")
            year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
            return cls(year, number)
        if _DAY_MONTH_YEAR.match(lowered):
            first, second = re.split(r"[-/.]", lowered)[:2]
            raise PeriodError(
                f"fecha ambigua '{raw}': puede ser {int(first)} de {month_name(int(second))} "
                f"o {int(second)} de {month_name(int(first))}"
                if int(first) <= 12 and int(second) <= 12 and first != second
                else f"fecha con día '{raw}': los datos van por mes o por año"
            )
        raise PeriodError(f"periodo no válido '{raw}'")

    @classmethod
    def _from_date(cls, year: int, month: int, day: int, raw: str) -> Period:
        if day != 1:
            raise PeriodError(f"fecha con día '{raw}': los datos van por mes o por año")
        return cls(year, _month(month, raw))

    # -- arithmetic ----------------------------------------------------------------------
    @property
    def monthly(self) -> bool:
        return self.month is not None

    @property
    def index(self) -> int:
        """Position on a line of periods of the same kind (years, or months since year 0)."""
        return self.year if self.month is None else self.year * 12 + self.month - 1

    def _same_kind(self, other: Period) -> None:
        if self.monthly != other.monthly:
            raise PeriodError(f"no se puede comparar un año con un mes ({self} y {other})")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        self._same_kind(other)
        return self.index < other.index

    def __add__(self, steps: int) -> Period:
        """Move ``steps`` periods of this kind (years or months) forward."""
        if not isinstance(steps, int):
            return NotImplemented
        if self.month is None:
            return Period(self.year + steps)
        index = self.index + steps
        return Period(index // 12, index % 12 + 1)

    def __sub__(self, other: int | Period) -> Period | int:  # type: ignore[override]
        """``period - 1`` is the period before; ``period - other`` counts the steps between."""
        if isinstance(other, Period):
            self._same_kind(other)
            return self.index - other.index
        if isinstance(other, int):
            return self + (-other)
        return NotImplemented

    def year_before(self) -> Period:
        """The same period one year earlier: the base of an interannual variation."""
        return Period(self.year - 1, self.month)

    def year_to_date(self) -> tuple[Period, ...]:
        """January to this month (a year is its own whole)."""
        if self.month is None:
            return (self,)
        return tuple(Period(self.year, m) for m in range(1, self.month + 1))

    def last(self, count: int) -> tuple[Period, ...]:
        """The ``count`` periods that end with this one, oldest first."""
        return tuple(self - (count - 1 - i) for i in range(count))  # type: ignore[misc]

    def through(self, end: Period) -> tuple[Period, ...]:
        """Every period from this one to ``end``, both included."""
        return tuple(self + i for i in range(int(end - self) + 1))  # type: ignore[call-overload]

    # -- writing -------------------------------------------------------------------------
    def __str__(self) -> str:
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"

    def label(self) -> str:
        """ "2024", or "setiembre 2025" (titles and running text)."""
        return str(self.year) if self.month is None else f"{month_name(self.month)} {self.year}"

    def short(self) -> str:
        """A chart category: "2024", or "Set-25"."""
        if self.month is None:
            return str(self.year)
        return f"{SHORT_MONTHS[self.month - 1]}-{self.year % 100:02d}"

    # -- template vocabulary -------------------------------------------------------------
    @property
    def anio(self) -> int:
        return self.year

    @property
    def mes(self) -> int | None:
        return self.month

    @property
    def codigo(self) -> str:
        return str(self)

    @property
    def nombre(self) -> str:
        return self.label()

    @property
    def nombre_mes(self) -> str:
        return month_name(self.month) if self.month else ""

    @property
    def largo(self) -> str:
        """ "setiembre de 2023" (running text, as the bulletins write it), or "2024"."""
        return str(self.year) if self.month is None else \
            f"{month_name(self.month)} de {self.year}"

    @property
    def corto(self) -> str:
        return self.short()

    @property
    def anterior(self) -> Period:
        return self.year_before()

    @property
    def acumulado(self) -> PeriodSpan:
        return PeriodSpan(self.year_to_date())

    @property
    def mensual(self) -> bool:
        return self.monthly


@dataclass(frozen=True)
class PeriodSpan:
    """Consecutive periods, such as January to September of a year."""

    periods: tuple[Period, ...]

    def __str__(self) -> str:
        return self.label()

    @property
    def largo(self) -> str:
        """In running text: "enero-setiembre de 2025", "enero de 2025", "2023-2024"."""
        first, last = self.periods[0], self.periods[-1]
        if first.month is None or last.month is None or first.year != last.year:
            return self.label() if first != last else first.largo
        return self.label().rsplit(" ", 1)[0] + f" de {last.year}"

    def label(self) -> str:
        """ "enero-setiembre 2025", "enero 2025", or "2023-2024".

        >>> Period(2025, 9).acumulado.label(), Period(2024, 9).acumulado.anterior.label()
        ('enero-setiembre 2025', 'enero-setiembre 2023')
        """
        first, last = self.periods[0], self.periods[-1]
        if first == last:
            return first.label()
        if first.month is None or last.month is None:
            return f"{first.year}-{last.year}"
        if first.year == last.year:
            return f"{month_name(first.month)}-{month_name(last.month)} {last.year}"
        return f"{first.label()}-{last.label()}"

    @property
    def nombre(self) -> str:
        return self.label()

    def __len__(self) -> int:
        return len(self.periods)

    @property
    def anterior(self) -> PeriodSpan:
        return PeriodSpan(tuple(p.year_before() for p in self.periods))


def _month(number: int, raw: str) -> int:
    if not 1 <= number <= 12:
        raise PeriodError(f"mes no válido en '{raw}' (use un número del 1 al 12)")
    return number


PERIOD_HELP = ("escriba el año (2024) o el mes como AAAA-MM (2025-09); también se aceptan "
               "«Set-2025» y «setiembre 2025»")
