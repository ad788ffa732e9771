"""``careerpath schema``: the JSON Schema of pathways files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from careerpath.commands.common import emit, note
from careerpath.options import OUTPUT

__all__ = ["schema"]


def schema(
    output: Annotated[
        Path | None,
        OUTPUT.typer(help="Write the schema to this file instead of stdout."),
    ] = None,
) -> None:
    """Print the JSON Schema of pathways files, for editors that validate YAML as you type."""
    import json

    from careerpath.loading.formats import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        emit(text)
        return
    from careerpath.files import write_atomic

    write_atomic(output, text)
    note(f"wrote {output}")
