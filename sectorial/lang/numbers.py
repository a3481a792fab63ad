"""es-PE numbers: formatting and parsing, with the number style as an argument."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.numbers import (
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)


@dataclass(frozen=True)
class NumberStyle:
    """How a house style writes numbers.

    >>> NumberStyle()  # PRODUCE: 17,224 · 84.6% · S/ 1,093 millones
    NumberStyle(locale='es_PE', group=',', decimal='.', percent_space=False)
    """

    locale: str = "es_PE"
    group: str = ","
    decimal: str = "."
    percent_space: bool = False


PRODUCE = NumberStyle()
PROMPERU = NumberStyle(group="\u00a0", decimal=",", percent_space=True)

NBSP = "\u00a0"
CURRENCY_SYMBOLS = {"PEN": "S/", "USD": "US$"}
SCALES = ("unidades", "mil", "millones", "mil millones", "auto")

# scale -> (power of ten, singular word, plural word)
_SCALE_WORDS: dict[str, tuple[int, str, str]] = {
    "unidades": (0, "", ""),
    "mil": (3, "mil", "mil"),
    "millones": (6, "millón", "millones"),
    "mil millones": (9, "mil millones", "mil millones"),
    "billones": (12, "billón", "billones"),
}

Number = float | Decimal | int


def to_decimal(value: Number) -> Decimal:
    """Return a finite number as a Decimal, reading floats by their shortest repr.

    >>> to_decimal(0.285), to_decimal(17224)
    (Decimal('0.285'), Decimal('17224'))
    """
    if isinstance(value, bool):
        raise ValueError(f"se esperaba un número y hay un valor lógico: {value!r}")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"la cifra no es un número finito: {value!r}")
    return number


def round_half_up(value: Number, decimals: int) -> Decimal:
    """Round half away from zero, as Excel and the ministry do (not banker's rounding).

    A result equal to zero is always positive, so it never prints as "-0.0".

    >>> round_half_up(0.285, 2), round_half_up(84.65, 1), round_half_up(-0.04, 1)
    (Decimal('0.29'), Decimal('84.7'), Decimal('0.0'))
    """
    number = to_decimal(value)
    with localcontext() as ctx:
        ctx.prec = max(28, number.adjusted() + decimals + 2)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded


def _check_decimals(decimals: int) -> None:
    if decimals < 0:
        raise ValueError(f"el número de decimales no puede ser negativo: {decimals}")


def _swap_symbols(text: str, style: NumberStyle) -> str:
    """Replace babel's locale symbols by the style's, all at once (',' and '.' may trade)."""
    mapping = {
        get_group_symbol(style.locale): style.group,
        get_decimal_symbol(style.locale): style.decimal,
        get_minus_sign_symbol(style.locale): "-",
    }
    pattern = "|".join(re.escape(symbol) for symbol in mapping)
    return re.sub(pattern, lambda match: mapping[match.group()], text)


def format_number(value: Number, decimals: int = 0, *, style: NumberStyle = PRODUCE) -> str:
    """Format a number with grouped thousands and a fixed number of decimals.

    >>> format_number(2525492), format_number(84.6, 1)
    ('2,525,492', '84.6')
    >>> format_number(18.1, 1, style=PROMPERU)
    '18,1'
    """
    _check_decimals(decimals)
    rounded = round_half_up(value, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return _swap_symbols(format_decimal(rounded, format=pattern, locale=style.locale), style)


def format_nonzero(value: Number, decimals: int = 0, *, style: NumberStyle = PRODUCE) -> str:
    """As ``format_number``, but an amount that rounds to zero and is not zero says how
    small it is, as a share does (a cell of a table in millions: US$ 300 thousand is not 0;
    a loss of 300 thousand is above minus one million, not 0).

    >>> format_nonzero(0.3), format_nonzero(0.04, 1), format_nonzero(0.0), format_nonzero(12.4)
    ('<1', '<0.1', '0', '12')
    >>> format_nonzero(-0.3), format_nonzero(-0.04, 1), format_nonzero(-12.4)
    ('>-1', '>-0.1', '-12')
    """
    if value < 0 and round_half_up(value, decimals) == 0:
        return ">" + format_number(-(10.0 ** -decimals), decimals, style=style)
    return format_share(value, decimals, style=style, short=True, sign=False)


def _percent_sign(style: NumberStyle) -> str:
    return NBSP + "%" if style.percent_space else "%"


def format_percent(value: Number, decimals: int = 1, *, style: NumberStyle = PRODUCE) -> str:
    """Format a value already in percent units (84.6 means 84.6%).

    >>> format_percent(84.6), format_percent(18.1, style=PROMPERU)
    ('84.6%', '18,1\\xa0%')
    """
    return format_number(value, decimals, style=style) + _percent_sign(style)


def format_share(value: Number, decimals: int = 1, *, style: NumberStyle = PRODUCE,
                 short: bool = False, sign: bool = True, tiny: bool = False) -> str:
    """A share of a whole: as ``format_percent``, but a positive share that rounds to zero
    says how small it is instead of printing a false zero (``short``: in a cell or a label;
    without the ``sign`` in a column whose header says %).

    ``tiny``: the share of a part with a value, whatever it rounds to.

    >>> format_share(0.04), format_share(0.04, short=True), format_share(0.0), format_share(2.5)
    ('menos del 0.1%', '<0.1%', '0.0%', '2.5%')
    >>> format_share(0.0, tiny=True)
    'menos del 0.1%'
    >>> format_share(0.04, short=True, sign=False), format_share(12.0, sign=False)
    ('<0.1', '12.0')
    """
    show = format_percent if sign else format_number
    if (value > 0 or tiny) and round_half_up(value, decimals) == 0:
        return ("<" if short else "menos del ") + show(10.0 ** -decimals, decimals, style=style)
    return show(value, decimals, style=style)


def format_signed(
    value: Number, decimals: int = 1, *, style: NumberStyle = PRODUCE, suffix: str = ""
) -> str:
    """Format a number with its sign always shown; zero has no sign.

    >>> format_signed(51.8), format_signed(-0.2, suffix="%"), format_signed(-0.04)
    ('+51.8', '-0.2%', '0.0')
    """
    text = format_number(value, decimals, style=style)
    if round_half_up(value, decimals) > 0:
        text = "+" + text
    if suffix == "%":
        suffix = _percent_sign(style)
    return text + suffix


def _currency_prefix(currency: str | None) -> str:
    if currency is None:
        return ""
    if currency not in CURRENCY_SYMBOLS:
        raise ValueError(
            f"moneda desconocida '{currency}': use " + " o ".join(sorted(CURRENCY_SYMBOLS))
        )
    return CURRENCY_SYMBOLS[currency] + NBSP


def _auto_scale(number: Decimal, decimals: int) -> str:
    """Pick mil, millones or billones by size; never billones below 10^12."""
    size = abs(number)
    if size >= Decimal("1e12"):
        return "billones"
    if size >= Decimal("1e6"):
        return "millones"
    if size >= Decimal("1e3"):
        # 999,600 would read "1,000 mil": move it up to "1 millón".
        return "millones" if abs(round_half_up(number.scaleb(-3), decimals)) >= 1000 else "mil"
    return "unidades"


MAX_ROUNDING = Decimal("0.05")
"""How far a scaled amount may move from its value by rounding: 1.5 millones is never
"2 millones" (33% more)."""


def _moved(scaled: Decimal, decimals: int) -> bool:
    """Whether rounding ``scaled`` to ``decimals`` moves it more than MAX_ROUNDING."""
    return bool(scaled) and \
        abs(round_half_up(scaled, decimals) - scaled) > MAX_ROUNDING * abs(scaled)


def _faithful(scaled: Decimal, decimals: int) -> int:
    """The decimals, one more at a time (up to 3), that keep ``scaled`` within MAX_ROUNDING
    of its value once rounded."""
    while decimals < 3 and _moved(scaled, decimals):
        decimals += 1
    return decimals


def _scale_word(rounded: Decimal, decimals: int, scale: str) -> str:
    _, singular, plural = _SCALE_WORDS[scale]
    return singular if decimals == 0 and abs(rounded) == 1 else plural


def format_amount(
    value: Number,
    *,
    currency: str | None = None,
    scale: str = "auto",
    decimals: int = 0,
    style: NumberStyle = PRODUCE,
) -> str:
    """Format an amount given in units, with its currency symbol and scale word.

    The symbol is tied to the figure by a non-breaking space; a "billón" is 10^12.

    >>> format_amount(1_093_000_000, currency="PEN")
    'S/\\xa01,093 millones'
    >>> format_amount(2_848e6, currency="USD", scale="mil millones", decimals=1)
    'US$\\xa02.8 mil millones'

    Rounding never moves the figure more than 5%: another decimal is shown instead.

    >>> format_amount(1_500_000, currency="USD"), format_amount(1.5e12, currency="PEN")
    ('US$\\xa01.5 millones', 'S/\\xa01.5 billones')
    """
    if scale not in SCALES:
        raise ValueError(f"escala desconocida '{scale}': use " + ", ".join(SCALES))
    _check_decimals(decimals)
    prefix = _currency_prefix(currency)
    number = to_decimal(value)
    if scale == "auto":
        scale = _auto_scale(number, decimals)
    scaled = number.scaleb(-_SCALE_WORDS[scale][0])
    shown = _faithful(scaled, decimals)
    if _moved(scaled, shown):  # US$ 0.0004 millones: the scale is too large for it
        scale = _auto_scale(number, decimals)
        scaled = number.scaleb(-_SCALE_WORDS[scale][0])
        shown = _faithful(scaled, decimals)
    decimals = shown
    figure = format_number(scaled, decimals, style=style)
    word = _scale_word(round_half_up(scaled, decimals), decimals, scale)
    return prefix + figure + (" " + word if word else "")


def _mixed_parts(rounded: int, with_billions: bool) -> list[tuple[int, str]]:
    """Split a whole number into (count, scale) parts, largest first, zeros left out."""
    steps = ("billones", "mil millones", "millones", "mil", "unidades")
    parts: list[tuple[int, str]] = []
    rest = rounded
    for scale in steps if with_billions else steps[1:]:
        size = 10 ** _SCALE_WORDS[scale][0]
        count, rest = divmod(rest, size)
        if count:
            parts.append((count, scale))
    return parts


def _mixed_word(count: int, scale: str, style: NumberStyle) -> str:
    figure = format_number(count, style=style)
    return figure if scale == "unidades" else f"{figure} {_scale_word(Decimal(count), 0, scale)}"


def format_mixed(
    value: Number, *, currency: str | None = None, style: NumberStyle = PRODUCE
) -> str:
    """Write an amount in figures and words, rounded half-up to thousands from 10,000 on
    (below, a thousand would move it more than 5%).

    >>> format_mixed(2_525_492), format_mixed(1_200_000), format_mixed(999)
    ('2 millones 525 mil', '1 millón 200 mil', '999')
    >>> format_mixed(1_499), format_mixed(12_499)
    ('1,499', '12 mil')
    """
    number = to_decimal(value)
    if abs(number) < 10_000:  # to thousands, it would move more than 5%: "1,499"
        return _currency_prefix(currency) + format_number(round_half_up(number, 0), style=style)
    rounded = int(round_half_up(number, -3))
    parts = _mixed_parts(abs(rounded), with_billions=abs(number) >= Decimal("1e12"))
    words = [_mixed_word(count, scale, style) for count, scale in parts]
    text = " ".join(words) or "0"
    return _currency_prefix(currency) + ("-" if rounded < 0 else "") + text


SCALE_NAMES = tuple(sorted({word for _, one, many in _SCALE_WORDS.values() for word in (one, many)
                            if word}, key=len, reverse=True))
"""The words of scale a printed amount may carry ("mil millones" before "mil")."""


def with_noun(amount: str, noun: str) -> str:
    """An amount in words before what it counts: "de" after a word of scale that ends it.

    >>> with_noun("2.5 millones", "empleos"), with_noun("1 millón", "empresas")
    ('2.5 millones de empleos', '1 millón de empresas')
    >>> with_noun("2 millones 525 mil", "trabajadores"), with_noun("1,499", "empresas")
    ('2 millones 525 mil trabajadores', '1,499 empresas')
    """
    if not noun:
        return amount
    ends_in_scale = amount.endswith(("millón", "millones", "billón", "billones"))
    return f"{amount} de {noun}" if ends_in_scale else f"{amount} {noun}"
