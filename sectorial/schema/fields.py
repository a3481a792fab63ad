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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Text(Value):
    """A text; numbers and dates written where a text goes are read as their text."""

    label: str = "texto"
    message: str | None = None
    hint: str | None = None

    def to_json(self) -> dict:
        return self._wording({"type": SCALARS})

    def read(self, raw: Any, place: Place) -> str:
        return "" if raw is None else str(raw)


@dataclass(frozen=True)
class Pattern(Text):
    """A text of a given shape (``pattern``, a regular expression): a colour ``#C8102E``."""

    pattern: str = ".*"

    def to_json(self) -> dict:
        return self._wording({"type": "string", "pattern": self.pattern})


@dataclass(frozen=True)
class Template(Text):
    """A Jinja2 text (``{{ empresas | entero }}``), read with where it was written."""

    label: str = "plantilla de texto"

    def read(self, raw: Any, place: Place) -> Snippet:  # type: ignore[override]
        return Snippet("" if raw is None else str(raw), place.file, place.line, place.path)


@dataclass(frozen=True)
class Name(Value):
    """The name of something declared elsewhere: an indicator, a data source, a column."""

    label: str = "nombre"
    message: str | None = None
    hint: str | None = None

    def to_json(self) -> dict:
        return self._wording({"type": ["string", "number"]})

    def read(self, raw: Any, place: Place) -> str:
        return str(raw)


@dataclass(frozen=True)
class Integer(Value):
    """A whole number from ``low`` to ``high``; ``hint`` says what it counts."""

    low: int | None = None
    high: int | None = None
    hint: str | None = None
    message: str | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        if self.low is not None and self.high is not None:
            return f"número entero de {self.low} a {self.high}"
        return "número entero" + (f", {self.low} o mayor" if self.low is not None else "")

    def to_json(self) -> dict:
        schema: dict = {"type": "integer"}
        if self.low is not None:
            schema["minimum"] = self.low
        if self.high is not None:
            schema["maximum"] = self.high
        return self._wording(schema)


@dataclass(frozen=True)
class Number(Value):
    """A number (whole or decimal) from ``low`` to ``high``."""

    low: float | None = None
    high: float | None = None
    hint: str | None = None
    message: str | None = "valor no válido '{value}'"

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"número de {self.low:g} a {self.high:g}" if self.high is not None else "número"

    def to_json(self) -> dict:
        schema: dict = {"type": "number"}
        if self.low is not None:
            schema["minimum"] = self.low
        if self.high is not None:
            schema["maximum"] = self.high
        return self._wording(schema)

    def read(self, raw: Any, place: Place) -> float:
        return float(raw)


@dataclass(frozen=True)
class Flag(Value):
    """Yes or no (``true``/``false``)."""

    label: str = "sí o no (true o false)"

    def to_json(self) -> dict:
        return {"type": "boolean"}

    def read(self, raw: Any, place: Place) -> bool:
        return bool(raw)


@dataclass(frozen=True)
class Choice(Value):
    """One of a few words; ``message`` may quote the written ``{value}``."""

    options: tuple[str, ...] = ()
    message: str | None = None
    hint: str | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        return " \\| ".join(f"`{option}`" for option in self.options)

    def to_json(self) -> dict:
        return self._wording({"enum": list(self.options)})

    def read(self, raw: Any, place: Place) -> str:
        return str(raw)


@dataclass(frozen=True)
class Anything(Value):
    """Any value: its meaning is checked by the loader (a period, a filter value)."""

    label: str = "valor"
    types: tuple[str, ...] = ("string", "number", "boolean", "null")
    message: str | None = None
    hint: str | None = None

    def to_json(self) -> dict:
        return self._wording({"type": list(self.types)})


@dataclass(frozen=True)
class ListOf(Value):
    """A list (``- item`` lines or ``[a, b]``); an empty key reads as an empty list."""

    item: Value = field(default_factory=Text)
    message: str | None = None
    hint: str | None = None
    least: int = 0  # items it must have at least

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"lista ({self.item.label})"

    def to_json(self) -> dict:
        schema: dict = {"type": ["array", "null"] if not self.least else "array",
                        "items": self.item.to_json()}
        if self.least:
            schema["minItems"] = self.least
        return self._wording(schema)

    def read(self, raw: Any, place: Place) -> tuple:
        return tuple(self.item.read(item, place.child(index, line_of(raw, index, place.line)))
                     for index, item in enumerate(raw or ()))


@dataclass(frozen=True)
class MapOf(Value):
    """A mapping of names chosen by the writer to values of one kind."""

    value: Value = field(default_factory=Text)
    label: str = "diccionario"
    message: str | None = None
    hint: str | None = None

    def to_json(self) -> dict:
        return self._wording({"type": "object", "additionalProperties": self.value.to_json()})

    def read(self, raw: Any, place: Place) -> dict:
        return {str(name): self.value.read(item, place.child(str(name),
                                                             line_of(raw, name, place.line)))
                for name, item in (raw or {}).items()}


@dataclass(frozen=True)
class Key:
    """One key of a section: the Spanish name written in the file and the attribute it fills.

    ``default`` is what an absent key reads as (``MISSING``: absent, or required;
    ``BLANK``: the value of nothing, read at the section's place); ``missing`` is the hint
    when a required key is absent.
    """

    name: str
    value: Value
    doc: str
    required: bool = False
    default: Any = MISSING
    attr: str = ""
    missing: str | None = None

    @property
    def target(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True)
class Section(Value):
    """A mapping with declared keys; any other key is an error (``open`` allows any)."""

    keys: tuple[Key, ...] = ()
    doc: str = ""
    label: str = "sección"
    message: str | None = None
    hint: str | None = None
    open: Value | None = None  # the value of undeclared keys, when they are allowed

    def __getitem__(self, name: str) -> Key:
        return next(key for key in self.keys if key.name == name)

    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    def to_json(self) -> dict:
        schema: dict = {"type": "object",
                        "properties": {key.name: _documented(key) for key in self.keys}}
        required = [key.name for key in self.keys if key.required]
        if required:
            schema["required"] = required
        schema["additionalProperties"] = self.open.to_json() if self.open else False
        if self.doc:
            schema["description"] = self.doc
        return self._wording(schema)

    def read(self, raw: Any, place: Place) -> dict[str, Any]:
        """The value of each key by its attribute; absent keys take their default."""
        found: dict[str, Any] = {}
        for key in self.keys:
            if key.name in raw:
                where = place.child(key.name, line_of(raw, key.name, place.line))
                found[key.target] = key.value.read(raw[key.name], where)
            elif key.default is BLANK:
                found[key.target] = key.value.read(None, place.child(key.name, place.line))
            elif key.default is not MISSING:
                found[key.target] = key.default
        if self.open is not None:
            declared = self.names()
            for name, item in raw.items():
                if name not in declared:
                    where = place.child(str(name), line_of(raw, name, place.line))
                    found[str(name)] = self.open.read(item, where)
        return found

    def extended(self, *keys: Key, doc: str = "") -> Section:
        """This section with more keys (a kind of indicator adds its own to the common)."""
        return Section(self.keys + keys, doc or self.doc, self.label, self.message, self.hint,
                       self.open)


@dataclass(frozen=True)
class Variants(Value):
    """A section whose keys depend on its kind, written in the key ``tag`` (``tipo``).

    ``kinds`` maps each kind's name to its whole section (the tag included)."""

    kinds: Mapping[str, Section] = field(default_factory=dict)
    tag: str = "tipo"
    label: str = "sección"
    message: str | None = None
    hint: str | None = None

    def to_json(self) -> dict:
        options = list(self.kinds)
        schema: dict = {
            "type": "object", "required": [self.tag],
            "properties": {self.tag: {"enum": options,
                                      "x-hint-missing": _choices(self.tag, options)}},
            "allOf": [{"if": {"properties": {self.tag: {"const": name}},
                              "required": [self.tag]},
                       "then": section.to_json()} for name, section in self.kinds.items()],
        }
        return self._wording(schema)

    def read(self, raw: Any, place: Place) -> dict[str, Any]:
        return self.kinds[str(raw[self.tag])].read(raw, place)


@dataclass(frozen=True)
class OneKeyOf(Value):
    """A section named by the one key it must have (``- parrafo: …``, ``- suma: …``)."""

    kinds: Mapping[str, Section] = field(default_factory=dict)
    label: str = "sección"
    message: str | None = None
    hint: str | None = None

    def to_json(self) -> dict:
        schema: dict = {
            "type": "object",
            "oneOf": [{"required": [name]} for name in self.kinds],
            "allOf": [{"if": {"required": [name]}, "then": section.to_json()}
                      for name, section in self.kinds.items()],
        }
        return self._wording(schema)

    def kind_of(self, raw: Mapping) -> str:
        return next(name for name in self.kinds if name in raw)

    def read(self, raw: Any, place: Place) -> dict[str, Any]:
        """The values of the section, and its kind (``kind``)."""
        kind = self.kind_of(raw)
        return {"kind": kind, **self.kinds[kind].read(raw, place)}


@dataclass(frozen=True)
class Built(Value):
    """A value read by ``inner``, then made into an object by ``build(values, place)``: a
    chart's section becomes a ChartSpec."""

    inner: Value = field(default_factory=Text)
    build: Callable[[Any, Place], Any] = lambda values, place: values

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.inner.label

    def to_json(self) -> dict:
        return self.inner.to_json()

    def read(self, raw: Any, place: Place) -> Any:
        return self.build(self.inner.read(raw, place), place)


def _documented(key: Key) -> dict:
    schema = key.value.to_json()
    if key.required:
        schema["x-required"] = True
    if key.doc:
        schema = {**schema, "description": key.doc}
    if key.default is not MISSING and key.default is not None and _plain(key.default):
        schema = {**schema, "default": list(key.default) if isinstance(key.default, tuple)
                  else key.default}
    if key.missing:
        schema["x-hint-missing"] = key.missing
    elif isinstance(key.value, Choice):
        schema["x-hint-missing"] = _choices(key.name, key.value.options)
    return schema


def _plain(value: object) -> bool:
    return isinstance(value, (str, int, float, bool)) or (
        isinstance(value, tuple) and all(isinstance(v, (str, int, float)) for v in value))


def _choices(name: str, options: Iterable[str]) -> str:
    return f"agregue '{name}:' con uno de: " + ", ".join(options)
