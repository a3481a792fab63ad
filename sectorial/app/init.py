"""``sectorial init CARPETA``: a ready project, from what comes with sectorial.

It writes the starter brief and its data (``briefs/``, ``data/``), a commented
``sectorial.toml``, the JSON Schemas editors read (``schemas/``) and a ``.gitignore`` for the
outputs. The brief uses the house style ``produce`` that comes with the package, so the
project builds at once: ``cd CARPETA && sectorial build briefs/exportaciones.yaml``.

A folder that already holds files is refused: init never overwrites a user's work.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from sectorial import shipped
from sectorial.console import Console
from sectorial.errors import SectorialError

FIRST_BRIEF = Path("briefs") / "exportaciones.yaml"
"""The brief the starter project builds first (the message after init names it)."""

_IGNORED = "# Lo que sectorial escribe: se vuelve a generar desde los datos.\noutput/\n"


def starter_files() -> dict[Path, bytes]:
    """Each file of a new project (relative path → content)."""
    from sectorial.app.schema import schema_text, schemas

    files = {path.relative_to(shipped.STARTER): path.read_bytes()
             for path in sorted(shipped.STARTER.rglob("*"))
             if path.is_file() and "__pycache__" not in path.parts}
    files |= {Path("schemas") / name: schema_text(content).encode("utf-8")
              for name, content in schemas().items()}
    files[Path(".gitignore")] = _IGNORED.encode("utf-8")
    return files


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    _check_empty(folder)
    from sectorial.files import write_all

    created = not folder.exists()
    try:
        write_all({folder / path: data for path, data in starter_files().items()})
    except BaseException:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    console = Console()
    console.echo(f"proyecto creado: {folder}")
    console.echo(f"  Para construir su primer informe: cd {folder} && sectorial build "
                 f"{FIRST_BRIEF.as_posix()}")
    return 0


def _check_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise SectorialError(f"'{folder}' ya existe y no es una carpeta",
                             hint="indique una carpeta nueva, p. ej. sectorial init mi-proyecto")
    if folder.is_dir():
        try:
            present = sorted(entry.name for entry in folder.iterdir())
        except OSError as exc:
            raise SectorialError(f"no se puede leer la carpeta '{folder}' ({exc.strerror})",
                                 hint="verifique sus permisos") from exc
        if present:
            shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
            raise SectorialError(
                f"la carpeta '{folder}' no está vacía (tiene {shown})",
                hint="indique una carpeta nueva o vacía: init no reemplaza archivos")
