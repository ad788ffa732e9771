"""``careerpath curriculum``: a shared core and specialist training for related roles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerpath.commands.common import EXTENSIONS, JsonOption, emit, load, note, render
from careerpath.options import OUTPUT, PROGRAMMES

if TYPE_CHECKING:
    from careerpath.analysis.curriculum import Curriculum

__all__ = ["curriculum"]


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


def curriculum(
    ctx: typer.Context,
    members: Annotated[
        list[str],
        typer.Argument(
            help="Two or more roles (or programme ids with --programmes).", metavar="ROLE..."
        ),
    ],
    programmes: Annotated[
        bool,
        PROGRAMMES.typer(
            help="Treat the arguments as programmes: design a modular framework they could share."
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
        OUTPUT.typer(help="Also draw the proposal to this file (.svg, .png, .pdf, .dot, .mmd)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Design a shared core and specialist training for related roles, with savings and conversion top-ups."""
    from careerpath.analysis.curriculum import design_curriculum, design_framework

    if len(set(members)) < 2:
        raise typer.BadParameter(
            "give two or more different roles or programmes", param_hint="ROLE..."
        )
    catalogue = load(ctx)
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

    chosen = EXTENSIONS.get(output.suffix.lower())
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
    note(f"wrote {output} ({chosen}, {len(data):,} bytes)")
