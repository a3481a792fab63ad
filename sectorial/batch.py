"""Many builds in one command: every brief of a folder, one document per region, in
parallel processes, skipping what has not changed since the last build.

A build is skipped when its inputs are the same as last time (content hashes of the brief,
its data files, the house style and the package code, plus the period, the region and the
formats) and its outputs are still the files it wrote. When the inputs changed, the document
is composed again (cheap) and rendered only if it differs: after fixing one region's row in a
shared data file, only that region's brief is rendered again.

The state of each build is a small JSON file in ``<output>/.sectorial/``.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sectorial import __version__, interrupts
from sectorial.brief.loader import load_brief
from sectorial.brief.model import Brief
from sectorial.errors import BriefError, Location, SectorialError, unknown_key_hint
from sectorial.lang.phrases import slug
from sectorial.periods import Period
from sectorial.style import STYLE_FILE, find_style

STATE_DIR = ".sectorial"
BUILT, UNCHANGED, FAILED, NOT_APPLICABLE = "construido", "sin cambios", "con error", "no aplica"


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
    job: Job
    status: str
    paths: tuple[Path, ...] = ()
    message: str = ""
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)


@dataclass
class Plan:
    jobs: list[Job]
    outcomes: list[Outcome]  # decided while planning: not applicable, or a brief that fails


# -- planning ---------------------------------------------------------------------------------
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
    _forget()
    files = brief_files(targets)
    from_folder = len(files) > 1 or any(t.is_dir() for t in targets)
    jobs: list[Job] = []
    outcomes: list[Outcome] = []
    for path in files:
        try:
            brief = brief_of(path, None)
            if period is not None and period.monthly != brief.period.monthly and from_folder:
                kind = "mensual" if brief.period.monthly else "anual"
                outcomes.append(Outcome(Job(path, period), NOT_APPLICABLE,
                                        message=f"informe {kind}; se pidió {period}"))
                continue
            if period is not None:
                brief = brief_of(path, period)
            if brief.fan_out is None:
                if only and from_folder:
                    outcomes.append(Outcome(Job(path, period), NOT_APPLICABLE,
                                            message="no se reparte por " + ", ".join(only)))
                    continue
                if only:
                    raise BriefError(
                        "este informe no declara 'por_cada': no se puede elegir "
                        + ", ".join(f"{k}={v}" for k, v in only.items()),
                        Location(str(path)), "quite --region/--only para este informe")
                jobs.append(Job(path, brief.period))
                continue
            values = _select(brief, fan_out_values(brief, out_dir), only)
            jobs.extend(Job(path, brief.period, value) for value in values)
        except SectorialError as exc:
            outcomes.append(Outcome(Job(path, period), FAILED, message=str(exc)))
    return Plan(jobs, outcomes)


def _select(brief: Brief, values: list[str], only: dict[str, str]) -> list[str]:
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
                         unknown_key_hint(wanted, values) + " (valores: "
                         + ", ".join(values) + ")")
    return chosen


def fan_out_values(brief: Brief, out_dir: Path) -> list[str]:
    """The distinct values of the brief's ``por_cada`` column, remembered by file content."""
    assert brief.fan_out is not None
    spec = brief.sources[brief.fan_out.source]
    try:
        key = _digest([repr(spec), brief.fan_out.column, file_digest(spec.path)])
    except OSError:
        key = ""
    cache = out_dir / STATE_DIR
    remembered = cache / f"valores-{key[:24]}.json"
    if key and remembered.is_file():
        try:
            return list(json.loads(remembered.read_text("utf-8")))
        except (OSError, ValueError):
            pass
    from sectorial.build import cached_table

    table = cached_table(spec)
    values = sorted({str(v) for v in table.frame[brief.fan_out.column] if str(v)}, key=slug)
    if key:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            remembered.write_text(json.dumps(values, ensure_ascii=False), "utf-8")
        except OSError:
            pass  # a cache that cannot be written only costs time
    return values


# -- what changed -----------------------------------------------------------------------------
_MEMO: dict[tuple, object] = {}
"""Digests and briefs already computed during this command (files do not change under it)."""


def _forget() -> None:
    _MEMO.clear()


def file_digest(path: Path) -> str:
    key = ("file", str(path))
    if key not in _MEMO:
        from sectorial.files import file_digest as digest

        _MEMO[key] = digest(path)
    return _MEMO[key]  # type: ignore[return-value]


def brief_of(path: Path, period: Period | None) -> Brief:
    """Read a brief once per command; without a period it is also the brief of its own."""
    key = ("brief", str(path), str(period))
    if key not in _MEMO:
        brief = load_brief(path, period)
        _MEMO[key] = _MEMO.setdefault(("brief", str(path), str(brief.period)), brief)
    return _MEMO[key]  # type: ignore[return-value]


def _digest(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


_CODE: list[str] = []


def code_fingerprint() -> str:
    """The package version and a hash of its source: a new version or a fix rebuilds."""
    if not _CODE:
        package = Path(__file__).resolve().parent
        from sectorial.files import file_digest

        files = sorted(package.rglob("*.py"))
        _CODE.append(_digest([__version__, *(f"{p.relative_to(package)}:{file_digest(p)}"
                                             for p in files)]))
    return _CODE[0]


def style_fingerprint(brief: Brief) -> str:
    folder = find_style(brief.style, brief.path.parent)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    if not (folder / STYLE_FILE).is_file():
        return ""
    return _digest(f"{p.relative_to(folder)}:{file_digest(p)}" for p in files)


def inputs_key(brief: Brief, value: str | None, formats: tuple[str, ...]) -> str:
    """Everything a build reads, hashed: same key, same documents."""
    data = []
    for key, spec in sorted(brief.sources.items()):
        try:
            data.append(f"{key}:{file_digest(spec.path)}")
        except OSError:
            data.append(f"{key}:falta")
    return _digest([code_fingerprint(), file_digest(brief.path), style_fingerprint(brief),
                    *data, str(brief.period), value or "", ",".join(formats)])


def provenance(brief: Brief) -> dict:
    """What a document came from, for the archive's manifest: data files by SHA-256, the
    house style, the edition and the package version."""
    year, month = brief.edition
    data = {}
    for spec in brief.sources.values():
        try:
            data[_shown(spec.path)] = file_digest(spec.path)
        except OSError:
            pass
    return {"datos": data, "estilo": brief.style, "estilo_sha256": style_fingerprint(brief),
            "edicion": f"{year:04d}-{month:02d}", "sectorial": __version__}


def _shown(path: Path) -> str:
    """A path as a person reads it: relative to the current folder when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def document_key(document: object, brief: Brief, formats: tuple[str, ...]) -> str:
    """The composed document with its style and code: same key, same bytes to render."""
    return _digest([code_fingerprint(), style_fingerprint(brief), repr(document),
                    ",".join(formats)])


def _state_path(out_dir: Path, job: Job) -> Path:
    name = _digest([str(job.brief.resolve()), str(job.period), job.value or ""])[:24]
    return out_dir / STATE_DIR / f"{name}.json"


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text("utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def _outputs_intact(state: dict, out_dir: Path) -> bool:
    from sectorial.files import file_digest  # the outputs may have just been written

    files = state.get("archivos") or {}
    try:
        return bool(files) and all(file_digest(out_dir / name) == digest
                                   for name, digest in files.items())
    except OSError:
        return False


def _write_state(path: Path, state: dict) -> None:
    from sectorial.files import write_all

    data = json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    write_all({path: data})


def unchanged(job: Job, out_dir: Path, formats: tuple[str, ...]) -> Outcome | None:
    """Return an outcome if the job's inputs and outputs are as the last build left them."""
    state = _read_state(_state_path(out_dir, job))
    if not state:
        return None
    brief = brief_of(job.brief, job.period)
    if state.get("entradas") != inputs_key(brief, job.value, formats):
        return None
    if not _outputs_intact(state, out_dir):
        return None
    paths = tuple(out_dir / name for name in state["archivos"])
    return Outcome(job, UNCHANGED, paths)


# -- building ---------------------------------------------------------------------------------
def run_job(job: Job, out_dir: Path, formats: tuple[str, ...], force: bool,
            spare_core: bool = False) -> Outcome:
    """Build one document; a user's error becomes a failed outcome, never an exception."""
    from sectorial.build import Timings, prepare, render
    from sectorial.files import file_digest as output_digest

    start = time.perf_counter()
    timings = Timings()
    try:
        prepared = prepare(job.brief, job.period, timings, job.value)
        state_path = _state_path(out_dir, job)
        state = {} if force else _read_state(state_path)
        doc_key = document_key(prepared.document, prepared.brief, formats)
        entries = {"informe": str(job.brief), "periodo": str(prepared.brief.period),
                   "valor": job.value, "entradas": inputs_key(prepared.brief, job.value, formats),
                   "documento": doc_key, **provenance(prepared.brief)}
        if not force and state.get("documento") == doc_key and _outputs_intact(state, out_dir):
            _write_state(state_path, {**state, **entries})
            paths = tuple(out_dir / name for name in state["archivos"])
            return Outcome(job, UNCHANGED, paths, "el documento no cambió",
                           time.perf_counter() - start, timings.stages)
        paths = render(prepared, out_dir, formats, timings, spare_core)
        files = {p.name: output_digest(p) for p in paths}
        _write_state(state_path, {**entries, "archivos": files})
        return Outcome(job, BUILT, paths, "", time.perf_counter() - start, timings.stages)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if interrupts.received():  # a library turned Ctrl-C or SIGTERM into its own error
            raise KeyboardInterrupt from exc
        if isinstance(exc, SectorialError):
            return Outcome(job, FAILED, (), str(exc), time.perf_counter() - start,
                           timings.stages)
        if os.environ.get("SECTORIAL_DEPURAR"):
            raise
        # A bug of ours: this document fails, the others go on.
        return Outcome(job, FAILED, (), f"error interno de sectorial ({type(exc).__name__}: "
                       f"{exc}); ejecute de nuevo con SECTORIAL_DEPURAR=1 para ver el detalle",
                       time.perf_counter() - start, timings.stages)


def run(
    jobs: list[Job], out_dir: Path, formats: tuple[str, ...], workers: int, force: bool,
    report: Callable[[Outcome], None],
) -> list[Outcome]:
    """Build every job (skipping unchanged ones); call ``report`` as each one ends."""
    outcomes: list[Outcome] = []
    pending: list[Job] = []
    for job in jobs:
        try:
            done = None if force else unchanged(job, out_dir, formats)
        except SectorialError:
            done = None  # the build will say what is wrong
        if done is not None:
            outcomes.append(done)
            report(done)
        else:
            pending.append(job)
    if not pending:
        return outcomes
    if workers <= 1 or len(pending) == 1:
        for job in pending:  # one document and two cores: its formats share them
            outcome = run_job(job, out_dir, formats, force, spare_core=workers > 1)
            outcomes.append(outcome)
            report(outcome)
        return outcomes
    _warm_up(pending)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(workers, len(pending)),
                             mp_context=context) as pool:
        futures: dict[Future, Job] = {
            pool.submit(run_job, job, out_dir, formats, force): job for job in pending
        }
        try:
            remaining = set(futures)
            while remaining:
                finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for future in finished:
                    outcome = _result(future, futures[future])
                    outcomes.append(outcome)
                    report(outcome)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return outcomes


def _result(future: Future, job: Job) -> Outcome:
    try:
        return future.result()
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a worker that died (out of memory, killed)
        return Outcome(job, FAILED, message=f"el proceso de construcción terminó mal ({exc})")


def _warm_up(jobs: list[Job]) -> None:
    """Import the heavy libraries and read each brief's data once before forking, so that
    every worker starts with them (copy-on-write) instead of repeating the work."""
    from sectorial.build import load_tables
    from sectorial.render import charts  # noqa: F401 - imported for the workers
    from sectorial.render.formats import FORMATS, renderer_module
    from sectorial.render.word import charts as word_charts  # noqa: F401

    for fmt in FORMATS.names():
        renderer_module(fmt)

    for path, period in dict.fromkeys((job.brief, job.period) for job in jobs):
        try:
            load_tables(load_brief(path, period))
        except SectorialError:
            pass  # each job reports its own errors


def summary(outcomes: list[Outcome], seconds: float) -> str:
    counts = {status: sum(o.status == status for o in outcomes)
              for status in (BUILT, UNCHANGED, FAILED, NOT_APPLICABLE)}
    words = {BUILT: "construidos", UNCHANGED: "sin cambios", FAILED: "con error",
             NOT_APPLICABLE: "no aplica"}
    parts = [f"{counts[s]} {words[s]}" for s in (BUILT, UNCHANGED, FAILED)]
    if counts[NOT_APPLICABLE]:
        parts.append(f"{counts[NOT_APPLICABLE]} no aplica")
    return f"resumen: {', '.join(parts)}; tiempo {seconds:.2f} s"


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def progress_reporter(total: int, stream=None):  # type: ignore[no-untyped-def]
    """A rich progress bar on a terminal; plain lines otherwise (logs, CI, pipes)."""
    stream = stream or sys.stdout
    if stream.isatty() and total > 1 and not os.environ.get("CI"):
        return _RichProgress(total)
    return _PlainProgress(total, stream)


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
    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console(stderr=False)
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


def outcome_line(outcome: Outcome) -> str:
    """One line for a document: its error, why it does not apply, or the files written."""
    if outcome.status == FAILED:
        return f"error en {outcome.job.label}: {outcome.message}"
    if outcome.status == NOT_APPLICABLE:
        return f"no aplica: {outcome.job.label} ({outcome.message})"
    names = ", ".join(p.name for p in outcome.paths)
    return f"{outcome.status}: {names} ({outcome.seconds:.2f} s)"


def _print_outcome(outcome: Outcome, prefix: str, stream) -> None:  # type: ignore[no-untyped-def]
    if outcome.status in (FAILED, NOT_APPLICABLE):
        print(prefix + outcome_line(outcome),
              file=sys.stderr if outcome.status == FAILED else stream, flush=True)
        return
    verb = "escrito" if outcome.status == BUILT else "sin cambios"
    for path in outcome.paths:
        print(f"{prefix}{verb}: {path}", file=stream, flush=True)
