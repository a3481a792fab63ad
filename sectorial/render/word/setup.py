"""Document-wide settings of the DOCX: the document it starts from, the page, the styles,
the properties."""

from __future__ import annotations

import copy
import hashlib
import io
import zipfile

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.styles import BabelFish

from sectorial.doc import model as m
from sectorial.errors import Location, StyleError, raise_all
from sectorial.render.word.styles import WordStyle, house_styles, missing_styles
from sectorial.render.word.tables import TABLE_STYLE, add_table_style
from sectorial.render.word.xml import set_language
from sectorial.reproducible import stamp
from sectorial.style import Look, PageSetup


def page_setup(word: WordDocument, page: PageSetup, chrome_mm: tuple[float, float]) -> None:
    """Size, orientation and margins; ``chrome_mm`` is the room the header band and the
    page number take from the body."""
    header_mm, footer_mm = chrome_mm
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.left_margin = Mm(page.margin_left_mm)
    section.right_margin = Mm(page.margin_right_mm)
    section.top_margin = Mm(page.margin_top_mm + header_mm)
    section.bottom_margin = Mm(page.margin_bottom_mm + footer_mm)
    section.header_distance = Mm(max(page.margin_top_mm - 4, 4))
    section.footer_distance = Mm(max(page.margin_bottom_mm - 6, 4))


def styled(word: WordDocument, look: Look, doc: m.Document) -> None:
    """The document's styles: from the house style's reference document as the designer
    left it (every style the renderer needs must be there), or made from the house style."""
    if look.docx_reference is None:
        house_styles(word, look)
    else:
        raise_all(reference_problems(word, look, bool(doc.tables())))
    set_language(word, doc.meta.language)
    if doc.tables() and TABLE_STYLE not in {style.name for style in word.styles}:
        add_table_style(word, look)


def reference_problems(word: WordDocument, look: Look, tables: bool) -> list[StyleError]:
    """The styles the renderer needs that the reference document ``word`` lacks."""
    missing = missing_styles(word)
    if tables and TABLE_STYLE not in {style.name for style in word.styles}:
        missing.append(WordStyle(TABLE_STYLE, "el estilo de tabla de los cuadros"))
    if not missing:
        return []
    return [StyleError(
        "al documento de referencia le faltan estilos: " + ", ".join(
            f"'{style.name}' ({style.purpose})" for style in missing),
        Location(str(look.docx_reference)),
        "agréguelos en Word (Inicio → Estilos), o vuelva a escribirlo desde estilo.yaml con: "
        f"sectorial estilo referencia {look.file.parent.name} --force (se pierde lo que se "
        "cambió en Word)")]


def opened(look: Look) -> WordDocument:
    """A new Word document with the house style's reference document's styles and list
    numbering, as the designer left them; nothing else of it (its text, its header and
    footer, its pictures and charts stay out), as pandoc takes a reference-doc."""
    word = new_document()
    if look.docx_reference is None:
        return word
    reference = reference_document_of(look)
    styles = copy.deepcopy(reference.part._styles_part.element)
    for name in styles.iter(qn("w:name")):  # LibreOffice saves Word's own styles under
        if name.getparent().tag == qn("w:style"):  # the names Word shows ("Heading 1")
            name.set(qn("w:val"), BabelFish.ui2internal(name.get(qn("w:val"))))
    word.part._styles_part._element = styles
    numbering = reference.part.numbering_part.element
    word.part.numbering_part._element = copy.deepcopy(numbering)
    return word


_REFERENCES: dict[tuple, WordDocument] = {}
"""Reference documents read by this process, by file and content: the 25 documents of a
regional brief read it once."""


def reference_document_of(look: Look) -> WordDocument:
    """The house style's reference document as read (never changed: copies are)."""
    path = look.docx_reference
    assert path is not None
    try:
        data = path.read_bytes()
        key = (str(path), hashlib.sha256(data).hexdigest())
        if key not in _REFERENCES:
            _REFERENCES.clear()
            _REFERENCES[key] = new_document(io.BytesIO(data))
    except (OSError, ValueError, KeyError, PackageNotFoundError,
            zipfile.BadZipFile) as exc:  # not a DOCX, or a damaged one
        raise StyleError("no se puede abrir el documento de referencia: no es un .docx o "
                         "está dañado",
                         Location(str(path)),
                         "guárdelo otra vez desde Word como .docx, o vuelva a escribirlo con: "
                         f"sectorial estilo referencia {look.file.parent.name}") from exc
    return _REFERENCES[key]


CORE_LIMIT = 255  # characters a core property of a Word file holds


def _held(text: str) -> str:
    """A core property as Word holds it: a longer title is cut at a word, with "…"."""
    if len(text) <= CORE_LIMIT:
        return text
    return text[: CORE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def properties(word: WordDocument, meta: m.Metadata) -> None:
    core = word.core_properties
    core.title, core.subject, core.author = (_held(t) for t in (meta.title, meta.subject,
                                                                meta.author))
    core.keywords, core.language = _held(", ".join(meta.keywords)), meta.language
    core.last_modified_by, core.comments = meta.author, "Generado con sectorial"
    created = stamp(meta.created)
    core.created = core.modified = created.replace(tzinfo=None)
    core.revision = 1


_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_EXTENDED = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "extended-properties")
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
            'schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http:/'
            '/schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>'
            'sectorial</Application><DocSecurity>0</DocSecurity><Company>{company}</Company>'
            '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
            '<HyperlinksChanged>false</HyperlinksChanged></Properties>')


def package_properties(word: WordDocument, company: str) -> None:
    """What python-docx's template leaves in the package: its blank thumbnail goes, and
    app.xml names sectorial and the institution, not "Microsoft Macintosh Word" with one
    page and no words (Word counts them again when it saves)."""
    from xml.sax.saxutils import escape

    package = word.part.package
    for key, relation in list(package.rels.items()):
        if relation.reltype == _THUMBNAIL:
            del package.rels[key]
        elif relation.reltype == _EXTENDED:
            relation.target_part._blob = _APP_XML.format(company=escape(company)).encode()
