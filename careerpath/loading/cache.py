"""A compiled-catalogue cache, so only the first run after a data change parses YAML.

The key is a hash of every data file's path and bytes, plus careerpath's and Python's
versions: editing, adding, removing or renaming a file, or upgrading careerpath, all miss
the cache, so it is never stale.

Each file's bytes are hashed once and the digest kept with the file's inode, size, mtime and
ctime (as git's index does). A later run reuses a digest only when all four are unchanged and
the file last changed well before the digest was taken. Any write changes ctime, which
``touch`` cannot set back, and the margin covers file systems with coarse timestamps; so the
key is still a hash of what the files hold, without re-reading 13 MB of YAML on every run.

Each entry is a pickle framed by a SHA-256 of itself (``files.write_cache``); a truncated or
altered file fails the check and is rebuilt, never trusted, and a cache folder that others
can write is not used. A data file over the size limit is never read to be hashed. It lives in the user's cache directory
(``$CAREERPATH_CACHE`` to move it) and is safe to delete at any time.

Repeated values are shared before pickling (one CompetencyNeed object per id and level),
which halves the file and the time to load it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from careerpath import __version__
from careerpath.files import cache_dir, prune_cache, read_cache, write_cache
from careerpath.loading.discover import MAX_FILE_BYTES, yaml_file_names
from careerpath.model import Catalogue

__all__ = ["STORE_MIN_ROLES", "cache_dir", "cached_catalogue", "catalogue_for_roles"]

#: Bumped whenever the pickled form changes (2: msgspec records; 3: with the name index;
#: 4: framed by files.write_cache). A change to the records' fields needs no bump: their
#: names are part of every cache key (``_record_fields``).
_MAGIC = b"careerpath-catalogue-4\n"


#: A digest is reused only for files whose last change is older than this when it was taken.
RACY_MARGIN_NS = 2_000_000_000

_Stat = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns
Progress = Callable[[str, int, int], None]  # as in loading.validate, without importing it


def _record_fields() -> str:
    """Every record's field names in order: records pickle their values by position.

    So a field added to (or moved in) ``model`` makes a new key, and a cache written before
    is never read with its values in the wrong fields. A few microseconds: names only.
    """
    import msgspec

    from careerpath import model

    return ";".join(
        f"{name}:{','.join(cls.__struct_fields__)}"
        for name, cls in sorted(vars(model).items())
        if isinstance(cls, type) and issubclass(cls, msgspec.Struct)
    )


def _key(root: Path, files: list[str]) -> str:
    """Hash of every file's name and content digest (plus versions).

    Plain ``os`` calls rather than ``pathlib`` keep this to a few syscalls a file, which is
    what a 3,000-file catalogue costs on every run. Opening with ``O_NONBLOCK`` and checking
    ``fstat`` means a FIFO or device is never read (the loader reports it instead).
    """
    digest = hashlib.sha256()  # SHA-NI makes it twice as fast as blake2b on 13 MB of YAML
    base = str(root)
    identity = f"{__version__}|{sys.version}|{_record_fields()}|{root.resolve()}"
    digest.update(identity.encode())
    skip = len(base) + 1
    table_path = (
        cache_dir() / f"digests-{hashlib.sha256(identity.encode()).hexdigest()[:32]}.pickle"
    )
    known = _read_framed(table_path)
    known = known if isinstance(known, dict) else {}
    fresh: dict[str, tuple[_Stat, int, bytes]] = {}
    for name in files:
        digest.update(name[skip:].encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_file_digest(name, known.get(name), fresh))
        digest.update(b"\0")
    if fresh != known and _write_framed(table_path, fresh):
        prune_cache(table_path, "digests-*.pickle")
    return digest.hexdigest()


def _file_digest(
    name: str,
    recorded: tuple[_Stat, int, bytes] | None,
    fresh: dict[str, tuple[_Stat, int, bytes]],
) -> bytes:
    """The SHA-256 of a file's bytes: reused from ``recorded`` when provably unchanged."""
    try:
        info = os.stat(name)  # noqa: PTH116 - strings on purpose, as in _key
    except OSError:
        return b"<unreadable>"
    if not stat.S_ISREG(info.st_mode):
        return b"<not a readable regular file>"
    if info.st_size > MAX_FILE_BYTES:  # the loader refuses it; reading it could cost gigabytes
        return f"<too large: {info.st_size}>".encode()
    now: _Stat = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if recorded is not None:
        then, taken_ns, value = recorded
        settled = max(info.st_mtime_ns, info.st_ctime_ns) + RACY_MARGIN_NS < taken_ns
        if then == now and settled:
            fresh[name] = recorded
            return value
    taken_ns = time.time_ns()
    value = hashlib.sha256(_contents(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))).digest()
    fresh[name] = (now, taken_ns, value)
    return value


def _contents(name: str, flags: int) -> bytes:
    """A regular file's bytes, or a marker that changes the key when it is not readable."""
    try:
        handle = os.open(name, flags)
    except OSError:
        return b"<unreadable>"
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return b"<not a readable regular file>"
        chunks = []
        while chunk := os.read(handle, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return b"<unreadable>"
    finally:
        os.close(handle)


def cached_catalogue(root: Path, progress: Progress | None = None) -> Catalogue:
    """The validated catalogue for ``root``, from the cache when the files are unchanged.

    ``progress`` is told how the reading goes when the cache misses (see ``load_catalogue``).
    """
    return _whole(root, _key(root, yaml_file_names(root)), progress)


#: A folder with fewer roles loads whole: the store's gain is under a millisecond there.
STORE_MIN_ROLES = 500


def catalogue_for_roles(
    root: Path, names: Sequence[str], progress: Progress | None = None
) -> Catalogue:
    """A catalogue holding what ``show`` or ``overlap`` of the roles ``names`` reads.

    From the per-role store (``loading.store``) when the files are unchanged and every name
    is a role's: a warm ``show`` on ESCO then unpickles one role and its competencies, not
    all 3,007 roles. Otherwise the whole catalogue, as ``cached_catalogue`` gives it (an
    unknown name then gets its suggestions from every role); the first such run for a large
    folder writes the store for the next.
    """
    key = _key(root, yaml_file_names(root))
    store = cache_dir() / f"roles-{key}.pickle"
    from careerpath.loading.store import read_slice, write_store

    sliced = read_slice(store, names)
    if sliced is not None:
        return sliced
    catalogue = _whole(root, key, progress)
    if len(catalogue.roles) >= STORE_MIN_ROLES and not store.exists():
        if progress is not None:
            progress("writing the per-role store", 0, 1)
        if write_store(store, catalogue):
            prune_cache(store, "roles-*.pickle")
    return catalogue


def _whole(root: Path, key: str, progress: Progress | None) -> Catalogue:
    entry = cache_dir() / f"catalogue-{key}.pickle"
    catalogue = _read(entry)
    if catalogue is not None:
        return catalogue
    from careerpath.loading.validate import collector_paused, load_catalogue

    with collector_paused():  # compacting and pickling allocate as much again
        catalogue = load_catalogue(root, progress)
        if progress is not None:
            progress("writing the compiled cache", 0, 1)
        _write(entry, catalogue)
    return catalogue


def _read_framed(path: Path) -> object:
    """A pickle written by ``_write_framed``; None if missing, altered, truncated or untrusted."""
    blob = read_cache(path)
    if blob is None or blob[: len(_MAGIC)] != _MAGIC:
        return None
    enabled = gc.isenabled()
    gc.disable()  # unpickling many small objects is twice as fast without collection passes
    try:
        return pickle.loads(blob[len(_MAGIC) :])
    except Exception:
        path.unlink(missing_ok=True)
        return None
    finally:
        # What is loaded lives as long as the process: move it out of the collector's sight,
        # or every later collection rescans 100,000+ objects (~20 ms each on ESCO).
        gc.freeze()
        if enabled:
            gc.enable()


def _write_framed(path: Path, value: object) -> bool:
    """Write a pickle, framed and atomically; False if the cache is unwritable.

    An unwritable cache is no error: it only costs speed.
    """
    return write_cache(path, _MAGIC + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _read(entry: Path) -> Catalogue | None:
    catalogue = _read_framed(entry)
    return catalogue if isinstance(catalogue, Catalogue) else None


def _write(entry: Path, catalogue: Catalogue) -> None:
    compact = catalogue.compacted()
    compact.role_names()  # built now, so every later run finds names with one look-up
    if _write_framed(entry, compact):
        prune_cache(entry, "catalogue-*.pickle")
