"""Where the documents of a build run: here, one after another, or in a pool of processes.

An ``Executor`` takes the work (a picklable callable from a job to its outcome) and the
jobs, and yields each outcome as it ends. ``Serial`` runs them in this process;
``LocalPool`` in forked processes, which inherit the libraries and the data this process
already read (copy-on-write). A cluster is one more implementation of the same interface.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Protocol

from sectorial.batch.jobs import FAILED, Job, Outcome

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
    """Jobs in ``workers`` forked processes of this machine."""

    def __init__(self, workers: int):
        self.workers = workers

    def run(self, work: Work, jobs: list[Job]) -> Iterator[Outcome]:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)),
                                 mp_context=context) as pool:
            futures: dict[Future, Job] = {pool.submit(work, job): job for job in jobs}
            try:
                remaining = set(futures)
                while remaining:
                    finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                    for future in finished:
                        yield _result(future, futures[future])
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise


def _result(future: Future, job: Job) -> Outcome:
    try:
        return future.result()
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a worker that died (out of memory, killed)
        return Outcome(job, FAILED, message=f"el proceso de construcción terminó mal ({exc})")
