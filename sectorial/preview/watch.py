"""Which files a preview watches, and whether they changed: their size, modification time
and inode, read every quarter of a second (a few stat calls: no watcher thread, and the
same on every platform)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Snapshot = dict[Path, tuple[int, int, int] | None]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The state of each file (``None``: it does not exist, or cannot be read); a folder
    stands for every file in it, as it is now (a file added to it is a change)."""
    found: Snapshot = {}
    for path in _expanded(paths):
        try:
            info = os.stat(path)
            found[path] = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            found[path] = None
    return found


def _expanded(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file())
        else:
            found.append(path)
    return list(dict.fromkeys(found))
