"""``careerpath barriers``: barriers ranked by reach."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath.commands.common import (
    JsonOption,
    complete_families,
    complete_roles,
    emit,
    load,
    render,
)
from careerpath.options import BARRIERS_TOP, FAMILY, ROLE

__all__ = ["barriers"]


def barriers(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        ROLE.typer(complete_roles, help="Only barriers affecting this role."),
    ] = None,
    family: Annotated[
        str | None,
        FAMILY.typer(complete_families, help="Only barriers affecting a role in this family."),
    ] = None,
    top: Annotated[
        int,
        BARRIERS_TOP.typer(),
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
    catalogue = load(ctx)
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
