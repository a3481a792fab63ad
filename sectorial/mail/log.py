"""The send log: one row per (brief, period, document, recipient), in SQLite.

A row is written before anything goes to the server and updated after each attempt, each
change committed at once: a crash at any moment leaves a row that says what is known.
``enviando`` marks a message whose data was handed to the server without an answer yet;
found at the start of a run it means the process died there: it becomes ``desconocido``
and is never resent automatically (the server may have delivered it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from sectorial import clock
from sectorial.errors import Location, SectorialError

LOG_FILE = "envios.sqlite"
SENT, FAILED, PENDING, UNKNOWN, SENDING = (
    "enviado", "fallido", "pendiente", "desconocido", "enviando")
CONFIRMED = "confirmado"  # a person checked that an unknown message arrived
DONE = (SENT, CONFIRMED)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS envios (
    informe TEXT NOT NULL,
    periodo TEXT NOT NULL,
    valor TEXT NOT NULL DEFAULT '',
    correo TEXT NOT NULL,
    nombre TEXT NOT NULL DEFAULT '',
    estado TEXT NOT NULL,
    hora TEXT NOT NULL,
    message_id TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    intentos INTEGER NOT NULL DEFAULT 0,
    documento TEXT NOT NULL DEFAULT '',
    archivo TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (informe, periodo, valor, correo)
);
CREATE TABLE IF NOT EXISTS intentos (
    id INTEGER PRIMARY KEY,
    informe TEXT NOT NULL,
    periodo TEXT NOT NULL,
    valor TEXT NOT NULL,
    correo TEXT NOT NULL,
    hora TEXT NOT NULL,
    resultado TEXT NOT NULL,
    detalle TEXT NOT NULL DEFAULT ''
);
"""


@dataclass(frozen=True)
class Entry:
    brief: str
    period: str
    value: str
    email: str
    name: str
    status: str
    time: str
    message_id: str
    error: str
    attempts: int
    document: str  # SHA-256 of the DOCX sent
    file: str


def now() -> str:
    return clock.now()


class SendLog:
    """The log of one output folder; open it with ``SendLog.open(out_dir)``."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.db = connection
        self.path = path

    @classmethod
    @contextmanager
    def open(cls, out_dir: Path) -> Iterator[SendLog]:
        path = out_dir / LOG_FILE
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise SectorialError(
                f"no se puede abrir el registro de envíos ({exc})", Location(str(path)),
                "si el archivo está dañado, muévalo a otra carpeta: se creará uno nuevo (y "
                "conserve el dañado: dice a quién ya se envió)") from exc
        try:
            yield cls(db, path)
        finally:
            db.close()

    def entry(self, brief: str, period: str, value: str, email: str) -> Entry | None:
        """The row of one person's document; the address compared without case, as the
        list's duplicate check compares it (a list re-saved as "Ana@Example.ORG" is still
        Ana's: sent once)."""
        row = self.db.execute(
            "SELECT * FROM envios WHERE informe=? AND periodo=? AND valor=? "
            "AND lower(correo)=lower(?) ORDER BY hora LIMIT 1",
            (brief, period, value, email)).fetchone()
        return Entry(*row) if row else None

    def entries(self, brief: str | None = None, period: str | None = None) -> list[Entry]:
        query, args = "SELECT * FROM envios WHERE 1=1", []
        if brief is not None:
            query += " AND informe=?"
            args.append(brief)
        if period is not None:
            query += " AND periodo=?"
            args.append(period)
        rows = self.db.execute(query + " ORDER BY informe, periodo, valor, hora, correo", args)
        return [Entry(*row) for row in rows]

    def record(self, entry: Entry, result: str = "", detail: str = "") -> None:
        """Write the row (insert or replace) and, if given, the attempt; commit at once.
        A log that cannot be written (a full disk) stops the sending with a message."""
        try:
            self._record(entry, result, detail)
        except sqlite3.Error as exc:
            raise SectorialError(
                f"no se puede escribir en el registro de envíos ({exc}): el envío a "
                f"{entry.email} no quedó anotado como '{entry.status}'",
                Location(str(self.path)),
                "libere espacio en el disco (o dé permiso de escritura en la carpeta) y "
                "ejecute de nuevo; revise antes en el buzón de salida si ese correo salió",
            ) from exc

    def _record(self, entry: Entry, result: str, detail: str) -> None:
        with self.db:  # one transaction: the row and its attempt together
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("INSERT OR REPLACE INTO envios VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            (entry.brief, entry.period, entry.value, entry.email, entry.name,
                             entry.status, entry.time, entry.message_id, entry.error,
                             entry.attempts, entry.document, entry.file))
            if result:
                self.db.execute(
                    "INSERT INTO intentos (informe, periodo, valor, correo, hora, resultado, "
                    "detalle) VALUES (?,?,?,?,?,?,?)",
                    (entry.brief, entry.period, entry.value, entry.email, now(), result,
                     detail))

    def interrupted(self) -> list[Entry]:
        """Rows left ``enviando`` by a process that died: now ``desconocido``."""
        found = [Entry(*row) for row in
                 self.db.execute("SELECT * FROM envios WHERE estado=?", (SENDING,))]
        for entry in found:
            self.record(replace(entry, status=UNKNOWN,
                                 error="el envío se interrumpió después de entregar el "
                                       "mensaje al servidor y antes de su respuesta"),
                        UNKNOWN, "proceso interrumpido")
        return found

