"""Which files of a pathways folder are data (loading/discover.py), against a brute-force walk."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.errors import DataError
from careerpath.loading import discover
from careerpath.loading.discover import display_path, regular_file_problem, yaml_files_in

PARTS = st.sampled_from(["roles", ".git", "a", ".hidden", "b.yaml", ".c.yaml", "d.yml", "e.txt"])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(PARTS, min_size=1, max_size=3), max_size=8))
def test_files_are_the_visible_yaml_files_sorted(tmp_path_factory, layout) -> None:
    root = tmp_path_factory.mktemp("walk")
    for parts in layout:
        path = root.joinpath(*parts)
        if any(p.is_file() for p in [*path.parents, path] if p != root and root in p.parents):
            continue  # a file already stands where a folder would go
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text("x")
    expected = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix in (".yaml", ".yml")
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    assert yaml_files_in(root) == expected


def test_folder_symlinks_are_not_followed_and_too_many_files_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text("x")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")
    assert yaml_files_in(tmp_path) == [tmp_path / "real" / "a.yaml"]
    monkeypatch.setattr(discover, "MAX_FILES", 0)
    with pytest.raises(DataError) as raised:
        yaml_files_in(tmp_path)
    assert [p.message for p in raised.value.problems] == ["folder holds more than 0 YAML files"]


def test_display_path_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.yaml").write_text("x")
    assert display_path(tmp_path / "in.yaml") == "in.yaml"
    assert display_path(tmp_path.parent) == str(tmp_path.parent)
    assert regular_file_problem(tmp_path / "in.yaml") == ""
    assert regular_file_problem(tmp_path).startswith("not a regular file")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone")
    assert "dangling link" in regular_file_problem(tmp_path / "dangling.yaml")
