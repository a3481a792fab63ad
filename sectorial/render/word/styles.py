"""The DOCX's named styles, declared once: every element of a brief is written in one of
them, never with direct formatting, so that a designer changes the look in Word (Inicio →
Estilos) and the change holds on every page and every later build.

Without a reference document the styles are made from the house style (sizes and colours by
role); ``templates/<estilo>/referencia.docx`` (the convention of pandoc's and Quarto's
``reference-doc``) brings them instead, as the designer left them, and
``sectorial estilo referencia NOMBRE`` writes that file from the house style.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from sectorial.render.word.xml import (
    border_on,
    default_rpr,
    new_child,
    rgb,
    set_fonts,
    shade,
)
from sectorial.style import Look

WHITE = "#FFFFFF"
PARAGRAPH, CHARACTER = "párrafo", "carácter"
# The PDF sets lines 1.25 times their size apart (quotes 1.45); Word's single spacing in
# Arial is 1.15 times: these multiples give the DOCX the PDF's lines, and its page breaks.
ARIAL_LEADING, QUOTE_LEADING = round(1.25 / 1.15, 2), round(1.45 / 1.15, 2)
_ALIGN = {"centro": WD_ALIGN_PARAGRAPH.CENTER, "justificado": WD_ALIGN_PARAGRAPH.JUSTIFY}


@dataclass(frozen=True)
class WordStyle:
    """A named style: what it is for, and its look from the house style's roles."""

    name: str  # as Word lists it (Word's own names for its built-in styles)
    purpose: str  # in Spanish: what it is for (check's messages, the reference's sample)
    kind: str = PARAGRAPH
    size: str | None = None  # a size role of the house style
    points: float | None = None  # or a fixed size (a rule's paragraph, not text)
    color: str | None = None  # a colour role, or "#RRGGBB"
    bold: bool | None = None
    italic: bool | None = None  # Word's own headings and quotes are italic in some themes
    before: float | None = None  # points of space before and after a paragraph
    after: float | None = None
    align: str | None = None  # "centro", "justificado"
    leading: float | None = None  # line height, a multiple of the font's (Arial's: 1.15 size)
    keep_next: bool = False
    fill: str | None = None  # a colour role that shades the paragraph or the run
    left_rule: str | None = None  # a colour role: a thick rule along the paragraph's left
    rule: int = 24  # its width, in eighths of a point
    base: str = "Normal"


STYLES = (
    WordStyle("Normal", "el texto corrido", size="texto", color="texto", after=3, base="",
              leading=ARIAL_LEADING),
    WordStyle("Title", "el título en la portada", size="portada_titulo", color="oscuro",
              bold=True, italic=False, before=0, after=6),
    WordStyle("Heading 1", "el título de cada página", size="pagina_titulo", color="oscuro",
              bold=True, italic=False, before=0, after=6),
    WordStyle("Heading 2", "un subtítulo", size="mensaje", color="primario", bold=True,
              italic=False, before=6, after=3),
    WordStyle("List Bullet", "una viñeta", after=2),
    WordStyle("Quote", "una cita", color="oscuro", italic=False, fill="fondo_caja",
              left_rule="primario", rule=16, before=0, after=0, leading=QUOTE_LEADING),
    WordStyle("Header", "la banda del encabezado", size="nota", color="suave"),
    WordStyle("Footer", "el pie de página", size="nota", color="suave"),
    WordStyle("Portada: banda", "la banda del gobierno en la portada", size="mensaje",
              before=0, after=0),
    WordStyle("Portada: serie", "el nombre de la serie en la portada", size="portada_serie",
              color="primario", bold=True, after=0, keep_next=True),
    WordStyle("Portada: raya", "la raya bajo el nombre de la serie", points=2, before=0,
              after=16, keep_next=True),
    WordStyle("Portada: oficina", "cada oficina en la portada", after=0, keep_next=True),
    WordStyle("Portada: fecha", "la fecha de edición en la portada", size="mensaje",
              color="oscuro", bold=True, before=8),
    WordStyle("Encabezado de indicadores", "el encabezado de la página de indicadores",
              size="mensaje", color="oscuro", bold=True, align="centro", after=6,
              base="Heading 2"),
    WordStyle("Mensaje clave", "el mensaje destacado bajo el título de una página",
              size="mensaje", after=6, fill="fondo_caja", left_rule="primario"),
    WordStyle("Cifra de caja", "la cifra de cada caja de indicadores", size="cifra",
              color="cifra", bold=True, after=3),
    WordStyle("Texto de caja", "el texto bajo la cifra de una caja"),
    WordStyle("Título de gráfico", "el título de un gráfico", size="grafico_titulo",
              color="oscuro", bold=True, align="centro", after=1, keep_next=True),
    WordStyle("Unidad de gráfico", "la línea de unidades bajo el título de un gráfico",
              size="grafico_titulo", color="suave", align="centro", after=1, keep_next=True),
    WordStyle("Cifra central de gráfico", "la cifra en el centro de una dona",
              size="grafico_titulo", color="cifra", bold=True, align="centro", after=1),
    WordStyle("Gráfico", "el párrafo que lleva un gráfico", align="centro", after=0),
    WordStyle("Título de cuadro", "el título de un cuadro", size="grafico_titulo",
              color="oscuro", bold=True, after=1, keep_next=True),
    WordStyle("Unidad de cuadro", "la línea de unidades bajo el título de un cuadro",
              size="grafico_titulo", color="suave", after=1, keep_next=True),
    # the PDF's rows have their padding: 1.5 pt above and below, as a cell's paragraph
    WordStyle("Celda de cuadro", "una cifra o un nombre en un cuadro", before=1.5, after=1.5),
    WordStyle("Encabezado de cuadro", "la fila de títulos de un cuadro", color=WHITE,
              bold=True, base="Celda de cuadro"),
    WordStyle("Total de cuadro", "la fila del total de un cuadro", bold=True,
              base="Celda de cuadro"),
    WordStyle("Nota de fuente", "las notas, las fuentes y la elaboración al pie",
              size="nota", color="suave", before=0, after=0),
    WordStyle("Antetítulo", "la etiqueta sobre el título de un artículo", size="nota",
              color="primario", bold=True),
    WordStyle("Lugar y fecha", "el lugar y la fecha de un artículo", color="suave"),
    WordStyle("Entradilla", "el primer párrafo de un artículo", size="mensaje", bold=True,
              after=8.5),
    WordStyle("Párrafo de artículo", "un párrafo de un artículo", align="justificado",
              after=7, leading=QUOTE_LEADING),
    WordStyle("Autor de cita", "quien dice una cita", size="nota", color="suave",
              fill="fondo_caja", left_rule="primario", rule=16, before=0, after=8.5),
    WordStyle("Etiqueta de página", "la etiqueta delante del título de una página (EMPLEO:)",
              kind=CHARACTER, color="primario"),
    WordStyle("Strong", "una cifra o frase destacada en negrita", kind=CHARACTER, bold=True),
    WordStyle("Banda: país", "el país en la banda del encabezado", kind=CHARACTER,
              color=WHITE, bold=True, fill="primario"),
    WordStyle("Banda: institución", "la institución en la banda del encabezado",
              kind=CHARACTER, color=WHITE, fill="oscuro"),
    WordStyle("Número de página", "el número de página", kind=CHARACTER, size="texto",
              color="oscuro", bold=True),
)
"""Every style the DOCX renderer writes with, besides the table style of tables.py."""

def house_styles(word: WordDocument, look: Look) -> None:
    """Make every style from the house style: its font everywhere, its sizes and colours."""
    set_fonts(default_rpr(word), look.docx_font)
    for style in STYLES:
        _made(word, style, look)
    for name in ("Header", "Footer"):  # their centre/right tabs assume portrait Letter
        word.styles[name].paragraph_format.tab_stops.clear_all()
    new_child(word.styles["Title"].element.get_or_add_pPr(), "pBdr")  # no rule under it


def missing_styles(word: WordDocument) -> list[WordStyle]:
    """The styles the renderer needs that ``word`` (a reference document) lacks, or has of
    another kind (a character style where a paragraph style is needed)."""
    kinds = {style.name: style.type for style in word.styles}
    return [style for style in STYLES if kinds.get(style.name) != _TYPES[style.kind]]


_TYPES = {PARAGRAPH: WD_STYLE_TYPE.PARAGRAPH, CHARACTER: WD_STYLE_TYPE.CHARACTER}


def style_id(name: str) -> str:
    """The id a style's name gets in the file: its letters and digits, without accents
    ("Número de página" → "Numerodepagina"), as Word makes them.

    >>> style_id("Portada: país")
    'Portadapais'
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "".join(character for character in plain if character.isalnum())


def _made(word: WordDocument, spec: WordStyle, look: Look) -> None:
    styles = word.styles
    names = {style.name for style in styles}
    style = (styles[spec.name] if spec.name in names
             else styles.add_style(spec.name, _TYPES[spec.kind]))
    style.style_id = style_id(spec.name) if spec.name not in names else style.style_id
    if spec.kind == PARAGRAPH and spec.base:
        style.base_style = styles[spec.base]
    style.quick_style = True  # in the gallery of Inicio → Estilos
    set_fonts(style.element.get_or_add_rPr(), look.docx_font)
    font = style.font
    # a role the house style lacks leaves the style as it is: no element of the document
    # needs it (the formats' roles, checked before rendering, say which ones are needed)
    if spec.size in look.sizes:
        font.size = Pt(look.sizes[spec.size])
    elif spec.points:
        font.size = Pt(spec.points)
    color = spec.color if spec.color and spec.color.startswith("#") else look.colors.get(
        spec.color or "")
    if color:
        font.color.rgb = rgb(color)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.kind == CHARACTER:
        if spec.fill:
            shade(style.element.get_or_add_rPr(), look.color(spec.fill))
        return
    spacing = style.paragraph_format
    if spec.before is not None:
        spacing.space_before = Pt(spec.before)
    if spec.after is not None:
        spacing.space_after = Pt(spec.after)
    if spec.align:
        spacing.alignment = _ALIGN[spec.align]
    if spec.leading:
        spacing.line_spacing = spec.leading
    if spec.keep_next:
        spacing.keep_with_next = True
    if spec.fill:
        shade(style.element.get_or_add_pPr(), look.color(spec.fill))
    if spec.left_rule:
        border_on(style.element.get_or_add_pPr(), "left", look.color(spec.left_rule), spec.rule)
