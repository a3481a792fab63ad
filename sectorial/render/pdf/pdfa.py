"""The last step of every PDF: archival (PDF/A) and reproducible, with pikepdf.

reportlab writes the pages; this step, on those bytes, removes what PDF/A forbids or
cannot check (page transitions), writes the structure tree the pages were tagged with
(``structure``: a tagged PDF, PDF/UA-1), stamps the document's own date (not the clock's)
in the document information and in XMP with the same title, author, subject and language,
declares PDF/A (sRGB output intent, identification: level A, or B as the house style
says) and PDF/UA, derives the file ID from the content, and validates the written bytes
with pikepdf's PDF/A checker (level B: what level A adds, the tags, is checked as they are
written): a file that does not pass is an error, never a silent non-conforming PDF (in full
for the first PDF of a process, then structurally: see ``_VALIDATED``).
"""

from __future__ import annotations

import contextlib
import gc
import io
from datetime import datetime
from pathlib import Path

import pikepdf
from pikepdf import pdfa

from sectorial import __version__
from sectorial.doc.model import Metadata
from sectorial.errors import RenderError
from sectorial.render.pdf.structure import (
    EXTENSION,
    UA_PART,
    declaration_problems,
    declare,
    no_trailing_cr,
    tagging_problems,
    undeclare,
    untagged_paint,
    write_structure,
)
from sectorial.render.pdf.tags import Node
from sectorial.reproducible import stamp

PRODUCER = f"sectorial {__version__} (ReportLab, pikepdf)"


def finish_pdf(data: bytes, meta: Metadata, flavour: str | None, tags: Node) -> bytes:
    """Return ``data`` tagged with the tree from ``tags``, made reproducible and, with a
    ``flavour`` ("2a", "2b"...), PDF/A."""
    when = stamp(meta.created)
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        untagged = untagged_paint(pdf)
        if untagged:
            raise RenderError(f"el PDF no es accesible: {'; '.join(untagged[:3])}",
                              hint="informe este problema (es un defecto de sectorial)")
        for page in pdf.pages:
            if "/Trans" in page.obj:  # reportlab writes an empty transition on every page
                del page.obj["/Trans"]
        write_structure(pdf, tags, meta.language)
        if flavour:
            pdfa.prepare(pdf, _level_b(flavour))
        _metadata(pdf, meta, when)
        # Plain objects, no object streams: the catalog and metadata stay readable with any
        # tool, decades from now.
        options = {"deterministic_id": True,
                   "object_stream_mode": pikepdf.ObjectStreamMode.disable}
        if flavour and flavour not in _VALIDATED:
            _validate(pdf, flavour, options)
        declare(pdf, flavour[-1].upper() if flavour else "")
        no_trailing_cr(pdf)
        pdf.save(out, **options)
    if flavour:
        _check_declared(out.getvalue(), flavour)
    return out.getvalue()


def _validate(pdf: pikepdf.Pdf, flavour: str, options: dict) -> None:
    """Check the document as written so far with pikepdf's PDF/A checker, which knows
    level B and no XMP extension schema: before the declarations of level A and PDF/UA,
    the rest of the file is the same."""
    probe = io.BytesIO()
    pdf.save(probe, **options)
    probe.seek(0)
    with _uncollected():
        report = pdfa.validate_written(probe, _level_b(flavour))
    if report.verdict != "pass":
        found = "; ".join(str(f) for f in report.findings[:5]) or report.verdict
        raise RenderError(f"el PDF no cumple PDF/A-{flavour}: {found}",
                          hint="informe este problema (es un defecto de sectorial); "
                          "mientras tanto, 'pdfa: no' en el estilo lo desactiva")
    _VALIDATED.add(flavour)


def _level_b(flavour: str) -> str:
    """The level B of the PDF/A part of ``flavour``: what pikepdf prepares and checks."""
    return flavour[:-1] + "b"


_VALIDATED: set[str] = set()
"""The PDF/A flavours whose first PDF of this process pikepdf's checker passed. The next
PDFs come from the same code with the same kinds of objects (text in the embedded house
fonts, paths, the same metadata): they get the structural check below, and the archive
validates in full every PDF it keeps."""


def _check_declared(data: bytes, flavour: str) -> None:
    """What the full check would first miss if the writer changed, and what it never sees:
    the PDF/A identification in the XMP, the PDF/UA one and its extension schema, the
    output intent, and every font embedded."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        declared = f"{meta.get('pdfaid:part')}{str(meta.get('pdfaid:conformance')).lower()}"
        problems = [] if declared == flavour else [f"declara PDF/A-{declared}"]
        problems += declaration_problems(pdf)
        if not pdf.Root.get("/OutputIntents"):
            problems.append("no tiene perfil de color de salida")
        for page in pdf.pages:
            for name, font in (page.Resources.get("/Font") or {}).items():
                if "/DescendantFonts" in font:  # a composite font: its descriptor is below
                    font = font.DescendantFonts[0]
                descriptor = font.get("/FontDescriptor")
                if descriptor is None or not any(key in descriptor for key in (
                        "/FontFile", "/FontFile2", "/FontFile3")):
                    problems.append(f"la fuente {name} no está incrustada")
    if problems:
        raise RenderError(f"el PDF no cumple PDF/A-{flavour}: {'; '.join(problems)}",
                          hint="informe este problema (es un defecto de sectorial)")


def _metadata(pdf: pikepdf.Pdf, meta: Metadata, when: datetime) -> None:
    """Document information and XMP, both dated ``when``, with the same texts."""
    date = _pdf_date(when)
    pdf.docinfo["/CreationDate"] = date
    pdf.docinfo["/ModDate"] = date
    pdf.docinfo["/Producer"] = PRODUCER
    if "/Trapped" in pdf.docinfo:  # reportlab's /False has no XMP equivalent
        del pdf.docinfo["/Trapped"]
    pdf.docinfo["/Title"] = meta.title
    pdf.docinfo["/Author"] = meta.author
    pdf.docinfo["/Subject"] = meta.subject
    if meta.keywords:
        pdf.docinfo["/Keywords"] = ", ".join(meta.keywords)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp.load_from_docinfo(pdf.docinfo, raise_failure=True)
        xmp["dc:language"] = [meta.language]
        xmp["xmp:MetadataDate"] = when.isoformat()
        xmp["pdf:Producer"] = PRODUCER


def _pdf_date(when: datetime) -> str:
    """D:YYYYMMDDHHmmSS+00'00' (dates are stamped in UTC)."""
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


# -- checking an archived file --------------------------------------------------------------
ACCEPTED = ("2a", "2b", "3a", "3b")


def pdfa_problems(path: Path) -> list[str]:
    """What keeps ``path`` from being a valid PDF/A-2 (or 3) file of level A or B; empty
    when it passes.

    The flavour checked is the one the file declares in its XMP; a file that declares
    none, or another one, is refused. "Not checked" counts as a failure. pikepdf's checker
    knows level B and no XMP extension: a file of level A, or one that declares PDF/UA,
    is checked at level B without those declarations, and for what they add: the tags,
    and the PDF/UA declaration with its extension schema.
    """
    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:
                return ["el PDF está cifrado"]
            if "/Metadata" not in pdf.Root:
                return ["el PDF no tiene metadatos XMP (no declara ser PDF/A)"]
            meta = pdf.open_metadata()
            part, level = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
            found = _info_disagreements(pdf, meta)
            flavour = f"{part}{str(level or '').lower()}" if part else ""
            if flavour not in ACCEPTED:
                declared = (f"declara PDF/A-{part}{level or ''}" if part
                            else "no declara ser PDF/A")
                return [f"el PDF {declared}; el archivo acepta PDF/A-2 o PDF/A-3, niveles "
                        "A o B"]
            candidate = io.BytesIO()
            accessible = flavour.endswith("a") or UA_PART in meta or EXTENSION in meta
            if accessible:  # level A, or PDF/UA declared: tagged, and declared right
                found += [f"PDF/A-{flavour}: {p}" for p in
                          tagging_problems(pdf) + declaration_problems(pdf)]
                undeclare(pdf)  # what pikepdf's checker can read: level B, no extension
                pdf.save(candidate, deterministic_id=True,
                         object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    except pikepdf.PasswordError:
        return ["el PDF está cifrado"]
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        return [f"no se puede leer como PDF ({exc})"]
    with _uncollected():
        if accessible:
            candidate.seek(0)
            report = pdfa.validate_written(candidate, _level_b(flavour))
        else:
            report = pdfa.validate_written(path, flavour)
    if report.verdict != "pass":
        found += [f"PDF/A-{flavour}: {finding}" for finding in report.findings]
    return found


@contextlib.contextmanager
def _uncollected():  # type: ignore[no-untyped-def]
    """No garbage collection while pikepdf's validator runs: it takes any warning raised
    while it reads a content stream for a fault of the file, and a file that some other
    code left open warns when the collector frees it (``ResourceWarning``), at any moment."""
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# Document information -> XMP property: PDF/A-1 requires them equal; PDF/A-2 leaves it to
# the writer, and the archive requires it too (a title must read the same in any viewer).
_INFO_IN_XMP = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description",
                "/Keywords": "pdf:Keywords"}
def _info_disagreements(pdf: object, meta: object) -> list[str]:
    info = pdf.trailer.get("/Info")  # type: ignore[attr-defined]
    found = []
    for key, prop in _INFO_IN_XMP.items():
        if info is None or key not in info:
            continue
        value = meta.get(prop)  # type: ignore[attr-defined]
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else "; ".join(value)
        if str(info[key]) != str(value or ""):
            found.append(f"{key[1:]} difiere entre la información del documento "
                         f"('{info[key]}') y XMP ('{value}')")
    return found
