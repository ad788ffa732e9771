"""Finding the YAML files of a pathways folder, cheaply (no YAML or schema imports).

The compiled-catalogue cache needs the file list on every run, so this stays light.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from careerpath.errors import DataError, Problem

__all__ = [
    "MAX_FILES",
    "display_path",
    "regular_file_problem",
    "yaml_file_names",
    "yaml_files_in",
]

#: Most YAML files one folder may hold (an ESCO import is about 3,000).
MAX_FILES = 20_000


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it.

    The working directory may no longer exist (``import esco -o .`` swaps a new folder in for
    it); the path is then named in full.
    """
    try:
        rel = os.path.relpath(path)
    except (ValueError, FileNotFoundError):
        return str(path)
    return str(path) if rel.startswith("..") else rel


def yaml_files_in(root: Path) -> list[Path]:
    """Every .yaml/.yml file below root, sorted, without following directory symlinks.

    Hidden folders are skipped (editors and git keep their own files there).
    """
    return sorted(Path(name) for name in yaml_file_names(root))


def yaml_file_names(root: Path) -> list[str]:
    """The same files as plain strings, in a stable order, for the cache key on every run.

    Strings rather than ``Path`` objects: for a 3,000-file catalogue, building and sorting
    paths cost more than reading the files.
    """
    found: list[str] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            # Any case: "ROLE.YAML" from a Windows share is data too, not silently skipped.
            if name.lower().endswith((".yaml", ".yml")) and not name.startswith("."):
                found.append(os.path.join(folder, name))  # noqa: PTH118 - strings on purpose  # noqa: PTH118 - strings on purpose
        if len(found) > MAX_FILES:
            raise DataError(
                [
                    Problem(
                        display_path(root),
                        1,
                        1,
                        f"folder holds more than {MAX_FILES:,} YAML files",
                        "point --data at a smaller folder",
                    )
                ]
            )
    return found


def regular_file_problem(path: Path) -> str:
    """Why a listed file cannot be read as data ("" when it is a regular file)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return "cannot read file: " + (
            "symbolic link loop or dangling link" if path.is_symlink() else str(exc.strerror or exc)
        )
    return "" if stat.S_ISREG(mode) else "not a regular file (a pipe, device or folder?)"
