"""The settings file, ``sectorial.toml``: where it is, what it says, the environment on top.

The file is looked for beside the brief, then in each folder above it up to the project's
root (the first folder with ``.git`` or ``pyproject.toml``; a brief in no project: its own
folder only), then in the current folder;
``--config`` names one. Every key can be set from the environment: ``[smtp] host`` is
``SECTORIAL_SMTP_HOST``, ``[oficina] zona_horaria`` is ``SECTORIAL_OFICINA_ZONA_HORARIA``;
a variable set to nothing (``SECTORIAL_SMTP_USER=``) clears the key, which takes its
default. A password written in the file is refused (the file lives beside the briefs, often
in a repository): it comes only from ``SECTORIAL_SMTP_PASSWORD``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sectorial.errors import Location, SectorialError
from sectorial.schema import Anything, Key, Number, Place, Section, Text

SETTINGS_FILE = "sectorial.toml"
ROOT_MARKS = (".git", "pyproject.toml")  # a folder holding one is the project's root
DEFAULT_ZONE = "America/Lima"
PASSWORD_VARIABLE = "SECTORIAL_SMTP_PASSWORD"
SECRET_KEYS = ("password", "pass", "contrasena", "contraseña", "clave", "secret")


class SettingsError(SectorialError):
    """The settings are missing, malformed or unsafe."""


SMTP = Section((
    Key("host", Text(), "El servidor de correo.", default=None),
    Key("port", Anything(types=("integer", "string"), message="puerto no válido '{value}'",
                         hint="use un número como 587 (starttls) o 465 (ssl)"),
        "El puerto: 587 (starttls), 465 (ssl).", default=None),
    Key("security", Text(), "`starttls`, `ssl` o `none` (solo con un servidor local).",
        default=None),
    Key("user", Text(), "El usuario; la contraseña va en SECTORIAL_SMTP_PASSWORD.",
        default=None),
    Key("from", Text(), "El remitente: \"Oficina <correo@dominio>\".", default=None),
    Key("timeout", Number(1, 600), "Segundos de espera por respuesta del servidor.",
        default=30.0),
    Key("cafile", Text(), "El certificado (PEM) de la autoridad que firmó el del servidor, si "
        "es una propia.", default=None),
), message="'smtp' debe ser una sección [smtp]", doc="El servidor de correo.")
SEND = Section((
    Key("max_mb", Number(0.01, 1000), "Tamaño máximo del mensaje codificado, en MB.",
        default=10.0),
    Key("per_minute", Number(0.1, 100_000), "Mensajes por minuto como máximo.", default=30.0),
    Key("retries", Number(0, 20), "Reintentos ante fallas temporales.", default=3.0),
    Key("backoff_seconds", Number(0, 3600), "Espera antes del primer reintento (se duplica).",
        default=5.0),
), message="'send' debe ser una sección [send]", doc="El ritmo de los envíos.")
OFFICE = Section((
    Key("zona_horaria", Text(), "La zona horaria de las horas que se anotan y se muestran "
        "(nombre IANA, p. ej. America/Lima).", default=DEFAULT_ZONE),
), message="'oficina' debe ser una sección [oficina]", doc="La oficina.")
SETTINGS = Section((
    Key("smtp", SMTP, "El servidor de correo.", default=None),
    Key("send", SEND, "El ritmo de los envíos.", default=None),
    Key("oficina", OFFICE, "La oficina: su zona horaria.", default=None),
), doc="sectorial.toml: la configuración de sectorial (correo de `sectorial send`, zona "
    "horaria). Cada clave se puede dar en una variable SECTORIAL_SECCIÓN_CLAVE.")


@cache
def settings_schema() -> dict:
    """The JSON Schema of ``sectorial.toml`` (compiled once per process by the validator)."""
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "sectorial.toml",
            **SETTINGS.to_json()}


def variable(section: str, key: str) -> str:
    """The environment variable of a key: ``SECTORIAL_SMTP_HOST`` for ``[smtp] host``."""
    return f"SECTORIAL_{section}_{key}".upper()


@dataclass(frozen=True)
class Source:
    """The settings file used (``None``: none found) and the folders looked in."""

    path: Path | None
    searched: tuple[Path, ...] = ()
    named: bool = False  # given with --config: it must exist

    def __str__(self) -> str:
        if self.path is not None:
            return f"configuración: {self.path}"
        folders = ", ".join(str(folder) for folder in self.searched)
        return (f"configuración: no se encontró {SETTINGS_FILE} (se buscó en {folders}); "
                "se usan los valores por defecto y las variables SECTORIAL_…")


def locate(near: Path | None = None, named: Path | None = None) -> Source:
    """The settings file for a brief at ``near`` (a file or folder), or the one named."""
    if named is not None:
        return Source(named, (named.parent,), True)
    folders: list[Path] = []
    if near is not None:
        folder = near.resolve()
        folder = folder if folder.is_dir() else folder.parent
        for candidate in (folder, *folder.parents):
            folders.append(candidate)
            if any((candidate / mark).exists() for mark in ROOT_MARKS):
                break
        else:  # in no project: the brief's own folder only, not every folder up to /
            folders = [folder]
    here = Path.cwd()
    if here not in folders:
        folders.append(here)
    for folder in folders:
        if (folder / SETTINGS_FILE).is_file():
            return Source(folder / SETTINGS_FILE, tuple(folders))
    return Source(None, tuple(folders))


@dataclass
class Settings:
    """The value of every key, and where each came from (for the errors that name it)."""

    source: Source
    values: dict[str, dict[str, Any]]
    origin: dict[tuple[str, str], Location] = field(default_factory=dict)
    password: str | None = field(default=None, repr=False)

    def where(self, section: str, key: str) -> Location:
        return self.origin.get((section, key)) or Location(
            str(self.source.path or SETTINGS_FILE), field=f"{section}.{key}")


def read_settings(source: Source, environ: Mapping[str, str] | None = None
                  ) -> tuple[Settings, list[SectorialError]]:
    """The settings of ``source`` with the environment on top, and every problem found (the
    values at fault take their defaults)."""
    from sectorial.schema.validate import Words, validate

    environ = os.environ if environ is None else environ
    file = str(source.path or SETTINGS_FILE)
    raw = _read(source)
    errors = _secrets(raw, file)
    words = Words(unknown="clave desconocida '{name}'")
    report = validate(raw, settings_schema(), file, SettingsError, words)
    errors += report.errors
    settings = Settings(source, {}, password=environ.get(PASSWORD_VARIABLE) or None)
    for name in SETTINGS.names():
        section: Section = SETTINGS[name].value  # type: ignore[assignment]
        node = raw.get(name) if isinstance(raw.get(name), dict) else {}
        valid = {k: v for k, v in node.items() if k in section.names() and report.ok(name, k)}
        settings.values[name] = section.read(valid, Place("", 0, name))
        for key in section.keys:
            _from_environment(settings, (name, key), environ, errors)
    return settings, errors


def _from_environment(settings: Settings, where: tuple[str, Key], environ: Mapping[str, str],
                      errors: list[SectorialError]) -> None:
    """A key given in its variable: checked alone, so that its errors name the variable."""
    from sectorial.schema.validate import validate

    name, key = where
    var = variable(name, key.name)
    if var not in environ:
        return
    place = Location(f"variable {var}")
    settings.origin[(name, key.name)] = place
    text = environ[var].strip()
    section: Section = SETTINGS[name].value  # type: ignore[assignment]
    if text == "":  # set to nothing: cleared
        settings.values[name][key.name] = section.read({}, Place("", 0, name)).get(key.name)
        return
    value: Any = text
    if key.value.to_json().get("type") == "number":
        try:
            value = float(text)
        except ValueError:
            errors.append(SettingsError(f"no es un número: '{text}'", place,
                                        f"escriba un número, p. ej. {var}={key.default:g}"))
            return
    report = validate({name: {key.name: value}}, settings_schema(), f"variable {var}",
                      SettingsError)
    if report.errors:
        errors += report.errors
        return
    settings.values[name][key.name] = section.read({key.name: value},
                                                   Place("", 0, name))[key.name]


def _read(source: Source) -> dict:
    """The settings file as TOML (nothing if there is none and none was named)."""
    if source.path is None:
        return {}
    where = Location(str(source.path))
    if not source.path.is_file():
        if source.named:
            raise SettingsError("no existe el archivo de configuración", where,
                                f"indique otro con --config o cree {SETTINGS_FILE} (vea "
                                "docs/guias/envio.md; 'sectorial init' escribe uno comentado)")
        return {}
    try:
        return tomllib.loads(source.path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"el archivo de configuración no se puede leer ({exc})", where,
                            "revise la sintaxis TOML: clave = \"valor\" bajo [smtp]") from exc
    except OSError as exc:
        raise SettingsError(f"no se puede leer el archivo de configuración ({exc.strerror})",
                            where) from exc


def _secrets(raw: dict, where: str) -> list[SectorialError]:
    """Refuse a password written in the file (and take it out before validating)."""
    found: list[SectorialError] = []
    for key in [k for k in raw if k.lower() in SECRET_KEYS]:
        found.append(_secret_in_file(where, key))
        del raw[key]
    for name, section in raw.items():
        if isinstance(section, dict):
            for key in [k for k in section if k.lower() in SECRET_KEYS]:
                found.append(_secret_in_file(where, f"{name}.{key}"))
                del section[key]
    return found


def _secret_in_file(where: str, key: str) -> SettingsError:
    return SettingsError("la contraseña no puede estar en el archivo de configuración",
                         Location(where, field=key),
                         f"bórrela del archivo y defina la variable {PASSWORD_VARIABLE} al "
                         "enviar")
