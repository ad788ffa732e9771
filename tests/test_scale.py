"""Large-catalogue paths: the benchmark generator, and the indexes that keep big folders linear."""

from __future__ import annotations

from pathlib import Path

from test_esco import write_mini_esco

from benchmarks.scale import generate
from careerpath.graph import edges_into, progressions_by_target
from careerpath.loading.discover import yaml_files_in
from careerpath.loading.locate import bundled_data
from careerpath.loading.validate import load_catalogue


def _contents(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_the_generated_folder_is_valid_career_shaped_and_the_same_every_time(tmp_path) -> None:
    first = generate(tmp_path / "a", roles=120, seed=3)
    second = generate(tmp_path / "b", roles=120, seed=3)
    assert _contents(first) == _contents(second)
    catalogue = load_catalogue(first)
    assert len(catalogue.roles) == 120
    assert {r.career_framework_level for r in catalogue.roles} == set(range(1, 10))
    assert all(len(r.entry_routes) == 2 for r in catalogue.roles)
    assert all(len(r.competencies) == 10 for r in catalogue.roles)
    moves = sum(len(r.progressions) for r in catalogue.roles)
    assert 2 * len(catalogue.roles) <= moves <= 3 * len(catalogue.roles)


def test_indexed_ways_in_equal_the_scan_of_every_role() -> None:
    catalogue = load_catalogue(bundled_data())
    into = progressions_by_target(catalogue)
    for target in (*catalogue.roles, *catalogue.qualifications):
        assert edges_into(catalogue, target, into) == edges_into(catalogue, target)
    # The scan itself, written out: every progression naming the target, in catalogue order.
    for role in catalogue.roles:
        expected = [
            f"{o.id}->{role.id}#{i + 1}"
            for o in catalogue.roles
            for i, s in enumerate(o.progressions)
            if s.to == role.id
        ]
        assert [e.route_id for e in edges_into(catalogue, role) if e.kind != "entry"] == expected


def test_reading_a_folder_reports_progress_in_file_counts() -> None:
    calls: list[tuple[str, int, int]] = []
    load_catalogue(bundled_data(), lambda *call: calls.append(call))
    total = len(yaml_files_in(bundled_data()))
    assert calls[0] == ("reading YAML files", 0, total)
    assert all(stage == "reading YAML files" and 0 <= done < total for stage, done, _ in calls)


def test_import_compiles_the_new_folder_so_the_first_command_reads_no_yaml(
    tmp_path: Path, run, monkeypatch
) -> None:
    monkeypatch.setenv("CAREERPATH_CACHE", str(tmp_path / "cache"))
    source = write_mini_esco(tmp_path / "csv")
    assert run("import", "esco", str(source), "-o", str(tmp_path / "out")).exit_code == 0
    compiled = list((tmp_path / "cache").glob("catalogue-*.pickle"))
    assert len(compiled) == 1
    # The next command finds that entry (a miss would write a second, differently keyed one).
    assert run("--data", str(tmp_path / "out"), "list").exit_code == 0
    assert list((tmp_path / "cache").glob("catalogue-*.pickle")) == compiled
    # Piped stderr (not a terminal) carries no progress text.
    assert "reading" not in run("--data", str(tmp_path / "out"), "list").stderr
