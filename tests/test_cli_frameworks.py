"""The framework, coverage, needs and transfer commands, and bad team files (FILE:LINE:COL, exit 1)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import REPO

NORTHVALE = REPO / "examples" / "northvale"
TEAM = NORTHVALE / "team-example.csv"
BANNER = "EXAMPLE DATA: a fictional area"


def test_framework_lists_and_shows_the_matrix(run) -> None:
    listing = run("framework")
    assert (
        listing.exit_code == 0
        and "pcmh-matrix" in listing.stdout
        and "pnmh-framework" in listing.stdout
    )
    shown = run("framework", "pcmh-matrix", "--group", "gp", "--group", "reception")
    assert shown.exit_code == 0, shown.output
    assert "General practitioners and GP registrars" in shown.stdout and "Tier 4" in shown.stdout
    rows = list(csv.DictReader(io.StringIO(run("framework", "pcmh-matrix", "--csv").stdout)))
    suicide = next(r for r in rows if r["competency"] == "pcmh-d3-c1")
    assert (suicide["reception"], suicide["gp"], suicide["practice-nurse"]) == (
        "tier-1",
        "tier-4",
        "tier-3",
    )


def test_framework_unknown_names_suggest(run) -> None:
    result = run("framework", "pcmh-matrx")
    assert result.exit_code == 1 and "did you mean 'pcmh-matrix'" in result.stderr
    result = run("framework", "pcmh-matrix", "--group", "gps")
    assert result.exit_code == 1 and "'gp'" in result.stderr


def test_coverage_finds_the_planted_gaps_and_duplicates(run) -> None:
    result = run("coverage", str(NORTHVALE), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["example"] is True and data["courses"] == 97
    assert [g["competency"] for g in data["gaps"]] == ["pcmh-d4-c2", "pcmh-d6-c2"]
    planted = [
        "nv-council-ld-suicide-awareness",
        "nv-training-hub-suicide-awareness",
        "nv-trust-academy-suicide-awareness",
    ]
    assert planted in [g["courses"] for g in data["duplicates"]]
    text = run("coverage", str(NORTHVALE))
    assert text.stdout.count(BANNER) == 2 and "Jaccard similarity ≥ 0.75" in text.stdout
    places = run("coverage", str(NORTHVALE), "--csv", "places")
    assert places.stdout.startswith("competency,name,unverified,staff_needing")  # no banner
    assert f"note: {BANNER}" in places.stderr  # the banner goes to standard error


def test_needs_costs_the_example_team_and_is_traceable(run, tmp_path: Path) -> None:
    result = run("needs", str(TEAM), str(NORTHVALE), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    lines = data["result"]["rows"]
    # The total is the sum of its rows, and each row is the sum of its cost lines × people.
    from decimal import Decimal

    total = Decimal(0)
    for row in lines:
        per_person = sum(
            Decimal(x["direct"]) + Decimal(x["time"]) + Decimal(x["on_costs"]) for x in row["lines"]
        )
        assert str(per_person) == data["rows"][str(row["line"])]["per_person"]
        total += per_person * row["count"]
    assert str(total) == data["total"]
    gp = next(r for r in lines if r["staff_group"] == "gp")
    assert "pcmh-d4-c2" in gp["unmet"]  # the planted gap stays unmet, and uncosted
    out = tmp_path / "lines.csv"
    assert run("needs", str(TEAM), str(NORTHVALE), "--csv", "-o", str(out)).exit_code == 0
    assert "direct" in out.read_text(encoding="utf-8").splitlines()[0]


def test_needs_pay_point_changes_only_learner_time(run) -> None:
    top = json.loads(run("needs", str(TEAM), str(NORTHVALE), "--json").stdout)
    entry = json.loads(
        run("needs", str(TEAM), str(NORTHVALE), "--json", "--pay-point", "entry").stdout
    )
    assert float(entry["total"]) < float(top["total"])


def test_transfer_full_and_partial(run) -> None:
    result = run("transfer", str(NORTHVALE), "nv-uni-cpd", "em-uni-cpd", "--json")
    assert result.exit_code == 0, result.output
    by_module = {t["module"]: t for t in json.loads(result.stdout)}
    assert by_module["em-uni-cpd-l4-assess"]["status"] == "full"
    partial = by_module["em-uni-cpd-l4-interventions"]
    assert partial["status"] == "partial" and partial["missing"] == [["pcmh-d2-c3", "tier-3"]]
    assert partial["top_up"]
    bad = run("transfer", str(NORTHVALE), "nv-uni", "em-uni-cpd")
    assert bad.exit_code == 1 and "did you mean 'nv-uni-cpd'" in bad.stderr


HEADER = "person,staff_group,band,count,pcmh-d3-c1\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("person,band\nA,5\n", ":1:1: missing column 'staff_group'"),
        (
            "person,staf_group,band\nA,gp,5\n",
            ":1:8: unknown column 'staf_group' (did you mean 'staff_group'",
        ),
        (HEADER + "A,practise nurse,5,1,\n", ":2:3: unknown staff group 'practise nurse'"),
        (HEADER + "A,gp,10,1,\n", ":2:6: unknown band '10' (expected one of"),
        (HEADER + "A,gp,5,two,\n", ":2:8: count 'two' is not a whole number"),
        (HEADER + "A,gp,5,1,7\n", ":2:10: rating '7' is not a tier"),
        (HEADER + "A,gp,5,1\n", ":2:9: row has 4 fields, the header has 5"),
        (HEADER + '"A,gp,5,1,\n', ":2:1: a quote is left open"),
        (HEADER + "Zoë,gp,5,1,\n".encode().decode("latin-1"), None),
    ],
)
def test_bad_team_files_are_located(run, tmp_path: Path, text: str, expected: str | None) -> None:
    path = tmp_path / "team.csv"
    path.write_text(text, encoding="utf-8")
    result = run("needs", str(path), str(NORTHVALE))
    if expected is None:  # mojibake is still valid UTF-8: accepted as a name
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert f"team.csv{expected}" in result.stderr
    assert "problem" in result.stderr and "in the team file" in result.stderr


def test_team_file_in_the_wrong_encoding(run, tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_bytes((HEADER + "Zoë,gp,5,1,\n").encode("cp1252"))
    result = run("needs", str(path), str(NORTHVALE))
    assert result.exit_code == 1
    assert "team.csv:2:3: byte 0xEB is not UTF-8 text (save the file as CSV UTF-8" in result.stderr
    path.write_bytes((HEADER + "A,gp,5,1,\n").encode("utf-16"))
    result = run("needs", str(path), str(NORTHVALE))
    assert result.exit_code == 1 and "team.csv:1:1: file is UTF-16, not UTF-8" in result.stderr


def test_every_problem_in_a_team_file_is_reported_at_once(run, tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(HEADER + "A,gps,5,1,\nB,gp,11,1,\nC,gp,5,0,\n", encoding="utf-8")
    result = run("needs", str(path), str(NORTHVALE))
    assert result.exit_code == 1
    assert "3 problems in the team file" in result.stderr
    for where in (":2:3:", ":3:6:", ":4:8:"):
        assert where in result.stderr


def test_the_walk_through_figures_are_the_commands_output(run) -> None:
    """docs/frameworks.md quotes these totals; regenerate the docs if the example changes."""
    doc = (REPO / "docs" / "frameworks.md").read_text(encoding="utf-8")
    exact = json.loads(
        run("needs", str(TEAM), str(NORTHVALE), "--json", "--exact-limit", "40").stdout
    )
    greedy = json.loads(run("needs", str(TEAM), str(NORTHVALE), "--json").stdout)
    assert exact["all_exact"] and not greedy["all_exact"]
    assert float(exact["total"]) <= float(greedy["total"])
    assert f"£{float(exact['total']):,.2f}" in doc and f"£{float(greedy['total']):,.2f}" in doc
    assert exact["rows"]["2"] == {"per_person": "289.07", "total": "3468.84"} and "£3,468.84" in doc


def test_perinatal_training_map_never_claims_zero_need(run) -> None:
    data = json.loads(
        run("coverage", str(NORTHVALE), "--framework", "pnmh-framework", "--json").stdout
    )
    assert data["courses"] == 5
    assert {g["competency"] for g in data["gaps"]} == {"pn-d4-c2", "pn-d5-c1"}
    assert all(p["need"] is None for p in data["places"])
    text = run("coverage", str(NORTHVALE), "--framework", "pnmh-framework").stdout
    assert (
        "unknown here, because the directory counts staff by pcmh-matrix's groups"
        in text.replace("\n", " ")
    )


def test_a_pathways_folder_given_to_coverage_is_one_clear_problem(run) -> None:
    """The audit gave `coverage pathways` (an easy slip) and got 49 problems: each career
    file as a misspelt one, a 'did you mean rates' for rules.yaml, and the bundled frameworks
    "defined twice" in the same file."""
    done = run("coverage", str(REPO / "pathways"))
    assert done.exit_code == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, done.stderr
    assert "holds career data" in lines[0] and "examples/northvale" in lines[0]
    assert "1 problem in the learning directory" in lines[1]
    assert "pathways data" not in done.stderr


def test_career_files_among_courses_are_named_as_such_not_misspelt(run, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "learning"
    shutil.copytree(NORTHVALE, folder)
    shutil.copy(REPO / "pathways" / "rules.yaml", folder / "rules.yaml")
    # The bundled frameworks folder, reached a second way, is read once.
    (folder / "frameworks").symlink_to(REPO / "pathways" / "frameworks")
    done = run("coverage", str(folder))
    assert done.exit_code == 1
    assert "rules.yaml:1:1: file holds career data" in done.stderr
    assert "did you mean" not in done.stderr
    assert "duplicate" not in done.stderr
    assert "1 problem in the learning directory" in done.stderr
