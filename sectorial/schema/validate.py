"""The one validator of briefs, house styles and settings: a JSON Schema, errors in Spanish.

``jsonschema`` (the reference implementation) checks the file against the schema that
``fields`` declares; each of its findings becomes one of our errors, with the file, the
line of the key (read by ``yamlfile``), the key path and what to do, suggesting the
closest valid key ("¿quiso decir 'titulo'?"). Every finding is collected; the loaders then
stop once. This is the only module that imports jsonschema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from sectorial.errors import Location, SectorialError, unknown_key_hint
from sectorial.schema.fields import SCALARS, line_at

if TYPE_CHECKING:
    from jsonschema import ValidationError

Path = tuple[str | int, ...]


def _is_number(_: object, value: object) -> bool:
    """A number, not a yes/no, and not NaN (which every bound would let through)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


@cache
def _validator_class() -> Any:
    """Draft 7 with our types (imported only when a file is validated: a file known valid,
    ``schema.known``, needs no validator)."""
    from jsonschema import Draft7Validator
    from jsonschema.validators import extend

    types = Draft7Validator.TYPE_CHECKER.redefine_many({
        # YAML reads 2025-09-01 as a date: where a text goes, it is the text.
        "string": lambda _, value: isinstance(value, (str, dt.date)),
        "number": _is_number,
        # 3.0 is not a whole number written as such: "debe ser un número entero, no '3.0'".
        "integer": lambda _, value: isinstance(value, int) and not isinstance(value, bool),
    })
    return extend(Draft7Validator, type_checker=types)


_COMPILED: dict[int, Any] = {}


@dataclass(frozen=True)
class Words:
    """How a kind of file names its keys in errors ("campo" in YAML, "clave" in TOML):
    ``{field}`` is the key's whole path, ``{name}`` the key alone."""

    unknown: str = "campo desconocido '{field}'"
    missing: str = "falta el campo obligatorio"


@dataclass
class Report:
    """What the validator found: the errors, and the places that cannot be read."""

    errors: list[SectorialError] = field(default_factory=list)
    bad: set[Path] = field(default_factory=set)

    def ok(self, *path: str | int) -> bool:
        """Whether the value at ``path`` can be read: no error in it, nor around it."""
        return not any(bad[:len(path)] == path or path[:len(bad)] == bad for bad in self.bad)


def validate(data: Any, schema: dict, file: str, error: type[SectorialError],
             words: Words = Words()) -> Report:
    """Check ``data`` against ``schema``; return every problem, first lines first."""
    key = id(schema)
    if key not in _COMPILED:
        _COMPILED[key] = (schema, _validator_class()(schema))  # the schema is kept alive
    found: list[tuple[int, SectorialError]] = []
    report = Report()
    suppressed: list[Path] = []
    raw = sorted(_COMPILED[key][1].iter_errors(data), key=lambda e: len(e.absolute_path))
    for finding in raw:
        path = tuple(finding.absolute_path)
        if any(path[:len(s)] == s for s in suppressed):
            continue
        if finding.validator == "oneOf":
            suppressed.append(path)
        for where, message, hint, blocking in _translate(finding, data, words):
            line = line_at(data, where[:-1] if message.startswith(words.missing) else where)
            place = Location(file, line=line, field=_field(where) or None)
            found.append((line or 0, error(message, place, hint)))
            if blocking:
                report.bad.add(where)
    seen: set[str] = set()
    for _, problem in sorted(found, key=lambda item: item[0]):
        if str(problem) not in seen:
            seen.add(str(problem))
            report.errors.append(problem)
    return report


def _translate(finding: ValidationError, data: Any, words: Words
               ) -> Iterator[tuple[Path, str, str | None, bool]]:
    """(path, message, hint, whether the value is unusable) for one finding."""
    path = tuple(finding.absolute_path)
    schema = finding.schema if isinstance(finding.schema, dict) else {}
    value = finding.instance
    kind = finding.validator
    if kind == "additionalProperties":
        valid = list(schema.get("properties", {}))
        for name in value:
            if name not in valid:
                message = words.unknown.replace("{field}", _field((*path, name)))
                yield (*path, name), message.replace("{name}", str(name)), \
                    unknown_key_hint(str(name), valid), False
        return
    if kind == "required":
        for name in finding.validator_value:
            if name not in value:
                hint = schema.get("properties", {}).get(name, {}).get("x-hint-missing")
                yield (*path, name), f"{words.missing} '{_field((*path, name))}'", \
                    hint or f"agregue '{name}:' en esta sección", True
        return
    yield path, *_value_problem(kind, schema, value, path), True


def _value_problem(kind: str, schema: dict, value: Any, path: Path) -> tuple[str, str | None]:
    """The message and hint for a value of the wrong type, choice or size."""
    hint = schema.get("x-hint")
    custom = schema.get("x-message")
    if kind == "type" and value is None and schema.get("x-required"):
        return (f"el campo obligatorio '{_field(path)}' está vacío",
                f"escriba su valor después de '{path[-1]}:'")
    if kind == "enum" and not hint:
        hint = unknown_key_hint(str(value), [str(option) for option in schema["enum"]])
    if custom:
        return custom.replace("{value}", str(value)), hint
    if kind == "type":
        return _type_message(schema.get("type"), value)
    if kind == "enum":
        return f"valor no válido '{value}'", hint
    if kind == "minItems":
        return f"debe tener al menos {schema['minItems']} elementos", hint
    if kind == "maxItems":
        return f"debe tener como mucho {schema['maxItems']} elementos", hint
    if kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return f"debe ser un número de {low} a {high}, no '{value}'", hint
        bound = f"{low} o mayor" if low is not None else f"{high} o menor"
        return f"debe ser un número, {bound}, no '{value}'", hint
    return f"valor no válido '{value}'", hint


def _type_message(expected: str | Sequence[str] | None, value: Any) -> tuple[str, str | None]:
    types = [expected] if isinstance(expected, str) else list(expected or ())
    if "object" in types:
        return ("debe ser un diccionario de campos", "escriba 'campo: valor' en líneas con "
                "sangría debajo, o entre llaves: {campo: valor}")
    if "array" in types:
        return "debe ser una lista (líneas que empiezan con '- ')", None
    if types == ["integer"]:
        return f"debe ser un número entero, no '{value}'", None
    if types == ["number"]:
        return f"debe ser un número, no '{value}'", None
    if types == ["boolean"]:
        return f"debe ser sí o no (true o false), no '{value}'", None
    if set(types) <= set(SCALARS):
        return "debe ser un texto", None
    return f"valor no válido '{value}'", None


def _field(path: Path) -> str:
    """``paginas[2].graficos[1].titulo`` for ("paginas", 1, "graficos", 0, "titulo")."""
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text
