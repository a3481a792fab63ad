"""One preview: build the document in this process whenever its files change, and keep what
the browser shows (the last good pages, and the error of the last build if it failed).

A rebuild reuses what did not change: the data tables (``pipeline``), the charts (the
painter keeps them by what they were drawn from) and the page images, by what each page was
drawn from (the house style, the document's header and footer, the model page, its place).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sectorial import clock, interrupts
from sectorial.brief.model import Brief
from sectorial.errors import SectorialError
from sectorial.periods import Period
from sectorial.preview import pages, watch


@dataclass(frozen=True)
class Page:
    png: bytes
    text: str


@dataclass(frozen=True)
class Shown:
    """What the browser page shows; replaced whole at each build, read by the server."""

    version: int = 0
    name: str = ""
    pages: tuple[Page, ...] = ()
    pdf: bytes = b""
    error: str | None = None
    note: str | None = None  # which document of a fan-out is shown
    when: str = ""
    seconds: float = 0.0
    redrawn: int = 0  # pages rasterized by the last good build (the others were kept)


@dataclass
class Session:
    brief: Path
    period: Period | None = None
    only: Mapping[str, str] = field(default_factory=dict)
    shown: Shown = field(default_factory=Shown)
    _files: list[Path] = field(default_factory=list)
    _seen: watch.Snapshot = field(default_factory=dict)
    _drawn: dict[tuple, Page] = field(default_factory=dict)
    _known: tuple[list[Path], Path | None] = ([], None)

    def changed(self) -> bool:
        """Whether a watched file changed since the last build."""
        return watch.snapshot(self._files or [self.brief]) != self._seen

    def rebuild(self) -> Shown:
        """Build once; on failure keep the last good pages and show the error. What is
        watched is taken before the files are read: a save during the build is a change."""
        start = time.perf_counter()
        brief = self._readable()
        self._files = self._watch_list(brief)
        self._seen = watch.snapshot(self._files)
        try:
            name, note, pdf, parts = self._built(brief)
            found, redrawn = self._pages(pdf, parts)
            shown = Shown(self.shown.version + 1, name, found, pdf, None, note,
                          redrawn=redrawn)
        except SectorialError as exc:
            shown = replace(self.shown, version=self.shown.version + 1, error=str(exc))
        except Exception as exc:  # a bug of ours: say so on the page, keep serving
            if interrupts.received():  # a library turned a Ctrl-C into its own error
                raise KeyboardInterrupt from exc
            shown = replace(self.shown, version=self.shown.version + 1,
                            error=f"error interno ({type(exc).__name__}): {exc}\n  Qué hacer: "
                            "avise a quien mantiene sectorial, con el informe y sus datos")
        self.shown = replace(shown, when=clock.now()[11:19],  # HH:MM:SS, the office's zone
                             seconds=time.perf_counter() - start)
        return self.shown

    def _readable(self) -> Brief | None:
        """The brief, read; None when it cannot be (the build then says why)."""
        from sectorial.brief.loader import load_brief

        try:
            return load_brief(self.brief, self.period)
        except SectorialError:
            return None

    def _watch_list(self, brief: Brief | None) -> list[Path]:
        """The brief, its data files and its house style's folder; when the brief cannot
        be read, those of the last brief that could (so that fixing a file rebuilds)."""
        from sectorial.style.loader import find_style

        if brief is not None:
            try:
                self._known = ([s.path for s in brief.sources.values()],
                               find_style(brief.style, brief.path.parent))
            except SectorialError:
                pass
        data, style = self._known
        return [self.brief, *data, *([style] if style else [])]

    def _built(self, brief: Brief | None) -> tuple[str, str | None, bytes, list[object]]:
        from sectorial.brief.loader import load_brief
        from sectorial.pipeline import Timings, prepare, rendered

        value, note = self._value(brief or load_brief(self.brief, self.period))
        prepared = prepare(self.brief, self.period, Timings(), value)
        files = rendered(prepared, ("pdf",), Timings())
        doc = prepared.document
        parts = [*([doc.cover] if doc.cover else []), *doc.pages]
        folder = prepared.house.folder  # a logo or a font replaced redraws every page
        style = sorted((str(p), state) for p, state in self._seen.items()
                       if p.is_relative_to(folder))
        common = repr((prepared.house.look, doc.meta, doc.series, doc.masthead, doc.name,
                       style))
        return doc.name, note, files[f"{doc.name}.pdf"], [common, *parts]

    def _value(self, brief: Brief) -> tuple[str | None, str | None]:
        """The document shown: the one asked for, or the first, saying so."""
        from sectorial.batch.plan import chosen_values

        values = chosen_values(brief, dict(self.only), None)
        if brief.fan_out is None or self.only:
            return values[0], None
        return values[0], (f"se muestra {brief.fan_out.column} = {values[0]}, el primero de "
                           f"{len(values)}; elija otro con --region o --only")

    def _pages(self, pdf: bytes, parts: list[object]) -> tuple[tuple[Page, ...], int]:
        """The page images, those drawn from the same as before taken from before."""
        from sectorial.render.pdf.outline import page_starts

        total = pages.page_count(pdf)
        common, *models = parts
        starts = page_starts(pdf)
        keys: list[tuple] = []
        for number in range(1, total + 1):
            if len(starts) != len(models):  # no way to tell the pages apart: draw them all
                keys.append((None, number))
                continue
            part = max(i for i, first in enumerate(starts) if first <= number)
            keys.append((common, repr(models[part]), number - starts[part], number, total))
        missing = [i for i, key in enumerate(keys) if key not in self._drawn or key[0] is None]
        drawn = pages.rasterized(pdf, missing)
        found = tuple(Page(*drawn[i]) if i in drawn else self._drawn[key]
                      for i, key in enumerate(keys))
        self._drawn = dict(zip(keys, found))
        return found, len(missing)
