"""Indicators: values computed from the data, each kind declared once in the registry."""

from sectorial.indicators import changes, sums  # noqa: F401 - importing them declares the kinds
