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
