"""The output formats, declared once: name, renderer module, roles, documentation.

Light to import: renderers are named here, imported only when their format is built. A
format's module has ``render(doc, look, pictures, out)`` and ``needs_pictures(doc, look)``
(what it needs of the charts: ``picture.PIXELS``, ``picture.VECTOR``, or nothing).
The brief's schema (``envio.adjuntos``), the CLI's ``--formats``, the warm-up before
forking, ``check``'s roles and the mail all read ``FORMATS``. A new format: one
``_declare`` here and one module in ``render/`` (a Markdown renderer took 110 lines).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from sectorial.doc.model import Document
from sectorial.errors import RenderError, SectorialError, StyleError
from sectorial.kinds import Kind, Registry
from sectorial.style.model import Look, Roles

FORMATS = Registry("formato")

TEXT_ROLES = Roles(colors=("primario", "oscuro", "texto", "suave", "linea", "fondo_caja",
                           "cifra"),
                   sizes=("texto", "nota", "mensaje", "pagina_titulo", "cifra",
                          "grafico_titulo"))
"""What both formats draw the pages with."""
COVER_ROLES = Roles(sizes=("portada_titulo", "portada_serie"))
"""What the cover adds, when the house style has one."""
CHART_ROLES = Roles(colors=("barra", "resaltado", "texto", "linea"),
                    sizes=("grafico_etiqueta",), palette=3)
"""What every chart drawer needs (matplotlib's and Word's): the variation line takes the
palette's third colour."""
FALL_ROLES = Roles(colors=("negativo",))
"""What a chart with a bar below zero adds: the falls' colour."""


def _declare(name: str, module: str, doc: str, words: str,
             preload: tuple[str, ...] = ()) -> None:
    """Declare a format: ``module`` renders it; ``words`` name it in a letter ("formato
    Word"); ``preload`` are the modules it may need, imported before a pool forks."""
    FORMATS.add(Kind(name, doc, (), None, {"module": module, "roles": TEXT_ROLES,
                                           "label": name.upper(), "words": words,
                                           "preload": preload}))


_declare("docx", "sectorial.render.word.document", "Word: el mismo informe para editar, con "
         "estilos de título, tablas reales y gráficos de Word editables o imágenes.",
         "formato Word", ("sectorial.render.word.charts", "sectorial.render.charts"))
_declare("pdf", "sectorial.render.pdf.pages", "PDF/A para archivar: fuentes incrustadas, "
         "marcadores y metadatos.", "PDF", ("sectorial.render.charts",))


def renderer_module(fmt: str) -> ModuleType:
    """Import and return the module that renders ``fmt``."""
    if fmt not in FORMATS:
        raise RenderError(f"formato desconocido '{fmt}'",
                          hint="use " + ", ".join(FORMATS.names()))
    from sectorial.interrupts import deferred

    with deferred():  # a compiled library half imported would abort the process
        return importlib.import_module(FORMATS[fmt].module)


def warm_up(formats: tuple[str, ...]) -> None:
    """Import everything the formats may use (before forking, so the workers share it)."""
    for fmt in formats:
        renderer_module(fmt)
        from sectorial.interrupts import deferred

        for module in FORMATS[fmt].preload:
            with deferred():
                importlib.import_module(module)


def format_problems(doc: Document, look: Look,
                    formats: tuple[str, ...]) -> list[SectorialError]:
    """What the formats of ``formats`` say they could not print right in ``doc``, each
    problem once (a title too long for the cover is too long in both)."""
    found: dict[str, SectorialError] = {}
    for fmt in formats:
        check = getattr(renderer_module(fmt), "problems", None)
        if check is not None:
            for problem in check(doc, look):
                found.setdefault(str(problem), problem)
    return list(found.values())


def missing_roles(doc: Document, look: Look, formats: tuple[str, ...]) -> list[StyleError]:
    """A StyleError for each role the house style lacks and a format of ``formats`` needs
    to draw ``doc`` (its cover, its charts)."""
    needs = Roles()
    for fmt in formats:
        needs |= FORMATS[fmt].roles
    if doc.cover is not None:
        needs |= COVER_ROLES
    if doc.charts():
        needs |= CHART_ROLES
    if any(value < 0 for chart in doc.charts() for series in chart.series
           for value in series.values):
        needs |= FALL_ROLES
    from sectorial.lang.phrases import join_list

    return look.missing(needs, join_list([f"el {FORMATS[fmt].label}" for fmt in formats]))
