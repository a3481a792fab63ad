"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it receives and can be told
to misbehave: refuse a recipient, answer 451 first, drop the connection after the data."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=default)  # type: ignore[return-value]


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    rcpt_replies: dict[str, str] = field(default_factory=dict)  # address -> reply
    data_replies: list[str] = field(default_factory=list)  # replies before accepting
    drop_after_data: int = 0  # how many messages to take and then hang up on
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        reply = self.rcpt_replies.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.data_replies:
            return self.data_replies.pop(0)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content or envelope.content))
        if self.drop_after_data:
            self.drop_after_data -= 1
            server.transport.abort()  # the message arrived; the answer never leaves
            return "250 OK"
        return "250 2.0.0 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        ok = auth_data.password == b"secreto-de-prueba"
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``with Server() as smtp:`` runs a server; ``smtp.port``, ``smtp.handler``."""

    def __init__(self, **smtp_options: object):
        self.handler = Handler()
        self.port = free_port()
        options = {"authenticator": self.handler.authenticate, "auth_require_tls": False,
                   **smtp_options}
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                     **options)

    def __enter__(self) -> Server:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
