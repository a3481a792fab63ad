"""The time stamped into documents, so that the same inputs give the same bytes.

``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention) wins when
set; otherwise a document is dated by its edition (the first day of the edition month, 00:00
UTC), which comes from the brief: rebuilding an edition never changes its date, its DOCX
or its PDF.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

from sectorial.errors import SectorialError


def build_time(edition: tuple[int, int]) -> datetime:
    """Return the time to stamp into the documents of an edition (year, month), in UTC.

    >>> build_time((2025, 5)).isoformat()
    '2025-05-01T00:00:00+00:00'
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        year, month = edition
        return datetime(max(year, 1980), min(max(month, 1), 12), 1, tzinfo=UTC)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise SectorialError(
            f"SOURCE_DATE_EPOCH no válido '{epoch}'",
            hint="use segundos desde 1970 (p. ej. 1716940800) o quite la variable",
        ) from exc


_CORE_DATES = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)([^<]*)(</dcterms:)")


def stamp(created: datetime | None) -> datetime:
    """The document's time, or a fixed one for documents built without a brief (tests)."""
    return created or datetime(2000, 1, 1, tzinfo=UTC)


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same zip (a DOCX, an XLSX) with every entry dated ``when``: zipfile stamps the
    current time on each entry it writes, which alone would make two builds differ; the
    Office core properties (``docProps/core.xml``) get ``when`` as created and modified."""
    import io
    import zipfile

    date = when.astimezone(UTC).timetuple()[:6]
    if date[0] < 1980:  # the zip format starts in 1980
        date = (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date)
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(
                    lambda m: m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%SZ") + m.group(3),
                    content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


LIBRARIES = ("reportlab", "rl_accel", "matplotlib", "python-docx", "pikepdf", "babel",
             "pandas", "numpy", "Jinja2", "PyYAML", "openpyxl", "python-pptx", "XlsxWriter",
             "fonttools", "Pillow", "lxml")
"""The libraries whose version can change the bytes of a document."""


def library_versions() -> dict[str, str]:
    """Python's version and each library's, as installed: the same inputs give the same
    bytes only with the same versions, so the build state and the archive keep them."""
    if not _VERSIONS:
        import platform
        from importlib.metadata import PackageNotFoundError, version

        _VERSIONS["python"] = platform.python_version()
        for name in LIBRARIES:
            try:
                _VERSIONS[name] = version(name)
            except PackageNotFoundError:
                _VERSIONS[name] = "no instalada"
    return dict(_VERSIONS)


_VERSIONS: dict[str, str] = {}


def version_changes(recorded: dict[str, str], now: dict[str, str]) -> list[str]:
    """What differs between two sets of versions, as a person reads it.

    >>> version_changes({"reportlab": "4.2.0", "pandas": "2.2.3"},
    ...                 {"reportlab": "4.4.1", "pandas": "2.2.3"})
    ['reportlab 4.2.0 → 4.4.1']
    """
    return [f"{name} {recorded.get(name, 'no registrada')} → {now.get(name, 'no instalada')}"
            for name in dict.fromkeys([*recorded, *now])
            if recorded.get(name) != now.get(name)]
