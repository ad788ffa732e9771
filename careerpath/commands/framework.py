"""``careerpath framework``: a competency framework's skills matrix per staff group."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath.commands.training_inputs import JsonOption, OutputOption
from careerpath.options import CSV

__all__ = ["framework"]


def framework(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[FRAMEWORK]",
            help="Framework id or title (e.g. pcmh-matrix); omit to list them.",
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option("--group", help="Only this staff group (id; repeatable).", metavar="ID"),
    ] = None,
    as_csv: Annotated[bool, CSV.typer(help="Print the matrix as CSV.")] = False,
    as_json: JsonOption = False,
    output: OutputOption = None,
) -> None:
    """A competency framework's skills matrix: competencies × staff groups → tier needed."""
    from careerpath.commands.training_inputs import (
        choose_framework,
        emit_csv,
        emit_or_write,
        training_data,
    )

    data = training_data(ctx)
    if name is None:
        rows = sorted(data.frameworks.values(), key=lambda f: f.id)
        if not rows:
            from careerpath.errors import CareerpathError

            raise CareerpathError(
                "no competency frameworks in this pathways folder "
                "(framework files go in its frameworks/ folder and start with 'framework:')"
            )
        if as_json:
            from careerpath.render.data import dumps

            listing = [
                {
                    "id": f.id,
                    "title": f.title,
                    "file": f.file,
                    "tiers": len(f.tiers),
                    "domains": len(f.domains),
                    "competencies": len(f.competencies),
                    "staff_groups": len(f.staff_groups),
                    "unverified_competencies": sum(c.unverified for c in f.competencies),
                }
                for f in rows
            ]
            emit_or_write(dumps(listing), output)
            return
        from careerpath.render.provision import content_terminal, frameworks_content, table_csv

        listed = frameworks_content(tuple(rows))
        if as_csv:
            emit_csv(table_csv(listed, 0), listed, output)
            return
        from careerpath.actions import render

        render(content_terminal(listed))
        return
    chosen = choose_framework(data, name)
    from careerpath.analysis.skills_matrix import skills_matrix
    from careerpath.errors import UnknownNameError
    from careerpath.names import suggest

    known = [g.id for g in chosen.staff_groups]
    for wanted in group or ():
        if wanted not in known:
            raise UnknownNameError("staff group", wanted, suggest(wanted, known) or tuple(known))
    matrix = skills_matrix(chosen, tuple(group or ()))
    if as_json:
        from careerpath.render.provision import result_json

        emit_or_write(result_json(matrix), output)
        return
    from careerpath.render.provision import content_terminal, matrix_content, matrix_csv

    content = matrix_content(chosen, matrix)
    if as_csv:
        emit_csv(matrix_csv(chosen, matrix), content, output)
        return
    from careerpath.actions import render

    render(content_terminal(content))
