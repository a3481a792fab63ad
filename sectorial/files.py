"""Files in and out: content digests, writing through a temporary name and a rename, and
lock files.

A failed or interrupted write leaves the previous files intact and no partial file.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from sectorial import interrupts
from sectorial.errors import SectorialError


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (content, not dates: a copied file is the same file).
    Only a regular file: a pipe or a link to /dev/zero would be read forever (OSError)."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise OSError(errno.EINVAL, "no es un archivo común", str(path))
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def write_all(
    outputs: Mapping[Path, bytes], modes: Mapping[Path, int] | None = None
) -> tuple[Path, ...]:
    """Write each file through a temporary name and rename it; clean up on any failure.

    Every file is complete on disk before the first rename; ``modes`` gives some files
    other permissions than the usual ones (0o444: read-only, for the archive)."""
    temporaries: list[tuple[Path, Path]] = []
    mode = 0o666 & ~_umask()  # mkstemp creates 0600; outputs get the usual permissions
    path = Path()
    try:
        for path, data in outputs.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.",
                                            suffix=TEMPORARY, dir=path.parent)
            temporaries.append((Path(name), path))
            os.chmod(name, (modes or {}).get(path, mode))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        if interrupts.received():  # a Ctrl-C or SIGTERM a library swallowed (matplotlib
            raise KeyboardInterrupt  # ignores exceptions in its weakref callbacks)
        for temporary, path in temporaries:
            os.replace(temporary, path)
    except OSError as exc:
        raise SectorialError(
            f"no se pudo escribir '{path}' ({_REASONS.get(exc.errno, exc.strerror)})",
            hint="verifique que la carpeta de salida exista y se pueda escribir, o elija otra",
        ) from exc
    finally:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
    return tuple(outputs)


_REASONS = {errno.EACCES: "permiso denegado", errno.EPERM: "permiso denegado",
            errno.EROFS: "el disco es de solo lectura", errno.EISDIR: "es una carpeta",
            errno.ENOSPC: "no queda espacio en el disco", errno.ENOENT: "no existe la carpeta",
            errno.ENOTDIR: "una parte de la ruta no es una carpeta"}

TEMPORARY = ".tmp"
"""The end of a file being written: ``.NAME.PID.RANDOM.tmp`` beside its target."""


def remove_leftovers(folder: Path, pids: Iterable[int]) -> None:
    """Remove what processes ``pids``, now ended, left half-written in ``folder``: a
    process killed (``kill -9``, or stopped at once by a second Ctrl-C) inside
    ``write_all`` cannot clean up after itself."""
    for pid in pids:
        ours = re.compile(rf"\..+\.{pid}\.[a-z0-9_]{{8}}{re.escape(TEMPORARY)}")
        for leftover in folder.glob(f".*.{pid}.*{TEMPORARY}"):
            if ours.fullmatch(leftover.name):  # the name mkstemp gave it, not one alike
                leftover.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextlib.contextmanager
def exclusive(path: Path, seconds: float,
              taken: Callable[[], Exception]) -> Iterator[None]:
    """Hold the lock file at ``path`` for the block: one process at a time, on every
    platform (filelock: ``fcntl`` or ``msvcrt``), freed by the system however the holder
    ends (``kill -9`` too). When another process holds it for more than ``seconds`` (0: at
    once), raise the error ``taken`` makes."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path), timeout=seconds)
    try:
        lock.acquire()
    except Timeout:
        raise taken() from None
    try:
        yield
    finally:
        lock.release()
