"""Load a brief YAML file into a ``Brief``, collecting every problem before stopping once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sectorial.brief.schema import (
    BlockSpec,
    BoxSpec,
    Brief,
    ChartSpec,
    CheckSpec,
    FanOut,
    Mailing,
    PageSpec,
    Snippet,
    TableSpec,
)
from sectorial.data.spec import COLUMN_TYPES, MAX_HEADER_ROWS, SourceSpec
from sectorial.errors import BriefError, Location, SectorialError, raise_all
from sectorial.indicators.spec import GROWTH_METHODS, IndicatorSpec
from sectorial.indicators.spec import KIND_NAMES as KINDS
from sectorial.indicators.values import UNITS
from sectorial.lang.numbers import NumberStyle
from sectorial.periods import PERIOD_HELP, Period, PeriodError
from sectorial.yamlfile import LineDict, LineList, check_keys, load_yaml, unknown_key_hint

TOP_REQUIRED = ("nombre", "estilo", "periodo", "serie", "titulo", "edicion", "datos",
                "indicadores", "paginas")
TOP_OPTIONAL = ("oficinas", "asunto", "palabras_clave", "descripcion", "por_cada", "envio",
                "comprobaciones")
CHECK_KEYS = {"suma": ("suma", "igual_a"), "igual": ("igual",), "variacion": ("variacion", "serie")}
ATTACHMENTS = ("docx", "pdf")
SOURCE_KEYS = (("archivo", "fuente", "columnas"), ("hoja", "numeros", "descripcion", "clave",
                                                "fila_encabezado", "filas_encabezado"))
COMMON_INDICATOR = ("tipo", "descripcion", "unidad", "escala", "sin_dato")
INDICATOR_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "total": (("datos", "valor"), ("filtro", "en")),
    "serie": (("datos", "valor"), ("filtro", "desde", "ultimos")),
    "participaciones": (("datos", "valor", "por"), ("filtro", "en", "decimales", "redondeo")),
    "variacion": (("de",), ("desde", "frente_a")),
    "variaciones": (("de",), ()),
    "crecimiento_promedio": (("de", "metodo"), ("desde",)),
    "razon": (("numerador", "denominador"), ()),
    "puesto": (("datos", "valor", "por", "categoria"), ("filtro", "en")),
    "conteo": (("datos", "por"), ("filtro", "en")),
    "racha": (("de",), ()),
}
SCALES = {"unidades": 1.0, "mil": 1e3, "miles": 1e3, "millones": 1e6, "mil_millones": 1e9}
HIGHLIGHTS = ("ultimo", "primero", "ninguno")
CHART_KINDS = ("columnas", "columnas_variacion", "dona", "barras", "lineas")
CHART_KEYS = (("tipo", "titulo", "unidad", "datos"),
              ("variacion", "escala", "decimales", "resaltar", "maximo", "resto", "mostrar",
               "centro", "docx"))
PAGE_KEYS = {
    "indicadores": (("tipo", "etiqueta", "titulo", "encabezado", "cajas"),
                    ("columnas", "notas", "fuentes")),
    "tema": (("tipo", "etiqueta", "titulo", "graficos"),
             ("mensaje", "vinetas", "notas", "fuentes")),
    "articulo": (("tipo", "titulo", "bloques"),
                 ("etiqueta", "lugar_fecha", "entradilla", "notas", "fuentes")),
}
BLOCK_KINDS = ("subtitulo", "parrafo", "cita", "tabla", "grafico")
TABLE_KEYS = (("titulo", "datos", "columnas"),
              ("unidad", "maximo", "resto", "escala", "decimales"))
_EDITION = re.compile(r"^(\d{4})-(\d{2})$")
# Integer fields: (lowest, highest, what to write), checked by _Reader.bounded.
DECIMALS = (0, 6, "escriba cuántos decimales se muestran, por ejemplo 1")
LIMIT = (0, 1000, "escriba cuántas categorías se muestran como máximo (las demás se suman "
                  "en 'resto'), o 0 para mostrarlas todas")
LAST = (1, 600, "escriba cuántos periodos tiene la serie, contando el del informe; por "
                "ejemplo 13")
BOX_COLUMNS = (1, 8, "escriba cuántas cajas van en cada fila de la página, por ejemplo 4")
RESERVED_NAMES = ("periodo", "anterior", "acumulado", "fecha_edicion")
"""Names templates read besides the indicators (text/compose.py gives them)."""
PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class _Reader:
    """Holds the file name and the error list while one brief is read."""

    def __init__(self, path: Path):
        self.path = path
        self.file = str(path)
        self.errors: list[SectorialError] = []

    def error(self, message: str, line: int, field: str, hint: str | None = None) -> None:
        self.errors.append(BriefError(message, Location(self.file, line=line, field=field), hint))

    def keys(self, node: LineDict, required: tuple, optional: tuple, prefix: str) -> bool:
        """Record unknown, missing and empty keys; return False if a required one lacks."""
        found = check_keys(node, self.file, required, optional, BriefError, prefix)
        self.errors.extend(found)
        empty = [key for key in required if key in node and node[key] is None]
        for key in empty:  # "datos:" with nothing after it reads as null
            self.error(f"el campo obligatorio '{prefix}{key}' está vacío", node.line_of(key),
                       prefix + key, f"escriba su valor después de '{key}:'")
        return not empty and not any("falta" in e.message for e in found)

    def mapping(self, parent: LineDict, key: str, prefix: str = "") -> LineDict | None:
        value = parent.get(key)
        if isinstance(value, LineDict):
            return value
        if key in parent:
            self.error("debe ser un diccionario de campos", parent.line_of(key), prefix + key,
                       "escriba 'campo: valor' en líneas con sangría debajo, o entre llaves: "
                       "{campo: valor}")
        return None

    def sequence(self, parent: LineDict, key: str, prefix: str) -> list[tuple[Any, int]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.error("debe ser una lista (líneas que empiezan con '- ')",
                       parent.line_of(key), prefix + key)
            return []
        return list(zip(value, value.item_lines))

    def snippet(self, parent: LineDict, key: str, prefix: str) -> Snippet:
        value = parent.get(key)
        if isinstance(value, (dict, list)):
            self.error("debe ser un texto", parent.line_of(key), prefix + key)
            value = ""
        return Snippet("" if value is None else str(value), self.file, parent.line_of(key),
                       prefix + key)

    def integer(self, parent: LineDict, key: str, prefix: str, default: int) -> int:
        value = parent.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"debe ser un número entero, no '{value}'", parent.line_of(key),
                       prefix + key)
            return default
        return value

    def bounded(self, parent: LineDict, key: str, prefix: str, default: int,
                limits: tuple[int, int, str]) -> int:
        """An integer from ``limits[0]`` to ``limits[1]``; ``limits[2]`` says what it counts."""
        value = self.integer(parent, key, prefix, default)
        low, high, meaning = limits
        if not low <= value <= high:
            self.error(f"debe ser un número de {low} a {high}, no '{value}'",
                       parent.line_of(key), prefix + key, meaning)
            return default
        return value

    def reference(self, parent: LineDict, key: str, prefix: str, known: dict) -> None:
        """Record an error if ``parent[key]`` names no declared indicator."""
        ref = parent.get(key)
        if ref is not None and str(ref) not in known:
            self.error(f"no existe el indicador '{ref}'", parent.line_of(key), prefix + key,
                       unknown_key_hint(str(ref), list(known)))

    def choice(self, parent: LineDict, key: str, prefix: str, valid: tuple, default: str) -> str:
        value = str(parent.get(key, default))
        if value not in valid:
            self.error(f"valor no válido '{value}'", parent.line_of(key), prefix + key,
                       unknown_key_hint(value, valid))
        return value


def load_brief(path: Path, period: Period | None = None) -> Brief:
    """Read and validate the brief at ``path``; ``period`` overrides the file's one."""
    raw = load_yaml(path, BriefError)
    r = _Reader(path)
    r.keys(raw, TOP_REQUIRED, TOP_OPTIONAL, "")
    file_period = _period(r, raw)
    if period is not None and file_period is not None and period.monthly != file_period.monthly:
        kind = "mensual" if file_period.monthly else "anual"
        r.error(f"el informe es {kind} ({file_period}) y se pidió el periodo {period}",
                raw.line_of("periodo"), "periodo",
                "pida un " + ("mes, por ejemplo --period 2025-09" if file_period.monthly
                              else "año, por ejemplo --period 2024"))
    period = period or file_period or Period(2000)
    edition = _edition(r, raw, period)
    sources = _sources(r, raw.get("datos"), raw)
    fan_out = _fan_out(r, raw, sources)
    indicators = _indicators(r, raw.get("indicadores"), raw, sources, fan_out)
    pages = _pages(r, raw, indicators, sources)
    offices = tuple(
        Snippet(str(v), r.file, line, f"oficinas[{i}]")
        for i, (v, line) in enumerate(r.sequence(raw, "oficinas", ""))
    )
    keywords = tuple(str(k) for k, _ in r.sequence(raw, "palabras_clave", ""))
    texts = {key: r.snippet(raw, key, "") for key in ("nombre", "serie", "titulo", "asunto")}
    style = _style(r, raw)
    mailing = _mailing(r, raw)
    checks = _checks(r, raw, indicators)
    raise_all(r.errors)  # every check above: nothing below may add an error
    return Brief(
        path=path,
        name=texts["nombre"],
        style=style,
        period=period,
        fan_out=fan_out,
        series=texts["serie"],
        title=texts["titulo"],
        edition=edition,
        offices=offices,
        keywords=keywords,
        sources=sources,
        indicators=indicators,
        pages=pages,
        subject=texts["asunto"] if "asunto" in raw else None,
        mailing=mailing,
        checks=checks,
    )


def _checks(r: _Reader, raw: LineDict, indicators: dict) -> tuple[CheckSpec, ...]:
    """``comprobaciones``: a list of {suma, igual_a} | {igual: [a, b]} | {variacion, serie},
    each with an optional ``excepcion: motivo``."""
    found = []
    for index, (node, line) in enumerate(r.sequence(raw, "comprobaciones", ""), start=1):
        prefix = f"comprobaciones[{index}]."
        kind = next((k for k in CHECK_KEYS if isinstance(node, dict) and k in node), None)
        if kind is None:
            r.error("cada comprobación es {suma: participaciones, igual_a: total}, {igual: [a, "
                    "b]} o {variacion: indicador, serie: indicador}", line, prefix[:-1])
            continue
        r.keys(node, CHECK_KEYS[kind], ("excepcion",), prefix)
        if kind == "igual":
            refs = [str(v) for v, _ in r.sequence(node, "igual", prefix)]
            if len(refs) < 2:
                r.error("'igual' necesita dos o más indicadores", node.line_of("igual"),
                        prefix + "igual", "por ejemplo: igual: [empresas_total, empresas_rus]")
        else:
            refs = [str(node.get(key)) for key in CHECK_KEYS[kind]]
        for ref in refs:
            if ref not in indicators:
                r.error(f"no existe el indicador '{ref}'", line, prefix[:-1],
                        unknown_key_hint(ref, list(indicators)))
        reason = node.get("excepcion")
        found.append(CheckSpec(kind, tuple(refs), line, None if reason is None else str(reason)))
    return tuple(found)


def _mailing(r: _Reader, raw: LineDict) -> Mailing | None:
    """``envio: {destinatarios, adjuntos, asunto}``: how ``sectorial send`` mails the brief."""
    node = r.mapping(raw, "envio")
    if node is None:
        return None
    r.keys(node, (), ("destinatarios", "adjuntos", "asunto"), "envio.")
    recipients = node.get("destinatarios")
    if isinstance(recipients, (dict, list)) or recipients == "":
        r.error("debe ser la ruta de un archivo", node.line_of("destinatarios"),
                "envio.destinatarios", "por ejemplo: ../data/vraem/destinatarios.csv")
        recipients = None
    attachments = tuple(dict.fromkeys(
        str(v).strip().lower() for v, _ in r.sequence(node, "adjuntos", "envio.")))
    for name in attachments:
        if name not in ATTACHMENTS:
            r.error(f"adjunto no válido '{name}'", node.line_of("adjuntos"), "envio.adjuntos",
                    "use [docx] o [docx, pdf]")
    if attachments and "docx" not in attachments:
        r.error("el DOCX siempre va adjunto", node.line_of("adjuntos"), "envio.adjuntos",
                "use [docx] o [docx, pdf]")
    return Mailing(
        recipients=None if recipients is None else r.path.parent / str(recipients),
        attachments=attachments or ("docx",),
        subject=r.snippet(node, "asunto", "envio.") if "asunto" in node else None,
        line=raw.line_of("envio"),
    )


def _style(r: _Reader, raw: LineDict) -> str:
    """``estilo``: the name of a folder of templates/ (or a path to one)."""
    value = raw.get("estilo")
    name = "" if value is None else str(value)
    too_long = any(len(part.encode("utf-8")) > 255 for part in name.split("/"))
    if isinstance(value, (list, dict)) or "\x00" in name or too_long:
        shown = name if len(name) <= 60 else name[:60] + "…"
        r.error(f"nombre de estilo no válido '{shown}'", raw.line_of("estilo"), "estilo",
                "escriba el nombre de una carpeta de templates/, por ejemplo 'produce'")
    return name


def _period(r: _Reader, raw: LineDict) -> Period | None:
    if "periodo" not in raw:
        return None
    try:
        return Period.parse(raw["periodo"])
    except PeriodError as exc:
        r.error(str(exc), raw.line_of("periodo"), "periodo", PERIOD_HELP)
        return None


def _edition(r: _Reader, raw: LineDict, period: Period) -> tuple[int, int]:
    """Year and month of the edition: written, or "siguiente" (the month after the period)."""
    text = str(raw.get("edicion", ""))
    if text == "siguiente":
        after = period + 1 if period.monthly else Period(period.year + 1, 1)
        return after.year, after.month or 1
    match = _EDITION.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        if "edicion" in raw:
            r.error(f"fecha de edición no válida '{raw['edicion']}'", raw.line_of("edicion"),
                    "edicion", "escriba año y mes entre comillas, por ejemplo \"2025-05\", o "
                    "'siguiente' (el mes después del periodo)")
        return (0, 0)
    return int(match.group(1)), int(match.group(2))


def _fan_out(r: _Reader, raw: LineDict, sources: dict[str, SourceSpec]) -> FanOut | None:
    """``por_cada: {datos: X, columna: region}``: one document per value of a data column."""
    node = r.mapping(raw, "por_cada")
    if node is None:
        return None
    if not r.keys(node, ("datos", "columna"), (), "por_cada."):
        return None
    source, column = str(node["datos"]), str(node["columna"])
    if source not in sources:
        r.error(f"no existe la fuente de datos '{source}'", node.line_of("datos"),
                "por_cada.datos", unknown_key_hint(source, list(sources)))
        return None
    if sources[source].columns.get(column) != "texto":
        r.error(f"la columna '{column}' debe estar declarada como 'texto' en "
                f"'datos.{source}.columnas'", node.line_of("columna"), "por_cada.columna",
                unknown_key_hint(column, list(sources[source].columns)))
        return None
    return FanOut(source, column, node.line_of("por_cada") if "por_cada" in node else
                  raw.line_of("por_cada"))


def _sources(r: _Reader, node: Any, raw: LineDict) -> dict[str, SourceSpec]:
    if not isinstance(node, LineDict):
        if node is not None:
            r.error("debe ser un diccionario de fuentes de datos", raw.line_of("datos"), "datos")
        return {}
    found: dict[str, SourceSpec] = {}
    for key, spec in node.items():
        prefix = f"datos.{key}."
        if not isinstance(spec, LineDict):
            r.error("debe ser un diccionario de campos", node.line_of(key), prefix[:-1])
            continue
        if not r.keys(spec, *SOURCE_KEYS, prefix):
            continue
        columns = r.mapping(spec, "columnas", prefix) or {}
        for name, kind in columns.items():
            if kind not in COLUMN_TYPES:
                r.error(f"tipo de columna desconocido '{kind}'", columns.line_of(name),
                        f"{prefix}columnas.{name}", unknown_key_hint(str(kind), COLUMN_TYPES))
        numbers = r.mapping(spec, "numeros", prefix) or {}
        unique = tuple(str(k) for k, _ in r.sequence(spec, "clave", prefix))
        for name in unique:
            if name not in columns:
                r.error(f"la clave usa la columna '{name}', que no está en 'columnas'",
                        spec.line_of("clave"), prefix + "clave",
                        unknown_key_hint(name, list(columns)))
        found[key] = SourceSpec(
            key=key,
            path=(r.path.parent / str(spec["archivo"])),
            origin=str(spec["fuente"]),
            columns={str(k): str(v) for k, v in columns.items()},
            sheet=str(spec["hoja"]) if spec.get("hoja") else None,
            numbers=NumberStyle(group=str(numbers.get("miles", ",")),
                                decimal=str(numbers.get("decimal", "."))),
            unique=unique,
            header_row=_header_row(r, spec, prefix),
            header_rows=_header_rows(r, spec, prefix),
        )
    return found


def _header_row(r: _Reader, spec: LineDict, prefix: str) -> int:
    """``fila_encabezado``: the file row with the column names (1 when absent)."""
    row = r.integer(spec, "fila_encabezado", prefix, 1)
    if row < 1:
        r.error(f"debe ser un número de fila, 1 o mayor, no '{row}'",
                spec.line_of("fila_encabezado"), prefix + "fila_encabezado",
                "escriba el número de la fila del archivo que tiene los nombres de columna "
                "(1 si es la primera)")
        return 1
    return row


def _header_rows(r: _Reader, spec: LineDict, prefix: str) -> int:
    """``filas_encabezado``: how many rows the header spans (1 to MAX_HEADER_ROWS)."""
    return r.bounded(spec, "filas_encabezado", prefix, 1, (
        1, MAX_HEADER_ROWS, "escriba cuántas filas ocupa el encabezado: 2 si un título agrupado "
        "(como 'Exportaciones') está encima de los subtítulos ('2023', '2024')"))


def _indicators(
    r: _Reader, node: Any, raw: LineDict, sources: dict[str, SourceSpec],
    fan_out: FanOut | None = None,
) -> dict[str, IndicatorSpec]:
    if not isinstance(node, LineDict):
        if node is not None:
            r.error("debe ser un diccionario de indicadores", raw.line_of("indicadores"),
                    "indicadores")
        return {}
    found: dict[str, IndicatorSpec] = {}
    reserved = (*RESERVED_NAMES, *((fan_out.column,) if fan_out else ()))
    for key, spec in node.items():
        prefix = f"indicadores.{key}."
        if key in reserved:
            r.error(f"el nombre '{key}' está reservado para las plantillas", node.line_of(key),
                    f"indicadores.{key}", "use otro nombre para este indicador (reservados: "
                    + ", ".join(reserved) + ")")
        if not isinstance(spec, LineDict) or "tipo" not in spec:
            r.error("falta el campo 'tipo'", node.line_of(key), prefix + "tipo",
                    "tipos: " + ", ".join(KINDS))
            continue
        kind = r.choice(spec, "tipo", prefix, tuple(KINDS), "")
        if kind not in KINDS:
            continue
        required, optional = INDICATOR_KEYS[kind]
        if not r.keys(spec, required, optional + COMMON_INDICATOR, prefix):
            continue
        source = spec.get("datos")
        if source is not None and str(source) not in sources:
            r.error(f"no existe la fuente de datos '{source}'", spec.line_of("datos"),
                    prefix + "datos", unknown_key_hint(str(source), list(sources)))
        filters = dict(r.mapping(spec, "filtro", prefix) or {})
        declared = sources[str(source)].columns if str(source) in sources else None
        columns = [(k, k, spec[k]) for k in ("valor", "por") if k in spec]
        columns += [("filtro", f"filtro.{name}", name) for name in filters]
        for written, field_name, column in columns:
            if declared is not None and str(column) not in declared:
                r.error(f"la columna '{column}' no está declarada en 'datos.{source}.columnas'",
                        spec.line_of(written), prefix + field_name,
                        unknown_key_hint(str(column), list(declared)))
        value_kind = (declared or {}).get(str(spec.get("valor")))
        if "valor" in spec and value_kind in ("texto", "periodo"):
            r.error(f"la columna '{spec['valor']}' es de tipo '{value_kind}' y 'valor' suma "
                    "números", spec.line_of("valor"), prefix + "valor",
                    "elija una columna declarada como 'entero', 'conteo' o 'decimal' en "
                    f"'datos.{source}.columnas'")
        for name, value in [*filters.items(), ("categoria", spec.get("categoria"))]:
            for used in PLACEHOLDER.findall(str(value or "")):
                if fan_out is None or used != fan_out.column:
                    r.error(f"'{{{{ {used} }}}}' no se puede usar en un filtro",
                            spec.line_of("filtro" if name != "categoria" else "categoria"),
                            prefix + ("categoria" if name == "categoria" else f"filtro.{name}"),
                            "en filtros y 'categoria' solo vale la columna de 'por_cada' "
                            + (f"('{{{{ {fan_out.column} }}}}')" if fan_out else
                               "(este informe no declara 'por_cada')"))
        if "ultimos" in spec and "desde" in spec:
            r.error("use 'desde' o 'ultimos', no los dos", spec.line_of("ultimos"),
                    prefix + "ultimos")
        scale = str(spec.get("escala", "unidades"))
        if scale not in SCALES:
            r.error(f"escala desconocida '{scale}'", spec.line_of("escala"), prefix + "escala",
                    unknown_key_hint(scale, tuple(SCALES)))
        found[key] = IndicatorSpec(
            key=key,
            kind=kind,
            file=r.file,
            line=node.line_of(key),
            source=str(source) if source is not None else None,
            of=_opt(spec, "de"),
            value=_opt(spec, "valor"),
            by=_opt(spec, "por"),
            filters=filters,
            at=spec.get("en"),
            since=spec.get("desde"),
            last=r.bounded(spec, "ultimos", prefix, 13, LAST) if "ultimos" in spec else None,
            base=_opt(spec, "frente_a"),
            method=r.choice(spec, "metodo", prefix, tuple(GROWTH_METHODS), "compuesto"),
            unit=r.choice(spec, "unidad", prefix, UNITS, "numero"),
            scale=SCALES.get(scale, 1.0),
            decimals=r.bounded(spec, "decimales", prefix, 1, DECIMALS),
            rounding=_opt(spec, "redondeo"),
            numerator=_opt(spec, "numerador"),
            denominator=_opt(spec, "denominador"),
            category=_opt(spec, "categoria"),
            missing=r.choice(spec, "sin_dato", prefix, ("error", "nd"), "error"),
            description=str(spec.get("descripcion", "")),
        )
    for key, spec in found.items():
        for field_name, ref in (("de", spec.of), ("numerador", spec.numerator),
                                ("denominador", spec.denominator), ("frente_a", spec.base)):
            if ref is not None and ref not in found:
                r.error(f"no existe el indicador '{ref}'", spec.line, f"indicadores.{key}."
                        f"{field_name}", unknown_key_hint(ref, list(found)))
    return found


def _opt(node: LineDict, key: str) -> str | None:
    return None if node.get(key) is None else str(node[key])


def _pages(
    r: _Reader, raw: LineDict, indicators: dict[str, IndicatorSpec],
    sources: dict[str, SourceSpec],
) -> tuple[PageSpec, ...]:
    pages: list[PageSpec] = []
    for index, (node, line) in enumerate(r.sequence(raw, "paginas", "")):
        prefix = f"paginas[{index + 1}]."
        if not isinstance(node, LineDict):
            r.error("cada página debe ser un diccionario de campos", line, prefix[:-1])
            continue
        kind = r.choice(node, "tipo", prefix, tuple(PAGE_KEYS), "")
        if kind not in PAGE_KEYS or not r.keys(node, *PAGE_KEYS[kind], prefix):
            continue
        page_sources = tuple(str(s) for s, _ in r.sequence(node, "fuentes", prefix))
        for name in page_sources:
            if name not in sources:
                r.error(f"no existe la fuente de datos '{name}'", node.line_of("fuentes"),
                        prefix + "fuentes", unknown_key_hint(name, list(sources)))
        pages.append(PageSpec(
            kind=kind,
            label=r.snippet(node, "etiqueta", prefix) if "etiqueta" in node else Snippet(
                "", r.file, line, prefix + "etiqueta"),
            title=r.snippet(node, "titulo", prefix),
            line=line,
            heading=r.snippet(node, "encabezado", prefix) if "encabezado" in node else None,
            message=r.snippet(node, "mensaje", prefix) if "mensaje" in node else None,
            boxes=tuple(_box(r, b, ln, f"{prefix}cajas[{i + 1}].")
                        for i, (b, ln) in enumerate(r.sequence(node, "cajas", prefix))),
            columns=r.bounded(node, "columnas", prefix, 4, BOX_COLUMNS),
            charts=tuple(_chart(r, c, ln, f"{prefix}graficos[{i + 1}].", indicators)
                         for i, (c, ln) in enumerate(r.sequence(node, "graficos", prefix))),
            bullets=_snippets(r, node, "vinetas", prefix),
            notes=_snippets(r, node, "notas", prefix),
            sources=page_sources,
            dateline=r.snippet(node, "lugar_fecha", prefix) if "lugar_fecha" in node else None,
            lead=r.snippet(node, "entradilla", prefix) if "entradilla" in node else None,
            blocks=tuple(_block(r, b, ln, f"{prefix}bloques[{i + 1}].", indicators)
                         for i, (b, ln) in enumerate(r.sequence(node, "bloques", prefix))),
        ))
    if not pages and raw.get("paginas") is not None:
        r.error("el informe no tiene páginas", raw.line_of("paginas"), "paginas")
    return tuple(pages)


def _snippets(r: _Reader, node: LineDict, key: str, prefix: str) -> tuple[Snippet, ...]:
    return tuple(Snippet(str(v), r.file, ln, f"{prefix}{key}[{i + 1}]")
                 for i, (v, ln) in enumerate(r.sequence(node, key, prefix)))


def _box(r: _Reader, node: Any, line: int, prefix: str) -> BoxSpec:
    if not isinstance(node, LineDict):
        r.error("cada caja debe tener 'cifra' y 'texto'", line, prefix[:-1])
        return BoxSpec(Snippet("", r.file, line, prefix), Snippet("", r.file, line, prefix))
    r.keys(node, ("cifra", "texto"), (), prefix)
    return BoxSpec(r.snippet(node, "cifra", prefix), r.snippet(node, "texto", prefix))


def _chart(
    r: _Reader, node: Any, line: int, prefix: str, indicators: dict[str, IndicatorSpec]
) -> ChartSpec:
    empty = Snippet("", r.file, line, prefix)
    if not isinstance(node, LineDict):
        r.error("cada gráfico debe ser un diccionario de campos", line, prefix[:-1])
        return ChartSpec("columnas", empty, empty, "", line)
    r.keys(node, *CHART_KEYS, prefix)
    kind = r.choice(node, "tipo", prefix, CHART_KINDS, "columnas")
    for key in ("datos", "variacion"):
        r.reference(node, key, prefix, indicators)
    if kind == "columnas_variacion" and "variacion" not in node:
        r.error("un gráfico 'columnas_variacion' necesita 'variacion' (una serie de tipo "
                "'variaciones')", node.line, prefix + "variacion")
    scale = _scale(r, node, prefix)
    highlight = str(node.get("resaltar", "ultimo"))
    return ChartSpec(
        kind=kind,
        title=r.snippet(node, "titulo", prefix),
        unit=r.snippet(node, "unidad", prefix),
        data=str(node.get("datos", "")),
        line=line,
        variation=_opt(node, "variacion"),
        scale=scale,
        decimals=r.bounded(node, "decimales", prefix, 0, DECIMALS),
        highlight=highlight if highlight in HIGHLIGHTS else "nombre",
        highlight_label=(None if highlight in HIGHLIGHTS
                         else r.snippet(node, "resaltar", prefix)),
        limit=r.bounded(node, "maximo", prefix, 0, LIMIT) or None,
        rest_label=str(node.get("resto", "Resto")),
        show=r.choice(node, "mostrar", prefix, ("valor", "participacion", "ambos"), "valor"),
        center=r.snippet(node, "centro", prefix) if "centro" in node else None,
        docx=r.choice(node, "docx", prefix, ("nativo", "imagen"), "") if "docx" in node else "",
    )


def _scale(r: _Reader, node: LineDict, prefix: str) -> str | None:
    """``escala`` of a chart or a table: mil | millones, or none."""
    scale = node.get("escala")
    if scale is not None and str(scale) not in ("mil", "millones"):
        r.error(f"escala desconocida '{scale}'", node.line_of("escala"), prefix + "escala",
                "use 'mil' o 'millones'")
        return None
    return None if scale is None else str(scale)


def _block(
    r: _Reader, node: Any, line: int, prefix: str, indicators: dict[str, IndicatorSpec]
) -> BlockSpec:
    kinds = [k for k in BLOCK_KINDS if isinstance(node, LineDict) and k in node]
    if len(kinds) != 1:
        r.error("cada bloque debe tener uno de: " + ", ".join(BLOCK_KINDS), line, prefix[:-1],
                "por ejemplo '- parrafo: \"texto\"'")
        return BlockSpec("parrafo", line, Snippet("", r.file, line, prefix))
    kind = kinds[0]
    allowed = ("cita", "autor") if kind == "cita" else (kind,)
    r.keys(node, (kind,), allowed, prefix)
    if kind == "grafico":
        chart_node = node["grafico"]
        return BlockSpec(kind, line, chart=_chart(r, chart_node, node.line_of(kind),
                                                  prefix + "grafico.", indicators))
    if kind == "tabla":
        return BlockSpec(kind, line, table=_table(r, node["tabla"], node.line_of(kind),
                                                  prefix + "tabla.", indicators))
    return BlockSpec(kind, line, text=r.snippet(node, kind, prefix),
                     author=r.snippet(node, "autor", prefix) if "autor" in node else None)


def _table(
    r: _Reader, node: Any, line: int, prefix: str, indicators: dict[str, IndicatorSpec]
) -> TableSpec:
    empty = Snippet("", r.file, line, prefix)
    if not isinstance(node, LineDict):
        r.error("la tabla debe ser un diccionario de campos", line, prefix[:-1])
        return TableSpec(empty, empty, "", (), line)
    r.keys(node, *TABLE_KEYS, prefix)
    r.reference(node, "datos", prefix, indicators)
    header = tuple(str(h) for h, _ in r.sequence(node, "columnas", prefix))
    if len(header) not in (2, 3):
        r.error("'columnas' debe nombrar 2 columnas (nombre, valor) o 3 (nombre, valor, "
                "participación)", node.line_of("columnas"), prefix + "columnas")
    return TableSpec(
        title=r.snippet(node, "titulo", prefix),
        unit=r.snippet(node, "unidad", prefix),
        data=str(node.get("datos", "")),
        header=header,
        line=line,
        limit=r.bounded(node, "maximo", prefix, 0, LIMIT) or None,
        rest_label=str(node.get("resto", "Resto")),
        scale=_scale(r, node, prefix),
        decimals=r.bounded(node, "decimales", prefix, 0, DECIMALS),
    )
