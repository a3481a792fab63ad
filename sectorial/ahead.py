"""The PDF's second process, started before anything heavy is imported: while this
process imports pandas and reads the data, that one imports matplotlib, reportlab and
pikepdf, then draws the charts and renders the PDF from the document it is sent. Also what
both processes use to render: the charts a format needs, and each format's bytes.

It imports neither pandas nor the data layer (``pipeline`` does): forked from here, the
second process starts at once.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from sectorial import background
from sectorial.doc.model import Document
from sectorial.formats import FORMATS, format_problems, missing_roles, renderer_module
from sectorial.style import Look

if TYPE_CHECKING:
    from sectorial.render.picture import Picture


def start_ahead(formats: tuple[str, ...]) -> background.Background | None:
    """A second process for the PDF, started before the document is read: it imports the
    PDF's libraries (matplotlib, reportlab, pikepdf) while this process reads the data and
    composes the document, then draws the charts and renders the PDF while this one renders
    the other formats (``rendered``). None when there is no second format or core."""
    if "pdf" not in formats or len(formats) < 2 or not background.available():
        return None
    return background.Background(_ahead_work, inbox=True)


def _ahead_work(receive: Callable[[], Any]) -> Iterator[Any]:
    """The process ``start_ahead`` starts: its problems first, then its formats rendered."""
    from sectorial.formats import warm_up

    warm_up(("pdf",))
    task = receive()
    if task is None:
        return
    doc, look, formats = task
    problems = format_problems(doc, look, formats) + missing_roles(doc, look, formats)
    yield problems
    if problems:
        return
    start = time.perf_counter()
    images = drawn(doc, look, formats)
    charted = time.perf_counter() - start
    done, seconds = render_formats(doc, look, images, formats)
    yield done, {"gráficos": charted, **seconds}


def drawn(doc: Document, look: Look, formats: tuple[str, ...]) -> dict[str, Picture]:
    """The charts of ``doc`` drawn as ``formats`` need them, here."""
    needs = frozenset().union(*(renderer_module(f).needs_pictures(doc, look)
                                for f in formats))
    if not needs:
        return {}
    from sectorial.interrupts import deferred

    with deferred():  # matplotlib half imported would abort the process
        from sectorial.render.charts import ChartQueue
    return ChartQueue(doc, look, kinds=needs).draw()



def render_formats(
    doc: Document, look: Look, images: Mapping[str, Picture], formats: tuple[str, ...]
) -> tuple[dict[str, bytes], dict[str, float]]:
    """Render ``doc`` in each of ``formats``; return the bytes and the seconds of each
    (keyed by format and by stage name, "DOCX", "PDF")."""
    rendered: dict[str, bytes] = {}
    seconds: dict[str, float] = {}
    for fmt in formats:
        start = time.perf_counter()
        buffer = io.BytesIO()
        renderer_module(fmt).render(doc, look, images, buffer)
        rendered[fmt] = buffer.getvalue()
        seconds[FORMATS[fmt].label] = time.perf_counter() - start
    return rendered, seconds
