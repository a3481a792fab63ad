"""``sectorial send``: mail each document to its list (see ``mail.send``)."""

from __future__ import annotations

import argparse

from sectorial import batch, clock
from sectorial.app.common import selection
from sectorial.console import Console


def run(args: argparse.Namespace) -> int:
    from sectorial.mail import send

    clock.configure(args.brief[0], args.config)
    console = Console(quiet=args.quiet)
    if args.status:
        return send.status(selection(args), args.out, console)
    options = send.Options(
        out_dir=args.out, recipients_file=args.to, dry_run=args.dry_run, config=args.config,
        resend=tuple(a.strip().lower() for a in args.resend),
        mark_sent=tuple(a.strip().lower() for a in args.mark_sent),
        workers=args.jobs or batch.default_workers())
    return send.send(selection(args), options, console)
