"""Load a brief YAML file into a ``Brief``, collecting every problem before stopping once.

Two passes over the file: the schema (``sections.BRIEF``, through the one validator) says
what is missing, unknown or of the wrong kind; then this module reads what is valid and
checks what a schema cannot: names that must be declared elsewhere in the brief (an
indicator, a data source, a column), periods, the edition and the style's name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from sectorial.brief.model import Brief, FanOut, Mailing
from sectorial.brief.sections import BRIEF, CHECK, FAN_OUT, INDICATOR, MAILING
from sectorial.data.spec import NUMBER_MARKS, SEPARATOR_WORDS, SOURCE, SourceSpec
from sectorial.errors import BriefError, Location, SectorialError, raise_all, unknown_key_hint
from sectorial.formats import FORMATS
from sectorial.indicators.spec import CheckSpec, IndicatorSpec
from sectorial.lang.numbers import NumberStyle
from sectorial.periods import PERIOD_HELP, Period, PeriodError
from sectorial.schema import Place
from sectorial.schema.fields import line_of
from sectorial.text.pages import PAGE, PageSpec
from sectorial.yamlfile import LineDict, load_yaml

RESERVED_NAMES = ("periodo", "anterior", "acumulado", "fecha_edicion")
"""Names templates read besides the indicators (``brief.compose`` gives them)."""
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_EDITION = re.compile(r"^(\d{4})-(\d{2})$")


@cache
def brief_schema() -> dict:
    """The JSON Schema of a brief file (``sectorial schema`` writes it for editors)."""
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "title": "Informe de sectorial", **BRIEF.to_json()}


class _Reading:
    """One brief being read: its file, the schema's report and the problems found after."""

    def __init__(self, path: Path, raw: LineDict, report: Any):
        self.path, self.raw, self.report = path, raw, report
        self.file = str(path)
        self.errors: list[SectorialError] = list(report.errors)

    def error(self, message: str, line: int | None, field: str, hint: str | None = None) -> None:
        self.errors.append(BriefError(message, Location(self.file, line=line, field=field),
                                      hint))

    def line(self, node: Any, key: str | int) -> int:
        return line_of(node, key, getattr(node, "line", 1))

    def read(self, key: str, default: Any = None) -> Any:
        """The value of a top-level key, if it is there and valid."""
        if key not in self.raw or not self.report.ok(key):
            return default
        place = Place(self.file, self.line(self.raw, key), key)
        return BRIEF[key].value.read(self.raw[key], place)

    def declared(self, key: str) -> list[str]:
        """The names written under a top-level mapping (``indicadores``, ``datos``), valid
        or not: a reference to a name with an error is not also "unknown"."""
        node = self.raw.get(key)
        return [str(name) for name in node] if isinstance(node, dict) else []

    def entries(self, key: str) -> list[tuple[Any, Any, Place]]:
        """(name or index, node, place) of each valid entry of a top-level mapping or list."""
        node = self.raw.get(key)
        if not self.report.ok(key) and not isinstance(node, (dict, list)):
            return []
        items = node.items() if isinstance(node, dict) else enumerate(node or ())
        found = []
        for name, item in items:
            if self.report.ok(key, name):
                found.append((name, item, Place(self.file, 0, key).child(
                    name, self.line(node, name))))
        return found


_READ: dict[tuple[str, str, str], Brief] = {}


def load_brief(path: Path, period: Period | None = None) -> Brief:
    """Read and validate the brief at ``path``; ``period`` overrides the file's one. A
    brief is read once per content and period in a process: the 25 regions of a brief
    share one reading (its YAML and its validation were a sixth of each document)."""
    try:
        content = path.read_bytes() if path.is_file() else None
    except OSError:
        content = None
    if content is None:
        return _load_brief(path, period)  # the reading says what is wrong with the path
    # The path as written, from the folder we are in: the brief's data paths are made
    # from it (two links to one brief in two folders are two briefs).
    # The content hashed is the content read: a save in between cannot mark another valid.
    digest = hashlib.sha256(content).hexdigest()
    key = (str(path.absolute()), digest, str(period))
    if key not in _READ:
        _READ[key] = _load_brief(path, period, content, digest)
    return replace(_READ[key], path=path)


def _load_brief(path: Path, period: Period | None, content: bytes | None = None,
                digest: str | None = None) -> Brief:
    """The brief read from ``content`` (the file's bytes, whose hash is ``digest``), or
    from the file when they are not given."""
    from sectorial.schema.known import known_valid, remember_valid
    from sectorial.schema.validate import Report, validate

    raw = load_yaml(path, BriefError, content)
    schema = brief_schema()
    if digest is not None and known_valid(digest, schema):  # this content passed before
        report = Report()
    else:
        report = validate(raw, schema, str(path), BriefError)
        if digest is not None and not report.errors:
            remember_valid(digest, schema)
    r = _Reading(path, raw, report)
    file_period = _period(r)
    period = _asked_period(r, file_period, period)
    sources = _sources(r)
    fan_out = _fan_out(r, sources)
    indicators = _indicators(r, sources, fan_out)
    pages = _pages(r)
    checks = _checks(r)
    edition = _edition(r, period)
    style = _style(r)
    mailing = _mailing(r)
    raise_all(sorted(r.errors, key=lambda e: (e.where.line or 0) if e.where else 0))
    return Brief(path=path, name=r.read("nombre"), style=style, period=period,
                 series=r.read("serie"), title=r.read("titulo"), edition=edition,
                 offices=r.read("oficinas", ()), keywords=r.read("palabras_clave", ()),
                 sources=sources, indicators=indicators, pages=pages,
                 subject=r.read("asunto"), fan_out=fan_out, mailing=mailing, checks=checks,
                 rounding=r.read("redondeo_participaciones"),
                 institution=r.read("institucion", {}), numbers=r.read("numeros", {}))


def _period(r: _Reading) -> Period | None:
    if "periodo" not in r.raw or not r.report.ok("periodo"):
        return None
    try:
        return Period.parse(r.raw["periodo"])
    except PeriodError as exc:
        r.error(str(exc), r.line(r.raw, "periodo"), "periodo", PERIOD_HELP)
        return None


def _asked_period(r: _Reading, written: Period | None, asked: Period | None) -> Period:
    """The period to build: the one asked for (``--period``), else the file's."""
    if asked is not None and written is not None and asked.monthly != written.monthly:
        kind = "mensual" if written.monthly else "anual"
        r.error(f"el informe es {kind} ({written}) y se pidió el periodo {asked}",
                r.line(r.raw, "periodo"), "periodo",
                "pida un " + ("mes, por ejemplo --period 2025-09" if written.monthly
                              else "año, por ejemplo --period 2024"))
    return asked or written or Period(2000)


def _edition(r: _Reading, period: Period) -> tuple[int, int]:
    """Year and month of the edition: written, or "siguiente" (the month after the period)."""
    text = str(r.raw.get("edicion", ""))
    if text == "siguiente":
        after = period + 1 if period.monthly else Period(period.year + 1, 1)
        return after.year, after.month or 1
    match = _EDITION.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        if "edicion" in r.raw and r.report.ok("edicion"):
            r.error(f"fecha de edición no válida '{r.raw['edicion']}'", r.line(r.raw, "edicion"),
                    "edicion", "escriba año y mes entre comillas, por ejemplo \"2025-05\", o "
                    "'siguiente' (el mes después del periodo)")
        return (0, 0)
    return int(match.group(1)), int(match.group(2))


def _style(r: _Reading) -> str:
    """``estilo``: the name of a folder of templates/ (or a path to one)."""
    name = r.read("estilo", "")
    too_long = any(len(part.encode("utf-8")) > 255 for part in name.split("/"))
    if "\x00" in name or too_long:
        shown = name if len(name) <= 60 else name[:60] + "…"
        r.error(f"nombre de estilo no válido '{shown}'", r.line(r.raw, "estilo"), "estilo",
                "escriba el nombre de una carpeta de templates/, por ejemplo 'produce'")
    return name


def _sources(r: _Reading) -> dict[str, SourceSpec]:
    found: dict[str, SourceSpec] = {}
    for key, node, place in r.entries("datos"):
        values = SOURCE.read(node, place)
        for name in values["unique"]:
            if name not in values["columns"]:
                r.error(f"la clave usa la columna '{name}', que no está en 'columnas'",
                        r.line(node, "clave"), f"{place.path}.clave",
                        unknown_key_hint(name, list(values["columns"])))
        marks = values.pop("numbers") or NUMBER_MARKS.read({}, place)
        found[str(key)] = SourceSpec(
            key=str(key), **{**values, "path": r.path.parent / values["path"],
                             "sheet": values["sheet"] or None,
                             "separator": SEPARATOR_WORDS.get(values["separator"]),
                             "gaps": values["gaps"] == "permitir",
                             "outliers": values["outliers"] == "permitir"},
            numbers=NumberStyle(group=marks["miles"], decimal=marks["decimal"]))
    return found


def _fan_out(r: _Reading, sources: dict[str, SourceSpec]) -> FanOut | None:
    """``por_cada: {datos: X, columna: region}``: one document per value of a data column."""
    node = r.raw.get("por_cada")
    if node is None or not r.report.ok("por_cada"):
        return None
    values = FAN_OUT.read(node, Place(r.file, r.line(r.raw, "por_cada"), "por_cada"))
    source, column = values["source"], values["column"]
    if source not in sources:
        if source not in r.declared("datos"):
            r.error(f"no existe la fuente de datos '{source}'", r.line(node, "datos"),
                    "por_cada.datos", unknown_key_hint(source, r.declared("datos")))
            return None
        # a source with its own errors: they are said; '{{ region }}' is still the fan-out's
        return FanOut(source, column, r.line(r.raw, "por_cada"))
    if sources[source].columns.get(column) != "texto":
        r.error(f"la columna '{column}' debe estar declarada como 'texto' en "
                f"'datos.{source}.columnas'", r.line(node, "columna"), "por_cada.columna",
                unknown_key_hint(column, list(sources[source].columns)))
        return None
    return FanOut(source, column, r.line(r.raw, "por_cada"))


def _indicators(r: _Reading, sources: dict[str, SourceSpec],
                fan_out: FanOut | None) -> dict[str, IndicatorSpec]:
    declared = r.declared("indicadores")
    reserved = (*RESERVED_NAMES, *((fan_out.column,) if fan_out else ()))
    found: dict[str, IndicatorSpec] = {}
    for key, node, place in r.entries("indicadores"):
        key = str(key)
        if key in reserved:
            r.error(f"el nombre '{key}' está reservado para las plantillas", place.line,
                    f"indicadores.{key}", "use otro nombre para este indicador (reservados: "
                    + ", ".join(reserved) + ")")
        spec = IndicatorSpec(key=key, file=r.file, line=place.line,
                             **INDICATOR.read(node, place))
        _check_indicator(r, spec, node, sources, fan_out)
        for field_name, ref in spec.references():
            if ref not in declared:
                r.error(f"no existe el indicador '{ref}'", spec.line,
                        f"indicadores.{key}.{field_name}", unknown_key_hint(ref, declared))
        found[key] = spec
    return found


def _check_indicator(r: _Reading, spec: IndicatorSpec, node: LineDict,
                     sources: dict[str, SourceSpec], fan_out: FanOut | None) -> None:
    """The columns an indicator names exist and fit; placeholders are the fan-out's."""
    prefix = f"indicadores.{spec.key}."
    if spec.source is not None and spec.source not in r.declared("datos"):
        r.error(f"no existe la fuente de datos '{spec.source}'", r.line(node, "datos"),
                prefix + "datos", unknown_key_hint(spec.source, r.declared("datos")))
    declared = sources[spec.source].columns if spec.source in sources else None
    columns = [(k, k, node[k]) for k in ("valor", "por") if k in node]
    columns += [("filtro", f"filtro.{name}", name) for name in spec.filters]
    for written, field_name, column in columns:
        if declared is not None and str(column) not in declared:
            r.error(f"la columna '{column}' no está declarada en 'datos.{spec.source}.columnas'",
                    r.line(node, written), prefix + field_name,
                    unknown_key_hint(str(column), list(declared)))
    value_kind = (declared or {}).get(str(spec.value))
    if spec.value is not None and value_kind in ("texto", "periodo"):
        r.error(f"la columna '{spec.value}' es de tipo '{value_kind}' y 'valor' suma "
                "números", r.line(node, "valor"), prefix + "valor",
                "elija una columna declarada como 'entero', 'conteo' o 'decimal' en "
                f"'datos.{spec.source}.columnas'")
    _check_placeholders(r, spec, node, fan_out)
    if spec.last is not None and spec.since is not None:
        r.error("use 'desde' o 'ultimos', no los dos", r.line(node, "ultimos"),
                prefix + "ultimos")


def _check_placeholders(r: _Reading, spec: IndicatorSpec, node: LineDict,
                        fan_out: FanOut | None) -> None:
    """Filters and ``categoria`` may say only ``{{ <the por_cada column> }}``."""
    for name, value in [*spec.filters.items(), ("categoria", spec.category)]:
        for used in PLACEHOLDER.findall(str(value or "")):
            if fan_out is None or used != fan_out.column:
                where = "categoria" if name == "categoria" else "filtro"
                r.error(f"'{{{{ {used} }}}}' no se puede usar en un filtro",
                        r.line(node, where), f"indicadores.{spec.key}."
                        + ("categoria" if name == "categoria" else f"filtro.{name}"),
                        "en filtros y 'categoria' solo vale la columna de 'por_cada' "
                        + (f"('{{{{ {fan_out.column} }}}}')" if fan_out else
                           "(este informe no declara 'por_cada')"))


def _pages(r: _Reading) -> tuple[PageSpec, ...]:
    declared = r.declared("indicadores")
    pages: list[PageSpec] = []
    for _, node, place in r.entries("paginas"):
        page = PAGE.read(node, place)
        for name in page.sources:
            if name not in r.declared("datos"):
                r.error(f"no existe la fuente de datos '{name}'", r.line(node, "fuentes"),
                        f"{place.path}.fuentes", unknown_key_hint(name, r.declared("datos")))
        _check_page_references(r, page, declared)
        pages.append(page)
    if not pages and r.raw.get("paginas") == []:
        r.error("el informe no tiene páginas", r.line(r.raw, "paginas"), "paginas")
    return tuple(pages)


def _check_page_references(r: _Reading, page: PageSpec, declared: list[str]) -> None:
    """Charts and tables draw declared indicators; tables have 2 or 3 columns."""
    for chart in page.all_charts():
        prefix = chart.title.field.rsplit(".", 1)[0] + "."
        for key, ref in chart.references():
            if ref not in declared:
                r.error(f"no existe el indicador '{ref}'", chart.line, prefix + key,
                        unknown_key_hint(ref, declared))
    for table in page.tables():
        prefix = table.title.field.rsplit(".", 1)[0] + "."
        if table.data not in declared:
            r.error(f"no existe el indicador '{table.data}'", table.line, prefix + "datos",
                    unknown_key_hint(table.data, declared))
    for cuadro in page.all_cuadros():
        if cuadro.data not in declared:
            r.error(f"no existe el indicador '{cuadro.data}'", cuadro.line,
                    cuadro.title.field.rsplit(".", 1)[0] + ".datos",
                    unknown_key_hint(cuadro.data, declared))


def _checks(r: _Reading) -> tuple[CheckSpec, ...]:
    """``comprobaciones``: {suma, igual_a} | {igual: [a, b]} | {variacion, serie}, each with
    an optional ``excepcion: motivo``."""
    declared = r.declared("indicadores")
    found = []
    for _, node, place in r.entries("comprobaciones"):
        values = CHECK.read(node, place)
        kind = values.pop("kind")
        exception = values.pop("exception", None)
        refs = tuple(values["igual"]) if kind == "igual" else tuple(values.values())
        for ref in refs:
            if ref not in declared:
                r.error(f"no existe el indicador '{ref}'", place.line, place.path,
                        unknown_key_hint(ref, declared))
        found.append(CheckSpec(kind, refs, place.line, exception, place.path))
    return tuple(found)


def _mailing(r: _Reading) -> Mailing | None:
    """``envio: {destinatarios, adjuntos, asunto}``: how ``sectorial send`` mails the brief."""
    node = r.raw.get("envio")
    if node is None or not r.report.ok("envio"):
        return None
    values = MAILING.read(node, Place(r.file, r.line(r.raw, "envio"), "envio"))
    recipients = values["recipients"] if node.get("destinatarios") is not None else None
    if recipients == "":
        r.error("debe ser la ruta de un archivo", r.line(node, "destinatarios"),
                "envio.destinatarios", "por ejemplo: ../data/vraem/destinatarios.csv")
        recipients = None
    attachments = tuple(dict.fromkeys(a.strip().lower() for a in values["attachments"]))
    for name in attachments:
        if name not in FORMATS:
            r.error(f"adjunto no válido '{name}'", r.line(node, "adjuntos"), "envio.adjuntos",
                    "use [docx] o [docx, pdf]")
    if attachments and "docx" not in attachments:
        r.error("el DOCX siempre va adjunto", r.line(node, "adjuntos"), "envio.adjuntos",
                "use [docx] o [docx, pdf]")
    return Mailing(
        recipients=None if recipients is None else r.path.parent / recipients,
        attachments=attachments or ("docx",),
        subject=values["subject"],
        line=r.line(r.raw, "envio"),
    )
