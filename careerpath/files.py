"""Writing the user's files safely: all or nothing.

Output goes to a temporary file in the destination folder and is renamed over the target
only once complete, so an interrupted or failed write never leaves a half-written file and
never damages the file that was there before.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from careerpath.errors import OutputError

__all__ = [
    "cache_dir",
    "open_cache",
    "prune_cache",
    "read_cache",
    "write_atomic",
    "write_cache",
    "write_cache_unframed",
    "write_set",
]

#: Starts every cache file, followed by the SHA-256 of the rest, checked before any use.
_CACHE_FRAME = b"careerpath-cache-1\n"


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically (same folder, fsync, rename).

    Only a regular file is ever replaced: a symbolic link, a device (``/dev/null`` as root)
    or a pipe at ``path`` is refused, since renaming over it would replace the link or the
    device node itself.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path()
    _check_destination(path, folder)
    import tempfile  # only when writing: keeps start-up light

    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=_temporary_prefix(path), suffix=".tmp"
        )
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from exc
    try:
        _fill(handle, payload)
        written = Path(temporary)
        written.chmod(_mode_for(path))
        written.replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from exc


def write_set(folder: Path, contents: dict[str, bytes | str]) -> None:
    """Write several files into ``folder`` as a set: all of them, or none changed.

    Every file is written whole into a staging folder beside them first (a full disk fails
    there, before anything is replaced); only then is each renamed into place, which needs
    no space and cannot half-happen. On any failure the staged files are removed.
    """
    import shutil
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write '{folder}': {exc.strerror or exc}") from exc
    if not folder.is_dir():
        raise OutputError(f"cannot write '{folder}': it is not a folder")
    for name in contents:
        _check_destination(folder / name, folder)
    try:
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".careerpath-"))
    except OSError as exc:
        raise OutputError(f"cannot write '{folder}': {exc.strerror or exc}") from exc
    try:
        for name, data in contents.items():
            staged = staging / name
            _fill(
                os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600),
                data.encode("utf-8") if isinstance(data, str) else data,
            )
            staged.chmod(_mode_for(folder / name))
        for name in contents:
            (staging / name).replace(folder / name)
    except OSError as exc:
        raise OutputError(f"cannot write '{folder}': {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_destination(path: Path, folder: Path) -> None:
    """Refuse to write where a rename would replace something other than a regular file."""
    import stat

    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"cannot write '{path}': folder '{folder}' {what}")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from exc
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"cannot write '{path}': it is a symbolic link (careerpath replaces only plain files)"
        )
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write '{path}': it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"cannot write '{path}': it is a device or pipe, not a file "
            "(leave out -o to print to the terminal)"
        )


def _temporary_prefix(path: Path) -> str:
    # Cut so that prefix, random part and ".tmp" fit in 255 bytes whatever the name's length.
    return "." + path.name.encode("utf-8")[:200].decode("utf-8", "ignore") + "."


def _fill(handle: int, payload: bytes) -> None:
    with os.fdopen(handle, "wb") as out:
        out.write(payload)
        out.flush()
        os.fsync(out.fileno())


def _mode_for(path: Path) -> int:
    """The new file keeps the old one's permissions, else the usual ones for the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def cache_dir() -> Path:
    """Careerpath's cache folder (compiled catalogues, Graphviz module, help pages).

    ``$CAREERPATH_CACHE`` moves it; otherwise the platform's user cache directory.
    Everything in it is safe to delete.
    """
    override = os.environ.get("CAREERPATH_CACHE")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):  # the XDG rule platformdirs applies, without its imports
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return (Path(base) if base else Path("~/.cache").expanduser()) / "careerpath"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("careerpath"))


def write_cache(path: Path, data: bytes | str) -> bool:
    """Write a cache file atomically, framed by its SHA-256; False if it cannot be written.

    A cache that cannot be written (read-only home, full disk) or that others could write
    (see ``_trusted``) is no error: it only costs speed, so callers carry on with what they
    computed.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    import hashlib

    return write_cache_unframed(path, _CACHE_FRAME + hashlib.sha256(payload).digest() + payload)


def write_cache_unframed(path: Path, payload: bytes) -> bool:
    """Write a cache file that carries its own digests (``loading.store``), atomically.

    Only into a folder no one else can write, as ``write_cache``; False if it cannot be
    written. The caller frames the bytes: a file read in parts checks each part it reads.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _trusted(path.parent):
            return False
        write_atomic(path, payload)
    except (OSError, OutputError):
        return False
    return True


def open_cache(path: Path) -> BinaryIO | None:
    """A cache file opened for reading in parts, or None if missing or in an untrusted folder.

    The caller checks each part's SHA-256 before using it (see ``loading.store``).
    """
    try:
        if not _trusted(path.parent):
            return None
        return path.open("rb")
    except OSError:
        return None


def read_cache(path: Path) -> memoryview | None:
    """What ``write_cache`` stored at ``path``, or None when missing, untrusted or damaged.

    A cached catalogue is unpickled and a cached Graphviz module is machine code: both run
    as the user. So the bytes are used only when their SHA-256 matches the one written with
    them (a damaged file is deleted, to be rebuilt) and only from a folder no one else can
    write.
    """
    try:
        if not _trusted(path.parent):
            return None
        blob = memoryview(path.read_bytes())
    except OSError:
        return None
    import hashlib

    header = len(_CACHE_FRAME) + 32
    if (
        blob[: len(_CACHE_FRAME)] != _CACHE_FRAME
        or hashlib.sha256(blob[header:]).digest() != blob[len(_CACHE_FRAME) : header]
    ):
        path.unlink(missing_ok=True)
        return None
    return blob[header:]


def _trusted(folder: Path) -> bool:
    """Whether only this user can write ``folder`` (owned by them, no group or other write).

    Anyone else who can write the cache could plant a pickle or a compiled module with a
    matching digest, and so run code as this user: such a folder is not used at all.
    """
    import stat

    try:
        info = folder.stat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owner_ok and not info.st_mode & 0o022


def prune_cache(keep: Path, pattern: str, most: int = 8) -> None:
    """Keep the newest ``most`` cache files matching ``pattern`` (and ``keep`` itself).

    Editing data, resizing a terminal or upgrading wasmtime each leaves a new entry behind;
    this keeps the cache folder from growing without end.
    """
    try:
        entries = sorted(keep.parent.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[most:]:
            if old != keep:
                old.unlink(missing_ok=True)
    except OSError:
        return


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
