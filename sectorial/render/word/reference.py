"""The reference document of a house style (``templates/<estilo>/referencia.docx``): every
named style the DOCX renderer writes with, made from the house style, and a page that shows
each one with what it is for. A designer opens it in Word, changes the styles (Inicio →
Estilos → Modificar), saves, and every DOCX built afterwards takes them; its sample text is
never copied. ``sectorial estilo referencia NOMBRE`` writes it."""

from __future__ import annotations

import hashlib
import io

from docx import Document as new_document

from sectorial.render.word.document import FOOTER_MM, HEADER_MM
from sectorial.render.word.setup import package_properties, page_setup, reference_document_of
from sectorial.render.word.styles import CHARACTER, STYLES, house_styles
from sectorial.render.word.tables import TABLE_STYLE, add_table_style, fixed_table
from sectorial.reproducible import fixed_zip, stamp
from sectorial.style import Look

_SAMPLE_TABLE = (("Región", "Millones de US$", "Part. %"), ("Lima", "15,417", "19.3"),
                 ("Ica", "8,935", "11.2"), ("Total", "79,875", "100.0"))


STAMP = "sectorial-estilo:"


def look_digest(look: Look) -> str:
    """What of ``estilo.yaml`` the reference's styles come from: font, sizes, colours."""
    made = repr((look.docx_font, sorted(look.sizes.items()), sorted(look.colors.items())))
    return hashlib.sha256(made.encode("utf-8")).hexdigest()[:16]


def drift(look: Look) -> str | None:
    """A warning when the reference was written from other colours, sizes or font than
    estilo.yaml has now: the DOCX follows the reference, the PDF estilo.yaml."""
    if look.docx_reference is None:
        return None
    keywords = reference_document_of(look).core_properties.keywords or ""
    if not keywords.startswith(STAMP) or keywords[len(STAMP):] == look_digest(look):
        return None
    return (f"{look.docx_reference}: se escribió para otros colores, tamaños o fuente que "
            "los de estilo.yaml: el DOCX los tomará de la referencia y el PDF de estilo.yaml\n"
            "  Qué hacer: si no la editó en Word a propósito, escríbala otra vez con: "
            f"sectorial estilo referencia {look.file.parent.name} --force")


def reference_document(look: Look) -> bytes:
    """The reference DOCX of ``look``, byte for byte the same for the same house style."""
    word = new_document()
    page_setup(word, look.page, (HEADER_MM, FOOTER_MM))
    house_styles(word, look)
    add_table_style(word, look)
    core = word.core_properties
    core.title = f"Documento de referencia: {look.name}"
    core.author = core.last_modified_by = "sectorial"
    core.comments = "Estilos del DOCX; el texto de muestra no se copia a los informes"
    core.keywords = f"{STAMP}{look_digest(look)}"  # what estilo.yaml gave: see drift()
    word.add_paragraph(core.title, style="Title")
    word.add_paragraph(
        "Este documento guarda los estilos con que sectorial escribe los DOCX del estilo "
        f"«{look.name}». Cambie un estilo en Word (Inicio → Estilos → clic derecho → "
        "Modificar) y guarde el archivo con el mismo nombre: los informes que se construyan "
        "después lo usan. Cada línea de abajo está escrita en el estilo que nombra; sectorial "
        "no copia este texto, solo los estilos.", style="Normal")
    for spec in STYLES:
        if spec.kind == CHARACTER:
            line = word.add_paragraph(f"{spec.purpose}: ", style="Normal")
            line.add_run(spec.name, style=spec.name)
        else:
            word.add_paragraph(f"{spec.name}: {spec.purpose}", style=spec.name)
    word.add_paragraph(f"{TABLE_STYLE}: el estilo de tabla de los cuadros",
                       style="Título de cuadro")
    table = fixed_table(word, [60.0, 40.0, 30.0], len(_SAMPLE_TABLE))
    table.style = TABLE_STYLE
    for row, values in zip(table.rows, _SAMPLE_TABLE):
        for cell, value in zip(row.cells, values):
            cell.paragraphs[0].text = value
            cell.paragraphs[0].style = "Celda de cuadro"
    package_properties(word, "")
    raw = io.BytesIO()
    word.save(raw)
    return fixed_zip(raw.getvalue(), stamp(None))
