"""The values of the command line's options, checked as argparse reads them: a wrong one
is a usage error (exit 2) that says what to write instead."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sectorial.periods import Period


def period(text: str) -> Period:
    from sectorial.periods import PERIOD_HELP, Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(f"{exc}: {PERIOD_HELP}") from exc


def formats(text: str) -> tuple[str, ...]:
    from sectorial.formats import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"formato no válido '{text}': use " + ", ".join(FORMATS.names())
            + " separados por comas")
    return chosen


def port(text: str) -> int:
    if text.strip().isdigit() and int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(f"puerto no válido '{text}': escriba un número del 0 al "
                                     "65535, p. ej. --port 8765")


def cluster(text: str) -> str:
    if re.fullmatch(r"(tcp|tls|ws|wss|inproc)://[^\s/:]+(:\d+)?", text.strip()):
        return text.strip()
    raise argparse.ArgumentTypeError(
        f"dirección de clúster no válida '{text}': escriba tcp://HOST:PUERTO, p. ej. "
        "tcp://10.0.0.5:8786")


def jobs(text: str) -> int:
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise argparse.ArgumentTypeError(f"número de procesos no válido '{text}': use 1, 2, 3…")


def only(text: str) -> tuple[str, str]:
    column, equals, value = text.partition("=")
    if not equals or not column.strip() or not value.strip():
        raise argparse.ArgumentTypeError(
            f"selección no válida '{text}': escriba COLUMNA=VALOR, p. ej. --only region=Junín")
    return column.strip(), value.strip()
