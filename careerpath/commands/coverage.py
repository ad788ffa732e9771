"""``careerpath coverage``: a learning directory against a framework (gaps, duplication, places)."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from careerpath.commands.training_inputs import (
    DirectoryArgument,
    FrameworkOption,
    JsonOption,
    OutputOption,
)
from careerpath.options import CSV, THRESHOLD

__all__ = ["coverage"]


class CoverageTable(enum.StrEnum):
    """The tables ``coverage --csv`` can print."""

    gaps = "gaps"
    shallow = "shallow"
    duplicates = "duplicates"
    places = "places"


def coverage(
    ctx: typer.Context,
    directory: DirectoryArgument,
    framework_name: FrameworkOption = None,
    threshold: Annotated[
        float,
        THRESHOLD.typer(),
    ] = 0.75,
    as_json: JsonOption = False,
    as_csv: Annotated[
        CoverageTable | None,
        CSV.typer(
            help="Print one table as CSV (ids, plain numbers): gaps, shallow, duplicates or places; with -o, its assumptions go beside it in FILE.notes.txt.",
            metavar="TABLE",
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Coverage of a learning directory: competencies no course teaches, duplicated courses, places against need."""
    from careerpath.analysis.coverage import coverage as compute
    from careerpath.commands.training_inputs import (
        choose_framework,
        emit_csv,
        emit_or_write,
        training_data,
    )

    data = training_data(ctx, directory)
    assert data.provision is not None  # a directory was given, so one was loaded
    chosen = choose_framework(data, framework_name, data.provision.framework)
    result = compute(chosen, data.provision, threshold)
    if as_json:
        from careerpath.render.provision import result_json

        emit_or_write(result_json(result), output)
        return
    from careerpath.render.provision import content_terminal, coverage_content, coverage_csv

    content = coverage_content(chosen, data.provision, result)
    if as_csv is not None:
        emit_csv(coverage_csv(data.provision, result, as_csv.value), content, output)
        return
    from careerpath.actions import render

    render(content_terminal(content))
