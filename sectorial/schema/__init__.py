"""Declared schemas: the brief, the house style and the settings, read one way.

``fields``, ``values`` and ``sections`` are the declaration language (light to import);
``validate`` checks a file against the JSON Schema a declaration gives; ``docs`` writes the
README's field tables.
"""

from sectorial.schema.fields import BLANK, MISSING, Place, Snippet, Value
from sectorial.schema.sections import Built, Key, ListOf, MapOf, OneKeyOf, Section, Variants
from sectorial.schema.values import (
    Anything,
    Choice,
    Condition,
    Flag,
    Integer,
    Name,
    Number,
    Pattern,
    Template,
    Text,
)

__all__ = ["BLANK", "MISSING", "Anything", "Built", "Choice", "Flag", "Integer", "Key",
           "ListOf", "MapOf", "Name", "Number", "OneKeyOf", "Pattern", "Place", "Section",
           "Snippet", "Template", "Condition", "Text", "Value", "Variants"]
