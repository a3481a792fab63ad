"""PDF pages as images and text, with PDFium (pypdfium2): the one module that uses it."""

from __future__ import annotations

import io
from collections.abc import Iterable

import pypdfium2

SCALE = 110 / 72
"""Pixels per PDF point: 110 dpi, a page as wide as a laptop's screen."""


def page_count(pdf: bytes) -> int:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def rasterized(pdf: bytes, wanted: Iterable[int]) -> dict[int, tuple[bytes, str]]:
    """Pages ``wanted`` (from 0) of ``pdf`` as PNG bytes and their text."""
    document = pypdfium2.PdfDocument(pdf)
    found: dict[int, tuple[bytes, str]] = {}
    try:
        for index in wanted:
            page = document[index]
            image = page.render(scale=SCALE).to_pil()
            png = io.BytesIO()
            image.save(png, "PNG", compress_level=1)  # served on loopback: speed over size
            text = page.get_textpage().get_text_range()
            found[index] = (png.getvalue(), " ".join(text.split()))
            page.close()
    finally:
        document.close()
    return found
