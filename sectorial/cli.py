"""The command line: it parses the arguments (``arguments``) and hands them to the command's
module.

Exit codes: 0 success, 1 a problem the user can fix (a Spanish message, no traceback),
2 wrong usage. Each command lives in ``sectorial/app/`` and is imported only when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import signal
import sys
from typing import Any

from sectorial import arguments, interrupts
from sectorial.app import COMMANDS
from sectorial.errors import SectorialError

COLLECT_EVERY = 10_000  # new objects between two collections of the youngest ones
INTERRUPTED = "interrumpido: no se escribió ningún archivo a medias"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = arguments.parse(argv)
    # A build makes many short-lived objects (a chart is thousands): the collector's default
    # pace, every 700 new objects, spent a tenth of each document walking the libraries.
    gc.set_threshold(COLLECT_EVERY, 10, 10)
    with interrupts.handled():
        if _replayed(args):
            return 0
        return _run(args)


def _replayed(args: argparse.Namespace) -> bool:
    """A build with nothing changed since its last run: said again, nothing loaded."""
    from sectorial import replay

    if not replay.replayable(args):
        return False
    try:
        return replay.replayed(args)
    except (OSError, ValueError, KeyError, TypeError):  # a damaged record: build as usual
        return False


def entry() -> int:
    """The ``sectorial`` command: ``main``, never with a traceback. A Ctrl-C outside the
    command's own handling (while the arguments are read, between the command and its
    end) says "interrumpido" and exits with 130; once the command is done, a Ctrl-C while
    the process ends is ignored."""
    sys.stdout = _Quiet(sys.stdout)  # type: ignore[assignment]
    sys.stderr = _Quiet(sys.stderr)  # type: ignore[assignment]  # `2>&1 | head`
    try:
        code = main()
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        code = 130
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)
    # Every file is written and closed, every process joined: what is left is Python
    # taking apart pandas, matplotlib and the rest object by object, a quarter of a
    # second after the work is done. The outputs are flushed; the process ends now.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # `| head` closed it: nothing more to say
        pass
    os._exit(code)


class _Quiet:
    """An output that falls silent once its reader is gone (``sectorial build … 2>&1 |
    head``): the build goes on and writes its files, and nothing is said of it."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # what is buffered goes nowhere
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())
        self._stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _run(args: argparse.Namespace) -> int:
    try:
        return importlib.import_module(COMMANDS[args.command]).run(args)
    except SectorialError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so plainly, keep the detail on request
        if interrupts.received():  # a library turned the interruption into its own error
            print(INTERRUPTED, file=sys.stderr)
            return 130
        if os.environ.get("SECTORIAL_DEPURAR"):
            raise
        print(f"error interno de sectorial ({type(exc).__name__}: {exc}); no se escribió "
              "ningún archivo a medias.\n  Qué hacer: informe este problema; para ver el "
              "detalle ejecute de nuevo con SECTORIAL_DEPURAR=1", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(entry())
