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

    from careerpath.analysis.holdings import Holdings
    from careerpath.model import Catalogue

__all__ = [
    "UsageProblem",
    "emit",
    "guarded",
    "holdings",
    "list_roles",
    "load",
    "overlap_roles",
    "render",
    "report",
    "show_role",
    "silence_stdout",
    "similar_to",
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


class UsageProblem(Exception):
    """A command-line problem found only once the data is read (Typer reports it, exit 2)."""

    def __init__(self, message: str, param_hint: str) -> None:
        super().__init__(message)
        self.param_hint = param_hint


def holdings(
    catalogue: Catalogue, have: list[str] | None, competencies: list[str] | None = None
) -> Holdings:
    """What ``--have`` names (qualifications, registrations, roles) and competencies held."""
    from careerpath.analysis.holdings import Holdings, holdings_for
    from careerpath.lookup import find_competency, find_start

    held = holdings_for(catalogue, [find_start(catalogue, q) for q in have or ()])
    extra = frozenset(find_competency(catalogue, c).id for c in competencies or ())
    return Holdings(held.qualifications, held.modules, held.competencies | extra)


def overlap_roles(
    data: Path | None,
    names: list[str],
    *,
    have: list[str] | None = None,
    optional: bool = False,
    as_json: bool = False,
) -> None:
    """``careerpath overlap``: shared and unique competencies, similarity, every move."""
    from careerpath.analysis.overlap import overlap as compute
    from careerpath.lookup import find_role

    if len(names) < 2:
        raise UsageProblem("give at least two roles", "ROLES")
    catalogue = load(data)
    chosen = list(dict.fromkeys(find_role(catalogue, r) for r in names))
    if len(chosen) < 2:
        raise UsageProblem("give at least two different roles", "ROLES")
    result = compute(catalogue, chosen, holdings(catalogue, have), include_optional=optional)
    if as_json:
        from careerpath.render.data import dumps, overlap_json

        emit(dumps(overlap_json(result)))
        return
    from careerpath.render.analytics import overlap_view

    render(overlap_view(catalogue, result))


def similar_to(data: Path | None, name: str, top: int = 10, as_json: bool = False) -> None:
    """``careerpath similar``: the roles whose essential competencies this one covers best."""
    from careerpath.analysis.similar import similar_roles
    from careerpath.lookup import find_role

    catalogue = load(data)
    source = find_role(catalogue, name)
    ranked = similar_roles(catalogue, source, top)
    if as_json:
        from careerpath.render.data import dumps, similar_json

        emit(dumps(similar_json(source, ranked)))
        return
    from careerpath.render.analytics import similar_view

    render(similar_view(source, ranked))


def error(message: str, hint: str = "") -> None:
    """An error line (and a hint line) on stderr."""
    from rich.text import Text

    from careerpath.console import err_console

    # Text, not markup: the message quotes what the user typed, which may hold "[/x]".
    console = err_console()
    console.print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True)
    if hint:
        console.print(Text.assemble("  ", ("hint:", "yellow"), " ", hint), soft_wrap=True)


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
