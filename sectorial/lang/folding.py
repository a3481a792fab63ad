"""Comparing and naming texts as people write them: without accents, case or extra spaces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slug(text: str) -> str:
    """A safe piece of a file name: no accents, no spaces, lower case.

    >>> slug("Apurímac"), slug("La Libertad"), slug("Madre de Dios"), slug("Áncash (Huaraz)")
    ('apurimac', 'la-libertad', 'madre-de-dios', 'ancash-huaraz')
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def spelled_alike(name: str, values: Iterable[str]) -> list[str]:
    """The values that are ``name`` but for accents and case: "Junín", "JUNIN" for "junin"."""
    folded = fold(name)
    return [value for value in values if fold(value) == folded]


def name_key(text: str) -> str:
    """How two spellings of one name compare: without accents, case or extra spaces.

    >>> name_key("  Otros   Países "), name_key("OTROS PAISES")
    ('otros paises', 'otros paises')
    """
    return fold(" ".join(text.split()))


def fold(text: str) -> str:
    """Lower case without accents, so that "Set-2025" and "set-2025" compare equal.

    >>> fold("SETIEMBRE de 2025"), fold("Apurímac"), fold("Piñas\u00a0Perú")
    ('setiembre de 2025', 'apurimac', 'pinas peru')
    """
    decomposed = unicodedata.normalize("NFKD", text.replace("\u00a0", " ").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
