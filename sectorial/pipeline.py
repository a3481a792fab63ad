"""One build as named stages: load → compute → compose → render → write.

Every output is rendered in memory first and written to a temporary file in the target
folder, then renamed: a failed or interrupted build leaves the previous files intact.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sectorial import background
from sectorial.ahead import drawn as _drawn
from sectorial.ahead import render_formats
from sectorial.brief.loader import RESERVED_NAMES, load_brief
from sectorial.brief.model import LETTER_NAMES, Brief
from sectorial.data.loader import load_table
from sectorial.data.spec import SourceSpec
from sectorial.doc.model import Document
from sectorial.errors import BriefError, Location, SectorialError, raise_all
from sectorial.files import file_digest, write_all
from sectorial.formats import format_problems, missing_roles, renderer_module
from sectorial.indicators.compute import compute_all
from sectorial.indicators.values import Indicator
from sectorial.periods import Period
from sectorial.render.glyphs import GlyphError
from sectorial.style import HouseStyle, Look
from sectorial.style.loader import find_style, load_house

if TYPE_CHECKING:
    from sectorial.data.table import Table
    from sectorial.render.charts import ChartQueue
    from sectorial.render.picture import Picture


@dataclass
class Timings:
    """Wall time of each stage, in seconds, in the order they ran."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start

    @property
    def total(self) -> float:
        return sum(self.stages.values())


@dataclass(frozen=True)
class Composed:
    """A document with what it was composed from (no data tables: it travels between
    processes), for what comes after the build: the letters that carry it."""

    brief: Brief
    house: HouseStyle
    indicators: Mapping[str, Indicator]
    document: Document


@dataclass(frozen=True)
class Prepared:
    """Everything a build knows before rendering."""

    brief: Brief
    house: HouseStyle
    tables: Mapping[str, Table]
    indicators: Mapping[str, Indicator]
    document: Document

    def composed(self) -> Composed:
        return Composed(self.brief, self.house, self.indicators, self.document)


@dataclass(frozen=True)
class BuildResult:
    paths: tuple[Path, ...]
    timings: Timings


def prepare(
    brief_path: Path, period: Period | None, timings: Timings, value: str | None = None,
    style: Path | None = None,
) -> Prepared:
    """Load the brief, house style and data; compute indicators; compose the document.

    ``value`` picks one document of a brief that declares ``por_cada`` (one region);
    ``style``: the house style's folder, when it is known (else the brief's ``estilo``
    is looked for beside the brief, in its project, then among those shipped).
    """
    with timings.stage("carga"):
        brief = load_brief(brief_path, period)
        if value is not None:
            brief = brief.for_value(value)
        house = brief.house(load_house(style or find_style(brief.style, brief.path.parent)))
        if brief.offices and not house.cover:
            raise BriefError(
                f"el estilo '{house.name}' no lleva portada: las 'oficinas' no se imprimirían",
                Location(str(brief.path), line=brief.offices[0].line, field="oficinas"),
                "quite 'oficinas' del informe, o use un estilo con portada")
        try:
            tables = load_tables(brief)
        except SectorialError as exc:  # say what else is wrong before stopping
            from sectorial.text.env import check_templates

            raise_all([exc, *check_templates(brief, template_names(brief))])
    with timings.stage("indicadores"):
        indicators = compute_all(brief.indicators, tables, brief.period,
                                 brief.rounding or house.rounding)
    with timings.stage("texto"):
        from sectorial.brief.compose import compose

        document = compose(brief, indicators, house)
    return Prepared(brief, house, tables, indicators, document)


def template_names(brief: Brief) -> set[str]:
    """The names a brief's templates may use: its indicators and what compose gives."""
    fan_out = {brief.fan_out.column} if brief.fan_out else set()
    letter = set(LETTER_NAMES) if brief.mailing else set()
    return set(brief.indicators) | set(RESERVED_NAMES) | fan_out | letter


_TABLES: dict[tuple, Table] = {}
"""Tables already read by this process, by file identity and spec: the 25 documents of a
regional brief read their data once per process."""
_TABLES_KEPT = 64


def load_tables(brief: Brief) -> dict[str, Table]:
    """Load every data source the brief declares, reporting all failures together."""
    tables: dict[str, Table] = {}
    errors: list[SectorialError] = []
    for key, spec in brief.sources.items():
        try:
            tables[key] = cached_table(spec)
        except SectorialError as exc:
            errors.append(exc)
    raise_all(errors)
    return tables


def cached_table(spec: SourceSpec) -> Table:
    """The table of ``spec``, read once per process for each content of the file."""
    try:
        identity = (repr(spec), file_digest(spec.path))
    except OSError:
        return load_table(spec)  # the loader says what is wrong with the path
    if identity not in _TABLES:
        _TABLES[identity] = load_table(spec)
        while len(_TABLES) > _TABLES_KEPT:  # a preview reads each edit's content anew
            del _TABLES[next(iter(_TABLES))]
    return _TABLES[identity]


def build(
    brief_path: Path, out_dir: Path, formats: tuple[str, ...], period: Period | None = None,
    value: str | None = None,
) -> BuildResult:
    """Build the brief into ``out_dir`` in each of ``formats``; return the paths written."""
    timings = Timings()
    prepared = prepare(brief_path, period, timings, value)
    return BuildResult(render(prepared, out_dir, formats, timings), timings)


def render(
    prepared: Prepared, out_dir: Path, formats: tuple[str, ...], timings: Timings,
    spare_core: bool = False, ahead: background.Background | None = None,
) -> tuple[Path, ...]:
    """Render the document (``rendered``), then write its files all atomically."""
    outputs = rendered(prepared, formats, timings, spare_core, ahead)
    with timings.stage("escritura"):
        return write_all({out_dir / name: data for name, data in outputs.items()})


def _checked(prepared: Prepared, formats: tuple[str, ...],
             more: list[SectorialError] | None = None) -> None:
    """Raise every problem the formats find before anything is drawn (``more``: those a
    second process found); a character the fonts lack is named by its data cell."""
    doc, look = prepared.document, prepared.house.look
    problems = format_problems(doc, look, formats) + (more or [])
    for problem in problems:
        if isinstance(problem, GlyphError) and problem.where is None:
            problem.where = _cell_with(problem.character, prepared.tables)
    raise_all(missing_roles(doc, look, formats) + problems)


def rendered(
    prepared: Prepared, formats: tuple[str, ...], timings: Timings, spare_core: bool = False,
    ahead: background.Background | None = None,
) -> dict[str, bytes]:
    """Draw the charts once (for the formats that show them), render every format and the
    figures ledger in memory; return each file's name and bytes.

    ``ahead`` (``start_ahead``) renders the PDF while this process renders the rest. Else,
    with ``spare_core``, a second process takes part of the work. When a format needs no
    picture (a DOCX of native Word charts), that process first helps draw the pictures the
    other formats need, then renders it while they render here; otherwise, once the
    pictures are drawn, one format renders there while the other renders here."""
    doc, look = prepared.document, prepared.house.look
    if ahead is not None:
        return _ledgered(doc, _rendered_ahead(prepared, formats, timings, ahead))
    _checked(prepared, formats)
    needs = {fmt: renderer_module(fmt).needs_pictures(doc, look) for fmt in formats}
    pictured = tuple(fmt for fmt in formats if needs[fmt])
    aside = _aside(formats, pictured) if spare_core and background.available() else ()
    early = tuple(fmt for fmt in aside if fmt not in pictured)
    here = tuple(fmt for fmt in formats if fmt not in aside)
    helper: background.Background | None = None
    seconds: dict[str, float] = {}
    try:
        images: dict[str, Picture] = {}
        queue = None
        if pictured:
            with timings.stage("gráficos"):
                from sectorial.interrupts import deferred

                with deferred():  # matplotlib half imported would abort the process
                    from sectorial.render.charts import ChartQueue

                queue = ChartQueue(doc, look, shared=bool(early),
                                   kinds=frozenset().union(*needs.values()))
        if early:  # the helper draws from the back of the queue, then renders its formats
            helper = background.Background(_aside_work, doc, look, {}, early, queue)
        if queue is not None:
            with timings.stage("gráficos"):
                images = queue.draw()
                if early:
                    drawn, seconds["gráficos en paralelo"] = helper.result()
                    images |= drawn
        if aside and not early:
            helper = background.Background(_aside_work, doc, look, images, aside, None)
        rendered, spent = render_formats(doc, look, images, here)
        seconds |= spent
        if helper is not None:
            more, more_seconds = helper.result()
            rendered |= more
            seconds |= {f"{name} en paralelo": s for name, s in more_seconds.items()}
    finally:
        if helper is not None:
            helper.stop()
    for name, spent_here in seconds.items():
        timings.stages[name] = timings.stages.get(name, 0.0) + spent_here
    return _ledgered(doc, {fmt: rendered[fmt] for fmt in formats})


def _rendered_ahead(prepared: Prepared, formats: tuple[str, ...], timings: Timings,
                    ahead: background.Background) -> dict[str, bytes]:
    doc, look = prepared.document, prepared.house.look
    here = tuple(fmt for fmt in formats if fmt != "pdf")
    ahead.send((doc, look, ("pdf",)))
    _checked(prepared, here)
    images: dict[str, Picture] = {}
    if any(renderer_module(fmt).needs_pictures(doc, look) for fmt in here):
        with timings.stage("gráficos"):
            images = _drawn(doc, look, here)
    done, seconds = render_formats(doc, look, images, here)
    _checked(prepared, (), ahead.result())  # what the PDF could not print right
    more, more_seconds = ahead.result()
    for name, spent in {**seconds, **{f"{n} en paralelo": s for n, s in
                                      more_seconds.items()}}.items():
        timings.stages[name] = timings.stages.get(name, 0.0) + spent
    done |= more
    return {fmt: done[fmt] for fmt in formats}


def _ledgered(doc: Document, rendered: dict[str, bytes]) -> dict[str, bytes]:
    """The files of ``doc``: each format rendered, and the figures ledger."""
    outputs = {f"{doc.name}.{fmt}": data for fmt, data in rendered.items()}
    from sectorial.render.ledger import LEDGER_SUFFIX, ledger_csv

    starts = None
    if "pdf" in rendered:  # the ledger numbers the pages as the PDF prints them
        from sectorial.render.pdf.outline import page_starts

        starts = page_starts(rendered["pdf"])
    outputs[f"{doc.name}{LEDGER_SUFFIX}"] = ledger_csv(doc, starts)
    return outputs


def _aside_work(
    doc: Document, look: Look, images: Mapping[str, Picture], formats: tuple[str, ...],
    queue: ChartQueue | None,
) -> Iterator[tuple]:
    """The second process's part, sent in two steps: first the pictures it drew from the
    back of ``queue`` (and the seconds it took), as soon as none is left to draw, so the
    formats that need them can go on; then its ``formats``, rendered."""
    if queue is not None:
        start = time.perf_counter()
        drawn = queue.draw(from_back=True)
        yield drawn, time.perf_counter() - start
    yield render_formats(doc, look, images, formats)


def _aside(formats: tuple[str, ...], pictured: tuple[str, ...]) -> tuple[str, ...]:
    """The formats to render in a second process: those that need no picture, when some
    other format remains here; else all but the first."""
    if len(formats) < 2:
        return ()
    free = tuple(fmt for fmt in formats if fmt not in pictured)
    return free if free and len(free) < len(formats) else formats[1:]


def _cell_with(character: str, tables: Mapping[str, Table]) -> Location | None:
    """The first data cell whose text holds ``character`` (an emoji in a product name)."""
    for table in tables.values():
        for column, kind in table.spec.columns.items():
            if kind != "texto":
                continue
            for value, rows in table.rows_by_value(column).items():
                if character in value:
                    return Location(str(table.spec.path), sheet=table.spec.sheet,
                                    row=rows[0], column=column)
    return None
