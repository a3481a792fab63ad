"""Charts: the kinds a brief may ask for, their keys, and how each becomes a model chart.

``CHARTS`` declares every kind once (its name, the model kind the renderers draw, the data
it takes and its keys). ``build_chart`` turns a spec and its indicator into the model's
``Chart``: values scaled, every label formatted, the alternative text written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from sectorial.doc.model import Chart, ChartSeries, NumberFormat
from sectorial.errors import Location, TemplateError
from sectorial.indicators.values import Categories, Indicator, Series, Shares
from sectorial.kinds import Kind, Registry
from sectorial.lang.numbers import (
    NumberStyle,
    format_number,
    format_share,
    format_signed,
    round_half_up,
)
from sectorial.layout import LEAST_SLICE
from sectorial.schema import (
    Built,
    Choice,
    Integer,
    Key,
    ListOf,
    MapOf,
    Name,
    Place,
    Section,
    Snippet,
    Template,
    Text,
    Variants,
)
from sectorial.text.labels import (
    faithful_format,
    label_format,
    value_label,
    values_series,
    with_alt_text,
)
from sectorial.text.parts import omitted, parts, units

CHARTS = Registry("tipo de gráfico")
SCALES = {"mil": 1e3, "millones": 1e6}
HIGHLIGHTS = ("ultimo", "primero", "ninguno")
SERIES, SHARES, PARTS = "serie", "participaciones", "categorias"
SHOWN = ("valor", "participacion", "ambos", "variacion", "incidencia")


@dataclass(frozen=True)
class ChartSpec:
    """A chart of a page, as the brief declares it (``CHART_KEYS``)."""

    kind: str
    title: Snippet
    unit: Snippet
    data: str
    line: int
    variation: str | None = None
    scale: str | None = None
    decimals: int = 0
    highlight: str = "ultimo"
    limit: int | None = None
    rest_label: str = "Resto"
    show: str | None = None  # None: the value (in categories' diverging bars, the variation)
    center: Snippet | None = None
    highlight_label: Snippet | None = None  # resaltar: a category's name
    more: tuple[tuple[str, str], ...] = ()  # series: more series of a line chart, named
    omit: tuple[str, ...] = ()  # omitir: categories not drawn (shares stay of the whole)
    name: str | None = None  # nombre: the legend name of ``datos`` when there are more

    def references(self) -> tuple[tuple[str, str], ...]:
        """The indicators the chart draws, each with the key that names it."""
        refs = [("datos", self.data)]
        if self.variation:
            refs.append(("variacion", self.variation))
        refs += [(f"series.{label}", ref) for label, ref in self.more]
        return tuple(refs)
    editable: bool | None = None  # docx: nativo (True) | imagen (False); None: the style's


@dataclass(frozen=True)
class ChartTexts:
    """The texts of a chart, rendered: title, unit line, centre figure, highlighted name."""

    title: str
    unit: str
    center: str = ""
    highlight: str | None = None


SCALE = Key("escala", Choice(tuple(SCALES), message="escala desconocida '{value}'",
                             hint="use 'mil' o 'millones'"),
            "Divide los valores dibujados: `mil` o `millones`.", default=None, attr="scale")
DECIMALS = Key("decimales", Integer(0, 6, "escriba cuántos decimales se muestran, por ejemplo 1"),
               "Decimales de las etiquetas.", default=0, attr="decimals")
LIMIT = Key("maximo", Integer(0, 1000, "escriba cuántas categorías se muestran como máximo (las "
                              "demás se suman en 'resto'), o 0 para mostrarlas todas"),
            "Cuántas categorías como máximo; las demás se suman en `resto` (0: todas).",
            default=0, attr="limit")
REST = Key("resto", Text(), "El nombre de la categoría que suma las demás.", default="Resto",
           attr="rest_label")
CHART_KEYS = (
    Key("titulo", Template(), "El título del gráfico.", required=True, attr="title"),
    Key("unidad", Template(), "La línea de unidad y periodo, entre paréntesis: «(Millones "
        "US$-FOB y Part. %)».", required=True, attr="unit"),
    Key("datos", Name(), "El indicador que se dibuja: una serie o unas participaciones.",
        required=True, attr="data"),
    Key("variacion", Name(), "Para `columnas_variacion`: la serie de variaciones que se "
        "dibuja como línea.", default=None, attr="variation",
        missing="un gráfico 'columnas_variacion' dibuja su línea de variación desde un "
        "indicador de tipo 'variaciones': escriba 'variacion: <nombre>'"),
    SCALE, DECIMALS,
    Key("resaltar", Template(), "Qué barra se resalta: `ultimo`, `primero`, `ninguno` o el "
        "nombre de una categoría (puede ser `{{ region }}`).", default="ultimo",
        attr="highlight"),
    LIMIT, REST,
    Key("mostrar", Choice(SHOWN), "Qué se dibuja y qué dicen las etiquetas: en "
        "participaciones `valor`, `participacion` o `ambos`; en categorías `valor`, "
        "`variacion`, `incidencia` o `participacion`.", default=None, attr="show"),
    Key("centro", Template(), "En una dona, la cifra que va en el centro.", default=None,
        attr="center"),
    Key("series", MapOf(Name(), label="nombre: indicador"), "Para `lineas` y `columnas` "
        "(agrupadas): más series junto a `datos`, cada una con su nombre en la leyenda "
        "(`{Primario: var_primario}`).",
        default=None, attr="more"),
    Key("nombre", Text(), "El nombre de `datos` en la leyenda, cuando hay más `series`.",
        default=None, attr="name"),
    Key("omitir", ListOf(Text()), "Categorías que no se dibujan («Lima»); las demás guardan "
        "su participación en el total completo.", default=(), attr="omit"),
    Key("docx", Choice(("nativo", "imagen")), "En el DOCX, este gráfico como gráfico de Word "
        "editable (`nativo`) o como imagen; por defecto, lo que diga el estilo.",
        default=None, attr="editable"),
)


def build_chart(spec: ChartSpec, key: str, texts: ChartTexts,
                indicators: dict[str, Indicator], numbers: NumberStyle) -> Chart:
    """Return the model chart for ``spec``; values scaled, labels formatted."""
    data = indicators[spec.data]
    kind = CHARTS[spec.kind]
    if isinstance(data, Series) and SERIES in kind.data:
        categories, series, highlight = _series_chart(spec, texts, data, indicators, numbers)
    elif isinstance(data, Shares) and SHARES in kind.data:
        categories, series, highlight = _shares_chart(spec, texts, data, numbers)
    elif isinstance(data, Categories) and PARTS in kind.data:
        categories, series, highlight = _parts_chart(spec, texts, data, numbers)
    elif isinstance(data, (Series, Shares, Categories)):
        needs = " o ".join(f"'{name}'" for name in kind.data)
        subject = "una dona" if spec.kind == "dona" else f"un gráfico '{spec.kind}'"
        raise _wrong(spec, f"{subject} necesita un indicador de tipo {needs}")
    else:
        raise _wrong(spec, "los gráficos dibujan series o participaciones, no un valor suelto")
    chart = Chart(
        key=key, kind=kind.model, title=texts.title, subtitle=texts.unit,
        categories=categories, series=series, alt_text="", highlight=highlight,
        center_label=texts.center, editable=spec.editable,
    )
    rest = frozenset((spec.rest_label, *getattr(data, "leftover", ())))
    return with_alt_text(chart, kind.words, timeline=isinstance(data, Series), rest=rest)


def _series_chart(spec: ChartSpec, texts: ChartTexts, data: Series,
                  indicators: dict[str, Indicator], numbers: NumberStyle
                  ) -> tuple[tuple[str, ...], tuple[ChartSeries, ...], tuple[int, ...]]:
    categories = tuple(p.short() for p in data.periods)
    values = tuple(units(q) / SCALES.get(spec.scale or "", 1.0) for q in data)
    # "(Miles de trabajadores; Var. % anual)": the columns are the part before ";".
    name = texts.unit.strip("()").split(";")[0].strip() or data.name
    signed = bool(data.legend)  # variations: "+2.0", "-9.3", as the bulletins print them
    decimals = _enough_decimals(values, spec.decimals) if signed else spec.decimals
    series = [values_series(spec.name or name, values, decimals, numbers, signed)]
    if spec.variation:
        series.append(_variation_series(spec, data, indicators, numbers))
    if spec.more:
        series = _several(spec, data, series[0], indicators, numbers)
    highlight = _highlight(spec.highlight, len(categories))
    if texts.highlight is not None:
        highlight = tuple(i for i, p in enumerate(data.periods)
                          if texts.highlight in (str(p), p.label(), p.short()))
    return categories, tuple(series), highlight


LABELLED_POINTS = 6
"""A chart of several series labels every point up to this many periods; beyond, only each
series' last one (the labels of three lines, or columns, of 13 months would overlap)."""


def _several(spec: ChartSpec, data: Series, first: ChartSeries,
             indicators: dict[str, Indicator], numbers: NumberStyle) -> list[ChartSeries]:
    """The lines of a chart of several series, on the periods of ``datos``."""
    if spec.kind not in ("lineas", "columnas"):
        raise _wrong(spec, "solo los gráficos 'lineas' y 'columnas' dibujan varias 'series'")
    divisor = SCALES.get(spec.scale or "", 1.0)
    found = [(first.name, data)]
    for label, ref in spec.more:
        other = indicators[ref]
        if not isinstance(other, Series):
            raise _wrong(spec, f"'series.{label}: {ref}' debe ser una serie o unas variaciones")
        found.append((label, other))
    series = []
    sparse = len(data.periods) > LABELLED_POINTS
    for label, source in found:
        by_period = dict(source.points)
        values = tuple(float("nan") if by_period.get(p) is None or by_period[p].units is None
                       else by_period[p].units / divisor for p in data.periods)
        signed = bool(source.legend)  # variations signed
        labels = tuple("" if math.isnan(v) or (sparse and i < len(values) - 1)
                       else value_label(v, spec.decimals, numbers, signed)
                       for i, v in enumerate(values))
        series.append(ChartSeries(label, values, labels, number_format=None if sparse else
                                  faithful_format(values, labels, spec.decimals, numbers,
                                                  signed)))
    return series


def _shares_chart(spec: ChartSpec, texts: ChartTexts, data: Shares, numbers: NumberStyle
                  ) -> tuple[tuple[str, ...], tuple[ChartSeries, ...], tuple[int, ...]]:
    categories, values, percents = parts(data, spec.limit, spec.rest_label,
                                         _omitted(spec, [s.label for s in data.items]),
                                         LEAST_SLICE if spec.kind == "dona" else 0.0)
    values = tuple(v / SCALES.get(spec.scale or "", 1.0) for v in values)
    name = texts.unit.strip("()") or data.name
    if (spec.show or "valor") == "valor":
        series = values_series(name, values, spec.decimals, numbers)
    else:
        labels = tuple(
            _share_label(spec.show, value_label(v, spec.decimals, numbers, False),
                         format_share(p, data.decimals, style=numbers, short=True))
            for v, p in zip(values, percents))
        # shares of the sum rounded one by one: Word computes them, also after an edit
        computed = (spec.show == "participacion" and data.rounding == "individual"
                    and not spec.omit and all(p > 0 and round_half_up(p, data.decimals) > 0
                                              for p in percents))
        series = ChartSeries(name, values, labels, number_format=NumberFormat(
            data.decimals, numbers.group, numbers.decimal, suffix="%", of_whole=True)
            if computed else None)
    highlight = (0,) if spec.highlight == "primero" else ()
    if texts.highlight is not None:
        highlight = tuple(i for i, c in enumerate(categories) if c == texts.highlight)
    return categories, (series,), highlight


PART_FIGURES = {"valor": "amount", "variacion": "change", "incidencia": "incidence",
                "participacion": "share"}


def _parts_chart(spec: ChartSpec, texts: ChartTexts, data: Categories, numbers: NumberStyle
                 ) -> tuple[tuple[str, ...], tuple[ChartSeries, ...], tuple[int, ...]]:
    """One bar per category: its value, variation, incidence or share. Diverging bars are
    sorted by it (and ``maximo`` keeps the largest in size); others keep the data's order."""
    show = spec.show or ("variacion" if spec.kind == "barras_divergentes" else "valor")
    if show not in PART_FIGURES:
        raise _wrong(spec, f"'mostrar: {show}' no es una cifra de las categorías: use "
                     + ", ".join(PART_FIGURES))
    attribute = PART_FIGURES[show]
    omitted = _omitted(spec, [item.label for item in data.items])
    pairs = [(item.label, getattr(item, attribute)) for item in data.items
             if item.label not in omitted]
    pairs = [(label, q) for label, q in pairs if q.value is not None]
    if spec.limit and len(pairs) > spec.limit:
        pairs = sorted(pairs, key=lambda pair: -abs(pair[1].value))[: spec.limit]
    if spec.kind == "barras_divergentes":
        pairs.sort(key=lambda pair: -pair[1].value)
    divisor = SCALES.get(spec.scale or "", 1.0) if show == "valor" else 1.0
    values = tuple(units(q) / divisor for _, q in pairs)
    decimals = spec.decimals if show == "valor" else max(spec.decimals, 1)
    if show in ("variacion", "incidencia"):  # a share says "<0.1%" itself
        decimals = _enough_decimals(values, decimals)
    if show == "valor":
        series = values_series(texts.unit.strip("()") or data.name, values, decimals, numbers)
    elif show == "participacion":  # a share has no sign, and is never a false 0.0%
        labels = tuple(format_share(v, decimals, style=numbers, short=True) for v in values)
        series = ChartSeries(texts.unit.strip("()") or data.name, values, labels)
    else:
        suffix = "" if show == "incidencia" else "%"
        labels = tuple(format_signed(v, decimals, style=numbers, suffix=suffix)
                       for v in values)
        series = ChartSeries(texts.unit.strip("()") or data.name, values, labels,
                             number_format=label_format(decimals, numbers, True, suffix))
    categories = tuple(label for label, _ in pairs)
    highlight = tuple(i for i, c in enumerate(categories) if c == texts.highlight)
    return categories, (series,), highlight


MOST_DECIMALS = 2  # a variation or an incidence is not printed finer than 0.01


def _enough_decimals(values: tuple[float, ...], decimals: int) -> int:
    """One decimal more when a bar that is not zero would be labelled 0.0 (the incidences
    of small branches: «+0.04», not five bars all «0.0»)."""
    while decimals < MOST_DECIMALS and any(
            v and not math.isnan(v) and round_half_up(v, decimals) == 0 for v in values):
        decimals += 1
    return decimals


def _highlight(rule: str, count: int) -> tuple[int, ...]:
    return {"ultimo": (count - 1,), "primero": (0,)}.get(rule, ()) if count else ()


def _variation_series(
    spec: ChartSpec, data: Series, indicators: dict[str, Indicator], numbers: NumberStyle
) -> ChartSeries:
    variation = indicators[str(spec.variation)]
    if not isinstance(variation, Series):
        raise _wrong(spec, "'variacion' debe ser un indicador de tipo 'variaciones'")
    by_period = dict(variation.points)
    values = tuple(float("nan") if by_period.get(p) is None or by_period[p].value is None
                   else float(by_period[p].value) for p in data.periods)
    decimals = _enough_decimals(values, 1)
    labels = tuple("" if math.isnan(v) else format_number(v, decimals, style=numbers)
                   for v in values)
    return ChartSeries(variation.legend or "Var. %", values, labels, axis="secondary",
                       number_format=faithful_format(values, labels, decimals, numbers))


def _share_label(show: str | None, value: str, share: str) -> str:
    return share if show == "participacion" else f"{value} ({share})"


def _omitted(spec: ChartSpec, labels: list[str]) -> tuple[str, ...]:
    return omitted(spec.omit, labels, spec.data,
                   Location(spec.title.file, line=spec.line, field="omitir"))


def _wrong(spec: ChartSpec, message: str) -> TemplateError:
    return TemplateError(message, Location(spec.title.file, line=spec.line, field="graficos"),
                         "cambie 'tipo' o 'datos' del gráfico")


def _declare(name: str, model: str, data: tuple[str, ...], doc: str, words: str,
             required: tuple[str, ...] = ()) -> None:
    """Declare a chart kind: ``model`` is what the renderers draw, ``data`` what it takes."""
    keys = tuple(replace(key, required=key.required or key.name in required)
                 for key in CHART_KEYS)
    CHARTS.add(Kind(name, doc, keys, build_chart, {"model": model, "data": data,
                                                   "words": words}))


_declare("columnas", "columns", (SERIES, SHARES, PARTS), "Columnas verticales, el periodo del "
         "informe resaltado; las negativas bajan desde cero.", "Gráfico de columnas")
_declare("columnas_variacion", "columns_line", (SERIES,), "Columnas de una serie y, encima, "
         "su variación % anual como línea en un segundo eje.",
         "Gráfico de columnas con línea de variación", required=("variacion",))
_declare("dona", "donut", (SHARES,), "Participaciones de un todo, con la cifra del total en "
         "el centro si se da `centro`.", "Gráfico de dona")
_declare("barras", "hbars", (SERIES, SHARES, PARTS), "Barras horizontales ordenadas, la "
         "mayor arriba.", "Gráfico de barras horizontales")
_declare("lineas", "lines", (SERIES,), "Una línea por serie.", "Gráfico de líneas")
_declare("barras_divergentes", "diverging", (PARTS,), "Barras horizontales a uno y otro lado "
         "de cero, ordenadas: las alzas arriba, las caídas abajo (de unas `categorias`: "
         "`mostrar: variacion` o `incidencia`).", "Gráfico de barras divergentes")


def chart_spec(values: dict[str, Any], place: Place) -> ChartSpec:
    """The spec of a chart from the values its section read."""
    highlight = values.pop("highlight")
    rule = highlight.source if isinstance(highlight, Snippet) else str(highlight)
    named = rule not in HIGHLIGHTS
    editable, limit = values.pop("editable"), values.pop("limit")
    more = tuple((values.pop("more") or {}).items())
    return ChartSpec(
        **values, line=place.line, more=more,
        highlight="nombre" if named else rule,
        highlight_label=highlight if named else None,
        limit=limit or None,
        editable=None if editable is None else editable == "nativo",
    )


CHART = Built(Variants({kind.name: Section((Key("tipo", Choice((kind.name,)),
                                                "El tipo de gráfico.", required=True,
                                                attr="kind"), *kind.keys), doc=kind.doc)
                        for kind in CHARTS},
                       label="gráfico",
                       message="cada gráfico debe ser un diccionario de campos"),
              chart_spec)
"""A chart's section in a brief, read into a ChartSpec."""
