"""The keys of a brief file, declared once: validator, editors' JSON Schema, README tables.

Each part comes from the layer that uses it: data sources (``data.spec.SOURCE``), the
kinds of indicator (``indicators.registry``), pages, blocks and charts (``text.pages``,
``text.charts``). This module adds the top level and the brief's own sections.
"""

from __future__ import annotations

from dataclasses import replace

from sectorial.data.spec import SOURCE
from sectorial.formats import FORMATS
from sectorial.indicators.registry import INDICATORS, kind_section
from sectorial.lang.shares import METHODS as SHARE_ROUNDING
from sectorial.periods import PERIOD_HELP
from sectorial.schema import (
    Anything,
    Choice,
    Flag,
    Key,
    ListOf,
    MapOf,
    Name,
    OneKeyOf,
    Section,
    Template,
    Text,
    Variants,
)
from sectorial.style.schema import INSTITUTION
from sectorial.text.pages import PAGE

INSTITUTION_OVER = Section(tuple(replace(key, required=False, default=None)
                                 for key in INSTITUTION.keys), empty=True,
                           doc="Quién publica, en lugar de lo que dice el estilo.")
NUMBERS_OVER = Section((
    Key("miles", Text(), "El separador de miles.", default=None, attr="group"),
    Key("decimal", Text(), "El separador decimal.", default=None, attr="decimal"),
    Key("espacio_porcentaje", Flag(), "Un espacio antes de % (`18,1 %`).", default=None,
        attr="percent_space"),
), empty=True, doc="Los números, en lugar de como los escribe el estilo.")

EXCEPTION = Key("excepcion", Text(), "El motivo de una diferencia conocida: la construcción "
                "sigue y el registro de cifras lo anota.", default=None, attr="exception")
CHECK_DOC = ("cada comprobación es {suma: participaciones, igual_a: total}, {igual: [a, b]} o "
             "{variacion: indicador, serie: indicador}")

INDICATOR = Variants({kind.name: kind_section(kind) for kind in INDICATORS},
                     label="indicador")
"""An indicator: its keys depend on its ``tipo``."""

FAN_OUT = Section(label="{datos, columna}", keys=(
    Key("datos", Name(), "La fuente de datos que tiene la columna.", required=True,
        attr="source"),
    Key("columna", Name(), "La columna (de tipo `texto`): un documento por cada valor.",
        required=True, attr="column"),
), doc="Un documento por cada valor de una columna (una región).")

MAILING = Section(label="{destinatarios, adjuntos, asunto}", keys=(
    Key("destinatarios", Text(), "La lista (CSV o Excel: nombre, correo, cargo), desde la "
        "carpeta del informe.", default=None, attr="recipients"),
    Key("adjuntos", ListOf(Text()), "Qué se adjunta: `[docx]` o `[docx, pdf]` (" + ", ".join(
        FORMATS.names()) + ").", default=(), attr="attachments"),
    Key("asunto", Template(), "El asunto, en vez del que da el estilo.", default=None,
        attr="subject"),
), doc="A quién se envía el informe con `sectorial send`.")

CHECK = OneKeyOf({
    "suma": Section((
        Key("suma", Name(), "Unas participaciones o categorías…", required=True),
        Key("igual_a", Name(), "…cuyas partes suman este total (o, si es una variación, "
            "cuyas incidencias la suman).", required=True),
        EXCEPTION)),
    "igual": Section((
        Key("igual", ListOf(Name(), least=2, message="'igual' necesita dos o más indicadores",
                            hint="por ejemplo: igual: [empresas_total, empresas_rus]"),
            "Dos o más cifras que deben ser la misma.", required=True),
        EXCEPTION)),
    "variacion": Section((
        Key("variacion", Name(), "Una variación…", required=True),
        Key("serie", Name(), "…que debe cuadrar con los dos últimos valores de esta serie.",
            required=True),
        EXCEPTION)),
}, message=CHECK_DOC, label="comprobación")

BRIEF = Section((
    Key("nombre", Template(), "El nombre de los archivos (`vraem-{{ periodo }}`).",
        required=True, attr="name"),
    Key("estilo", Text(), "El estilo de la casa: una carpeta de `templates/` (`produce`).",
        required=True, attr="style"),
    Key("periodo", Anything(label="año (2024) o mes (2025-09)", types=("string", "number"),
                            hint=PERIOD_HELP),
        "El periodo: un año (2024) o un mes "
        "(2025-09); `--period` lo cambia.", required=True, attr="period"),
    Key("serie", Template(), "El nombre de la serie («Análisis Sectorial»).", required=True,
        attr="series"),
    Key("titulo", Template(), "El título del documento.", required=True, attr="title"),
    Key("edicion", Anything(label="\"AAAA-MM\" o `siguiente`", types=("string", "number"),
                            hint="escriba año y mes entre comillas, por ejemplo \"2025-05\", "
                            "o 'siguiente' (el mes después del periodo)"),
        "Año y mes de la edición "
        "(\"2025-05\"), o `siguiente`: el mes después del periodo.", required=True,
        attr="edition"),
    Key("datos", MapOf(SOURCE, label="nombre: fuente de datos",
                       message="debe ser un diccionario de fuentes de datos"),
        "Las fuentes de datos, por nombre.", required=True, attr="sources"),
    Key("indicadores", MapOf(INDICATOR, label="nombre: indicador",
                             message="debe ser un diccionario de indicadores"),
        "Las cifras del informe, por nombre; las plantillas las leen.", required=True,
        attr="indicators"),
    Key("paginas", ListOf(PAGE), "Las páginas, en orden.", required=True, attr="pages"),
    Key("oficinas", ListOf(Template()), "Las oficinas que firman la portada.", default=(),
        attr="offices"),
    Key("asunto", Template(), "El asunto en los metadatos (por defecto, la serie).",
        default=None, attr="subject"),
    Key("palabras_clave", ListOf(Text()), "Palabras clave de los metadatos.", default=(),
        attr="keywords"),
    Key("descripcion", Text(), "Qué es este informe (para quien lo mantiene).", default=""),
    Key("por_cada", FAN_OUT, "Un documento por cada valor de una columna.", default=None,
        attr="fan_out"),
    Key("envio", MAILING, "A quién se envía.", default=None, attr="mailing"),
    Key("comprobaciones", ListOf(CHECK), "Cifras que deben cuadrar antes de dibujar nada.",
        default=(), attr="checks"),
    Key("redondeo_participaciones", Choice(SHARE_ROUNDING), "Cómo se redondean las "
        "participaciones de este informe: `individual` o `mayor_resto` (suman 100). Por "
        "defecto, lo que diga el estilo.", default=None, attr="rounding"),
    Key("institucion", INSTITUTION_OVER, "Quién publica este informe, si no es quien dice "
        "el estilo: `pais`, `entidad`, `autor`, `elaboracion` (cada uno opcional).",
        default={}, attr="institution"),
    Key("numeros", NUMBERS_OVER, "Cómo escribe los números este informe, si no como el "
        "estilo: `miles`, `decimal`, `espacio_porcentaje`.", default={}, attr="numbers"),
), doc="Un informe: sus datos, sus indicadores y sus páginas.")
"""The whole brief file."""
