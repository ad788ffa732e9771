"""The per-role store gives exactly what the whole catalogue gives, and refuses tampering.

The oracle is the whole catalogue: for every role of the bundled data, the ESCO extract and
a generated career-shaped folder, a profile (its record, its terminal view and its JSON)
and overlaps built from the store's slice must equal those built from the whole.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rich.console import Console

from careerpath.analysis.overlap import overlap
from careerpath.analysis.profile import build_profile
from careerpath.importers.esco import import_esco
from careerpath.loading import cache as cache_module
from careerpath.loading.locate import bundled_data
from careerpath.loading.store import BUCKETS, read_slice, write_store
from careerpath.loading.validate import load_catalogue
from careerpath.lookup import find_role
from careerpath.model import Catalogue
from careerpath.render.analytics import overlap_view
from careerpath.render.data import dumps, overlap_json, profile_json
from careerpath.render.terminal import profile_view

from conftest import ESCO_EXTRACT, bundled_catalogue


def shown(renderable: object) -> str:
    console = Console(width=100, no_color=True, emoji=False, highlight=False)
    with console.capture() as captured:
        console.print(renderable, crop=False)
    return captured.get()


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Catalogue, Path]]:
    """Each catalogue with its store written beside it."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent))
    from benchmarks.scale import generate

    base = tmp_path_factory.mktemp("store")
    esco = base / "esco"
    import_esco(ESCO_EXTRACT, esco)
    catalogues = {
        "bundled": bundled_catalogue(),
        "esco": load_catalogue(esco),
        "generated": load_catalogue(generate(base / "generated", roles=90, seed=3)),
    }
    out = {}
    for name, catalogue in catalogues.items():
        (base / "cache").mkdir(mode=0o700, exist_ok=True)
        store = base / "cache" / f"roles-{name}.pickle"
        assert write_store(store, catalogue)
        out[name] = (catalogue, store)
    return out


@pytest.mark.parametrize("name", ["bundled", "esco", "generated"])
def test_every_profile_from_the_store_equals_the_whole(
    folders: dict[str, tuple[Catalogue, Path]], name: str
) -> None:
    whole, store = folders[name]
    assert whole.roles
    for role in whole.roles:
        for asked in (role.id, role.title.upper()):
            part = read_slice(store, [asked])
            assert part is not None, asked
            assert len(part.roles) <= len(whole.roles)
            chosen = find_role(part, asked)
            assert chosen == find_role(whole, asked)
            expected = build_profile(whole, chosen)
            got = build_profile(part, chosen)
            assert got == expected, role.id
            if asked == role.id:  # the same profile either way: drawn once
                assert shown(profile_view(part, got)) == shown(profile_view(whole, expected))
                assert dumps(profile_json(part, got)) == dumps(profile_json(whole, expected))


@pytest.mark.parametrize("name", ["bundled", "esco", "generated"])
def test_overlaps_from_the_store_equal_the_whole(
    folders: dict[str, tuple[Catalogue, Path]], name: str
) -> None:
    whole, store = folders[name]
    ids = [r.id for r in whole.roles]
    # Every pair in the small folders; in the bundled data each role with its neighbours in
    # id order and with the roles of its own family, and one three-way overlap per role.
    pairs = set(itertools.combinations(ids, 2)) if len(ids) <= 20 else set()
    for first, second in itertools.pairwise(ids):
        pairs.add((first, second))
    by_family: dict[str, list[str]] = {}
    for role in whole.roles:
        by_family.setdefault(role.family, []).append(role.id)
    for members in by_family.values():
        pairs.update(itertools.combinations(members[:6], 2))
    groups: list[tuple[str, ...]] = sorted(pairs)
    groups += [tuple(ids[i : i + 3]) for i in range(0, len(ids) - 2, 3)]
    for number, group in enumerate(groups):
        part = read_slice(store, list(group))
        assert part is not None
        chosen_whole = [whole.role(r) for r in group]
        chosen_part = [part.role(r) for r in group]
        for optional in (False, True):
            expected = overlap(whole, chosen_whole, include_optional=optional)
            got = overlap(part, chosen_part, include_optional=optional)
            assert got == expected, group
            # The records are equal; the views differ only if a name is missing from the
            # slice, so a sample of them is drawn (drawing is most of this test's time).
            if number % 8 == 0 and not optional:
                assert dumps(overlap_json(got)) == dumps(overlap_json(expected))
                assert shown(overlap_view(part, got)) == shown(overlap_view(whole, expected))


def test_the_store_holds_far_less_than_the_whole_for_one_role(
    folders: dict[str, tuple[Catalogue, Path]],
) -> None:
    whole, store = folders["generated"]
    part = read_slice(store, [whole.roles[0].id])
    assert part is not None
    assert len(part.roles) < len(whole.roles) / 5
    assert len(part.competencies) < len(whole.competencies)


def test_an_unknown_name_is_left_to_the_whole_catalogue(
    folders: dict[str, tuple[Catalogue, Path]],
) -> None:
    _, store = folders["bundled"]
    assert read_slice(store, ["PWP", "no such role at all"]) is None
    assert read_slice(store, ["PWP"]) is not None  # the store was not harmed by the miss


def test_a_missing_store_gives_none(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    assert read_slice(tmp_path / "roles-none.pickle", ["PWP"]) is None


@pytest.mark.parametrize("where", ["magic", "directory", "bucket", "truncated"])
def test_a_tampered_store_is_refused_and_deleted(tmp_path: Path, where: str) -> None:
    tmp_path.chmod(0o700)
    store = tmp_path / "roles-x.pickle"
    whole = bundled_catalogue()
    assert write_store(store, whole)
    data = bytearray(store.read_bytes())
    header = len(b"careerpath-store-1\n") + 32
    if where == "magic":
        data[0] ^= 1
    elif where == "directory":
        data[header + 5] ^= 1
    elif where == "bucket":
        data[header + BUCKETS * 44 + 10] ^= 1  # inside the first bucket written
    else:
        del data[len(data) // 2 :]
    store.write_bytes(bytes(data))
    # Every role is asked for, so whichever bucket was damaged is read by one of them.
    results = [read_slice(store, [role.id]) for role in whole.roles]
    assert None in results
    assert not store.exists()


def test_a_store_in_a_folder_others_can_write_is_not_used(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    store = tmp_path / "roles-x.pickle"
    assert write_store(store, bundled_catalogue())
    tmp_path.chmod(0o777)
    try:
        assert read_slice(store, ["PWP"]) is None
    finally:
        tmp_path.chmod(0o700)


def test_show_and_overlap_through_the_store_print_what_the_whole_prints(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the first run writes the store, the second reads it; output is unchanged."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CAREERPATH_CACHE", str(cache))
    monkeypatch.setattr(cache_module, "STORE_MIN_ROLES", 0)
    data = str(bundled_data())
    commands = [
        ["show", "PWP"],
        ["show", "clinical psychologist", "--json"],
        ["overlap", "CWP", "EMHP", "PWP"],
        ["overlap", "CWP", "PWP", "--json", "--optional"],
    ]
    first = [run("--data", data, *c) for c in commands]
    assert list(cache.glob("roles-*.pickle"))
    read: list[list[str]] = []
    original = cache_module._whole

    def whole(*args: object) -> Catalogue:
        read.append(["whole"])
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module, "_whole", whole)
    second = [run("--data", data, *c) for c in commands]
    assert not read  # every command was answered from the store
    for before, after in zip(first, second, strict=True):
        assert before.exit_code == after.exit_code == 0
        assert before.stdout == after.stdout
    # An unknown role still gets the whole catalogue's suggestions.
    miss = run("--data", data, "show", "PWPP")
    assert miss.exit_code == 1
    assert "PWP" in miss.stderr
    assert read
