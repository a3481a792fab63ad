"""Where each figure comes from, down to its data files.

A variation or an incidence is computed from other indicators; its origin names them
("variación % de indice_total entre 2022-09 y 2023-09"), not the file they were read from.
``traced`` adds the data files an indicator rests on to every origin that does not name
them yet, so that each row of the figures ledger leads back to a file.
"""

from __future__ import annotations

from dataclasses import replace

from sectorial.indicators.values import Categories, Category, Indicator, Quantity, Series, Shares


def traced(indicator: Indicator, files: tuple[str, ...]) -> Indicator:
    """``indicator`` with ``files`` named in each origin that lacks one of them."""
    if not files:
        return indicator
    tracer = _Tracer(files)
    if isinstance(indicator, Quantity):
        return tracer.quantity(indicator)
    if isinstance(indicator, Series):
        return replace(indicator, origin=tracer.text(indicator.origin),
                       points=tuple((p, tracer.quantity(q)) for p, q in indicator.points))
    if isinstance(indicator, Shares):
        items = tuple(replace(s, amount=tracer.quantity(s.amount),
                              percent=tracer.quantity(s.percent)) for s in indicator.items)
        return replace(indicator, origin=tracer.text(indicator.origin), items=items, _index={})
    if isinstance(indicator, Categories):
        return replace(indicator, origin=tracer.text(indicator.origin),
                       items=tuple(tracer.category(c) for c in indicator.items),
                       whole=tracer.quantity(indicator.whole),
                       whole_change=tracer.quantity(indicator.whole_change),
                       sum=None if indicator.sum is None else tracer.category(indicator.sum))
    return indicator


class _Tracer:
    def __init__(self, files: tuple[str, ...]):
        self.files = files

    def text(self, origin: str) -> str:
        missing = [name for name in self.files if name not in origin]
        if not missing:
            return origin
        named = ", ".join(missing)
        return f"{origin}; datos: {named}" if origin else f"datos: {named}"

    def quantity(self, quantity: Quantity) -> Quantity:
        origin = self.text(quantity.origin)
        return quantity if origin == quantity.origin else replace(quantity, origin=origin)

    def category(self, category: Category) -> Category:
        return replace(category, amount=self.quantity(category.amount),
                       before=self.quantity(category.before),
                       change=self.quantity(category.change),
                       incidence=self.quantity(category.incidence),
                       share=self.quantity(category.share))
