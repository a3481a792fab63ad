"""The checker the data generators share (``data/*/construir_datos.py``): each
verification is counted, each failure kept with what was expected; ``report`` prints the
tally and gives the exit code."""

from __future__ import annotations

import sys


class Checker:
    def __init__(self) -> None:
        self.passed = 0
        self.failures: list[str] = []

    def check(self, condition: bool, message: str) -> None:
        if condition:
            self.passed += 1
        else:
            self.failures.append(message)

    def equal(self, got: object, expected: object, message: str) -> None:
        self.check(got == expected, f"{message}: got {got!r}, expected {expected!r}")

    def report(self) -> int:
        """Print how many checks passed and each failure; return the exit code."""
        print(f"Verificaciones: {self.passed} correctas, {len(self.failures)} fallidas")
        for failure in self.failures:
            print(f"  FALLA: {failure}", file=sys.stderr)
        return 1 if self.failures else 0
