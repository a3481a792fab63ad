"""Delivering one document to its recipients: what the log says was done is not done
again, what is ``desconocido`` waits for a person, the rest is sent, paced, with retries
for temporary failures, every step recorded before the next."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sectorial import clock
from sectorial.console import Console
from sectorial.errors import SectorialError
from sectorial.files import write_all
from sectorial.mail import log as sendlog
from sectorial.mail.letter import LetterWriter
from sectorial.mail.log import Entry, SendLog, now
from sectorial.mail.message import Attachment, build_message, encoded, message_id
from sectorial.mail.recipients import Recipient
from sectorial.mail.settings import MailSettings

if TYPE_CHECKING:
    from sectorial.mail.smtp import Transport
    from sectorial.pipeline import Composed

OUTBOX = "outbox"
ALL = "todos"
WRITTEN, ALREADY, NOT_SENT = "escrito", "ya enviado", "no enviado"


@dataclass
class Options:
    """What ``sectorial send`` was asked for."""

    out_dir: Path = Path("output")
    recipients_file: Path | None = None
    dry_run: bool = False
    config: Path | None = None
    resend: tuple[str, ...] = ()
    mark_sent: tuple[str, ...] = ()
    workers: int = 1


@dataclass
class Tally:
    """How each (document, recipient) ended, for the summary and the exit code."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: int = 0

    def add(self, status: str, problem: bool = False) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        self.problems += problem

    def summary(self, seconds: float) -> str:
        words = {sendlog.SENT: ("enviado", "enviados"), ALREADY: ("ya enviado", "ya enviados"),
                 WRITTEN: ("mensaje escrito", "mensajes escritos"),
                 sendlog.FAILED: ("con error", "con error"),
                 sendlog.PENDING: ("pendiente", "pendientes"),
                 sendlog.UNKNOWN: ("desconocido", "desconocidos"),
                 NOT_SENT: ("no enviado", "no enviados")}
        parts = [f"{n} {words[s][n != 1]}" for s, n in self.counts.items() if n]
        return f"resumen: {', '.join(parts) or 'nada que enviar'}; tiempo {seconds:.1f} s"


class Pacer:
    """At most ``per_minute`` messages a minute: waits before each one as needed."""

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 60.0 / per_minute
        self.clock, self.sleep = clock, sleep
        self.last: float | None = None

    def wait(self) -> None:
        if self.last is not None:
            remaining = self.last + self.interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last = self.clock()


@dataclass(frozen=True)
class Parcel:
    """One document for one person: the log's key, the attachment's digest and file, and
    what the log says of an earlier send."""

    key: tuple[str, str, str]
    person: Recipient
    digest: str
    file: str
    shown: str
    entry: Entry | None

    def logged(self, status: str, msg_id: str, error: str, attempts: int = 0) -> Entry:
        return Entry(*self.key, self.person.email, self.person.name, status, now(), msg_id,
                     error, attempts, self.digest, self.file)


def attachments(composed: Composed) -> list[str]:
    """The file names the brief sends: the DOCX, and the PDF if ``envio.adjuntos`` says so."""
    mailing = composed.brief.mailing
    kinds = mailing.attachments if mailing else ("docx",)
    return [f"{composed.document.name}.{kind}" for kind in kinds]


class Delivery:
    """Sends the documents of one command through one connection and one send log."""

    def __init__(self, settings: MailSettings, options: Options, log: SendLog | None,
                 console: Console, tally: Tally):
        self.settings, self.options, self.log = settings, options, log
        self.console, self.tally = console, tally
        self.pacer = Pacer(settings.per_minute)
        self.transport: Transport | None = None
        if not options.dry_run:
            from sectorial.mail.smtp import Transport

            self.transport = Transport(settings)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def document(self, composed: Composed, writer: LetterWriter,
                 people: list[Recipient]) -> None:
        """Send ``composed`` to each of ``people`` (or, in a dry run, write the messages)."""
        from sectorial.files import file_digest

        out_dir = self.options.out_dir
        names = attachments(composed)
        files = [Attachment(name, (out_dir / name).read_bytes()) for name in names]
        brief, document = composed.brief, composed.document
        key = (brief.path.stem, str(brief.period), brief.value or "")
        digest = file_digest(out_dir / names[0])
        written: dict[Path, bytes] = {}
        for person in people:
            entry = self.log.entry(*key, person.email) if self.log is not None else None
            parcel = Parcel(key, person, digest, names[0],
                            f"{document.name} → {person.name} <{person.email}>", entry)
            if self._decided(parcel):
                continue
            message = self._message(parcel, writer, files)
            if message is None:
                continue
            if self.options.dry_run:
                written[out_dir / OUTBOX / document.name / f"{person.email}.eml"] = message[1]
            else:
                self._send(parcel, *message)
        if self.options.dry_run and written:
            self._write_outbox(out_dir / OUTBOX / document.name, written)

    def _decided(self, parcel: Parcel) -> bool:
        """Whether the log already settles this parcel (sent, confirmed, or unknown)."""
        entry, email, shown = parcel.entry, parcel.person.email.lower(), parcel.shown
        if entry is None:
            return False
        if (email in self.options.mark_sent and entry.status not in sendlog.DONE
                and not self.options.dry_run and self.log is not None):
            self.log.record(replace(entry, status=sendlog.CONFIRMED, time=now(),
                                    error=f"confirmado a mano (antes: {entry.status})"),
                            sendlog.CONFIRMED, "marcado con --mark-sent")
            self.console.echo(f"confirmado a mano: {shown}")
            self.tally.add(ALREADY)
            return True
        if self._forced(parcel):
            return False
        if entry.status in sendlog.DONE:
            if entry.document != parcel.digest:
                self.console.warn(f"aviso: {shown} (recibió una versión anterior del "
                                  f"documento; para enviarle esta use --resend "
                                  f"{parcel.person.email})")
            self.console.echo(f"ya enviado el {clock.shown(entry.time)}: {shown}")
            self.tally.add(ALREADY)
            return True
        if entry.status in (sendlog.UNKNOWN, sendlog.SENDING):
            self.console.warn(f"desconocido (no se reenvía solo): {shown}: {entry.error}\n  "
                              "Qué hacer: pregunte si llegó; si no, use --resend "
                              f"{parcel.person.email}; si llegó, --mark-sent "
                              f"{parcel.person.email}")
            self.tally.add(sendlog.UNKNOWN, problem=True)
            return True
        return False

    def _forced(self, parcel: Parcel) -> bool:
        return ALL in self.options.resend or parcel.person.email.lower() in self.options.resend

    def _message(self, parcel: Parcel, writer: LetterWriter,
                 files: list[Attachment]) -> tuple[str, bytes] | None:
        """The message for the parcel (its Message-ID and bytes), or None (and the reason
        said) if it is too big."""
        settings, person = self.settings, parcel.person
        letter = writer.letter(person.for_template())
        previous = parcel.entry.message_id if parcel.entry and self._forced(parcel) else ""
        msg_id = message_id("|".join([*parcel.key, person.email, parcel.digest, previous]),
                            settings.sender[1])
        data = encoded(build_message(letter, settings.sender, person, files, msg_id))
        if len(data) <= settings.max_bytes:
            return msg_id, data
        problem = (f"el mensaje pesa {_megabytes(len(data))} con los adjuntos codificados "
                   f"(base64); el máximo es {_megabytes(settings.max_bytes)}")
        hint = "suba send.max_mb en sectorial.toml si su servidor lo acepta"
        if len(files) > 1:
            hint = "adjunte solo el DOCX (envio.adjuntos: [docx]) o " + hint
        self.console.warn(f"error: {parcel.shown}: {problem}\n  Qué hacer: {hint}")
        if self.log is not None and not self.options.dry_run:
            self.log.record(parcel.logged(sendlog.FAILED, msg_id, problem), sendlog.FAILED,
                            problem)
        self.tally.add(sendlog.FAILED, problem=True)
        return None

    def _write_outbox(self, outbox: Path, written: dict[Path, bytes]) -> None:
        for stale in outbox.glob("*.eml") if outbox.is_dir() else ():
            if stale not in written:
                stale.unlink()
        for path in write_all(written):
            self.console.echo(f"escrito: {path}")
            self.tally.add(WRITTEN)

    def _send(self, parcel: Parcel, msg_id: str, data: bytes) -> None:
        """Send one message, retrying temporary failures; record every attempt."""
        from sectorial.mail import smtp

        assert self.log is not None and self.transport is not None
        attempts = parcel.entry.attempts if parcel.entry is not None else 0
        entry = parcel.logged(sendlog.PENDING, msg_id, "", attempts)
        self.log.record(entry)
        tries = 0
        while True:
            self.pacer.wait()
            attempts, tries = attempts + 1, tries + 1
            entry = replace(entry, attempts=attempts)
            sending = replace(entry, status=sendlog.SENDING, time=now())
            outcome = self.transport.deliver(self.settings.sender[1], parcel.person.email,
                                             parcel.person.cc, data,
                                             lambda: self.log.record(sending))  # type: ignore[union-attr]  # noqa: B023
            if not isinstance(outcome, smtp.Temporary):
                self._settle(parcel, entry, outcome)
                return
            if not self._retry(parcel, entry, outcome, tries):
                return

    def _settle(self, parcel: Parcel, entry: Entry, outcome: object) -> None:
        """Record a final answer of the server: delivered, refused, or unknown."""
        from sectorial.mail import smtp

        assert self.log is not None
        shown, email, reply = parcel.shown, parcel.person.email, outcome.reply  # type: ignore[attr-defined]
        if isinstance(outcome, smtp.Delivered):
            note = "; ".join(f"copia rechazada {a}: {r}" for a, r in outcome.refused_cc.items())
            self.log.record(replace(entry, status=sendlog.SENT, time=now(), error=note),
                            sendlog.SENT, reply)
            self.console.echo(f"enviado: {shown}")
            if note:
                self.console.warn(f"aviso: {shown}: {note}")
            self.tally.add(sendlog.SENT)
        elif isinstance(outcome, smtp.Unknown):
            self.log.record(replace(entry, status=sendlog.UNKNOWN, time=now(), error=reply),
                            sendlog.UNKNOWN, reply)
            self.console.warn(f"desconocido: {shown}: {reply}\n  Qué hacer: no se reenvía "
                              "solo, pues podría llegar dos veces; pregunte si llegó y use "
                              f"--resend {email} o --mark-sent {email}")
            self.tally.add(sendlog.UNKNOWN, problem=True)
        else:
            self.log.record(replace(entry, status=sendlog.FAILED, time=now(), error=reply),
                            sendlog.FAILED, reply)
            self.console.warn(f"error: {shown}: el servidor lo rechazó ({reply}); no se "
                              "reintenta\n  Qué hacer: corrija la dirección en la lista y "
                              "ejecute de nuevo")
            self.tally.add(sendlog.FAILED, problem=True)

    def _retry(self, parcel: Parcel, entry: Entry, outcome: object, tries: int) -> bool:
        """After a temporary failure: record it, and wait to try again (True) or give up."""
        assert self.log is not None
        reply, settings = outcome.reply, self.settings  # type: ignore[attr-defined]
        self.log.record(replace(entry, error=reply, time=now()), sendlog.PENDING, reply)
        if tries > settings.retries:
            self.console.warn(f"pendiente: {parcel.shown}: {reply}; se intentó {tries} "
                              "veces\n  Qué hacer: ejecute de nuevo la orden más tarde: solo "
                              "se envía lo pendiente")
            self.tally.add(sendlog.PENDING, problem=True)
            if outcome.connecting:  # type: ignore[attr-defined]
                raise SectorialError(
                    f"no se pudo conectar con el servidor de correo: {reply}",
                    hint="verifique host y port en sectorial.toml y la red; al ejecutar de "
                    "nuevo solo se envía lo pendiente")
            return False
        wait = settings.backoff_seconds * 2 ** (tries - 1)
        self.console.echo(f"reintento {tries} de {settings.retries} en {wait:g} s: "
                          f"{parcel.shown}: {reply}")
        time.sleep(wait)
        return True


def _megabytes(size: int) -> str:
    """12.3 MB; under 1 MB with two decimals (0.11 MB)."""
    mb = size / 1048576
    return f"{mb:.1f} MB" if mb >= 1 else f"{mb:.2f} MB"
