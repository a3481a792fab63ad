"""Build many documents: skip what has not changed, run the rest on an executor.

A build is skipped when its inputs are the same as last time and its outputs are still the
files it wrote. When the inputs changed, the document is composed again (cheap) and
rendered only if it differs: after fixing one region's row in a shared data file, only
that region's brief is rendered again.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sectorial import interrupts
from sectorial.batch.executor import Executor, LocalPool, Serial
from sectorial.batch.jobs import BUILT, FAILED, UNCHANGED, Job, Outcome, internal_error
from sectorial.batch.memo import brief_of
from sectorial.batch.state import StateRecord, document_key, inputs_key, provenance
from sectorial.brief.model import Brief
from sectorial.errors import SectorialError


@dataclass(frozen=True)
class Build:
    """The work of one job: build its document into ``out_dir`` in ``formats``.

    ``spare_core``: a second process may take part (one document, two cores); ``keep``:
    the outcome carries the composed document (``send`` writes its letters from it)."""

    out_dir: Path
    formats: tuple[str, ...]
    force: bool = False
    spare_core: bool = False
    keep: bool = False

    def __call__(self, job: Job) -> Outcome:
        """Build one document; a user's error becomes a failed outcome, never an exception."""
        from sectorial.pipeline import Timings

        start = time.perf_counter()
        timings = Timings()
        try:
            return self._build(job, timings, start)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            if interrupts.received():  # a library turned Ctrl-C or SIGTERM into its own error
                raise KeyboardInterrupt from exc
            if isinstance(exc, SectorialError):
                message = str(exc)
            elif os.environ.get("SECTORIAL_DEPURAR"):
                raise
            else:  # a bug of ours: this document fails, the others go on
                message = internal_error(exc)
            return Outcome(job, FAILED, (), message, time.perf_counter() - start,
                           timings.stages)

    def _build(self, job: Job, timings: object, start: float) -> Outcome:
        from sectorial.ahead import start_ahead  # not pipeline: pandas would come first

        # One document and two cores: the PDF's process starts now, and imports its
        # libraries while this one imports pandas and reads the data.
        ahead = start_ahead(self.formats) if self.spare_core else None
        try:
            return self._built(job, timings, start, ahead)
        finally:
            if ahead is not None:
                ahead.stop()

    def _built(self, job: Job, timings: object, start: float, ahead: object) -> Outcome:
        from sectorial.files import file_digest
        from sectorial.pipeline import prepare, render

        prepared = prepare(job.brief, job.period, timings, job.value)  # type: ignore[arg-type]
        composed = prepared.composed() if self.keep else None
        record = StateRecord.of(self.out_dir, job)
        doc_key = document_key(prepared.document, prepared.brief, self.formats)
        entries = self.entries(job, prepared.brief, doc_key)
        stages = timings.stages  # type: ignore[attr-defined]
        if (not self.force and record.get("documento") == doc_key
                and record.outputs_intact(self.out_dir)):
            record.save({**record.data, **entries})
            return Outcome(job, UNCHANGED, record.outputs(self.out_dir),
                           "el documento no cambió", time.perf_counter() - start, stages,
                           composed)
        record.check_writable()
        paths = render(prepared, self.out_dir, self.formats, timings,  # type: ignore[arg-type]
                       self.spare_core, ahead)  # type: ignore[arg-type]
        record.save({**entries, "archivos": {p.name: file_digest(p) for p in paths}}, paths)
        return Outcome(job, BUILT, paths, "", time.perf_counter() - start, stages, composed)

    def entries(self, job: Job, brief: Brief, doc_key: str) -> dict:
        """What the state records of a build of ``job`` from ``brief``."""
        return {"informe": str(job.brief), "periodo": str(brief.period), "valor": job.value,
                "entradas": inputs_key(brief, job.value, self.formats),
                "documento": doc_key, **provenance(brief)}


def unchanged(job: Job, out_dir: Path, formats: tuple[str, ...]) -> Outcome | None:
    """Return an outcome if the job's inputs and outputs are as the last build left them."""
    record = StateRecord.of(out_dir, job)
    if not record.data:
        return None
    brief = brief_of(job.brief, job.period)
    if record.get("entradas") != inputs_key(brief, job.value, formats):
        return None
    if not record.outputs_intact(out_dir):
        return None
    return Outcome(job, UNCHANGED, record.outputs(out_dir))


def run(jobs: list[Job], work: Build, workers: int,
        report: Callable[[Outcome], None], cluster: str | None = None) -> list[Outcome]:
    """Build every job (skipping unchanged ones), on the Dask scheduler at ``cluster`` if
    one is named; call ``report`` as each one ends."""
    outcomes: list[Outcome] = []
    pending: list[Job] = []
    for job in jobs:
        try:
            done = None if work.force else unchanged(job, work.out_dir, work.formats)
        except SectorialError:
            done = None  # the build will say what is wrong
        if done is not None:
            outcomes.append(done)
            report(done)
        else:
            pending.append(job)
    if not pending:
        return outcomes
    executor: Executor = Serial()
    if cluster:
        from sectorial.batch.cluster import ClusterPool

        executor = ClusterPool(cluster)
    elif workers <= 1 or len(pending) == 1:  # one document, two cores: its formats share them
        work = Build(work.out_dir, work.formats, work.force, workers > 1, work.keep)
    else:
        _warm_up(pending, work.formats)
        executor = LocalPool(workers)
        pending = sorted(pending, key=_weight, reverse=True)  # the longest first: no tail
    with closing(executor.run(work, pending)) as running:  # an interrupt stops it at once
        for outcome in running:
            outcomes.append(outcome)
            report(outcome)
    return outcomes


def _weight(job: Job) -> int:
    """How long a document takes, roughly: its charts and pages (a brief that fails to
    load weighs nothing here; its build says why)."""
    try:
        pages = brief_of(job.brief, job.period).pages
    except SectorialError:
        return 0
    return sum(4 * len(page.charts) + 1 for page in pages)


def _warm_up(jobs: list[Job], formats: tuple[str, ...]) -> None:
    """Import the libraries the formats need and read each brief's data once before
    forking, so that every worker starts with them (copy-on-write) instead of repeating
    the work."""
    from sectorial.formats import warm_up
    from sectorial.pipeline import load_tables

    warm_up(formats)
    for path, period in dict.fromkeys((job.brief, job.period) for job in jobs):
        try:
            load_tables(brief_of(path, period))
        except SectorialError:
            pass  # each job reports its own errors
    gc.freeze()  # what every worker inherits stays shared and out of their collections
