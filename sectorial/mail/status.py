"""What may be sent now: one send at a time per output folder, and the log as a table."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from sectorial import batch
from sectorial.console import Console, text_table
from sectorial.errors import Location, SectorialError
from sectorial.mail import log as sendlog
from sectorial.mail.log import SendLog
from sectorial.periods import Period

LOCK_FILE = "envio.lock"


class SendLock:
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
           console: Console) -> int:
    """Print the send log of the briefs named: who got what, when, what failed."""
    names = [path.stem for path in batch.brief_files(targets)]
    if not (out_dir / sendlog.LOG_FILE).exists():
        console.echo(f"no hay envíos registrados en {out_dir / sendlog.LOG_FILE}")
        return 0
    with SendLog.open(out_dir) as log:
        entries = [e for name in names
                   for e in log.entries(name, str(period) if period else None)]
    if not entries:
        console.echo("no hay envíos registrados de " + ", ".join(names)
             + (f" para {period}" if period else ""))
        return 0
    header = ("informe", "periodo", "valor", "destinatario", "estado", "hora", "intentos",
              "detalle")
    rows = [(e.brief, e.period, e.value or "-", f"{e.name} <{e.email}>", e.status,
             e.time[:16].replace("T", " "), str(e.attempts), e.error or "-") for e in entries]
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
