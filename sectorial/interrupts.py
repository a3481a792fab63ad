"""Ctrl-C and SIGTERM stop a build the same way, and the stop is remembered.

Both raise KeyboardInterrupt, so that temporary files are removed on the way out. A library
may turn that exception into one of its own when it lands in the middle of its code
(matplotlib does, mid-import: "RuntimeError: Error calling __set_name__…"); ``received()``
lets the caller see that it was an interruption and not a bug.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_received = threading.Event()
_deferring = [0, False]  # open deferred() blocks; whether a signal waits for their end


def _stop(signum: int, frame: object) -> None:
    if _received.is_set():
        return  # a second Ctrl-C: the first one is already stopping everything
    _received.set()
    if _deferring[0]:
        _deferring[1] = True  # raised when the block ends: see deferred()
        return
    raise KeyboardInterrupt


@contextmanager
def deferred() -> Iterator[None]:
    """Hold a signal until the block ends: importing a compiled library (pikepdf,
    matplotlib) must not be interrupted halfway, or the process aborts in C++ with a
    traceback instead of stopping cleanly."""
    _deferring[0] += 1
    try:
        yield
    finally:
        _deferring[0] -= 1
        if not _deferring[0] and _deferring[1]:
            _deferring[1] = False
            raise KeyboardInterrupt


@contextmanager
def handled() -> Iterator[None]:
    """Within this block, SIGINT and SIGTERM raise KeyboardInterrupt and are remembered;
    afterwards a late signal just ends the process, as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    _received.clear()
    previous = {number: signal.signal(number, _stop)
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def received() -> bool:
    """Whether Ctrl-C or SIGTERM arrived during the current ``handled()`` block."""
    return _received.is_set()
