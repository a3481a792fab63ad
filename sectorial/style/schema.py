"""The keys of a house style (``estilo.yaml``), declared once: validator, editors, README."""

from __future__ import annotations

from functools import cache

from sectorial.lang.shares import METHODS as SHARE_ROUNDING
from sectorial.schema import (
    Anything,
    Choice,
    Flag,
    Integer,
    Key,
    ListOf,
    MapOf,
    Number,
    Pattern,
    Section,
    Template,
    Text,
)

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "carta": (215.9, 279.4)}
PDFA_FLAVOURS = ("2a", "2b", "3a", "3b")
DOCX_CHARTS = ("nativo", "imagen")
COLOR = Pattern(label="color \"#RRGGBB\"", pattern="^#[0-9A-Fa-f]{6}$",
                message="color no válido '{value}'",
                hint="use el formato \"#RRGGBB\", por ejemplo \"#C8102E\"")
MARGIN = Number(0, 100, "escriba los milímetros del margen, por ejemplo 15")

INSTITUTION = Section((
    Key("pais", Text(), "El país de la banda de gobierno («PERÚ»).", required=True,
        attr="country"),
    Key("entidad", Text(), "La institución («Ministerio de la Producción»).", required=True,
        attr="entity"),
    Key("autor", Text(), "El autor en los metadatos del PDF y del DOCX.", required=True,
        attr="author"),
    Key("elaboracion", Text(), "La línea de créditos al pie de cada página.", required=True,
        attr="credit"),
), doc="Quién publica.")

MARGINS = Section(tuple(Key(side, MARGIN, f"Margen {side}, en mm.", default=15.0)
                        for side in ("superior", "inferior", "izquierdo", "derecho")),
                  empty=True, doc="Márgenes en milímetros.")

PAGE = Section((
    Key("tamano", Choice(tuple(PAGE_SIZES_MM), message="tamaño de página desconocido "
                         "'{value}'", hint="use " + " o ".join(PAGE_SIZES_MM)),
        "El tamaño del papel.", required=True),
    Key("orientacion", Choice(("horizontal", "vertical"), message="orientación desconocida "
                              "'{value}'", hint="use 'horizontal' o 'vertical'"),
        "Apaisada (`horizontal`) o vertical.", required=True),
    Key("margenes_mm", MARGINS,
        "Márgenes en milímetros.", default={}),
), doc="La página.")

FONTS = Section((
    Key("pdf", Section((
        Key("paquete", Text(), "Un paquete de Python que trae las fuentes (las rutas parten "
            "de él); si no, las rutas parten de la carpeta del estilo.", default=None),
        Key("normal", Text(), "El archivo .ttf normal.", required=True),
        Key("negrita", Text(), "El archivo .ttf en negrita.", required=True),
    )), "Las fuentes TrueType que el PDF y los gráficos incrustan.", required=True),
    Key("docx", Text(), "La fuente que nombra el DOCX (una que toda instalación de Office "
        "tenga).", required=True),
    Key("tamanos", MapOf(Number(1, 200, "escriba el tamaño en puntos, por ejemplo 10.5")),
        "Tamaño en puntos de cada papel del texto (`texto`, `nota`, `cifra`…).",
        required=True),
), doc="Las fuentes.")

COLORS = Section((
    Key("serie", ListOf(COLOR), "Los colores de las series y las porciones, en orden.",
        required=True),
), open=COLOR, doc="Los colores: la paleta `serie` y un color por papel (`primario`, "
    "`oscuro`, `texto`, `cifra`…).")

NUMBERS = Section((
    Key("miles", Text(), "El separador de miles (`,` en es-PE; un espacio en las notas de "
        "PROMPERÚ).", required=True),
    Key("decimal", Text(), "El separador decimal.", required=True),
    Key("locale", Text(), "El idioma y país de babel.", default="es_PE"),
    Key("espacio_porcentaje", Flag(), "Un espacio antes de % (`18,1 %`).", default=False),
    Key("redondeo_participaciones", Choice(SHARE_ROUNDING, message="método de redondeo "
                                           "desconocido '{value}'",
                                           hint="use 'individual' o 'mayor_resto'"),
        "Cómo se redondean las participaciones de un todo si el informe no lo dice: "
        "`individual` o `mayor_resto` (suman 100).", default="individual"),
), doc="El estilo de los números.")

CHARTS = Section((
    Key("docx", Choice(DOCX_CHARTS, hint="use 'nativo' (gráficos de Word editables) o "
                       "'imagen'"),
        "Los gráficos del DOCX: `nativo` (editables en Word) o `imagen`.", default="imagen"),
    Key("dpi", Integer(72, 600, "escriba la resolución de las imágenes, por ejemplo 200"),
        "La resolución de los gráficos como imagen.", default=200),
), doc="Los gráficos.", empty=True)

INTENSITY = Section((
    Key("hasta", Anything(types=("number", "null"),
                          message="cada nivel de 'intensidad' necesita 'hasta' (número o "
                          "null) y 'palabra'",
                          hint="por ejemplo: - {hasta: 2, palabra: \"ligero|ligera\"}"),
        "Hasta qué variación (en %, sin signo) vale la palabra; null o sin escribir: sin "
        "límite.", default=None),
    Key("palabra", Text(), "La palabra, masculina|femenina.", required=True),
), message="cada nivel de 'intensidad' necesita 'hasta' (número o null) y 'palabra'",
    hint="por ejemplo: - {hasta: 2, palabra: \"ligero|ligera\"}")

MAIL = Section((
    Key("asunto", Template(), "El asunto del correo (una plantilla).", required=True),
    Key("cuerpo", Text(), "El archivo de la plantilla del cuerpo, junto al estilo.",
        required=True),
), doc="El correo con que se envía el informe.")

LOGO = Section((
    Key("archivo", Text(), "El archivo PNG o JPEG del logo, desde la carpeta del estilo.",
        required=True),
    Key("texto", Text(), "Lo que dice el logo, para quien no lo ve (su texto alternativo).",
        required=True),
), doc="El logo de la institución.")

STYLE = Section((
    Key("nombre", Text(), "El nombre del estilo.", required=True),
    Key("institucion", INSTITUTION, "Quién publica.", required=True),
    Key("pagina", PAGE, "La página.", required=True),
    Key("fuentes", FONTS, "Las fuentes y sus tamaños.", required=True),
    Key("colores", COLORS, "Los colores.", required=True),
    Key("numeros", NUMBERS, "El estilo de los números.", required=True),
    Key("idioma", Text(), "El idioma del documento (BCP 47).", default="es-PE"),
    Key("graficos", CHARTS, "Los gráficos.", default={}),
    Key("portada", Flag(), "Si el documento lleva portada.", default=True),
    Key("intensidad", ListOf(INTENSITY), "Las palabras de la intensidad de un cambio "
        "(«una ligera disminución»), de menor a mayor.", default=None),
    Key("correo", MAIL, "El correo de `sectorial send`.", default=None),
    Key("logo", LOGO, "El logo de la institución (`archivo`, `texto`): en la portada y en "
        "la banda de cada página, en el PDF y el DOCX, en lugar de la banda dibujada.",
        default=None),
    Key("pdfa", Anything(types=("string", "boolean")), "El nivel PDF/A del PDF: \"2a\" "
        "(accesible y para archivar: etiquetado, PDF/UA-1), \"2b\", \"3a\", \"3b\" o no. "
        "El PDF va siempre etiquetado; el nivel A lo declara.", default="2a"),
), doc="Un estilo de la casa: la página, las fuentes, los colores, los números y el correo.")
"""The whole of ``estilo.yaml``."""


@cache
def style_schema() -> dict:
    """The JSON Schema of ``estilo.yaml`` (compiled once per process by the validator)."""
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "title": "Estilo de la casa de sectorial", **STYLE.to_json()}

