"""``careerpath matrix``: a role × competency (or role × role similarity) matrix."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath.commands.common import OptionalOption, emit, load, render
from careerpath.options import CSV, FAMILY

__all__ = ["matrix"]


def matrix(
    ctx: typer.Context,
    roles: Annotated[
        list[str] | None, typer.Argument(help="Roles to include (default: all, or --family).")
    ] = None,
    family: Annotated[str | None, FAMILY.typer(help="Only roles in this family.")] = None,
    as_csv: Annotated[bool, CSV.typer()] = False,
    similarity: Annotated[
        bool,
        typer.Option(
            "--similarity",
            help="A role × role similarity matrix instead (the `similar` score, row → column).",
        ),
    ] = False,
    optional: OptionalOption = False,
) -> None:
    """A role × competency matrix (or role × role similarity), in the terminal or as CSV."""
    from careerpath.analysis.listing import filter_roles
    from careerpath.lookup import find_role

    catalogue = load(ctx)
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
        names = [catalogue.competency(c).name for c in values.generic]
        render(similarity_view(chosen, values, counted, names))
        return
    from careerpath.analysis.matrix import competency_matrix

    result = competency_matrix(catalogue, chosen, include_optional=optional)
    if as_csv:
        from careerpath.render.data import matrix_csv

        emit(matrix_csv(result))
        return
    from careerpath.render.analytics import matrix_view

    render(matrix_view(result))
