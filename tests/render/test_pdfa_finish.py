"""The last step of the PDF: the first PDF of a process is checked by pikepdf's PDF/A
validator, the next ones (same writer, same kinds of objects) by a structural check that
refuses what would first go wrong: the identification, the output intent, a font not
embedded. Every PDF, both ways, is read back valid by the full validator (at level B,
which is what pikepdf checks; level A's tags are checked in test_pdf_accessibility)."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import pdfa

from sectorial.errors import RenderError
from sectorial.render.charts import render_charts
from sectorial.render.pdf import pdfa as finishing
from sectorial.render.pdf.pages import render as render_pdf


@pytest.fixture(scope="module")
def written(look):
    from conftest import sample_document

    doc = sample_document()
    pictures = render_charts(doc, look)
    finishing._VALIDATED.clear()
    first, second = io.BytesIO(), io.BytesIO()
    render_pdf(doc, look, pictures, first)  # validated in full
    assert "2a" in finishing._VALIDATED
    render_pdf(doc, look, pictures, second)  # structural check
    return first.getvalue(), second.getvalue()


def test_both_ways_write_the_same_valid_bytes(written, tmp_path):
    first, second = written
    assert first == second
    path = tmp_path / "muestra.pdf"
    path.write_bytes(second)
    assert finishing.pdfa_problems(path) == []
    with pikepdf.open(path) as pdf:  # pikepdf's own check, on the declarations of level B
        finishing.undeclare(pdf)
        pdf.save(tmp_path / "nivel-b.pdf")
    assert pdfa.validate_written(tmp_path / "nivel-b.pdf", "2b").verdict == "pass"


def _broken(data: bytes, breaking) -> bytes:  # noqa: ANN001
    with pikepdf.open(io.BytesIO(data)) as pdf:
        breaking(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _unembed(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].Resources.Font.values():
        del font.FontDescriptor["/FontFile2"]


def test_the_structural_check_refuses_what_would_first_go_wrong(written):
    good = written[1]
    finishing._check_declared(good, "2a")  # passes
    with pytest.raises(RenderError, match="no está incrustada"):
        finishing._check_declared(_broken(good, _unembed), "2a")
    with pytest.raises(RenderError, match="perfil de color"):
        finishing._check_declared(_broken(good, lambda pdf: pdf.Root.__delitem__(
            "/OutputIntents")), "2a")
    with pytest.raises(RenderError, match="PDF/A-3a: declara PDF/A-2a"):
        finishing._check_declared(good, "3a")


def test_no_stream_ends_in_a_carriage_return():
    """A stream whose compressed data ends in CR reads a byte short to a PDF/A validator
    (CR LF before endstream); compressed data ends in a checksum, so about one stream in
    256 did. The finishing step gives it one byte more that changes nothing."""
    import zlib

    from sectorial.render.pdf.structure import no_trailing_cr

    payload = next(p for i in range(100_000)
                   if zlib.compress(p := f"q {i} w Q\n".encode(), 9).endswith(b"\r"))
    pdf = pikepdf.new()
    pdf.add_blank_page()
    content = pdf.make_stream(b"")
    content.write(zlib.compress(payload, 9), filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Contents = content
    no_trailing_cr(pdf)
    assert not content.read_raw_bytes().endswith(b"\r")
    assert content.read_bytes().rstrip(b" ") == payload


def test_a_stream_that_cannot_be_decoded_gets_its_byte_raw():
    """A JPEG (DCTDecode, which pikepdf does not decode) with a CR after its end marker: a
    zero after it, which JPEG readers ignore, instead of a failed build."""
    from sectorial.render.pdf.structure import no_trailing_cr

    pdf = pikepdf.new()
    image = pdf.make_stream(b"\xff\xd8\xff\xd9basura\r", Filter=pikepdf.Name.DCTDecode,
                            Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1,
                            Height=1, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray)
    no_trailing_cr(pdf)
    assert image.read_raw_bytes() == b"\xff\xd8\xff\xd9basura\r\0"
    assert image.Filter == pikepdf.Name.DCTDecode


@pytest.mark.parametrize("content", [b"q BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI Q",
                                     b"q BI/W 1/H 1/CS/G/BPC 8 ID \x00 EI Q",
                                     b"q\x00BI\x00/W 1/H 1/CS/G/BPC 8 ID \x00 EI Q"])
def test_an_inline_image_outside_the_structure_is_found_however_it_is_written(content):
    from sectorial.render.pdf.structure import untagged_paint

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].contents_add(pdf.make_stream(content))
    assert untagged_paint(pdf) == ["página 1: 'INLINE IMAGE' fuera de la estructura"]
