"""``careerpath diagram``: career maps, neighbourhoods, routes and overlaps drawn with Graphviz."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import EXTENSIONS, complete_families, emit, load, note
from careerpath.options import FAMILY, FORMAT, OUTPUT, ROLE

__all__ = ["DiagramFormat", "Engine", "RankOption", "diagram"]


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


def diagram(
    ctx: typer.Context,
    roles: Annotated[
        list[str] | None,
        typer.Argument(help="Roles for --overlap (two or more).", show_default=False),
    ] = None,
    family: Annotated[
        str | None,
        FAMILY.typer(complete_families, help="Map only this family (id or title)."),
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
        ROLE.typer(help="Draw one role's neighbourhood: ways in, progressions, links."),
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
        OUTPUT.typer(
            help="File to write; the format follows its extension (a folder with --each-family).",
            metavar="PATH",
        ),
    ] = None,
    fmt: Annotated[
        DiagramFormat | None,
        FORMAT.typer(
            help="svg, png, pdf, dot or mermaid (default: from -o, else dot; svg with --each-family)."
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
        _each_family(
            ctx, output, fmt or DiagramFormat.svg, (rank_by or RankOption.level).value, engine
        )
        return
    chosen_format = fmt.value if fmt else None
    if output is not None and chosen_format is None:
        chosen_format = EXTENSIONS.get(output.suffix.lower())
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
    catalogue = load(ctx)
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
    note(f"wrote {output} ({chosen_format}, {len(data):,} bytes)")


def _each_family(
    ctx: typer.Context, output: Path | None, fmt: DiagramFormat, rank_by: str, engine: Engine
) -> None:
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
    catalogue = load(ctx)

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
    note(f"wrote {len(files) - 2} family maps, the overview and index.html to {output}")
    # Never deleted: the folder may hold the user's own files, and a name alone cannot prove
    # careerpath wrote it. Said instead, since a map left from an earlier run in another
    # format (or of a family since removed) would otherwise pass for part of this set.
    others = sorted(p.name for p in output.iterdir() if p.name not in files and p.name[0] != ".")
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        note(f"note: {output} also holds {shown}, not written now (index.html lists this run's)")
