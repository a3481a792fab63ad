"""``sectorial archive verify --rebuild``: build each archived PDF again from the inputs its
manifest entry records, and compare the bytes.

Same brief, data, house style and period give the same bytes with the same library versions
(``reproducible``). An entry whose inputs are gone or changed since (next month's data in the
same file) cannot be rebuilt, and says why; one rebuilt with other bytes names the versions
that differ from those recorded when it was archived.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sectorial import __version__
from sectorial.errors import SectorialError
from sectorial.files import file_digest
from sectorial.periods import PeriodError
from sectorial.reproducible import library_versions, version_changes

REPRODUCED, DIFFERENT, NOT_REBUILT = "reproducido", "distinto", "no reconstruible"


@dataclass(frozen=True)
class Rebuilt:
    """How the rebuild of one archived PDF went."""

    path: Path
    status: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.status}: {self.path}" + (f" ({self.detail})" if self.detail else "")


def rebuild(entry: dict, archive_dir: Path) -> Rebuilt:
    """Build the PDF of one manifest entry again and compare it with the archived one."""
    path = archive_dir / entry["archivo"]
    reason = _inputs_changed(entry)
    if reason:
        return Rebuilt(path, NOT_REBUILT, reason)
    try:
        data = _built_pdf(entry)
    except SectorialError as exc:
        return Rebuilt(path, NOT_REBUILT, f"la construcción falla: {exc.message}")
    except (PeriodError, OSError, KeyError, ValueError) as exc:  # an entry written otherwise
        return Rebuilt(path, NOT_REBUILT, f"la entrada del manifiesto no se puede usar ({exc})")
    if data is None:
        return Rebuilt(path, NOT_REBUILT, "el estilo de la casa cambió desde que se archivó")
    if hashlib.sha256(data).hexdigest() == entry["sha256"]:
        return Rebuilt(path, REPRODUCED, "los mismos bytes")
    recorded = entry.get("bibliotecas")
    if not recorded:
        return Rebuilt(path, DIFFERENT, "otros bytes; el archivo no registró las versiones de "
                       "las bibliotecas con que se construyó")
    now = {**library_versions(), "sectorial": __version__}
    changes = version_changes({**recorded, "sectorial": entry.get("sectorial", "")}, now)
    if changes:
        return Rebuilt(path, DIFFERENT, "otros bytes con otras versiones: " + ", ".join(changes)
                       + "; instale las registradas para reproducirlo")
    return Rebuilt(path, DIFFERENT, "otros bytes con las mismas versiones: informe este "
                   "problema (es un defecto de sectorial)")


def _inputs_changed(entry: dict) -> str:
    """Why the recorded inputs are no longer there as they were ('' when they are)."""
    brief = entry.get("informe")
    if not brief or not Path(brief).is_file():
        return (f"no se encuentra el informe '{brief}': ejecute desde la carpeta donde se "
                "construyó")
    for shown, digest in (entry.get("datos") or {}).items():
        data = Path(shown)
        if not data.is_file():
            return f"ya no está el archivo de datos {shown}"
        if file_digest(data) != digest:
            return f"los datos de {shown} cambiaron desde que se archivó"
    return ""


def _built_pdf(entry: dict) -> bytes | None:
    """The PDF built from the entry's brief, period and value (``None`` when the house
    style is no longer the one recorded)."""
    from sectorial.batch.state import style_fingerprint
    from sectorial.periods import Period
    from sectorial.pipeline import Timings, prepare, rendered

    period = Period.parse(str(entry["periodo"])) if entry.get("periodo") else None
    timings = Timings()
    prepared = prepare(Path(entry["informe"]), period, timings, entry.get("valor"))
    if entry.get("estilo_sha256") and \
            style_fingerprint(prepared.brief) != entry["estilo_sha256"]:
        return None
    files = rendered(prepared, ("pdf",), timings)
    return next(data for name, data in files.items() if name.endswith(".pdf"))
