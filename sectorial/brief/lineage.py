"""Which data each page uses, from its templates and charts: the page's "Fuente:" line.

A page uses an indicator when one of its templates names it or one of its charts or tables
draws it; an indicator uses the data source it reads, and those of the indicators it is
computed from (a variation, a ratio). The source note lists the declared origin of exactly
those sources ("INEI - ENAHO", "SBS"): a page whose ``fuentes`` leaves out a source it
uses, or names one it does not use, is an error naming both.
"""

from __future__ import annotations

from functools import lru_cache

from sectorial.brief.model import Brief
from sectorial.errors import BriefError, Location
from sectorial.indicators.spec import IndicatorSpec
from sectorial.text.env import names_in
from sectorial.text.pages import PageSpec


def indicator_sources(name: str, specs: dict[str, IndicatorSpec],
                      seen: set[str] | None = None) -> set[str]:
    """The data sources an indicator is computed from, through the indicators it uses."""
    seen = set() if seen is None else seen
    if name in seen or name not in specs:
        return set()
    seen.add(name)
    spec = specs[name]
    found = {spec.source} if spec.source else set()
    for _, other in spec.references():
        found |= indicator_sources(other, specs, seen)
    return found


@lru_cache(maxsize=256)
def page_indicators(page: PageSpec) -> frozenset[str]:
    """The names a page's templates read, and the indicators its charts and tables draw.

    Pages are frozen: the 25 documents of a regional brief share their pages and parse
    them once."""
    return frozenset(names_in(page) | page.drawn())


def page_sources(page: PageSpec, number: int, brief: Brief) -> tuple[str, ...]:
    """The data sources of a page, in the brief's order; check them against ``fuentes``."""
    used: set[str] = set()
    for name in page_indicators(page):
        used |= indicator_sources(name, brief.indicators)
    ordered = tuple(key for key in brief.sources if key in used)
    if not page.sources:
        return ordered
    where = Location(str(brief.path), line=page.line, field=f"paginas[{number}].fuentes")
    missing = [key for key in ordered if key not in page.sources]
    unused = [key for key in page.sources if key not in used]
    problems = []
    if missing:
        problems.append("usa datos de " + ", ".join(
            f"'{key}' ({brief.sources[key].origin})" for key in missing) + " que 'fuentes' no "
            "nombra")
    if unused:
        problems.append("nombra en 'fuentes' " + ", ".join(f"'{key}'" for key in unused)
                        + ", de donde no sale ninguna cifra de la página")
    if problems:
        raise BriefError("la página " + "; y ".join(problems), where,
                         "deje en 'fuentes' exactamente los datos que la página usa, o quite "
                         "'fuentes' para que se calculen solas: "
                         + (", ".join(ordered) or "ninguna"))
    return tuple(key for key in page.sources if key in used)
