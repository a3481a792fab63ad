"""What each thing drawn on a PDF page is: marked content on the canvas, and the structure
tree it belongs to (PDF/UA-1, PDF/A-2a).

The page drawer knows what it draws; before drawing it asks ``Tagger`` for an element of
the tree (a heading, a paragraph, a figure...) in reading order, then draws inside
``content(element)``, which brackets the operators in ``BDC``/``EMC`` with a marked-content
id of the page. What is not content (the header band, page numbers, backgrounds and rules)
is drawn inside ``artifact()``. Nothing is drawn outside either: the finishing step
(``structure``) refuses a page with untagged paint. The tree is plain data here; the
finishing step writes it into the file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from sectorial.errors import RenderError


@dataclass(frozen=True)
class Mark:
    """A marked-content sequence: the page (from 0) and its id on that page."""

    page: int
    mcid: int


@dataclass(eq=False)
class Node:
    """An element of the structure tree. ``role`` None is a slot: a place in the reading
    order filled later, whose children take its place when the tree is written."""

    role: str | None
    kids: list[Node | Mark] = field(default_factory=list)
    alt: str = ""  # a figure's alternative text
    scope: str = ""  # a header cell's: "Column" or "Row"
    colspan: int = 1
    bbox: tuple[float, float, float, float] | None = None  # a figure's, on its page

    def add(self, role: str | None, **attributes: object) -> Node:
        """A new last child of this element."""
        node = Node(role, **attributes)  # type: ignore[arg-type]
        self.kids.append(node)
        return node

    def flat(self) -> list[Node | Mark]:
        """The children, slots replaced by theirs."""
        found: list[Node | Mark] = []
        for kid in self.kids:
            if isinstance(kid, Node) and kid.role is None:
                found += kid.flat()
            else:
                found.append(kid)
        return found

    def marked(self) -> bool:
        """Whether anything drawn belongs to this element or below it."""
        return any(isinstance(k, Mark) or k.marked() for k in self.kids)


class Tagger:
    """Marked content on ``canvas`` and the structure tree it makes, from ``root``."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.root = Node("Document")
        self._page, self._next = 0, 0
        self._open = 0  # marked-content sequences open: never more than one

    def _mcid(self) -> Mark:
        page = self.canvas.getPageNumber() - 1
        if page != self._page:
            self._page, self._next = page, 0
        self._next += 1
        return Mark(page, self._next - 1)

    @contextlib.contextmanager
    def content(self, node: Node) -> Iterator[None]:
        """Draw real content of ``node`` inside the block."""
        mark = self._mcid()
        node.kids.append(mark)
        with self._sequence(f"/{node.role} <</MCID {mark.mcid}>> BDC"):
            yield

    @contextlib.contextmanager
    def artifact(self, kind: str = "Layout") -> Iterator[None]:
        """Draw what is not content inside the block: ``kind`` "Layout" (backgrounds,
        rules), "Pagination" (running heads, page numbers, repeated table headers)."""
        with self._sequence(f"/Artifact <</Type /{kind}>> BDC"):
            yield

    @contextlib.contextmanager
    def _sequence(self, opening: str) -> Iterator[None]:
        if self._open:  # a sequence inside another: what is drawn would belong to both
            raise RenderError("el PDF marcaría un contenido dentro de otro",
                              hint="informe este problema (es un defecto de sectorial)")
        self.canvas.addLiteral(opening)
        self._open += 1
        try:
            yield
        finally:
            self._open -= 1
            self.canvas.addLiteral("EMC")


def split_within(outer: Flowable, inner: Flowable, width: float,
                 height: float) -> list[Flowable]:
    """Split ``inner``, a part of ``outer``, with the canvas the frame lent ``outer`` for
    the split (a table reads it), and take it back."""
    canvas = getattr(outer, "canv", None)
    if canvas is None:
        return inner.split(width, height)
    inner.canv = canvas
    try:
        return inner.split(width, height)
    finally:
        if hasattr(inner, "canv"):
            del inner.canv


class Tagged(Flowable):
    """A flowable drawn as content of ``node``; split across pages, each part is."""

    def __init__(self, inner: Flowable, tagger: Tagger, node: Node):
        super().__init__()
        self.inner, self.tagger, self.node = inner, tagger, node

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return [Tagged(part, self.tagger, self.node)
                for part in split_within(self, self.inner, available_width, available_height)]

    def minWidth(self) -> float:  # noqa: N802 (reportlab's names)
        return self.inner.minWidth()

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if self.node.role == "Figure":  # its box on the page, wherever it is drawn from
            left = x + (_sW / 2 if self.inner.hAlign in ("CENTER", "CENTRE") else 0)
            x0, y0 = canvas.absolutePosition(left, y)
            x1, y1 = canvas.absolutePosition(left + self.width, y + self.height)
            self.node.bbox = (x0, y0, x1, y1)
        with self.tagger.content(self.node):
            self.inner.drawOn(canvas, x, y, _sW)


class TableTags:
    """reportlab's table drawing callback (``renderCB``): each cell as content of its
    element, backgrounds and rules as artifacts. A cell carries its element (reportlab
    copies cells when it splits a table), so a header row repeated on the next page is
    drawn as an artifact, not read twice."""

    def __init__(self, tagger: Tagger):
        self.tagger = tagger
        self._drawn: set[int] = set()
        self._stack: list[contextlib.AbstractContextManager[None]] = []

    @staticmethod
    def cell(flowable: Flowable, node: Node) -> Flowable:
        """Draw ``flowable``, a cell, as content of ``node``."""
        flowable.structure_element = node
        return flowable

    def __call__(self, table: object, event: str, *args: object) -> None:
        if event in ("startBG", "startLines"):
            self._enter(self.tagger.artifact())
        elif event == "startCell":
            value = args[2]
            if isinstance(value, (tuple, list)):  # reportlab holds flowable cells in a tuple
                value = value[0] if len(value) == 1 else None
            node = getattr(value, "structure_element", None)
            if node is None:  # a cell holding what tags itself (a table, a tagged text)
                self._enter(contextlib.nullcontext())
            elif id(node) in self._drawn:
                self._enter(self.tagger.artifact("Pagination"))
            else:
                self._drawn.add(id(node))
                self._enter(self.tagger.content(node))
        elif event in ("endBG", "endLines", "endCell"):
            self._stack.pop().__exit__(None, None, None)

    def _enter(self, context: contextlib.AbstractContextManager[None]) -> None:
        context.__enter__()
        self._stack.append(context)
