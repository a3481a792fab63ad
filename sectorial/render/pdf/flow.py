"""Running text in the PDF (reportlab's platypus): the flowables of an article page.

``ArticleFlow`` is a visitor over an article's blocks that returns each block's flowables,
in reading order, each drawn as content of its element of the structure tree (the page's
``Sect``: paragraphs, the headline as ``H1``, subheadings as ``H2``, quotes as
``BlockQuote``, charts as a ``Figure`` with its alternative text); paragraphs come from
``setter``, tables from ``tables``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer, TableStyle
from reportlab.platypus import Table as PlatypusTable

from sectorial.doc.model import ArticlePage, Chart, Paragraph, Quote, Subheading, Table
from sectorial.doc.visitor import Visitor
from sectorial.render.pdf.setter import REGULAR, Typesetter, markup
from sectorial.render.pdf.stack import Stack
from sectorial.render.pdf.tables import table_flowable
from sectorial.render.pdf.tags import TableTags, Tagged, Tagger
from sectorial.render.pdf.vector import VectorFlowable


class ArticleFlow(Visitor):
    """The flowables of an article page, ``width`` wide."""

    def __init__(self, setter: Typesetter, width: float, tagger: Tagger):
        self.setter, self.width, self.tagger = setter, width, tagger
        self.look = setter.look
        self.section = tagger.root

    def _tag(self, flowable: Flowable, role: str, **attributes: object) -> Flowable:
        """``flowable`` drawn as a new element of the page's section."""
        return Tagged(flowable, self.tagger, self.section.add(role, **attributes))

    def page(self, page: ArticlePage) -> list[Flowable]:
        """Return the flowables of an article page, in reading order."""
        t, para, tag = self.look, self.setter.para, self._tag
        self.section = self.tagger.root.add("Sect")
        flow: list[Flowable] = []
        if page.kicker:
            flow.append(tag(para(escape(page.kicker), "nota", t.color("primario"), bold=True),
                            "P"))
        if page.dateline:
            flow.append(tag(para(escape(page.dateline), "texto", t.color("suave")), "P"))
        flow += [Spacer(0, 2 * mm),
                 tag(para(escape(page.headline), "pagina_titulo", t.color("oscuro"),
                          bold=True, leading=1.15), "H1"), Spacer(0, 3 * mm)]
        if page.lead:
            flow += [tag(para(markup(page.lead), "mensaje", t.color("texto"), bold=True), "P"),
                     Spacer(0, 3 * mm)]
        for block in page.blocks:
            flow += self.visit(block)
        flow = _headed(flow, self.width)
        notes = [markup(n) for n in page.foot.notes] + [escape(x) for x in page.foot.sources]
        flow.append(Spacer(0, 4 * mm))
        flow += [tag(para(n, "nota", t.color("suave")), "P") for n in notes]
        if page.foot.credit:
            flow.append(tag(para(escape(page.foot.credit), "nota", t.color("suave")), "P"))
        return flow

    def visit_Subheading(self, block: Subheading) -> list[Flowable]:
        heading = self._tag(self.setter.para(escape(block.text), "mensaje",
                                             self.look.color("primario"), bold=True), "H2")
        heading.heads = True  # kept with the block under it (``_headed``)
        return [Spacer(0, 2 * mm), heading, Spacer(0, 1 * mm)]

    def visit_Paragraph(self, block: Paragraph) -> list[Flowable]:
        return [self._tag(self.setter.para(markup(block.text), "texto",
                                           self.look.color("texto"), align=TA_JUSTIFY,
                                           leading=1.45), "P"), Spacer(0, 2.5 * mm)]

    def visit_Quote(self, block: Quote) -> list[Flowable]:
        t, para = self.look, self.setter.para
        quote = self.section.add("BlockQuote")
        cells = [[Tagged(para(markup(block.text), "texto", t.color("oscuro"), leading=1.45),
                         self.tagger, quote.add("P"))]]
        if block.attribution:
            cells.append([Tagged(para(escape(block.attribution), "nota", t.color("suave")),
                                 self.tagger, quote.add("P"))])
        box = PlatypusTable(cells, colWidths=[self.width - 8 * mm],
                            renderCB=TableTags(self.tagger),
                            splitInRow=1)  # longer than the page: it goes on, boxed
        box.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, unembedded
            ("LINEBEFORE", (0, 0), (0, -1), 2, HexColor(t.color("primario"))),
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(t.color("fondo_caja"))),
            ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
        ]))
        return [box, Spacer(0, 3 * mm)]

    def visit_Table(self, table: Table) -> list[Flowable]:
        return [table_flowable(self.setter, table, self.width, None, self.tagger,
                               self.section), Spacer(0, 4 * mm)]

    def visit_Chart(self, chart: Chart) -> list[Flowable]:
        vector = self.setter.fitted(chart, self.width, self.width).vector
        t, para = self.look, self.setter.para
        tag = self._tag
        return [Stack([tag(para(escape(chart.title), "grafico_titulo", t.color("oscuro"),
                                bold=True), "P"),
                       tag(para(escape(chart.subtitle), "grafico_titulo", t.color("suave")),
                           "P"),
                       tag(VectorFlowable(vector), "Figure", alt=chart.alt_text)],
                      self.width),  # the chart never leaves its title behind
                Spacer(0, 3 * mm)]


def _headed(flow: list[Flowable], width: float) -> list[Flowable]:
    """``flow`` with each subheading stacked with the block under it: a subheading never
    stays alone at the foot of a page."""
    out: list[Flowable] = []
    index = 0
    while index < len(flow):
        item = flow[index]
        index += 1
        if not getattr(item, "heads", False):
            out.append(item)
            continue
        parts = [item]
        while index < len(flow) and isinstance(flow[index], Spacer):
            parts.append(flow[index])
            index += 1
        if index < len(flow):
            parts.append(flow[index])
            index += 1
        out.append(Stack(parts, width))
    return out


def fill(frame: Frame, flowables: list[Flowable], canvas: Canvas) -> bool:
    """Draw into ``frame`` the flowables from the front of the list that fit, then the part
    that fits of the first that does not (the lines of a paragraph, the rows of a table
    under its header, repeated), leaving the rest in the list for the next page; return
    whether anything was drawn."""
    placed = False
    while flowables:
        if frame.add(flowables[0], canvas, trySplit=0):
            del flowables[0]
            placed = True
            continue
        parts = frame.split(flowables[0], canvas)
        if len(parts) > 1 and frame.add(parts[0], canvas, trySplit=0):
            flowables[0:1] = parts[1:]
            placed = True
        break
    return placed
