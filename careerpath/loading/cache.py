"""A compiled-catalogue cache, so only the first run after a data change parses YAML.

The key is a hash of every data file's path and bytes, plus careerpath's and Python's
versions: editing, adding, removing or renaming a file, or upgrading careerpath, all miss
the cache, so it is never stale. The entry is a pickle framed by a SHA-256 of itself; a
truncated or altered file fails the check and is rebuilt, never trusted. It lives in the
user's cache directory (``$CAREERPATH_CACHE`` to move it) and is safe to delete at any time.

Repeated values are shared before pickling (one CompetencyNeed object per id and level),
which halves the file and the time to load it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from careerpath import __version__
from careerpath.loading.discover import regular_file_problem, yaml_files_in
from careerpath.model import Catalogue

__all__ = ["cache_dir", "cached_catalogue"]

#: Bumped whenever the pickled form changes (2: msgspec records), so old entries are not read.
_MAGIC = b"careerpath-catalogue-2\n"


def cache_dir() -> Path:
    """Where compiled catalogues are kept."""
    override = os.environ.get("CAREERPATH_CACHE")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("careerpath"))


def _key(root: Path, files: list[Path]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{__version__}|{sys.version}|{root.resolve()}".encode())
    for path in files:
        digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
        if regular_file_problem(path):
            digest.update(
                b"<not a readable regular file>"
            )  # never read a pipe: the loader reports it
            continue
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def cached_catalogue(root: Path) -> Catalogue:
    """The validated catalogue for ``root``, from the cache when the files are unchanged."""
    files = yaml_files_in(root)
    entry = cache_dir() / f"catalogue-{_key(root, files)}.pickle"
    catalogue = _read(entry)
    if catalogue is not None:
        return catalogue
    from careerpath.loading.validate import load_catalogue

    catalogue = load_catalogue(root)
    _write(entry, catalogue)
    return catalogue


def _read(entry: Path) -> Catalogue | None:
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    header = len(_MAGIC) + 32
    if (
        not blob.startswith(_MAGIC)
        or hashlib.sha256(blob[header:]).digest() != blob[len(_MAGIC) : header]
    ):
        entry.unlink(missing_ok=True)
        return None
    enabled = gc.isenabled()
    gc.disable()  # unpickling many small objects is twice as fast without collection passes
    try:
        catalogue = pickle.loads(blob[header:])
    except Exception:
        entry.unlink(missing_ok=True)
        return None
    finally:
        if enabled:
            gc.enable()
    return catalogue if isinstance(catalogue, Catalogue) else None


def _write(entry: Path, catalogue: Catalogue) -> None:
    payload = pickle.dumps(catalogue.compacted(), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        Path(temporary).replace(entry)
        _prune(entry)
    except OSError:
        return  # a read-only or full cache only costs speed


def _prune(keep: Path, most: int = 8) -> None:
    """Keep the newest few entries so editing data does not fill the disk."""
    entries = sorted(
        keep.parent.glob("catalogue-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in entries[most:]:
        if old != keep:
            old.unlink(missing_ok=True)
