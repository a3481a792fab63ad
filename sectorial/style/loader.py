"""Find a house style and load it: ``templates/<name>/estilo.yaml``, validated once."""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sectorial import shipped
from sectorial.errors import Location, SectorialError, StyleError, raise_all
from sectorial.lang.numbers import NumberStyle
from sectorial.schema import Place, Snippet
from sectorial.schema.fields import line_at
from sectorial.style.model import (
    DEFAULT_INTENSITY,
    REFERENCE_FILE,
    STYLE_FILE,
    HouseStyle,
    Institution,
    Logo,
    Look,
    MailTemplates,
    PageSetup,
    Voice,
)
from sectorial.style.schema import (
    CHARTS,
    MARGINS,
    PAGE_SIZES_MM,
    PDFA_FLAVOURS,
    STYLE,
    style_schema,
)
from sectorial.yamlfile import load_yaml


def find_style(name: str, brief_dir: Path) -> Path:
    """Return the folder of house style ``name``: beside the brief (``templates/`` in its
    folder), in its project (``templates/`` beside the brief's folder), in the project of
    the folder sectorial runs from, then among the styles that come with sectorial. A
    brief so builds from any folder. A path (``../estilos/mio``) is read from the brief's
    folder."""
    candidate = Path(name)
    if "/" in name or candidate.is_absolute():
        folders = [brief_dir / candidate]
    else:
        folders = list(dict.fromkeys(
            folder / name for folder in (brief_dir / "templates",
                                         brief_dir.parent / "templates",
                                         Path.cwd() / "templates", shipped.templates())))
    for folder in folders:
        if (folder / STYLE_FILE).is_file():
            return folder.resolve()
    included = sorted(p.parent.name for p in shipped.templates().glob(f"*/{STYLE_FILE}"))
    raise StyleError(
        f"no se encuentra el estilo '{name}' (se buscó en "
        + ", ".join(str(f) for f in folders) + ")",
        Location(str(folders[0] / STYLE_FILE)),
        "cree la carpeta templates/<nombre>/ con un archivo estilo.yaml, o corrija 'estilo'"
        + (f"; estilos incluidos: {', '.join(included)}" if included else ""),
    )


def load_house(folder: Path) -> HouseStyle:
    """Load and validate ``folder/estilo.yaml``, reporting every problem at once."""
    from sectorial.schema.validate import validate

    path = folder / STYLE_FILE
    file = str(path)
    raw = load_yaml(path, StyleError)
    report = validate(raw, style_schema(), file, StyleError)
    raise_all(report.errors)
    values = STYLE.read(raw, Place(file, getattr(raw, "line", 1), ""))
    errors: list[SectorialError] = []

    def where(field: str) -> Location:
        return Location(file, line=line_at(raw, tuple(field.split("."))), field=field)

    regular, bold = _font_files(values["fuentes"]["pdf"], path, where, errors)
    mail = _mail(values["correo"], folder, where, errors)
    pdfa = _pdfa(values["pdfa"], where, errors)
    logo = _logo(values["logo"], folder, where, errors)
    raise_all(errors)
    numbers = values["numeros"]
    return HouseStyle(
        name=values["nombre"],
        folder=folder,
        language=values["idioma"],
        institution=Institution(**values["institucion"]),
        look=replace(_look(values, path, regular, bold, pdfa), logo=logo),
        numbers=NumberStyle(locale=numbers["locale"], group=numbers["miles"],
                            decimal=numbers["decimal"],
                            percent_space=numbers["espacio_porcentaje"]),
        rounding=numbers["redondeo_participaciones"],
        voice=Voice(_intensity(values["intensidad"]), mail),
        cover=values["portada"],
    )


def _look(values: dict[str, Any], path: Path, regular: Path, bold: Path,
          pdfa: str | None) -> Look:
    page, fonts, colors = values["pagina"], values["fuentes"], values["colores"]
    charts = values["graficos"] or CHARTS.read({}, Place(str(path), 0, "graficos"))
    short, long = PAGE_SIZES_MM[page["tamano"]]
    landscape = page["orientacion"] == "horizontal"
    margins = page["margenes_mm"] or MARGINS.read({}, Place(str(path), 0, "margenes_mm"))
    return Look(
        name=values["nombre"],
        file=path,
        page=PageSetup(
            width_mm=long if landscape else short,
            height_mm=short if landscape else long,
            landscape=landscape,
            margin_top_mm=margins["superior"],
            margin_bottom_mm=margins["inferior"],
            margin_left_mm=margins["izquierdo"],
            margin_right_mm=margins["derecho"],
        ),
        pdf_regular=regular,
        pdf_bold=bold,
        docx_font=fonts["docx"],
        sizes={str(k): float(v) for k, v in fonts["tamanos"].items()},
        colors={k: v for k, v in colors.items() if k != "serie"},
        palette=tuple(colors["serie"]),
        chart_dpi=int(charts["dpi"]),
        docx_charts=charts["docx"],
        pdfa=pdfa,
        docx_reference=next((p for p in [path.parent / REFERENCE_FILE] if p.is_file()), None),
    )


Where = Callable[[str], Location]


def _pdfa(value: object, where: Where, errors: list[SectorialError]) -> str | None:
    """'pdfa': "2a" (por defecto), "2b", "3a", "3b", o no (PDF simple)."""
    if value is False or str(value).lower() in ("no", "false"):
        return None
    text = str(value).lower()
    if text not in PDFA_FLAVOURS:
        errors.append(StyleError(f"nivel PDF/A desconocido '{value}'",
                                 where("pdfa"),
                                 "use \"2a\" (recomendado: accesible y para archivar), "
                                 "\"2b\", \"3a\", \"3b\" o no"))
        return None
    return text


def _mail(node: dict | None, folder: Path, where: Where,
          errors: list[SectorialError]) -> MailTemplates | None:
    """Read 'correo': {asunto: plantilla, cuerpo: archivo de plantilla junto al estilo}."""
    if node is None:
        return None
    body_path = folder / node["cuerpo"]
    try:
        body = body_path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(StyleError(
            f"no se puede leer la plantilla del correo '{body_path}' "
            f"({getattr(exc, 'strerror', None) or exc})",
            where("correo.cuerpo"),
            "indique un archivo de texto UTF-8 que esté en la carpeta del estilo"))
        return None
    return MailTemplates(subject=node["asunto"], body=Snippet(body, str(body_path), 1, "cuerpo"))


_IMAGE_STARTS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


def _logo(node: dict | None, folder: Path, where: Where,
          errors: list[SectorialError]) -> Logo | None:
    """Read 'logo': {archivo: a PNG or JPEG beside the style, texto: what it says}."""
    if node is None:
        return None
    path = folder / node["archivo"]
    try:
        with path.open("rb") as stream:
            start = stream.read(8)
    except OSError as exc:
        errors.append(StyleError(f"no existe el logo '{path}' ({exc.strerror})",
                                 where("logo.archivo"),
                                 "ponga el archivo en la carpeta del estilo, o corrija la ruta"))
        return None
    if not start.startswith(_IMAGE_STARTS):
        errors.append(StyleError(f"'{path}' no es una imagen PNG ni JPEG", where("logo.archivo"),
                                 "guarde el logo como .png (mejor, con fondo transparente) o "
                                 ".jpg"))
        return None
    return Logo(path.resolve(), node["texto"])


def _font_files(spec: dict, path: Path, where: Where,
                errors: list[SectorialError]) -> tuple[Path, Path]:
    """Resolve the PDF font files: from an installed package, or paths beside the style."""
    placeholder = Path("missing.ttf")
    package = spec["paquete"]
    if package:
        try:
            base = Path(str(importlib.resources.files(package)))
        except ModuleNotFoundError:
            errors.append(StyleError(
                f"no está instalado el paquete de fuentes '{package}'",
                where("fuentes.pdf.paquete"),
                f"instálelo con: pip install {package.replace('_', '-')}"))
            return placeholder, placeholder
    else:
        base = path.parent
    found = []
    for key in ("normal", "negrita"):
        font = base / spec[key]
        if not font.is_file():
            errors.append(StyleError(f"no existe el archivo de fuente '{font}'",
                                     where(f"fuentes.pdf.{key}"),
                                     "indique un archivo .ttf existente"))
        found.append(font)
    return found[0], found[1]


def _intensity(items: tuple | None) -> tuple[tuple[float | None, str], ...]:
    """'intensidad': a list of {hasta: número o null, palabra: "ligero|ligera"}."""
    if items is None:
        return DEFAULT_INTENSITY
    return tuple((None if item.get("hasta") is None else float(item["hasta"]), item["palabra"])
                 for item in items)
