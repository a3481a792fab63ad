"""Mail server settings: the ``[smtp]`` and ``[send]`` sections of ``sectorial.toml``
(``sectorial.settings`` finds the file and puts the environment on top), checked together.

The password comes only from ``SECTORIAL_SMTP_PASSWORD``, and the settings never print it
(``repr`` hides it).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sectorial.errors import Location, SectorialError, raise_all
from sectorial.mail.address import AddressError, parse_mailbox
from sectorial.settings import (
    PASSWORD_VARIABLE,
    SETTINGS_FILE,
    Settings,
    SettingsError,
    locate,
    read_settings,
    variable,
)

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
ENV = {key: variable("smtp", key) for key in ("host", "port", "security", "user", "from")} | {
    "password": PASSWORD_VARIABLE}


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
    source: str = ""  # which settings file was used, or that none was found


def load_settings(
    path: Path | None, environ: Mapping[str, str] | None = None, *, need_server: bool = True,
    near: Path | None = None,
) -> MailSettings:
    """Read the settings file (``path``, or the one found near the brief at ``near``: see
    ``sectorial.settings``), apply the environment variables, and check everything; report
    every problem at once.

    ``need_server=False`` (a dry run) only needs the sender.
    """
    source = locate(near, path)
    found, errors = read_settings(source, environ)
    server = _Server(found, errors)
    settings = server.settings(need_server, (source.path or Path(SETTINGS_FILE)).parent,
                               found.values["send"])
    raise_all(errors)
    return settings


class _Server:
    """The server's settings, from the file and the environment, checked together."""

    def __init__(self, found: Settings, errors: list[SectorialError]):
        self.found, self.errors = found, errors
        self.smtp = found.values["smtp"]
        self.where = str(found.source.path or SETTINGS_FILE)

    def place(self, key: str) -> Location:
        return self.found.where("smtp", key)

    def problem(self, message: str, key: str, hint: str) -> None:
        self.errors.append(SettingsError(message, self.place(key), hint))

    def settings(self, need_server: bool, folder: Path, send: dict) -> MailSettings:
        smtp = self.smtp
        security = self.security()
        port = self.port(security)
        user = str(smtp["user"]).strip() if smtp.get("user") else None
        password = self.found.password
        host = str(smtp.get("host") or "").strip()
        if need_server:
            self.check_server(host, security, user, password)
        return MailSettings(
            host=host, port=port, security=security, sender=self.sender(), user=user,
            password=password, timeout=float(smtp["timeout"]), cafile=self.cafile(folder),
            max_bytes=int(send["max_mb"] * 1024 * 1024), per_minute=send["per_minute"],
            retries=int(send["retries"]), backoff_seconds=send["backoff_seconds"],
            source=str(self.found.source))

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
        given_here = self.place("cafile").file.startswith("variable ")
        base = Path.cwd() if given_here else folder  # a variable: from where it runs
        cafile = (base / str(self.smtp["cafile"])).resolve()
        if not cafile.is_file():
            self.problem(f"no existe el archivo de certificados '{cafile}'", "cafile",
                         "indique el certificado (PEM) de la autoridad que firmó el del "
                         "servidor, o quite cafile para usar los del sistema")
        return cafile


def _loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: the only hosts a message may reach unencrypted."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
