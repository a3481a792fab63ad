"""Data sources as a brief declares them, and the keys they are declared with.

No file is read here: this stays light to import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sectorial.lang.numbers import PRODUCE, NumberStyle
from sectorial.schema import Choice, Integer, Key, ListOf, MapOf, Name, Section, Text

COLUMN_TYPES = ("periodo", "texto", "entero", "conteo", "decimal")
MAX_ERRORS = 20  # cells reported before the loader stops looking
PLACEHOLDERS = {"-", "–", "—", "n.d.", "nd", "n.d", "s.i.", "si", "…", "...", "s/d", "n.a."}
EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                "#SPILL!", "#CALC!", "#GETTING_DATA")
"""The error values of Excel formulas (in a CSV as text; pandas reads a workbook's as empty)."""
MAX_HEADER_ROWS = 3  # a header may span up to this many rows (a group title over sub-headers)
ROW = "_row"
"""Hidden column of every table: the row of each record in its file."""
PERIOD_INDEX = "_periodo"
"""Hidden column: each row's period as an integer (Period.index), for fast selection."""


@dataclass(frozen=True)
class SourceSpec:
    """A data source as the brief declares it (``SOURCE`` lists its keys).

    ``filas_encabezado: N`` (1 to MAX_HEADER_ROWS, default 1) says the header spans N rows
    starting at ``fila_encabezado``, as in INEI or BCRP tables where a merged group cell
    ("Exportaciones") spans the sub-headers below it ("2023", "2024", "Var. %"). Each
    column's name joins its header cells from top to bottom with a space
    ("Exportaciones 2024"); a group cell is carried to the right across the columns it
    spans: in Excel the sheet's merged ranges, in CSV every empty cell after it (until a
    row above starts a new group). A column with empty upper cells keeps its lower name
    ("region"), one with an empty lower cell its upper name; whitespace inside a cell
    (line breaks) becomes one space. The first record is the row after the header.
    """

    key: str
    path: Path
    origin: str
    columns: dict[str, str]
    sheet: str | None = None
    numbers: NumberStyle = PRODUCE
    header_row: int = 1  # the file row that holds the column names (title rows above it)
    unique: tuple[str, ...] = ()  # columns that identify a row: no two rows may share them
    header_rows: int = 1  # how many rows the header spans, from header_row down
    optional: tuple[str, ...] = ()  # declared columns the file may lack (read as empty text)
    description: str = ""
    separator: str | None = None  # a CSV's: ",", ";" or "\t"; None: read from its header
    totals: dict[str, str] = field(default_factory=dict)  # filas_total: column -> "Total"
    figures: bool = True  # figures are computed from it: the checks of the data as a whole
    gaps: bool = False  # faltantes: permitir: a period may lack a value the others have
    outliers: bool = False  # atipicos: permitir: no comparison of a figure with its series
    # Other names a declared column goes by in the files people make ("email" for "correo"):
    # matched without case, accents, spaces or hyphens, when the column itself is absent.
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


SEPARATOR_WORDS = {",": ",", ";": ";", "tab": "\t"}
"""How a brief writes each CSV separator ('separador'), and the character it is."""
SEPARATOR_NAMES = {",": "comas (,)", ";": "punto y coma (;)", "\t": "tabuladores"}
"""How an error names each separator."""

NUMBER_MARKS = Section((
    Key("miles", Text(), "Separador de miles de los números del archivo.", default=","),
    Key("decimal", Text(), "Separador decimal.", default="."),
), doc="Cómo escribe los números el archivo (por defecto, 17,224.5).")

SOURCE = Section((
    Key("archivo", Text(), "Ruta del archivo CSV o Excel (.xlsx), desde la carpeta del "
        "informe.", required=True, attr="path"),
    Key("fuente", Text(), "Quién publica los datos; la nota «Fuente:» de cada página lo "
        "nombra.", required=True, attr="origin"),
    Key("columnas", MapOf(Choice(COLUMN_TYPES, message="tipo de columna desconocido "
                                                       "'{value}'")),
        "Las columnas que se leen y su tipo: " + ", ".join(COLUMN_TYPES) + ". `conteo` "
        "rechaza negativos.", required=True, attr="columns"),
    Key("hoja", Text(), "La hoja del libro de Excel (por defecto, la primera).",
        default=None, attr="sheet"),
    Key("numeros", NUMBER_MARKS, "Separadores de miles y decimales del archivo.",
        default=None, attr="numbers"),
    Key("descripcion", Text(), "Qué contiene el archivo.", default="", attr="description"),
    Key("clave", ListOf(Name()), "Columnas que identifican una fila: dos filas no pueden "
        "repetirlas.", default=(), attr="unique"),
    Key("fila_encabezado", Integer(1, None, hint="escriba el número de la fila del archivo "
                                   "que tiene los nombres de columna (1 si es la primera)",
                                   message="debe ser un número de fila, 1 o mayor, no "
                                           "'{value}'"),
        "La fila con los nombres de columna, si hay filas de título encima.", default=1,
        attr="header_row"),
    Key("filas_encabezado", Integer(1, MAX_HEADER_ROWS, hint="escriba cuántas filas ocupa el "
                                    "encabezado: 2 si un título agrupado (como "
                                    "'Exportaciones') está encima de los subtítulos ('2023', "
                                    "'2024')"),
        "Cuántas filas ocupa el encabezado (un título agrupado sobre subtítulos).",
        default=1, attr="header_rows"),
    Key("filas_total", MapOf(Text(), label="columna: valor"), "Las filas de total que el "
        "archivo trae (`{region: Total}`): se comprueba que sumen las demás y se dejan fuera. "
        "Sin declararlas, una fila que dice «Total» es un error.", default={},
        attr="totals"),
    Key("atipicos", Choice(("permitir",), message="valor desconocido '{value}'",
                           hint="escriba 'atipicos: permitir' o quite el campo"),
        "`permitir`: no comparar cada cifra con las de su serie (una cifra mil veces menor "
        "que las demás, o cien mil veces mayor, es un error sin declararlo).", default=None,
        attr="outliers"),
    Key("faltantes", Choice(("permitir",), message="valor desconocido '{value}'",
                            hint="escriba 'faltantes: permitir' o quite el campo"),
        "`permitir`: un periodo puede no traer un valor de una columna de texto que los "
        "demás periodos traen (sin declararlo, es un error: los totales de ese periodo "
        "saldrían sin esa parte).", default=None, attr="gaps"),
    Key("separador", Choice(tuple(SEPARATOR_WORDS), message="separador desconocido '{value}'",
                            hint='use ",", ";" o "tab"'),
        "El separador de las celdas de un CSV: `\",\"`, `\";\"` (el de Excel en Perú) o "
        "`tab`; por defecto, el que usa la fila de encabezado.", default=None,
        attr="separator"),
), doc="Una fuente de datos: un archivo CSV o Excel y sus columnas.")


__all__ = ["COLUMN_TYPES", "MAX_ERRORS", "MAX_HEADER_ROWS", "PERIOD_INDEX", "PLACEHOLDERS",
           "ROW", "SOURCE", "SourceSpec"]
