"""What a build of many documents is made of: jobs, their outcomes, and the summary."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sectorial.periods import Period

BUILT, UNCHANGED, FAILED, NOT_APPLICABLE = "construido", "sin cambios", "con error", "no aplica"


@dataclass(frozen=True)
class Selection:
    """What a command was asked to build: briefs or folders, a period, the regions."""

    targets: tuple[Path, ...]
    period: Period | None = None
    only: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    """One document to build: a brief, its period, and the region (or other value)."""

    brief: Path
    period: Period | None
    value: str | None = None

    @property
    def label(self) -> str:
        return self.brief.stem + (f" ({self.value})" if self.value else "")


@dataclass
class Outcome:
    """How a job ended; ``composed`` carries its document when the caller asked for it."""

    job: Job
    status: str
    paths: tuple[Path, ...] = ()
    message: str = ""
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    composed: object = None  # build.Composed, for ``send`` (the letter needs the document)
    archived: tuple[Path, str] | None = None  # where its PDF was archived, the chain's head


@dataclass
class Plan:
    jobs: list[Job]
    outcomes: list[Outcome]  # decided while planning: not applicable, or a brief that fails


def internal_error(exc: BaseException) -> str:
    """What a document that failed by a bug of ours says."""
    return (f"error interno de sectorial ({type(exc).__name__}: {exc}); "
            "ejecute de nuevo con SECTORIAL_DEPURAR=1 para ver el detalle")


def summary(outcomes: list[Outcome], seconds: float) -> str:
    counts = {status: sum(o.status == status for o in outcomes)
              for status in (BUILT, UNCHANGED, FAILED, NOT_APPLICABLE)}
    words = {BUILT: "construidos", UNCHANGED: "sin cambios", FAILED: "con error"}
    parts = [f"{counts[s]} {words[s]}" for s in (BUILT, UNCHANGED, FAILED)]
    if counts[NOT_APPLICABLE]:
        parts.append(f"{counts[NOT_APPLICABLE]} no aplica")
    return f"resumen: {', '.join(parts)}; tiempo {seconds:.2f} s"


def outcome_line(outcome: Outcome) -> str:
    """One line for a document: its error, why it does not apply, or the files written."""
    if outcome.status == FAILED:
        return f"error en {outcome.job.label}: {outcome.message}"
    if outcome.status == NOT_APPLICABLE:
        return f"no aplica: {outcome.job.label} ({outcome.message})"
    names = ", ".join(p.name for p in outcome.paths)
    return f"{outcome.status}: {names} ({outcome.seconds:.2f} s)"


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)
