"""Spanish plurals of the short noun phrases that name categories in data."""

from __future__ import annotations

_INVARIABLE = {"de", "del", "la", "el", "y", "e", "en", "sin", "con", "por", "a"}
_IRREGULAR = {"gran": "grandes"}  # "Gran empresa" -> "Grandes empresas"


def plural_word(word: str) -> str:
    """Return the plural of one Spanish word: "empresa" -> "empresas", "país" -> "países".

    >>> plural_word("región"), plural_word("Gran")
    ('regiones', 'Grandes')
    """
    lower = word.lower()
    if lower in _IRREGULAR:
        plural = _IRREGULAR[lower]
        return plural.capitalize() if word[:1].isupper() else plural
    if not word or lower in _INVARIABLE or lower.endswith(("s", "x")):
        return word
    if lower.endswith("z"):
        return word[:-1] + "ces"
    if lower[-1] in "aeiouáéó":
        return word + "s"
    if lower.endswith("ión"):
        return word[:-3] + "iones"
    if lower[-1] in "íú":
        return word + "es"
    return word + "es"


def plural_phrase(phrase: str) -> str:
    """Pluralise a noun phrase up to its first preposition.

    >>> plural_phrase("Pequeña empresa")
    'Pequeñas empresas'
    >>> plural_phrase("Mineral de cobre")
    'Minerales de cobre'
    """
    words = phrase.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        if word.lower() in _INVARIABLE:
            out.extend(words[index:])
            break
        out.append(plural_word(word))
    return " ".join(out)
