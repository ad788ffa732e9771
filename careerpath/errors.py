"""The one exception tree of careerpath.

The core raises these; only the CLI turns them into messages and exit codes, so a library
user can catch ``CareerpathError`` and decide for themselves.
"""

from __future__ import annotations

import msgspec

__all__ = [
    "CareerpathError",
    "DataError",
    "NoRouteError",
    "OutputError",
    "Problem",
    "RenderError",
    "UnknownNameError",
    "UnknownRoleError",
]


class Problem(msgspec.Struct, frozen=True, order=True):
    """One thing wrong with the data, located in a file so the user can jump to it."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class CareerpathError(Exception):
    """Base of every error careerpath reports to a user (exit code 1)."""

    def hint(self) -> str:
        """Extra advice for the user, or an empty string."""
        return ""


class DataError(CareerpathError):
    """Raised when a pathways folder has problems; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem], where: str = "the pathways data") -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in {where}")


class UnknownNameError(CareerpathError):
    """Raised when a name given by the user matches nothing of the kind asked for."""

    def __init__(self, kind: str, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        super().__init__(f"unknown {kind} '{name}'")

    def hint(self) -> str:
        """Offer the nearest known names, as a spelling checker would, and where to see all."""
        listing = _LISTINGS.get(self.kind, "")
        every = f"'{listing}' shows every {self.kind}" if listing else ""
        if not self.suggestions:
            return every
        close = "did you mean " + ", ".join(f"'{s}'" for s in self.suggestions) + "?"
        return f"{close} ({every})" if every else close


#: The command that lists every name of a kind, offered whenever a name is not found.
_LISTINGS = {
    "role": "careerpath list",
    "family": "careerpath list --families",
    "qualification": "careerpath from",
    "role or qualification": "careerpath list, careerpath from",
    "programme": "careerpath list --programmes",
    "competency": "careerpath matrix --csv",
}


class UnknownRoleError(UnknownNameError):
    """Raised when a role id, title or alias matches no role in the catalogue."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__("role", name, suggestions)


class NoRouteError(CareerpathError):
    """Raised when no chain of entry routes and progressions reaches the destination."""

    def __init__(
        self,
        start: str,
        goal: str,
        reachable: tuple[str, ...] = (),
        *,
        reasons: tuple[str, ...] = (),
        have: tuple[str, ...] = (),
    ) -> None:
        self.start = start
        self.goal = goal
        self.reachable = reachable
        self.reasons = reasons
        self.have = have
        because = f": {'; or '.join(reasons)}" if reasons else ""
        super().__init__(f"no route from '{start}' to '{goal}'{because}")

    def hint(self) -> str:
        """Say what would open a route (``--have``), then the roles that can be reached."""
        parts = []
        if self.have:
            flags = " ".join(f"--have {h}" for h in self.have)
            parts.append(f"add {flags} if you hold {'it' if len(self.have) == 1 else 'them'}")
        if self.reachable:
            # Named by the start, not "there": after a --have hint, "there" read as the
            # qualification to add.
            parts.append(f"roles '{self.start}' can reach: " + ", ".join(self.reachable))
        return "; ".join(parts)


class RenderError(CareerpathError):
    """Raised when a diagram cannot be produced in the format asked for."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix

    def hint(self) -> str:
        """How to get the format working, or an alternative."""
        return self.fix


class OutputError(CareerpathError):
    """Raised when an output file cannot be written; the old file, if any, is left intact."""
