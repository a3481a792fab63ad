"""Many builds in one command: every brief of a folder, one document per region, in
parallel processes, skipping what has not changed since the last build.

``plan`` lists the documents, ``run`` builds them (``Build`` is the work of one) on an
``executor``, ``state`` owns the record of each build in ``<output>/.sectorial/``,
``progress`` shows it.
"""

from sectorial.batch.jobs import (
    BUILT,
    FAILED,
    NOT_APPLICABLE,
    UNCHANGED,
    Job,
    Outcome,
    Plan,
    Selection,
    default_workers,
    outcome_line,
    summary,
)
from sectorial.batch.memo import brief_of
from sectorial.batch.plan import brief_files, fan_out_values, plan
from sectorial.batch.progress import outcome_json, progress_reporter
from sectorial.batch.run import Build, run
from sectorial.batch.state import STATE_DIR, StateRecord

__all__ = ["BUILT", "FAILED", "NOT_APPLICABLE", "STATE_DIR", "UNCHANGED", "Build", "Job",
           "Outcome", "Plan", "Selection", "StateRecord", "brief_files", "brief_of",
           "default_workers", "fan_out_values", "outcome_json", "outcome_line", "plan",
           "progress_reporter", "run", "summary"]
