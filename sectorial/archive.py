"""The archive of published PDFs: PDF/A checked, laid out by edition, never overwritten.

``<archivo>/2025/05/vraem-2024.pdf`` (year and month of the edition), read-only, and one
JSON line per file in ``manifiesto.jsonl``: where it is, its SHA-256 and size, when it was
archived, and what it came from (brief, period, region, house style, package version and
the SHA-256 of every data file, taken from the build that wrote the PDF). The same bytes
archived again are a no-op; other bytes for the same edition become ``vraem-2024.v2.pdf``.
The PDF and the new manifest are written to temporary files and renamed: an interrupted
archive leaves no partial file and the previous manifest; a lock on the manifest makes two
archives at once wait for each other instead of losing an entry.

The manifest is a chain: each entry carries in ``anterior`` the SHA-256 of the line before
it, so that a PDF replaced together with its hash breaks the link after it. The hash of the
last line, the chain's head, is printed after each archive: an office that records it
elsewhere can check with ``archive verify --head HASH`` that nothing was rewritten, the last
entry included.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sectorial import clock
from sectorial.errors import Location, SectorialError
from sectorial.files import exclusive, file_digest, write_all

MANIFEST = "manifiesto.jsonl"
LOCK = ".manifiesto.lock"
LOCK_SECONDS = 60  # another archive of the same folder takes a second or two
ARCHIVED, ALREADY = "archivado", "ya archivado"


class ArchiveError(SectorialError):
    """A file that cannot be archived, or an archive that is not as its manifest says."""


@dataclass(frozen=True)
class Archived:
    status: str
    path: Path
    entry: dict
    head: str  # the chain's head after this archive


def line_of(entry: dict) -> str:
    """An entry as the manifest writes it (and hashes it): one canonical JSON line."""
    return json.dumps(entry, ensure_ascii=False, sort_keys=True)


def link(entry: dict) -> str:
    """The SHA-256 of an entry's line: what the next entry carries in ``anterior``."""
    return hashlib.sha256(line_of(entry).encode("utf-8")).hexdigest()


def head(entries: list[dict]) -> str:
    """The chain's head: the hash of its last entry ("" for an empty archive)."""
    return link(entries[-1]) if entries else ""


@contextmanager
def _locked(archive_dir: Path) -> Iterator[None]:
    """Hold the manifest's lock for the block; another archive holding it too long is an
    error that says what to do."""
    archive_dir.mkdir(parents=True, exist_ok=True)
    taken = ArchiveError(f"otro proceso tiene tomado el archivo hace más de {LOCK_SECONDS} s",
                         Location(str(archive_dir / LOCK)),
                         "espere a que termine el otro 'sectorial archive'")
    with exclusive(archive_dir / LOCK, LOCK_SECONDS, lambda: taken):
        yield








# -- provenance -------------------------------------------------------------------------------
def provenance(pdf: Path, digest: str) -> dict:
    """The build record of ``pdf`` (in its folder's state), matched by content."""
    from sectorial.batch import STATE_DIR, StateRecord

    record = StateRecord.of_output(pdf, digest)
    if record is None:
        raise ArchiveError(
            "no se sabe de qué datos salió este PDF: ninguna construcción registrada en "
            f"{pdf.parent / STATE_DIR} lo escribió con este contenido",
            Location(str(pdf)),
            "constrúyalo con 'sectorial build … --archive' (o build y luego archive, sin "
            "modificar el PDF entre ambos)")
    return record.data


# -- the manifest -----------------------------------------------------------------------------
def read_manifest(archive_dir: Path) -> list[dict]:
    path = archive_dir / MANIFEST
    if not path.exists():
        return []
    entries = []
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"no se puede leer el manifiesto ({exc})", Location(str(path)),
                           "restaure el manifiesto desde su copia de respaldo") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            if not isinstance(entry, dict) or not {"archivo", "sha256"} <= set(entry):
                raise ValueError("faltan 'archivo' o 'sha256'")
        except ValueError as exc:
            raise ArchiveError(f"línea dañada en el manifiesto ({exc})",
                               Location(str(path), line=number),
                               "restaure el manifiesto desde su copia de respaldo; no lo "
                               "edite a mano") from exc
        entries.append(entry)
    return entries


def archive_pdf(pdf: Path, archive_dir: Path) -> Archived:
    """Archive one built PDF; return where it is and its manifest entry."""
    if not pdf.is_file():
        raise ArchiveError("no existe el archivo", Location(str(pdf)),
                           "indique un PDF construido, p. ej. output/vraem-2024.pdf")
    if pdf.suffix.lower() != ".pdf":
        raise ArchiveError("solo se archivan PDF", Location(str(pdf)),
                           "indique el .pdf del informe")
    from sectorial.render.pdf.pdfa import pdfa_problems

    problems = pdfa_problems(pdf)
    if problems:
        more = f" (y {len(problems) - 3} más)" if len(problems) > 3 else ""
        raise ArchiveError("no es un PDF/A válido: " + "; ".join(problems[:3]) + more,
                           Location(str(pdf)),
                           "constrúyalo de nuevo con un estilo que tenga 'pdfa: \"2b\"' y no "
                           "lo modifique después")
    data = pdf.read_bytes()
    try:
        with _locked(archive_dir):
            return _archive(pdf, data, archive_dir)
    except OSError as exc:
        raise ArchiveError(f"no se puede escribir en la carpeta del archivo ({exc.strerror})",
                           Location(str(archive_dir)),
                           "revise --archive-dir y sus permisos") from exc


def _archive(pdf: Path, data: bytes, archive_dir: Path) -> Archived:
    """Archive ``data`` (the bytes of ``pdf``), with the manifest locked."""
    digest = hashlib.sha256(data).hexdigest()
    entries = read_manifest(archive_dir)
    for entry in entries:
        if entry["sha256"] == digest:
            return Archived(ALREADY, archive_dir / entry["archivo"], entry, head(entries))
    state = provenance(pdf, digest)
    year, month = str(state["edicion"]).split("-")
    folder = Path(year) / month
    name = pdf.stem
    versions = [e for e in entries if e.get("documento") == name
                and Path(e["archivo"]).parent == folder]
    version = max((int(e.get("version", 1)) for e in versions), default=0) + 1
    while True:
        relative = folder / (f"{name}.pdf" if version == 1 else f"{name}.v{version}.pdf")
        target = archive_dir / relative
        if not target.exists():
            break
        if file_digest(target) == digest:  # an archive interrupted before its manifest
            break
        version += 1
    entry = {
        "archivo": relative.as_posix(), "documento": name, "version": version,
        "sha256": digest, "bytes": len(data),
        "archivado": clock.now(),
        "informe": state.get("informe"), "periodo": state.get("periodo"),
        "valor": state.get("valor"), "edicion": state.get("edicion"),
        "estilo": state.get("estilo"), "estilo_sha256": state.get("estilo_sha256"),
        "sectorial": state.get("sectorial"), "bibliotecas": state.get("bibliotecas"),
        "datos": state.get("datos", {}),
        "anterior": head(entries),
    }
    manifest = archive_dir / MANIFEST
    lines = "".join(line_of(e) + "\n" for e in [*entries, entry])
    if target.exists():
        target.chmod(0o444)
        write_all({manifest: lines.encode("utf-8")})
    else:
        write_all({target: data, manifest: lines.encode("utf-8")}, modes={target: 0o444})
    return Archived(ARCHIVED, target, entry, link(entry))


def verify(archive_dir: Path, recorded: str | None = None) -> tuple[int, list[str]]:
    """Check every archived file and the manifest's chain (against the ``recorded`` head,
    when given); return how many were checked and the problems found."""
    if not archive_dir.is_dir():
        raise ArchiveError("no existe la carpeta del archivo", Location(str(archive_dir)),
                           "revise --archive-dir: la carpeta donde 'sectorial archive' guardó "
                           "los PDF")
    with _locked(archive_dir):  # an archive half done would show its temporary files
        return _verify(archive_dir, recorded)


def _verify(archive_dir: Path, recorded: str | None) -> tuple[int, list[str]]:
    from sectorial.render.pdf.pdfa import pdfa_problems

    entries = read_manifest(archive_dir)
    if not entries:
        raise ArchiveError("el archivo no tiene nada registrado: no hay qué verificar",
                           Location(str(archive_dir / MANIFEST)),
                           "archive primero los PDF publicados (sectorial archive), o revise "
                           "la carpeta")
    problems = _chain_problems(entries, recorded, archive_dir / MANIFEST)
    listed = set()
    for entry in entries:
        path = archive_dir / entry["archivo"]
        listed.add(path.resolve())
        if _linked(path, archive_dir):
            problems.append(f"enlace: {path} (en su lugar debe estar el PDF archivado, no un "
                            "enlace a otro archivo)")
            continue
        if not path.is_file():
            problems.append(f"falta: {path} (el manifiesto lo registra)")
            continue
        if file_digest(path) != entry["sha256"]:
            problems.append(f"alterado: {path} (su SHA-256 ya no es el del manifiesto)")
            continue
        for problem in pdfa_problems(path)[:3]:
            problems.append(f"no cumple PDF/A: {path}: {problem}")
    if archive_dir.is_dir():
        for path in sorted(archive_dir.rglob("*")):
            if path.is_file() and path.name not in (MANIFEST, LOCK) \
                    and path.resolve() not in listed:
                problems.append(f"no registrado: {path} (no está en el manifiesto)")
    return len(entries), problems


def _linked(path: Path, archive_dir: Path) -> bool:
    """Whether ``path`` or a folder between it and the archive is a symbolic link."""
    while path != archive_dir and path != path.parent:
        if path.is_symlink():
            return True
        path = path.parent
    return False


def _chain_problems(entries: list[dict], recorded: str | None, manifest: Path) -> list[str]:
    """The broken links of the manifest's chain, and a head that is not the recorded one.

    Entries written before the chain existed (no ``anterior``) may only open the manifest."""
    problems = []
    chained = False
    for number, entry in enumerate(entries, start=1):
        if "anterior" not in entry:
            if chained:
                problems.append(f"cadena rota: {manifest}, línea {number}, no dice qué "
                                "entrada la precede (la línea se agregó o editó a mano)")
            continue
        chained = True
        before = link(entries[number - 2]) if number > 1 else ""
        if entry["anterior"] != before:
            problems.append(f"cadena rota: {manifest}, línea {number}: la línea anterior no "
                            "es la que se archivó (se editó, se quitó o se cambió de lugar)")
    if recorded is not None and later(entries, recorded) is None:
        problems.append(f"la cabeza registrada {recorded.strip()[:16]}… no está en la cadena "
                        f"de {manifest}: el manifiesto se reescribió después de registrarla")
    return problems


def later(entries: list[dict], recorded: str) -> int | None:
    """How many entries were archived after the one whose hash is ``recorded`` (None when
    no entry has it)."""
    links = [link(entry) for entry in entries]
    wanted = recorded.strip().lower()
    return len(links) - 1 - links.index(wanted) if wanted in links else None
