"""``careerpath similar``: the roles closest to one role."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import JsonOption, complete_roles, global_options
from careerpath.options import TOP

__all__ = ["similar"]


def similar(
    ctx: typer.Context,
    role: Annotated[
        str, typer.Argument(help="Role id, title or alias.", autocompletion=complete_roles)
    ],
    top: Annotated[int, TOP.typer()] = TOP.default,
    as_json: JsonOption = False,
) -> None:
    """Roles closest to this one: the share of each one's essential competencies already held."""
    actions.similar_to(global_options(ctx).data, role, top, as_json)
