"""Options written once, for both heads of the command line: the fast path and Typer.

``careerpath.launch`` answers ``show``, ``list``, ``overlap`` and ``similar`` without
importing Typer, so it reads their options itself. Before, each option's name, limits and
default were written twice (``--level`` 1–9 and ``--top`` 1–500 in ``launch.py`` and again
in the commands), with nothing tying the copies together. Here each is written once: the
commands declare their Typer option with :meth:`Option.typer`, and the fast path parses with
:meth:`Option.parse`, which accepts exactly what Typer accepts (tested for every command and
option in ``tests/test_options.py``).

The options more than one command takes (``--json``, ``-o/--output``, ``--have``,
``--family``...) are described here too, once, and every command builds its Typer option
from the description: a command may word the help for what it does (``-o`` writes a report
in one command and a diagram in another) but never declares the option itself
(``tests/test_options.py`` fails on a shared option a command declares).

This module imports nothing heavy: the fast path imports it on every start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typer.models import OptionInfo

__all__ = [
    "BAND",
    "BARRIERS_TOP",
    "CSV",
    "FAMILY",
    "FAST",
    "FORMAT",
    "FRAMEWORK",
    "HAVE",
    "JSON",
    "LEVEL",
    "MADE",
    "OPTIONAL",
    "OUTPUT",
    "PROGRAMMES",
    "PROPOSED",
    "ROLE",
    "SEARCH",
    "STRICT",
    "THRESHOLD",
    "TOP",
    "Option",
]

#: Every Typer option made from a description here (see ``Option.typer``), so a test can
#: tell a shared option from one a command declared itself.
MADE: list[OptionInfo] = []


class Option:
    """One command-line option: its name, help, and for a number its limits and default.

    ``short`` is its one-letter alias (``-o``) and ``metavar`` the name its value is shown by.
    ``help`` may name the limits as ``{low}`` and ``{high}``, so the text shown cannot drift
    from the limits checked. ``default`` is a whole-number option's default (unused for text
    options and flags, whose default is None and False).

    A plain class, not a dataclass or named tuple: ``dataclasses`` imports ``inspect`` and
    ``ast`` (about 7 ms on every start of the fast path), and a named tuple costs another 1 ms.
    """

    __slots__ = ("default", "flag", "help", "high", "low", "metavar", "name", "short")

    def __init__(
        self,
        name: str,
        help: str,
        *,
        flag: bool = False,
        low: float | None = None,
        high: float | None = None,
        default: int = 0,
        short: str | None = None,
        metavar: str | None = None,
    ) -> None:
        self.name, self.help, self.flag = name, help, flag
        self.low, self.high, self.default = low, high, default
        self.short, self.metavar = short, metavar

    def __repr__(self) -> str:
        return f"Option({self.name!r})"

    @property
    def key(self) -> str:
        """The name without its dashes, as the fast path's parser files it."""
        return self.name.removeprefix("--")

    @property
    def text(self) -> str:
        """The help as shown, with the limits filled in."""
        return self.help.format(low=self.low, high=self.high)

    def typer(
        self,
        autocompletion: Callable[..., list[str]] | None = None,
        *,
        help: str | None = None,
        metavar: str | None = None,
        callback: Callable[..., object] | None = None,
        show_default: bool = True,
    ) -> OptionInfo:
        """The Typer option for a command's ``Annotated`` parameter.

        ``help`` and ``metavar`` word it for one command (what its ``-o`` writes); the name,
        alias and limits are always this description's.
        """
        import typer

        names = (self.name,) if self.short is None else (self.name, self.short)
        option: OptionInfo = typer.Option(
            *names,
            help=help if help is not None else self.text,
            min=self.low,
            max=self.high,
            autocompletion=autocompletion,
            metavar=metavar or self.metavar,
            callback=callback,
            show_default=show_default,
        )
        MADE.append(option)
        return option

    def parse(self, text: str) -> int | None:
        """The whole number Typer would read from ``text``, or None where it would refuse it.

        Click reads a whole number with ``int()``, which takes ``" 5"``, ``"+5"`` and
        ``"5_0"`` but not ``"²"`` (though ``"²".isdigit()`` is true), then checks the limits.
        """
        try:
            number = int(text)
        except ValueError:
            return None
        if (self.low is not None and number < self.low) or (
            self.high is not None and number > self.high
        ):
            return None
        return number


JSON = Option("--json", "Print machine-readable JSON instead of tables.", flag=True)
OPTIONAL = Option(
    "--optional",
    "Also count competencies a role may need (ESCO 'optional'), not only essential ones.",
    flag=True,
)
FAMILY = Option("--family", "Only roles in this family (id or title).")
LEVEL = Option(
    "--level", "Only roles at this Career Framework level ({low}–{high}).", low=1, high=9
)
BAND = Option("--band", "Only roles whose bands include this one (e.g. 5 or 8a).")
SEARCH = Option("--search", "Only roles whose id, title, aliases or summary contain this text.")
TOP = Option("--top", "How many roles to show.", low=1, high=500, default=10)

BARRIERS_TOP = Option("--top", "How many barriers to show, biggest first (0 for all).", low=0)

OUTPUT = Option("--output", "Write CSV or JSON to this file.", short="-o", metavar="FILE")
CSV = Option("--csv", "Print CSV for spreadsheets.", flag=True)
FORMAT = Option("--format", "The output format.")
FRAMEWORK = Option("--framework", "Framework id (default: the directory's).", metavar="ID")
ROLE = Option("--role", "Only this role.")
PROGRAMMES = Option("--programmes", "List the training programmes instead.", flag=True)
THRESHOLD = Option(
    "--threshold",
    "Duplication: least Jaccard similarity of (competency, tier) sets.",
    low=0.05,
    high=1.0,
)
HAVE = Option(
    "--have",
    "A qualification, registration or role you hold (repeatable); what it implies counts "
    "too. ROLE:MONTHS gives months in post, counted towards experience waits.",
    metavar="QUAL",
)
STRICT = Option(
    "--strict", "Leave out routes that assume a condition the data cannot check.", flag=True
)
PROPOSED = Option(
    "--proposed",
    "Also moves built only from module data (a top-up no provider runs today), labelled proposed.",
    flag=True,
)

#: The commands the fast path answers, and the options it reads for each. Any other option
#: (``list --families``, ``overlap --have``) sends the call to Typer.
FAST: dict[str, tuple[Option, ...]] = {
    "show": (JSON,),
    "list": (FAMILY, LEVEL, BAND, SEARCH, JSON),
    "overlap": (JSON, OPTIONAL),
    "similar": (TOP, JSON),
}
