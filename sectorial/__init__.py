"""sectorial: Spanish-language economic briefs (DOCX and PDF) from data.

The Python API (``sectorial.build``, ``sectorial.Document``, ``sectorial.SectorialError``) is
``sectorial.api``, imported when first used: ``import sectorial`` alone loads nothing else.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {"build": "sectorial.api", "Document": "sectorial.api",
        "SectorialError": "sectorial.errors"}


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'sectorial' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
