"""``sectorial estilo referencia NOMBRE``: write the house style's reference document.

The DOCX takes its named styles from ``templates/<estilo>/referencia.docx`` when it is there
(the designer's, edited in Word); this command writes that file from the house style's
colours, sizes and font, so the DOCX and the PDF start alike. ``--check`` says whether the
file is the one the house style gives now, without writing (the shipped styles' references
are kept so by a test).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import sectorial
from sectorial.console import Console
from sectorial.errors import SectorialError


def run(args: argparse.Namespace) -> int:
    from sectorial.render.word.reference import reference_document
    from sectorial.style.loader import find_style, load_house
    from sectorial.style.model import REFERENCE_FILE

    folder = find_style(args.name, Path.cwd())
    house = load_house(folder)
    target: Path = args.out or folder / REFERENCE_FILE
    if args.out is None and folder.is_relative_to(Path(sectorial.__file__).resolve().parent):
        raise SectorialError(
            f"el estilo '{args.name}' es uno de los que trae sectorial ({folder})",
            hint=f"copie su carpeta a templates/{args.name} en su proyecto y ejecute la orden "
            "allí, o escriba el documento en otro lugar con --out ARCHIVO.docx")
    wanted = reference_document(house.look)
    console = Console()
    current = target.read_bytes() if target.is_file() else None
    if args.check or current == wanted:
        if current == wanted:
            console.echo(f"al día: {target}")
            return 0
        console.warn(f"desactualizado: {target}" if current else f"no existe: {target}")
        console.warn(f"  Qué hacer: ejecute 'sectorial estilo referencia {args.name}'")
        return 1
    if current is not None and not args.force:
        raise SectorialError(
            f"ya existe '{target}' y no es el que da el estilo ahora (quizás se editó en "
            "Word): escribir encima perdería esos cambios",
            hint="agregue --force para reemplazarlo, o escriba otro con --out OTRO.docx")
    from sectorial.files import write_all

    write_all({target: wanted})
    console.echo(f"escrito: {target}")
    console.echo("  Ábralo en Word, cambie los estilos (Inicio → Estilos) y guárdelo: los "
                 "próximos DOCX los usan.")
    return 0
