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
    return 1 if any(o.status == batch.FAILED for o in outcomes) else 0


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
