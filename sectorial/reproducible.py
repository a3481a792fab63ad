"""The build's timestamp: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from sectorial.errors import SectorialError


def build_time() -> datetime:
    """Return the time to stamp into documents, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise SectorialError(
            f"SOURCE_DATE_EPOCH no válido '{epoch}'",
            hint="use segundos desde 1970 (p. ej. 1716940800) o quite la variable",
        ) from exc
