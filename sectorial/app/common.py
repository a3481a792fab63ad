"""What several commands share: the documents asked for, and counted words."""

from __future__ import annotations

import argparse

from sectorial.batch.jobs import Selection


def count(number: int, singular: str, plural: str) -> str:
    """ "1 archivo", "2 archivos"."""
    return f"{number} {singular if number == 1 else plural}"


def selection(args: argparse.Namespace) -> Selection:
    """The briefs, period and regions a command was asked for."""
    only = dict(args.only)
    if args.region:
        only["region"] = args.region
    return Selection(tuple(args.brief), args.period, only)
