"""``careerpath list``: roles as a table, or the families or programmes."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import JsonOption, complete_families, global_options
from careerpath.options import BAND, FAMILY, LEVEL, PROGRAMMES, SEARCH

__all__ = ["list_roles"]


def list_roles(
    ctx: typer.Context,
    family: Annotated[str | None, FAMILY.typer(autocompletion=complete_families)] = None,
    level: Annotated[int | None, LEVEL.typer()] = None,
    band: Annotated[str | None, BAND.typer()] = None,
    search: Annotated[str | None, SEARCH.typer()] = None,
    families: Annotated[
        bool, typer.Option("--families", help="List the families (ids for --family) instead.")
    ] = False,
    programmes: Annotated[bool, PROGRAMMES.typer()] = False,
    as_json: JsonOption = False,
) -> None:
    """List roles as a table, optionally filtered by family, level, band or text."""
    if families or programmes:
        if families and programmes:
            raise typer.BadParameter("choose one of --families and --programmes")
        if family or level is not None or band or search:
            raise typer.BadParameter(
                "--families and --programmes list everything; they take no role filters"
            )
        actions.list_names(
            global_options(ctx).data, "families" if families else "programmes", as_json
        )
        return
    actions.list_roles(
        global_options(ctx).data,
        family=family,
        level=level,
        band=band,
        search=search,
        as_json=as_json,
    )
