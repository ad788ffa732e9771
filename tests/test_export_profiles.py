"""``export --format json`` serialises the analysis's profiles and derives nothing itself."""

from __future__ import annotations

import json

from careerpath.analysis.profile import build_profile
from careerpath.model import Catalogue
from careerpath.render.data import profile_json
from careerpath.render.export import catalogue_json


def test_export_is_the_profiles_and_what_they_use(bundled: Catalogue) -> None:
    roles = [r for r in bundled.roles if r.family == "mental-health-professions"] or bundled.roles
    profiles = [build_profile(bundled, r) for r in roles]
    data = json.loads(catalogue_json(bundled, profiles))
    assert data["roles"] == json.loads(json.dumps([profile_json(bundled, p) for p in profiles]))
    # The oracle reads the role records directly, as the export once did for itself.
    needs = {n.id for r in roles for n in r.competencies}
    programmes = {
        p
        for r in roles
        for p in (*(e.programme for e in r.entry_routes), *(s.programme for s in r.progressions))
        if p
    }
    assert {c["id"] for c in data["competencies"]} == needs
    assert {p["id"] for p in data["programmes"]} == programmes
    assert programmes and needs


def _csv_rows(text: str) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text)))


def _record_flag(catalogue: Catalogue, route_id: str, target: str) -> bool:
    """The YAML record a route id names, or the programme it cites, is marked unverified."""
    if "->" in route_id:
        origin, rest = route_id.split("->")
        record = catalogue.role(origin).progressions[int(rest.rsplit("#", 1)[1]) - 1]
    else:
        owner = catalogue.role(target)
        record = next(e for e in owner.entry_routes if e.id == route_id)
    programme = catalogue.programme(record.programme) if record.programme else None
    return record.unverified or (programme is not None and programme.unverified)


def test_csv_roles_say_what_is_unverified_as_the_json_does(bundled: Catalogue) -> None:
    from careerpath.render.export import csv_tables

    profiles = [build_profile(bundled, r) for r in bundled.roles]
    data = json.loads(catalogue_json(bundled, profiles))
    rows = {r["id"]: r for r in _csv_rows(csv_tables(bundled, bundled.roles)["roles.csv"])}
    assert set(rows) == {r["id"] for r in data["roles"]}
    for role in data["roles"]:
        listed = rows[role["id"]]["unverified"]
        assert (listed.split("; ") if listed else []) == role["unverified"], role["id"]
    # The audited case: show PWP prints "5 – Practitioners †"; the spreadsheet must say so too.
    assert rows["PWP"]["career_framework_level"] == "5"
    assert rows["PWP"]["unverified"] == "career_framework_level"
    assert sum(bool(r["unverified"]) for r in rows.values()) > 10


def test_csv_edges_list_each_move_once_and_flag_every_unverified_one(bundled: Catalogue) -> None:
    """Every record appears in exactly one row; a row merges only records of one move."""
    from careerpath.graph import career_graph
    from careerpath.render.export import csv_tables

    rows = _csv_rows(csv_tables(bundled, bundled.roles)["edges.csv"])
    graph = career_graph(bundled)
    # An entry route whose requirement has alternatives is one record per starting point.
    records = {
        (e.source, e.target, e.route_id): e
        for _, target, data in graph.edges(data=True)
        if bundled.has("roles", target)
        for e in data["routes"]
    }
    listed = [(row["from"], row["to"], r) for row in rows for r in row["route"].split("; ")]
    assert sorted(listed) == sorted(records)  # nothing lost, nothing counted twice
    # Brute force: a move is (from, to, programme, months, wait, other needs).
    moves = {
        (
            e.source,
            e.target,
            e.programme.id if e.programme else "",
            e.months,
            e.length_known,
            e.wait,
            e.needs,
        )
        for e in records.values()
    }
    assert len(rows) == len(moves) < len(records)
    for row in rows:
        same = [records[row["from"], row["to"], r] for r in row["route"].split("; ")]
        assert len({(e.programme, e.months, e.wait, e.needs) for e in same}) == 1
        flags = [_record_flag(bundled, e.route_id, e.target) for e in same]
        assert row["unverified"] == ("true" if any(flags) else "false"), row
        kinds = {e.kind for e in same} - {"entry"}
        assert row["kind"] == ("; ".join(sorted(kinds)) if kinds else "entry"), row
        # A length the data does not give is blank, never 0 (audit: a sum counted the
        # dietitian and clinical scientist apprenticeships as instant).
        assert row["months"] == (str(same[0].months) if same[0].length_known else ""), row
    assert any(row["months"] == "" for row in rows)
    by_pair = {(r["from"], r["to"]): r for r in rows}
    hi_cbt = [r for r in rows if (r["from"], r["to"]) == ("PWP", "HI-CBT")]
    assert len(hi_cbt) == 1 and hi_cbt[0]["kind"] == "vertical"
    assert hi_cbt[0]["route"] == "hi-cbt-from-pwp; PWP->HI-CBT#2"
    assert by_pair["CAP", "clinical-psychologist"]["unverified"] == "true"
    assert by_pair["PWP", "senior-PWP"]["unverified"] == "true"
