"""``sectorial build``: build the documents asked for, then archive their PDF if asked."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time

from sectorial import batch, clock
from sectorial.app.common import selection
from sectorial.console import Console
from sectorial.errors import SectorialError


def run(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    if args.archive:
        if "pdf" not in _formats(args):
            raise SectorialError("--archive necesita el PDF",
                                 hint="quite --formats o incluya pdf")
        clock.configure(args.brief[0])
    chosen = selection(args)
    plan = batch.plan(list(chosen.targets), chosen.period, chosen.only, args.out)
    total = len(plan.jobs) + len(plan.outcomes)
    outcomes = list(plan.outcomes)
    # Each document's JSON line as it ends; after archiving when its PDF is archived too.
    streamed = args.json and not args.archive
    with batch.progress_reporter(total, quiet=args.quiet) as progress:
        def report(outcome: batch.Outcome) -> None:
            progress(outcome)
            if streamed:
                _json_line(outcome)

        for outcome in plan.outcomes:
            report(outcome)
        workers = args.jobs or batch.default_workers()
        work = batch.Build(args.out, _formats(args), args.force)
        outcomes += batch.run(plan.jobs, work, workers, report, args.cluster)
    if args.archive:
        outcomes = _archive_built(outcomes, args, Console(quiet=args.quiet or args.json))
        if args.json:
            for outcome in outcomes:
                _json_line(outcome)
    if not args.quiet:
        _said_time(outcomes, total, time.perf_counter() - start)
    if any(o.status == batch.FAILED for o in outcomes):
        return 1
    if not args.cluster:
        rank = {job: i for i, job in enumerate([o.job for o in plan.outcomes] + plan.jobs)}
        _remember(args, sorted(outcomes, key=lambda o: rank.get(o.job, len(rank))))
    return 0


def _remember(args: argparse.Namespace, outcomes: list[batch.Outcome]) -> None:
    """Keep what this run read and wrote, so that the same command with nothing changed
    answers at once (``sectorial.replay``), its documents in the plan's order."""
    from sectorial import replay
    from sectorial.batch.memo import brief_of
    from sectorial.style.loader import find_style

    read: set = set()
    briefs = {(o.job.brief, o.job.period if o.status != batch.NOT_APPLICABLE else None)
              for o in outcomes}  # the 25 documents of a regional brief: one brief
    try:
        for path, period in briefs:
            brief = brief_of(path, period)
            folder = find_style(brief.style, brief.path.parent)
            read |= {brief.path, *(spec.path for spec in brief.sources.values()),
                     *(p for p in folder.rglob("*") if p.is_file())}
    except (SectorialError, OSError):
        return  # the next run builds as usual
    again = [dataclasses.replace(o, status=batch.UNCHANGED, seconds=0.0, stages={},
                                 archived=None, paths=tuple(sorted(o.paths, key=str)))
             if o.status == batch.BUILT else o for o in outcomes]  # as a rerun lists them
    documents = [{"json": batch.outcome_json(o), "archivos": [str(p) for p in o.paths],
                  "lineas": [f"sin cambios: {p}" for p in o.paths]
                  if o.status == batch.UNCHANGED else [batch.outcome_line(o)]}
                 for o in again]
    replay.remember(args, read, documents, batch.summary(again, 0.0).rsplit("; tiempo", 1)[0])


def _said_time(outcomes: list[batch.Outcome], total: int, seconds: float) -> None:
    """One document's stages, or the summary of many, on the standard error."""
    if total == 1 and outcomes[0].stages:
        stages = ", ".join(f"{n} {s:.2f}" for n, s in outcomes[0].stages.items())
        print(f"tiempo: {seconds:.2f} s ({stages})", file=sys.stderr)
    elif total > 1:
        print(batch.summary(outcomes, seconds), file=sys.stderr)


def _json_line(outcome: batch.Outcome) -> None:
    print(batch.outcome_json(outcome), flush=True)


def _formats(args: argparse.Namespace) -> tuple[str, ...]:
    """The formats asked for: every format unless ``--formats`` says."""
    from sectorial.formats import FORMATS

    return args.formats or FORMATS.names()


def _archive_built(outcomes: list[batch.Outcome], args: argparse.Namespace,
                   console: Console) -> list[batch.Outcome]:
    """Archive the PDF of every document built (or unchanged); a refusal fails it."""
    from sectorial import archive

    folder = args.archive_dir or args.out / "archive"
    done = []
    for outcome in outcomes:
        pdfs = [p for p in outcome.paths if p.suffix == ".pdf"]
        if outcome.status not in (batch.BUILT, batch.UNCHANGED) or not pdfs:
            done.append(outcome)
            continue
        try:
            result = archive.archive_pdf(pdfs[0], folder)
            console.echo(f"{result.status}: {result.path}")
            console.echo(f"cabeza de la cadena: {result.head}")
            outcome = dataclasses.replace(outcome, archived=(result.path, result.head))
        except SectorialError as exc:
            console.warn(f"error: {exc}")
            outcome = batch.Outcome(outcome.job, batch.FAILED, outcome.paths, str(exc))
        done.append(outcome)
    return done
