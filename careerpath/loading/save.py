"""Catalogue → pathways files: the inverse of loading, for exports and round-trip tests.

Each file is written as JSON, which is also valid YAML 1.2, so any text survives exactly
and the loader reads it back to an equal catalogue.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from careerpath.model import Barrier, Catalogue, EntryRoute, Progression, Requirement, Role, Source

__all__ = ["catalogue_documents", "save_catalogue"]


def _empty(value: Any) -> bool:
    # Not `value in (None, "", …, False)`: 0 == False, and a credit or month of 0 is data.
    return (
        value is None
        or value is False
        or (isinstance(value, str | tuple | list | dict) and not value)
    )


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not _empty(v)}


def _requirement(requirement: Requirement) -> Any:
    if requirement.kind in ("qualification", "role"):
        return requirement.ref
    if requirement.kind == "any_of":
        return {"any_of": [o.ref for o in requirement.options]}
    return requirement.as_json()


def _source(source: Source) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": source.id,
            "title": source.title,
            "url": source.url,
            "document": source.document,
            "accessed": source.accessed,
            "kind": source.kind,
            "note": source.note,
        }
    )


def _step(step: EntryRoute | Progression) -> dict[str, Any]:
    data: dict[str, Any] = (
        {"to": step.to, "kind": step.kind}
        if isinstance(step, Progression)
        else {"id": step.id, "title": step.title}
    )
    data.update(
        programme=step.programme,
        requires=[_requirement(r) for r in step.requires],
        months=step.months,
        funding=list(step.funding),
        note=step.note,
        sources=list(step.sources),
        unverified=step.unverified,
    )
    return _drop_empty(data)


def _barrier(barrier: Barrier, owner: str) -> dict[str, Any]:
    roles = [r for r in barrier.roles if r != owner]
    return _drop_empty(
        {
            "id": barrier.id,
            "category": barrier.category,
            "text": barrier.text,
            "roles": roles,
            "sources": list(barrier.sources),
            "unverified": barrier.unverified,
        }
    )


def _role(role: Role, sources: dict[str, Source]) -> dict[str, Any]:
    data = {
        "id": role.id,
        "title": role.title,
        "family": role.family,
        "summary": role.summary,
        "aliases": list(role.aliases),
        "settings": list(role.settings),
        "career_framework_level": role.career_framework_level,
        "bands": _drop_empty({"training": role.bands.training, "qualified": role.bands.qualified}),
        "regulation": _drop_empty(
            {
                "kind": role.regulation.kind,
                "body": role.regulation.body,
                "register": role.regulation.register,
                "protected_title": role.regulation.protected_title,
            }
        ),
        "entry_routes": [_step(e) for e in role.entry_routes],
        "competencies": [
            _drop_empty({"id": n.id, "level": n.level, "optional": n.optional})
            for n in role.competencies
        ],
        "progressions": [_step(p) for p in role.progressions],
        "links": [
            _drop_empty(
                {"role": k.role, "kind": k.kind, "note": k.note, "sources": list(k.sources)}
            )
            for k in role.links
        ],
        "barriers": [_barrier(b, role.id) for b in role.barriers],
        "sources": [_source(sources[s]) for s in role.sources],
        "unverified": list(role.unverified),
        "esco": role.esco,
        "soc": role.soc,
        "note": role.note,
        "implies": list(role.implies),
    }
    return _drop_empty(data)


def catalogue_documents(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """{relative file name: document} for a whole catalogue: one file per role, one catalogue file."""
    sources = {s.id: s for s in catalogue.sources}
    owned = {s for r in catalogue.roles for s in r.sources}
    documents = {f"roles/{role.id}.yaml": _role(role, sources) for role in catalogue.roles}
    documents["catalogue.yaml"] = _drop_empty(
        {
            "families": [
                _drop_empty({"id": f.id, "title": f.title, "description": f.description})
                for f in catalogue.families
            ],
            "competencies": [
                _drop_empty(
                    {
                        "id": c.id,
                        "name": c.name,
                        "domain": c.domain,
                        "description": c.description,
                        "frameworks": dict(c.frameworks),
                        "sources": list(c.sources),
                    }
                )
                for c in catalogue.competencies
            ],
            "programmes": [
                _drop_empty(
                    {
                        "id": p.id,
                        "title": p.title,
                        "award": p.award,
                        "level": p.level,
                        "credits": p.credits,
                        "months": p.months,
                        "funding": list(p.funding),
                        "cost": p.cost,
                        "part_time_months": p.part_time_months,
                        "standard": p.standard,
                        "funding_band": p.funding_band,
                        "fee": p.fee,
                        "kind": p.kind,
                        "note": p.note,
                        "sources": list(p.sources),
                        "unverified": p.unverified,
                        "no_public_price": p.no_public_price,
                        "modules": [
                            _drop_empty(
                                {
                                    "id": m.id,
                                    "title": m.title,
                                    "credits": m.credits,
                                    "level": m.level,
                                    "competencies": list(m.competencies),
                                    "sources": list(m.sources),
                                    "unverified": m.unverified,
                                }
                            )
                            for m in p.modules
                        ],
                        "exit_awards": [
                            {"title": a.title, "credits": a.credits} for a in p.exit_awards
                        ],
                    }
                )
                for p in catalogue.programmes
            ],
            "qualifications": [
                _drop_empty(
                    {
                        "id": q.id,
                        "title": q.title,
                        "level": q.level,
                        "description": q.description,
                        "aliases": list(q.aliases),
                        "competencies": list(q.competencies),
                        "modules": list(q.modules),
                        "sources": list(q.sources),
                        "entry_routes": [_step(e) for e in q.entry_routes],
                        "implies": list(q.implies),
                        "kind": q.kind if q.kind != "qualification" else "",
                    }
                )
                for q in catalogue.qualifications
            ],
            "sources": [_source(s) for s in catalogue.sources if s.id not in owned],
            "rules": [
                _drop_empty(
                    {
                        "id": r.id,
                        "title": r.title,
                        "kind": r.kind,
                        "months": r.months,
                        "programmes": list(r.programmes),
                        "text": r.text,
                        "sources": list(r.sources),
                    }
                )
                for r in catalogue.rules
            ],
            "barriers": [_barrier(b, "") for b in catalogue.barriers],
        }
    )
    return documents


def save_catalogue(catalogue: Catalogue, folder: Path) -> None:
    """Write the catalogue as a pathways folder (JSON-formatted YAML files)."""
    for name, document in catalogue_documents(catalogue).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
