"""House styles: ``templates/<name>/estilo.yaml`` loaded into a Theme the renderers consult.

Renderers ask the theme for *roles* (``theme.color("cifra")``, ``theme.size("texto")``);
a role the style does not define is an error quoting its name, never a silent default.
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path

from sectorial.brief.schema import Snippet
from sectorial.errors import Location, RenderError, SectorialError, StyleError, raise_all
from sectorial.lang.numbers import NumberStyle
from sectorial.yamlfile import LineDict, check_keys, load_yaml

STYLE_FILE = "estilo.yaml"
PDFA_FLAVOURS = ("2b", "3b")
DOCX_CHARTS = ("nativo", "imagen")
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "carta": (215.9, 279.4)}
SHARE_ROUNDING = ("individual", "mayor_resto")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
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
class MailTemplates:
    """``correo``: the subject line (a template) and the body (a template file) of the
    email that carries a brief. Jinja2 source with where it was written, for errors."""

    subject: Snippet
    body: Snippet


@dataclass(frozen=True)
class Theme:
    """A loaded house style."""

    name: str
    folder: Path
    language: str
    institution: Institution
    page: PageSetup
    pdf_regular: Path
    pdf_bold: Path
    docx_font: str
    sizes: dict[str, float]
    colors: dict[str, str]
    palette: tuple[str, ...]
    numbers: NumberStyle
    share_rounding: str
    chart_dpi: int = 200
    docx_charts: str = "imagen"  # "nativo": editable Word charts in the DOCX; "imagen": PNG
    cover: bool = True
    intensity: tuple[tuple[float | None, str], ...] = DEFAULT_INTENSITY
    mail: MailTemplates | None = None
    pdfa: str | None = "2b"  # PDF/A flavour of the PDF ("2b", "3b"), None for plain PDF

    def color(self, role: str) -> str:
        """Return the colour (``#RRGGBB``) of a role, or fail naming it."""
        try:
            return self.colors[role]
        except KeyError:
            raise RenderError(
                f"el estilo '{self.name}' no define el color '{role}'",
                Location(str(self.folder / STYLE_FILE), field=f"colores.{role}"),
                f"agregue 'colores: {role}: \"#RRGGBB\"'",
            ) from None

    def size(self, role: str) -> float:
        """Return the font size in points of a role, or fail naming it."""
        try:
            return self.sizes[role]
        except KeyError:
            raise RenderError(
                f"el estilo '{self.name}' no define el tamaño '{role}'",
                Location(str(self.folder / STYLE_FILE), field=f"fuentes.tamanos.{role}"),
                f"agregue 'fuentes: tamanos: {role}: <puntos>'",
            ) from None


def find_style(name: str, brief_dir: Path) -> Path:
    """Return the folder of house style ``name``, looked up beside the brief's project."""
    candidate = Path(name)
    if "/" in name or candidate.is_absolute():
        folders = [brief_dir / candidate]
    else:
        folders = [brief_dir.parent / "templates" / name, Path.cwd() / "templates" / name]
    for folder in folders:
        if (folder / STYLE_FILE).is_file():
            return folder.resolve()
    raise StyleError(
        f"no se encuentra el estilo '{name}'",
        Location(str(folders[0] / STYLE_FILE)),
        "cree la carpeta templates/<nombre>/ con un archivo estilo.yaml, o corrija 'estilo'",
    )


def load_theme(folder: Path) -> Theme:
    """Load and validate ``folder/estilo.yaml``, reporting every problem at once."""
    path = folder / STYLE_FILE
    file = str(path)
    raw = load_yaml(path, StyleError)
    errors: list[SectorialError] = check_keys(
        raw,
        file,
        ("nombre", "institucion", "pagina", "fuentes", "colores", "numeros"),
        ("idioma", "graficos", "portada", "intensidad", "correo", "pdfa"),
        StyleError,
    )
    if errors:
        raise_all(errors)

    def section(
        key: str, required: tuple[str, ...], optional: tuple[str, ...] = (), *, open_: bool = False
    ) -> LineDict:
        value = raw[key]
        if not isinstance(value, LineDict):
            errors.append(
                StyleError("debe ser un diccionario", Location(file, raw.line_of(key), field=key))
            )
            empty = LineDict()
            empty.key_lines = {}
            return empty
        optional = tuple(value) if open_ else optional
        errors.extend(check_keys(value, file, required, optional, StyleError, prefix=key + "."))
        return value

    inst = section("institucion", ("pais", "entidad", "autor", "elaboracion"))
    page = section("pagina", ("tamano", "orientacion"), ("margenes_mm",))
    fonts = section("fuentes", ("pdf", "docx", "tamanos"))
    colors = section("colores", ("serie",), open_=True)  # any role name
    nums = section(
        "numeros",
        ("miles", "decimal"),
        ("locale", "espacio_porcentaje", "redondeo_participaciones"),
    )
    charts = raw.get("graficos") or {}
    if errors:
        raise_all(errors)

    palette = tuple(str(c) for c in colors["serie"])
    named = {str(k): str(v) for k, v in colors.items() if k != "serie"}
    for key, value in [*named.items(), *((f"serie[{i}]", c) for i, c in enumerate(palette))]:
        if not _HEX.match(value):
            errors.append(
                StyleError(
                    f"color no válido '{value}'",
                    Location(file, colors.line_of(key.split("[")[0]), field=f"colores.{key}"),
                    "use el formato \"#RRGGBB\", por ejemplo \"#C8102E\"",
                )
            )
    size_name = str(page["tamano"])
    if size_name not in PAGE_SIZES_MM:
        errors.append(
            StyleError(
                f"tamaño de página desconocido '{size_name}'",
                Location(file, page.line_of("tamano"), field="pagina.tamano"),
                "use " + " o ".join(PAGE_SIZES_MM),
            )
        )
    orientation = str(page["orientacion"])
    if orientation not in ("horizontal", "vertical"):
        errors.append(
            StyleError(
                f"orientación desconocida '{orientation}'",
                Location(file, page.line_of("orientacion"), field="pagina.orientacion"),
                "use 'horizontal' o 'vertical'",
            )
        )
    rounding = str(nums.get("redondeo_participaciones", "individual"))
    if rounding not in SHARE_ROUNDING:
        errors.append(
            StyleError(
                f"método de redondeo desconocido '{rounding}'",
                Location(file, nums.line_of("redondeo_participaciones"),
                         field="numeros.redondeo_participaciones"),
                "use 'individual' o 'mayor_resto'",
            )
        )
    regular, bold = _font_files(fonts["pdf"], file, fonts.line_of("pdf"), errors)
    intensity = _intensity(raw, file, errors)
    mail = _mail(raw, folder, file, errors)
    pdfa = _pdfa(raw, file, errors)
    docx_charts = str(charts.get("docx", "imagen")) if isinstance(charts, dict) else "imagen"
    if docx_charts not in DOCX_CHARTS:
        errors.append(StyleError(f"valor no válido '{docx_charts}'",
                                 Location(file, raw.line_of("graficos"), field="graficos.docx"),
                                 "use 'nativo' (gráficos de Word editables) o 'imagen'"))
    if errors:
        raise_all(errors)

    short, long = PAGE_SIZES_MM[size_name]
    landscape = orientation == "horizontal"
    margins = page.get("margenes_mm") or {}
    return Theme(
        name=str(raw["nombre"]),
        folder=folder,
        language=str(raw.get("idioma", "es-PE")),
        institution=Institution(
            country=str(inst["pais"]),
            entity=str(inst["entidad"]),
            author=str(inst["autor"]),
            credit=str(inst["elaboracion"]),
        ),
        page=PageSetup(
            width_mm=long if landscape else short,
            height_mm=short if landscape else long,
            landscape=landscape,
            margin_top_mm=float(margins.get("superior", 15)),
            margin_bottom_mm=float(margins.get("inferior", 15)),
            margin_left_mm=float(margins.get("izquierdo", 15)),
            margin_right_mm=float(margins.get("derecho", 15)),
        ),
        pdf_regular=regular,
        pdf_bold=bold,
        docx_font=str(fonts["docx"]),
        sizes={str(k): float(v) for k, v in fonts["tamanos"].items()},
        colors=named,
        palette=palette,
        numbers=NumberStyle(
            locale=str(nums.get("locale", "es_PE")),
            group=str(nums["miles"]),
            decimal=str(nums["decimal"]),
            percent_space=bool(nums.get("espacio_porcentaje", False)),
        ),
        share_rounding=rounding,
        chart_dpi=int(charts.get("dpi", 200)),
        docx_charts=docx_charts,
        cover=bool(raw.get("portada", True)),
        intensity=intensity,
        mail=mail,
        pdfa=pdfa,
    )


def _pdfa(raw: LineDict, file: str, errors: list) -> str | None:
    """'pdfa': "2b" (por defecto), "3b", o no (PDF simple)."""
    value = raw.get("pdfa", "2b")
    if value is False or str(value).lower() in ("no", "false"):
        return None
    text = str(value).lower()
    if text not in PDFA_FLAVOURS:
        errors.append(StyleError(f"nivel PDF/A desconocido '{value}'",
                                 Location(file, raw.line_of("pdfa"), field="pdfa"),
                                 "use \"2b\" (recomendado para archivar), \"3b\" o no"))
        return None
    return text


def _mail(raw: LineDict, folder: Path, file: str, errors: list) -> MailTemplates | None:
    """Read 'correo': {asunto: plantilla, cuerpo: archivo de plantilla junto al estilo}."""
    node = raw.get("correo")
    if node is None:
        return None
    if not isinstance(node, LineDict):
        errors.append(StyleError("debe ser un diccionario", Location(file, raw.line_of("correo"),
                                                                      field="correo")))
        return None
    found = check_keys(node, file, ("asunto", "cuerpo"), (), StyleError, prefix="correo.")
    if found:
        errors.extend(found)
        return None
    body_path = folder / str(node["cuerpo"])
    try:
        body = body_path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(StyleError(
            f"no se puede leer la plantilla del correo '{body_path}' "
            f"({getattr(exc, 'strerror', None) or exc})",
            Location(file, node.line_of("cuerpo"), field="correo.cuerpo"),
            "indique un archivo de texto UTF-8 que esté en la carpeta del estilo"))
        return None
    return MailTemplates(
        subject=Snippet(str(node["asunto"]), file, node.line_of("asunto"), "correo.asunto"),
        body=Snippet(body, str(body_path), 1, "cuerpo"),
    )


def _font_files(spec: object, file: str, line: int, errors: list) -> tuple[Path, Path]:
    """Resolve the PDF font files: from an installed package, or paths beside the style."""
    placeholder = Path("missing.ttf")
    if not isinstance(spec, dict) or "normal" not in spec or "negrita" not in spec:
        errors.append(
            StyleError(
                "'fuentes.pdf' debe indicar 'normal' y 'negrita' (archivos .ttf)",
                Location(file, line, field="fuentes.pdf"),
            )
        )
        return placeholder, placeholder
    package = spec.get("paquete")
    if package:
        try:
            base = Path(str(importlib.resources.files(str(package))))
        except ModuleNotFoundError:
            errors.append(
                StyleError(
                    f"no está instalado el paquete de fuentes '{package}'",
                    Location(file, line, field="fuentes.pdf.paquete"),
                    f"instálelo con: pip install {str(package).replace('_', '-')}",
                )
            )
            return placeholder, placeholder
    else:
        base = Path(file).parent
    found = []
    for key in ("normal", "negrita"):
        path = base / str(spec[key])
        if not path.is_file():
            errors.append(
                StyleError(
                    f"no existe el archivo de fuente '{path}'",
                    Location(file, line, field=f"fuentes.pdf.{key}"),
                    "indique un archivo .ttf existente",
                )
            )
        found.append(path)
    return found[0], found[1]


def _intensity(raw: LineDict, file: str, errors: list) -> tuple[tuple[float | None, str], ...]:
    """Read 'intensidad': a list of {hasta: número o null, palabra: "ligero|ligera"}."""
    items = raw.get("intensidad")
    if items is None:
        return DEFAULT_INTENSITY
    found: list[tuple[float | None, str]] = []
    for index, item in enumerate(items if isinstance(items, list) else [None]):
        bound = item.get("hasta") if isinstance(item, dict) else "x"
        if (not isinstance(item, dict) or "palabra" not in item
                or not (bound is None or isinstance(bound, (int, float)))):
            errors.append(StyleError(
                "cada nivel de 'intensidad' necesita 'hasta' (número o null) y 'palabra'",
                Location(file, raw.line_of("intensidad"), field=f"intensidad[{index + 1}]"),
                "por ejemplo: - {hasta: 2, palabra: \"ligero|ligera\"}",
            ))
            continue
        found.append((None if bound is None else float(bound), str(item["palabra"])))
    return tuple(found)
