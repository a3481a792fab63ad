"""The declaration language of briefs, house styles and settings: keys, values, sections.

A file's schema is declared once, as data. Each key has its Spanish name, the English
attribute it fills, the kind of value it holds, whether it is required, its default and a
line of documentation. From one declaration come the JSON Schema (the validator and the
editors read it: ``to_json``), the README's tables of fields (``schema.docs``), and the
Python values the loaders build (``read``): no key is listed, typed or defaulted twice.

Values carry their error wording (``message``, ``hint``) into the JSON Schema as ``x-``
keywords, which editors ignore and the validator (``schema.validate``) turns into Spanish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCALARS = ["string", "number", "boolean", "null"]
"""What a YAML text may be written as: ``titulo: 2024`` is the text "2024"."""


class _Missing:
    def __repr__(self) -> str:
        return "—"


MISSING: Any = _Missing()
"""The default of a key that has none (a required key, or one read as absent)."""


class _Blank:
    def __repr__(self) -> str:
        return '""'


BLANK: Any = _Blank()
"""The default of a key read as an empty value where it would be written (a Snippet of
"" at the section's line, for an absent optional text)."""


@dataclass(frozen=True)
class Snippet:
    """A piece of Jinja2 text from a brief or a house style, with where it was written."""

    source: str
    file: str
    line: int
    field: str
    condition: bool = False  # a ``si``: its source is ours, wrapped around the author's


@dataclass(frozen=True)
class Place:
    """Where a value is: its file, the line of its key, and its key path (``paginas[2].x``)."""

    file: str
    line: int
    path: str

    def child(self, name: str | int, line: int) -> Place:
        """The place of a key (``name``) or of a list item (an int, counted from 0)."""
        step = f"[{name + 1}]" if isinstance(name, int) else (f".{name}" if self.path else name)
        return Place(self.file, line, self.path + step)


def line_of(node: object, name: str | int, default: int) -> int:
    """The line of a key of a mapping, or of an item of a list, read by ``yamlfile``."""
    if isinstance(name, int):
        lines = getattr(node, "item_lines", None)
        return lines[name] if lines and name < len(lines) else default
    lines = getattr(node, "key_lines", None)
    return (lines or {}).get(name, default)


def line_at(data: object, path: tuple[str | int, ...]) -> int | None:
    """The line of the key at ``path`` in a file read by ``yamlfile`` (of its first key for
    the whole file; None for a file without lines, such as TOML)."""
    line = getattr(data, "line", None)
    node = data
    for step in path:
        line = line_of(node, step, line)  # type: ignore[arg-type]
        try:
            node = node[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
    return line


class Value:
    """What a key holds: its JSON Schema, its words in the docs, and how it is read."""

    label = "valor"
    message: str | None = None  # the error for a value of this kind that is not valid
    hint: str | None = None

    def to_json(self) -> dict:
        raise NotImplementedError

    def read(self, raw: Any, place: Place) -> Any:
        """The Python value of an already validated ``raw``."""
        return raw

    def _wording(self, schema: dict) -> dict:
        if self.message:
            schema["x-message"] = self.message
        if self.hint:
            schema["x-hint"] = self.hint
        return schema
