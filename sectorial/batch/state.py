"""The build state: what each document was built from, kept in ``<output>/.sectorial/``.

A ``StateRecord`` owns one document's file: the hash of every input (the brief, its data
files, the house style, the package code, the period, the region, the formats), the hash
of the composed document, the files written with their hashes, and the provenance the
archive's manifest copies. Nothing outside this module reads or writes those files: the
archive finds the record of a PDF with ``StateRecord.of_output``.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sectorial import __version__
from sectorial.batch.jobs import Job
from sectorial.batch.memo import digest, file_digest, once
from sectorial.brief.model import Brief
from sectorial.errors import Location, SectorialError
from sectorial.reproducible import library_versions
from sectorial.style import STYLE_FILE
from sectorial.style.loader import find_style

STATE_DIR = ".sectorial"
_VALUES = "valores-"  # remembered fan-out values, beside the records
_CODE: list[str] = []


@dataclass
class StateRecord:
    """The state of one document's last build (empty before the first)."""

    path: Path
    data: dict = field(default_factory=dict)

    @classmethod
    def of(cls, out_dir: Path, job: Job) -> StateRecord:
        name = digest([str(job.brief.resolve()), str(job.period), job.value or ""])[:24]
        return cls.read(out_dir / STATE_DIR / f"{name}.json")

    @classmethod
    def read(cls, path: Path) -> StateRecord:
        try:
            state = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            state = {}
        return cls(path, state if isinstance(state, dict) else {})

    @classmethod
    def of_output(cls, file: Path, sha256: str) -> StateRecord | None:
        """The record of the build that wrote ``file`` (beside its folder's state) with this
        content, if it kept the provenance."""
        for path in sorted((file.parent / STATE_DIR).glob("*.json")):
            if not path.name.startswith(_VALUES):
                record = cls.read(path)
                if record.files.get(file.name) == sha256 and "datos" in record.data:
                    return record
        return None

    @property
    def files(self) -> dict[str, str]:
        """The files written (name -> SHA-256)."""
        return self.data.get("archivos") or {}

    def get(self, key: str) -> object:
        return self.data.get(key)

    def outputs_intact(self, out_dir: Path) -> bool:
        """Whether every file of the last build is still there, as it was written."""
        from sectorial.files import file_digest as fresh  # the outputs may have just changed

        try:
            return bool(self.files) and all(fresh(out_dir / name) == sha
                                            for name, sha in self.files.items())
        except OSError:
            return False

    def outputs(self, out_dir: Path) -> tuple[Path, ...]:
        return tuple(out_dir / name for name in self.files)

    def save(self, data: dict, written: tuple[Path, ...] = ()) -> None:
        """Replace the record with ``data``, atomically. When it cannot be written after
        the ``written`` outputs were, the error says that they were."""
        from sectorial.files import write_all

        self.data = data
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        try:
            write_all({self.path: text.encode("utf-8")})
        except SectorialError as exc:
            if not written:
                raise
            names = ", ".join(p.name for p in written)
            raise SectorialError(
                f"se escribieron {names}, pero no su registro: {exc.message}",
                Location(str(self.path.parent)),
                "dé permiso de escritura a esa carpeta (o libere espacio): sin el registro, "
                "la próxima vez se construirá de nuevo y 'archive' no sabrá de qué datos "
                "salieron") from exc

    def check_writable(self) -> None:
        """Refuse, before any output is replaced, a state folder that cannot be written."""
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise SectorialError(
                f"no se puede escribir el registro de construcciones ({exc.strerror or exc}); "
                "no se reemplazó ningún archivo", Location(str(folder)),
                "dé permiso de escritura a esa carpeta, o construya en otra con --out") from exc


def remembered_values(out_dir: Path, key: str) -> list[str] | None:
    """The fan-out values remembered under ``key`` (a digest of the data), if any."""
    path = out_dir / STATE_DIR / f"{_VALUES}{key[:24]}.json"
    try:
        return list(json.loads(path.read_text("utf-8"))) if key else None
    except (OSError, ValueError):
        return None


def remember_values(out_dir: Path, key: str, values: list[str]) -> None:
    if not key:
        return
    path = out_dir / STATE_DIR / f"{_VALUES}{key[:24]}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, ensure_ascii=False), "utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time


def code_fingerprint() -> str:
    """The package version and a hash of its source: a new version or a fix rebuilds."""
    if not _CODE:
        package = Path(__file__).resolve().parents[1]
        from sectorial.files import file_digest as fresh

        files = sorted(package.rglob("*.py"))
        _CODE.append(digest([__version__, *(f"{p.relative_to(package)}:{fresh(p)}"
                                            for p in files)]))
    return _CODE[0]


def style_fingerprint(brief: Brief, folder: Path | None = None) -> str:
    """The house style's files, hashed (once per command for each style and folder);
    ``folder``: the style's folder, when it is known."""
    key = ("estilo", brief.style, str(brief.path.parent.resolve()), str(Path.cwd()),
           str(folder))
    return once(key, lambda: _style_fingerprint(brief, folder))  # type: ignore[return-value]


def _style_fingerprint(brief: Brief, folder: Path | None) -> str:
    folder = folder or find_style(brief.style, brief.path.parent)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    if not (folder / STYLE_FILE).is_file():
        return ""
    return digest(f"{p.relative_to(folder)}:{file_digest(p)}" for p in files)


def inputs_key(brief: Brief, value: str | None, formats: tuple[str, ...]) -> str:
    """Everything a build reads, hashed: same key, same documents."""
    data = []
    for key, spec in sorted(brief.sources.items()):
        try:
            data.append(f"{key}:{file_digest(spec.path)}")
        except OSError:
            data.append(f"{key}:falta")
    return digest([code_fingerprint(), file_digest(brief.path), style_fingerprint(brief),
                   *data, str(brief.period), value or "", ",".join(formats)])


def document_key(document: object, brief: Brief, formats: tuple[str, ...],
                 style: Path | None = None) -> str:
    """The composed document with its style and code: same key, same bytes to render."""
    return digest([code_fingerprint(), style_fingerprint(brief, style), repr(document),
                   ",".join(formats)])


def provenance(brief: Brief) -> dict:
    """What a document came from, for the archive's manifest: data files by SHA-256, the
    house style, the edition, the package's version and its libraries'."""
    year, month = brief.edition
    data = {}
    for spec in brief.sources.values():
        try:
            data[_shown(spec.path)] = file_digest(spec.path)
        except OSError:
            pass
    return {"datos": data, "estilo": brief.style, "estilo_sha256": style_fingerprint(brief),
            "edicion": f"{year:04d}-{month:02d}", "sectorial": __version__,
            "bibliotecas": library_versions()}


def _shown(path: Path) -> str:
    """A path as a person reads it: relative to the current folder when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)
