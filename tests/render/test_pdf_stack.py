"""What running text keeps together in the PDF (render/pdf/stack.py): a heading never stays
alone at the foot of a page, a broken table keeps at least three rows under its title."""

from __future__ import annotations

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, Spacer, Table

from sectorial.layout import TABLE_ORPHANS
from sectorial.render.pdf.stack import Stack

STYLE = getSampleStyleSheet()["Normal"]  # 10 pt on 12 pt lines
WIDTH = 300.0


def heading_and_text(lines: int) -> Stack:
    text = " ".join(["palabra"] * 9 * lines)  # about nine words a line at this width
    return Stack([Paragraph("Panorama", STYLE), Spacer(0, 3), Paragraph(text, STYLE)], WIDTH)


def test_a_heading_with_no_room_for_two_lines_under_it_goes_with_them():
    stack = heading_and_text(10)
    _, whole = stack.wrap(WIDTH, 1000)
    assert stack.split(WIDTH, 12 + 3 + 12) == []  # the heading and one line: not enough
    first, rest = stack.split(WIDTH, 12 + 3 + 3 * 12)
    assert isinstance(first, Stack) and first.parts[0].text == "Panorama"
    assert first.wrap(WIDTH, 1000)[1] + rest.wrap(WIDTH, 1000)[1] >= whole - 1


def test_a_broken_table_keeps_its_least_rows_under_its_title():
    grid = Table([["Producto", "US$"]] + [[f"fila {i}", str(i)] for i in range(40)],
                 colWidths=[200, 100], repeatRows=1)
    stack = Stack([Paragraph("Cuadro", STYLE), grid], WIDTH)
    row = grid.wrap(WIDTH, 1000)[1] / 41
    assert stack.split(WIDTH, 14 + row * TABLE_ORPHANS) == []  # header and two rows
    first, rest = stack.split(WIDTH, 14 + row * (TABLE_ORPHANS + 2))
    assert first.parts[-1]._nrows - 1 >= TABLE_ORPHANS
    assert rest._nrows > 1 and rest._cellvalues[0] == ["Producto", "US$"]  # header again


def test_a_block_that_cannot_break_goes_whole_to_the_next_page():
    stack = Stack([Paragraph("Título del gráfico", STYLE), Spacer(0, 200)], WIDTH)
    assert stack.split(WIDTH, 100) == []
