"""The Python API, for notebooks and scripts: ``sectorial.build(brief, period=…, region=…)``.

It builds as ``sectorial build`` does, in memory: nothing is written until ``save``. Each
document carries its files' bytes and its figures ledger as a pandas DataFrame. A problem
raises the same ``SectorialError`` the command line prints (file, line or row, field, what
to do)::

    import sectorial
    docs = sectorial.build("briefs/exportaciones-regionales.yaml", period="2025-09",
                           region="Junín")
    docs[0].ledger[["texto_impreso", "indicador", "origen"]]
    docs[0].save("output")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sectorial.errors import SectorialError
from sectorial.periods import PERIOD_HELP, Period, PeriodError

__all__ = ["Document", "build"]


@dataclass(frozen=True)
class Document:
    """One built document: its name, period, ``por_cada`` value and files."""

    name: str
    period: str
    value: str | None
    files: dict[str, bytes] = field(repr=False)
    """Each file's name (``vraem-2024.pdf``, ``vraem-2024.cifras.csv``…) and bytes."""

    @property
    def docx(self) -> bytes | None:
        return self._format("docx")

    @property
    def pdf(self) -> bytes | None:
        return self._format("pdf")

    @property
    def ledger(self) -> Any:
        """The figures ledger as a pandas DataFrame: one row per figure printed, with the
        page, the text as printed, the exact value, its indicator and its data origin."""
        from sectorial.data.table import typed_frame
        from sectorial.render.ledger import LEDGER_SUFFIX

        return typed_frame(self.files[f"{self.name}{LEDGER_SUFFIX}"],
                           numbers=("valor_exacto",), integers=("pagina", "linea"))

    def save(self, folder: str | Path = "output") -> tuple[Path, ...]:
        """Write the files into ``folder``, each complete or not at all; return their
        paths."""
        from sectorial.files import write_all

        return write_all({Path(folder) / name: data for name, data in self.files.items()})

    def _format(self, fmt: str) -> bytes | None:
        return self.files.get(f"{self.name}.{fmt}")


def build(brief: str | Path, period: str | int | Period | None = None,
          region: str | None = None, *, only: dict[str, str] | None = None,
          formats: Iterable[str] = ("docx", "pdf")) -> list[Document]:
    """Build ``brief`` for ``period`` (``2024``, ``"2025-09"``, ``"setiembre 2025"``; by
    default the brief's own) and return its documents: one, or one per value of its
    ``por_cada`` column, or only ``region``'s (accents and case aside). ``only`` picks by
    any column of ``por_cada`` (``{"region": "Junín"}``); ``formats``: "docx", "pdf"."""
    from sectorial.batch.memo import brief_of, forget
    from sectorial.batch.plan import chosen_values
    from sectorial.pipeline import Timings, prepare, rendered

    path, asked = Path(brief), _period(period)
    chosen = _formats(formats)
    wanted = dict(only or {})
    if region is not None:
        wanted["region"] = region
    forget()
    documents = []
    for value in chosen_values(brief_of(path, asked), wanted, None):
        prepared = prepare(path, asked, Timings(), value)
        files = rendered(prepared, chosen, Timings())
        documents.append(Document(prepared.document.name, str(prepared.brief.period), value,
                                  files))
    return documents


def _period(period: str | int | Period | None) -> Period | None:
    if period is None or isinstance(period, Period):
        return period
    try:
        return Period.parse(str(period))
    except PeriodError as exc:
        raise SectorialError(f"periodo no válido '{period}': {exc}", hint=PERIOD_HELP) from exc


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    from sectorial.formats import FORMATS

    if isinstance(formats, str):  # "pdf", "docx,pdf": as the command line takes them
        formats = formats.split(",")
    chosen = tuple(dict.fromkeys(str(f).strip().lower() for f in formats if str(f).strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise SectorialError(f"formato desconocido '{unknown[0] if unknown else ''}'",
                             hint="formatos: " + ", ".join(FORMATS.names()))
    return chosen
