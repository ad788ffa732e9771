"""The compiled-catalogue cache: used when data is unchanged, never stale, never trusted if corrupt."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from careerpath.loading import cache
from careerpath.loading.cache import cached_catalogue
from careerpath.loading.locate import bundled_data

from conftest import bundled_catalogue


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAREERPATH_CACHE", str(folder))
    return folder


def test_second_load_comes_from_the_cache(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cached_catalogue(bundled_data())
    assert len(list(private_cache.glob("catalogue-*.pickle"))) == 1
    monkeypatch.setattr(
        "careerpath.loading.validate.load_catalogue", lambda root: pytest.fail("parsed again")
    )
    second = cached_catalogue(bundled_data())
    assert second == first
    assert second.role("PWP") == bundled_catalogue().role("PWP")


def test_changed_content_with_the_same_mtime_misses(pathways, private_cache: Path) -> None:
    root = pathways(A={"title": "Before"})
    assert cached_catalogue(root).role("A").title == "Before"
    role_file = root / "roles" / "A.yaml"
    stat = role_file.stat()
    role_file.write_text(role_file.read_text().replace("Before", "Afterr"))
    os.utime(role_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cached_catalogue(root).role("A").title == "Afterr"


def test_corrupt_entry_is_rebuilt(pathways, private_cache: Path) -> None:
    root = pathways(A={})
    cached_catalogue(root)
    entry = next(private_cache.glob("catalogue-*.pickle"))
    blob = bytearray(entry.read_bytes())
    blob[-5] ^= 0xFF
    entry.write_bytes(bytes(blob))
    assert cached_catalogue(root).role("A").id == "A"
    assert cache._read(entry) is not None  # rewritten whole


def test_unwritable_cache_still_works(pathways, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERPATH_CACHE", "/proc/careerpath-cache")
    assert cached_catalogue(pathways(A={})).role("A").id == "A"


def test_broken_data_is_never_cached(pathways, private_cache: Path) -> None:
    from careerpath.errors import DataError

    root = pathways(A={"bands": "{training: '11'}"})
    with pytest.raises(DataError):
        cached_catalogue(root)
    assert not list(private_cache.glob("catalogue-*.pickle"))


def test_settled_files_are_not_read_again(
    pathways, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no racy margin, a file written before its digest was taken is trusted by its stat.
    monkeypatch.setattr("careerpath.loading.cache.RACY_MARGIN_NS", 0)
    root = pathways(A={"title": "Before"})
    time.sleep(0.05)  # past the file system's timestamp tick
    first = cached_catalogue(root)
    monkeypatch.setattr(
        "careerpath.loading.cache._contents", lambda *a: pytest.fail("read an unchanged file")
    )
    assert cached_catalogue(root) == first


def test_rewrite_with_same_size_and_mtime_is_seen_once_trusted(
    pathways, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("careerpath.loading.cache.RACY_MARGIN_NS", 0)
    root = pathways(A={"title": "Before"})
    time.sleep(0.05)
    assert cached_catalogue(root).role("A").title == "Before"
    time.sleep(0.05)
    role_file = root / "roles" / "A.yaml"
    before = role_file.stat()
    role_file.write_text(role_file.read_text().replace("Before", "Afterr"))
    os.utime(role_file, ns=(before.st_atime_ns, before.st_mtime_ns))  # ctime cannot be reset
    assert role_file.stat().st_size == before.st_size
    assert cached_catalogue(root).role("A").title == "Afterr"


def test_a_damaged_digest_table_is_ignored(pathways, private_cache: Path) -> None:
    root = pathways(A={"title": "Before"})
    cached_catalogue(root)
    (table,) = private_cache.glob("digests-*.pickle")
    table.write_bytes(table.read_bytes()[:-10])
    assert cached_catalogue(root).role("A").title == "Before"
    assert table.exists()  # rewritten whole
    assert cached_catalogue(root).role("A").title == "Before"


def test_the_name_index_travels_with_the_cached_catalogue(private_cache: Path) -> None:
    cached_catalogue(bundled_data())
    again = cached_catalogue(bundled_data())
    assert "role-names" in again._by_id  # built at compile time, not per run
    assert again.role_names()["psychological wellbeing practitioner"] == "PWP"
    fresh = bundled_catalogue()
    assert dict(fresh.role_names()) == dict(again.role_names())


def test_cache_files_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    from careerpath.files import prune_cache, read_cache, write_cache

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert write_cache(blocker / "entry.pickle", b"data") is False  # no error, no file
    assert write_cache(tmp_path / "sub" / "entry.pickle", b"data") is True
    assert read_cache(tmp_path / "sub" / "entry.pickle") == b"data"
    assert not list((tmp_path / "sub").glob("*.tmp"))
    for number in range(5):
        (tmp_path / "sub" / f"entry{number}.pickle").write_bytes(b"x")
    prune_cache(tmp_path / "sub" / "entry.pickle", "entry*.pickle", most=2)
    assert (tmp_path / "sub" / "entry.pickle").exists()
    assert len(list((tmp_path / "sub").glob("entry*.pickle"))) <= 3
