"""One build as named stages: load → compute → compose → render → write.

Every output is rendered in memory first and written to a temporary file in the target
folder, then renamed: a failed or interrupted build leaves the previous files intact.
"""

from __future__ import annotations

import importlib
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sectorial.brief.loader import load_brief
from sectorial.brief.schema import Brief
from sectorial.data.loader import Table, load_table
from sectorial.doc.model import Document
from sectorial.errors import RenderError, SectorialError, raise_all
from sectorial.indicators.compute import compute_all
from sectorial.indicators.values import Indicator
from sectorial.periods import Period
from sectorial.style import Theme, find_style, load_theme

RENDERERS: dict[str, str] = {
    "docx": "sectorial.render.docx:render_docx",
    "pdf": "sectorial.render.pdf:render_pdf",
}
"""Output format -> "module:function"; a new format is one module and one line here."""


@dataclass
class Timings:
    """Wall time of each stage, in seconds, in the order they ran."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start

    @property
    def total(self) -> float:
        return sum(self.stages.values())


@dataclass(frozen=True)
class Prepared:
    """Everything a build knows before rendering."""

    brief: Brief
    theme: Theme
    tables: Mapping[str, Table]
    indicators: Mapping[str, Indicator]
    document: Document


@dataclass(frozen=True)
class BuildResult:
    paths: tuple[Path, ...]
    timings: Timings


def prepare(brief_path: Path, period: Period | None, timings: Timings) -> Prepared:
    """Load the brief, house style and data; compute indicators; compose the document."""
    with timings.stage("carga"):
        brief = load_brief(brief_path, period)
        theme = load_theme(find_style(brief.style, brief.path.parent))
        tables = load_tables(brief)
    with timings.stage("indicadores"):
        indicators = compute_all(brief.indicators, tables, brief.period, theme.share_rounding)
    with timings.stage("texto"):
        from sectorial.text.compose import compose

        document = compose(brief, indicators, theme)
    return Prepared(brief, theme, tables, indicators, document)


def load_tables(brief: Brief) -> dict[str, Table]:
    """Load every data source the brief declares, reporting all failures together."""
    tables: dict[str, Table] = {}
    errors: list[SectorialError] = []
    for key, spec in brief.sources.items():
        try:
            tables[key] = load_table(spec)
        except SectorialError as exc:
            errors.append(exc)
    raise_all(errors)
    return tables


def build(
    brief_path: Path, out_dir: Path, formats: tuple[str, ...], period: Period | None = None
) -> BuildResult:
    """Build the brief into ``out_dir`` in each of ``formats``; return the paths written."""
    timings = Timings()
    prepared = prepare(brief_path, period, timings)
    with timings.stage("gráficos"):
        from sectorial.render.charts import render_charts

        images = render_charts(prepared.document, prepared.theme)
    outputs: dict[Path, bytes] = {}
    for fmt in formats:
        with timings.stage(fmt.upper()):
            buffer = io.BytesIO()
            renderer(fmt)(prepared.document, prepared.theme, images, buffer)
            outputs[out_dir / f"{prepared.document.name}.{fmt}"] = buffer.getvalue()
    with timings.stage("escritura"):
        paths = write_all(outputs)
    return BuildResult(paths, timings)


def renderer(fmt: str) -> Callable[..., None]:
    """Import and return the render function of ``fmt``."""
    if fmt not in RENDERERS:
        raise RenderError(f"formato desconocido '{fmt}'", hint="use " + ", ".join(RENDERERS))
    module, function = RENDERERS[fmt].split(":")
    return getattr(importlib.import_module(module), function)


def write_all(outputs: Mapping[Path, bytes]) -> tuple[Path, ...]:
    """Write each file through a temporary name and rename it; clean up on any failure."""
    temporaries: list[tuple[Path, Path]] = []
    mode = 0o666 & ~_umask()  # mkstemp creates 0600; outputs get the usual permissions
    try:
        for path, data in outputs.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                            dir=path.parent)
            temporaries.append((Path(name), path))
            os.chmod(name, mode)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for temporary, path in temporaries:
            os.replace(temporary, path)
    except OSError as exc:
        raise SectorialError(
            f"no se pudo escribir '{exc.filename or path}' ({exc.strerror})",
            hint="verifique que la carpeta de salida exista y se pueda escribir",
        ) from exc
    finally:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
    return tuple(outputs)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
