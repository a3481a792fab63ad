"""Values that hold one thing: texts, names, numbers, choices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sectorial.schema.fields import SCALARS, Place, Snippet, Value


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
class Condition(Template):
    """A condition of the template language (``acumulado is varios``): the thing it belongs
    to is printed only when it holds. Read as a template that writes "sí" when it holds."""

    label: str = "condición"

    def read(self, raw: Any, place: Place) -> Snippet:  # type: ignore[override]
        source = "" if raw is None else str(raw).strip()
        if source.startswith("{{") and source.endswith("}}"):
            source = source[2:-2].strip()  # written as an expression: {{ … }}
        return Snippet(f"{{% if {source} %}}sí{{% endif %}}", place.file, place.line,
                       place.path, condition=True)


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
        schema = self._wording(schema)
        if not self.hint and self.low is not None and self.high is not None:
            schema["x-hint"] = f"escriba un número de {self.low:g} a {self.high:g}"
        return schema

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
        return " | ".join(f"`{option}`" for option in self.options)

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
