"""Machine-readable views (JSON-ready dicts) of catalogue items and analysis results.

These dicts are the contract scripts and later tools build on: keys are stable and
documented in the README, lists are sorted, and ids are used wherever a name could change.
"""

from __future__ import annotations

import json
from typing import Any

from careerpath.analysis.profile import Profile, Step
from careerpath.model import Catalogue, Role, Source

__all__ = ["dumps", "profile_json", "role_summary_json", "source_json"]


def dumps(data: Any) -> str:
    """Stable, readable JSON text (sorted keys, UTF-8 kept as is)."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def source_json(source: Source) -> dict[str, Any]:
    """A source with whichever of url and document it has."""
    out: dict[str, Any] = {"id": source.id, "title": source.title or None}
    if source.url:
        out["url"] = source.url
    if source.document:
        out["document"] = source.document
    if source.accessed:
        out["accessed"] = source.accessed
    return out


def role_summary_json(role: Role) -> dict[str, Any]:
    """One row of ``list --json``."""
    return {
        "id": role.id,
        "title": role.title,
        "family": role.family,
        "career_framework_level": role.career_framework_level,
        "bands": {"training": role.bands.training, "qualified": role.bands.qualified},
    }


def _step_json(step: Step, catalogue: Catalogue, source: Any) -> dict[str, Any]:
    return {
        "programme": step.programme.id if step.programme else None,
        "programme_title": step.programme.title if step.programme else None,
        "months": step.months,
        "funding": list(step.funding),
        "requires": [r.as_json() for r in source.requires],
        "note": step.note or None,
        "sources": list(step.sources),
        "unverified": step.unverified,
    }


def profile_json(catalogue: Catalogue, profile: Profile) -> dict[str, Any]:
    """Everything ``show --json`` prints for one role."""
    role = profile.role
    entry = [
        {"id": route.id, "title": step.title, **_step_json(step, catalogue, route)}
        for route, step in zip(role.entry_routes, profile.entry_routes, strict=True)
    ]
    outgoing = [
        {"to": prog.to, "kind": prog.kind, **_step_json(step, catalogue, prog)}
        for prog, step in zip(role.progressions, profile.progressions_out, strict=True)
    ]
    incoming = [
        {
            "from": s.origin,
            "kind": s.kind,
            "programme": s.programme.id if s.programme else None,
            "months": s.months,
        }
        for s in profile.progressions_in
    ]
    return {
        **role_summary_json(role),
        "summary": role.summary or None,
        "aliases": list(role.aliases),
        "settings": list(role.settings),
        "regulation": {
            "kind": role.regulation.kind,
            "body": role.regulation.body or None,
            "register": role.regulation.register or None,
        },
        "entry_routes": entry,
        "progressions": outgoing,
        "progressions_in": incoming,
        "links": [{"role": k.role, "kind": k.kind, "note": k.note or None} for k in profile.links],
        "competencies": [
            {"id": c.id, "name": c.name, "domain": c.domain, "level": need.level}
            for _, items in profile.competencies
            for c, need in items
        ],
        "barriers": [
            {
                "id": b.id,
                "category": b.category,
                "text": b.text,
                "roles": list(b.roles),
                "sources": list(b.sources),
                "unverified": b.unverified,
            }
            for b in profile.barriers
        ],
        "sources": [source_json(s) for s in profile.sources],
        "unverified": list(role.unverified),
        "esco": role.esco or None,
        "soc": role.soc or None,
        "note": role.note or None,
    }
