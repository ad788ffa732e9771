"""Where the pathways data is: ``--data DIR``, else ``$CAREERPATH_DATA``, else the bundled data."""

from __future__ import annotations

import os
from pathlib import Path

from careerpath.errors import CareerpathError

__all__ = ["ENV_VAR", "bundled_data", "resolve_data_dir"]

ENV_VAR = "CAREERPATH_DATA"


def bundled_data() -> Path:
    """The pathways folder shipped with careerpath.

    In a wheel it sits inside the package; in a source checkout (editable install) it is the
    repository's top-level ``pathways/``.
    """
    package = Path(__file__).resolve().parent.parent
    inside = package / "pathways"
    return inside if inside.is_dir() else package.parent / "pathways"


def resolve_data_dir(option: str | Path | None) -> Path:
    """Pick the data folder and check it is a readable folder, with a clear error if not."""
    chosen = option or os.environ.get(ENV_VAR) or None
    path = Path(chosen).expanduser() if chosen else bundled_data()
    how = "--data" if option else (ENV_VAR if chosen else "bundled data")
    try:
        if not path.exists():
            raise CareerpathError(f"{how}: '{path}' does not exist")
        if not path.is_dir():
            raise CareerpathError(
                f"{how}: '{path}' is a file; give the pathways folder that holds it"
            )
        next(path.iterdir(), None)
    except OSError as exc:
        raise CareerpathError(f"{how}: cannot read '{path}': {exc.strerror or exc}") from exc
    return path
