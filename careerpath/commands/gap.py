"""``careerpath gap``: the learning needs of one move, and the best route for it."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import (
    HaveOption,
    JsonOption,
    OptionalOption,
    complete_roles,
    emit,
    load,
    render,
)

__all__ = ["gap"]


def gap(
    ctx: typer.Context,
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

    catalogue = load(ctx)
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
