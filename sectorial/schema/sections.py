"""Values that hold others: lists, mappings, sections of declared keys, and their kinds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sectorial.schema.fields import BLANK, MISSING, Place, Value, line_of
from sectorial.schema.values import Choice, Text


@dataclass(frozen=True)
class ListOf(Value):
    """A list (``- item`` lines or ``[a, b]``); an empty key reads as an empty list."""

    item: Value = field(default_factory=Text)
    message: str | None = None
    hint: str | None = None
    least: int = 0  # items it must have at least
    most: int | None = None  # and at most

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"lista ({self.item.label})"

    def to_json(self) -> dict:
        schema: dict = {"type": ["array", "null"] if not self.least else "array",
                        "items": self.item.to_json()}
        if self.least:
            schema["minItems"] = self.least
        if self.most is not None:
            schema["maxItems"] = self.most
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
    empty: bool = False  # an empty key ("graficos:") reads as the section of its defaults

    def __getitem__(self, name: str) -> Key:
        return next(key for key in self.keys if key.name == name)

    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    def to_json(self) -> dict:
        schema: dict = {"type": ["object", "null"] if self.empty else "object",
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
        raw = raw or {}
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
                       self.open, self.empty)


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
            "allOf": [{"if": {"type": "object", "properties": {self.tag: {"const": name}},
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
            "allOf": [{"if": {"type": "object", "required": [name]}, "then": section.to_json()}
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
        if isinstance(schema.get("type"), list) and "null" in schema["type"]:
            schema["type"] = [t for t in schema["type"] if t != "null"]  # "titulo:" is empty
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
