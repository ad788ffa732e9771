"""``careerpath import esco``: the ESCO classification as a pathways folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from careerpath.commands.common import note, progress
from careerpath.options import OUTPUT

__all__ = ["import_app", "import_esco_command"]


import_app = typer.Typer(
    help="Import career data from other sources into a pathways folder.", no_args_is_help=True
)


@import_app.command("esco")
def import_esco_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="Folder with the ESCO CSV archives (classification and relations) or their CSV files.",
        ),
    ],
    output: Annotated[
        Path,
        OUTPUT.typer(
            help="Pathways folder to create (an earlier import there is replaced whole).",
            metavar="DIR",
        ),
    ],
) -> None:
    """Import the ESCO occupations, skills and relations as a pathways folder."""
    import signal

    from careerpath.importers.esco import import_esco
    from careerpath.loading.cache import cached_catalogue

    def terminated(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds, so the importer removes its staging folder

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        with progress() as report:
            summary = import_esco(source, output, report)
            # Compile the new folder now, so the first command run on it is as fast as any other.
            cached_catalogue(summary.target, report)
    finally:
        signal.signal(signal.SIGTERM, previous)
    note(
        f"imported {summary.roles:,} roles, {summary.competencies:,} competencies and {summary.families:,} families "
        f"({summary.essential:,} essential and {summary.optional:,} optional relations) into {summary.target}"
    )
    if summary.aliases_dropped:
        note(
            f"left out {summary.aliases_dropped:,} alternative labels that name more than one occupation"
        )
    if summary.relations_skipped:
        note(
            f"skipped {summary.relations_skipped:,} relations to skills missing from the skills file"
        )
