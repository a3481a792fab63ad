"""A house style, split by who reads it.

``Look`` (page, fonts, sizes, colours, charts' form) is all a renderer gets; ``Voice``
(words of intensity, the mail's templates) is the text layer's; ``numbers`` (the number
style) the filters'; ``rounding`` (how shares are rounded) the indicators', through the
brief, which may say otherwise. Renderers ask the look for *roles*
(``look.color("cifra")``); each renderer declares the roles it needs (``Roles``) and
``check`` fails on a style that lacks one, naming it and what to add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sectorial.errors import Location, RenderError, StyleError
from sectorial.schema import Snippet

if TYPE_CHECKING:
    from sectorial.lang.numbers import NumberStyle

REFERENCE_FILE = "referencia.docx"
"""The Word document whose styles the DOCX takes (``sectorial estilo referencia``)."""
STYLE_FILE = "estilo.yaml"
# Words for the size of a change (|%| up to the bound), "masculine|feminine".
DEFAULT_INTENSITY: tuple[tuple[float | None, str], ...] = (
    (2.0, "ligero|ligera"), (5.0, "moderado|moderada"), (10.0, "importante"),
    (None, "significativo|significativa"),
)


@dataclass(frozen=True)
class Institution:
    """Who publishes: the cover band and the credit line."""

    country: str
    entity: str
    author: str
    credit: str


@dataclass(frozen=True)
class Logo:
    """The institution's logo: a PNG or JPEG file, and what it says."""

    path: Path
    text: str


@dataclass(frozen=True)
class PageSetup:
    """Page size in millimetres (width, height as laid out) and margins."""

    width_mm: float
    height_mm: float
    landscape: bool
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float


@dataclass(frozen=True)
class Roles:
    """The colour and size roles an output draws with, and how many series colours."""

    colors: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    palette: int = 0

    def __or__(self, other: Roles) -> Roles:
        return Roles(tuple(dict.fromkeys(self.colors + other.colors)),
                     tuple(dict.fromkeys(self.sizes + other.sizes)),
                     max(self.palette, other.palette))


@dataclass(frozen=True)
class Look:
    """What the renderers draw with."""

    name: str
    file: Path  # the estilo.yaml it came from, for errors
    page: PageSetup
    pdf_regular: Path
    pdf_bold: Path
    docx_font: str
    sizes: dict[str, float]
    colors: dict[str, str]
    palette: tuple[str, ...]
    chart_dpi: int = 200
    docx_charts: str = "imagen"  # "nativo": editable Word charts in the DOCX; "imagen": PNG
    pdfa: str | None = "2a"  # PDF/A flavour of the PDF ("2a", "2b", "3a", "3b"), None: plain
    docx_reference: Path | None = None  # referencia.docx beside estilo.yaml: the DOCX styles
    logo: Logo | None = None  # on the cover and the header band, instead of the drawn band

    def color(self, role: str) -> str:
        """Return the colour (``#RRGGBB``) of a role, or fail naming it."""
        try:
            return self.colors[role]
        except KeyError:
            raise RenderError(*_missing_color(self, role)) from None

    def size(self, role: str) -> float:
        """Return the font size in points of a role, or fail naming it."""
        try:
            return self.sizes[role]
        except KeyError:
            raise RenderError(*_missing_size(self, role)) from None

    def missing(self, roles: Roles, users: str) -> list[StyleError]:
        """A StyleError for each role of ``roles`` this look lacks; ``users`` says who
        needs them ("el DOCX y el PDF")."""
        found = [StyleError(f"{message} (hace falta para {users})", where, hint)
                 for role in roles.colors if role not in self.colors
                 for message, where, hint in [_missing_color(self, role)]]
        found += [StyleError(f"{message} (hace falta para {users})", where, hint)
                  for role in roles.sizes if role not in self.sizes
                  for message, where, hint in [_missing_size(self, role)]]
        if len(self.palette) < roles.palette:
            found.append(StyleError(
                f"el estilo '{self.name}' da {len(self.palette)} colores de serie y hacen "
                f"falta {roles.palette} para {users}",
                Location(str(self.file), field="colores.serie"),
                f"agregue colores a 'colores: serie:' hasta tener {roles.palette} o más"))
        return found


def _missing_color(look: Look, role: str) -> tuple[str, Location, str]:
    return (f"el estilo '{look.name}' no define el color '{role}'",
            Location(str(look.file), field=f"colores.{role}"),
            f"agregue 'colores: {role}: \"#RRGGBB\"'")


def _missing_size(look: Look, role: str) -> tuple[str, Location, str]:
    return (f"el estilo '{look.name}' no define el tamaño '{role}'",
            Location(str(look.file), field=f"fuentes.tamanos.{role}"),
            f"agregue 'fuentes: tamanos: {role}: <puntos>'")


@dataclass(frozen=True)
class MailTemplates:
    """``correo``: the subject line (a template) and the body (a template file) of the
    email that carries a brief. Jinja2 source with where it was written, for errors."""

    subject: Snippet
    body: Snippet


@dataclass(frozen=True)
class Voice:
    """How the house writes: the words for the size of a change, and its email."""

    intensity: tuple[tuple[float | None, str], ...] = DEFAULT_INTENSITY
    mail: MailTemplates | None = None


@dataclass(frozen=True)
class HouseStyle:
    """A loaded house style (``templates/<name>/estilo.yaml``)."""

    name: str
    folder: Path
    language: str
    institution: Institution
    look: Look
    numbers: NumberStyle
    rounding: str  # how shares are rounded unless a brief or an indicator says otherwise
    voice: Voice = field(default_factory=Voice)
    cover: bool = True

    @property
    def file(self) -> Path:
        return self.folder / STYLE_FILE
