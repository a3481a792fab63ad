"""Indicators: values computed from the data, each kind declared once in the registry."""

# Importing the kinds declares them: first those read from the data, then the derived ones.
from sectorial.indicators import sums  # noqa: F401

# isort: split
from sectorial.indicators import changes  # noqa: F401

# isort: split
from sectorial.indicators import categories  # noqa: F401

# isort: split
from sectorial.indicators import records  # noqa: F401
