"""What the everyday commands do, written once and free of Typer.

Both the Typer app (``careerpath.cli``) and the start-up fast path (``careerpath.launch``)
call these, so ``careerpath show PWP`` prints the same thing whichever way it was parsed.
Each function loads the catalogue, asks the core, and renders; none of them parses options.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from careerpath.errors import CareerpathError

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import RenderableType

    from careerpath.model import Catalogue

__all__ = [
    "emit",
    "guarded",
    "list_roles",
    "load",
    "render",
    "report",
    "show_role",
    "silence_stdout",
]


def load(data: Path | None) -> Catalogue:
    """The catalogue the user asked for (``--data``, ``$CAREERPATH_DATA`` or bundled)."""
    from careerpath.loading.cache import cached_catalogue
    from careerpath.loading.locate import resolve_data_dir

    return cached_catalogue(resolve_data_dir(data))


def emit(text: str) -> None:
    """Write plain text (JSON, CSV, DOT) to stdout exactly as given."""
    sys.stdout.write(text)
    sys.stdout.flush()


def render(renderable: RenderableType) -> None:
    """Print a Rich renderable to stdout."""
    from careerpath.console import out_console

    out_console().print(renderable)


def show_role(data: Path | None, role: str, as_json: bool) -> None:
    """``careerpath show``: one role's whole profile."""
    from careerpath.analysis.profile import build_profile
    from careerpath.lookup import find_role

    catalogue = load(data)
    profile = build_profile(catalogue, find_role(catalogue, role))
    if as_json:
        from careerpath.render.data import dumps, profile_json

        emit(dumps(profile_json(catalogue, profile)))
        return
    from careerpath.render.terminal import profile_view

    render(profile_view(catalogue, profile))


def list_roles(
    data: Path | None,
    *,
    family: str | None = None,
    level: int | None = None,
    band: str | None = None,
    search: str | None = None,
    as_json: bool = False,
) -> None:
    """``careerpath list``: the roles, filtered."""
    from careerpath.analysis.listing import filter_roles

    catalogue = load(data)
    roles = filter_roles(catalogue, family=family, level=level, band=band, search=search)
    if as_json:
        from careerpath.render.data import dumps, role_summary_json

        emit(dumps([role_summary_json(r) for r in roles]))
        return
    from careerpath.render.terminal import roles_table

    render(roles_table(roles, {f.id: f.title for f in catalogue.families}))


def error(message: str, hint: str = "") -> None:
    """An error line (and a hint line) on stderr."""
    from careerpath.console import err_console

    console = err_console()
    console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False, soft_wrap=True)
    if hint:
        console.print(f"  [yellow]hint:[/] {hint}", markup=True, highlight=False, soft_wrap=True)


def report(exc: CareerpathError) -> None:
    """A careerpath error as the user sees it: located problems first, then the summary."""
    from careerpath.errors import DataError

    if isinstance(exc, DataError):
        from careerpath.console import err_console

        for problem in exc.problems:
            err_console().out(str(problem), highlight=False)
    error(str(exc), exc.hint())


def guarded(run: Callable[[], int], debug: Callable[[], bool]) -> int:
    """Run a command; careerpath errors become messages and exit code 1 (unless ``--debug``).

    A closed pipe (``careerpath list | head``) ends quietly; Ctrl-C exits 130 without a
    traceback. Both the fast path and the Typer path end here, so they fail alike.
    """
    try:
        return run()
    except CareerpathError as exc:
        if debug():
            raise
        report(exc)
        return 1
    except BrokenPipeError:
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130


def silence_stdout() -> None:
    """After the reader of a pipe has gone, stop Python complaining when it flushes stdout."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
