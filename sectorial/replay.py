"""``sectorial build`` asked again with nothing changed answers from the record of its last
run, without loading the pipeline (YAML, Jinja2, pandas…): the same lines, the same JSON,
in a tenth of a second instead of three.

The record (``<salida>/.sectorial/orden-<clave>.json``) is written after a run that ended
without an error. It holds the SHA-256 of every file the run read (the briefs, their data,
their house styles, sectorial's code), the listing of each folder it was given, the names of
the installed libraries' distributions, and the SHA-256 of every file it wrote. A later run
of the same command (the same briefs, period, regions, formats and output folder, from the
same folder, the same day, with the same environment) replays it only if every one of those
is still the same, content read again, not dates: else the ordinary build decides, document
by document. ``--force``, ``--archive`` and ``--cluster`` never replay.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from sectorial import __version__

_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


def command_key(args: argparse.Namespace) -> str:
    """What makes two runs the same command (not how they report nor how fast)."""
    only = dict(args.only) | ({"region": args.region} if args.region else {})
    parts = {
        "formato": _FORMAT, "sectorial": __version__, "carpeta": str(Path.cwd()),
        "informes": [str(Path(p).resolve()) for p in args.brief],
        "periodo": str(args.period) if args.period else None,
        "solo": sorted((k, v.casefold()) for k, v in only.items()),
        "formatos": list(args.formats) if args.formats else None,
        "salida": str(Path(args.out).resolve()), "dia": datetime.date.today().isoformat(),
        "entorno": sorted((k, v) for k, v in os.environ.items()
                          if k.startswith("SECTORIAL_") or k == "SOURCE_DATE_EPOCH"),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _record_path(args: argparse.Namespace) -> Path:
    return Path(args.out) / ".sectorial" / f"orden-{command_key(args)[:24]}.json"


def replayable(args: argparse.Namespace) -> bool:
    return (args.command == "build" and not args.force and not args.archive
            and not args.cluster)


def replayed(args: argparse.Namespace) -> bool:
    """Say what the last run said, if nothing it read or wrote changed; True if so."""
    started = time.perf_counter()
    try:
        record = json.loads(_record_path(args).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or not _still(record):
        return False
    documents = record["documentos"]
    if args.json:
        for document in documents:
            print(document["json"], flush=True)
    if args.quiet:
        return True
    plain = not sys.stderr.isatty()
    for number, document in enumerate(documents, start=1):
        prefix = f"[{number}/{len(documents)}] " if len(documents) > 1 else ""
        for line in document["lineas"] if plain else ():
            print(prefix + line, file=sys.stderr, flush=True)
    if len(documents) > 1:
        seconds = time.perf_counter() - started
        print(f"{record['resumen']}; tiempo {seconds:.2f} s", file=sys.stderr, flush=True)
    return True


def _still(record: dict) -> bool:
    """Whether every file read and written is as the record says."""
    if record.get("formato") != _FORMAT or record.get("distribuciones") != distributions():
        return False
    for folder, names in record["carpetas"].items():
        if _briefs_in(Path(folder)) != names:
            return False
    files = {**record["leidos"], **record["escritos"]}
    return all(_digest(Path(path)) == digest for path, digest in files.items())


def remember(args: argparse.Namespace, read: Iterable[Path], documents: list[dict],
             summary: str) -> None:
    """Write the record of a run that ended without an error: ``documents``, each with
    its JSON line and its progress lines as if unchanged; ``summary`` with no time."""
    from sectorial.files import write_all

    written = {str(Path(p).resolve()): _digest(Path(p))
               for document in documents for p in document["archivos"]}
    read = {*read, *(p for p in _PACKAGE.rglob("*.py"))}
    record = {
        "formato": _FORMAT, "distribuciones": distributions(),
        "carpetas": {str(Path(p).resolve()): _briefs_in(Path(p)) for p in args.brief
                     if Path(p).is_dir()},
        "leidos": {str(Path(p).resolve()): _digest(Path(p)) for p in sorted(read, key=str)},
        "escritos": written,
        "documentos": [{k: v for k, v in d.items() if k != "archivos"} for d in documents],
        "resumen": summary,
    }
    if None in record["leidos"].values() or None in written.values():
        return  # something vanished meanwhile: no record, the next run builds as usual
    write_all({_record_path(args): json.dumps(record, ensure_ascii=False).encode("utf-8")})


def distributions() -> list[str]:
    """The installed distributions, name and version (``reportlab-5.1.0.dist-info``), and
    Python's version: a new library may write other bytes."""
    found = {sys.version}
    for entry in sys.path:
        try:
            found.update(name for name in os.listdir(entry or ".")
                         if name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(found)


def _briefs_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
