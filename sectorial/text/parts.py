"""The parts of a whole as charts and tables show them: the largest, the rest grouped, the
ones left out named as the data spell them."""

from __future__ import annotations

from decimal import Decimal

from sectorial.errors import Location, TemplateError, closest
from sectorial.indicators.values import Quantity, Share, Shares
from sectorial.lang.numbers import round_half_up
from sectorial.lang.phrases import fold, spelled_alike


def parts(
    data: Shares, limit: int | None, rest_label: str, omit: tuple[str, ...] = (),
    least: float = 0.0,
) -> tuple[tuple[str, ...], tuple[float, ...], tuple[Decimal, ...]]:
    """Return categories, values and rounded shares, the tail beyond ``limit`` grouped;
    the ``omit`` ones are left out, the shares of the others stay of the whole. With
    ``least`` (a donut), the parts whose share is smaller join the group too, and so do the
    leftovers ("Otros"), as long as the group holds more than one part."""
    items = [s for s in data.items if s.amount.value and s.label not in omit]
    shown = items if not limit or len(items) <= limit else items[: limit - 1]
    if least:
        kept = [s for s in shown[1:] if (s.percent.value or 0) >= least
                and s.label not in data.leftover]
        if len(items) - 1 - len(kept) > 1:  # the group would hold more than one part
            shown = shown[:1] + kept
    if len(shown) < len(items):  # a part named as the group goes into it
        shown = [s for s in shown if s.label != rest_label]
    names = {s.label for s in shown}
    rest = [s for s in items if s.label not in names]
    categories = [s.label for s in shown]
    values = [units(s.amount) for s in shown]
    percents = [_shown(data, s) for s in shown]
    if rest:
        categories.append(rest_label)
        values.append(sum(units(s.amount) for s in rest))
        percents.append(_rest_share(data, rest))
    return tuple(categories), tuple(values), tuple(percents)


def _shown(data: Shares, share: Share) -> Decimal:
    """A part's share as drawn: a positive one that rounds to zero keeps its exact value,
    which prints "<0.1%"."""
    if share.percent.tiny and units(data.total):
        return Decimal(repr(units(share.amount) / units(data.total) * 100))
    return Decimal(repr(share.percent.value))


def _rest_share(data: Shares, rest: list) -> Decimal:
    """The share of the grouped tail: its true share of the whole, rounded as each share
    is (34 of 2,848 is 1.2%, while its 24 rounded shares add to 0.9%). With the largest
    remainder rule the rounded shares add to 100, and so does their sum here."""
    rounded = sum((round_half_up(Decimal(repr(s.percent.value)), data.decimals)
                   for s in rest), Decimal(0))
    whole = units(data.total)
    if not whole:
        return rounded
    tail = sum(Decimal(repr(units(s.amount))) for s in rest)
    exact = tail * 100 / Decimal(repr(whole))
    share = rounded if data.rounding == "mayor_resto" else round_half_up(exact, data.decimals)
    return share if share or not tail else exact  # a positive group prints "<0.1%"


def rest_figures(data: Shares, shown: tuple[str, ...], rest_label: str,
                 omit: tuple[str, ...] = ()) -> tuple[Quantity, Quantity] | None:
    """The amount and the share of the group ``rest_label`` that sums the parts not
    ``shown`` (nor omitted), a part of that name among them, for the ledger: what each is
    the sum of, and where those come from."""
    folded = {fold(name) for name in omit}
    members = [s for s in data.items if s.amount.value and fold(s.label) not in folded
               and (s.label not in shown or s.label == rest_label)]
    if not members:
        return None
    amount = sum(units(s.amount) for s in members)
    whole = units(data.total)
    names = ", ".join(s.label for s in members)
    origin = f"suma de {len(members)} partes ({names}); {members[0].amount.origin}"
    unit = members[0].amount.unit
    return (Quantity(amount, unit, 1.0, f"{data.name}[resto]", origin, period=data.period),
            Quantity(amount / whole * 100 if whole else None, "porcentaje", 1.0,
                     f"{data.name}[resto]", f"participación del resto en el total; {origin}",
                     period=data.period, share=True))


def omitted(names: tuple[str, ...], labels: list[str], data: str,
            where: Location) -> tuple[str, ...]:
    """The categories ``omitir`` names, as the data spell them (compared without accents
    or case); a name that is no category of ``data`` is an error with the closest one."""
    found = []
    for name in names:
        same = spelled_alike(name, labels)
        if not same:
            guess = closest(name, labels)
            raise TemplateError(f"'omitir: {name}': '{data}' no tiene esa categoría", where,
                                f"¿quiso decir '{guess}'?" if guess else
                                "categorías: " + ", ".join(labels))
        found += same
    return tuple(found)


def units(q: Quantity) -> float:
    """A value in the units it is drawn in (0 when it has none)."""
    return 0.0 if q.units is None else q.units
