"""The charts drawn with matplotlib: ``painter`` lays each chart out once and draws it in
pixels (Agg), ``vector`` records the same layout as paths and text for the PDF."""

from sectorial.render.charts.painter import (
    ChartPainter,
    ChartQueue,
    covered_characters,
    render_charts,
    vector_at,
)

__all__ = ["ChartPainter", "ChartQueue", "covered_characters", "render_charts", "vector_at"]
