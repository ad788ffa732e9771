"""``careerpath validate``: check a pathways folder, optionally with the data-quality report."""

from __future__ import annotations

from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import JsonOption, emit, folder_option, global_options

__all__ = ["validate"]


def validate(
    ctx: typer.Context,
    folder: Annotated[
        str | None,
        typer.Argument(
            help="Pathways folder to check (default: --data, else the bundled data).",
            show_default=False,
            metavar="[FOLDER]",
        ),
    ] = None,
    report: Annotated[
        bool,
        typer.Option(
            "--report",
            help="Also measure data quality: programme facts, unverified facts, source kinds, "
            "hosts and age, bad hosts, internal text, unconnected roles.",
        ),
    ] = False,
    older_than: Annotated[
        int,
        typer.Option(
            "--older-than",
            min=0,
            help="With --report: list sources read more than this many months ago.",
            metavar="MONTHS",
        ),
    ] = 12,
    as_json: JsonOption = False,
) -> None:
    """Check a pathways folder and list every problem as FILE:LINE:COL: message.

    With [bold]--report[/bold], also print the data-quality report a folder's keepers run
    before a release (see docs/data-quality.md).
    """
    from careerpath.errors import DataError
    from careerpath.loading.locate import resolve_data_dir
    from careerpath.loading.validate import load_catalogue

    root = resolve_data_dir(folder_option(folder, "FOLDER") or global_options(ctx).data)
    try:
        catalogue = load_catalogue(root)
    except DataError as exc:
        emit("".join(f"{line}\n" for line in actions.problem_lines(exc)))
        actions.error(f"{exc} ({root})")
        raise typer.Exit(1) from None
    counts = ", ".join(
        f"{len(getattr(catalogue, kind))} {kind}"
        for kind in ("roles", "competencies", "programmes", "qualifications", "sources")
    )
    from careerpath.loading.discover import display_path
    from careerpath.text import for_terminal

    if report or as_json:
        import dataclasses
        from datetime import date

        from careerpath.analysis.quality import quality_report
        from careerpath.render.quality import quality_json, quality_text

        catalogue = dataclasses.replace(catalogue, root=display_path(root))
        measured = quality_report(catalogue, date.today(), older_than)
        emit(quality_json(measured) if as_json else quality_text(measured))
        return
    emit(f"{for_terminal(display_path(root))}: valid ({counts})\n")
