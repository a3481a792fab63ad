"""Where each page of the document model starts in a built PDF: the ledger numbers its
figures by the pages as printed, continuation pages counted."""

from __future__ import annotations

import io


def page_starts(pdf: bytes) -> list[int]:
    """The PDF page (from 1) of each page of the model, cover first: the pages its top
    bookmarks point at (continuation pages are bookmarked under them)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        numbers = {page.objgen: index for index, page in enumerate(document.pages, start=1)}
        with document.open_outline() as outline:
            return [numbers[item.destination[0].objgen] for item in outline.root
                    if item.destination is not None]
