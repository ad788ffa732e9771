"""Reading the global options and the command name without Typer (fast path and lean app)."""

from __future__ import annotations

__all__ = ["command_in", "split_globals"]


def split_globals(args: list[str]) -> tuple[str | None, bool, list[str]] | None:
    """``--data`` and ``--debug`` before the command, and the rest of the line.

    None when anything before the command is not a plain, complete global option (for
    example ``--version``, ``-h`` or a ``--data`` with no value): Typer decides those.

    >>> split_globals(["--data", "x", "--debug", "show", "PWP"])
    ('x', True, ['show', 'PWP'])
    >>> split_globals(["--data"]) is None
    True
    """
    data: str | None = None
    debug = False
    index = 0
    while index < len(args) and args[index].startswith("-"):
        arg = args[index]
        if arg == "--data" and index + 1 < len(args) and args[index + 1]:
            data, index = args[index + 1], index + 2
        elif arg.startswith("--data=") and len(arg) > len("--data="):
            data, index = arg.partition("=")[2], index + 1
        elif arg == "--debug":
            debug, index = True, index + 1
        else:
            return None
    return data, debug, args[index:]


def command_in(args: list[str]) -> str | None:
    """The command name in ``args`` after the global options, or None if there is none."""
    parsed = split_globals(args)
    return parsed[2][0] if parsed and parsed[2] else None
