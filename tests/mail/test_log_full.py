"""A send log that cannot be written (a full disk) stops with a message, not a traceback."""

from __future__ import annotations

import pytest

from sectorial.errors import SectorialError
from sectorial.mail.log import SENDING, Entry, SendLog


def test_a_full_disk_under_the_send_log_is_a_message(tmp_path):
    with SendLog.open(tmp_path) as log:
        pages = log.db.execute("PRAGMA page_count").fetchone()[0]
        log.db.execute(f"PRAGMA max_page_count={pages}")  # what a full disk does to SQLite
        entry = Entry("informe", "2025-09", "Junín", "ana@example.org", "Ana", SENDING, "",
                      "", "x" * 20_000, 1, "", "")
        with pytest.raises(SectorialError) as caught:
            for _ in range(20):
                log.record(entry, "enviando", "y" * 20_000)
    message = str(caught.value)
    assert "registro de envíos" in message and "ana@example.org" in message
    assert "full" in message and "libere espacio" in message
