"""The archive of published PDFs: PDF/A checked, laid out by edition, never overwritten.

``<archivo>/2025/05/vraem-2024.pdf`` (year and month of the edition), read-only, and one
JSON line per file in ``manifiesto.jsonl``: where it is, its SHA-256 and size, when it was
archived, and what it came from (brief, period, region, house style, package version and
the SHA-256 of every data file, taken from the build that wrote the PDF). The same bytes
archived again are a no-op; other bytes for the same edition become ``vraem-2024.v2.pdf``.
The PDF and the new manifest are written to temporary files and renamed: an interrupted
archive leaves no partial file and the previous manifest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sectorial.errors import Location, SectorialError
from sectorial.files import file_digest, write_all

MANIFEST = "manifiesto.jsonl"
ARCHIVED, ALREADY = "archivado", "ya archivado"


class ArchiveError(SectorialError):
    """A file that cannot be archived, or an archive that is not as its manifest says."""


@dataclass(frozen=True)
class Archived:
    status: str
    path: Path
    entry: dict








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
    digest = hashlib.sha256(data).hexdigest()
    entries = read_manifest(archive_dir)
    for entry in entries:
        if entry["sha256"] == digest:
            return Archived(ALREADY, archive_dir / entry["archivo"], entry)
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
        "archivado": datetime.now().astimezone().isoformat(timespec="seconds"),
        "informe": state.get("informe"), "periodo": state.get("periodo"),
        "valor": state.get("valor"), "edicion": state.get("edicion"),
        "estilo": state.get("estilo"), "estilo_sha256": state.get("estilo_sha256"),
        "sectorial": state.get("sectorial"), "datos": state.get("datos", {}),
    }
    manifest = archive_dir / MANIFEST
    lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                    for e in [*entries, entry])
    if target.exists():
        target.chmod(0o444)
        write_all({manifest: lines.encode("utf-8")})
    else:
        write_all({target: data, manifest: lines.encode("utf-8")}, modes={target: 0o444})
    return Archived(ARCHIVED, target, entry)


def verify(archive_dir: Path) -> tuple[int, list[str]]:
    """Check every archived file; return how many were checked and the problems found."""
    from sectorial.render.pdf.pdfa import pdfa_problems

    if not archive_dir.is_dir():
        raise ArchiveError("no existe la carpeta del archivo", Location(str(archive_dir)),
                           "revise --archive-dir: la carpeta donde 'sectorial archive' guardó "
                           "los PDF")
    entries = read_manifest(archive_dir)
    if not entries:
        raise ArchiveError("el archivo no tiene nada registrado: no hay qué verificar",
                           Location(str(archive_dir / MANIFEST)),
                           "archive primero los PDF publicados (sectorial archive), o revise "
                           "la carpeta")
    problems: list[str] = []
    listed = set()
    for entry in entries:
        path = archive_dir / entry["archivo"]
        listed.add(path.resolve())
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
            if path.is_file() and path.name != MANIFEST and path.resolve() not in listed:
                problems.append(f"no registrado: {path} (no está en el manifiesto)")
    return len(entries), problems
