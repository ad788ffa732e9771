"""The careerpath command line: parse options, call the core, render the result.

Nothing here analyses data. Heavy modules (networkx, graphviz, ruamel.yaml, Rich tables) are
imported inside the commands that use them so ``careerpath --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import enum
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from careerpath import __version__, actions
from careerpath.commands.supply import supply as supply_command

if TYPE_CHECKING:
    from rich.progress import TaskID
    from typer._click.exceptions import ClickException
    from typer.models import CommandInfo

    from careerpath.analysis.curriculum import Curriculum
    from careerpath.model import Catalogue

__all__ = ["app", "main"]

_APP_SETTINGS: dict[str, Any] = {
    "name": "careerpath",
    "help": "Map health and care careers: ways in, progression, links, overlaps and barriers.",
    "rich_markup_mode": "rich",
    "no_args_is_help": True,
    "add_completion": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
}
app = typer.Typer(**_APP_SETTINGS)


class _State:
    """Global options, set by the callback before any command runs."""

    data: Path | None = None
    debug: bool = False


state = _State()

DataOption = Annotated[
    str | None,  # text, not Path: Path("") is ".", which would hide an empty --data
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
    state.data = _folder_option(data, "--data")
    state.debug = debug


def _folder_option(text: str | None, name: str) -> Path | None:
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


def load() -> Catalogue:
    """The catalogue the user asked for (``--data``, ``$CAREERPATH_DATA`` or bundled)."""
    return actions.load(state.data)


emit = actions.emit
render = actions.render


@app.command()
def show(
    role: Annotated[
        str,
        typer.Argument(
            help="Role id, title or alias, in any case (e.g. PWP).", autocompletion=complete_roles
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Show a role's profile: ways in, progression, links, competencies, barriers, sources."""
    actions.show_role(state.data, role, as_json)


@app.command("list")
def list_roles(
    family: Annotated[
        str | None,
        typer.Option(
            help="Only roles in this family (id or title).", autocompletion=complete_families
        ),
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
    families: Annotated[
        bool, typer.Option("--families", help="List the families (ids for --family) instead.")
    ] = False,
    programmes: Annotated[
        bool, typer.Option("--programmes", help="List the training programmes instead.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List roles as a table, optionally filtered by family, level, band or text."""
    if families or programmes:
        if families and programmes:
            raise typer.BadParameter("choose one of --families and --programmes")
        if family or level is not None or band or search:
            raise typer.BadParameter(
                "--families and --programmes list everything; they take no role filters"
            )
        actions.list_names(state.data, "families" if families else "programmes", as_json)
        return
    actions.list_roles(
        state.data, family=family, level=level, band=band, search=search, as_json=as_json
    )


@app.command()
def validate(
    folder: Annotated[
        str | None,
        typer.Argument(
            help="Pathways folder to check (default: --data, else the bundled data).",
            show_default=False,
            metavar="[FOLDER]",
        ),
    ] = None,
    report: Annotated[
        bool,
        typer.Option(
            "--report",
            help="Also measure data quality: programme facts, unverified facts, source kinds, "
            "hosts and age, bad hosts, internal text, unconnected roles.",
        ),
    ] = False,
    older_than: Annotated[
        int,
        typer.Option(
            "--older-than",
            min=0,
            help="With --report: list sources read more than this many months ago.",
            metavar="MONTHS",
        ),
    ] = 12,
    as_json: JsonOption = False,
) -> None:
    """Check a pathways folder and list every problem as FILE:LINE:COL: message.

    With [bold]--report[/bold], also print the data-quality report a folder's keepers run
    before a release (see docs/data-quality.md).
    """
    from careerpath.errors import DataError
    from careerpath.loading.locate import resolve_data_dir
    from careerpath.loading.validate import load_catalogue

    root = resolve_data_dir(_folder_option(folder, "FOLDER") or state.data)
    try:
        catalogue = load_catalogue(root)
    except DataError as exc:
        emit("".join(f"{line}\n" for line in actions.problem_lines(exc)))
        actions.error(f"{exc} ({root})")
        raise typer.Exit(1) from None
    counts = ", ".join(
        f"{len(getattr(catalogue, kind))} {kind}"
        for kind in ("roles", "competencies", "programmes", "qualifications", "sources")
    )
    from careerpath.loading.discover import display_path
    from careerpath.text import for_terminal

    if report or as_json:
        import dataclasses
        from datetime import date

        from careerpath.analysis.quality import quality_report
        from careerpath.render.quality import quality_json, quality_text

        catalogue = dataclasses.replace(catalogue, root=display_path(root))
        measured = quality_report(catalogue, date.today(), older_than)
        emit(quality_json(measured) if as_json else quality_text(measured))
        return
    emit(f"{for_terminal(display_path(root))}: valid ({counts})\n")


OptionalOption = Annotated[
    bool,
    typer.Option(
        "--optional",
        help="Also count competencies a role may need (ESCO 'optional'), not only essential ones.",
    ),
]


def _check_have(values: list[str] | None) -> list[str] | None:
    """``--have ROLE:MONTHS`` must give whole months: a usage error (exit 2) otherwise."""
    from careerpath.analysis.holdings import split_months

    for value in values or ():
        try:
            split_months(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return values


HaveOption = Annotated[
    list[str] | None,
    typer.Option(
        "--have",
        help=(
            "A qualification, registration or role you hold (repeatable); what it implies "
            "counts too. ROLE:MONTHS gives months in post, counted towards experience waits."
        ),
        metavar="QUAL",
        callback=_check_have,
    ),
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict", help="Leave out routes that assume a condition the data cannot check."
    ),
]
ProposedOption = Annotated[
    bool,
    typer.Option(
        "--proposed",
        help="Also moves built only from module data (a top-up no provider runs today), labelled proposed.",
    ),
]


@app.command()
def overlap(
    roles: Annotated[
        list[str],
        typer.Argument(
            help="Two or more roles (id, title or alias).", autocompletion=complete_roles
        ),
    ],
    have: HaveOption = None,
    optional: OptionalOption = False,
    as_json: JsonOption = False,
) -> None:
    """Compare roles: shared and unique competencies, similarity, and what each move takes."""
    try:
        actions.overlap_roles(state.data, roles, have=have, optional=optional, as_json=as_json)
    except actions.UsageProblem as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.param_hint) from None


@app.command()
def gap(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM", help="The role the person holds now.", autocompletion=complete_roles
        ),
    ],
    target: Annotated[
        str,
        typer.Argument(
            metavar="TO", help="The role they want to work as.", autocompletion=complete_roles
        ),
    ],
    have: HaveOption = None,
    competency: Annotated[
        list[str] | None,
        typer.Option("--competency", help="A competency already held (repeatable).", metavar="ID"),
    ] = None,
    optional: OptionalOption = False,
    as_json: JsonOption = False,
) -> None:
    """Learning needs for one move: missing competencies, the modules that close them, credits and months."""
    from careerpath.analysis.overlap import gap as compute
    from careerpath.analysis.routes import best_or_reason
    from careerpath.lookup import find_role

    catalogue = load()
    start, goal = find_role(catalogue, source), find_role(catalogue, target)
    held = actions.holdings(catalogue, have, competency)
    result = compute(catalogue, start, goal, held, include_optional=optional)
    best, reason = best_or_reason(catalogue, start, goal, held)
    if as_json:
        from careerpath.render.data import dumps, gap_json, route_json

        data = gap_json(result)
        data["route"] = route_json(best) if best else None
        data["no_route"] = reason or None
        emit(dumps(data))
        return
    from careerpath.render.analytics import gap_view

    render(gap_view(catalogue, result, best, reason))


class RankBy(enum.StrEnum):
    """What ``route`` ranks by."""

    months = "months"
    steps = "steps"
    cost = "cost"


@app.command()
def route(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM",
            help="A role or a qualification (e.g. level-3, psychology-degree).",
            autocompletion=complete_starts,
        ),
    ],
    target: Annotated[
        str, typer.Argument(metavar="TO", help="The role to reach.", autocompletion=complete_roles)
    ],
    by: Annotated[
        RankBy,
        typer.Option(
            "--by", help="Rank routes by total months, number of steps, or training cost."
        ),
    ] = RankBy.months,
    max_routes: Annotated[
        int, typer.Option("--max", min=1, max=50, help="How many routes to show.")
    ] = 3,
    have: HaveOption = None,
    strict: StrictOption = False,
    proposed: ProposedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Ranked routes from a role or qualification to a role, with every step's programme, wait and length."""
    from careerpath.analysis.routes import find_routes
    from careerpath.lookup import find_role, find_start

    catalogue = load()
    start, goal = find_start(catalogue, source), find_role(catalogue, target)
    routes = find_routes(
        catalogue,
        start,
        goal,
        metric=by.value,
        max_routes=max_routes,
        holdings=actions.holdings(catalogue, have),
        strict=strict,
        proposed=proposed,
    )
    if as_json:
        from careerpath.render.data import dumps, route_json

        emit(dumps([route_json(r) for r in routes]))
        return
    from careerpath.render.analytics import routes_view

    render(routes_view(catalogue, start.id, goal.id, routes))


@app.command()
def entry(
    role: Annotated[
        str, typer.Argument(help="Role id, title or alias.", autocompletion=complete_roles)
    ],
    as_json: JsonOption = False,
) -> None:
    """Every way into a role, grouped by starting point, with the fastest route from each qualification."""
    from careerpath.analysis.entry import ways_in
    from careerpath.lookup import find_role

    catalogue = load()
    result = ways_in(catalogue, find_role(catalogue, role))
    if as_json:
        from careerpath.render.data import dumps, ways_in_json

        emit(dumps(ways_in_json(result)))
        return
    from careerpath.render.analytics import ways_in_view

    render(ways_in_view(catalogue, result))


@app.command("from")
def from_qualification(
    qualification: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUAL]",
            help="A qualification, registration or role; omit to list qualifications.",
        ),
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(
            min=0, max=600, help="Also roles reachable within this many months.", metavar="MONTHS"
        ),
    ] = None,
    have: HaveOption = None,
    strict: StrictOption = False,
    proposed: ProposedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Roles a qualification opens directly (or within --within months); with no QUAL, list qualifications."""
    catalogue = load()
    if qualification is None:
        if as_json:
            from careerpath.render.data import dumps

            emit(
                dumps(
                    [
                        {"id": q.id, "title": q.title, "level": q.level}
                        for q in catalogue.qualifications
                    ]
                )
            )
            return
        from careerpath.render.analytics import qualifications_view

        render(qualifications_view(catalogue))
        return
    from careerpath.analysis.entry import roles_from
    from careerpath.lookup import find_start

    qual = find_start(catalogue, qualification)
    openings = roles_from(
        catalogue,
        qual,
        within,
        holdings=actions.holdings(catalogue, have),
        strict=strict,
        proposed=proposed,
    )
    if as_json:
        from careerpath.render.data import dumps, openings_json

        emit(dumps(openings_json(openings)))
        return
    from careerpath.render.analytics import openings_view

    render(openings_view(catalogue, qual, openings, within))


@app.command()
def barriers(
    role: Annotated[
        str | None,
        typer.Option(help="Only barriers affecting this role.", autocompletion=complete_roles),
    ] = None,
    family: Annotated[
        str | None,
        typer.Option(
            help="Only barriers affecting a role in this family.", autocompletion=complete_families
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(min=0, help="How many barriers to show, biggest first (0 for all)."),
    ] = 10,
    category: Annotated[
        str | None,
        typer.Option(
            help="Only this category (entry, progression, transfer, financial, regulation, perception, capacity)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Barriers ranked by reach (roles named plus their routes), near-duplicates merged."""
    from careerpath.analysis.barriers import rank_barriers
    from careerpath.lookup import find_role
    from careerpath.model import BARRIER_CATEGORIES

    if role and family:
        raise typer.BadParameter("choose one of --role and --family", param_hint="--family")
    catalogue = load()
    members = None
    if family:
        from careerpath.analysis.listing import filter_roles

        members = [r.id for r in filter_roles(catalogue, family=family)]
    role_id = find_role(catalogue, role).id if role else None
    if category and category not in BARRIER_CATEGORIES:
        from careerpath.errors import UnknownNameError
        from careerpath.names import suggest

        raise UnknownNameError(
            "barrier category",
            category,
            suggest(category, BARRIER_CATEGORIES) or BARRIER_CATEGORIES,
        )
    ranked = rank_barriers(catalogue, role_id, category, members)
    if as_json:
        from careerpath.render.data import barriers_json, dumps

        emit(dumps(barriers_json(catalogue, ranked[:top] if top else ranked)))
        return
    from careerpath.render.analytics import barriers_view

    render(barriers_view(catalogue, ranked, top or None))


@app.command()
def matrix(
    roles: Annotated[
        list[str] | None, typer.Argument(help="Roles to include (default: all, or --family).")
    ] = None,
    family: Annotated[str | None, typer.Option(help="Only roles in this family.")] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV for spreadsheets.")] = False,
    similarity: Annotated[
        bool,
        typer.Option("--similarity", help="A role × role similarity matrix instead (Jaccard)."),
    ] = False,
    optional: OptionalOption = False,
) -> None:
    """A role × competency matrix (or role × role similarity), in the terminal or as CSV."""
    from careerpath.analysis.listing import filter_roles
    from careerpath.lookup import find_role

    catalogue = load()
    chosen = (
        [find_role(catalogue, r) for r in roles]
        if roles
        else list(filter_roles(catalogue, family=family))
    )
    if similarity:
        from careerpath.analysis.matrix import similarity_matrix
        from careerpath.render.data import similarity_csv

        values = similarity_matrix(catalogue, chosen, include_optional=optional)
        if as_csv:
            emit(similarity_csv(values))
            return
        from careerpath.render.analytics import similarity_view

        counted = "essential and optional" if optional else "essential"
        render(similarity_view(chosen, values, counted))
        return
    from careerpath.analysis.matrix import competency_matrix

    result = competency_matrix(catalogue, chosen, include_optional=optional)
    if as_csv:
        from careerpath.render.data import matrix_csv

        emit(matrix_csv(result))
        return
    from careerpath.render.analytics import matrix_view

    render(matrix_view(result))


class DiagramFormat(enum.StrEnum):
    """Output formats for ``diagram``."""

    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mermaid = "mermaid"


class Engine(enum.StrEnum):
    """Graphviz engines; ``auto`` picks the best one available for the format."""

    auto = "auto"
    wasm = "wasm"
    pure = "pure"
    system = "system"


class RankOption(enum.StrEnum):
    """What the career map's ranks follow."""

    level = "level"
    band = "band"


_EXTENSIONS = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
}


@app.command()
def diagram(
    roles: Annotated[
        list[str] | None,
        typer.Argument(help="Roles for --overlap (two or more).", show_default=False),
    ] = None,
    family: Annotated[
        str | None,
        typer.Option(help="Map only this family (id or title).", autocompletion=complete_families),
    ] = None,
    rank_by: Annotated[
        RankOption | None,
        typer.Option(
            "--rank-by",
            help="Rank a map's roles by Career Framework level (default) or by band.",
            show_default=False,
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(help="Draw one role's neighbourhood: ways in, progressions, links."),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            min=1, max=6, help="How many steps out from --role (default 1).", show_default=False
        ),
    ] = None,
    route: Annotated[
        tuple[str, str] | None,
        typer.Option(
            metavar="FROM TO",
            help="Highlight the best route from a role or qualification to a role.",
        ),
    ] = None,
    show_overlap: Annotated[
        bool, typer.Option("--overlap", help="Draw the competency overlap of the ROLES given.")
    ] = False,
    each_family: Annotated[
        bool,
        typer.Option(
            "--each-family",
            help="Write every family's map (one A4 page each), the overview and an index.html into the folder -o names.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write; the format follows its extension (a folder with --each-family).",
            metavar="PATH",
        ),
    ] = None,
    fmt: Annotated[
        DiagramFormat | None,
        typer.Option(
            "--format",
            help="svg, png, pdf, dot or mermaid (default: from -o, else dot; svg with --each-family).",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            help="Graphviz engine: auto, wasm (in-process), pure (Rust port) or system (dot)."
        ),
    ] = Engine.auto,
) -> None:
    """Draw a career map, a role's neighbourhood, a route or an overlap with real Graphviz."""
    from careerpath.analysis import diagrams

    modes = sum(bool(x) for x in (family, role, route, show_overlap, each_family))
    if modes > 1:
        raise typer.BadParameter(
            "choose one of --family, --role, --route, --overlap and --each-family"
        )
    if roles and not show_overlap:
        raise typer.BadParameter("role arguments go with --overlap", param_hint="ROLES")
    if depth is not None and not role:  # refused, not silently ignored
        raise typer.BadParameter("--depth goes with --role", param_hint="--depth")
    if rank_by is not None and (role or show_overlap):
        raise typer.BadParameter(
            "--rank-by goes with a map (the whole map, --family, --route or --each-family)",
            param_hint="--rank-by",
        )
    if each_family:
        _each_family(output, fmt or DiagramFormat.svg, (rank_by or RankOption.level).value, engine)
        return
    chosen_format = fmt.value if fmt else None
    if output is not None and chosen_format is None:
        chosen_format = _EXTENSIONS.get(output.suffix.lower())
        if chosen_format is None:
            raise typer.BadParameter(
                f"cannot tell the format from '{output.name}'; add --format", param_hint="-o"
            )
    chosen_format = chosen_format or "dot"
    if show_overlap and len(set(roles or ())) < 2:
        raise typer.BadParameter("--overlap needs two or more different roles", param_hint="ROLES")
    try:
        actions.check_overlap_count(len(set(roles or ())))
    except actions.UsageProblem as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.param_hint) from None
    catalogue = load()
    picture = diagrams.build_diagram(
        catalogue,
        family=family,
        rank_by=(rank_by or RankOption.level).value,
        role=role,
        depth=depth or 1,
        route=route,
        overlap_roles=roles if show_overlap else None,
    )
    if chosen_format == "mermaid":
        from careerpath.render.mermaid import diagram_mermaid

        data: bytes | str = diagram_mermaid(picture)
    else:
        from careerpath.render.dot import diagram_dot

        data = diagram_dot(picture)
        if chosen_format != "dot":
            from careerpath.render.engines import render_dot

            data = render_dot(data, chosen_format, engine.value)
    if output is None:
        if isinstance(data, bytes) and chosen_format != "svg":
            if sys.stdout.isatty():
                raise typer.BadParameter(
                    f"{chosen_format.upper()} is binary; write it with -o FILE",
                    param_hint="--format",
                )
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        emit(data.decode("utf-8") if isinstance(data, bytes) else data)
        return
    from careerpath.files import write_atomic

    write_atomic(output, data)
    _note(f"wrote {output} ({chosen_format}, {len(data):,} bytes)")


def _each_family(output: Path | None, fmt: DiagramFormat, rank_by: str, engine: Engine) -> None:
    """Every family's map, the overview and an index, written into one folder as a set."""
    from careerpath.analysis import diagrams
    from careerpath.errors import OutputError
    from careerpath.files import write_set
    from careerpath.render.maps import map_set

    if output is None:
        raise typer.BadParameter("--each-family writes a folder: add -o DIR", param_hint="-o")
    if output.exists() and not output.is_dir():
        raise typer.BadParameter("with --each-family, -o names a folder", param_hint="-o")
    if not output.parent.is_dir():  # the same rule as every other -o: its folder must exist
        raise OutputError(f"cannot write '{output}': folder '{output.parent}' does not exist")
    catalogue = load()

    def draw(picture: diagrams.Diagram) -> bytes | str:
        if fmt is DiagramFormat.mermaid:
            from careerpath.render.mermaid import diagram_mermaid

            return diagram_mermaid(picture)
        from careerpath.render.dot import diagram_dot

        source = diagram_dot(picture)
        if fmt is DiagramFormat.dot:
            return source
        from careerpath.render.engines import render_dot

        return render_dot(source, fmt.value, engine.value)

    overview = diagrams.career_map(catalogue, rank_by=rank_by)
    files = map_set(overview, diagrams.family_maps(catalogue, rank_by), fmt.value, draw)
    write_set(output, files)
    _note(f"wrote {len(files) - 2} family maps, the overview and index.html to {output}")
    # Never deleted: the folder may hold the user's own files, and a name alone cannot prove
    # careerpath wrote it. Said instead, since a map left from an earlier run in another
    # format (or of a family since removed) would otherwise pass for part of this set.
    others = sorted(p.name for p in output.iterdir() if p.name not in files and p.name[0] != ".")
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        _note(f"note: {output} also holds {shown}, not written now (index.html lists this run's)")


def _note(message: str) -> None:
    from careerpath.console import err_console
    from careerpath.text import for_terminal

    # Notes quote output paths, which may hold anything the shell passed.
    err_console().print(for_terminal(message), markup=False, highlight=False, soft_wrap=True)


import_app = typer.Typer(
    help="Import career data from other sources into a pathways folder.", no_args_is_help=True
)
app.add_typer(import_app, name="import")


@import_app.command("esco")
def import_esco_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="Folder with the ESCO CSV archives (classification and relations) or their CSV files.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Pathways folder to create (an earlier import there is replaced whole).",
            metavar="DIR",
        ),
    ],
) -> None:
    """Import the ESCO occupations, skills and relations as a pathways folder."""
    import signal

    from careerpath.importers.esco import import_esco
    from careerpath.loading.cache import cached_catalogue

    def terminated(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds, so the importer removes its staging folder

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        with _progress() as report:
            summary = import_esco(source, output, report)
            # Compile the new folder now, so the first command run on it is as fast as any other.
            cached_catalogue(summary.target, report)
    finally:
        signal.signal(signal.SIGTERM, previous)
    _note(
        f"imported {summary.roles:,} roles, {summary.competencies:,} competencies and {summary.families:,} families "
        f"({summary.essential:,} essential and {summary.optional:,} optional relations) into {summary.target}"
    )
    if summary.aliases_dropped:
        _note(
            f"left out {summary.aliases_dropped:,} alternative labels that name more than one occupation"
        )
    if summary.relations_skipped:
        _note(
            f"skipped {summary.relations_skipped:,} relations to skills missing from the skills file"
        )


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None]]:
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


@app.command()
def similar(
    role: Annotated[
        str, typer.Argument(help="Role id, title or alias.", autocompletion=complete_roles)
    ],
    top: Annotated[int, typer.Option(min=1, max=500, help="How many roles to show.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Roles closest to this one: the share of each one's essential competencies already held."""
    actions.similar_to(state.data, role, top, as_json)


def _intakes(values: list[str] | None) -> dict[str, int]:
    intake: dict[str, int] = {}
    for value in values or ():
        name, _, number = value.partition("=")
        if not number.strip().isdigit():
            raise typer.BadParameter(
                f"'{value}' is not ROLE=N (a whole number of trainees)", param_hint="--intake"
            )
        intake[name.strip()] = int(number)
    return intake


@app.command()
def curriculum(
    members: Annotated[
        list[str],
        typer.Argument(
            help="Two or more roles (or programme ids with --programmes).", metavar="ROLE..."
        ),
    ],
    programmes: Annotated[
        bool,
        typer.Option(
            "--programmes",
            help="Treat the arguments as programmes: design a modular framework they could share.",
        ),
    ] = False,
    intake: Annotated[
        list[str] | None,
        typer.Option(
            help="New trainees a year for a role, as ROLE=N (repeatable).", metavar="ROLE=N"
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Also draw the proposal to this file (.svg, .png, .pdf, .dot, .mmd).",
            metavar="FILE",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Design a shared core and specialist training for related roles, with savings and conversion top-ups."""
    from careerpath.analysis.curriculum import design_curriculum, design_framework

    if len(set(members)) < 2:
        raise typer.BadParameter(
            "give two or more different roles or programmes", param_hint="ROLE..."
        )
    catalogue = load()
    if programmes:
        from careerpath.lookup import find_programme

        result = design_framework(
            catalogue, [find_programme(catalogue, p) for p in dict.fromkeys(members)]
        )
    else:
        from careerpath.lookup import find_role

        roles = list(dict.fromkeys(find_role(catalogue, r) for r in members))
        wanted = {find_role(catalogue, name).id: count for name, count in _intakes(intake).items()}
        unknown = set(wanted) - {r.id for r in roles}
        if unknown:
            raise typer.BadParameter(
                f"--intake names roles not in the list: {', '.join(sorted(unknown))}",
                param_hint="--intake",
            )
        result = design_curriculum(catalogue, roles, wanted)
    if output is not None:
        _write_diagram(result, output)
    if as_json:
        from careerpath.render.data import curriculum_json, dumps

        emit(dumps(curriculum_json(result)))
        return
    from careerpath.render.analytics import curriculum_view

    render(curriculum_view(catalogue, result))


def _write_diagram(result: Curriculum, output: Path) -> None:
    from careerpath.analysis.diagrams import curriculum_diagram
    from careerpath.files import write_atomic

    chosen = _EXTENSIONS.get(output.suffix.lower())
    if chosen is None:
        raise typer.BadParameter(f"cannot tell the format from '{output.name}'", param_hint="-o")
    picture = curriculum_diagram(result)
    if chosen == "mermaid":
        from careerpath.render.mermaid import diagram_mermaid

        data: bytes | str = diagram_mermaid(picture)
    else:
        from careerpath.render.dot import diagram_dot

        data = diagram_dot(picture)
        if chosen != "dot":
            from careerpath.render.engines import render_dot

            data = render_dot(data, chosen)
    write_atomic(output, data)
    _note(f"wrote {output} ({chosen}, {len(data):,} bytes)")


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write the schema to this file instead of stdout.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of pathways files, for editors that validate YAML as you type."""
    import json

    from careerpath.loading.formats import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        emit(text)
        return
    from careerpath.files import write_atomic

    write_atomic(output, text)
    _note(f"wrote {output}")


class ExportFormat(enum.StrEnum):
    """Formats for ``export``."""

    json = "json"
    csv = "csv"
    graphml = "graphml"
    mermaid = "mermaid"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="json (for programs), csv (roles, competencies, edges), graphml (Gephi, yEd) or mermaid.",
        ),
    ] = ExportFormat.json,
    family: Annotated[
        str | None, typer.Option(help="Only this family's roles (and what they use).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write (for csv: a folder, which gets roles.csv, competencies.csv and edges.csv).",
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """Export the catalogue (or one family) as JSON, CSV, GraphML or Mermaid."""
    from careerpath.analysis.listing import filter_roles
    from careerpath.files import write_atomic
    from careerpath.render import export as exporter

    catalogue = load()
    roles = filter_roles(catalogue, family=family)
    if fmt is ExportFormat.csv:
        tables = exporter.csv_tables(catalogue, roles)
        if output is None:
            emit(tables["roles.csv"])
            _note("stdout holds roles.csv only; -o DIR writes " + ", ".join(tables))
            return
        if output.exists() and not output.is_dir():
            raise typer.BadParameter("for csv, -o names a folder", param_hint="-o")
        if not output.parent.is_dir():  # the same rule as every other -o: its folder must exist
            from careerpath.errors import OutputError

            raise OutputError(f"cannot write '{output}': folder '{output.parent}' does not exist")
        from careerpath.files import write_set

        write_set(output, dict(tables))
        _note(f"wrote {', '.join(tables)} to {output}")
        return
    text = {
        ExportFormat.json: exporter.catalogue_json,
        ExportFormat.graphml: exporter.graphml,
        ExportFormat.mermaid: exporter.mermaid_map,
    }[fmt](catalogue, roles)
    if output is None:
        emit(text)
        return
    write_atomic(output, text)
    _note(f"wrote {output} ({fmt.value}, {len(text):,} characters)")


@app.command()
def report(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(help="One or more roles to brief on.", autocompletion=complete_roles),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="report.html (self-contained, SVG inline) or report.md (Mermaid diagrams).",
            metavar="FILE",
        ),
    ],
    provision: Annotated[
        Path | None,
        typer.Option(
            "--provision",
            help="Add a Training coverage section: this learning directory against its framework.",
            metavar="DIR",
        ),
    ] = None,
    framework_name: Annotated[
        str | None,
        typer.Option(
            "--framework",
            help="With --provision: the framework to cover (default: the directory's).",
            metavar="ID",
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0.05,
            max=1.0,
            help="With --provision: least Jaccard similarity for duplication (default 0.75, as coverage).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a self-contained briefing: profiles, overlap, routes, barriers and diagrams."""
    from careerpath.analysis.briefing import build_briefing
    from careerpath.files import write_atomic
    from careerpath.lookup import find_role

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise typer.BadParameter("write the report to a .html or .md file", param_hint="-o")
    try:
        actions.check_overlap_count(len(set(roles)))
    except actions.UsageProblem as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.param_hint) from None
    for given, hint in ((framework_name, "--framework"), (threshold, "--threshold")):
        if given is not None and provision is None:  # refused, not silently ignored
            raise typer.BadParameter(f"{hint} goes with --provision", param_hint=hint)
    catalogue = load()
    chosen = list(dict.fromkeys(find_role(catalogue, r) for r in roles))
    coverage = None
    if provision is not None:
        from careerpath.analysis.coverage import DEFAULT_THRESHOLD
        from careerpath.analysis.coverage import coverage as compute
        from careerpath.commands.training_inputs import choose_framework, training_data
        from careerpath.render.provision import coverage_content

        data = training_data(ctx, provision)
        assert data.provision is not None  # a directory was given, so one was loaded
        framework = choose_framework(data, framework_name, data.provision.framework)
        coverage = coverage_content(
            framework,
            data.provision,
            compute(
                framework, data.provision, DEFAULT_THRESHOLD if threshold is None else threshold
            ),
        )
    with _progress() as report_progress:
        briefing = build_briefing(catalogue, chosen, report_progress)
    if suffix in (".html", ".htm"):
        from careerpath.render.report import briefing_html

        text = briefing_html(catalogue, briefing, coverage)
    else:
        from careerpath.render.report import briefing_markdown

        text = briefing_markdown(catalogue, briefing, coverage)
    write_atomic(output, text)
    _note(f"wrote {output} ({len(text):,} characters)")


from careerpath.commands import coverage, framework, needs, transfer  # noqa: E402 - issue 17

app.command()(framework.framework)
app.command()(coverage.coverage)
app.command()(needs.needs)
app.command()(transfer.transfer)
app.command("supply")(supply_command)


def main(argv: list[str] | None = None) -> int:
    """Run the Typer app and turn careerpath errors into messages and exit code 1.

    Only the command being run is built (see ``_app_for``): Typer inspects every command's
    signature when it builds an app, which costs ~25 ms for all seventeen.
    """
    args = sys.argv[1:] if argv is None else list(argv)

    def run() -> int:
        from typer._click.exceptions import ClickException

        from careerpath.helptext import one_voice

        command = one_voice(typer.main.get_command(_app_for(args)))
        try:
            # Not standalone, so usage errors come back here to be escaped (see _usage_error).
            code = command.main(args=args, prog_name="careerpath", standalone_mode=False)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except typer.Abort:
            actions.error("aborted")
            return 1
        except ClickException as exc:
            return _usage_error(exc)
        return code if isinstance(code, int) else 0

    return actions.guarded(run, lambda: state.debug)  # --debug is parsed during the run


def _usage_error(exc: ClickException) -> int:
    """Show a usage error as Typer does, with what the user typed escaped for the terminal.

    The one place Click's own messages ("No such command", "Invalid value", "Got unexpected
    extra argument") and careerpath's BadParameter messages reach the terminal: they quote
    arguments, and an argument may hold an escape sequence (a clipboard write, a screen clear).
    """
    from typer import rich_utils

    from careerpath.text import for_terminal

    exc.message = for_terminal(exc.message)
    rich_utils.rich_format_error(exc)
    return exc.exit_code


def command_names() -> list[str]:
    """Every top-level command and group name, as the user types it."""
    names = [_command_name(c) for c in app.registered_commands]
    return names + [g.name for g in app.registered_groups if g.name]


def _command_name(command: CommandInfo) -> str:
    from typer.main import get_command_name

    return command.name or get_command_name(command.callback.__name__)  # type: ignore[union-attr]


def _app_for(args: list[str]) -> typer.Typer:
    """The full app, or a copy holding only the command ``args`` name (same callback).

    The full app is used whenever the command is unknown (so Click can suggest one), for
    ``--help`` and for shell completion, so everything that lists commands still sees them all.
    """
    from careerpath.argv import command_in

    name = command_in(args)
    if name is None or name not in command_names():
        return app
    lean = typer.Typer(**_APP_SETTINGS)
    lean.registered_callback = app.registered_callback
    lean.registered_commands = [c for c in app.registered_commands if _command_name(c) == name]
    lean.registered_groups = [g for g in app.registered_groups if g.name == name]
    return lean
