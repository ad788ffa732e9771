"""The cache trusts nothing: every artifact is checked against a digest before it is loaded,
and a cache folder that someone else could write is not used at all.

The Graphviz module is checked in a subprocess: loading a damaged compiled module crashed the
process (SIGSEGV or SIGILL) before it was verified.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from careerpath.files import read_cache, write_cache
from careerpath.loading import cache
from careerpath.loading.cache import cached_catalogue


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAREERPATH_CACHE", str(folder))
    return folder


def test_cache_files_carry_a_digest_checked_before_use(private_cache: Path) -> None:
    entry = private_cache / "entry.bin"
    assert write_cache(entry, b"payload")
    assert entry.read_bytes() != b"payload"  # framed, not raw
    assert read_cache(entry) == b"payload"
    blob = bytearray(entry.read_bytes())
    blob[-1] ^= 1
    entry.write_bytes(bytes(blob))
    assert read_cache(entry) is None and not entry.exists()  # deleted, to be rebuilt


@pytest.mark.parametrize("how", ["group-writable", "world-writable", "someone-else's"])
def test_a_cache_folder_others_can_write_is_ignored(
    private_cache: Path, pathways, how: str
) -> None:  # type: ignore[no-untyped-def]
    root = pathways(A={"title": "Honest"})
    cached_catalogue(root)
    (entry,) = private_cache.glob("catalogue-*.pickle")
    if how == "group-writable":
        private_cache.chmod(0o770)
    elif how == "world-writable":
        private_cache.chmod(0o777)
    else:
        os.chown(private_cache, 65534, 65534)
    assert read_cache(entry) is None
    assert cached_catalogue(root).role("A").title == "Honest"  # loaded from the YAML
    assert not (private_cache / "entry.bin").exists()
    assert write_cache(private_cache / "entry.bin", b"x") is False


def test_a_planted_pickle_without_the_right_frame_never_runs(
    private_cache: Path, pathways, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    root = pathways(A={})
    cached_catalogue(root)
    (entry,) = private_cache.glob("catalogue-*.pickle")
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    payload = pickle.dumps(Evil())
    entry.write_bytes(cache._MAGIC + b"\0" * 32 + payload)  # the old frame, a wrong digest
    assert cached_catalogue(root).role("A").id == "A"
    assert not marker.exists()


def test_file_size_is_checked_before_hashing(private_cache: Path, pathways) -> None:  # type: ignore[no-untyped-def]
    from careerpath.errors import DataError

    root = pathways(A={})
    huge = root / "huge.yaml"
    with huge.open("wb") as out:
        out.truncate(3 * 2**30)  # 3 GB, sparse: costs no disk
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="1 problem"):
            cached_catalogue(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.slow  # subprocesses
def test_a_damaged_graphviz_module_is_rebuilt_not_run(tmp_path: Path) -> None:
    env = {**os.environ, "CAREERPATH_CACHE": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "careerpath", "diagram", "--role", "PWP", "-o"]
    first = subprocess.run(
        [*args, str(tmp_path / "a.svg")], env=env, capture_output=True, check=False
    )
    assert first.returncode == 0, first.stderr
    (module,) = (tmp_path / "cache").glob("graphviz-*.cwasm")
    blob = bytearray(module.read_bytes())
    for at in range(1000, len(blob), len(blob) // 50):  # scattered byte flips
        blob[at] ^= 0x5A
    module.write_bytes(bytes(blob))
    again = subprocess.run(
        [*args, str(tmp_path / "b.svg")], env=env, capture_output=True, check=False
    )
    assert again.returncode == 0, (again.returncode, again.stderr[-500:])
    assert (tmp_path / "b.svg").read_bytes() == (tmp_path / "a.svg").read_bytes()
    assert module.read_bytes() != bytes(blob)  # replaced by a sound one
