"""Deliver one message over SMTP (standard library) and say exactly what happened.

The outcome of each attempt is one of four, and the difference matters:

- ``Delivered``: the server answered 2xx to the end of the data.
- ``Temporary``: 4xx, a timeout or a connection lost *before* the whole message was
  handed over: nothing was delivered, trying again is safe.
- ``Permanent``: 5xx (no such mailbox, message refused): trying again will not help.
- ``Unknown``: the connection was lost after the whole message was handed over and
  before the server answered: it may have been delivered, and a retry could deliver a
  second copy. Never retried automatically.

Certificates are always verified (the system's authorities, or ``cafile``).
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field

from sectorial.errors import SectorialError
from sectorial.mail.settings import MailSettings

_LEADING_DOT = re.compile(rb"(?m)^\.")


@dataclass(frozen=True)
class Delivered:
    reply: str
    refused_cc: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Temporary:
    reply: str
    connecting: bool = False  # the server could not be reached at all


@dataclass(frozen=True)
class Permanent:
    reply: str


@dataclass(frozen=True)
class Unknown:
    reply: str


Outcome = Delivered | Temporary | Permanent | Unknown


class ConnectionFailed(SectorialError):
    """The server cannot be used at all (TLS, login): every message would fail alike."""


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}"


def _by_code(code: int, text: bytes | str) -> Outcome:
    reply = _reply(code, text)
    return Temporary(reply) if 400 <= code < 500 else Permanent(reply)


class Transport:
    """One connection, opened when needed and reopened after it is lost."""

    def __init__(self, settings: MailSettings):
        self.settings = settings
        self.connection: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(
            cafile=str(self.settings.cafile) if self.settings.cafile else None)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "ssl":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout, context=self._context())
        else:
            connection = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            connection.ehlo()
            if s.security == "starttls":
                if not connection.has_extn("starttls"):
                    raise ConnectionFailed(
                        f"el servidor {s.host}:{s.port} no ofrece STARTTLS",
                        hint="use security = \"ssl\" (puerto 465) o el puerto de envío "
                        "cifrado de su servidor")
                connection.starttls(context=self._context())
                connection.ehlo()
            if s.user:
                connection.login(s.user, s.password or "")
        except BaseException:
            _close(connection)
            raise
        return connection

    def connect(self) -> Outcome | None:
        """Open the connection if needed; return a failure, or None when ready."""
        if self.connection is not None:
            return None
        s = self.settings
        try:
            self.connection = self._open()
        except ssl.SSLCertVerificationError as exc:
            raise ConnectionFailed(
                f"el certificado de {s.host} no es válido ({exc.verify_message})",
                hint="verifique el nombre del servidor; si su institución usa una autoridad "
                "propia, indique su certificado con cafile en sectorial.toml "
                "(la verificación no se desactiva)") from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise ConnectionFailed(
                "el servidor rechazó el usuario o la contraseña "
                f"({_reply(exc.smtp_code, exc.smtp_error)})",
                hint="revise SECTORIAL_SMTP_USER y SECTORIAL_SMTP_PASSWORD") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise ConnectionFailed(
                f"el servidor {s.host} no admite inicio de sesión ({exc})",
                hint="quite 'user' si el servidor no lo pide, o use el puerto de envío "
                "autenticado") from exc
        except ssl.SSLError as exc:
            raise ConnectionFailed(f"falló la conexión cifrada con {s.host}:{s.port} ({exc})",
                                   hint="revise el puerto y 'security' (starttls para 587, "
                                   "ssl para 465)") from exc
        except smtplib.SMTPResponseException as exc:
            return _by_code(exc.smtp_code, exc.smtp_error)
        except (OSError, smtplib.SMTPException) as exc:  # refused, timeout, name unknown
            return Temporary(f"no se pudo conectar con {s.host}:{s.port} ({_describe(exc)})",
                             connecting=True)
        return None

    def deliver(self, sender: str, to: str, cc: tuple[str, ...], data: bytes,
                before_data: Callable[[], None]) -> Outcome:
        """Send one message; ``before_data()`` runs just before its bytes go out."""
        failure = self.connect()
        if failure is not None:
            return failure
        connection = self.connection
        assert connection is not None
        handed_over = False
        try:
            code, text = connection.mail(sender)
            if code != 250:
                self._reset()
                return _by_code(code, text)
            code, text = connection.rcpt(to)
            if code not in (250, 251):
                self._reset()
                return _by_code(code, text)
            refused: dict[str, str] = {}
            for copy in cc:
                code, text = connection.rcpt(copy)
                if code not in (250, 251):
                    refused[copy] = _reply(code, text)
            connection.putcmd("data")
            code, text = connection.getreply()
            if code != 354:
                self._reset()
                return _by_code(code, text)
            payload = _LEADING_DOT.sub(b"..", data)
            if not payload.endswith(b"\r\n"):
                payload += b"\r\n"
            before_data()
            connection.send(payload + b".\r\n")
            handed_over = True
            code, text = connection.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            if handed_over:
                return Unknown(f"la conexión se cortó esperando la respuesta del servidor "
                               f"({_describe(exc)})")
            return Temporary(f"la conexión se cortó ({_describe(exc)})")
        if 200 <= code < 300:
            return Delivered(_reply(code, text), refused)
        return _by_code(code, text)

    def _reset(self) -> None:
        try:
            if self.connection is not None:
                self.connection.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    def _drop(self) -> None:
        if self.connection is not None:
            _close(self.connection)
        self.connection = None

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                pass
        self._drop()


def _close(connection: smtplib.SMTP) -> None:
    try:
        connection.close()
    except OSError:
        pass


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "tiempo de espera agotado"
    if isinstance(exc, ConnectionRefusedError):
        return "conexión rechazada"
    if isinstance(exc, socket.gaierror):
        return "no se encuentra el servidor"
    return str(exc) or type(exc).__name__
