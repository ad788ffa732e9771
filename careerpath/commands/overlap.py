"""``careerpath overlap``: shared and unique competencies of two or more roles."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import (
    HaveOption,
    JsonOption,
    OptionalOption,
    complete_roles,
    global_options,
)

__all__ = ["overlap"]


def overlap(
    ctx: typer.Context,
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
        actions.overlap_roles(
            global_options(ctx).data, roles, have=have, optional=optional, as_json=as_json
        )
    except actions.UsageProblem as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.param_hint) from None
