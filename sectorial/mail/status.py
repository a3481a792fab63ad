"""What may be sent now: one send at a time per output folder, and the log as a table."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

from sectorial import batch, clock
from sectorial.batch.jobs import Selection
from sectorial.console import Console, text_table
from sectorial.errors import Location, SectorialError
from sectorial.files import exclusive
from sectorial.lang.phrases import slug
from sectorial.mail import log as sendlog
from sectorial.mail.log import SendLog

LOCK_FILE = "envio.lock"


def send_lock(out_dir: Path, dry_run: bool) -> contextlib.AbstractContextManager:
    """One send at a time per output folder: two at once could both send a message. The
    lock is the system's (``files.exclusive``): a send that dies frees it. A dry run sends
    nothing and takes none."""
    if dry_run:
        return contextlib.nullcontext()
    path = out_dir / batch.STATE_DIR / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    taken = SectorialError("otro envío está en curso en esta carpeta de salida",
                           Location(str(path)), "espere a que termine")
    return exclusive(path, 0, lambda: taken)


def status(chosen: Selection, out_dir: Path, console: Console) -> int:
    """Print the send log of the briefs named (of the regions or values asked for, if
    any): who got what, when, what failed."""
    names = [path.stem for path in batch.brief_files(list(chosen.targets))]
    period = chosen.period
    if not (out_dir / sendlog.LOG_FILE).exists():
        console.echo(f"no hay envíos registrados en {out_dir / sendlog.LOG_FILE}")
        return 0
    with SendLog.open(out_dir) as log:
        entries = [e for name in names
                   for e in log.entries(name, str(period) if period else None)]
    wanted = {slug(value) for value in chosen.only.values()}
    if wanted:  # every choice must hold (a document has one value of its 'por_cada')
        entries = [e for e in entries if e.value and {slug(e.value)} == wanted]
    if not entries:
        console.echo("no hay envíos registrados de " + ", ".join(names)
                     + (f" para {period}" if period else "")
                     + (" de " + ", ".join(chosen.only.values()) if wanted else ""))
        return 0
    header = ("informe", "periodo", "valor", "destinatario", "estado", "hora", "intentos",
              "detalle")
    rows = [(e.brief, e.period, e.value or "-", f"{e.name} <{e.email}>", e.status,
             clock.shown(e.time), str(e.attempts), e.error or "-") for e in entries]
    for line in text_table(header, rows):
        console.echo(line)
    counts = Counter(entry.status for entry in entries)
    console.echo("total: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    undecided = [e for e in entries if e.status in (sendlog.UNKNOWN, sendlog.SENDING)]
    if undecided:
        console.echo("\nPor decidir (pudieron llegar o no; no se reenvían solos):")
        for e in undecided:
            value = f", {e.value}" if e.value else ""
            console.echo(f"- {e.email} ({e.brief} {e.period}{value}), Message-ID "
                         f"{e.message_id}: {e.error}")
        console.echo("  Pregunte al destinatario o busque el Message-ID en el servidor. Si no "
                     "llegó: sectorial send INFORME --period P --resend CORREO; si llegó: "
                     "--mark-sent CORREO")
    return 0
