"""``careerpath show``: one role's profile."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import JsonOption, complete_roles, global_options

__all__ = ["show"]


def show(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            help="Role id, title or alias, in any case (e.g. PWP).", autocompletion=complete_roles
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Show a role's profile: ways in, progression, links, competencies, barriers, sources."""
    actions.show_role(global_options(ctx).data, role, as_json)
