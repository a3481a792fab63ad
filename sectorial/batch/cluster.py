"""The documents of a build on the workers of a Dask distributed cluster (``--cluster``).

The same interface as the local pool; this process keeps what it owns there: the plan, the
build state, the atomic writes, the progress and the exit code. What travels is bytes: an
``Order`` carries every file a document reads (the brief, its data, its house style), by
their paths relative to the folder that holds them all; a worker writes them in a folder
named by their content (the next region of the same brief finds them there, with its
tables already read), builds the document in memory and sends back a ``Reply`` with the
bytes of each output. No folder is shared, and a worker writes nothing of the build's.

A worker that dies (a lost machine, ``kill -9``) loses nothing: the scheduler gives its
documents to another worker, and each document is written here once, when its reply
arrives. A worker must have installed the same sectorial (``pip install
'sectorial[cluster]'``); a reply from another version is refused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sectorial.batch.jobs import BUILT, FAILED, UNCHANGED, Job, Outcome, internal_error
from sectorial.batch.memo import brief_of, digest, file_digest
from sectorial.batch.state import StateRecord, code_fingerprint
from sectorial.brief.model import Brief
from sectorial.errors import SectorialError
from sectorial.files import file_digest as fresh_digest
from sectorial.files import write_all
from sectorial.periods import Period
from sectorial.style.loader import find_style

CONNECT_SECONDS = 15


@dataclass(frozen=True)
class Bundle:
    """Every file a brief's documents read: path relative to the folder that holds them
    all -> content. Sent to the workers once per brief, not once per region."""

    name: str  # the hash of the files' paths and contents
    files: dict[str, bytes]


@dataclass(frozen=True)
class Order:
    """One document to build; its files come in its brief's ``Bundle``."""

    brief: str  # the brief's path, relative to ``root``
    period: str | None
    value: str | None
    formats: tuple[str, ...]
    known: str | None  # the document key of the outputs already here, intact
    root: str  # where the files are here: worker paths in messages read as ours
    style: str  # the house style's folder, relative to ``root``: as found here


@dataclass(frozen=True)
class Reply:
    status: str
    files: dict[str, bytes] = field(default_factory=dict)  # output name -> content
    document: str = ""  # the document key
    message: str = ""
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    code: str = ""  # the worker's code fingerprint


class ClusterPool:
    """Jobs on the workers of the Dask scheduler at ``address`` (``tcp://HOST:8786``)."""

    def __init__(self, address: str):
        self.address = address

    def run(self, work, jobs: list[Job]) -> Iterator[Outcome]:  # noqa: ANN001 - a Build
        client = _connect(self.address)
        try:
            sent: dict[str, object] = {}  # bundle name -> its future on the cluster
            futures, orders = {}, {}
            for job in jobs:
                try:
                    order, bundle = order_of(job, work.out_dir, work.formats, work.force)
                except SectorialError as exc:
                    yield Outcome(job, FAILED, message=str(exc))
                    continue
                except OSError as exc:  # a file that went away, or cannot be read
                    yield Outcome(job, FAILED, message=f"no se puede leer '{exc.filename}' "
                                  f"({exc.strerror}): revise que exista y se pueda leer")
                    continue
                if bundle.name not in sent:  # every worker gets a copy: one may die
                    sent[bundle.name] = client.scatter(bundle, broadcast=True, hash=False)
                orders[job] = (order, bundle)
                futures[client.submit(remote_build, order, sent[bundle.name],
                                      pure=False)] = job
            from distributed import as_completed

            pending = as_completed(futures, loop=client.loop)
            for future in pending:
                job = futures.pop(future)
                if future.status in ("error", "cancelled") and job in orders:  # bundle lost
                    order, bundle = orders.pop(job)  # once more, with the files in the task
                    futures[again := client.submit(remote_build, order, bundle,
                                                   pure=False)] = job
                    pending.add(again)
                    continue
                yield finish(work, job, _reply(future))
        finally:
            client.close()


def dask_setup(worker: object) -> None:
    """``dask worker … --preload sectorial.batch.cluster``: the worker imports what the
    formats need as it starts, not while it builds its first document."""
    from sectorial.formats import FORMATS, warm_up

    warm_up(tuple(FORMATS.names()))


def _connect(address: str):  # noqa: ANN202 - a distributed.Client
    try:
        from distributed import Client
    except ImportError:
        raise SectorialError("--cluster necesita Dask distributed, que no está instalado",
                             hint="instale el extra: pip install 'sectorial[cluster]'") from None
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SectorialError(
            f"no se pudo conectar con el clúster en {address} ({type(exc).__name__})",
            hint="compruebe que el planificador está en marcha (dask scheduler) y que la "
                 "dirección y el puerto son los suyos: tcp://HOST:8786") from None


def _reply(future) -> Reply:  # noqa: ANN001 - a distributed.Future
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - the task failed on every worker it tried
        return Reply(FAILED, message=f"el clúster no pudo construir este documento "
                                     f"({type(exc).__name__}: {exc})")


def order_of(job: Job, out_dir: Path, formats: tuple[str, ...],
             force: bool) -> tuple[Order, Bundle]:
    """The order of ``job`` (with what is already built here) and the files it reads."""
    brief = brief_of(job.brief, job.period)
    style = find_style(brief.style, brief.path.parent)
    paths = inputs(brief, style)
    root = Path(os.path.commonpath([p.parent for p in paths] + [style]))
    record = StateRecord.of(out_dir, job)
    known = (None if force or not record.outputs_intact(out_dir)
             else record.get("documento"))
    bundle = _bundle(paths, root)
    return Order(str(job.brief.resolve().relative_to(root)),
                 str(job.period) if job.period else None, job.value, formats,
                 known if isinstance(known, str) else None, str(root),
                 str(style.relative_to(root))), bundle


_BUNDLES: dict[str, Bundle] = {}


def _bundle(paths: list[Path], root: Path) -> Bundle:
    """The files at ``paths``, read once per content in a command (the 25 regions of a
    brief share one data file): named by the digests the command already knows."""
    digests = {str(p.relative_to(root)): file_digest(p) for p in paths}
    name = digest(f"{path}:{sha}" for path, sha in sorted(digests.items()))
    if name not in _BUNDLES:
        _BUNDLES[name] = Bundle(name, {path: (root / path).read_bytes() for path in digests})
    return _BUNDLES[name]


def inputs(brief: Brief, style: Path) -> list[Path]:
    """Every file a build of ``brief`` reads: the brief, its data, its house style (a data
    file that is not there is left out: the worker says so as a local build would)."""
    data = [spec.path.resolve() for spec in brief.sources.values() if spec.path.is_file()]
    files = [brief.path.resolve(), *data,
             *(p.resolve() for p in sorted(style.rglob("*")) if p.is_file())]
    return list(dict.fromkeys(files))


def finish(work, job: Job, reply: Reply) -> Outcome:  # noqa: ANN001 - a Build
    """Write what a worker built (atomically) and record it, as a local build would."""
    if reply.status == FAILED:
        return Outcome(job, FAILED, (), reply.message, reply.seconds, reply.stages)
    if reply.code != code_fingerprint():
        return Outcome(job, FAILED, (), "el trabajador del clúster tiene otra versión de "
                       "sectorial: instale en cada trabajador la misma que aquí",
                       reply.seconds, reply.stages)
    record = StateRecord.of(work.out_dir, job)
    entries = work.entries(job, brief_of(job.brief, job.period), reply.document)
    if reply.status == UNCHANGED:
        record.save({**record.data, **entries})
        return Outcome(job, UNCHANGED, record.outputs(work.out_dir), "el documento no cambió",
                       reply.seconds, reply.stages)
    record.check_writable()
    paths = write_all({work.out_dir / name: data for name, data in reply.files.items()})
    # the files just written: hashed anew (the command's digests may be of their old content)
    record.save({**entries, "archivos": {p.name: fresh_digest(p) for p in paths}}, paths)
    return Outcome(job, BUILT, paths, "", reply.seconds, reply.stages)


def remote_build(order: Order, bundle: Bundle) -> Reply:
    """On a worker: build the document of ``order`` in memory."""
    start = time.perf_counter()
    folder = _unpacked(bundle)
    try:
        return _built(order, folder, start)
    except SectorialError as exc:
        message = str(exc).replace(str(folder), order.root)
    except Exception as exc:  # noqa: BLE001 - a bug of ours fails this document only
        message = internal_error(exc)
    return Reply(FAILED, message=message, seconds=time.perf_counter() - start,
                 code=code_fingerprint())


def _built(order: Order, folder: Path, start: float) -> Reply:
    from sectorial.batch.state import document_key
    from sectorial.pipeline import Timings, prepare, rendered

    timings = Timings()
    period = Period.parse(order.period) if order.period else None
    style = folder / order.style  # the style found here, not one the worker would find
    prepared = prepare(folder / order.brief, period, timings, order.value, style)
    key = document_key(prepared.document, prepared.brief, order.formats, style)
    if key == order.known:
        return Reply(UNCHANGED, document=key, seconds=time.perf_counter() - start,
                     stages=timings.stages, code=code_fingerprint())
    files = rendered(prepared, order.formats, timings)
    return Reply(BUILT, files, key, "", time.perf_counter() - start, timings.stages,
                 code_fingerprint())


def _unpacked(bundle: Bundle) -> Path:
    """The files in a folder named by their content: written once per worker machine."""
    folder = Path(tempfile.gettempdir()) / "sectorial-cluster" / bundle.name[:32]
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".parcial-", dir=folder.parent))
    for path, data in bundle.files.items():
        target = partial / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    try:
        partial.rename(folder)
    except OSError:  # another task of this machine unpacked the same files first
        shutil.rmtree(partial, ignore_errors=True)
    return folder
