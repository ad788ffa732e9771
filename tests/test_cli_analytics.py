"""The analysis commands end to end: terminal text, JSON that matches it, and errors."""

from __future__ import annotations

import csv
import io
import json


def test_overlap_json_and_terminal_agree(run) -> None:
    data = json.loads(run("overlap", "CWP", "EMHP", "PWP", "--json").stdout)
    assert {c["id"] for c in data["shared"]} == {
        "common-factors-engagement",
        "li-cbt-guided-self-help",
        "values-diversity-context",
    }
    assert set(data["unique"]) == {"CWP", "EMHP", "PWP"}
    assert len(data["similarity"]) == 3 and len(data["moves"]) == 6
    move = next(m for m in data["moves"] if m["from"] == "CWP" and m["to"] == "EMHP")
    assert move["credits"] == 60 and move["full_training"] == {
        "programme": "emhp-pgdip",
        "credits": 120,
        "months": 12,
    }
    text = run("overlap", "CWP", "EMHP", "PWP").stdout
    assert "Shared by all (3)" in text
    assert (
        "CWP → EMHP: 3 missing, 0 under level; proposed top-up of 3 modules, 60 credits, about 6 months"
        in " ".join(text.split())
    )
    assert (
        "versus 120 credits, 1 year for the full Education Mental Health Practitioner Postgraduate Diploma"
        in " ".join(text.split())
    )


def test_overlap_needs_two_roles(run) -> None:
    assert run("overlap", "CWP").exit_code == 2
    assert run("overlap", "CWP", "cwp").exit_code == 2
    unknown = run("overlap", "CWP", "EMPH")
    assert unknown.exit_code == 1 and "did you mean 'EMHP'" in unknown.stderr


def test_gap_with_prior_learning(run) -> None:
    plain = json.loads(run("gap", "CWP", "EMHP", "--json").stdout)
    held = json.loads(
        run("gap", "CWP", "EMHP", "--competency", "education-common-problems", "--json").stdout
    )
    assert held["credits"] == plain["credits"] - 20
    bad = run("gap", "CWP", "EMHP", "--competency", "education-comon-problems")
    assert bad.exit_code == 1 and "did you mean 'education-common-problems'" in bad.stderr
    text = " ".join(run("gap", "CWP", "EMHP").stdout.split())
    # The route today comes first, as `route` gives it (a CWP just qualified waits two years
    # under the funding rule, and is told so); the module top-up is only proposed.
    assert (
        "Route today (as `careerpath route`): 3 years via Education Mental Health Practitioner †"
        " (2 years of it waiting)" in text
    )
    assert "--have CWP:MONTHS" in text
    assert "Proposed top-up: modules that close the gap" in text
    assert plain["route"]["months"] == 36 and plain["route"]["steps"][-1]["to"] == "EMHP"
    served = json.loads(run("gap", "CWP", "EMHP", "--have", "CWP:24", "--json").stdout)
    assert served["route"]["months"] == 12


def test_route_json_contract(run) -> None:
    routes = json.loads(run("route", "degree", "SWP", "--json").stdout)
    assert routes[0]["months"] == 60
    assert [s["to"] for s in routes[0]["steps"]][-1] == "SWP"
    assert all({"from", "to", "programme", "months"} <= set(s) for s in routes[0]["steps"])
    assert [r["months"] for r in routes] == sorted(r["months"] for r in routes)
    text = run("route", "degree", "SWP").stdout
    assert "1. 5 years in 2 steps" in text


def test_route_options_and_errors(run) -> None:
    assert len(json.loads(run("route", "degree", "HI-CBT", "--max", "1", "--json").stdout)) == 1
    by_steps = json.loads(run("route", "degree", "SWP", "--by", "steps", "--json").stdout)
    assert len(by_steps[0]["steps"]) == 2
    assert run("route", "degree", "SWP", "--by", "speed").exit_code == 2
    unknown = run("route", "degre", "SWP")
    assert (
        unknown.exit_code == 1
        and "unknown role or qualification 'degre'" in unknown.stderr
        and "'degree'" in unknown.stderr
    )
    same = run("route", "PWP", "PWP")
    assert same.exit_code == 1 and "already the destination" in same.stderr


def test_entry_and_from(run) -> None:
    ways = json.loads(run("entry", "SWP", "--json").stdout)
    assert {g["from"] for g in ways["direct"]} == {"CWP", "EMHP"}
    assert ways["fastest"][0]["months"] == 60
    direct = json.loads(run("from", "degree", "--json").stdout)
    assert {"CWP", "EMHP", "PWP"} <= {o["role"] for o in direct}
    assert all(o["direct"] for o in direct)
    within = json.loads(run("from", "degree", "--within", "60", "--json").stdout)
    assert "SWP" in {o["role"] for o in within} and all(o["months"] <= 60 for o in within)
    # A route with a step of unrecorded length is only a lower bound: listed apart, and its
    # JSON says so.
    level3 = json.loads(run("from", "level-3", "--within", "24", "--json").stdout)
    unknown = {o["role"] for o in level3 if not o["length_known"]}
    assert unknown and unknown.isdisjoint({o["role"] for o in level3 if o["length_known"]})
    text = run("from", "level-3", "--within", "24").stdout
    known_part, _, unknown_part = text.partition("a step's length is not recorded")
    assert unknown_part and all(role_id in unknown_part for role_id in unknown)
    assert not any(f"({role_id})" in known_part for role_id in unknown)
    listing = run("from")
    assert listing.exit_code == 0 and "psychology-degree" in listing.stdout
    bad = run("from", "degreee")
    assert bad.exit_code == 1 and "did you mean 'degree'" in bad.stderr


def test_barriers_ranked_and_filtered(run) -> None:
    ranked = json.loads(run("barriers", "--json").stdout)
    scores = [b["score"] for b in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(b["sources"] for b in ranked)
    transfer = json.loads(run("barriers", "--category", "transfer", "--json").stdout)
    assert {b["category"] for b in transfer} == {"transfer"}
    pwp = json.loads(run("barriers", "--role", "PWP", "--json").stdout)
    assert all("PWP" in b["roles"] for b in pwp)
    bad = run("barriers", "--category", "transfr")
    assert bad.exit_code == 1 and "did you mean 'transfer'" in bad.stderr


def test_matrix_csv(run) -> None:
    rows = list(csv.reader(io.StringIO(run("matrix", "CWP", "EMHP", "--csv").stdout)))
    assert rows[0][:2] == ["role", "title"] and [r[0] for r in rows[1:]] == ["CWP", "EMHP"]
    header = rows[0]
    assert rows[1][header.index("community-mh-prevention")] == "practitioner"
    assert rows[2][header.index("community-mh-prevention")] == ""
    sim = list(
        csv.reader(io.StringIO(run("matrix", "CWP", "EMHP", "--similarity", "--csv").stdout))
    )
    # Was Jaccard 0.5 (6 shared of 12); now similar's score: CWP holds 6 of EMHP's 9 role-specific
    # needs at the level needed, and EMHP 6 of CWP's 9.
    assert sim == [["role", "CWP", "EMHP"], ["CWP", "1", "0.6667"], ["EMHP", "0.6667", "1"]]
    assert "P" in run("matrix", "--family", "cyp-mental-health").stdout


def test_unrecorded_programme_length_is_never_shown_as_zero(run) -> None:
    # The dietitian apprenticeship (ST0599) has no recorded length in the data; it is listed
    # after the known routes (the clinical scientist one, ST0893, no longer makes the three
    # listed for a graduate: routes of known length rank first and fill them).
    routes = json.loads(run("route", "degree", "dietitian", "--json").stdout)
    unknown = [r for r in routes if not r["length_known"]]
    assert unknown and all(any(not s["length_known"] for s in r["steps"]) for r in unknown), routes
    assert all(all(s["length_known"] for s in r["steps"]) for r in routes if r["length_known"])
    text = run("route", "degree", "dietitian").stdout
    assert "length unknown" in text and "0 months in" not in text
    ways_in = run("entry", "clinical-scientist").stdout
    assert "length unknown · apprenticeship" in ways_in


def test_gap_from_a_registered_nurse_to_a_nursing_associate_says_what_the_route_is(run) -> None:
    """The RMN was shown lacking KSF Quality, and "2 years via nursing associate" read as the
    move for a nurse. Every NHS post has the six KSF core dimensions, so Quality's level is
    unrecorded, not missing; the route is a move down a band and the full training from
    GCSEs, which nothing of the nurse's post shortens in the data."""
    text = " ".join(run("gap", "mental-health-nurse", "nursing-associate").stdout.split())
    assert "Quality KSF core dimensions missing" not in text
    assert (
        "a move down: Nursing associate is band 4, below Mental health nurse (RMN) (band 5)" in text
    )
    assert (
        "this is the full training from GCSEs including English and maths: nothing of the"
        " Mental health nurse (RMN) post shortens it in the data" in text
    )
    data = json.loads(run("gap", "mental-health-nurse", "nursing-associate", "--json").stdout)
    assert "ksf-quality" not in {c["id"] for c in data["missing"]}
    # A move that builds on the post says neither.
    onward = " ".join(run("gap", "PWP", "senior-PWP").stdout.split())
    assert "a move down" not in onward and "full training from" not in onward


def test_every_similarity_figure_says_its_rule_and_what_it_leaves_out(run) -> None:
    """similar, matrix --similarity and overlap print the scoring rule and name the KSF core
    dimensions they leave out; the JSON says which ids were not counted."""
    for args in (
        ("similar", "mental-health-nurse"),
        ("matrix", "mental-health-nurse", "nursing-associate", "--similarity"),
        ("overlap", "mental-health-nurse", "nursing-associate"),
    ):
        shown = " ".join(run(*args).stdout.split())
        assert "role-specific" in shown and "Equality and diversity" in shown, args
        assert "Not counted, because every NHS post shares them" in shown, args
    similar = json.loads(run("similar", "mental-health-nurse", "--json").stdout)
    assert "ksf-quality" in similar["not_counted"] and len(similar["not_counted"]) == 6
    overlap = json.loads(
        run("overlap", "mental-health-nurse", "nursing-associate", "--json").stdout
    )
    # overlap names the generic competencies these two roles list; similar, every one.
    assert {c["id"] for c in overlap["not_counted"]} <= set(similar["not_counted"])
    assert overlap["not_counted"]
    hi = next(n for n in similar["similar"] if n["id"] == "nursing-associate")
    assert overlap["similarity"][0]["holds_there"] == hi["score"]
