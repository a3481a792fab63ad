"""``sectorial send``: build the documents, then mail each one to its list, exactly once.

Order of work, so that nothing is sent unless everything is right:
1. plan the documents (one per region for a ``por_cada`` brief) and read the settings;
2. read and check every distribution list (a bad address stops the brief, naming the row);
3. build the documents (unchanged ones are not rebuilt); a document that fails is not sent;
   each is composed once, and its letters are written from that composition;
4. for each document and recipient, the ``Delivery`` looks up the send log: what was
   delivered is skipped, what is ``desconocido`` waits for a person; the rest is sent.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from sectorial import batch
from sectorial.brief.model import Brief
from sectorial.console import Console
from sectorial.errors import BriefError, Location, SectorialError, raise_all
from sectorial.formats import FORMATS
from sectorial.mail import log as sendlog
from sectorial.mail.delivery import NOT_SENT, Delivery, Options, Pacer, Tally, attachments
from sectorial.mail.letter import LetterWriter
from sectorial.mail.log import SendLog
from sectorial.mail.recipients import Recipient, load_recipients
from sectorial.mail.settings import load_settings
from sectorial.mail.status import send_lock, status

if TYPE_CHECKING:
    from sectorial.pipeline import Composed

__all__ = ["Options", "Pacer", "check_mailing", "send", "status"]
Lists = dict[batch.Job, list[Recipient]]


def send(selection: batch.Selection, options: Options, console: Console) -> int:
    """Send what is due; return the exit code (0 only if every message is delivered)."""
    start = time.perf_counter()
    tally = Tally()
    settings = load_settings(options.config, need_server=not options.dry_run,
                             near=selection.targets[0])
    console.echo(settings.source)
    plan = batch.plan(selection.targets, selection.period, selection.only, options.out_dir)
    for outcome in plan.outcomes:
        if outcome.status == batch.FAILED:
            console.warn(f"error en {outcome.job.label}: {outcome.message}\n  No se envía.")
            tally.add(NOT_SENT, problem=True)
        else:
            console.echo(batch.outcome_line(outcome))
    lists = _lists(plan.jobs, options, console, tally)
    ready = _built([job for job in plan.jobs if lists.get(job)], options, console, tally)
    if ready:
        try:
            _deliver_all(ready, lists, Delivery(settings, options, None, console, tally))
        except SectorialError as exc:  # the server cannot be used: stop, say what was done
            console.warn(f"error: {exc}")
            tally.problems += 1
    console.echo(tally.summary(time.perf_counter() - start))
    return 1 if tally.problems else 0


def _built(jobs: list[batch.Job], options: Options, console: Console,
           tally: Tally) -> dict[batch.Job, Composed | None]:
    """Build the documents; those that fail are not sent. Each built one keeps its
    composition (an unchanged one, skipped without composing, has none yet)."""
    with batch.progress_reporter(len(jobs), quiet=console.quiet) as report:
        work = batch.Build(options.out_dir, FORMATS.names(), keep=True)  # the attachments
        built = batch.run(jobs, work, options.workers, report)
    ready: dict[batch.Job, Composed | None] = {}
    for outcome in built:
        if outcome.status == batch.FAILED:
            console.warn(f"no se envía {outcome.job.label}: el documento no se pudo construir")
            tally.add(NOT_SENT, problem=True)
        else:
            ready[outcome.job] = outcome.composed  # type: ignore[assignment]
    return ready


def check_mailing(composed: Composed, out_dir: Path) -> int:
    """For ``check``: read the brief's list and compose its first letter; return how many
    people are on the list (0 when the brief declares no list)."""
    brief = composed.brief
    if brief.mailing is None or brief.mailing.recipients is None:
        return 0
    people = _people(brief, brief.mailing.recipients, out_dir)
    _writer(composed).letter(people[0].for_template())
    return len(people)


def _people(brief: Brief, list_path: Path, out_dir: Path) -> list[Recipient]:
    """The distribution list of a brief, checked against its ``por_cada`` values."""
    column = brief.fan_out.column if brief.fan_out else None
    values = batch.fan_out_values(brief, out_dir) if brief.fan_out else None
    return load_recipients(list_path, column, values)


def _writer(composed: Composed) -> LetterWriter:
    return LetterWriter(composed.brief, composed.indicators, composed.house,
                        composed.document, attachments(composed))


def _lists(jobs: list[batch.Job], options: Options, console: Console, tally: Tally) -> Lists:
    """Each document's recipients; a brief whose list has errors sends nothing."""
    found: Lists = {}
    by_brief: dict[tuple[Path, object], list[batch.Job]] = {}
    for job in jobs:
        by_brief.setdefault((job.brief, job.period), []).append(job)
    for (path, period), group in by_brief.items():
        try:
            brief = batch.brief_of(path, period)  # type: ignore[arg-type]
            list_path = options.recipients_file or (
                brief.mailing.recipients if brief.mailing else None)
            if list_path is None:
                raise BriefError("el informe no dice a quién enviarlo",
                                 Location(str(path), field="envio.destinatarios"),
                                 "agregue 'envio: {destinatarios: ../data/…/destinatarios.csv}'"
                                 " al informe, o indique la lista con --to lista.csv")
            people = _people(brief, list_path, options.out_dir)
        except SectorialError as exc:
            console.warn(f"error en {path.stem}: {exc}\n  No se envía nada de este informe.")
            tally.add(NOT_SENT, problem=True)
            continue
        column = brief.fan_out.column if brief.fan_out else None
        for job in group:
            found[job] = [p for p in people if not column or p.value == job.value]
            if not found[job]:
                console.warn(f"aviso: nadie recibe {job.label}: la lista {list_path} no tiene "
                             f"filas con {column} = {job.value}")
    return found


def _letters(ready: dict[batch.Job, Composed | None], lists: Lists
             ) -> tuple[dict[batch.Job, Composed], dict[batch.Job, LetterWriter]]:
    """Every letter template tried on each document before anything is sent: an error in
    the mail's template stops the send whole, not after the first documents went out."""
    from sectorial.pipeline import Timings, prepare

    composed: dict[batch.Job, Composed] = {}
    writers: dict[batch.Job, LetterWriter] = {}
    errors: list[SectorialError] = []
    for job, done in ready.items():
        try:
            composed[job] = done or prepare(job.brief, job.period, Timings(),
                                            job.value).composed()
            writers[job] = _writer(composed[job])
            writers[job].letter(lists[job][0].for_template())
        except SectorialError as exc:
            if str(exc) not in map(str, errors):
                errors.append(exc)
    raise_all(errors)
    return composed, writers


def _deliver_all(ready: dict[batch.Job, Composed | None], lists: Lists,
                 delivery: Delivery) -> None:
    composed, writers = _letters(ready, lists)
    options = delivery.options
    out_dir = options.out_dir
    if options.dry_run:
        log_context = SendLog.open(out_dir) if (out_dir / sendlog.LOG_FILE).exists() else None
    else:
        log_context = SendLog.open(out_dir)
    with send_lock(out_dir, options.dry_run), (log_context or nullcontext()) as log:
        delivery.log = log
        if log is not None and not options.dry_run:
            for entry in log.interrupted():
                delivery.console.warn(
                    f"desconocido: {entry.brief} ({entry.period}) → {entry.email}: un envío "
                    "anterior se interrumpió antes de la respuesta del servidor; revise con "
                    "--status")
        try:
            for job, done in composed.items():
                delivery.document(done, writers[job], lists[job])
        finally:
            delivery.close()
