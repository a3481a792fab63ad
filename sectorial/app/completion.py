"""``sectorial completion SHELL``: the shell's completion script, written by shtab from the
same parser the command uses, so it never lists an option that is gone."""

from __future__ import annotations

import argparse

from sectorial.arguments import FILE, FOLDER, parser


def run(args: argparse.Namespace) -> int:
    import shtab

    main_parser = parser()
    kinds = {FILE: shtab.FILE, FOLDER: shtab.DIRECTORY}
    for action in _actions(main_parser):
        kind = getattr(action, "complete", None)
        if kind in kinds:
            action.complete = kinds[kind]  # type: ignore[attr-defined]
    print(shtab.complete(main_parser, shell=args.shell), end="")
    return 0


def _actions(command: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every argument of a parser and of its subcommands."""
    found = []
    for action in command._actions:
        found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _actions(sub)
    return found
