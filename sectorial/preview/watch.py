"""Which files a preview watches, and whether they changed: their size, modification time
and inode, read every quarter of a second (a few stat calls: no watcher thread, and the
same on every platform)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Snapshot = dict[Path, tuple[int, int, int] | None]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The state of each file (``None``: it does not exist, or cannot be read)."""
    found: Snapshot = {}
    for path in paths:
        try:
            info = os.stat(path)
            found[path] = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            found[path] = None
    return found


def watched(brief: Path, data: Iterable[Path], style: Path | None) -> list[Path]:
    """The brief, its data files and every file of its house style's folder."""
    files = [brief, *data]
    if style is not None and style.is_dir():
        files += [path for path in sorted(style.rglob("*")) if path.is_file()]
    return list(dict.fromkeys(files))
