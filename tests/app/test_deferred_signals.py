"""A signal that lands while a compiled library is being imported waits for the import to
end: interrupted halfway, pikepdf's import aborted the whole process (exit 134, a C++
traceback) instead of the clean "interrumpido"."""

from __future__ import annotations

import os
import signal

import pytest

from sectorial import interrupts


def test_a_signal_inside_deferred_is_raised_when_the_block_ends():
    reached_end = False
    with pytest.raises(KeyboardInterrupt), interrupts.handled():
        with interrupts.deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            reached_end = True  # the import would go on to its end
    assert reached_end and interrupts.received()


def test_without_deferred_the_signal_stops_at_once():
    reached = False
    with pytest.raises(KeyboardInterrupt), interrupts.handled():
        os.kill(os.getpid(), signal.SIGTERM)
        reached = True
    assert not reached
