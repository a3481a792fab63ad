"""Spanish phrasing of figures: lists, variations, counts, ranks and months (es-PE).

Numbers inside phrases go through ``numbers.py`` and follow the given number style.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sectorial.lang.folding import fold, slug, spelled_alike  # noqa: F401 - their home
from sectorial.lang.numbers import (
    NBSP,
    PRODUCE,
    Number,
    NumberStyle,
    format_number,
    format_percent,
    format_signed,
    round_half_up,
    to_decimal,
)

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "setiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip

# "y" -> "e" before /i/, "o" -> "u" before /o/; "hie", "hia"... start with a /y/ sound.
_E_STARTS = ("i", "í", "hi", "hí")
_E_EXCEPTIONS = ("hia", "hie", "hio", "hiu")
_U_STARTS = ("o", "ó", "ho", "hó")


BOLD_MARK = "\ue000"
"""Where bold starts or ends in rendered text (the text layer's ``**``): skipped, like
opening quotes, where a phrase looks at a word's first letter."""
_OPENERS = "«\"“'(¿¡*_" + BOLD_MARK


def _conjunction_before(conjunction: str, word: str) -> str:
    """Return "e" for "y" before an /i/ sound and "u" for "o" before an /o/ sound."""
    start = word.lstrip(_OPENERS).lower()
    if conjunction == "y" and start.startswith(_E_STARTS) and not start.startswith(_E_EXCEPTIONS):
        return "e"
    if conjunction == "o" and (start.startswith(_U_STARTS) or _reads_with_o(start)):
        return "u"
    return conjunction


def _reads_with_o(word: str) -> bool:
    """Whether a figure is read beginning with /o/: 8 ("ocho", "ochenta", "ochocientos mil")
    or 11 ("once", "once mil"), so that "10 u 11" and "7 u 8".

    >>> [_reads_with_o(w) for w in ("8", "11", "110", "11,000", "80.5", "18")]
    [True, True, False, True, True, False]
    """
    digits = re.match(r"[\d,.\u00a0 ]*", word).group(0)
    whole = re.split(r"[.,](?=\d{1,2}(?!\d))", digits)[0]  # before the decimals
    figures = re.sub(r"\D", "", whole)
    if not figures:
        return False
    return figures.startswith("8") or (figures.startswith("11") and len(figures) % 3 == 2)


def join_list(items: Sequence[str], conjunction: str = "y") -> str:
    """Join items with commas and a final conjunction (no comma before it).

    >>> join_list(["China", "Suiza", "India", "Corea del Sur", "Japón"])
    'China, Suiza, India, Corea del Sur y Japón'
    >>> join_list(["Suiza", "India"]), join_list(["siete", "ocho"], "o")
    ('Suiza e India', 'siete u ocho')
    """
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    last = items[-1]
    return f"{', '.join(items[:-1])} {_conjunction_before(conjunction, last)} {last}"


def _rounded_change(value: Number | None, decimals: int) -> Decimal:
    if value is None:
        raise ValueError("la variación no está disponible (n.d.)")
    return round_half_up(value, decimals)


def change_verb(
    value: Number | None,
    decimals: int = 1,
    *,
    style: NumberStyle = PRODUCE,
    up: str = "aumentó",
    down: str = "disminuyó",
    flat: str = "se mantuvo sin variación",
) -> str:
    """Turn a percent variation into a verb and its size; the verb carries the sign.

    >>> change_verb(8.6), change_verb(-0.3), change_verb(0.04)
    ('aumentó 8.6%', 'disminuyó 0.3%', 'se mantuvo sin variación')
    """
    rounded = _rounded_change(value, decimals)
    if rounded == 0:
        return flat
    verb = up if rounded > 0 else down
    return f"{verb} {format_percent(abs(rounded), decimals, style=style)}"


def change_noun(
    value: Number | None,
    decimals: int = 1,
    *,
    style: NumberStyle = PRODUCE,
    up: str = "un aumento",
    down: str = "una caída",
    flat: str = "sin variación",
) -> str:
    """Turn a percent variation into a noun phrase.

    >>> change_noun(8.6), change_noun(-0.3), change_noun(0)
    ('un aumento de 8.6%', 'una caída de 0.3%', 'sin variación')
    """
    return change_verb(value, decimals, style=style, up=f"{up} de", down=f"{down} de", flat=flat)


def signed_change(
    value: Number | None,
    decimals: int = 1,
    *,
    style: NumberStyle = PRODUCE,
    nouns: Nouns | None = None,
) -> str:
    """The bulletin's form: the noun says the direction, the figure keeps its sign.

    >>> signed_change(-9.3), signed_change(8.2), signed_change(0.01)
    ('una disminución de (-9.3%)', 'un aumento de (+8.2%)', 'sin variación')
    """
    nouns = nouns or Nouns("un aumento", "una disminución", "sin variación")
    rounded = _rounded_change(value, decimals)
    if rounded == 0:
        return nouns.flat
    noun = nouns.up if rounded > 0 else nouns.down
    return f"{noun} de ({format_signed(rounded, decimals, style=style, suffix='%')})"


def by_sign(value: Number | None, words: Sequence[str], decimals: int = 1) -> str:
    """The word for the sign of a change, as rounded: (up, down, flat).

    >>> by_sign(8.2, ("contribuyó", "restó", "no cambió")), by_sign(-0.04, ("+", "-", "="))
    ('contribuyó', '=')
    """
    rounded = _rounded_change(value, decimals)
    up, down, flat = words
    return up if rounded > 0 else down if rounded < 0 else flat


def interannual(
    value: Number | None,
    decimals: int = 1,
    *,
    style: NumberStyle = PRODUCE,
    flat: str = "una variación interanual nula",
) -> str:
    """Describe an interannual variation by its sign and size.

    >>> interannual(16.3), interannual(-0.3)
    ('una variación interanual positiva de 16.3%', 'una variación interanual negativa de 0.3%')
    """
    return change_verb(value, decimals, style=style, up="una variación interanual positiva de",
                       down="una variación interanual negativa de", flat=flat)


def points(
    value: Number, decimals: int = 1, *, style: NumberStyle = PRODUCE, short: bool = False
) -> str:
    """Write a difference between two rates in percentage points.

    The long form gives the size only (the sentence's verb carries the sign); the short
    form is signed and tied to its figure by a non-breaking space.

    >>> points(2.1), points(1, 0), points(2.4, short=True)
    ('2.1 puntos porcentuales', '1 punto porcentual', '+2.4\\xa0p.p.')
    """
    if short:
        return format_signed(value, decimals, style=style) + NBSP + "p.p."
    size = abs(round_half_up(value, decimals))
    unit = "punto porcentual" if decimals == 0 and size == 1 else "puntos porcentuales"
    return f"{format_number(size, decimals, style=style)} {unit}"


def out_of(percent: Number, base: int = 10, *, style: NumberStyle = PRODUCE) -> str:
    """Turn a percentage into "n de cada base", rounding half-up; never "0 de cada 10"
    nor "10 de cada 10" for less than all.

    >>> out_of(84.6), out_of(25, 100), out_of(3.2), out_of(97.5)
    ('8 de cada 10', '25 de cada 100', 'menos de 1 de cada 10', 'más de 9 de cada 10')
    """
    if base <= 0:
        raise ValueError(f"la base debe ser un entero positivo: {base}")
    share = to_decimal(percent)
    count = round_half_up(share * base / 100, 0)
    every = format_number(base, style=style)
    if count <= 0 or (count >= base and share < 100):
        bound = "menos de 1" if count <= 0 else f"más de {format_number(base - 1, style=style)}"
        return f"{bound} de cada {every}"
    return f"{format_number(count, style=style)} de cada {every}"


def count_noun(n: int, singular: str, plural: str, *, style: NumberStyle = PRODUCE) -> str:
    """Write a count with the noun agreeing in number.

    >>> count_noun(1, "empresa", "empresas"), count_noun(17224, "empresa", "empresas")
    ('1 empresa', '17,224 empresas')
    """
    noun = singular if abs(n) == 1 else plural
    return f"{format_number(n, style=style)} {noun}"


def _check_rank(n: int) -> None:
    if n < 1:
        raise ValueError(f"un puesto debe ser un entero positivo: {n}")


def ordinal_short(n: int, female: bool = False) -> str:
    """Write an ordinal number in its abbreviated form.

    >>> ordinal_short(11), ordinal_short(13, female=True)
    ('11.°', '13.ª')
    """
    _check_rank(n)
    return f"{n}.{'ª' if female else '°'}"


def rank_phrase(n: int) -> str:
    """Name a position in a ranking.

    >>> rank_phrase(11), rank_phrase(1), rank_phrase(3)
    ('el puesto 11', 'el primer puesto', 'el tercer puesto')
    """
    _check_rank(n)
    return f"el {_ORDINALS[n - 1]} puesto" if n <= 10 else f"el puesto {n}"


def month_name(month: int, capital: bool = False) -> str:
    """Return the Peruvian name of a month (1-12), "setiembre" included.

    >>> month_name(9), month_name(5, capital=True)
    ('setiembre', 'Mayo')
    """
    if not 1 <= month <= 12:
        raise ValueError(f"mes no válido: {month} (use un número del 1 al 12)")
    name = MONTHS[month - 1]
    return name.capitalize() if capital else name


def edition_date(year: int, month: int, title: bool = True) -> str:
    """Write an edition date for a title page or for running text.

    >>> edition_date(2025, 5), edition_date(2025, 5, title=False)
    ('Mayo 2025', 'mayo de 2025')
    """
    if title:
        return f"{month_name(month, capital=True)} {year}"
    return f"{month_name(month)} de {year}"


def month_range(start_month: int, end_month: int, year: int) -> str:
    """Write a span of months within one year.

    >>> month_range(1, 9, 2025), month_range(3, 3, 2025)
    ('enero-setiembre 2025', 'marzo 2025')
    """
    if start_month > end_month:
        raise ValueError(f"el mes inicial ({start_month}) es posterior al final ({end_month})")
    if start_month == end_month:
        return f"{month_name(start_month)} {year}"
    return f"{month_name(start_month)}-{month_name(end_month)} {year}"


def capitalize_first(text: str) -> str:
    """Upper-case the first letter, after any opening marks; leave the rest untouched.

    >>> capitalize_first("el 44.2% de las empresas"), capitalize_first("«junín» lidera")
    ('El 44.2% de las empresas', '«Junín» lidera')
    """
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
        if char not in _OPENERS + " ":
            return text
    return text


# Ordinal words before a masculine noun ("segundo mes", "tercer año"); the feminine forms
# follow from them (_feminine_ordinal). Ranks in words stop at _RANK_WORDS ("13.ª región").
_ORDINALS = ("primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo",
             "noveno", "décimo", "undécimo", "duodécimo", "decimotercer", "decimocuarto",
             "decimoquinto", "decimosexto", "decimoséptimo", "decimoctavo", "decimonoveno",
             "vigésimo", "vigésimo primer", "vigésimo segundo", "vigésimo tercer",
             "vigésimo cuarto")


def streak(count: int, unit: str = "mes") -> str:
    """Say how many periods in a row something happened.

    >>> streak(2), streak(3, "año"), streak(2, "semana")
    ('por segundo mes consecutivo', 'por tercer año consecutivo', 'por segunda semana consecutiva')
    """
    if count < 1:
        raise ValueError(f"racha fuera de rango: {count} (se admite de 1 en adelante)")
    female = feminine(unit)  # "por segunda semana consecutiva"
    ending = "consecutiva" if female else "consecutivo"
    if count > len(_ORDINALS):  # "por 13.° mes consecutivo"
        return f"por {ordinal_short(count, female)} {unit} {ending}"
    word = _ORDINALS[count - 1]
    return f"por {_feminine_ordinal(word) if female else word} {unit} {ending}"


_RANK_WORDS = 12
_FEMININE_ENDINGS = ("a", "ión", "dad", "tad", "tud", "umbre", "ez")


def feminine(noun: str) -> bool:
    """Whether a noun is feminine by its ending ("región", "economía"; not "lugar").

    >>> feminine("región"), feminine("lugar"), feminine("actividad"), feminine("puesto")
    (True, False, True, False)
    """
    last = fold(noun.split()[0]) if noun.split() else ""
    return last.endswith(tuple(fold(e) for e in _FEMININE_ENDINGS)) and last != "dia"


def ordinal_words(n: int, noun: str, gender: str | None = None) -> str:
    """A rank in words before its noun, agreeing in gender.

    >>> ordinal_words(3, "región"), ordinal_words(3, "lugar"), ordinal_words(1, "lugar")
    ('tercera región', 'tercer lugar', 'primer lugar')
    >>> ordinal_words(2, "economía"), ordinal_words(13, "región"), ordinal_words(13, "lugar")
    ('segunda economía', '13.ª región', '13.° lugar')
    """
    _check_rank(n)
    female = feminine(noun) if gender is None else gender.lower().startswith("f")
    if n > _RANK_WORDS:
        return f"{ordinal_short(n, female)} {noun}"
    word = _ORDINALS[n - 1]  # apocopated before a masculine noun: "primer lugar"
    return f"{_feminine_ordinal(word) if female else word} {noun}"


def _feminine_ordinal(words: str) -> str:
    """ "primer" → "primera", "vigésimo segundo" → "vigésima segunda"."""
    return " ".join(w[:-1] + "a" if w.endswith("o") else w + "a" for w in words.split())


@dataclass(frozen=True)
class Nouns:
    """The nouns of a change by its sign: "aumento", "disminución", "sin variación"."""

    up: str = "aumento"
    down: str = "disminución"
    flat: str = "sin variación"


def intensity(
    value: Number | None,
    thresholds: Sequence[tuple[float | None, str]],
    decimals: int = 1,
    *,
    style: NumberStyle = PRODUCE,
    nouns: Nouns = Nouns(),
) -> str:
    """Describe a change by its size with the words a house style sets.

    ``thresholds`` are (upper bound of |value| or None for no bound, "masculine|feminine").

    >>> words = [(2, "ligero|ligera"), (5, "moderado|moderada"), (None, "importante")]
    >>> intensity(-0.3, words), intensity(8.6, words)
    ('una ligera disminución de 0.3%', 'un importante aumento de 8.6%')
    """
    rounded = _rounded_change(value, decimals)
    if rounded == 0:
        return nouns.flat
    noun = nouns.up if rounded > 0 else nouns.down
    female = feminine(noun)  # "una moderada alza", "una disminución"
    size = abs(rounded)
    word = next((w for bound, w in thresholds if bound is None or size <= bound), "")
    forms = word.split("|")
    adjective = forms[-1] if female else forms[0]
    # "una moderada alza", but "un alza": a stressed a- after the article takes "un"
    stressed_a = fold(noun).startswith(("alza", "area", "agua", "aula", "hambre"))
    article = "una" if female and (adjective or not stressed_a) else "un"
    phrase = f"{adjective} {noun}" if adjective else noun
    return f"{article} {phrase} de {format_percent(size, decimals, style=style)}"
