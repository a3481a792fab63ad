"""Measure the ways of drawing the VRAEM brief's charts into a PDF (figures only; no test
asserts them). The choice of issue 19 was made with these figures.

Usage: python benchmarks/charts.py [--runs N]

Candidates, each for the 13 charts of the VRAEM brief, laid out once by matplotlib:
- pixels: Agg at the house resolution, the pixels then compressed into the PDF (before);
- matplotlib PDF: matplotlib's own PDF backend, one small PDF per chart, each with its own
  copy of the font, to be placed on the page as a form XObject (pikepdf);
- recorded vectors: the layout recorded as paths and text (``render.charts.vector``) and
  drawn by reportlab on the page, in the page's embedded fonts (chosen).
Printed: drawing seconds per chart (median of N runs) and the bytes each way adds.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    runs = options.parse_args().runs

    import matplotlib
    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.figure import Figure
    from reportlab.pdfgen.canvas import Canvas

    from sectorial.layout import chart_sizes
    from sectorial.pipeline import Timings, prepare
    from sectorial.render.charts import painter as charts
    from sectorial.render.charts.vector import record
    from sectorial.render.pdf import pages
    from sectorial.render.pdf.vector import draw

    prepared = prepare(ROOT / "briefs" / "vraem-2024.yaml", None, Timings())
    doc, look = prepared.document, prepared.house.look
    family = charts._register_fonts(look)
    sizes = chart_sizes(doc, look.page)
    fonts = (look.pdf_regular, look.pdf_bold)

    def pixels(painter, figure: Figure) -> int:  # noqa: ANN001
        picture = charts._picture(figure, look.chart_dpi)
        return len(zlib.compress(picture.pixels, 6))  # as the PDF stores them

    def matplotlib_pdf(painter, figure: Figure) -> int:  # noqa: ANN001
        buffer = io.BytesIO()
        with matplotlib.rc_context({"pdf.fonttype": 42}):  # TrueType, as PDF/A wants
            FigureCanvasPdf(figure).print_pdf(buffer)
        return len(buffer.getvalue())

    vectors: list = []

    def recorded(painter, figure: Figure) -> int:  # noqa: ANN001
        vectors.append(record(figure, fonts))
        return 0  # measured at the end, on one document: its fonts are embedded once

    def drawn_bytes(drawn: list) -> int:
        """The bytes of a compressed PDF with each of ``drawn`` on a page, less those of
        the same pages with the fonts in them and no chart."""
        pages._register_fonts(look)
        sizes = []
        for charts_on in (True, False):
            buffer = io.BytesIO()
            canvas = Canvas(buffer, pageCompression=1, invariant=1)
            for vector in drawn:
                if charts_on:
                    draw(canvas, vector, 0, 0)
                else:  # the same glyphs in the same fonts
                    for bold in (False, True):
                        canvas.setFont(pages.BOLD if bold else pages.REGULAR, 9)
                        canvas.drawString(0, 0, "".join(label.text for label in vector.labels()
                                                        if label.bold == bold))
                canvas.showPage()
            canvas.save()
            sizes.append(len(buffer.getvalue()))
        return sizes[0] - sizes[1]

    print(f"{len(doc.charts())} gráficos del informe VRAEM 2024, mediana de {runs} ejecuciones")
    for name, way in (("píxeles (Agg, 200 ppp)", pixels),
                      ("PDF de matplotlib", matplotlib_pdf),
                      ("vectores registrados", recorded)):
        seconds, sizes_kb = [], 0.0
        for _ in range(runs):
            spent, total = 0.0, 0
            for chart in doc.charts():
                painter = charts.ChartPainter(look, family, sizes[chart.key])
                with painter.laid_out(chart) as figure:
                    start = time.perf_counter()
                    total += way(painter, figure)
                    spent += time.perf_counter() - start
            seconds.append(spent / len(doc.charts()))
            sizes_kb = (total + (drawn_bytes(vectors) if vectors else 0)) / 1024
            vectors.clear()
        print(f"  {name}: {statistics.median(seconds) * 1000:.1f} ms por gráfico, "
              f"~{sizes_kb:.0f} KB en el PDF")


if __name__ == "__main__":
    main()
