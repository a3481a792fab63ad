"""How a build of many documents shows its progress: on the standard error, a rich bar on a
terminal, plain lines in a log or CI (one per document); with ``--json``, one JSON object
per document on the standard output, for the programs that run sectorial. This module alone
imports rich."""

from __future__ import annotations

import json
import os
import sys

from sectorial.batch.jobs import BUILT, FAILED, NOT_APPLICABLE, Outcome, outcome_line


def progress_reporter(total: int, stream=None, quiet: bool = False):  # type: ignore[no-untyped-def]
    """A rich progress bar on a terminal; plain lines otherwise (logs, CI, pipes); only the
    failures when ``quiet``."""
    stream = stream or sys.stderr
    if quiet:
        return _QuietProgress()
    if stream.isatty() and total > 1 and not os.environ.get("CI"):
        return _RichProgress(total, stream)
    return _PlainProgress(total, stream)


def outcome_json(outcome: Outcome) -> str:
    """One document's outcome as one line of JSON: what it is, its files, how it ended."""
    job = outcome.job
    return json.dumps({
        "nombre": job.label, "informe": str(job.brief),
        "periodo": str(job.period) if job.period else None, "valor": job.value,
        "estado": outcome.status, "archivos": [str(path) for path in outcome.paths],
        "error": outcome.message if outcome.status == FAILED else None,
        "motivo": outcome.message if outcome.status == NOT_APPLICABLE else None,
        "segundos": round(outcome.seconds, 3),
        "etapas": {name: round(seconds, 3) for name, seconds in outcome.stages.items()},
        "archivado": {"archivo": str(outcome.archived[0]), "cabeza": outcome.archived[1]}
        if outcome.archived else None,
    }, ensure_ascii=False)


class _QuietProgress:
    def __enter__(self) -> _QuietProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __call__(self, outcome: Outcome) -> None:
        if outcome.status == FAILED:
            print(outcome_line(outcome), file=sys.stderr, flush=True)


class _PlainProgress:
    def __init__(self, total: int, stream) -> None:  # type: ignore[no-untyped-def]
        self.total, self.done, self.stream = total, 0, stream

    def __enter__(self) -> _PlainProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __call__(self, outcome: Outcome) -> None:
        self.done += 1
        prefix = f"[{self.done}/{self.total}] " if self.total > 1 else ""
        _print_outcome(outcome, prefix, self.stream)


class _RichProgress:
    def __init__(self, total: int, stream) -> None:  # type: ignore[no-untyped-def]
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console(file=stream)
        self.progress = Progress(TextColumn("[bold]Construyendo"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("{task.description}"),
                                 console=self.console, transient=True)
        self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> _RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, outcome: Outcome) -> None:
        self.progress.update(self.task, advance=1, description=outcome.job.label)
        if outcome.status in (FAILED, BUILT):
            self.progress.console.print(outcome_line(outcome), markup=False,
                                        highlight=False, soft_wrap=True)


def _print_outcome(outcome: Outcome, prefix: str, stream) -> None:  # type: ignore[no-untyped-def]
    if outcome.status in (FAILED, NOT_APPLICABLE):
        print(prefix + outcome_line(outcome),
              file=sys.stderr if outcome.status == FAILED else stream, flush=True)
        return
    verb = "escrito" if outcome.status == BUILT else "sin cambios"
    for path in outcome.paths:
        print(f"{prefix}{verb}: {path}", file=stream, flush=True)
