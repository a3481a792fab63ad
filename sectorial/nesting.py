"""How deep the brackets of a text nest: parsers recurse per level, and exhaust Python's
recursion on text nested thousands deep ("[[[[…"), so the text is measured first."""

from __future__ import annotations


def deepest(text: str, opening: str = "([{", closing: str = ")]}") -> tuple[int, int]:
    """How deep the brackets of ``text`` nest, and the line where they first get there.

    >>> deepest("a: [1, [2, {b: 3}]]\\nc: (4)")
    (3, 1)
    """
    depth = most = 0
    line = at = 1
    for character in text:
        if character == "\n":
            line += 1
        elif character in opening:
            depth += 1
            if depth > most:
                most, at = depth, line
        elif character in closing:
            depth = max(depth - 1, 0)
    return most, at
