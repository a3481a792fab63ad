"""Registries of kinds: each indicator, chart, page, block and output format, declared once.

A kind is declared where it is implemented, with its name (what a brief writes), the keys it
takes (``schema.fields``), one line of documentation and the function that does its work::

    @INDICATORS.register("total", doc="Suma de una columna…", keys=(...))
    def total(spec, ctx): ...

The brief's schema, the loader, the CLI help, the renderers and the README's reference all
read the registries; nothing lists kinds elsewhere. The registries themselves live beside
their layer: ``indicators.registry.INDICATORS``, ``text.charts.CHARTS``,
``text.pages.PAGES`` and ``text.pages.BLOCKS``, ``formats.FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from sectorial.errors import SectorialError, unknown_key_hint


@dataclass(frozen=True)
class Kind:
    """One kind: its name, its keys, its documentation, what implements it, and any facts
    its users need (``extra``: the model's chart kind, the data an indicator reads…)."""

    name: str
    doc: str
    keys: tuple = ()
    function: Callable[..., Any] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None


class Registry:
    """The kinds of one thing (``what``: "indicador", "gráfico"…), in declaration order."""

    def __init__(self, what: str):
        self.what = what
        self._kinds: dict[str, Kind] = {}

    def register(self, name: str, *, doc: str, keys: tuple = (),
                 **extra: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare a kind implemented by the decorated function."""

        def declare(function: Callable[..., Any]) -> Callable[..., Any]:
            self.add(Kind(name, doc, keys, function, extra))
            return function

        return declare

    def add(self, kind: Kind) -> Kind:
        """Declare a kind given whole (an output format names its module instead)."""
        if kind.name in self._kinds:
            raise ValueError(f"{self.what} '{kind.name}' declared twice")
        self._kinds[kind.name] = kind
        return kind

    def __getitem__(self, name: str) -> Kind:
        try:
            return self._kinds[name]
        except KeyError:
            raise SectorialError(f"{self.what} desconocido '{name}'",
                                 hint=unknown_key_hint(name, self.names())) from None

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[Kind]:
        return iter(self._kinds.values())

    def names(self) -> tuple[str, ...]:
        return tuple(self._kinds)
