"""``careerpath transfer``: credit transfer between two providers' modules, and the top-up."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath.commands.training_inputs import (
    DirectoryArgument,
    FrameworkOption,
    JsonOption,
    OutputOption,
)
from careerpath.options import CSV

__all__ = ["transfer"]


def transfer(
    ctx: typer.Context,
    directory: DirectoryArgument,
    held: Annotated[
        str, typer.Argument(metavar="FROM", help="Provider whose modules are held (id or title).")
    ],
    receiving: Annotated[
        str, typer.Argument(metavar="TO", help="Provider whose modules credit is wanted for.")
    ],
    framework_name: FrameworkOption = None,
    as_json: JsonOption = False,
    as_csv: Annotated[bool, CSV.typer(help="Print the table as CSV.")] = False,
    output: OutputOption = None,
) -> None:
    """Credit transfer between two providers' modules: what transfers in full, and the top-up a partial match needs."""
    from careerpath.analysis.transfer import credit_transfer
    from careerpath.commands.training_inputs import (
        choose_framework,
        choose_provider,
        emit_csv,
        emit_or_write,
        training_data,
    )

    data = training_data(ctx, directory)
    assert data.provision is not None  # a directory was given, so one was loaded
    chosen = choose_framework(data, framework_name, data.provision.framework)
    source = choose_provider(data.provision, held)
    target = choose_provider(data.provision, receiving)
    results = credit_transfer(data.provision, chosen, source, target)
    if as_json:
        from careerpath.render.provision import result_json

        emit_or_write(result_json(results), output)
        return
    from careerpath.render.provision import content_terminal, table_csv, transfer_content

    content = transfer_content(chosen, data.provision, source, target, results)
    if as_csv:
        emit_csv(table_csv(content, 0), content, output)
        return
    from careerpath.actions import render

    render(content_terminal(content))
