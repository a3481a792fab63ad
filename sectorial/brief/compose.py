"""Compose a brief and its indicators into the document model (all text final).

Each page goes to the function its kind declares (``text.pages.PAGES``); this module adds
what only the whole brief knows: the file name, the cover, the metadata, the sources of
each page (``lineage``) and the consistency checks.
"""

from __future__ import annotations

import re
from typing import Any

from sectorial.brief.lineage import page_sources
from sectorial.brief.model import Brief
from sectorial.doc.model import Cover, Document, Masthead, Metadata
from sectorial.errors import BriefError, Location, SectorialError, raise_all
from sectorial.indicators.checks import run_checks
from sectorial.indicators.values import Indicator
from sectorial.lang.phrases import edition_date, join_list, slug
from sectorial.reproducible import build_time
from sectorial.style import HouseStyle
from sectorial.text.env import TextEngine
from sectorial.text.ledger import Ledger
from sectorial.text.pages import PAGES, Composer, PageSpec

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


def compose(brief: Brief, indicators: dict[str, Indicator], house: HouseStyle) -> Document:
    """Render every snippet of the brief and assemble the document; report all failures."""
    ledger = Ledger(has_cover=house.cover)
    engine = TextEngine(house.numbers, template_context(brief, indicators),
                        house.voice.intensity, ledger.note_text)
    errors, waived = run_checks(brief.checks, brief.indicators, indicators, str(brief.path))
    for item in waived:
        ledger.note_waived(item.check.place, item.check.line, item.check.refs, item.problem,
                           item.check.exception or "")

    def attempt(function: Any, *args: Any) -> Any:
        try:
            return function(*args)
        except SectorialError as exc:
            errors.append(exc)
            return None

    def sources(spec: PageSpec, number: int) -> tuple[str, ...]:
        return _sources_line(brief, spec, number)

    composer = Composer(engine, indicators, house.numbers, ledger, sources,
                        house.institution.credit)
    name = attempt(_document_name, brief, engine)
    title = attempt(engine.plain, brief.title)
    series = attempt(engine.plain, brief.series)
    offices = tuple(attempt(engine.plain, o) for o in brief.offices)
    pages = []
    for index, spec in enumerate(brief.pages, start=1):
        if attempt(composer.holds, spec.when) is False:
            ledger.skip(index)  # the pages after it move up one place
            continue
        pages.append(attempt(PAGES[spec.kind].function, spec, index, composer))
    subject = attempt(engine.plain, brief.subject) if brief.subject else series
    raise_all(errors)
    return Document(
        name=name,
        meta=_metadata(brief, house, title, subject),
        cover=_cover(brief, house, series, title, offices),
        pages=tuple(pages),
        series=series,
        figures=tuple(ledger.rows),
        masthead=Masthead(house.institution.country, house.institution.entity),
    )


def _metadata(brief: Brief, house: HouseStyle, title: str, subject: str) -> Metadata:
    return Metadata(title=title, subject=subject, author=house.institution.author,
                    language=house.language, keywords=brief.keywords,
                    created=build_time(brief.edition))


def _cover(brief: Brief, house: HouseStyle, series: str, title: str,
           offices: tuple[str, ...]) -> Cover | None:
    if not house.cover:
        return None
    year, month = brief.edition
    return Cover(country=house.institution.country, institution=house.institution.entity,
                 series=series, title=_number_kept_with_its_word(title), offices=offices,
                 edition=edition_date(year, month, title=True).replace(" ", "\u00a0"))


def _number_kept_with_its_word(title: str) -> str:
    """A number that ends a title stays with the word before it: a cover's «enero 2025»
    is never split over two lines."""
    return re.sub(r" (\d[\d.,]*)$", "\u00a0\\1", title)


def planned_name(brief: Brief) -> str | None:
    """The file name a brief will write, known before its data are read (None when its
    ``nombre`` reads an indicator: then only the build knows it)."""
    from sectorial.lang.numbers import NumberStyle

    try:
        return _document_name(brief, TextEngine(NumberStyle(), template_context(brief, {})))
    except SectorialError:
        return None


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


def _sources_line(brief: Brief, spec: PageSpec, number: int) -> tuple[str, ...]:
    """Return "Fuente: A, B" from the declared origin of the data the page uses."""
    origins: list[str] = []
    for key in page_sources(spec, number, brief):
        for origin in brief.sources[key].origin.split(", "):
            if origin not in origins:
                origins.append(origin)
    return (f"Fuente: {sources_phrase(origins)}",) if origins else ()


def sources_phrase(origins: list[str]) -> str:
    """Each institution once, with what of it the page uses: "INEI - ENAHO", or
    "SUNAT (Registro Único de Contribuyentes y Aduanas)" when it is more than one.

    >>> sources_phrase(["INEI", "SUNAT - Registro Único", "SUNAT - Aduanas", "INEI - ENAHO"])
    'INEI (ENAHO), SUNAT (Registro Único y Aduanas)'
    >>> sources_phrase(["INEI - ENAHO", "SBS"])
    'INEI - ENAHO, SBS'
    """
    named: dict[str, list[str]] = {}
    bare: set[str] = set()
    for origin in origins:
        institution, part = _split_source(origin)
        parts = named.setdefault(institution, [])
        if not part:
            bare.add(institution)
        elif part not in parts:
            parts.append(part)
    said = []
    for institution, parts in named.items():
        if not parts:
            said.append(institution)
        elif len(parts) == 1 and institution not in bare:
            said.append(f"{institution} - {parts[0]}")
        else:
            said.append(f"{institution} ({join_list(parts)})")
    return ", ".join(said)


def _split_source(origin: str) -> tuple[str, str]:
    """ "SUNAT - Aduanas" → ("SUNAT", "Aduanas"); "SBS" → ("SBS", "")."""
    institution, *part = re.split(r"\s[-–]\s", origin, maxsplit=1)
    return institution.strip(), part[0].strip() if part else ""
