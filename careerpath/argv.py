"""Finding the command in a command line without Typer (for the fast path and lean app)."""

from __future__ import annotations

__all__ = ["command_in"]

#: Global options that take a value, and those that do not (before the command name).
_GLOBAL_VALUED = ("--data",)
_GLOBAL_FLAGS = ("--debug",)


def command_in(args: list[str]) -> str | None:
    """The command name in ``args`` after the global options, or None if there is none."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _GLOBAL_VALUED:
            index += 2
        elif arg.startswith("--data=") or arg in _GLOBAL_FLAGS:
            index += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None
