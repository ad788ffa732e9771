"""The shared Rich consoles.

Rich already drops colour for pipes and honours ``NO_COLOR``; the consoles are created on
first use so that ``--help`` never pays for importing Rich.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["err_console", "out_console"]


@cache
def out_console() -> Console:
    """The console for results (stdout)."""
    from rich.console import Console

    # No emoji codes: a role called "Nurse :cat: lead" must print as written, not as a cat
    # (and Rich then never loads its 3,600-entry emoji table).
    return Console(highlight=False, soft_wrap=False, emoji=False)


@cache
def err_console() -> Console:
    """The console for errors and progress (stderr)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)
