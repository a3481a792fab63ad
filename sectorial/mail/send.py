"""``sectorial send``: build the documents, then mail each one to its list, exactly once.

Order of work, so that nothing is sent unless everything is right:
1. plan the documents (one per region for a ``por_cada`` brief) and read the settings;
2. read and check every distribution list (a bad address stops the brief, naming the row);
3. build the documents (unchanged ones are not rebuilt); a document that fails is not sent;
4. for each document and recipient, look up the send log: what was delivered is skipped,
   what is ``desconocido`` waits for a person; the rest is sent, paced, with retries for
   temporary failures, every step recorded before the next.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sectorial import batch
from sectorial.brief.model import Brief
from sectorial.console import text_table
from sectorial.errors import BriefError, Location, SectorialError, raise_all
from sectorial.files import write_all
from sectorial.mail import log as sendlog
from sectorial.mail.letter import LetterWriter
from sectorial.mail.log import Entry, SendLog, now
from sectorial.mail.message import Attachment, build_message, encoded, message_id
from sectorial.mail.recipients import Recipient, load_recipients
from sectorial.mail.settings import MailSettings, load_settings
from sectorial.periods import Period

if TYPE_CHECKING:
    from sectorial.build import Prepared
    from sectorial.mail.smtp import Transport

OUTBOX = "outbox"
ALL = "todos"
WRITTEN, ALREADY, NOT_SENT = "escrito", "ya enviado", "no enviado"
LOCK_FILE = "envio.lock"


@dataclass
class Options:
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


def send(targets: list[Path], period: Period | None, only: dict[str, str], out_dir: Path,
         options: Options, echo: Callable[[str], None], warn: Callable[[str], None]) -> int:
    """Send what is due; return the exit code (0 only if every message is delivered)."""
    start = time.perf_counter()
    tally = Tally()
    settings = load_settings(options.config, need_server=not options.dry_run)
    plan = batch.plan(targets, period, only, out_dir)
    for outcome in plan.outcomes:
        if outcome.status == batch.FAILED:
            warn(f"error en {outcome.job.label}: {outcome.message}\n  No se envía.")
            tally.add(NOT_SENT, problem=True)
        else:
            echo(batch.outcome_line(outcome))
    lists = _lists(plan.jobs, options.recipients_file, out_dir, warn, tally)
    jobs = [job for job in plan.jobs if lists.get(job)]
    with batch.progress_reporter(len(jobs), sys.stdout) as report:
        built = batch.run(jobs, batch.Build(out_dir, ("docx", "pdf"), keep=True),
                          options.workers, report)
    ready = []
    for outcome in built:
        if outcome.status == batch.FAILED:
            warn(f"no se envía {outcome.job.label}: el documento no se pudo construir")
            tally.add(NOT_SENT, problem=True)
        else:
            ready.append(outcome.job)
    if ready:
        try:
            _deliver_all(ready, lists, out_dir, settings, options, echo, warn, tally)
        except SectorialError as exc:  # the server cannot be used: stop, say what was done
            warn(f"error: {exc}")
            tally.problems += 1
    echo(tally.summary(time.perf_counter() - start))
    return 1 if tally.problems else 0


def check_mailing(prepared: Prepared, out_dir: Path) -> int:
    """For ``check``: read the brief's list and compose its first letter; return how many
    people are on the list (0 when the brief declares no list)."""
    brief = prepared.brief
    if brief.mailing is None or brief.mailing.recipients is None:
        return 0
    people = _people(brief, brief.mailing.recipients, out_dir)
    _writer(prepared).letter(people[0].for_template())
    return len(people)


def _people(brief: Brief, list_path: Path, out_dir: Path) -> list[Recipient]:
    """The distribution list of a brief, checked against its ``por_cada`` values."""
    column = brief.fan_out.column if brief.fan_out else None
    values = batch.fan_out_values(brief, out_dir) if brief.fan_out else None
    return load_recipients(list_path, column, values)


def _attachments(prepared: Prepared) -> list[str]:
    """The file names the brief sends: the DOCX, and the PDF if ``envio.adjuntos`` says so."""
    mailing = prepared.brief.mailing
    kinds = mailing.attachments if mailing else ("docx",)
    return [f"{prepared.document.name}.{kind}" for kind in kinds]


def _writer(prepared: Prepared) -> LetterWriter:
    return LetterWriter(prepared.brief, prepared.indicators, prepared.house,
                        prepared.document, _attachments(prepared))


def _lists(jobs: list[batch.Job], override: Path | None, out_dir: Path,
           warn: Callable[[str], None], tally: Tally) -> dict[batch.Job, list[Recipient]]:
    """Each document's recipients; a brief whose list has errors sends nothing."""
    found: dict[batch.Job, list[Recipient]] = {}
    by_brief: dict[tuple[Path, Period | None], list[batch.Job]] = {}
    for job in jobs:
        by_brief.setdefault((job.brief, job.period), []).append(job)
    for (path, period), group in by_brief.items():
        try:
            brief = batch.brief_of(path, period)
            list_path = override or (brief.mailing.recipients if brief.mailing else None)
            if list_path is None:
                raise BriefError("el informe no dice a quién enviarlo",
                                 Location(str(path), field="envio.destinatarios"),
                                 "agregue 'envio: {destinatarios: ../data/…/destinatarios.csv}'"
                                 " al informe, o indique la lista con --to lista.csv")
            column = brief.fan_out.column if brief.fan_out else None
            people = _people(brief, list_path, out_dir)
        except SectorialError as exc:
            warn(f"error en {path.stem}: {exc}\n  No se envía nada de este informe.")
            tally.add(NOT_SENT, problem=True)
            continue
        for job in group:
            found[job] = [p for p in people if not column or p.value == job.value]
            if not found[job]:
                warn(f"aviso: nadie recibe {job.label}: la lista {list_path} no tiene filas "
                     f"con {column} = {job.value}")
    return found


def _deliver_all(jobs: list[batch.Job], lists: dict[batch.Job, list[Recipient]],
                 out_dir: Path, settings: MailSettings, options: Options,
                 echo: Callable[[str], None], warn: Callable[[str], None],
                 tally: Tally) -> None:
    from sectorial.build import Timings, prepare

    # Every letter template is tried on each document before anything is sent: an error
    # in the mail's template stops the send whole, not after the first documents went out.
    prepared: dict[batch.Job, Prepared] = {}
    writers: dict[batch.Job, LetterWriter] = {}
    errors: list[SectorialError] = []
    for job in jobs:
        try:
            prepared[job] = prepare(job.brief, job.period, Timings(), job.value)
            writers[job] = _writer(prepared[job])
            writers[job].letter(lists[job][0].for_template())
        except SectorialError as exc:
            if str(exc) not in map(str, errors):
                errors.append(exc)
    raise_all(errors)
    from sectorial.mail.smtp import Transport

    if options.dry_run:
        log_context = SendLog.open(out_dir) if (out_dir / sendlog.LOG_FILE).exists() else None
    else:
        log_context = SendLog.open(out_dir)
    with _SendLock(out_dir, options.dry_run), (log_context or nullcontext()) as log:
        if log is not None and not options.dry_run:
            for entry in log.interrupted():
                warn(f"desconocido: {entry.brief} ({entry.period}) → {entry.email}: un envío "
                     "anterior se interrumpió antes de la respuesta del servidor; revise con "
                     "--status")
        transport = None if options.dry_run else Transport(settings)
        pacer = Pacer(settings.per_minute)
        try:
            for job in jobs:
                _deliver_job(prepared[job], writers[job], lists[job], out_dir, settings,
                             options, log, transport, pacer, echo, warn, tally)
        finally:
            if transport is not None:
                transport.close()


def _deliver_job(prepared: Prepared, writer: LetterWriter, people: list[Recipient],
                 out_dir: Path, settings: MailSettings, options: Options,
                 log: SendLog | None, transport: Transport | None, pacer: Pacer,
                 echo: Callable[[str], None], warn: Callable[[str], None],
                 tally: Tally) -> None:
    from sectorial.files import file_digest

    brief, document = prepared.brief, prepared.document
    names = _attachments(prepared)
    attachments = [Attachment(name, (out_dir / name).read_bytes()) for name in names]
    docx_digest = file_digest(out_dir / names[0])
    key = (brief.path.stem, str(brief.period), brief.value or "")
    outbox = out_dir / OUTBOX / document.name
    written: dict[Path, bytes] = {}
    for person in people:
        shown = f"{document.name} → {person.name} <{person.email}>"
        entry = log.entry(*key, person.email) if log is not None else None
        forced = ALL in options.resend or person.email.lower() in options.resend
        if (entry is not None and person.email.lower() in options.mark_sent
                and entry.status not in sendlog.DONE and not options.dry_run):
            assert log is not None
            log.record(replace(entry, status=sendlog.CONFIRMED, time=now(),
                               error=f"confirmado a mano (antes: {entry.status})"),
                       sendlog.CONFIRMED, "marcado con --mark-sent")
            echo(f"confirmado a mano: {shown}")
            tally.add(ALREADY)
            continue
        if entry is not None and not forced:
            if entry.status in sendlog.DONE:
                note = ""
                if entry.document != docx_digest:
                    note = (" (recibió una versión anterior del documento; para enviarle esta "
                            f"use --resend {person.email})")
                    warn(f"aviso: {shown}{note}")
                echo(f"ya enviado el {entry.time[:16].replace('T', ' ')}: {shown}")
                tally.add(ALREADY)
                continue
            if entry.status in (sendlog.UNKNOWN, sendlog.SENDING):
                warn(f"desconocido (no se reenvía solo): {shown}: {entry.error}\n  Qué hacer: "
                     "pregunte si llegó; si no, use --resend "
                     f"{person.email}; si llegó, --mark-sent {person.email}")
                tally.add(sendlog.UNKNOWN, problem=True)
                continue
        letter = writer.letter(person.for_template())
        previous = entry.message_id if entry is not None and forced else ""
        msg_id = message_id("|".join([*key, person.email, docx_digest, previous]),
                            settings.sender[1])
        data = encoded(build_message(letter, settings.sender, person, attachments, msg_id))
        if len(data) > settings.max_bytes:
            problem = (f"el mensaje pesa {_megabytes(len(data))} con los adjuntos codificados "
                       f"(base64); el máximo es {_megabytes(settings.max_bytes)}")
            hint = "suba send.max_mb en sectorial.toml si su servidor lo acepta"
            if len(names) > 1:
                hint = "adjunte solo el DOCX (envio.adjuntos: [docx]) o " + hint
            warn(f"error: {shown}: {problem}\n  Qué hacer: {hint}")
            if log is not None and not options.dry_run:
                log.record(_entry(key, person, sendlog.FAILED, msg_id, problem, 0,
                                  docx_digest, names[0]), sendlog.FAILED, problem)
            tally.add(sendlog.FAILED, problem=True)
            continue
        if options.dry_run:
            written[outbox / f"{person.email}.eml"] = data
            continue
        assert log is not None and transport is not None
        _deliver_one(data, key, person, msg_id, docx_digest, names[0], entry, settings, log,
                     transport, pacer, shown, echo, warn, tally)
    if options.dry_run and written:
        for stale in outbox.glob("*.eml") if outbox.is_dir() else ():
            if stale not in written:
                stale.unlink()
        for path in write_all(written):
            echo(f"escrito: {path}")
            tally.add(WRITTEN)


def _megabytes(size: int) -> str:
    """12.3 MB; under 1 MB with two decimals (0.11 MB)."""
    mb = size / 1048576
    return f"{mb:.1f} MB" if mb >= 1 else f"{mb:.2f} MB"


def _entry(key: tuple[str, str, str], person: Recipient, status: str, msg_id: str,
           error: str, attempts: int, digest: str, file: str) -> Entry:
    return Entry(*key, person.email, person.name, status, now(), msg_id, error, attempts,
                 digest, file)


def _deliver_one(data: bytes, key: tuple[str, str, str], person: Recipient, msg_id: str,
                 digest: str, file: str, previous: Entry | None, settings: MailSettings,
                 log: SendLog, transport: Transport, pacer: Pacer, shown: str,
                 echo: Callable[[str], None], warn: Callable[[str], None],
                 tally: Tally) -> None:
    from sectorial.mail import smtp

    attempts = previous.attempts if previous is not None else 0
    entry = _entry(key, person, sendlog.PENDING, msg_id, "", attempts, digest, file)
    log.record(entry)
    tries = 0
    while True:
        pacer.wait()
        attempts, tries = attempts + 1, tries + 1
        entry = replace(entry, attempts=attempts)
        sending = replace(entry, status=sendlog.SENDING, time=now())
        outcome = transport.deliver(settings.sender[1], person.email, person.cc, data,
                                    lambda: log.record(sending))  # noqa: B023
        if isinstance(outcome, smtp.Delivered):
            note = "; ".join(f"copia rechazada {a}: {r}" for a, r in outcome.refused_cc.items())
            log.record(replace(entry, status=sendlog.SENT, time=now(), error=note),
                       sendlog.SENT, outcome.reply)
            echo(f"enviado: {shown}")
            if note:
                warn(f"aviso: {shown}: {note}")
            tally.add(sendlog.SENT)
            return
        if isinstance(outcome, smtp.Unknown):
            log.record(replace(entry, status=sendlog.UNKNOWN, time=now(), error=outcome.reply),
                       sendlog.UNKNOWN, outcome.reply)
            warn(f"desconocido: {shown}: {outcome.reply}\n  Qué hacer: no se reenvía solo, "
                 "pues podría llegar dos veces; pregunte si llegó y use --resend "
                 f"{person.email} o --mark-sent {person.email}")
            tally.add(sendlog.UNKNOWN, problem=True)
            return
        if isinstance(outcome, smtp.Permanent):
            log.record(replace(entry, status=sendlog.FAILED, time=now(), error=outcome.reply),
                       sendlog.FAILED, outcome.reply)
            warn(f"error: {shown}: el servidor lo rechazó ({outcome.reply}); no se "
                 "reintenta\n  Qué hacer: corrija la dirección en la lista y ejecute de nuevo")
            tally.add(sendlog.FAILED, problem=True)
            return
        log.record(replace(entry, error=outcome.reply, time=now()), sendlog.PENDING,
                   outcome.reply)
        if tries > settings.retries:
            warn(f"pendiente: {shown}: {outcome.reply}; se intentó {tries} veces\n  Qué "
                 "hacer: ejecute de nuevo la orden más tarde: solo se envía lo pendiente")
            tally.add(sendlog.PENDING, problem=True)
            if outcome.connecting:
                raise SectorialError(
                    f"no se pudo conectar con el servidor de correo: {outcome.reply}",
                    hint="verifique host y port en sectorial.toml y la red; al ejecutar de "
                    "nuevo solo se envía lo pendiente")
            return
        wait = settings.backoff_seconds * 2 ** (tries - 1)
        echo(f"reintento {tries} de {settings.retries} en {wait:g} s: {shown}: "
             f"{outcome.reply}")
        time.sleep(wait)


class _SendLock:
    """One send at a time per output folder: two at once could both send a message."""

    def __init__(self, out_dir: Path, dry_run: bool):
        self.path = out_dir / batch.STATE_DIR / LOCK_FILE
        self.active = not dry_run
        self.held = False

    def __enter__(self) -> None:
        if not self.active:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                handle = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if _alive(self.path):
                    raise SectorialError(
                        "otro envío está en curso en esta carpeta de salida",
                        Location(str(self.path)),
                        "espere a que termine; si no hay otro, borre este archivo") from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(handle, "w") as stream:
                stream.write(str(os.getpid()))
            self.held = True
            return

    def __exit__(self, *exc: object) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)


def _alive(path: Path) -> bool:
    """Whether the process that wrote the lock still runs."""
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, 0)
    except PermissionError:
        return True  # it runs, as another user
    except (OSError, ValueError):
        return False
    return pid != os.getpid()


def status(targets: list[Path], period: Period | None, out_dir: Path,
           echo: Callable[[str], None]) -> int:
    """Print the send log of the briefs named: who got what, when, what failed."""
    names = [path.stem for path in batch.brief_files(targets)]
    if not (out_dir / sendlog.LOG_FILE).exists():
        echo(f"no hay envíos registrados en {out_dir / sendlog.LOG_FILE}")
        return 0
    with SendLog.open(out_dir) as log:
        entries = [e for name in names
                   for e in log.entries(name, str(period) if period else None)]
    if not entries:
        echo("no hay envíos registrados de " + ", ".join(names)
             + (f" para {period}" if period else ""))
        return 0
    header = ("informe", "periodo", "valor", "destinatario", "estado", "hora", "intentos",
              "detalle")
    rows = [(e.brief, e.period, e.value or "-", f"{e.name} <{e.email}>", e.status,
             e.time[:16].replace("T", " "), str(e.attempts), e.error or "-") for e in entries]
    for line in text_table(header, rows):
        echo(line)
    counts = Counter(entry.status for entry in entries)
    echo("total: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    undecided = [e for e in entries if e.status in (sendlog.UNKNOWN, sendlog.SENDING)]
    if undecided:
        echo("\nPor decidir (pudieron llegar o no; no se reenvían solos):")
        for e in undecided:
            value = f", {e.value}" if e.value else ""
            echo(f"- {e.email} ({e.brief} {e.period}{value}), Message-ID {e.message_id}: "
                 f"{e.error}")
        echo("  Pregunte al destinatario o busque el Message-ID en el servidor. Si no llegó: "
             "sectorial send INFORME --period P --resend CORREO; si llegó: --mark-sent CORREO")
    return 0
