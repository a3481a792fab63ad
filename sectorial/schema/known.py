"""Files already found valid: a brief whose content passed this schema once passes it again.

The validator (``schema.validate``, with jsonschema) was half of an unchanged rerun of the
25 regions. A brief that passed leaves a mark named by the hash of its content and of the
schema it passed (any change to either is another name), in the user's cache folder
(``$XDG_CACHE_HOME/sectorial`` or ``~/.cache/sectorial``; ``SECTORIAL_CACHE`` chooses
another). Without a mark, or without a cache folder that can be written, files are
validated as always.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sectorial import __version__

_SCHEMAS: dict[int, tuple[dict, str]] = {}


def cache_folder() -> Path:
    chosen = os.environ.get("SECTORIAL_CACHE", "").strip()
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "sectorial"


def _mark(content_digest: str, schema: dict) -> Path:
    if id(schema) not in _SCHEMAS:  # the schema is kept alive with its digest
        text = json.dumps(schema, sort_keys=True, ensure_ascii=False, default=str)
        _SCHEMAS[id(schema)] = (schema, hashlib.sha256(text.encode()).hexdigest())
    name = hashlib.sha256(f"{__version__}\0{_SCHEMAS[id(schema)][1]}\0{content_digest}"
                          .encode()).hexdigest()
    return cache_folder() / "validos" / name[:40]


def known_valid(content_digest: str, schema: dict) -> bool:
    """Whether a file of this content passed ``schema`` before."""
    try:
        return _mark(content_digest, schema).is_file()
    except OSError:
        return False


def remember_valid(content_digest: str, schema: dict) -> None:
    """Mark a file of this content as valid under ``schema`` (silently, if it cannot)."""
    try:
        mark = _mark(content_digest, schema)
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
    except OSError:
        pass
