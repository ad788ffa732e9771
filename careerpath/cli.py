"""The careerpath command line: parse options, call the core, render the result.

Nothing here analyses data. Heavy modules (networkx, graphviz, ruamel.yaml, Rich tables) are
imported inside the commands that use them so ``careerpath --help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerpath import __version__
from careerpath.errors import CareerpathError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from careerpath.model import Catalogue

__all__ = ["app", "main"]

app = typer.Typer(
    name="careerpath",
    help="Map health and care careers: ways in, progression, links, overlaps and barriers.",
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class _State:
    """Global options, set by the callback before any command runs."""

    data: Path | None = None
    debug: bool = False


state = _State()

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Pathways folder to read (default: $CAREERPATH_DATA, else the bundled data).",
        show_default=False,
        metavar="DIR",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careerpath {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    data: DataOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for errors (for developers).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Map health and care careers: ways in, progression, links, overlaps and barriers."""
    state.data = data
    state.debug = debug


def load() -> Catalogue:
    """The catalogue the user asked for (``--data``, ``$CAREERPATH_DATA`` or bundled)."""
    from careerpath.loading.locate import resolve_data_dir
    from careerpath.loading.validate import load_catalogue

    return load_catalogue(resolve_data_dir(state.data))


def emit(text: str) -> None:
    """Write plain text (JSON, CSV, DOT) to stdout exactly as given."""
    sys.stdout.write(text)
    sys.stdout.flush()


def render(renderable: RenderableType) -> None:
    """Print a Rich renderable to stdout."""
    from careerpath.console import out_console

    out_console().print(renderable)


@app.command()
def show(
    role: Annotated[str, typer.Argument(help="Role id, title or alias, in any case (e.g. PWP).")],
    as_json: JsonOption = False,
) -> None:
    """Show a role's profile: ways in, progression, links, competencies, barriers, sources."""
    from careerpath.analysis.profile import build_profile
    from careerpath.lookup import find_role

    catalogue = load()
    profile = build_profile(catalogue, find_role(catalogue, role))
    if as_json:
        from careerpath.render.data import dumps, profile_json

        emit(dumps(profile_json(catalogue, profile)))
        return
    from careerpath.render.terminal import profile_view

    render(profile_view(catalogue, profile))


@app.command("list")
def list_roles(
    family: Annotated[
        str | None, typer.Option(help="Only roles in this family (id or title).")
    ] = None,
    level: Annotated[
        int | None,
        typer.Option(min=1, max=9, help="Only roles at this Career Framework level (1–9)."),
    ] = None,
    band: Annotated[
        str | None, typer.Option(help="Only roles whose bands include this one (e.g. 5 or 8a).")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(help="Only roles whose id, title, aliases or summary contain this text."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List roles as a table, optionally filtered by family, level, band or text."""
    from careerpath.analysis.listing import filter_roles

    catalogue = load()
    roles = filter_roles(catalogue, family=family, level=level, band=band, search=search)
    if as_json:
        from careerpath.render.data import dumps, role_summary_json

        emit(dumps([role_summary_json(r) for r in roles]))
        return
    from careerpath.render.terminal import roles_table

    render(roles_table(roles, {f.id: f.title for f in catalogue.families}))


@app.command()
def validate(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Pathways folder to check (default: --data, else the bundled data).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a pathways folder and list every problem as FILE:LINE:COL: message."""
    from careerpath.errors import DataError
    from careerpath.loading.locate import resolve_data_dir
    from careerpath.loading.validate import load_catalogue

    root = resolve_data_dir(folder or state.data)
    try:
        catalogue = load_catalogue(root)
    except DataError as exc:
        emit("".join(f"{p}\n" for p in exc.problems))
        _error(f"{exc} ({root})")
        raise typer.Exit(1) from None
    counts = ", ".join(
        f"{len(getattr(catalogue, kind))} {kind}"
        for kind in ("roles", "competencies", "programmes", "qualifications", "sources")
    )
    emit(f"{root}: valid ({counts})\n")


def _error(message: str, hint: str = "") -> None:
    from careerpath.console import err_console

    console = err_console()
    console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False, soft_wrap=True)
    if hint:
        console.print(f"  [yellow]hint:[/] {hint}", markup=True, highlight=False, soft_wrap=True)


def _report(exc: CareerpathError) -> None:
    from careerpath.errors import DataError

    if isinstance(exc, DataError):
        from careerpath.console import err_console

        for problem in exc.problems:
            err_console().out(str(problem), highlight=False)
    _error(str(exc), exc.hint())


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn careerpath errors into messages and exit code 1."""
    try:
        app(args=argv, prog_name="careerpath", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except CareerpathError as exc:
        if state.debug:
            raise
        _report(exc)
        return 1
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    return 0


def _silence_stdout() -> None:
    """After the reader of a pipe has gone, stop Python complaining when it flushes stdout."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
