"""What the framework commands share: finding their inputs and writing their output.

The frameworks (and the costing rates) live in ``<pathways>/frameworks``, so ``--data`` and
``$CAREERPATH_DATA`` choose them as they choose roles; a learning directory may add its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from careerpath.options import FRAMEWORK, JSON, OUTPUT

if TYPE_CHECKING:
    from careerpath.loading.provision import TrainingData
    from careerpath.provision import Framework, Provision
    from careerpath.render.view import Document

__all__ = [
    "DirectoryArgument",
    "FrameworkOption",
    "JsonOption",
    "OutputOption",
    "choose_framework",
    "choose_provider",
    "emit_csv",
    "emit_or_write",
    "notes_path",
    "training_data",
]

#: The arguments and options the framework commands share, each written once.
DirectoryArgument = Annotated[
    Path,
    typer.Argument(metavar="DIRECTORY", help="Folder of provision YAML (a learning directory)."),
]
FrameworkOption = Annotated[str | None, FRAMEWORK.typer()]
JsonOption = Annotated[bool, JSON.typer(help="Print machine-readable JSON.")]
OutputOption = Annotated[Path | None, OUTPUT.typer()]


def training_data(
    ctx: typer.Context, provision: Path | None = None, rates: Path | None = None
) -> TrainingData:
    """Frameworks and rates from the pathways folder in use, plus a directory if given."""
    from careerpath.errors import CareerpathError
    from careerpath.loading.locate import resolve_data_dir
    from careerpath.loading.provision import frameworks_folder, load_training_data

    root = resolve_data_dir(ctx.find_root().params.get("data"))
    if provision is not None and not provision.is_dir():
        raise CareerpathError(
            f"'{provision}' is not a folder; give the learning directory's folder"
        )
    if rates is not None and not rates.is_file():
        raise CareerpathError(f"--rates: '{rates}' is not a file")
    return load_training_data([frameworks_folder(root)], provision, rates)


def choose_framework(data: TrainingData, name: str | None, default: str = "") -> Framework:
    """The framework named by id or title (or the default), with suggestions if unknown."""
    from careerpath.errors import CareerpathError, UnknownNameError
    from careerpath.names import fold, suggest

    wanted = name or default
    if not wanted:
        known = ", ".join(sorted(data.frameworks))
        raise CareerpathError(f"name a framework with --framework (known: {known})")
    for framework in data.frameworks.values():
        if fold(wanted) in (fold(framework.id), fold(framework.title)):
            return framework
    raise UnknownNameError(
        "framework", wanted, suggest(wanted, data.frameworks) or tuple(sorted(data.frameworks))
    )


def choose_provider(provision: Provision, name: str) -> str:
    """A provider id from its id or title, with suggestions if unknown."""
    from careerpath.errors import UnknownNameError
    from careerpath.names import fold, suggest

    for provider in provision.providers:
        if fold(name) in (fold(provider.id), fold(provider.title)):
            return provider.id
    ids = [p.id for p in provision.providers]
    raise UnknownNameError("provider", name, suggest(name, ids) or tuple(ids))


def emit_or_write(text: str, output: Path | None) -> None:
    """Print text, or write it atomically to the file the user named."""
    from careerpath.actions import emit

    if output is None:
        emit(text)
        return
    from careerpath.console import err_console
    from careerpath.files import write_atomic

    write_atomic(output, text)
    err_console().print(f"wrote {output}", markup=False, highlight=False, soft_wrap=True)


def notes_path(output: Path) -> Path:
    """Where the note beside a CSV goes: ``team.csv`` → ``team.csv.notes.txt``."""
    return output.with_name(output.name + ".notes.txt")


def emit_csv(text: str, content: Document, output: Path | None) -> None:
    """Print or write a CSV, and say what its figures assume without breaking it.

    A banner row would be read as the header by spreadsheets, pandas and ``csv.DictReader``,
    so the CSV stays header-then-data. Written to a file, the full note (sources with kind
    and date read, unverified counts, the † legend) goes beside it as ``FILE.notes.txt``;
    printed, the example-data banner and the unverified figures go to standard error.
    """
    from careerpath.console import err_console
    from careerpath.render.provision import content_assumptions, content_notes

    if output is None:
        from careerpath.actions import emit

        emit(text)
        console = err_console()
        for line in content_assumptions(content):
            console.print(f"note: {line}", markup=False, highlight=False, soft_wrap=True)
        return
    from careerpath.files import write_atomic

    sidecar = notes_path(output)
    write_atomic(output, text)
    write_atomic(sidecar, content_notes(content))
    err_console().print(
        f"wrote {output} (what its figures assume: {sidecar})",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
