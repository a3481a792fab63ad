"""Which documents a command builds: every brief of a folder, one document per region."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sectorial.batch.jobs import FAILED, NOT_APPLICABLE, Job, Outcome, Plan
from sectorial.batch.memo import brief_of, digest, file_digest, forget
from sectorial.batch.state import remember_values, remembered_values
from sectorial.brief.model import Brief
from sectorial.errors import BriefError, Location, SectorialError, closest
from sectorial.lang.phrases import slug
from sectorial.periods import Period


def brief_files(targets: Iterable[Path]) -> list[Path]:
    """The brief files named, a folder standing for every .yaml file in it."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            inside = sorted([*target.glob("*.yaml"), *target.glob("*.yml")])
            if not inside:
                raise BriefError("la carpeta no tiene informes (.yaml)", Location(str(target)),
                                 "indique un archivo de informe o una carpeta con informes")
            found.extend(inside)
        else:
            found.append(target)
    return list(dict.fromkeys(found))


def plan(
    targets: list[Path], period: Period | None, only: dict[str, str], out_dir: Path
) -> Plan:
    """List the documents to build; say which briefs do not apply and why."""
    forget()
    files = brief_files(targets)
    from_folder = len(files) > 1 or any(t.is_dir() for t in targets)
    found = Plan([], [])
    for path in files:
        try:
            _plan_brief(found, path, (period, only, out_dir), from_folder)
        except SectorialError as exc:
            found.outcomes.append(Outcome(Job(path, period), FAILED, message=str(exc)))
    _one_writer_each(found)
    return found


def _one_writer_each(found: Plan) -> None:
    """Two documents with one file name (two briefs of a folder, or a brief whose
    ``nombre`` forgets its ``por_cada`` value) would write one file, the second over the
    first: fail them all, naming the others."""
    from sectorial.brief.compose import planned_name

    writers: dict[str, list[Job]] = {}
    for job in found.jobs:
        brief = brief_of(job.brief, job.period)
        name = planned_name(replace(brief, value=job.value) if job.value else brief)
        if name is not None:
            writers.setdefault(name, []).append(job)
    clashing = {id(job): (name, jobs) for name, jobs in writers.items() if len(jobs) > 1
                for job in jobs}
    if not clashing:
        return
    for job in [j for j in found.jobs if id(j) in clashing]:
        name, jobs = clashing[id(job)]
        others = ", ".join(dict.fromkeys(j.label if j.brief == job.brief else j.brief.name
                                         for j in jobs if j is not job))
        same = all(j.brief == job.brief for j in jobs)
        found.outcomes.append(Outcome(job, FAILED, message=str(BriefError(
            f"escribe el archivo '{name}', el mismo que {others}: uno sobrescribiría al otro",
            Location(str(job.brief), field="nombre"),
            "ponga en 'nombre' el valor de por_cada (p. ej. {{ region }})" if same else
            "cambie 'nombre' en uno de los informes (p. ej. agregue el tema)"))))
    found.jobs[:] = [j for j in found.jobs if id(j) not in clashing]


def _plan_brief(found: Plan, path: Path, asked: tuple[Period | None, dict[str, str], Path],
                from_folder: bool) -> None:
    """Add the jobs of one brief, or say why it does not apply to what was ``asked``."""
    period, only, out_dir = asked
    brief = brief_of(path, None)
    if period is not None and period.monthly != brief.period.monthly and from_folder:
        kind = "mensual" if brief.period.monthly else "anual"
        found.outcomes.append(Outcome(Job(path, period), NOT_APPLICABLE,
                                      message=f"informe {kind}; se pidió {period}"))
        return
    if period is not None:
        brief = brief_of(path, period)
    if brief.fan_out is None and only and from_folder:
        found.outcomes.append(Outcome(Job(path, period), NOT_APPLICABLE,
                                      message="no se reparte por " + ", ".join(only)))
        return
    found.jobs.extend(Job(path, brief.period, value)
                      for value in chosen_values(brief, only, out_dir))


def chosen_values(brief: Brief, only: dict[str, str], out_dir: Path | None
                  ) -> list[str | None]:
    """The documents of ``brief``: ``[None]`` when it declares no 'por_cada'; else each
    value of its column that ``only`` picks (every one, without ``only``). The command
    line, the API and the preview choose so."""
    if brief.fan_out is None:
        if only:
            raise BriefError("el informe no declara 'por_cada': no se puede elegir "
                             + ", ".join(f"{k}={v}" for k, v in only.items()),
                             Location(str(brief.path)), "quite --region/--only para este informe")
        return [None]
    every = fan_out_values(brief, out_dir)
    _one_file_each(brief, every)
    return list(select(brief, every, only))


def _one_file_each(brief: Brief, values: list[str]) -> None:
    """Two values written alike in a file name ("Madre de Dios", "Madre-de-Dios") would
    build into one file, the second over the first: refuse, naming both."""
    assert brief.fan_out is not None
    by_name: dict[str, list[str]] = {}
    for value in values:
        by_name.setdefault(slug(value), []).append(value)
    clashes = [names for names in by_name.values() if len(names) > 1]
    if clashes:
        said = "; ".join(" y ".join(f"'{n}'" for n in names) for names in clashes)
        raise BriefError(f"la columna '{brief.fan_out.column}' tiene valores que darían el "
                         f"mismo archivo: {said}",
                         Location(str(brief.sources[brief.fan_out.source].path),
                                  column=brief.fan_out.column),
                         "escriba cada valor de una sola forma en los datos")


def select(brief: Brief, values: list[str], only: dict[str, str]) -> list[str]:
    """The values of ``por_cada`` that ``only`` ({column: value}) picks, accents and case
    aside; a value the data lack is an error that lists those they have."""
    assert brief.fan_out is not None
    if not only:
        return values
    column = brief.fan_out.column
    unknown = [k for k in only if k != column]
    if unknown:
        raise BriefError(f"el informe se reparte por '{column}', no por '{unknown[0]}'",
                         Location(str(brief.path), line=brief.fan_out.line, field="por_cada"),
                         f"use --only {column}=VALOR")
    wanted = only[column]
    chosen = [v for v in values if slug(v) == slug(wanted)]
    if not chosen:
        raise BriefError(f"no hay '{wanted}' en la columna '{column}' de los datos",
                         Location(str(brief.sources[brief.fan_out.source].path),
                                  column=column),
                         _values_hint(wanted, values))
    return chosen


def _values_hint(wanted: str, values: list[str]) -> str:
    guess = closest(wanted, values)
    return (f"¿quiso decir '{guess}'? " if guess else "") + "valores: " + ", ".join(values)


def fan_out_values(brief: Brief, out_dir: Path | None) -> list[str]:
    """The distinct values of the brief's ``por_cada`` column, remembered by file content
    in ``out_dir`` (``None``: read from the data, nothing written)."""
    assert brief.fan_out is not None
    spec = brief.sources[brief.fan_out.source]
    try:
        key = digest([repr(spec), brief.fan_out.column, file_digest(spec.path)])
    except OSError:
        key = ""
    remembered = remembered_values(out_dir, key) if out_dir else None
    if remembered is not None:
        return remembered
    from sectorial.pipeline import cached_table

    table = cached_table(spec)
    values = sorted({str(v) for v in table.values(brief.fan_out.column) if str(v)},
                    key=lambda v: (slug(v), v))
    if out_dir:
        remember_values(out_dir, key, values)
    return values
