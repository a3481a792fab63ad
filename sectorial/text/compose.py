"""Compose a brief and its indicators into the document model (all text final)."""

from __future__ import annotations

import re
from typing import Any

from sectorial.brief.schema import BlockSpec, Brief, ChartSpec, PageSpec, Snippet
from sectorial.doc.model import (
    ArticlePage,
    Block,
    Box,
    BoxesPage,
    Chart,
    Cover,
    Document,
    Metadata,
    Page,
    Paragraph,
    Quote,
    SourceNote,
    Subheading,
    TopicPage,
)
from sectorial.errors import BriefError, Location, SectorialError, raise_all
from sectorial.indicators.checks import run_checks
from sectorial.indicators.values import Indicator
from sectorial.lang.phrases import edition_date, slug
from sectorial.reproducible import build_time
from sectorial.style import Theme
from sectorial.text.chartdata import build_chart, build_table
from sectorial.text.env import TextEngine
from sectorial.text.ledger import Ledger
from sectorial.text.lineage import page_sources

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def template_context(brief: Brief, indicators: dict[str, Indicator]) -> dict[str, Any]:
    """Return what templates can read: the period, the previous one, every indicator."""
    year, month = brief.edition
    context = {**indicators, "periodo": brief.period, "anterior": brief.period.year_before(),
               "acumulado": brief.period.acumulado,
               "fecha_edicion": edition_date(year, month, title=False)}
    if brief.fan_out is not None and brief.value is not None:
        context[brief.fan_out.column] = brief.value
    return context


def compose(brief: Brief, indicators: dict[str, Indicator], theme: Theme) -> Document:
    """Render every snippet of the brief and assemble the document; report all failures."""
    ledger = Ledger(has_cover=theme.cover)
    engine = TextEngine(theme.numbers, template_context(brief, indicators), theme.intensity,
                        ledger.note_text)
    errors, waived = run_checks(brief, indicators, theme.share_rounding)
    for item in waived:
        number = brief.checks.index(item.check) + 1
        ledger.note_waived(f"comprobaciones[{number}]", item.check.line, item.check.refs,
                           item.problem, item.check.exception or "")

    def attempt(function: Any, *args: Any) -> Any:
        try:
            return function(*args)
        except SectorialError as exc:
            errors.append(exc)
            return None

    name = attempt(_document_name, brief, engine)
    title = attempt(engine.plain, brief.title)
    series = attempt(engine.plain, brief.series)
    offices = tuple(attempt(engine.plain, o) for o in brief.offices)
    pages = [attempt(_page, spec, index, brief, indicators, engine, theme, ledger)
             for index, spec in enumerate(brief.pages, start=1)]
    subject = attempt(engine.plain, brief.subject) if brief.subject else series
    raise_all(errors)
    year, month = brief.edition
    return Document(
        name=name,
        meta=Metadata(
            title=title,
            subject=subject,
            author=theme.institution.author,
            language=theme.language,
            keywords=brief.keywords,
            created=build_time(brief.edition),
        ),
        cover=None if not theme.cover else Cover(
            country=theme.institution.country,
            institution=theme.institution.entity,
            series=series,
            title=title,
            offices=offices,
            edition=edition_date(year, month, title=True),
        ),
        pages=tuple(pages),
        series=series,
        figures=tuple(ledger.rows),
    )


def _document_name(brief: Brief, engine: TextEngine) -> str:
    """The file name: periods as codes, the fan-out value as a slug ("madre-de-dios")."""
    extra = {}
    if brief.fan_out is not None and brief.value is not None:
        extra[brief.fan_out.column] = slug(brief.value)
    name = engine.file_name(brief.name, **extra)
    if not SAFE_NAME.match(name) or ".." in name:
        raise BriefError(
            f"nombre de archivo no válido '{name}'",
            Location(brief.name.file, line=brief.name.line, field="nombre"),
            "use solo letras sin tilde, números, guiones y puntos, sin '/' ni '..'",
        )
    return name


def _page(
    spec: PageSpec, index: int, brief: Brief, indicators: dict[str, Indicator],
    engine: TextEngine, theme: Theme, ledger: Ledger,
) -> Page:
    label, title = engine.plain(spec.label), engine.plain(spec.title)
    foot = SourceNote(
        notes=tuple(engine.rich(n) for n in spec.notes),
        sources=_sources_line(brief, spec, index),
        credit=theme.institution.credit,
    )
    if spec.kind == "indicadores":
        return BoxesPage(
            label=label,
            title=title,
            heading=engine.plain(spec.heading) if spec.heading else "",
            boxes=tuple(Box(engine.plain(b.figure), engine.rich(b.caption)) for b in spec.boxes),
            columns=spec.columns,
            foot=foot,
        )
    if spec.kind == "articulo":
        return ArticlePage(
            kicker=label,
            dateline=engine.plain(spec.dateline) if spec.dateline else "",
            headline=title,
            lead=engine.rich(spec.lead) if spec.lead else None,
            blocks=tuple(_block(b, f"p{index}_b{n}", indicators, engine, theme, ledger)
                         for n, b in enumerate(spec.blocks, start=1)),
            foot=foot,
        )
    charts = tuple(
        _chart(chart, f"p{index}_g{number}", indicators, engine, theme, ledger)
        for number, chart in enumerate(spec.charts, start=1)
    )
    return TopicPage(
        label=label,
        title=title,
        message=engine.rich(spec.message) if spec.message else None,
        charts=charts,
        bullets=tuple(engine.rich(b) for b in spec.bullets),
        foot=foot,
    )


def _chart(spec: ChartSpec, key: str, indicators: dict[str, Indicator], engine: TextEngine,
           theme: Theme, ledger: Ledger) -> Chart:
    """Build a chart and note its value labels in the ledger."""
    chart = build_chart(spec, key, engine.plain(spec.title), engine.plain(spec.unit),
                        engine.plain(spec.center) if spec.center else "", indicators,
                        theme.numbers,
                        engine.plain(spec.highlight_label) if spec.highlight_label else None)
    ledger.note_chart(spec.title.field.rsplit(".", 1)[0], spec.line, chart,
                      indicators[spec.data])
    return chart


def _block(
    spec: BlockSpec, key: str, indicators: dict[str, Indicator], engine: TextEngine,
    theme: Theme, ledger: Ledger,
) -> Block:
    if spec.chart is not None:
        return _chart(spec.chart, key, indicators, engine, theme, ledger)
    if spec.table is not None:
        table = spec.table
        built = build_table(table, engine.plain(table.title), engine.plain(table.unit),
                            indicators, theme.numbers)
        ledger.note_table(table.title.field.rsplit(".", 1)[0], table.line, built,
                          indicators[table.data])
        return built
    text = spec.text or Snippet("", "", spec.line, spec.kind)  # the loader always sets it
    if spec.kind == "subtitulo":
        return Subheading(engine.plain(text))
    if spec.kind == "cita":
        return Quote(engine.rich(text), engine.plain(spec.author) if spec.author else "")
    return Paragraph(engine.rich(text))


def _sources_line(brief: Brief, spec: PageSpec, number: int) -> tuple[str, ...]:
    """Return "Fuente: A, B" from the declared origin of the data the page uses."""
    origins: list[str] = []
    for key in page_sources(spec, number, brief):
        for origin in brief.sources[key].origin.split(", "):
            if origin not in origins:
                origins.append(origin)
    return (f"Fuente: {', '.join(origins)}",) if origins else ()
