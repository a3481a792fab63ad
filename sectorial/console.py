"""Plain-text output for the terminal and for logs."""

from __future__ import annotations


def text_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Lines of a plain-text table: columns aligned, the last one (a long detail) not
    padded.

    >>> text_table(("a", "b"), [("xyz", "1")])
    ['a    b', 'xyz  1']
    """
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    return [("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1]).rstrip()
            for row in [header, *rows]]


class Console:
    """Where a command speaks: lines of what it did to stdout (none when ``quiet``),
    problems to stderr, each flushed at once (a log shows them as they happen)."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet

    def echo(self, line: str) -> None:
        if not self.quiet:
            print(line, flush=True)

    def warn(self, line: str) -> None:
        import sys

        print(line, file=sys.stderr, flush=True)
