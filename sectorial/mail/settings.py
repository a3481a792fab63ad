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
from pathlib import Path

from sectorial.errors import Location, SectorialError, raise_all, unknown_key_hint
from sectorial.mail.address import AddressError, parse_mailbox

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
SMTP_KEYS = ("host", "port", "security", "user", "from", "timeout", "cafile")
SEND_KEYS = ("max_mb", "per_minute", "retries", "backoff_seconds")
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


def load_settings(
    path: Path | None, environ: Mapping[str, str] | None = None, *, need_server: bool = True
) -> MailSettings:
    """Read the settings file (``sectorial.toml`` in the current folder unless ``path``),
    apply the environment variables, and check everything; report every problem at once.

    ``need_server=False`` (a dry run) only needs the sender.
    """
    environ = os.environ if environ is None else environ
    file = path or Path(SETTINGS_FILE)
    where = str(file)
    raw: dict = {}
    if file.is_file():
        try:
            raw = tomllib.loads(file.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"el archivo de configuración no se puede leer ({exc})",
                                Location(where),
                                "revise la sintaxis TOML: clave = \"valor\" bajo [smtp]") from exc
        except OSError as exc:
            raise SettingsError(f"no se puede leer el archivo de configuración ({exc.strerror})",
                                Location(where)) from exc
    elif path is not None:
        raise SettingsError("no existe el archivo de configuración", Location(where),
                            "indique otro con --config o cree sectorial.toml (vea el README)")
    errors: list[SectorialError] = [_secret_in_file(where, key) for key in raw
                                    if key.lower() in SECRET_KEYS]
    smtp = _section(raw, "smtp", SMTP_KEYS, where, errors)
    send = _section(raw, "send", SEND_KEYS, where, errors)
    for key in ENV:
        if environ.get(ENV[key], "") != "":
            smtp[key] = environ[ENV[key]]

    def place(key: str) -> Location:
        if key in ENV and environ.get(ENV[key], "") != "":
            return Location(f"variable {ENV[key]}")
        return Location(where, field=f"smtp.{key}")

    sender = ("", "")
    if not smtp.get("from"):
        errors.append(SettingsError(
            "falta el remitente", place("from"),
            f"escriba from = \"Oficina <correo@dominio>\" bajo [smtp] en {where}, o defina "
            f"{ENV['from']}"))
    else:
        try:
            sender = parse_mailbox(str(smtp["from"]))
        except AddressError as exc:
            errors.append(SettingsError(f"remitente no válido: {exc}", place("from"),
                                        "escriba \"Nombre <correo@dominio>\" o solo el correo"))
    security = str(smtp.get("security", "starttls")).strip().lower()
    if security not in SECURITY:
        errors.append(SettingsError(f"seguridad no válida '{security}'", place("security"),
                                    "use starttls, ssl o none"))
        security = "starttls"
    host = str(smtp.get("host", "")).strip()
    port = DEFAULT_PORTS[security]
    if "port" in smtp:
        try:
            port = int(str(smtp["port"]).strip())
            if not 0 < port < 65536:
                raise ValueError
        except ValueError:
            errors.append(SettingsError(f"puerto no válido '{smtp['port']}'", place("port"),
                                        "use un número como 587 (starttls) o 465 (ssl)"))
    user = str(smtp["user"]).strip() if smtp.get("user") else None
    password = str(smtp["password"]) if smtp.get("password") else None
    if need_server:
        if not host:
            errors.append(SettingsError(
                "falta el servidor de correo", place("host"),
                f"escriba host = \"smtp.su-dominio\" bajo [smtp] en {where}, o defina "
                f"{ENV['host']}"))
        elif security == "none" and not _loopback(host):
            errors.append(SettingsError(
                f"la seguridad 'none' envía la contraseña y los documentos sin cifrar; solo se "
                f"permite con un servidor local, no con '{host}'", place("security"),
                "use starttls (puerto 587) o ssl (puerto 465)"))
        if user and not password:
            errors.append(SettingsError(
                f"falta la contraseña del usuario '{user}'",
                Location(f"variable {ENV['password']}"),
                f"defínala antes de enviar: export {ENV['password']}='…' (nunca en un archivo)"))
        if password and not user:
            errors.append(SettingsError(
                "hay contraseña pero no usuario", place("user"),
                f"escriba user = \"…\" bajo [smtp] o defina {ENV['user']}"))
    cafile = None
    if smtp.get("cafile"):
        cafile = (file.parent / str(smtp["cafile"])).resolve()
        if not cafile.is_file():
            errors.append(SettingsError(
                f"no existe el archivo de certificados '{cafile}'", place("cafile"),
                "indique el certificado (PEM) de la autoridad que firmó el del servidor, o "
                "quite cafile para usar los del sistema"))
    numbers = {
        "timeout": _number(smtp, "timeout", 30.0, 1, 600, place("timeout"), errors),
        "max_mb": _number(send, "max_mb", 10.0, 0.01, 1000,
                          Location(where, field="send.max_mb"), errors),
        "per_minute": _number(send, "per_minute", 30.0, 0.1, 100_000,
                              Location(where, field="send.per_minute"), errors),
        "retries": _number(send, "retries", 3, 0, 20, Location(where, field="send.retries"),
                           errors),
        "backoff_seconds": _number(send, "backoff_seconds", 5.0, 0, 3600,
                                   Location(where, field="send.backoff_seconds"), errors),
    }
    raise_all(errors)
    return MailSettings(
        host=host, port=port, security=security, sender=sender, user=user, password=password,
        timeout=numbers["timeout"], cafile=cafile,
        max_bytes=int(numbers["max_mb"] * 1024 * 1024), per_minute=numbers["per_minute"],
        retries=int(numbers["retries"]), backoff_seconds=numbers["backoff_seconds"],
    )


def _section(raw: dict, name: str, keys: tuple[str, ...], where: str,
             errors: list[SectorialError]) -> dict:
    section = raw.get(name, {})
    if not isinstance(section, dict):
        errors.append(SettingsError(f"'{name}' debe ser una sección [{name}]",
                                    Location(where, field=name)))
        return {}
    for key in section:
        if key.lower() in SECRET_KEYS:
            errors.append(_secret_in_file(where, f"{name}.{key}"))
        elif key not in keys:
            errors.append(SettingsError(f"clave desconocida '{key}'",
                                        Location(where, field=f"{name}.{key}"),
                                        unknown_key_hint(key, keys)))
    return {k: v for k, v in section.items() if k in keys}


def _secret_in_file(where: str, field: str) -> SettingsError:
    return SettingsError("la contraseña no puede estar en el archivo de configuración",
                         Location(where, field=field),
                         f"bórrela del archivo y defina la variable {ENV['password']} al enviar")


def _number(section: dict, key: str, default: float, low: float, high: float,
            where: Location, errors: list[SectorialError]) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        errors.append(SettingsError(f"valor no válido '{value}'", where,
                                    f"escriba un número de {low:g} a {high:g}"))
        return default
    return float(value)


def _loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: the only hosts a message may reach unencrypted."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
