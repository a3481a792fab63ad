"""Chart sizes: one rule for the pictures matplotlib draws and the charts Word draws.

A light module (no drawing library): the DOCX renderer sizes its native charts from it
without the pictures, so a DOCX of native charts can be written before, or without, them.
"""

from __future__ import annotations

from sectorial.doc.model import ArticlePage, Document, page_charts

# Chart size (width, height in mm) by the number of charts that share a page row.
SIZES_MM = {1: (190.0, 92.0), 2: (128.0, 88.0), 3: (84.0, 84.0)}


def chart_size_mm(charts_on_page: int) -> tuple[float, float]:
    """Return the drawing size of a chart on a page holding ``charts_on_page`` charts."""
    return SIZES_MM.get(charts_on_page, SIZES_MM[3])


def chart_sizes(doc: Document) -> dict[str, tuple[float, float]]:
    """Return the drawing size (width, height in mm) of every chart of ``doc`` by key."""
    sizes: dict[str, tuple[float, float]] = {}
    for page in doc.pages:
        charts = page_charts(page)
        # Charts of running text stand alone across the column; topic pages share a row.
        size = chart_size_mm(1 if isinstance(page, ArticlePage) else len(charts))
        for chart in charts:
            sizes[chart.key] = size
    return sizes
