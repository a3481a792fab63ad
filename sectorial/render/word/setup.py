"""Document-wide settings of the DOCX: the page, the house's styles, the properties."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from sectorial.doc import model as m
from sectorial.render.word.tables import add_table_style
from sectorial.render.word.xml import default_rpr, new_child, rgb, set_fonts, set_language
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


def house_styles(word: WordDocument, look: Look, doc: m.Document) -> None:
    """The house's font everywhere, its sizes and colours on the styles the DOCX uses."""
    styles = word.styles
    set_fonts(default_rpr(word), look.docx_font)
    set_language(word, doc.meta.language)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "Quote",
                 "Header", "Footer"):
        set_fonts(styles[name].element.get_or_add_rPr(), look.docx_font)
    normal = styles["Normal"]
    normal.font.size, normal.font.color.rgb = Pt(look.size("texto")), rgb(look.color("texto"))
    normal.paragraph_format.space_after = Pt(3)
    headings = [("Heading 1", "pagina_titulo"), ("Heading 2", "mensaje")]
    if doc.cover is not None:  # only the cover uses Title (and its size role)
        headings.append(("Title", "portada_titulo"))
    for name, role in headings:
        font, spacing = styles[name].font, styles[name].paragraph_format
        font.size, font.bold, font.italic = Pt(look.size(role)), True, False
        font.color.rgb = rgb(look.color("oscuro"))
        spacing.space_before, spacing.space_after = Pt(0), Pt(6)
    new_child(styles["Title"].element.get_or_add_pPr(), "pBdr")  # no rule under Title
    for name in ("Header", "Footer"):  # their centre/right tabs assume portrait Letter
        styles[name].paragraph_format.tab_stops.clear_all()
    if doc.tables():
        add_table_style(word, look)


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
