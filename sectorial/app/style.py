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

from sectorial.console import Console


def run(args: argparse.Namespace) -> int:
    from sectorial.render.word.reference import reference_document
    from sectorial.style.loader import find_style, load_house
    from sectorial.style.model import REFERENCE_FILE

    folder = find_style(args.name, Path.cwd())
    house = load_house(folder)
    target: Path = args.out or folder / REFERENCE_FILE
    wanted = reference_document(house.look)
    console = Console()
    if args.check:
        current = target.read_bytes() if target.is_file() else None
        if current == wanted:
            console.echo(f"al día: {target}")
            return 0
        console.warn(f"desactualizado: {target}" if current else f"no existe: {target}")
        console.warn(f"  Qué hacer: ejecute 'sectorial estilo referencia {args.name}'")
        return 1
    from sectorial.files import write_all

    write_all({target: wanted})
    console.echo(f"escrito: {target}")
    console.echo("  Ábralo en Word, cambie los estilos (Inicio → Estilos) y guárdelo: los "
                 "próximos DOCX los usan.")
    return 0
