"""The template filters: one table, each a thin adapter over ``sectorial.lang``.

Filters take indicator values (or plain numbers) and the house style's number style, so
a template never formats a number by hand: ``{{ exportaciones | monto }}``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from functools import cache, partial
from typing import Any

from sectorial.errors import TemplateError
from sectorial.indicators.values import Categories, Category, Quantity, Share
from sectorial.lang import phrases
from sectorial.lang.numbers import (
    NumberStyle,
    format_amount,
    format_mixed,
    format_number,
    format_percent,
    format_share,
    format_signed,
    round_half_up,
    with_noun,
)
from sectorial.lang.phrases import BOLD_MARK
from sectorial.lang.plural import plural_phrase
from sectorial.periods import Period, PeriodSpan

CURRENCIES = {"PEN": "PEN", "USD": "USD"}
SCALE_WORDS = {"auto": "auto", "unidades": "unidades", "mil": "mil", "millones": "millones",
               "mil_millones": "mil millones"}


NOT_AVAILABLE = "n.d."


class Unavailable(TemplateError):
    """A figure the brief chose to publish as "n.d." (``sin_dato: nd``)."""


def number_of(value: Any) -> float:
    """Return the number behind a filter argument (a Quantity gives its value in units)."""
    if isinstance(value, Share):
        value = value.amount
    if isinstance(value, (Category, Categories)):
        raise TemplateError(f"'{getattr(value, 'label', getattr(value, 'name', ''))}' es una "
                            "categoría: elija su cifra",
                            hint="use .variacion, .incidencia, .valor o .participacion")
    if isinstance(value, Quantity):
        if value.units is None:
            raise Unavailable(f"la cifra '{value.name}' no está disponible (n.d.)")
        return value.units
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TemplateError(
            f"se esperaba una cifra y se recibió '{value}'",
            hint="aplique este filtro a un indicador o a un número",
        )
    return float(value)


# BOLD_MARK: where bold starts or ends, in rendered text: the ``**`` a template writes, or a
# filter's ``negrita``; never a ``**`` that comes from the data (a name stays literal).
def _currency(value: Any) -> str | None:
    unit = value.amount.unit if isinstance(value, Share) else getattr(value, "unit", None)
    return CURRENCIES.get(unit or "")


def integer(value: Any, *, style: NumberStyle) -> str:
    """17224 -> "17,224"."""
    return format_number(number_of(value), 0, style=style)


def decimal(value: Any, decimals: int = 1, *, style: NumberStyle) -> str:
    """84.62 -> "84.6"."""
    return format_number(number_of(value), decimals, style=style)


def percent(value: Any, decimals: int = 1, *, style: NumberStyle) -> str:
    """84.6 -> "84.6%"; a positive share that rounds to zero: "menos del 0.1%"."""
    if isinstance(value, Quantity) and value.share and value.value is not None:
        return format_share(value.value, decimals, style=style, tiny=value.tiny)
    return format_percent(number_of(value), decimals, style=style)


def amount(value: Any, decimals: int = 0, scale: str = "auto", *, style: NumberStyle) -> str:
    """A Quantity in US$ millions 9580 -> "US$ 9,580 millones"."""
    if scale not in SCALE_WORDS:
        raise TemplateError(f"escala desconocida '{scale}'",
                            hint="use " + ", ".join(f"'{s}'" for s in SCALE_WORDS))
    return format_amount(number_of(value), currency=_currency(value), scale=SCALE_WORDS[scale],
                         decimals=decimals, style=style)


def millions(value: Any, decimals: int = 1, sustantivo: str = "", *,
             style: NumberStyle) -> str:
    """2525492 -> "2.5 millones"; with ``sustantivo``: "2.5 millones de empleos"."""
    return with_noun(format_amount(number_of(value), scale="millones", decimals=decimals,
                                   style=style), sustantivo)


def mixed(value: Any, sustantivo: str = "", *, style: NumberStyle) -> str:
    """2525492 -> "2 millones 525 mil"; with ``sustantivo``: "2 millones 525 mil
    trabajadores", "2 millones de trabajadores"."""
    return with_noun(format_mixed(number_of(value), currency=_currency(value), style=style),
                     sustantivo)


def change(value: Any, decimals: int = 1, up: str = "aumentó", down: str = "disminuyó",
           flat: str = "se mantuvo sin variación", *, style: NumberStyle) -> str:
    """8.6 -> "aumentó 8.6%"; -0.3 -> "disminuyó 0.3%"."""
    return phrases.change_verb(number_of(value), decimals, style=style, up=up, down=down,
                               flat=flat)


def change_noun(value: Any, decimals: int = 1, up: str = "un aumento", down: str = "una caída",
                flat: str = "sin variación", *, style: NumberStyle) -> str:
    """-0.3 -> "una caída de 0.3%"; up="un incremento" -> "un incremento de 18.1%"."""
    return phrases.change_noun(number_of(value), decimals, style=style, up=up, down=down,
                               flat=flat)


def signed_change(value: Any, decimals: int = 1, up: str = "un aumento",
                  down: str = "una disminución", *, style: NumberStyle) -> str:
    """-9.3 -> "una disminución de (-9.3%)"; 8.2 -> "un aumento de (+8.2%)"."""
    return phrases.signed_change(number_of(value), decimals, style=style,
                                 nouns=phrases.Nouns(up, down))


def signed_in_brackets(value: Any, decimals: int = 1, *, style: NumberStyle) -> str:
    """-13.6 -> "(-13.6%)"."""
    return f"({format_signed(number_of(value), decimals, style=style, suffix='%')})"


def by_sign(value: Any, up: str, down: str, flat: str = "") -> str:
    """The word for the sign of a change: {{ x | segun("contribuyó", "restó") }}."""
    return phrases.by_sign(number_of(value), (up, down, flat or up))


def with_change(items: Iterable[Any], decimals: int = 1, lower: bool = False, *,
                style: NumberStyle) -> str:
    """Categories -> "prendas de vestir (-40.7%), impresión (-29.8%) y cemento (-11.0%)"."""
    texts = []
    for item in items:
        if not isinstance(item, Category):
            raise TemplateError("el filtro 'con_variacion' se aplica a categorías",
                                hint="use, p. ej., {{ ramas.caidas(3) | con_variacion }}")
        label = item.label.lower() if lower else item.label
        if item.change.value is None:  # from nothing a year before: no variation to print
            texts.append(f"{label} ({NOT_AVAILABLE})")
            continue
        texts.append(f"{label} {signed_in_brackets(item.change, decimals, style=style)}")
    return phrases.join_list(texts)


def interannual(value: Any, decimals: int = 1, *, style: NumberStyle) -> str:
    """16.3 -> "una variación interanual positiva de 16.3%"."""
    return phrases.interannual(number_of(value), decimals, style=style)


def points(value: Any, decimals: int = 1, short: bool = False, *, style: NumberStyle) -> str:
    """2.1 -> "2.1 puntos porcentuales"; short -> "+2.1 p.p."."""
    return phrases.points(number_of(value), decimals, style=style, short=short)


def signed(value: Any, decimals: int = 1, suffix: str = "%", *, style: NumberStyle) -> str:
    """51.8 -> "+51.8%"."""
    return format_signed(number_of(value), decimals, style=style, suffix=suffix)


def join(items: Iterable[Any], conjunction: str = "y") -> str:
    """["China", "Suiza", "India"] -> "China, Suiza e India"."""
    labels = [item.label if isinstance(item, Share) else str(item) for item in items]
    return phrases.join_list(labels, conjunction)


def intensity(value: Any, decimals: int = 1, up: str = "aumento", down: str = "disminución",
              *, style: NumberStyle,
              words: tuple[tuple[float | None, str], ...] = ()) -> str:
    """-0.3 -> "una ligera disminución de 0.3%" (words from the house style)."""
    return phrases.intensity(number_of(value), words, decimals, style=style,
                             nouns=phrases.Nouns(up, down))


def streak(value: Any, unit: str = "mes") -> str:
    """2 -> "por segundo mes consecutivo"; a streak that reaches the first period of the
    data may be longer than it says: refused (``{% if x is completa %}`` tests it)."""
    if getattr(value, "partial", False):
        raise TemplateError("la racha llega al primer periodo de los datos: podría ser más "
                            "larga y la cifra sería falsa",
                            hint="escriba la racha solo si se conoce entera: "
                            "{% if racha is completa %}{{ racha | racha }}{% endif %}")
    return phrases.streak(int(number_of(value)), unit)


def month_range(start: Any, end: Any, year: Any) -> str:
    """(1, 9, 2025) -> "enero-setiembre 2025"."""
    return phrases.month_range(int(start), int(end), int(year))


class Parts:
    """The ``partes`` filter: shares -> "Cusco (27.7%), Junín (22.3%) y Apurímac (2.7%)";
    ``negrita`` makes each bold; ``montos`` shows the value instead: "café (US$ 100
    millones)"; ``plural`` and ``minusculas`` change the names ("pequeñas empresas")."""

    def __init__(self, style: NumberStyle):
        self.style = style

    def __call__(self, items: Iterable[Any], decimales: int = 1, negrita: bool = False,
                 plural: bool = False, minusculas: bool = False, montos: bool = False) -> str:
        texts = []
        for share in items:
            if not isinstance(share, Share):
                raise TemplateError("el filtro 'partes' se aplica a participaciones",
                                    hint="use, p. ej., {{ regiones.principales(3) | partes }}")
            label = plural_phrase(share.label) if plural else share.label
            label = label.lower() if minusculas else label
            figure = (amount(share.amount, decimales, style=self.style) if montos
                      else format_share(number_of(share.percent), decimales,
                                        style=self.style, tiny=share.percent.tiny))
            text = f"{label} ({figure})"
            texts.append(f"{BOLD_MARK}{text}{BOLD_MARK}" if negrita else text)
        return phrases.join_list(texts)


def out_of(value: Any, base: int = 10) -> str:
    """84.6 -> "8 de cada 10"."""
    return phrases.out_of(number_of(value), base)


def count(value: Any, singular: str, plural: str, *, style: NumberStyle) -> str:
    """1 -> "1 empresa"; 17224 -> "17,224 empresas"."""
    return phrases.count_noun(int(round(number_of(value))), singular, plural, style=style)


def rank(value: Any) -> str:
    """11 -> "el puesto 11"."""
    return phrases.rank_phrase(int(number_of(value)))


def ordinal_words(value: Any, noun: str, genero: str | None = None) -> str:
    """3, "región" -> "tercera región"; 3, "lugar" -> "tercer lugar"."""
    return phrases.ordinal_words(int(number_of(value)), noun, genero)


def record(value: Any, noun: str = "cifra") -> str:
    """1 -> "la cifra más alta de su historia"; 2 -> "la segunda cifra más alta de su
    historia" (a 'record' indicator: the place among all the periods of its series)."""
    place = int(number_of(value))
    article = "la" if phrases.feminine(noun) else "el"
    adjective = "alta" if phrases.feminine(noun) else "alto"
    named = noun if place == 1 else phrases.ordinal_words(place, noun)
    return f"{article} {named} más {adjective} de su historia"


def ordinal(value: Any) -> str:
    """11 -> "11.°"."""
    return phrases.ordinal_short(int(number_of(value)))


def month(value: Any, capital: bool = False) -> str:
    """9 -> "setiembre"."""
    return phrases.month_name(int(value), capital=capital)


FILTERS: dict[str, Callable[..., str]] = {
    "entero": integer,
    "decimal": decimal,
    "pct": percent,
    "monto": amount,
    "millones": millions,
    "mixto": mixed,
    "variacion": change,
    "cambio": change_noun,
    "interanual": interannual,
    "cambio_signo": signed_change,
    "signo_par": signed_in_brackets,
    "segun": by_sign,
    "con_variacion": lambda items, decimales=1, minusculas=False, *, style: with_change(
        items, decimales, minusculas, style=style),
    "pp": points,
    "signo": signed,
    "lista": join,
    "partes": Parts,
    "plural": plural_phrase,
    "de_cada": out_of,
    "contar": count,
    "puesto": rank,
    "ordinal": ordinal,
    "ordinal_palabra": ordinal_words,
    "record": record,
    "mes": month,
    "intensidad": intensity,
    "racha": streak,
    "rango_meses": month_range,
    "mayuscula": lambda text: phrases.capitalize_first(
        text.label() if isinstance(text, (Period, PeriodSpan)) else str(text)),
}
"""Filter name in templates -> function. Those with a ``style`` keyword get the house's."""


def _sign(value: Any) -> float:
    return float(round_half_up(number_of(value), 1))


TESTS: dict[str, Callable[[Any], bool]] = {
    "positivo": lambda value: _sign(value) > 0,
    "negativo": lambda value: _sign(value) < 0,
    "nulo": lambda value: _sign(value) == 0,
    "varios": lambda items: (len(items) if hasattr(items, "__len__")
                             else number_of(items)) > 1,
    "mismo_signo": lambda value, other: _direction(value) == _direction(other),
    "maximo": lambda value: int(number_of(value)) == 1,
    "completa": lambda value: not getattr(value, "partial", False),
    "unica": lambda shares: len(shares.nombres()) == 1 == sum(
        1 for part in shares if part.amount.value),
}
"""Tests in templates ({% if x is negativo %}): the sign of a figure as printed (one
decimal); ``varios``: more than one, of a list or a count (agreement: "no registran"; a
streak worth saying); ``mismo_signo(y)``: both rose, both fell or both stayed
(«contrarrestó» or «se sumó»); ``maximo``: a 'record' indicator in first place (the highest
of its history: «por primera vez»); ``completa``: a streak known whole (it does not reach
the first period of the data); ``unica``: a whole of one part with a value («todo lo
exportado correspondió a Minería», not «Minería fue el principal grupo, con el 100.0%»)."""


def _direction(value: Any) -> int:
    sign = _sign(value)
    return (sign > 0) - (sign < 0)


def bound_filters(
    style: NumberStyle, words: tuple[tuple[float | None, str], ...] = ()
) -> dict[str, Callable[..., str]]:
    """Return the filters with the house style's number style (and intensity words) bound."""
    bound: dict[str, Callable[..., str]] = {}
    for name, function in FILTERS.items():
        if isinstance(function, type):  # a filter that is made with the style (Parts)
            bound[name] = _or_not_available(function(style))
            continue
        parameters = _parameters(function)
        extra = {"words": words} if "words" in parameters else {}
        target = partial(function, style=style, **extra) if "style" in parameters else function
        bound[name] = _or_not_available(target)
    return bound


@cache
def _parameters(function: Callable[..., str]) -> frozenset[str]:
    """The names of a filter's parameters (read once: ``inspect`` is slow)."""
    return frozenset(inspect.signature(function).parameters)


def _or_not_available(function: Callable[..., str]) -> Callable[..., str]:
    """Print "n.d." where the figure is unavailable by the brief's choice, never "nan%"."""

    def wrapper(*args: Any, **kwargs: Any) -> str:
        try:
            return function(*args, **kwargs)
        except Unavailable:
            return NOT_AVAILABLE

    return wrapper
