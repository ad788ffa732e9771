"""``careerpath from``: the roles a qualification opens (or the qualifications)."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import (
    HaveOption,
    JsonOption,
    ProposedOption,
    StrictOption,
    emit,
    load,
    render,
)

__all__ = ["from_qualification"]


def from_qualification(
    ctx: typer.Context,
    qualification: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUAL]",
            help="A qualification, registration or role; omit to list qualifications.",
        ),
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(
            min=0, max=600, help="Also roles reachable within this many months.", metavar="MONTHS"
        ),
    ] = None,
    have: HaveOption = None,
    strict: StrictOption = False,
    proposed: ProposedOption = False,
    as_json: JsonOption = False,
) -> None:
    """Roles a qualification opens directly (or within --within months); with no QUAL, list qualifications."""
    catalogue = load(ctx)
    if qualification is None:
        if as_json:
            from careerpath.render.data import dumps

            emit(
                dumps(
                    [
                        {"id": q.id, "title": q.title, "level": q.level}
                        for q in catalogue.qualifications
                    ]
                )
            )
            return
        from careerpath.render.analytics import qualifications_view

        render(qualifications_view(catalogue))
        return
    from careerpath.analysis.entry import roles_from
    from careerpath.lookup import find_start

    qual = find_start(catalogue, qualification)
    openings = roles_from(
        catalogue,
        qual,
        within,
        holdings=actions.holdings(catalogue, have),
        strict=strict,
        proposed=proposed,
    )
    if as_json:
        from careerpath.render.data import dumps, openings_json

        emit(dumps(openings_json(openings)))
        return
    from careerpath.render.analytics import openings_view

    render(openings_view(catalogue, qual, openings, within))
