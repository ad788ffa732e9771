"""``careerpath export``: the catalogue as JSON, CSV, GraphML or Mermaid."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from careerpath.commands.common import emit, load, note
from careerpath.options import FAMILY, FORMAT, OUTPUT

__all__ = ["ExportFormat", "export"]


class ExportFormat(enum.StrEnum):
    """Formats for ``export``."""

    json = "json"
    csv = "csv"
    graphml = "graphml"
    mermaid = "mermaid"


def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        FORMAT.typer(
            help="json (for programs), csv (roles, competencies, edges), graphml (Gephi, yEd) or mermaid."
        ),
    ] = ExportFormat.json,
    family: Annotated[
        str | None, FAMILY.typer(help="Only this family's roles (and what they use).")
    ] = None,
    output: Annotated[
        Path | None,
        OUTPUT.typer(
            help="File to write (for csv: a folder, which gets roles.csv, competencies.csv and edges.csv).",
            metavar="PATH",
        ),
    ] = None,
) -> None:
    """Export the catalogue (or one family) as JSON, CSV, GraphML or Mermaid."""
    from careerpath.analysis.listing import filter_roles
    from careerpath.files import write_atomic
    from careerpath.render import export as exporter

    catalogue = load(ctx)
    roles = filter_roles(catalogue, family=family)
    if fmt is ExportFormat.csv:
        tables = exporter.csv_tables(catalogue, roles)
        if output is None:
            emit(tables["roles.csv"])
            note("stdout holds roles.csv only; -o DIR writes " + ", ".join(tables))
            return
        if output.exists() and not output.is_dir():
            raise typer.BadParameter("for csv, -o names a folder", param_hint="-o")
        if not output.parent.is_dir():  # the same rule as every other -o: its folder must exist
            from careerpath.errors import OutputError

            raise OutputError(f"cannot write '{output}': folder '{output.parent}' does not exist")
        from careerpath.files import write_set

        write_set(output, dict(tables))
        note(f"wrote {', '.join(tables)} to {output}")
        return
    if fmt is ExportFormat.json:
        from careerpath.analysis.profile import build_profile

        text = exporter.catalogue_json(catalogue, [build_profile(catalogue, r) for r in roles])
    else:
        draw = {ExportFormat.graphml: exporter.graphml, ExportFormat.mermaid: exporter.mermaid_map}
        text = draw[fmt](catalogue, roles)
    if output is None:
        emit(text)
        return
    write_atomic(output, text)
    note(f"wrote {output} ({fmt.value}, {len(text):,} characters)")
