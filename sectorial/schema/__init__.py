"""Declared schemas: the brief, the house style and the settings, read one way.

``fields`` is the declaration language (light to import); ``validate`` checks a file
against the JSON Schema a declaration gives; ``docs`` writes the README's field tables.
"""

from sectorial.schema.fields import (
    BLANK,
    MISSING,
    Anything,
    Built,
    Choice,
    Flag,
    Integer,
    Key,
    ListOf,
    MapOf,
    Name,
    Number,
    OneKeyOf,
    Pattern,
    Place,
    Section,
    Snippet,
    Template,
    Text,
    Value,
    Variants,
)

__all__ = ["BLANK", "MISSING", "Anything", "Built", "Choice", "Flag", "Integer", "Key",
           "ListOf", "MapOf", "Name", "Number", "OneKeyOf", "Pattern", "Place", "Section",
           "Snippet", "Template", "Text", "Value", "Variants"]
