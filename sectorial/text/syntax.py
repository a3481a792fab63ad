"""Jinja's syntax errors said in Spanish: what the template language expected and what it
found, in the words of the brief's author ("se esperaba un nombre y aparece el fin de la
condición"), not in the parser's English. A message not known here keeps Jinja's words, in
parentheses, after the Spanish."""

from __future__ import annotations

import re

TOKENS = {
    "end of print statement": "el cierre }}",
    "end of statement block": "el cierre %}",
    "begin of print statement": "la apertura {{",
    "begin of statement block": "la apertura {%",
    "end of template": "el fin del texto",
    "name": "un nombre",
    "integer": "un número",
    "float": "un número",
    "string": "un texto entre comillas",
    "operator": "un operador",
}
"""Jinja's names of its tokens, as the author sees them."""

IN_CONDITION = {"el cierre %}": "el fin de la condición", "el fin del texto":
                "el fin de la condición"}
"""In a condition (``si``), the template around it is ours: its end is the condition's."""

_BLOCK = re.compile(r"Unexpected end of template\. Jinja was looking for the following tags: "
                    r".*?The innermost block that needs to be closed is '(\w+)'\.?", re.S)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), "se esperaba {0} y aparece {1}"),
    (re.compile(r"unexpected end of template, expected '(.+?)'\.?"),
     "el texto termina donde se esperaba {0}"),
    (re.compile(r"unexpected 'end of template'"), "el texto termina antes de tiempo"),
    (re.compile(r"expected an expression, got '(.+?)'", re.I),
     "se esperaba una expresión y aparece {0}"),
    (re.compile(r"unexpected char ['\"](.+?)['\"] at \d+"), "el carácter {0} no puede ir ahí"),
    (re.compile(r"unexpected '(.+?)', expected '(.+?)'"), "se esperaba {1} y aparece {0}"),
    (re.compile(r"Missing end of comment tag"), "falta cerrar el comentario {{# … #}}"),
    (re.compile(r"Encountered unknown tag '(\w+)'.*", re.S), "etiqueta desconocida {0}"),
    (re.compile(r"unexpected '(.+?)'"), "{0} no puede ir ahí"),
    (re.compile(r"tag name expected"), "falta el nombre de la etiqueta después de {{%"),
    (re.compile(r"unexpected end of template"), "el texto termina antes de tiempo"),
)


def spanish(message: str, condition: bool = False) -> str:
    """Jinja's syntax ``message`` in Spanish (``condition``: it is about a ``si``)."""
    message = message.strip()
    block = _BLOCK.fullmatch(message)
    if block:
        name = block.group(1)
        return f"falta cerrar el bloque {{% {name} %}} con {{% end{name} %}}"
    for pattern, words in _RULES:
        found = pattern.fullmatch(message)
        if found:
            return words.format(*(_token(t, condition) for t in found.groups()))
    return f"la plantilla no se entiende ({message})"


def _token(text: str, condition: bool) -> str:
    said = TOKENS.get(text, f"«{text}»")
    return IN_CONDITION.get(said, said) if condition else said
