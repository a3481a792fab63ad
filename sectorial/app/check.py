"""``sectorial check``: validate briefs, house styles and data without writing anything.

Everything a build would meet before drawing: the brief and its style (keys, values, the
roles each format draws with), the data, the indicators and their checks, every template,
and the distribution list with the mail's templates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sectorial import batch
from sectorial.app.common import count, selection
from sectorial.errors import SectorialError, raise_all

OUTPUT = Path("output")


def run(args: argparse.Namespace) -> int:
    chosen = selection(args)
    plan = batch.plan(list(chosen.targets), chosen.period, chosen.only, OUTPUT)
    failed = [o for o in plan.outcomes if o.status == batch.FAILED]
    for outcome in failed:
        print(f"error: {outcome.message}", file=sys.stderr)
    checked: dict[Path, list] = {}
    for job in plan.jobs:
        try:
            document = _document(job)
        except SectorialError as exc:
            failed.append(batch.Outcome(job, batch.FAILED, message=str(exc)))
            where = f" ({job.value})" if job.value else ""
            print(f"error{where}: {exc}", file=sys.stderr)
            continue
        checked.setdefault(job.brief, []).append(document)
    for path, documents in checked.items():
        if not _report(path, documents):
            failed.append(batch.Outcome(batch.Job(path, None), batch.FAILED))
    return 1 if failed else 0


def _document(job: batch.Job) -> object:
    """The job's document composed, with what every format needs checked: the house style's
    roles, its reference document's styles, the characters its fonts draw."""
    from sectorial.formats import FORMATS, format_problems, missing_roles
    from sectorial.pipeline import Timings, prepare

    prepared = prepare(job.brief, job.period, Timings(), job.value)
    doc, look = prepared.document, prepared.house.look
    raise_all(missing_roles(doc, look, FORMATS.names())
              + format_problems(doc, look, FORMATS.names()))
    return prepared


def _report(path: Path, documents: list) -> bool:
    """Check the brief's mailing on its first document and say what was checked."""
    from sectorial.mail.send import check_mailing

    first = documents[0]
    try:
        people = check_mailing(first.composed(), OUTPUT)
    except SectorialError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False
    doc = first.document
    many = f"{len(documents)} documentos, " if len(documents) > 1 else ""
    parts = [count(len(first.tables), "fuente de datos", "fuentes de datos"),
             count(len(first.indicators), "indicador", "indicadores"),
             count(len(doc.pages) + (doc.cover is not None), "página", "páginas"),
             count(len(doc.charts()), "gráfico", "gráficos")]
    if people:
        parts.append(count(people, "destinatario", "destinatarios"))
    print(f"correcto: {path} ({many}{', '.join(parts)}, periodo {first.brief.period})")
    from sectorial.render.word.reference import drift

    warning = drift(first.house.look)
    if warning:
        print(f"aviso: {warning}", file=sys.stderr)
    return True
