"""Running text in the PDF (reportlab's platypus): the flowables of an article page.

``Typesetter`` makes paragraphs in the house's fonts and roles; ``ArticleFlow`` is a
visitor over an article's blocks that returns each block's flowables, in reading order.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer, TableStyle
from reportlab.platypus import Paragraph as Para
from reportlab.platypus import Table as PlatypusTable

from sectorial.doc.model import ArticlePage, Chart, Paragraph, Quote, Subheading, Table, Text
from sectorial.doc.visitor import Visitor
from sectorial.errors import RenderError
from sectorial.layout import table_widths
from sectorial.render.picture import Picture
from sectorial.style import Look

REGULAR, BOLD = "House", "House-Bold"


def markup(text: Text) -> str:
    """Return reportlab paragraph markup for a Text (bold spans as <b>)."""
    return "".join(f"<b>{escape(s.text)}</b>" if s.bold else escape(s.text) for s in text.spans)


class Typesetter:
    """Paragraphs in the house fonts, sized and coloured by role."""

    def __init__(self, look: Look, pictures: Mapping[str, Picture]):
        self.look, self.pictures = look, pictures

    def para(self, text: str, size_role: str, color: str, *, bold: bool = False,
             align: int = TA_LEFT, leading: float = 1.25) -> Para:
        """A paragraph of markup ``text`` in the size of ``size_role`` and ``color``."""
        size = self.look.size(size_role)
        style = ParagraphStyle(
            name=size_role, fontName=BOLD if bold else REGULAR, fontSize=size,
            leading=size * leading, textColor=HexColor(color), alignment=align,
        )
        return Para(text, style)

    def picture(self, chart: Chart) -> Picture:
        picture = self.pictures.get(chart.key)
        if picture is None:
            raise RenderError(f"falta la imagen del gráfico '{chart.title}' ({chart.key})")
        return picture


class ArticleFlow(Visitor):
    """The flowables of an article page, ``width`` wide."""

    def __init__(self, setter: Typesetter, width: float):
        self.setter, self.width = setter, width
        self.look = setter.look

    def page(self, page: ArticlePage) -> list[Flowable]:
        """Return the flowables of an article page, in reading order."""
        t, para = self.look, self.setter.para
        flow: list[Flowable] = []
        if page.kicker:
            flow.append(para(escape(page.kicker), "nota", t.color("primario"), bold=True))
        if page.dateline:
            flow.append(para(escape(page.dateline), "texto", t.color("suave")))
        flow += [Spacer(0, 2 * mm),
                 para(escape(page.headline), "pagina_titulo", t.color("oscuro"),
                      bold=True, leading=1.15), Spacer(0, 3 * mm)]
        if page.lead:
            flow += [para(markup(page.lead), "mensaje", t.color("texto"), bold=True),
                     Spacer(0, 3 * mm)]
        for block in page.blocks:
            flow += self.visit(block)
        notes = [markup(n) for n in page.foot.notes] + [escape(x) for x in page.foot.sources]
        flow.append(Spacer(0, 4 * mm))
        flow += [para(n, "nota", t.color("suave")) for n in notes]
        if page.foot.credit:
            flow.append(para(escape(page.foot.credit), "nota", t.color("suave")))
        return flow

    def visit_Subheading(self, block: Subheading) -> list[Flowable]:
        return [Spacer(0, 2 * mm), self.setter.para(escape(block.text), "mensaje",
                                                    self.look.color("primario"), bold=True),
                Spacer(0, 1 * mm)]

    def visit_Paragraph(self, block: Paragraph) -> list[Flowable]:
        return [self.setter.para(markup(block.text), "texto", self.look.color("texto"),
                                 align=TA_JUSTIFY, leading=1.45), Spacer(0, 2.5 * mm)]

    def visit_Quote(self, block: Quote) -> list[Flowable]:
        t, para = self.look, self.setter.para
        cells = [[para(markup(block.text), "texto", t.color("oscuro"), leading=1.45)]]
        if block.attribution:
            cells.append([para(escape(block.attribution), "nota", t.color("suave"))])
        box = PlatypusTable(cells, colWidths=[self.width - 8 * mm])
        box.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, unembedded
            ("LINEBEFORE", (0, 0), (0, -1), 2, HexColor(t.color("primario"))),
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(t.color("fondo_caja"))),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
        ]))
        return [box, Spacer(0, 3 * mm)]

    def visit_Table(self, table: Table) -> list[Flowable]:
        t = self.look
        size = t.size("texto")

        def cell(text: str, numeric: bool, bold: bool = False, color: str = "texto") -> Para:
            return self.setter.para(escape(text), "texto", t.color(color), bold=bold,
                                    align=TA_RIGHT if numeric else TA_LEFT)

        data = [[cell(h, n, True, "fondo_caja") for h, n in zip(table.header, table.numeric)]]
        data += [[cell(v, n) for v, n in zip(row, table.numeric)] for row in table.rows]
        grid = PlatypusTable(data, colWidths=table_widths(self.width, len(table.header)),
                             repeatRows=1)
        grid.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, unembedded
            ("BACKGROUND", (0, 0), (-1, 0), HexColor(t.color("oscuro"))),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor(t.color("linea"))),
            ("TOPPADDING", (0, 0), (-1, -1), size * 0.25),
            ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.25),
        ]))
        return [self._headed(table.title, table.subtitle, grid), Spacer(0, 4 * mm)]

    def _headed(self, title: str, subtitle: str, grid: PlatypusTable) -> PlatypusTable:
        """The table under its title and unit line, in one outer cell per line, so that the
        heading never stays behind on another page."""
        t, para = self.look, self.setter.para
        unit = PlatypusTable(
            [[para(escape(title), "grafico_titulo", t.color("oscuro"), bold=True)],
             [para(escape(subtitle), "grafico_titulo", t.color("suave"))],
             [grid]],
            colWidths=[self.width],
        )
        unit.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
        return unit

    def visit_Chart(self, chart: Chart) -> list[Flowable]:
        picture = self.setter.picture(chart)
        t, para = self.look, self.setter.para
        return [para(escape(chart.title), "grafico_titulo", t.color("oscuro"), bold=True),
                para(escape(chart.subtitle), "grafico_titulo", t.color("suave")),
                Image(ImageReader(picture.image()), width=self.width,
                      height=self.width * picture.height / picture.width),
                Spacer(0, 3 * mm)]
