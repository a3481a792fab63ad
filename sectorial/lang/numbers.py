"""es-PE numbers: formatting and parsing, with the number style as an argument."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NumberStyle:
    """How a house style writes numbers.

    >>> NumberStyle()  # PRODUCE: 17,224 · 84.6% · S/ 1,093 millones
    NumberStyle(locale='es_PE', group=',', decimal='.', percent_space=False)
    """

    locale: str = "es_PE"
    group: str = ","
    decimal: str = "."
    percent_space: bool = False


PRODUCE = NumberStyle()
PROMPERU = NumberStyle(group="\u00a0", decimal=",", percent_space=True)
