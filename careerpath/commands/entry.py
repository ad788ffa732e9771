"""``careerpath entry``: every way into a role."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath.commands.common import JsonOption, complete_roles, emit, load, render

__all__ = ["entry"]


def entry(
    ctx: typer.Context,
    role: Annotated[
        str, typer.Argument(help="Role id, title or alias.", autocompletion=complete_roles)
    ],
    as_json: JsonOption = False,
) -> None:
    """Every way into a role, grouped by starting point, with the fastest route from each qualification."""
    from careerpath.analysis.entry import ways_in
    from careerpath.lookup import find_role

    catalogue = load(ctx)
    result = ways_in(catalogue, find_role(catalogue, role))
    if as_json:
        from careerpath.render.data import dumps, ways_in_json

        emit(dumps(ways_in_json(result)))
        return
    from careerpath.render.analytics import ways_in_view

    render(ways_in_view(catalogue, result))
