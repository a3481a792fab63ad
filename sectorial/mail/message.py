"""A letter and its attachments as one MIME message (the email "renderer").

Headers are UTF-8, encoded as RFC 2047 where they hold accents; every header value goes
through ``clean_header``; attachment types are set here, never guessed from the machine's
tables; the Message-ID is derived from what is sent, so that a retry carries the same one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, localtime

from sectorial import __version__
from sectorial.mail.address import clean_header
from sectorial.mail.letter import Letter
from sectorial.mail.recipients import Recipient

MIME_TYPES = {
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("application", "pdf"),
}


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes

    @property
    def kind(self) -> str:
        return self.name.rsplit(".", 1)[-1].lower()


def message_id(key: str, sender_address: str) -> str:
    """``<hash@domain>``, the same for the same recipient, edition and document bytes."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
    return f"<{digest}.sectorial@{sender_address.rsplit('@', 1)[-1]}>"


def build_message(
    letter: Letter, sender: tuple[str, str], recipient: Recipient,
    attachments: list[Attachment], msg_id: str,
) -> EmailMessage:
    """The message for one recipient, with the policy that writes CRLF line ends."""
    message = EmailMessage(policy=SMTP)
    message["From"] = _address(*sender)
    message["To"] = _address(recipient.name, recipient.email)
    if recipient.cc:
        message["Cc"] = [_address("", cc) for cc in recipient.cc]
    message["Subject"] = clean_header(letter.subject)
    message["Date"] = format_datetime(localtime())
    message["Message-ID"] = msg_id
    message["X-Mailer"] = f"sectorial {__version__}"
    message.set_content(letter.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    for attachment in attachments:
        maintype, subtype = MIME_TYPES[attachment.kind]
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                               filename=clean_header(attachment.name))
    return message


def _address(name: str, address: str) -> Address:
    local, domain = address.rsplit("@", 1)
    return Address(display_name=clean_header(name), username=local, domain=domain)


def encoded(message: EmailMessage) -> bytes:
    """The bytes that go over the wire (base64 attachments, CRLF line ends)."""
    return message.as_bytes(policy=SMTP)
