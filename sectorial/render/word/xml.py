"""Raw WordprocessingML that python-docx has no API for: borders, shading, cell margins,
row flags, fonts for every script, the document language, alt text and page fields.

Word rejects children out of schema order (ECMA-376): ``new_child`` places each element
where the schema wants it.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

# Word rejects children out of schema order (ECMA-376): for each parent we add to, the order
# of its children from the first one we add onwards.
_ORDER = {
    qn("w:pPr"): "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct "
    "autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing "
    "mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl "
    "divId cnfStyle rPr sectPr pPrChange",
    qn("w:rPr"): "shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    qn("w:tcPr"): "tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark headers "
    "cellIns cellDel cellMerge tcPrChange",
    qn("w:tblPr"): "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    qn("w:trPr"): "cantSplit trHeight tblHeader tblCellSpacing jc hidden ins del trPrChange",
}


def w_element(name: str, **attributes: str) -> BaseOxmlElement:
    """Make a ``w:name`` element with ``w:`` attributes."""
    return OxmlElement(f"w:{name}", {qn(f"w:{k}"): v for k, v in attributes.items()})


def new_child(parent: BaseOxmlElement, name: str, **attributes: str) -> BaseOxmlElement:
    """Replace ``parent``'s ``w:name`` child by a new one, placed in schema order."""
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    order = _ORDER[parent.tag].split()
    child = w_element(name, **attributes)
    parent.insert_element_before(child, *(f"w:{n}" for n in order[order.index(name) + 1:]))
    return child


def default_rpr(word: WordDocument) -> BaseOxmlElement:
    """Return the run properties of styles.xml's docDefaults."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    return defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))


def set_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Name ``font`` for every script, so Word substitutes no theme font."""
    fonts = rpr.get_or_add_rFonts()
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), font)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def set_language(word: WordDocument, language: str) -> None:
    """Set the proofing language of the default run properties and of the theme fonts."""
    rpr = default_rpr(word)
    lang = rpr.find(qn("w:lang"))
    (new_child(rpr, "lang") if lang is None else lang).set(qn("w:val"), language)
    theme_lang = word.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def shade(properties: BaseOxmlElement, fill: str) -> None:
    """Shade a run, paragraph or cell (its rPr, pPr or tcPr) with a flat colour."""
    new_child(properties, "shd", val="clear", color="auto", fill=fill.lstrip("#"))


def border_element(side: str, color: str | None, eighths: int,
                   space: int = 0) -> BaseOxmlElement:
    """Make a single line border of ``eighths`` of a point; ``color`` None: no border."""
    if color is None:
        return w_element(side, val="nil")
    return w_element(side, val="single", sz=str(eighths), space=str(space),
                     color=color.lstrip("#"))


def paragraph_border(paragraph: WordParagraph, side: str, color: str, eighths: int) -> None:
    border_on(paragraph._p.get_or_add_pPr(), side, color, eighths)


def border_on(ppr: BaseOxmlElement, side: str, color: str, eighths: int) -> None:
    """Add a border on one ``side`` to paragraph properties (a paragraph's or a style's)."""
    borders = ppr.find(qn("w:pBdr"))
    borders = new_child(ppr, "pBdr") if borders is None else borders
    borders.append(border_element(side, color, eighths, space=4))


def shade_cell(cell: _Cell, fill: str, border: str | None = None,
               accent: str | None = None) -> None:
    """Shade a cell, with a ``border`` colour all round it if given, and an ``accent``
    colour as a thick bar along its left side (a key-indicator card's)."""
    tcpr = cell._tc.get_or_add_tcPr()
    if border:
        borders = new_child(tcpr, "tcBorders")
        borders.extend(border_element(side, accent if accent and side == "left" else border,
                                      32 if accent and side == "left" else 40 if accent
                                      else 16)  # a card's: the PDF's gap between cards
                       for side in ("top", "left", "bottom", "right"))
    shade(tcpr, fill)


def table_borders(table: WordTable, rule: str | None = None) -> None:
    """Draw no table borders, or only horizontal ``rule`` lines between and under the rows."""
    borders = new_child(table._tbl.tblPr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(border_element(side, rule if side in ("bottom", "insideH") else None, 4))


def cell_margins(table: WordTable, horizontal: Length, vertical: Length) -> None:
    margins = new_child(table._tbl.tblPr, "tblCellMar")
    for side, value in (("top", vertical), ("left", horizontal), ("bottom", vertical),
                        ("right", horizontal)):
        margins.append(w_element(side, w=str(int(value.twips)), type="dxa"))


def flag_row(tr: BaseOxmlElement, flag: str) -> None:
    """Set a row flag: ``cantSplit`` (kept on one page) or ``tblHeader`` (repeated)."""
    new_child(tr.get_or_add_trPr(), flag)


def set_alt_text(inline: BaseOxmlElement, description: str, title: str) -> None:
    """Write the alternative text screen readers and Word's Alt Text pane show."""
    doc_pr = inline.find(qn("wp:docPr"))
    doc_pr.set("descr", description)
    doc_pr.set("title", title)


def add_page_field(paragraph: WordParagraph, style: str) -> None:
    """Append a PAGE field (the page number Word and LibreOffice compute), each of its parts
    in a run of character style ``style`` (LibreOffice styles the number by the runs
    around its result, not by the run that begins the field)."""
    instruction = w_element("instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    result = w_element("t")
    result.text = "1"
    for part in (w_element("fldChar", fldCharType="begin"), instruction,
                 w_element("fldChar", fldCharType="separate"), result,
                 w_element("fldChar", fldCharType="end")):
        run = paragraph.add_run()
        set_style(run, style)
        run._r.append(part)


def set_style(item: WordParagraph | Run, name: str) -> None:
    """Give a paragraph or a run the named style. python-docx looks a name up through every
    style of the document at each call (a third of a DOCX's time); the ids are kept, per
    document, once its styles are made."""
    part = item.part.package.main_document_part
    ids = part.__dict__.get("_sectorial_style_ids")
    if ids is None:
        ids = {style.name: style.style_id for style in part.styles}
        part.__dict__["_sectorial_style_ids"] = ids
    element = item._p if isinstance(item, WordParagraph) else item._r
    element.style = ids[name]


def rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())
