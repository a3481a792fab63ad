"""What one command computes once: file digests and briefs (files do not change under it)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from sectorial.brief.loader import load_brief
from sectorial.brief.model import Brief
from sectorial.periods import Period

_MEMO: dict[tuple, object] = {}


def forget() -> None:
    """Start a new command: what the last one read may have changed."""
    _MEMO.clear()


def file_digest(path: Path) -> str:
    key = ("file", str(path))
    if key not in _MEMO:
        from sectorial.files import file_digest as digest

        _MEMO[key] = digest(path)
    return _MEMO[key]  # type: ignore[return-value]


def once(key: tuple, make: Callable[[], object]) -> object:
    """``make()``, computed once per command for ``key``."""
    if key not in _MEMO:
        _MEMO[key] = make()
    return _MEMO[key]


def brief_of(path: Path, period: Period | None) -> Brief:
    """Read a brief once per command; without a period it is also the brief of its own."""
    key = ("brief", str(path), str(period))
    if key not in _MEMO:
        brief = load_brief(path, period)
        _MEMO[key] = _MEMO.setdefault(("brief", str(path), str(brief.period)), brief)
    return _MEMO[key]  # type: ignore[return-value]


def digest(parts: Iterable[str]) -> str:
    """SHA-256 of texts, each ended so that ("ab", "c") and ("a", "bc") differ."""
    found = hashlib.sha256()
    for part in parts:
        found.update(part.encode("utf-8", "surrogateescape"))
        found.update(b"\0")
    return found.hexdigest()
