"""What the declarations say, for people: Markdown tables of keys and of kinds.

The README's tables of fields are written by these functions between marks
(``<!-- campos: informe -->`` … ``<!-- fin -->``); ``sectorial schema --readme`` rewrites
them and a test fails when the README and the declarations drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sectorial.kinds import Registry
from sectorial.schema.fields import BLANK, MISSING
from sectorial.schema.sections import Key

_MARK = re.compile(r"(<!-- campos: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- fin -->)",
                   re.DOTALL)


def keys_table(keys: Iterable[Key]) -> str:
    """| campo | obligatorio | valor | qué es |, one row per key."""
    rows = ["| campo | obligatorio | valor | qué es |", "| --- | --- | --- | --- |"]
    for key in keys:
        rows.append(f"| `{key.name}` | {'sí' if key.required else 'no'} | "
                    f"{_cell(key.value.label)}{_default(key)} | {_cell(key.doc)} |")
    return "\n".join(rows) + "\n"


def kinds_table(registry: Registry, columns: Callable[..., str] | None = None,
                header: str = "campos") -> str:
    """| tipo | campos | qué es |, one row per kind of ``registry``."""
    rows = [f"| tipo | {header} | qué es |", "| --- | --- | --- |"]
    for kind in registry:
        cell = columns(kind) if columns else ", ".join(
            f"`{key.name}`" + ("" if key.required else " (opcional)") for key in kind.keys)
        rows.append(f"| `{kind.name}` | {cell} | {_cell(kind.doc)} |")
    return "\n".join(rows) + "\n"


def refresh(text: str, tables: dict[str, str]) -> str:
    """``text`` with each marked table replaced by its generated version."""

    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in tables:
            raise KeyError(f"no table named '{name}'")
        return match.group(1) + tables[name] + match.group(4)

    return _MARK.sub(replace, text)


def marked(text: str) -> dict[str, str]:
    """The marked tables of ``text`` by name, as written."""
    return {m.group("name"): m.group("body") for m in _MARK.finditer(text)}


def _default(key: Key) -> str:
    value = key.default
    if key.required or value in (MISSING, BLANK, None, "", (), {}):
        return ""
    shown = ", ".join(map(str, value)) if isinstance(value, tuple) else value
    if isinstance(shown, bool):
        shown = "true" if shown else "false"
    return f"; por defecto `{shown}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
