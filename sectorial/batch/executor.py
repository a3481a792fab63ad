"""Where the documents of a build run: here, one after another, or in a pool of processes.

An ``Executor`` takes the work (a picklable callable from a job to its outcome) and the
jobs, and yields each outcome as it ends. ``Serial`` runs them in this process;
``LocalPool`` in processes of this machine: forked where the system can (they inherit the
libraries and the data this process already read, copy-on-write), else spawned (Windows:
each imports them again; ``background.start_method``). A cluster is one more
implementation of the same interface.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from sectorial import interrupts
from sectorial.background import start_method
from sectorial.batch.jobs import FAILED, Job, Outcome
from sectorial.files import remove_leftovers

Work = Callable[[Job], Outcome]


class Executor(Protocol):
    def run(self, work: Work, jobs: list[Job]) -> Iterator[Outcome]:
        """Run ``work`` on every job; yield each outcome as it ends."""
        ...


class Serial:
    """One job after another, in this process."""

    def run(self, work: Work, jobs: list[Job]) -> Iterator[Outcome]:
        for job in jobs:
            yield work(job)


class LocalPool:
    """Jobs in ``workers`` processes of this machine (forked, or spawned where fork is not).

    A worker ignores Ctrl-C (the terminal sends it to every process of the build: this one
    decides, and stops them all at once) and ends when this process ends, however it ends
    (``kill -9`` too). A worker that dies costs only the document it was building: that
    document is built again once in a new pool, then fails with a message naming it; the
    documents queued behind it are built as if nothing had happened."""

    def __init__(self, workers: int, retries: int = 1):
        self.workers = workers
        self.retries = retries

    def run(self, work: Work, jobs: list[Job]) -> Iterator[Outcome]:
        losses = [0] * len(jobs)
        pending = list(range(len(jobs)))
        while pending:
            lost, innocent, ended = yield from self._round(work, jobs, pending)
            if not lost and not ended:  # a pool that breaks before any job ends (a worker
                lost, innocent = innocent, set()  # that cannot start): each one is a loss
            pending = sorted(innocent)
            for index in sorted(lost):
                losses[index] += 1
                if losses[index] > self.retries:
                    yield Outcome(jobs[index], FAILED, message=LOST)
                else:
                    pending.append(index)

    def _round(self, work: Work, jobs: list[Job], indexes: list[int]
               ) -> Generator[Outcome, None, tuple[set[int], set[int], int]]:
        """Run some jobs in a fresh pool. Return the jobs a dead worker was building, the
        other jobs the broken pool did not finish, and how many jobs ended."""
        context = multiprocessing.get_context(start_method())
        started = context.Array("i", len(jobs), lock=False)  # each job's worker, 0 if none
        pool = ProcessPoolExecutor(max_workers=min(self.workers, len(indexes)),
                                   mp_context=context, initializer=_worker_start,
                                   initargs=(os.getpid(), started))
        broken: set[int] = set()
        ended = 0
        workers: dict[int, multiprocessing.process.BaseProcess] = {}
        try:
            futures: dict[Future, int] = {}
            for index in indexes:
                try:
                    futures[pool.submit(_tracked, work, index, jobs[index])] = index
                except BrokenProcessPool:  # broken already: a worker died on starting
                    broken.add(index)
            remaining = set(futures)
            while remaining:
                workers.update(getattr(pool, "_processes", None) or {})
                finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for future in finished:
                    if isinstance(future.exception(), BrokenProcessPool):
                        broken.add(futures[future])
                    else:
                        ended += 1
                        yield _result(future, jobs[futures[future]])
        except BaseException:
            with interrupts.deferred():  # a second Ctrl-C must not stop the stopping
                _stop_now(pool, workers)
                _clean_after(work, workers)
            raise
        pool.shutdown(wait=True)
        _clean_after(work, workers)
        return (*_culprits(broken, started, workers), ended)


LOST = ("el proceso que construía este documento terminó de golpe dos veces (sin memoria, "
        "o detenido con kill): construya de nuevo este documento solo, con --jobs 1, para ver "
        "el error")

_STARTED: Any = None


def _worker_start(parent: int, started: Any) -> None:
    """In each worker: leave Ctrl-C to the parent, end as soon as the parent is gone."""
    global _STARTED
    _STARTED = started
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)  # the parent died (kill -9): an orphan would build for no one


PARENT_POLL = 0.2
"""Seconds between a worker's looks at whether its parent is still there."""


def _tracked(work: Work, index: int, job: Job) -> Outcome:
    """``work(job)`` in a worker, recording which worker builds which job."""
    _STARTED[index] = os.getpid()
    try:
        return work(job)
    finally:
        _STARTED[index] = 0


def _culprits(broken: set[int], started: Any,
              workers: dict[int, multiprocessing.process.BaseProcess]
              ) -> tuple[set[int], set[int]]:
    """Split the jobs a broken pool did not finish: those a dead worker was building, and
    the others. The pool terminates its other workers (SIGTERM) when one dies; the one that
    died first ended otherwise; a worker that died idle costs no job. When that cannot be
    told, every job in a worker counts."""
    running = {index for index in broken if started[index]}
    dead = {pid for pid, process in workers.items()
            if process.exitcode not in (None, 0, -signal.SIGTERM)}
    lost = {index for index in running if started[index] in dead}
    if not dead:  # every worker ended alike: whichever was building may be the one
        lost = running
    return lost, broken - lost


def _clean_after(work: Work, workers: dict[int, multiprocessing.process.BaseProcess]) -> None:
    """Remove the files the ended workers of a round left half-written (one killed)."""
    folder = getattr(work, "out_dir", None)
    if folder is not None and Path(folder).is_dir():
        remove_leftovers(Path(folder), workers)


def _stop_now(pool: ProcessPoolExecutor,
              workers: dict[int, multiprocessing.process.BaseProcess]) -> None:
    """End the workers at once (their documents are abandoned) and let the pool go."""
    workers.update(getattr(pool, "_processes", None) or {})
    for process in workers.values():
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers.values():
        process.join(timeout=5)


def _result(future: Future, job: Job) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # an error pickling the outcome, or the like
        return Outcome(job, FAILED, message=f"el proceso de construcción terminó mal ({exc})")
