"""The figures ledger as CSV (UTF-8 with BOM, so that Excel shows the accents): one row per
figure printed in the document, written beside the DOCX and PDF as ``<name>.cifras.csv``."""

from __future__ import annotations

import csv
import io

from sectorial.doc.model import Document

LEDGER_SUFFIX = ".cifras.csv"
COLUMNS = ("pagina", "elemento", "lugar_en_el_informe", "linea", "texto_impreso", "indicador",
           "valor_exacto", "unidad", "periodo", "origen", "metodo")


def ledger_csv(document: Document, starts: list[int] | None = None) -> bytes:
    """Return the ledger of ``document`` as CSV bytes; ``starts``: the printed page where
    each page of the model starts (a PDF's, continuation pages counted)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f in document.figures:
        page = starts[f.page - 1] if starts and 0 < f.page <= len(starts) else f.page
        writer.writerow([page, f.kind, f.place, f.line, f.printed.replace("\u00a0", " "),
                         f.indicator, "" if f.value is None else repr(f.value), f.unit,
                         f.period, f.origin, f.method])
    return out.getvalue().encode("utf-8-sig")
