"""The command line, run through its real entry point: output, JSON contracts, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_show_pwp_profile(run) -> None:
    result = run("show", "PWP")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in (
        "Psychological Wellbeing Practitioner",
        "Ways in",
        "Progression from this role",
        "(HI-CBT)",
        "Linked roles",
        "Competencies",
        "Barriers",
        "Sources",
        "training 4 · qualified 5",
        "https://www.healthcareers.nhs.uk/explore-roles/psychological-therapies/roles/psychological-wellbeing-practitioner",
    ):
        assert expected in out, expected
    assert result.stderr == ""


def test_show_accepts_title_and_alias_in_any_case(run) -> None:
    by_title = run("show", "PSYCHOLOGICAL wellbeing practitioner", "--json")
    by_alias = run("show", "low intensity practitioner", "--json")
    assert by_title.exit_code == by_alias.exit_code == 0
    assert json.loads(by_title.stdout)["id"] == json.loads(by_alias.stdout)["id"] == "PWP"


def test_show_json_contract(run) -> None:
    data = json.loads(run("show", "PWP", "--json").stdout)
    assert data["bands"] == {"training": "4", "qualified": "5"}
    assert data["family"] == "talking-therapies"
    assert data["career_framework_level"] == 5
    assert {
        "id",
        "title",
        "aliases",
        "regulation",
        "entry_routes",
        "progressions",
        "competencies",
        "barriers",
        "sources",
    } <= set(data)
    route = data["entry_routes"][0]
    assert (
        route["programme"] == "pwp-pgcert"
        and route["months"] == 12
        and route["requires"] == [{"qualification": "degree"}]
    )
    hi = next(p for p in data["progressions"] if p["to"] == "HI-CBT")
    assert hi["programme"] == "hi-cbt-pgdip" and hi["kind"] == "vertical"
    assert {"experience": "PWP", "months": 24} in hi["requires"]
    assert {
        "id": "li-cbt-guided-self-help",
        "name": "Low-intensity CBT-informed guided self-help",
        "domain": "Interventions",
        "level": "practitioner",
    } in data["competencies"]
    assert all(b["sources"] for b in data["barriers"])
    assert all("url" in s or "title" in s for s in data["sources"])


def test_unknown_role_suggests(run) -> None:
    result = run("show", "PWX")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown role 'PWX'" in result.stderr
    assert "did you mean 'PWP'" in result.stderr
    assert "Traceback" not in result.output


def test_list_and_filters(run) -> None:
    result = run("list")
    assert result.exit_code == 0 and "PWP" in result.stdout and "EMHP" in result.stdout
    cyp = json.loads(run("list", "--family", "cyp-mental-health", "--json").stdout)
    assert {"CWP", "EMHP", "SWP"} <= {r["id"] for r in cyp}
    assert {r["family"] for r in cyp} == {"cyp-mental-health"}
    band7 = json.loads(run("list", "--band", "7", "--json").stdout)
    assert "HI-CBT" in {r["id"] for r in band7} and "PWP" not in {r["id"] for r in band7}
    found = json.loads(run("list", "--search", "schools", "--json").stdout)
    assert "EMHP" in [r["id"] for r in found] and "PWP" not in [r["id"] for r in found]
    level5 = json.loads(run("list", "--level", "5", "--json").stdout)
    assert {"CWP", "EMHP", "PWP"} <= {r["id"] for r in level5}
    assert set(level5[0]) == {"id", "title", "family", "career_framework_level", "bands"}


def test_list_bad_filters(run) -> None:
    family = run("list", "--family", "cyp-mental-healht")
    assert family.exit_code == 1 and "did you mean 'cyp-mental-health'" in family.stderr
    band = run("list", "--band", "11")
    assert band.exit_code == 1 and "not an Agenda for Change band" in band.stderr
    level = run("list", "--level", "12")
    assert level.exit_code == 2


def test_usage_errors_exit_2(run) -> None:
    assert run("show").exit_code == 2
    assert run("no-such-command").exit_code == 2
    assert run("list", "--nope").exit_code == 2


def test_version_and_help(run) -> None:
    version = run("--version")
    assert version.exit_code == 0 and version.stdout.startswith("careerpath ")
    assert run("-h").exit_code == 0
    assert "Show a role's profile" in run("show", "--help").stdout


def test_validate_bundled(run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert ": valid (" in result.stdout


def test_validate_broken_folder_lists_every_problem(run, pathways) -> None:
    root = pathways(A={"progressions": "[{to: Nope}]", "career_framework_level": "12"})
    result = run("validate", str(root))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("A.yaml:4:21: unknown role 'Nope'")
    assert lines[1].endswith("A.yaml:5:25: career_framework_level is 12, outside 1–9")
    assert "2 problems in the pathways data" in result.stderr


def test_data_option_and_environment(run, pathways, monkeypatch) -> None:
    root = pathways(A={"title": "Only Role"})
    assert json.loads(run("--data", str(root), "list", "--json").stdout)[0]["title"] == "Only Role"
    monkeypatch.setenv("CAREERPATH_DATA", str(root))
    assert json.loads(run("list", "--json").stdout)[0]["id"] == "A"


def test_data_errors_from_any_command(run, pathways, tmp_path: Path) -> None:
    missing = run("--data", str(tmp_path / "nowhere"), "list")
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    a_file = tmp_path / "file.yaml"
    a_file.write_text("id: X\n")
    as_file = run("--data", str(a_file), "list")
    assert as_file.exit_code == 1 and "is a file" in as_file.stderr
    broken = pathways(A={"bands": "{training: '11'}"})
    result = run("--data", str(broken), "show", "A")
    assert result.exit_code == 1
    assert "A.yaml:4:19: bands.training '11' is not valid" in result.stderr
    assert "Traceback" not in result.output


def test_debug_reraises(pathways) -> None:
    from careerpath.cli import main
    from careerpath.errors import UnknownRoleError

    try:
        main(["--debug", "show", "PWX"])
    except UnknownRoleError:
        pass
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("--debug should re-raise")


def test_closed_pipe_exits_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m careerpath list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert len(proc.stdout.splitlines()) == 1


def test_non_tty_output_has_no_escape_codes(run) -> None:
    assert "\x1b[" not in run("show", "CWP").stdout
