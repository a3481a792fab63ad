"""The kinds of indicator: each declared once, beside its function (``sums``, ``changes``).

``INDICATORS["total"]`` is the kind a brief names with ``tipo: total``: its keys, its
documentation and the function that computes it. Importing ``sectorial.indicators``
declares them all.
"""

from __future__ import annotations

from sectorial.indicators.spec import COMMON
from sectorial.kinds import Kind, Registry
from sectorial.schema import Choice, Key, Section

INDICATORS = Registry("tipo de indicador")


def kind_section(kind: Kind) -> Section:
    """The whole section of an indicator of ``kind``: ``tipo``, its keys and the common."""
    tag = Key("tipo", Choice((kind.name,)), "El tipo de indicador.", required=True,
              attr="kind")
    return Section((tag, *kind.keys, *COMMON.keys), doc=kind.doc)
