"""Figures that a line break never splits in the DOCX.

Word and LibreOffice may break a line after a hyphen: "(-" at a line's end and "29.8%)" on
the next. A minus before a figure becomes Word's non-breaking hyphen (``w:noBreakHyphen``,
drawn as the same hyphen), and the space between a figure and its word of scale ("27.9
millones", "2 millones 525 mil") a no-break space. The PDF's typesetter breaks only at
spaces, and the amounts' currency symbols already carry a no-break space.
"""

from __future__ import annotations

import re

from sectorial.lang.numbers import NBSP, SCALE_NAMES


class _Hyphen:
    def __repr__(self) -> str:
        return "<HYPHEN>"


HYPHEN = _Hyphen()  # where a non-breaking hyphen goes
_MINUS = re.compile(r"(?:^|(?<=[\s(\[¿¡\u00a0]))-(?=\d)")
_SCALES = "|".join(re.escape(word) for word in SCALE_NAMES)
_BEFORE_SCALE = re.compile(rf"(?<=\d) (?=(?:{_SCALES})\b)")
_AFTER_SCALE = re.compile(r"(?:(?<=\bmillones)|(?<=\bmillón)|(?<=\bmil)) (?=\d)")
_INSIDE_SCALE = re.compile(r"(?<=\bmil) (?=millones\b)")


def unbroken(text: str) -> list[str | object]:
    """``text`` in pieces: texts with no-break spaces inside figures, and ``HYPHEN`` where
    a minus before a figure was.

    >>> unbroken("cayó (-29.8%) a US$ 2.8 mil millones")
    ['cayó (', <HYPHEN>, '29.8%) a US$ 2.8\\xa0mil\\xa0millones']
    """
    for pattern in (_BEFORE_SCALE, _AFTER_SCALE, _INSIDE_SCALE):
        text = pattern.sub(NBSP, text)
    pieces: list[str | object] = []
    for index, part in enumerate(_MINUS.split(text)):
        if index:
            pieces.append(HYPHEN)
        if part:
            pieces.append(part)
    return pieces
