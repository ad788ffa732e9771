"""What the command modules share: the global options, loading, notes and options.

Each command lives in its own module under ``careerpath.commands``; what more than one of
them needs lives here once, so a command module holds its body and its own options only.
Nothing here imports anything heavy: every command module imports it at start-up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerpath import actions
from careerpath.options import HAVE, JSON, OPTIONAL, PROPOSED, STRICT

if TYPE_CHECKING:
    from rich.progress import TaskID

    from careerpath.model import Catalogue

__all__ = [
    "EXTENSIONS",
    "GlobalOptions",
    "HaveOption",
    "JsonOption",
    "OptionalOption",
    "ProposedOption",
    "StrictOption",
    "complete_families",
    "complete_roles",
    "complete_starts",
    "emit",
    "folder_option",
    "global_options",
    "load",
    "note",
    "progress",
    "render",
]


@dataclass
class GlobalOptions:
    """The global options of one run, kept on its Click context (``ctx.obj``).

    Not module state: a run in the same process (the tests, the tour, the help recorder)
    starts from fresh options, with nothing left over from the run before.
    """

    data: Path | None = None
    debug: bool = False


def global_options(ctx: typer.Context) -> GlobalOptions:
    """The global options of the run ctx belongs to (the app's callback sets them first)."""
    return ctx.ensure_object(GlobalOptions)


def folder_option(text: str | None, name: str) -> Path | None:
    """A folder named on the command line; an empty one is a usage error, never the cwd."""
    if text is not None and not text.strip():
        raise typer.BadParameter(
            "is empty; give a folder, or leave it out for the default", param_hint=name
        )
    return Path(text) if text is not None else None


def _complete(kind: str, ctx: typer.Context, incomplete: str) -> list[str]:
    """Names for shell completion, from the catalogue the command would read."""
    try:
        from careerpath.loading.cache import cached_catalogue
        from careerpath.loading.locate import resolve_data_dir

        data = ctx.find_root().params.get("data")
        catalogue = cached_catalogue(resolve_data_dir(data))
    except Exception:
        return []
    pool = {
        "roles": [r.id for r in catalogue.roles],
        "families": [f.id for f in catalogue.families],
        "starts": [r.id for r in catalogue.roles] + [q.id for q in catalogue.qualifications],
    }[kind]
    folded = incomplete.lower()
    return sorted(name for name in pool if name.lower().startswith(folded))


def complete_roles(ctx: typer.Context, incomplete: str) -> list[str]:
    """Complete role ids."""
    return _complete("roles", ctx, incomplete)


def complete_families(ctx: typer.Context, incomplete: str) -> list[str]:
    """Complete family ids."""
    return _complete("families", ctx, incomplete)


def complete_starts(ctx: typer.Context, incomplete: str) -> list[str]:
    """Complete role and qualification ids."""
    return _complete("starts", ctx, incomplete)


def load(ctx: typer.Context) -> Catalogue:
    """The catalogue the user asked for (``--data``, ``$CAREERPATH_DATA`` or bundled)."""
    return actions.load(global_options(ctx).data)


emit = actions.emit
render = actions.render


def note(message: str) -> None:
    """A one-line note on stderr (what was written where), escaped for the terminal."""
    from careerpath.console import err_console
    from careerpath.text import for_terminal

    # Notes quote output paths, which may hold anything the shell passed.
    err_console().print(for_terminal(message), markup=False, highlight=False, soft_wrap=True)


@contextlib.contextmanager
def progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr when it is a terminal; silence otherwise."""
    from careerpath.console import err_console

    console = err_console()
    if not console.is_terminal:
        yield lambda stage, done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


#: Diagram formats by file extension (``diagram -o`` and ``curriculum -o``).
EXTENSIONS = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
}

JsonOption = Annotated[bool, JSON.typer()]
OptionalOption = Annotated[bool, OPTIONAL.typer()]


def _check_have(values: list[str] | None) -> list[str] | None:
    """``--have ROLE:MONTHS`` must give whole months: a usage error (exit 2) otherwise."""
    from careerpath.analysis.holdings import split_months

    for value in values or ():
        try:
            split_months(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return values


HaveOption = Annotated[list[str] | None, HAVE.typer(callback=_check_have)]
StrictOption = Annotated[bool, STRICT.typer()]
ProposedOption = Annotated[bool, PROPOSED.typer()]
