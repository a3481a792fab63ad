"""The email that carries a brief: subject and body from the house style's templates.

Like the document, the letter is final text: figures come formatted from the document
model (the key-indicator boxes, the lead of a press note) or from the brief's indicators
through the same filters; the mail package only wraps it in MIME.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sectorial.brief.compose import template_context
from sectorial.brief.model import Brief
from sectorial.doc.model import ArticlePage, BoxesPage, Document
from sectorial.errors import Location, StyleError
from sectorial.formats import FORMATS
from sectorial.indicators.values import Indicator
from sectorial.lang.phrases import edition_date
from sectorial.style import HouseStyle
from sectorial.text.env import TextEngine


@dataclass(frozen=True)
class Letter:
    """Subject line and plain-text body, final."""

    subject: str
    body: str


def letter_facts(
    brief: Brief, house: HouseStyle, document: Document, attachments: Sequence[str]
) -> dict[str, Any]:
    """What a letter says about its document, the same for every recipient."""
    boxes = next((p for p in document.pages if isinstance(p, BoxesPage)), None)
    article = next((p for p in document.pages if isinstance(p, ArticlePage)), None)
    year, month = brief.edition
    return {
        "titulo": document.meta.title,
        "serie": document.series,
        "edicion": edition_date(year, month, title=False),
        "institucion": house.institution.entity,
        "oficinas": list(document.cover.offices) if document.cover else [],
        "indicadores_titulo": (boxes.heading or boxes.title) if boxes else "",
        "indicadores_clave": [{"cifra": b.figure, "texto": b.caption.plain,
                               "linea": box_line(b.figure, b.caption.plain)}
                              for b in boxes.boxes] if boxes else [],
        "resumen": article.lead.plain if article and article.lead else "",
        "adjuntos": [{"nombre": name, "formato": name.rsplit(".", 1)[-1],
                      "descripcion": f"{FORMATS[name.rsplit('.', 1)[-1]].words} ({name})"}
                     for name in attachments],
    }


def box_line(figure: str, caption: str) -> str:
    """A key-indicator box as one line of running text: a caption that continues the
    figure follows it ("12 mercados de destino…"); one that starts a sentence gets a colon.

    >>> box_line("12 mercados", "de destino en 2025")
    '12 mercados de destino en 2025'
    >>> box_line("17,224 empresas formales", "Representan el 0.7% del total.")
    '17,224 empresas formales: Representan el 0.7% del total.'
    """
    if not caption:
        return figure
    joiner = " " if caption[0].islower() else ": "
    return f"{figure}{joiner}{caption}"


class LetterWriter:
    """The letters that carry one document: the templates' engine is set up once with
    what the letter says of the document, then each recipient gets its own letter."""

    def __init__(self, brief: Brief, indicators: Mapping[str, Indicator], house: HouseStyle,
                 document: Document, attachments: Sequence[str]):
        mail = house.voice.mail
        if mail is None:
            raise StyleError(
                f"el estilo '{house.name}' no define el correo",
                Location(str(house.file), field="correo"),
                "agregue 'correo: {asunto: \"{{ serie }}: {{ titulo }}\", cuerpo: correo.txt}' "
                "y el archivo correo.txt (vea templates/produce)",
            )
        facts = letter_facts(brief, house, document, attachments)
        context = {**template_context(brief, dict(indicators)), **facts}
        self.engine = TextEngine(house.numbers, context, house.voice.intensity)
        own = brief.mailing.subject if brief.mailing and brief.mailing.subject else None
        self.subject, self.body = own or mail.subject, mail.body

    def letter(self, recipient: Mapping[str, str]) -> Letter:
        """Render the subject and body for one recipient (``destinatario`` in templates)."""
        extra = {"destinatario": dict(recipient)}
        return Letter(subject=self.engine.plain(self.subject, **extra),
                      body=self.engine.lines(self.body, **extra))
