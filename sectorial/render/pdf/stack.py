"""Flowables kept with what they head, in running text: a table under its title and unit
line, a chart under its own, a subheading over its first block. ``Stack`` draws its parts
one under the other; where the page has too little room, only its last part breaks (the
rows of a table, the lines of a paragraph), never leaving the heading alone at the foot of
a page, nor fewer than ``TABLE_ORPHANS`` rows of a table under it."""

from __future__ import annotations

from reportlab.platypus import Flowable
from reportlab.platypus import Table as PlatypusTable

from sectorial.layout import TABLE_ORPHANS
from sectorial.render.pdf.tags import split_within


class Stack(Flowable):
    """``parts`` one under the other, ``width`` wide, ``gap`` points under each; a part
    that says it is ``centred`` is centred in the width."""

    def __init__(self, parts: list[Flowable], width: float, gap: float = 0.0):
        super().__init__()
        self.parts, self.width, self.gap, self.hAlign = parts, width, gap, "CENTER"
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._sizes = [part.wrap(self.width, available_height) for part in self.parts]
        self.height = sum(h for _, h in self._sizes) + self.gap * len(self.parts)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        for part, (w, h) in zip(self.parts, self._sizes):
            top -= h + self.gap
            centred = getattr(getattr(part, "inner", part), "centred", False)
            part.drawOn(self.canv, (self.width - w) / 2 if centred else 0, top + self.gap)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        *heading, last = self.parts
        room = available_height - sum(part.wrap(self.width, available_height)[1] + self.gap
                                      for part in heading) - self.gap
        if room <= 0:
            return []
        pieces = split_within(self, last, self.width, room)
        if len(pieces) < 2 or not _enough(pieces[0]):  # the heading alone, or nearly:
            return []  # all of it on the next page
        return [Stack([*heading, pieces[0]], self.width, self.gap), *pieces[1:]]


def _enough(first: Flowable) -> bool:
    """Whether the first part of a broken block may stay under its heading: a table, with
    at least ``TABLE_ORPHANS`` rows under its header; a paragraph, as reportlab breaks it
    (two lines at least)."""
    if isinstance(first, Stack):
        return _enough(first.parts[-1])
    if isinstance(first, PlatypusTable):
        heads = first.repeatRows
        heads = heads if isinstance(heads, int) else max(heads, default=-1) + 1
        return first._nrows - heads >= TABLE_ORPHANS
    return True
