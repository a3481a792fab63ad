"""Characters the house style's fonts cannot draw: reportlab and matplotlib drop them (an
emoji in a product name prints as nothing), so a sentence or a chart label would read wrong.
Each drawer reads the fonts' character maps with its own library (``covered``); the search
and the message are here."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sectorial.errors import RenderError


class GlyphError(RenderError):
    """A character the fonts lack; ``character`` lets the build find the data cell."""

    def __init__(self, message: str, character: str = "", hint: str | None = None):
        super().__init__(message, hint=hint)
        self.character = character


UNDRAWN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
"""Categories no font needs a glyph for: controls, format marks and spaces."""


def missing_glyphs(texts: Iterable[str], covered: frozenset[int]) -> list[GlyphError]:
    """An error naming the first text with a character outside ``covered`` (the code
    points both the regular and the bold font have), and up to five other such characters."""
    missing: dict[str, str] = {}
    for text in texts:
        for character in text:
            if (character not in missing and ord(character) not in covered
                    and unicodedata.category(character) not in UNDRAWN):
                missing[character] = text
    if not missing:
        return []
    character, text = next(iter(missing.items()))
    others = "".join(list(missing)[1:6])
    at = text.index(character)
    shown = ("…" if at > 40 else "") + text[max(at - 40, 0):at + 40].strip() + \
        ("…" if at + 40 < len(text) else "")
    return [GlyphError(
        f"el texto «{shown}» lleva '{character}' (U+{ord(character):04X}), que la fuente "
        "del estilo no tiene: se imprimiría en blanco"
        + (f"; tampoco tiene: {others}" if others else ""), character,
        hint="quite ese carácter de los datos o del informe (emojis y símbolos raros no se "
             "imprimen), o use en el estilo una fuente que lo tenga")]
