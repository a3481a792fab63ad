"""What every renderer must agree on: the chart grid of a page, each chart's size and axis
ranges, and the widths of a table's columns. Renderers only draw what this decides.

A light module (no drawing library): the DOCX renderer sizes its native charts from it
without the pictures, so a DOCX of native charts can be written before, or without, them.
"""

from __future__ import annotations

import math

from sectorial.doc.model import (
    ArticlePage,
    Chart,
    Document,
    Page,
    Table,
    TopicPage,
    page_charts,
)
from sectorial.lang.numbers import SCALE_NAMES
from sectorial.style.model import PageSetup

# The cover, alike in both formats: a dark band on the right with a strip of the primary
# colour along its left edge, the text on the left, the series name at a share of the height.
COVER_BAND_SHARE = 0.36  # of the page's width
COVER_STRIP_MM = 5.0
COVER_TEXT_GAP_MM = 14.0  # between the text and the band
COVER_SERIES_AT = 0.38  # of the page's height, from the top
LOGO_MAX_RATIO = 12.0  # a logo in the band at most 12 times as wide as the band is tall

CHARTS_PER_ROW = 3
# Chart size (width, height in mm) by the number of charts that share a page row.
SIZES_MM = {1: (190.0, 92.0), 2: (128.0, 88.0), 3: (84.0, 84.0)}
CHART_GAP_MM = 8.0  # between the charts of a row
# Room above the tallest bar for its label, as a share of it: columns, bars.
COLUMNS_HEADROOM, BARS_HEADROOM = 1.18, 1.32
# Columns under a variation line fill the lower part of the plot, the line the band above.
UNDER_LINE_HEADROOM, LINE_BELOW, LINE_ABOVE = 2.2, 1.7, 0.3


def chart_rows(charts: tuple[Chart, ...]) -> list[tuple[Chart, ...]]:
    """The rows a page's charts are laid out in: side by side, at most three a row."""
    return [charts[start:start + CHARTS_PER_ROW]
            for start in range(0, len(charts), CHARTS_PER_ROW)]


def chart_size_mm(charts_in_row: int, room_mm: float = math.inf) -> tuple[float, float]:
    """Return the drawing size of a chart in a row of ``charts_in_row`` charts that share
    ``room_mm`` of width (with ``CHART_GAP_MM`` between them)."""
    count = min(charts_in_row, CHARTS_PER_ROW)
    return fitted(SIZES_MM[count], (room_mm - CHART_GAP_MM * (count - 1)) / count)


def fitted(size: tuple[float, float], cell_mm: float) -> tuple[float, float]:
    """The house ``size``, or narrower (and as much lower) when the cell has less room: the
    page draws a chart at the size it was laid out for, so its text stays at the house
    style's size."""
    width, height = size
    return (width, height) if cell_mm >= width else (cell_mm, height * cell_mm / width)


def chart_sizes(doc: Document, page: PageSetup) -> dict[str, tuple[float, float]]:
    """Return the drawing size (width, height in mm) of every chart of ``doc`` by key, on
    pages of the house style's ``page`` setup."""
    body = page.width_mm - page.margin_left_mm - page.margin_right_mm
    sizes: dict[str, tuple[float, float]] = {}
    for part in doc.pages:
        for row in _rows(part):
            for chart in row:  # a chart beside a table takes half the row
                sizes[chart.key] = (fitted(SIZES_MM[2], body * BESIDE_SHARE)
                                    if beside_table(part) else chart_size_mm(len(row), body))
    return sizes


LEAST_SLICE = 2.5  # percent: a smaller slice of a donut joins the rest, whose label fits
CHART_ROOM_MM = 60.0  # the least height a row of charts keeps when a page has many bullets


def bullets_that_fit(heights: list[float], room: float, reserved: float) -> int:
    """How many bullets of these heights (each with its gap) fit in ``room`` once
    ``reserved`` is kept for what goes above them (the charts); the rest go on to a
    continuation page.

    >>> bullets_that_fit([10, 10, 10], 100, 75), bullets_that_fit([10], 100, 0)
    (2, 1)
    """
    used = 0.0
    for count, height in enumerate(heights):
        if used + height > room - reserved:
            return count
        used += height
    return len(heights)


BESIDE_SHARE = 0.5  # of the body's width: the chart's side of a chart beside a table


def beside_table(page: Page) -> bool:
    """Whether a topic page sets its chart beside its tables (one chart and tables): left
    the chart, right the tables; more charts go in rows above the tables."""
    return isinstance(page, TopicPage) and len(page.charts) == 1 and bool(page.tables)


def _rows(page: Page) -> list[tuple[Chart, ...]]:
    # Charts of running text stand alone across the column; topic pages share rows.
    charts = page_charts(page)
    if isinstance(page, ArticlePage):
        return [(chart,) for chart in charts]
    return chart_rows(charts)


def value_range(chart: Chart) -> tuple[float, float]:
    """The range of the value axis of the chart's bars (the first series, or all of grouped
    columns): from zero, with room beyond
    the longest bar for its label, on each side of zero that has bars (a line chart's
    values spread as its drawer likes)."""
    values = [v for v in _bar_values(chart) if not math.isnan(v)]
    top, low = max(values, default=0.0), min(values, default=0.0)
    if chart.kind == "columns_line":  # the line runs in the band above the columns
        low = min(low, 0.0) * COLUMNS_HEADROOM  # a column below zero is drawn whole
        return low, max(top, 0.0) * UNDER_LINE_HEADROOM or -low or 1.0
    headroom = BARS_HEADROOM if chart.kind in ("hbars", "diverging") else COLUMNS_HEADROOM
    if low >= 0:
        return 0.0, (top or 1.0) * headroom
    room = (headroom - 1) * max(-low, top)
    return low - room, max(top, 0.0) + room


def _bar_values(chart: Chart) -> list[float]:
    """The values the bars draw: the first series, or every series of grouped columns."""
    if chart.kind == "columns":
        return [v for series in chart.series for v in series.values]
    return list(chart.series[0].values)


def label_offset(chart: Chart) -> float:
    """How far from a bar's end its label starts, in the value axis' units."""
    values = [v for v in _bar_values(chart) if not math.isnan(v)]
    if min(values, default=0.0) >= 0:
        return max(values, default=0.0) or 1.0
    return max((abs(v) for v in values), default=1.0) or 1.0


PT_MM = 25.4 / 72
GLYPH_WIDTH = 0.58  # a label's average character, as a share of its size


def crowded_axis(chart: Chart, width_mm: float, size_pt: float) -> bool:
    """Whether the category labels, side by side at ``size_pt``, would touch in a chart
    ``width_mm`` wide: then they turn upright (25 months in a third of the page)."""
    count = len(chart.categories)
    if count < 2:
        return False
    longest = max(len(c) for c in chart.categories)
    return longest * size_pt * GLYPH_WIDTH * PT_MM * 1.15 > width_mm * 0.98 / count


LABEL_SHARE = 0.45  # of a bar chart's width, the most its category labels take
LABEL_LINES = 3


def wrapped_labels(categories: tuple[str, ...], width_mm: float, size_pt: float
                   ) -> tuple[str, ...]:
    r"""Category labels of a bar chart broken into lines that fit ``LABEL_SHARE`` of its
    width (at most three; a longer one ends in "…"), so that none is cut at the edge.

    >>> wrapped_labels(("Minería", "Productos químicos orgánicos e inorgánicos diversos"),
    ...                100, 8)
    ('Minería', 'Productos químicos\norgánicos e inorgánicos\ndiversos')
    """
    import textwrap

    chars = max(8, int(LABEL_SHARE * width_mm / (size_pt * PT_MM * GLYPH_WIDTH)))
    out = []
    for label in categories:
        lines = textwrap.wrap(label, chars) or [label]
        if len(lines) > LABEL_LINES:
            lines = lines[:LABEL_LINES]
            lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
        out.append("\n".join(lines))
    return tuple(out)


PLOT_SHARE = 0.78  # of a chart frame's height, what its plot area takes (title, unit)
LEAST_LABEL_PT = 6.0


def stacked_label_size(chart: Chart, height_mm: float, size_pt: float) -> float:
    """The size at which the category labels of horizontal bars, one under the other, fit
    a chart ``height_mm`` high (25 regions in a ranking); never below LEAST_LABEL_PT."""
    count = len(chart.categories)
    room = height_mm * PLOT_SHARE / max(count, 1) / PT_MM  # points a label may take
    return max(LEAST_LABEL_PT, min(size_pt, math.floor(room / 1.25 * 2) / 2))


def line_range(chart: Chart) -> tuple[float, float]:
    """The range of the secondary axis of a variation line over columns."""
    values = [v for v in chart.series[1].values if not math.isnan(v)]
    low, high = min(values, default=0.0), max(values, default=0.0)
    span = (high - low) or 1.0
    return low - span * LINE_BELOW, high + span * LINE_ABOVE


def table_widths(width: float, columns: int) -> list[float]:
    """The widths of a table's columns in ``width`` (any unit): the names take the most."""
    first = width * (0.6 if columns == 2 else 0.5)
    return [first] + [(width - first) / (columns - 1)] * (columns - 1)


SHORT_HEADER = 8  # characters: a header this short never wraps
CELL_PAD_MM = 3.5  # a cell's padding, both sides, and a little air
BOLD_WIDTH = 1.1  # a bold header's characters against regular ones


def cuadro_widths_mm(room_mm: float, table: Table, size_pt: float) -> list[float]:
    """The column widths of a table on a topic page, at most ``room_mm`` in all: each figure
    column as wide as its longest cell or header word, an upper header as wide as its
    label, the names the rest (they wrap if they must). Narrower than the room when the
    table needs less: a four-column table across a landscape page would leave its figures
    far from their names."""
    char = size_pt * GLYPH_WIDTH * PT_MM * 1.05
    rows = (table.header, *table.rows, *((table.total,) if table.total else ()))
    needs = []
    for column in range(len(table.header)):
        header = table.header[column]  # a short header ("Var. %") is kept on one line
        longest = max((len(w) for w in header.split()), default=0)
        words = min(len(header), max(longest, SHORT_HEADER)) * BOLD_WIDTH
        cells = max(len(row[column]) for row in rows[1:]) if len(rows) > 1 else 0
        needs.append(max(words, cells) * char + CELL_PAD_MM)
    column = 0
    for label, span in table.groups:  # an upper header never wraps inside its columns
        spanned = sum(needs[column:column + span])
        wanted = len(label) * char * BOLD_WIDTH + CELL_PAD_MM
        if wanted > spanned:
            needs[column:column + span] = [n * wanted / spanned for n in
                                           needs[column:column + span]]
        column += span
    figures = sum(needs[1:])
    if figures > room_mm * FIGURES_SHARE:
        needs[1:] = [n * room_mm * FIGURES_SHARE / figures for n in needs[1:]]
    needs[0] = min(needs[0], room_mm - sum(needs[1:]))
    return needs


FIGURES_SHARE = 0.6  # of a table's room, the most its figure columns take


def centre_lines(text: str) -> list[str]:
    """A donut's centre text in two lines: the figure (with its words of scale), then what
    it counts.

    >>> centre_lines("2,525,492 trabajadores"), centre_lines("2 millones 525 mil empleos")
    (['2,525,492', 'trabajadores'], ['2 millones 525 mil', 'empleos'])
    >>> centre_lines("Total")
    ['Total']
    """
    words = text.split()
    figure = 0
    while figure < len(words) and (any(c.isdigit() for c in words[figure])
                                   or words[figure] in SCALE_NAMES + ("US$", "S/", "de")):
        figure += 1
    if figure in (0, len(words)):
        return [text]
    return [" ".join(words[:figure]), " ".join(words[figure:])]


def cover_text_mm(page: PageSetup) -> float:
    """The width of the cover's text, in mm: the page's, less the band, the left margin and
    the gap before the band."""
    return page.width_mm * (1 - COVER_BAND_SHARE) - page.margin_left_mm - COVER_TEXT_GAP_MM


TABLE_ORPHANS = 3  # the least rows of a broken table left under its heading (both formats)
ROW_PAD_PT = 3.0  # a table row's padding, above and below together


def rows_per_page(page: PageSetup, size_pt: float) -> int:
    """About how many rows of a table (in ``size_pt``, with their padding) fit in a page's
    body, its running head and foot aside: a longer table cannot be kept on one page."""
    body_mm = page.height_mm - page.margin_top_mm - page.margin_bottom_mm - 30.0
    return max(1, int(body_mm / ((size_pt * 1.2 + ROW_PAD_PT) * PT_MM)))
