"""``careerpath route``: ranked routes from a role or qualification to a role."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import (
    HaveOption,
    JsonOption,
    ProposedOption,
    StrictOption,
    complete_roles,
    complete_starts,
    emit,
    load,
    render,
)

__all__ = ["RankBy", "route"]


class RankBy(enum.StrEnum):
    """What ``route`` ranks by."""

    months = "months"
    steps = "steps"
    cost = "cost"


def route(
    ctx: typer.Context,
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
    from careerpath.analysis.routes import ALSO_APART, find_routes
    from careerpath.lookup import find_role, find_start

    catalogue = load(ctx)
    start, goal = find_start(catalogue, source), find_role(catalogue, target)
    holdings = actions.holdings(catalogue, have)
    routes = find_routes(
        catalogue,
        start,
        goal,
        metric=by.value,
        max_routes=max_routes,
        holdings=holdings,
        strict=strict,
        proposed=proposed,
        also=min(max_routes, ALSO_APART),
    )
    from careerpath.analysis.refinements import faster_if_held

    faster = (
        faster_if_held(catalogue, start, goal, routes[0], holdings, strict=strict)
        if by is RankBy.months and not proposed
        else ()
    )
    if as_json:
        from careerpath.render.data import dumps, routes_json

        emit(dumps(routes_json(routes, by.value, faster)))
        return
    from careerpath.render.analytics import routes_view

    render(routes_view(catalogue, start.id, goal.id, routes, by.value, faster=faster))
