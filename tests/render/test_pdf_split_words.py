"""A word too long for its column is split by reportlab over lines: read from the file, its
pieces join into the word (no space between them), while the lines that end at a word end
in a space, so that words stay apart where the lines wrapped."""

from __future__ import annotations

import io

import pikepdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from sectorial.render.pdf.setter import Para

WORD = "telecomunicacionesyelectrónica"


def _shown(markup: str, width: float) -> str:
    """The text the page's content shows, in order, as a reader that joins it reads it."""
    out = io.BytesIO()
    canvas = Canvas(out)
    para = Para(markup, ParagraphStyle("p", fontName="Helvetica", fontSize=9, leading=11))
    para.wrap(width, 500)
    assert len(para.blPara.lines) >= 4  # the long word is split over lines
    para.drawOn(canvas, 72, 400)
    canvas.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        shown = []
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
            if str(operator) == "Tj":
                shown.append(bytes(operands[0]).decode("latin-1"))
            elif str(operator) == "TJ":
                shown.append("".join(bytes(o).decode("latin-1") for o in operands[0]
                                     if isinstance(o, pikepdf.String)))
    return "".join(shown)


def test_the_pieces_of_a_split_word_read_as_the_word():
    for markup in (f"Productos de {WORD} avanzada total",
                   f"Productos <b>de {WORD}</b> avanzada total"):
        text = _shown(markup, 60)
        assert " ".join(text.split()) == f"Productos de {WORD} avanzada total", text


def test_lines_that_wrap_between_words_keep_the_space():
    text = _shown("Una frase normal que se parte en varias líneas sin problema alguno", 60)
    assert " ".join(text.split()) == \
        "Una frase normal que se parte en varias líneas sin problema alguno", text
