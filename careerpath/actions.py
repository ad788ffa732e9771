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
    from collections.abc import Callable, Sequence

    from rich.console import RenderableType

    from careerpath.analysis.holdings import Holdings
    from careerpath.errors import DataError
    from careerpath.model import Catalogue

__all__ = [
    "MAX_OVERLAP_ROLES",
    "UsageProblem",
    "check_overlap_count",
    "emit",
    "guarded",
    "holdings",
    "list_names",
    "list_roles",
    "load",
    "overlap_roles",
    "problem_lines",
    "render",
    "report",
    "show_role",
    "silence_stdout",
    "similar_to",
]


#: Most roles one overlap (or report) compares. Every pair is a move with its own top-up
#: figures, so the work and the output grow with the square: 400 roles took 285 s and
#: printed 153 MB; 20 roles are 380 moves, under a second.
MAX_OVERLAP_ROLES = 20


def check_overlap_count(count: int) -> None:
    """Refuse more roles than an overlap can usefully compare (a usage error, exit 2)."""
    if count > MAX_OVERLAP_ROLES:
        raise UsageProblem(
            f"give at most {MAX_OVERLAP_ROLES} roles ({count} given): every pair is compared, "
            "so use 'careerpath matrix' for a whole family",
            "ROLES",
        )


def load(data: Path | None, roles: Sequence[str] | None = None) -> Catalogue:
    """The catalogue the user asked for (``--data``, ``$CAREERPATH_DATA`` or bundled).

    With ``roles``, only what a profile or an overlap of those roles reads may be loaded
    (``loading.cache.catalogue_for_roles``): on ESCO that is one role's record instead of
    all 3,007.

    When the compiled cache misses and stderr is a terminal, a one-line count of the files
    read so far is kept up to date there (and erased when done): reading a 3,000-file
    folder takes seconds, and a silent wait looks like a hang.
    """
    from careerpath.loading.cache import cached_catalogue, catalogue_for_roles
    from careerpath.loading.locate import resolve_data_dir

    shown = [False]

    def progress(stage: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        shown[0] = True
        count = f" {done:,} of {total:,}" if total > 1 else ""
        sys.stderr.write(f"\r\x1b[K{stage}{count} (first run since the data changed)…")
        sys.stderr.flush()

    try:
        if roles is not None:
            return catalogue_for_roles(resolve_data_dir(data), roles, progress)
        return cached_catalogue(resolve_data_dir(data), progress)
    finally:
        if shown[0]:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def emit(text: str) -> None:
    """Write plain text (JSON, CSV, DOT) to stdout exactly as given."""
    sys.stdout.write(text)
    sys.stdout.flush()


def render(renderable: RenderableType) -> None:
    """Print a Rich renderable to stdout; off a terminal, with no trailing spaces.

    Rich pads every line of a table or an indented block to the full width. On a screen
    that is invisible; in a file or a pipe it is noise that diff and grep trip over.
    """
    from careerpath.console import out_console

    console = out_console()
    if console.is_terminal:  # uncropped, so a URL wider than the screen stays whole
        console.print(renderable, crop=False)
        return
    with console.capture() as captured:
        console.print(renderable, crop=False)
    emit("\n".join(line.rstrip(" ") for line in captured.get().split("\n")))


def show_role(data: Path | None, role: str, as_json: bool) -> None:
    """``careerpath show``: one role's whole profile."""
    from careerpath.analysis.profile import build_profile
    from careerpath.lookup import find_role

    catalogue = load(data, [role])
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
    from careerpath.console import out_console
    from careerpath.render.terminal import roles_table

    table = roles_table(roles, {f.id: f.title for f in catalogue.families})
    console = out_console()
    if not console.is_terminal and console.color_system is None:
        text = table.plain(console)  # what render() would write, without Rich per row
        if text is not None:
            emit(text)
            return
    render(table)


def list_names(data: Path | None, kind: str, as_json: bool) -> None:
    """``careerpath list --families`` or ``--programmes``: the ids other options take."""
    from careerpath.render.terminal import months_text

    catalogue = load(data)
    records: list[dict[str, str | int | None]]
    if kind == "families":
        counts: dict[str, int] = {}
        for role in catalogue.roles:
            counts[role.family] = counts.get(role.family, 0) + 1
        records = [
            {"id": f.id, "title": f.title, "roles": counts.get(f.id, 0)}
            for f in sorted(catalogue.families, key=lambda f: f.title.lower())
        ]
        details = [f"{r['title']} · {r['roles']} roles" for r in records]
    else:
        records = [
            {"id": p.id, "title": p.title, "award": p.award, "months": p.months}
            for p in sorted(catalogue.programmes, key=lambda p: p.title.lower())
        ]
        details = [
            " · ".join(
                str(x)
                for x in (r["title"], r["award"], months_text(r["months"]) if r["months"] else "")  # type: ignore[arg-type]
                if x
            )
            for r in records
        ]
    if as_json:
        from careerpath.render.data import dumps

        emit(dumps(records))
        return
    from careerpath.render.terminal import item, section

    render(
        section(
            f"{len(records)} {kind}",
            (item(str(r["id"]), "", (d,)) for r, d in zip(records, details, strict=True)),
        )
    )


class UsageProblem(Exception):
    """A command-line problem found only once the data is read (Typer reports it, exit 2)."""

    def __init__(self, message: str, param_hint: str = "") -> None:
        super().__init__(message)
        self.param_hint = param_hint


def have_problem(message: str) -> Exception:
    """A ``--have`` value wrong only in the light of the data: a usage error (exit 2).

    It is Typer's BadParameter, so a command reports it as any option error, and a
    ``UsageProblem``, so the fast path hands the command back to Typer to report it.
    """
    import typer

    class HaveProblem(typer.BadParameter, UsageProblem):  # type: ignore[misc]
        pass

    return HaveProblem(message, param_hint="--have")


def holdings(
    catalogue: Catalogue, have: list[str] | None, competencies: list[str] | None = None
) -> Holdings:
    """What ``--have`` names (qualifications, registrations, roles) and competencies held."""
    from careerpath.analysis.holdings import Holdings, holdings_for, split_months
    from careerpath.lookup import find_competency, find_start
    from careerpath.model import Qualification

    named = [split_months(q) for q in have or ()]  # checked by the option's callback
    found = [(find_start(catalogue, name), months) for name, months in named]
    for (item, months), text in zip(found, have or (), strict=True):
        # Months in post count towards experience waits, which are served in a role or on a
        # register: on a qualification they would be silently ignored.
        if months is not None and isinstance(item, Qualification) and item.kind != "registration":
            raise have_problem(
                f"'{text}': months count only for a role or a registration, and "
                f"'{item.id}' is a qualification; give --have {item.id} without ':{months}'"
            )
    held = holdings_for(catalogue, [item for item, _ in found])
    extra = frozenset(find_competency(catalogue, c).id for c in competencies or ())
    served: dict[str, int] = {}
    for item, months in found:
        if months is not None:
            served[item.id] = max(served.get(item.id, 0), months)
    return Holdings(
        held.qualifications,
        held.modules,
        held.competencies | extra,
        tuple(sorted(served.items())),
        stated=held.stated,
    )


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
    check_overlap_count(len(set(names)))
    catalogue = load(data, None if have else names)
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
    from careerpath.analysis.role_needs import generic_ids

    left_out = tuple(catalogue.competency(c) for c in sorted(generic_ids(catalogue)))
    if as_json:
        from careerpath.render.data import dumps, similar_json

        emit(dumps(similar_json(source, ranked, tuple(c.id for c in left_out))))
        return
    from careerpath.render.analytics import similar_view

    render(similar_view(source, ranked, tuple(c.name for c in left_out)))


def error(message: str, hint: str = "") -> None:
    """An error line (and a hint line) on stderr."""
    from rich.text import Text

    from careerpath.console import err_console
    from careerpath.text import for_terminal

    # Text, not markup: the message quotes what the user typed, which may hold "[/x]" or
    # an escape sequence (shown as "\x1b", never sent).
    console = err_console()
    console.print(Text.assemble(("error:", "bold red"), " ", for_terminal(message)), soft_wrap=True)
    if hint:
        console.print(
            Text.assemble("  ", ("hint:", "yellow"), " ", for_terminal(hint)), soft_wrap=True
        )


def report(exc: CareerpathError) -> None:
    """A careerpath error as the user sees it: located problems first, then the summary."""
    from careerpath.errors import DataError

    if isinstance(exc, DataError):
        from careerpath.console import err_console

        for line in problem_lines(exc):
            err_console().out(line, highlight=False)
    error(str(exc), exc.hint())


def problem_lines(exc: DataError) -> list[str]:
    """Each located problem as one printable line (file names and quoted data escaped)."""
    from careerpath.text import for_terminal

    return [for_terminal(str(problem)) for problem in exc.problems]


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
