"""The office's clock: the times sectorial writes down (a send, an archived PDF) and shows
are in the office's time zone, ``[oficina] zona_horaria`` of ``sectorial.toml``
(``America/Lima`` unless configured), not the server's, which is often UTC.

A command that writes or shows times calls ``configure`` once, with the brief or folder it
works on; the times are kept with their offset (``2026-12-02T10:15:00-05:00``), so a log
read from another zone stays right.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sectorial.settings import DEFAULT_ZONE, SettingsError, locate, read_settings

_ZONE: list[tzinfo] = []


def configure(near: Path | None = None, named: Path | None = None,
              environ: Mapping[str, str] | None = None) -> tzinfo:
    """Take the office's zone from the settings found near ``near`` (or named); an unknown
    zone is an error that names where it was written."""
    found, errors = read_settings(locate(near, named), environ)
    for problem in errors:  # the mail's keys are `send`'s business
        where = problem.where
        if where and ((where.field or "").startswith("oficina")
                      or where.file.startswith("variable SECTORIAL_OFICINA_")):
            raise problem
    name = str(found.values["oficina"]["zona_horaria"]).strip()
    try:
        zone: tzinfo = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(f"zona horaria desconocida '{name}'",
                            found.where("oficina", "zona_horaria"),
                            "use un nombre IANA, p. ej. America/Lima o America/Bogota") from exc
    _ZONE[:] = [zone]
    return zone


def zone() -> tzinfo:
    """The office's zone: the one configured, ``America/Lima`` before any."""
    if not _ZONE:
        _ZONE.append(ZoneInfo(DEFAULT_ZONE))
    return _ZONE[0]


def now() -> str:
    """This moment in the office's zone, to the second, with its offset."""
    return datetime.now(zone()).isoformat(timespec="seconds")


def shown(stamp: str) -> str:
    """A time written down, as a message shows it: in the office's zone, to the minute.

    >>> _ZONE[:] = [ZoneInfo("America/Lima")]
    >>> shown("2026-12-02T15:20:31+00:00")
    '2026-12-02 10:20'
    >>> shown("2026-12-02T10:20:31")  # written before times had an offset: as it is
    '2026-12-02 10:20'
    """
    try:
        when = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)[:16].replace("T", " ")
    if when.tzinfo is not None:
        when = when.astimezone(zone())
    return when.strftime("%Y-%m-%d %H:%M")
