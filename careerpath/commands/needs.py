"""``careerpath needs``: a team's training needs, the cheapest closing courses, and their cost."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from careerpath.commands.training_inputs import (
    DirectoryArgument,
    FrameworkOption,
    JsonOption,
    OutputOption,
)
from careerpath.options import CSV

__all__ = ["needs"]


class PayPoint(enum.StrEnum):
    """Which pay point of a band learner time is costed at."""

    entry = "entry"
    intermediate = "intermediate"
    top = "top"


def needs(
    ctx: typer.Context,
    team: Annotated[
        Path,
        typer.Argument(
            metavar="TEAM.csv",
            help="CSV: person (or group), staff_group (or role), band, optional count and self-ratings per competency id.",
        ),
    ],
    directory: DirectoryArgument,
    framework_name: FrameworkOption = None,
    rates: Annotated[
        Path | None,
        typer.Option(
            "--rates",
            help="Costing rates YAML (default: the bundled AfC 2025/26 file).",
            metavar="FILE",
        ),
    ] = None,
    pay_point: Annotated[
        PayPoint | None,
        typer.Option(
            "--pay-point",
            help="Cost learner time at this point of each band (default: the rates file's).",
        ),
    ] = None,
    exact_limit: Annotated[
        int,
        typer.Option(
            min=1,
            max=40,
            help="Solve exactly up to this many candidate courses per row; greedy beyond.",
        ),
    ] = 20,
    as_json: JsonOption = False,
    as_csv: Annotated[
        bool,
        CSV.typer(
            help="Print the cost lines as CSV (plain numbers); with -o, its assumptions go beside it in FILE.notes.txt."
        ),
    ] = False,
    output: OutputOption = None,
) -> None:
    """Training needs of a team (CSV), the cheapest set of courses closing them, and the total cost."""
    from careerpath.analysis.needs import training_needs
    from careerpath.commands.training_inputs import (
        choose_framework,
        emit_csv,
        emit_or_write,
        training_data,
    )
    from careerpath.errors import CareerpathError
    from careerpath.loading.team_csv import load_team

    data = training_data(ctx, directory, rates)
    assert data.provision is not None  # a directory was given, so one was loaded
    if data.rates is None:
        raise CareerpathError("no costing rates found; give a rates file with --rates")
    chosen = choose_framework(data, framework_name, data.provision.framework)
    rows = load_team(team, chosen, data.rates)
    point = pay_point.value if pay_point else None
    result = training_needs(chosen, rows, data.provision, data.rates, point, exact_limit)
    if as_json:
        from careerpath.render.provision import result_json

        summary = {
            "result": result,
            "total": str(result.total),
            "all_exact": result.all_exact,
            "total_bound": result.total_bound,
            "total_caveats": result.total_caveats,
            "rates_sources": data.rates.sources,
            "rows": {
                r.line: {"per_person": str(r.per_person), "total": str(r.total)}
                for r in result.rows
            },
        }
        emit_or_write(result_json(summary), output)
        return
    from careerpath.render.provision import content_terminal, needs_content, needs_csv

    content = needs_content(chosen, data.provision, result, data.rates)
    if as_csv:
        emit_csv(needs_csv(result), content, output)
        return
    from careerpath.actions import render

    render(content_terminal(content))
