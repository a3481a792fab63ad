"""Run one piece of a build in a second process, on a core that would otherwise sit idle.

A forked child inherits everything already in memory (the document, the house style, the fonts),
so nothing is rebuilt or re-imported; only the result travels back, through a pipe. Where
``fork`` does not exist (Windows) or a second process may not be started (a worker of a
batch, or SECTORIAL_DEPURAR=1, which keeps the whole traceback in one process), callers
run the work in their own process instead: ``available()`` says which.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable
from types import GeneratorType
from typing import Any

from sectorial.errors import RenderError, SectorialError

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


START_METHOD = "SECTORIAL_START_METHOD"


def start_method() -> str:
    """How new processes start: ``fork`` where the system has it (they inherit what this
    process has loaded), else ``spawn`` (Windows; each one imports the libraries again).
    The environment variable SECTORIAL_START_METHOD chooses another one the system has
    (``spawn``, ``forkserver``): the tests build with ``spawn`` as Windows would."""
    methods = multiprocessing.get_all_start_methods()
    chosen = os.environ.get(START_METHOD, "").strip()
    if not chosen:
        return "fork" if "fork" in methods else "spawn"
    if chosen not in methods:
        raise SectorialError(f"{START_METHOD}={chosen}: este sistema no tiene ese modo de "
                             "arrancar procesos", hint="use " + ", ".join(methods))
    return chosen


def available() -> bool:
    """Whether work can be handed to a forked process here."""
    return (start_method() == "fork"
            and not multiprocessing.current_process().daemon
            and not os.environ.get("SECTORIAL_DEPURAR")
            and _shared_locks())


@functools.cache
def _shared_locks() -> bool:
    """Whether locks shared between processes work (some containers have no /dev/shm)."""
    try:
        multiprocessing.get_context("fork").Lock()
    except OSError:
        return False
    return True


class Background:
    """``function(*args)`` running in a forked process; ``result()`` waits for its value
    (or raises the exception it raised); ``stop()`` ends it if it is still running.

    A generator function sends each value it yields as soon as it has it: each call of
    ``result()`` returns the next one. With ``inbox``, the function is called with a first
    argument more, ``receive``, which waits for the next value the parent gives ``send``:
    the process can start (and import its libraries) before its work is known."""

    def __init__(self, function: Callable[..., Any], *args: Any, inbox: bool = False) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._outbox = receive = None
        if inbox:
            receive, self._outbox = context.Pipe(duplex=False)
            args = (receive.recv, *args)
        # The child closes its copy of the inbox's writing end: when this process dies, its
        # recv() ends instead of waiting for ever.
        self._process = context.Process(target=_child, args=(send, function, args,
                                                             self._outbox), daemon=True)
        # A signal during the fork would land in the fork hooks of the standard library,
        # which print and drop it: held back here, it arrives once the child exists.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            self._process.start()  # multiprocessing flushes stdout and stderr first
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        send.close()  # the child holds the only writing end: its death ends recv()
        if receive is not None:
            receive.close()  # and the only reading end of its inbox

    def send(self, value: Any) -> None:
        """Give ``value`` to the process (see ``inbox``)."""
        try:
            self._outbox.send(value)  # type: ignore[union-attr]
        except OSError:  # the process ended already: say how, as result() does
            self.result()
            raise RenderError("el proceso auxiliar de la construcción terminó antes de "
                              "recibir su trabajo", hint="ejecute de nuevo; si se repite, "
                              "construya con --jobs 1") from None

    def result(self) -> Any:
        try:
            outcome, payload = self._receive.recv()  # before join: the pipe may be full
        except EOFError:
            self._process.join()
            raise RenderError(
                f"el proceso auxiliar de la construcción terminó sin resultado (código "
                f"{self._process.exitcode})",
                hint="ejecute de nuevo; si se repite, construya con --jobs 1") from None
        if outcome == "error":
            raise payload
        return payload

    def stop(self) -> None:
        """End the process (at once if it is still working) and close the pipe."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()
        if self._outbox is not None:
            self._outbox.close()


def _child(send: Any, function: Callable[..., Any], args: tuple, outbox: Any = None) -> None:
    if outbox is not None:
        outbox.close()
    # The parent answers Ctrl-C and stops this process with SIGTERM, which then simply ends
    # it: it writes no file, so there is nothing to clean up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held back by the fork
    try:
        value = function(*args)
        for item in value if isinstance(value, GeneratorType) else (value,):
            send.send(("ok", item))  # may wait until the parent reads
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        send.send(("error", _portable(exc)))
    send.close()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` itself if it survives the trip through the pipe, else a plain stand-in."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - an exception class pickle cannot rebuild
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
