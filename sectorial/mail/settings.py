"""Mail server settings: ``sectorial.toml`` with environment variables on top.

The password comes only from ``SECTORIAL_SMTP_PASSWORD``: a password written in the
settings file is refused (the file lives beside the briefs, often in a repository), and
the settings never print it (``repr`` hides it).
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sectorial.errors import Location, SectorialError, raise_all
from sectorial.mail.address import AddressError, parse_mailbox
from sectorial.schema import Anything, Key, Number, Place, Section, Text

SETTINGS_FILE = "sectorial.toml"
SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
ENV = {
    "host": "SECTORIAL_SMTP_HOST",
    "port": "SECTORIAL_SMTP_PORT",
    "security": "SECTORIAL_SMTP_SECURITY",
    "user": "SECTORIAL_SMTP_USER",
    "password": "SECTORIAL_SMTP_PASSWORD",
    "from": "SECTORIAL_SMTP_FROM",
}
SECRET_KEYS = ("password", "pass", "contrasena", "contraseña", "clave", "secret")


class SettingsError(SectorialError):
    """The mail settings are missing, malformed or unsafe."""


@dataclass(frozen=True)
class MailSettings:
    """Where and how to send. ``sender`` is (display name, address)."""

    host: str
    port: int
    security: str
    sender: tuple[str, str]
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    cafile: Path | None = None
    max_bytes: int = 10 * 1024 * 1024
    per_minute: float = 30.0
    retries: int = 3
    backoff_seconds: float = 5.0


SMTP = Section((
    Key("host", Text(), "El servidor de correo (o la variable SECTORIAL_SMTP_HOST).",
        default=None),
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
SETTINGS = Section((
    Key("smtp", SMTP, "El servidor de correo.", default=None),
    Key("send", SEND, "El ritmo de los envíos.", default=None),
), doc="sectorial.toml: la configuración del correo de `sectorial send`.")


@cache
def settings_schema() -> dict:
    """The JSON Schema of ``sectorial.toml`` (compiled once per process by the validator)."""
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "sectorial.toml",
            **SETTINGS.to_json()}


def load_settings(
    path: Path | None, environ: Mapping[str, str] | None = None, *, need_server: bool = True
) -> MailSettings:
    """Read the settings file (``sectorial.toml`` in the current folder unless ``path``),
    apply the environment variables, and check everything; report every problem at once.

    ``need_server=False`` (a dry run) only needs the sender.
    """
    from sectorial.schema.validate import Words, validate

    environ = os.environ if environ is None else environ
    file = path or Path(SETTINGS_FILE)
    raw = _read(file, path is not None)
    errors: list[SectorialError] = _secrets(raw, str(file))
    report = validate(raw, settings_schema(), str(file), SettingsError,
                      Words(unknown="clave desconocida '{name}'"))
    errors += report.errors
    smtp = _valid(SMTP, raw, "smtp", report)
    send = _valid(SEND, raw, "send", report)
    for key, variable in ENV.items():
        if environ.get(variable, "") != "":
            smtp[key] = environ[variable]
    server = _Server(str(file), environ, smtp, errors)
    settings = server.settings(need_server, file.parent, send)
    raise_all(errors)
    return settings


def _valid(section: Section, raw: dict, name: str, report: object) -> dict[str, Any]:
    """The keys of a section that are valid, the others at their default."""
    found = section.read({}, Place("", 0, name))
    node = raw.get(name)
    if isinstance(node, dict):
        valid = {k: v for k, v in node.items() if report.ok(name, k)}  # type: ignore[attr-defined]
        found |= section.read({k: v for k, v in valid.items() if k in section.names()},
                              Place("", 0, name))
    return found


def _read(file: Path, named: bool) -> dict:
    """The settings file as TOML (nothing if there is none and none was named)."""
    where = Location(str(file))
    if not file.is_file():
        if named:
            raise SettingsError("no existe el archivo de configuración", where,
                                "indique otro con --config o cree sectorial.toml (vea el README)")
        return {}
    try:
        return tomllib.loads(file.read_text("utf-8"))
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


class _Server:
    """The server's settings, from the file and the environment, checked together."""

    def __init__(self, where: str, environ: Mapping[str, str], smtp: dict,
                 errors: list[SectorialError]):
        self.where, self.environ, self.smtp, self.errors = where, environ, smtp, errors

    def place(self, key: str) -> Location:
        if key in ENV and self.environ.get(ENV[key], "") != "":
            return Location(f"variable {ENV[key]}")
        return Location(self.where, field=f"smtp.{key}")

    def problem(self, message: str, key: str, hint: str) -> None:
        self.errors.append(SettingsError(message, self.place(key), hint))

    def settings(self, need_server: bool, folder: Path, send: dict) -> MailSettings:
        smtp = self.smtp
        security = self.security()
        port = self.port(security)
        user = str(smtp["user"]).strip() if smtp.get("user") else None
        password = str(smtp["password"]) if smtp.get("password") else None
        host = str(smtp.get("host") or "").strip()
        if need_server:
            self.check_server(host, security, user, password)
        return MailSettings(
            host=host, port=port, security=security, sender=self.sender(), user=user,
            password=password, timeout=float(smtp["timeout"]), cafile=self.cafile(folder),
            max_bytes=int(send["max_mb"] * 1024 * 1024), per_minute=send["per_minute"],
            retries=int(send["retries"]), backoff_seconds=send["backoff_seconds"])

    def sender(self) -> tuple[str, str]:
        if not self.smtp.get("from"):
            self.problem("falta el remitente", "from",
                         f"escriba from = \"Oficina <correo@dominio>\" bajo [smtp] en "
                         f"{self.where}, o defina {ENV['from']}")
            return ("", "")
        try:
            return parse_mailbox(str(self.smtp["from"]))
        except AddressError as exc:
            self.problem(f"remitente no válido: {exc}", "from",
                         "escriba \"Nombre <correo@dominio>\" o solo el correo")
            return ("", "")

    def security(self) -> str:
        security = str(self.smtp.get("security") or "starttls").strip().lower()
        if security not in SECURITY:
            self.problem(f"seguridad no válida '{security}'", "security",
                         "use starttls, ssl o none")
            return "starttls"
        return security

    def port(self, security: str) -> int:
        if self.smtp.get("port") is None:
            return DEFAULT_PORTS[security]
        try:
            port = int(str(self.smtp["port"]).strip())
            if not 0 < port < 65536:
                raise ValueError
            return port
        except ValueError:
            self.problem(f"puerto no válido '{self.smtp['port']}'", "port",
                         "use un número como 587 (starttls) o 465 (ssl)")
            return DEFAULT_PORTS[security]

    def check_server(self, host: str, security: str, user: str | None,
                     password: str | None) -> None:
        if not host:
            self.problem("falta el servidor de correo", "host",
                         f"escriba host = \"smtp.su-dominio\" bajo [smtp] en {self.where}, o "
                         f"defina {ENV['host']}")
        elif security == "none" and not _loopback(host):
            self.problem(f"la seguridad 'none' envía la contraseña y los documentos sin cifrar; "
                         f"solo se permite con un servidor local, no con '{host}'", "security",
                         "use starttls (puerto 587) o ssl (puerto 465)")
        if user and not password:
            self.errors.append(SettingsError(
                f"falta la contraseña del usuario '{user}'",
                Location(f"variable {ENV['password']}"),
                f"defínala antes de enviar: export {ENV['password']}='…' (nunca en un archivo)"))
        if password and not user:
            self.problem("hay contraseña pero no usuario", "user",
                         f"escriba user = \"…\" bajo [smtp] o defina {ENV['user']}")

    def cafile(self, folder: Path) -> Path | None:
        if not self.smtp.get("cafile"):
            return None
        cafile = (folder / str(self.smtp["cafile"])).resolve()
        if not cafile.is_file():
            self.problem(f"no existe el archivo de certificados '{cafile}'", "cafile",
                         "indique el certificado (PEM) de la autoridad que firmó el del "
                         "servidor, o quite cafile para usar los del sistema")
        return cafile


def _secret_in_file(where: str, field: str) -> SettingsError:
    return SettingsError("la contraseña no puede estar en el archivo de configuración",
                         Location(where, field=field),
                         f"bórrela del archivo y defina la variable {ENV['password']} al enviar")


def _loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: the only hosts a message may reach unencrypted."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
