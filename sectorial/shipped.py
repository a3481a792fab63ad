"""What comes with sectorial: the house styles (``produce``, ``promperu``, with their fonts)
and the starter project that ``sectorial init`` writes.

Installed from a wheel, both are package data (``sectorial/templates``, ``sectorial/starter``);
in a checkout the house styles are the project's own ``templates/`` (setup.py maps that folder
into the package), so a designer edits them where they are.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

STARTER = _PACKAGE / "starter"
"""The project ``sectorial init CARPETA`` copies: a brief, its data, a commented
sectorial.toml."""


def templates() -> Path:
    """The folder of the house styles that come with sectorial."""
    inside = _PACKAGE / "templates"
    return inside if inside.is_dir() else _PACKAGE.parent / "templates"
