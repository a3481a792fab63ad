"""Typed tables and the questions indicators ask them: the only module that imports pandas.

A ``Table`` holds a source's declared columns, typed, with the file row of each record
(``_row``) and, for data with a period column, each row's period as an integer
(``_periodo``, ``Period.index``) so that selecting periods is fast. Indicators never touch
the frame: they ``select`` rows and ask a ``Selection`` for sums, groups and counts. The
data loader reads files into text grids through ``read_csv`` and ``read_excel``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from sectorial.data.spec import PERIOD_INDEX, ROW, SourceSpec
from sectorial.periods import Period

ParserError = pd.errors.ParserError
"""What pandas raises on a file it cannot read as a table."""
Grid = pd.DataFrame
"""Cells as text, one column per header name, as the loader reads them."""


def read_csv(data: bytes, **options: Any) -> Grid:
    """The cells of CSV ``data`` as text (the options are pandas' own)."""
    return pd.read_csv(io.BytesIO(data), **options)


def read_excel(source: Any, sheet: str | int, skip: int) -> Grid:
    """The cells of an Excel sheet as text, from row ``skip`` + 1 down."""
    return pd.read_excel(source, sheet_name=sheet, header=None, skiprows=skip, dtype=str,
                         keep_default_na=False, na_filter=False, engine="openpyxl")


def typed_frame(data: bytes, numbers: Sequence[str], integers: Sequence[str]) -> Grid:
    """A CSV of sectorial's own (UTF-8 with BOM) as a DataFrame: the cells as text, but
    ``numbers`` as floats and ``integers`` as nullable integers (an empty cell: missing)."""
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)
    for column in numbers:
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    for column in integers:
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    return frame


def empty_grid(columns: Sequence[str]) -> Grid:
    return pd.DataFrame(columns=list(columns))


@dataclass(frozen=True)
class Table:
    """A loaded table: typed columns, and the file row of each record for error messages."""

    spec: SourceSpec
    frame: pd.DataFrame

    @classmethod
    def of(cls, spec: SourceSpec, columns: Mapping[str, list], rows: list[int]) -> Table:
        """The table of typed ``columns`` read from the file ``rows``."""
        frame = pd.DataFrame(dict(columns))
        frame[ROW] = rows
        table = cls(spec, frame)
        if table.period_column is not None:
            frame[PERIOD_INDEX] = [p.index if isinstance(p, Period) else -1
                                   for p in frame[table.period_column]]
        return table

    @property
    def period_column(self) -> str | None:
        """Return the name of the column declared as ``periodo``, if any."""
        return next((c for c, t in self.spec.columns.items() if t == "periodo"), None)

    @cached_property
    def periods(self) -> tuple[Period, ...]:
        """The distinct periods of the data, in order (empty without a period column)."""
        if self.period_column is None:
            return ()
        return tuple(sorted(set(self.frame[self.period_column].dropna())))

    @cached_property
    def period_set(self) -> frozenset[Period]:
        return frozenset(self.periods)

    def values(self, column: str) -> list:
        """Every value of ``column``, in file order."""
        return self.frame[column].tolist()

    def records(self) -> list[dict[str, Any]]:
        """Each row as a mapping of column to value (``_row``: its row in the file)."""
        return self.frame.to_dict("records")

    def repeated(self, columns: Sequence[str]) -> list[tuple[list[int], dict[str, Any]]]:
        """The groups of rows that share the values of ``columns``: (file rows, values)."""
        frame = self.frame[self.frame.duplicated(list(columns), keep=False)]
        return [(group[ROW].tolist(), {c: group.iloc[0][c] for c in columns})
                for _, group in frame.groupby(list(columns), sort=False)]

    def select(self, equals: Mapping[str, object] | None = None,
               periods: Iterable[int] | None = None,
               excluded: Mapping[str, tuple] | None = None) -> Selection:
        """The rows whose columns equal ``equals`` (a tuple: one of its values), whose
        period index is in ``periods``, and whose columns hold none of ``excluded``."""
        frame = self.frame
        if periods is not None:
            frame = frame[frame[PERIOD_INDEX].isin(list(periods))]
        for column, value in (equals or {}).items():
            if isinstance(value, tuple):
                frame = frame[frame[column].isin(list(value))]
            else:
                frame = frame[frame[column] == value]
        for column, values in (excluded or {}).items():
            frame = frame[~frame[column].isin(list(values))]
        return Selection(frame)

    def rows_by_value(self, column: str) -> dict[str, list[int]]:
        """Each distinct value of a column with the file rows that hold it."""
        found: dict[str, list[int]] = {}
        for value, row in zip(self.frame[column], self.frame[ROW]):
            found.setdefault(str(value), []).append(int(row))
        return found

    def without_rows(self, rows: set[int]) -> Table:
        """The table without the records of these file rows."""
        return Table(self.spec, self.frame[~self.frame[ROW].isin(list(rows))])

    def column_sums(self, rows: list[int], columns: list[str]) -> dict[str, float]:
        """The sum of each of ``columns`` over the records of these file rows."""
        chosen = self.frame[self.frame[ROW].isin(rows)]
        return {c: float(chosen[c].sum()) for c in columns}

    def by_row(self) -> dict[int, dict[str, object]]:
        """Each record's declared values, by its file row."""
        columns = list(self.spec.columns)
        return {int(row): dict(zip(columns, values)) for row, values in
                zip(self.frame[ROW], self.frame[columns].itertuples(index=False, name=None))}

    def texts(self, column: str) -> tuple[str, ...]:
        """The distinct values of a text column, in the order they first appear (worked out
        once per column: every filter of every document compares with them)."""
        if column not in self._texts:
            self._texts[column] = tuple(dict.fromkeys(str(v) for v in self.frame[column]))
        return self._texts[column]

    @cached_property
    def _texts(self) -> dict[str, tuple[str, ...]]:
        return {}


@dataclass(frozen=True)
class Groups:
    """Sums by group (label, sum), and the sum of them all."""

    pairs: tuple[tuple[Any, float], ...]
    total: float


@dataclass(frozen=True)
class Selection:
    """Some rows of a table."""

    frame: pd.DataFrame

    @property
    def empty(self) -> bool:
        return bool(self.frame.empty)

    @property
    def rows(self) -> list[int]:
        """The file rows of the selected records."""
        return self.frame[ROW].tolist()

    def within(self, periods: Iterable[int]) -> Selection:
        """The selected rows whose period index is in ``periods``."""
        return Selection(self.frame[self.frame[PERIOD_INDEX].isin(list(periods))])

    def total(self, column: str) -> float:
        return float(self.frame[column].sum())

    def totals(self, by: str, column: str, *, ordered: bool = False) -> Groups:
        """The sum of ``column`` for each value of ``by``: in order of appearance, or sorted
        by the value of ``by`` (``ordered``)."""
        sums = self.frame.groupby(by, sort=ordered)[column].sum()
        return Groups(tuple((label, float(value)) for label, value in sums.items()),
                      float(sums.sum()))

    def distinct(self, column: str) -> int:
        return int(self.frame[column].nunique())

    def keys_by(self, by: str, columns: Sequence[str]) -> dict[Any, set[tuple]]:
        """For each value of ``by`` (a period), the combinations of ``columns`` its rows
        hold."""
        found: dict[Any, set[tuple]] = {}
        for label, group in self.frame.groupby(by, sort=False):
            found[label] = set(group[list(columns)].itertuples(index=False, name=None))
        return found

    def facts(self, by: str, columns: Sequence[str]) -> dict[str, dict[str, list[str]]]:
        """For each value of ``by``, the distinct values of each of ``columns``."""
        found: dict[str, dict[str, list[str]]] = {}
        for label, group in self.frame.groupby(by, sort=False):
            found[str(label)] = {c: sorted({str(v) for v in group[c]}) for c in columns}
        return found
