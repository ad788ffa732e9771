"""Catalogue → pathways files: the inverse of loading, for exports and round-trip tests.

What is written, and in which order, is read from the model's records (``derive``), so a
field added to the model is saved with nothing to change here.

Each file is written as JSON, which is also valid YAML 1.2, so any text survives exactly
and the loader reads it back to an equal catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec

from careerpath.loading.derive import stored_fields
from careerpath.model import (
    Barrier,
    Catalogue,
    Competency,
    EntryRoute,
    Progression,
    Requirement,
    Role,
    Source,
)

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


#: Writers for the fields whose stored form is not the record's (as ``formats`` reads
#: them), called with the record and the field's value.
_Special = dict[tuple[type, str], Callable[[Any, Any], Any]]


def _document(record: Any, special: _Special) -> dict[str, Any]:
    """A record as a file stores it: every stored field in the model's order, by name.

    A field is left out when empty, or when it holds its default and a file need not say it,
    so the loader reads the same record back.
    """
    out: dict[str, Any] = {}
    cls: type[msgspec.Struct] = type(record)
    for f in stored_fields(cls):
        if f.stored.internal:
            continue
        value = getattr(record, f.name)
        if _empty(value) or (value == f.default and not f.required):
            continue
        own = special.get((cls, f.name))
        out[f.name] = own(record, value) if own is not None else _plain(value, special)
    return out


def _plain(value: Any, special: _Special) -> Any:
    if isinstance(value, msgspec.Struct):
        return _document(value, special)
    if isinstance(value, tuple):
        return [_plain(v, special) for v in value]
    return value


def _special(sources: dict[str, Source]) -> _Special:
    def requires(record: Any, value: tuple[Requirement, ...]) -> list[Any]:
        return [_requirement(r) for r in value]

    def barriers(role: Role, value: tuple[Barrier, ...]) -> list[Any]:
        # A role's own barrier names the role by being in its file.
        own = [
            msgspec.structs.replace(b, roles=tuple(r for r in b.roles if r != role.id))
            for b in value
        ]
        return [_document(b, special) for b in own]

    special: _Special = {
        (EntryRoute, "requires"): requires,
        (Progression, "requires"): requires,
        (Role, "barriers"): barriers,
        (Role, "sources"): lambda role, ids: [_document(sources[s], special) for s in ids],
        (Competency, "frameworks"): lambda competency, pairs: dict(pairs),
    }
    return special


def catalogue_documents(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """{relative file name: document} for a whole catalogue: one file per role, one catalogue file."""
    special = _special({s.id: s for s in catalogue.sources})
    owned = {s for r in catalogue.roles for s in r.sources}
    documents = {f"roles/{role.id}.yaml": _document(role, special) for role in catalogue.roles}

    def documents_of(records: Iterable[Any]) -> list[dict[str, Any]]:
        return [_document(r, special) for r in records]

    documents["catalogue.yaml"] = _drop_empty(
        {
            "families": documents_of(catalogue.families),
            "competencies": documents_of(catalogue.competencies),
            "programmes": documents_of(catalogue.programmes),
            "qualifications": documents_of(catalogue.qualifications),
            "sources": documents_of(s for s in catalogue.sources if s.id not in owned),
            "rules": documents_of(catalogue.rules),
            "barriers": documents_of(catalogue.barriers),
        }
    )
    return documents


def save_catalogue(catalogue: Catalogue, folder: Path) -> None:
    """Write the catalogue as a pathways folder (JSON-formatted YAML files)."""
    for name, document in catalogue_documents(catalogue).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
