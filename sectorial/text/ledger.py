"""The figures ledger: every figure the text layer prints, with where it came from.

The text engine reports each filter it applies to an indicator value (``note_text``);
compose reports each label of the charts and each cell of the tables it builds
(``note_chart``, ``note_table``, ``note_cells``). The rows become ``Document.figures``
and, in ``render/ledger.py``, a CSV beside the DOCX and PDF: a reviewer takes any printed
figure and finds its indicator, exact value, data file, filters and rows, or its formula.
"""

from __future__ import annotations

import re
from typing import Any

from sectorial.doc.model import Chart, Figure, Table
from sectorial.indicators.values import (
    Categories,
    Category,
    Indicator,
    Quantity,
    Series,
    Share,
    Shares,
)
from sectorial.schema import Snippet
from sectorial.text.charts import PART_FIGURES, ChartSpec
from sectorial.text.filters import BOLD_MARK
from sectorial.text.parts import rest_figures

_PAGE = re.compile(r"^paginas\[(\d+)\]\.(\w+)")
KINDS = {"cajas": "caja", "vinetas": "viñeta", "mensaje": "mensaje", "bloques": "texto",
         "entradilla": "entradilla", "titulo": "título", "graficos": "gráfico",
         "notas": "nota", "encabezado": "encabezado", "lugar_fecha": "fecha",
         "etiqueta": "etiqueta"}


class Ledger:
    """Collects the figures of one document while it is composed."""

    def __init__(self, has_cover: bool):
        self.offset = 1 if has_cover else 0
        self.rows: list[Figure] = []
        self.skipped: list[int] = []  # pages of the brief left out (their 'si' is false)

    def skip(self, index: int) -> None:
        """The brief's page ``index`` is not printed: the ones after it move up."""
        self.skipped.append(index)

    def _where(self, field: str) -> tuple[int, str]:
        match = _PAGE.match(field)
        if not match:
            return (1, "portada" if self.offset else "título")
        index = int(match.group(1))
        moved = sum(1 for skipped in self.skipped if skipped < index)
        return index + self.offset - moved, KINDS.get(match.group(2), match.group(2))

    def note_text(self, snippet: Snippet, value: Any, printed: str) -> None:
        """A filter printed ``value`` as ``printed`` while rendering ``snippet``."""
        page, kind = self._where(snippet.field)
        printed = printed.replace(BOLD_MARK, "")  # bold marks are not printed
        for quantity in quantities(value):
            self.rows.append(_figure(page, snippet.field, snippet.line, kind, printed,
                                     quantity))

    def note_chart(self, field: str, line: int, spec: ChartSpec, chart: Chart,
                   indicators: dict[str, Indicator]) -> None:
        """Each value label of a chart, with the figure it shows."""
        self.note_cells(field, line, chart_cells(spec, chart, indicators), "gráfico")

    def note_table(self, field: str, line: int, table: Table, data: object,
                   rest_label: str) -> None:
        """Each cell of a table of shares, with the indicator value it shows."""
        page, _ = self._where(field)
        if not isinstance(data, Shares):
            return
        by_label = {share.label: share for share in data.items}
        rest = rest_figures(data, tuple(row[0] for row in table.rows), rest_label)
        for row in table.rows:
            share = by_label.get(row[0])
            grouped = share is None or row[0] == rest_label
            amount, percent = rest if grouped else (share.amount, share.percent)  # type: ignore[misc,union-attr]
            self.rows.append(_figure(page, field, line, "tabla", row[1], amount))
            if len(row) > 2:
                self.rows.append(_figure(page, field, line, "tabla", row[2], percent))

    def note_cells(self, field: str, line: int, cells: list[tuple[str, Quantity]],
                   kind: str = "cuadro") -> None:
        """Each printed cell of a cuadro, or label of a chart, with the figure it shows."""
        page, _ = self._where(field)
        for printed, quantity in cells:
            self.rows.append(_figure(page, field, line, kind, printed, quantity))

    def note_waived(self, place: str, line: int, refs: tuple[str, ...], problem: str,
                    reason: str) -> None:
        """A consistency check that failed and was let through, with its reason."""
        self.rows.append(Figure(page=0, place=place, line=line, kind="comprobación exceptuada",
                                printed=problem, indicator=", ".join(refs), value=None,
                                unit="", period="", origin=f"excepción: {reason}"))


def quantities(value: Any) -> list[Quantity]:
    """The indicator values behind a filter's argument."""
    if isinstance(value, Quantity):
        return [value]
    if isinstance(value, Share):
        return [value.amount]
    if isinstance(value, (list, tuple)):
        found: list[Quantity] = []
        for item in value:
            if isinstance(item, Category):
                found.append(item.change)  # what a list of categories prints
            else:
                found += [item.percent] if isinstance(item, Share) else quantities(item)
        return found
    return []


def _figure(page: int, place: str, line: int, kind: str, printed: str,
            quantity: Quantity) -> Figure:
    return Figure(page=page, place=place, line=line, kind=kind, printed=printed,
                  indicator=quantity.name, value=quantity.units, unit=quantity.unit,
                  period="" if quantity.period is None else quantity.period.label(),
                  origin=quantity.origin, method=quantity.method)


def chart_cells(spec: ChartSpec, chart: Chart,
                indicators: dict[str, Indicator]) -> list[tuple[str, Quantity]]:
    """Each printed label of ``chart`` with the figure it shows, for the ledger: every
    series of a chart of series, value and share of a share, the shown figure of a
    category."""
    data = indicators[spec.data]
    cells: list[tuple[str, Quantity]] = []
    if isinstance(data, Series):
        sources = [data] + ([indicators[str(spec.variation)]] if spec.variation else [])
        sources += [indicators[ref] for _, ref in spec.more]
        for series, source in zip(chart.series, sources):
            by_period = dict(source.points) if isinstance(source, Series) else {}
            for period, label in zip(data.periods, series.labels):
                if label and by_period.get(period) is not None:
                    cells.append((label, by_period[period]))
        return cells
    first = chart.series[0]
    if isinstance(data, Shares):
        by_label = {share.label: share for share in data.items}
        rest = rest_figures(data, chart.categories, spec.rest_label, spec.omit)
        for category, label in zip(chart.categories, first.labels):
            share = by_label.get(category)
            figures = rest if share is None or category == spec.rest_label else \
                (share.amount, share.percent)
            if figures and label:
                cells += [(label, figures[0]), (label, figures[1])]
    elif isinstance(data, Categories):
        attribute = PART_FIGURES[spec.show or ("variacion" if spec.kind == "barras_divergentes"
                                               else "valor")]
        by_name = {item.label: item for item in data.items}
        for category, label in zip(chart.categories, first.labels):
            if category in by_name and label:
                cells.append((label, getattr(by_name[category], attribute)))
    return cells
