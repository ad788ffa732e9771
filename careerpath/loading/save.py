"""Catalogue → pathways files: the inverse of loading, for exports and round-trip tests.

What is written, and in which order, is read from the model's records (``derive``), so a
field added to the model is saved with nothing to change here. The ESCO importer writes
through the same ``Writer`` and ``yaml_text``, so an imported folder follows the model too.

Each file is written as JSON, which is also valid YAML 1.2, so any text survives exactly
and the loader reads it back to an equal catalogue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from careerpath.loading.derive import stored_fields
from careerpath.loading.formats import CATALOGUE_LISTS
from careerpath.model import (
    Barrier,
    Catalogue,
    Competency,
    CompetencyNeed,
    EntryRoute,
    Progression,
    Requirement,
    Role,
    Source,
)

__all__ = ["Writer", "catalogue_documents", "save_catalogue", "yaml_text"]


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


@cache
def _write_plan(cls: type[msgspec.Struct]) -> tuple[tuple[str, Any, bool, tuple[type, str]], ...]:
    """(name, default, written even when default, special key) of each stored field of ``cls``."""
    return tuple(
        (f.name, f.default, f.required, (cls, f.name))
        for f in stored_fields(cls)
        if not f.stored.internal
    )


#: The types whose empty value is left out of a file (0 is data: a credit or month of 0).
_CONTAINERS = (str, tuple, list, dict)


def _document(record: Any, special: _Special) -> dict[str, Any]:
    """A record as a file stores it: every stored field in the model's order, by name.

    A field is left out when empty, or when it holds its default and a file need not say it,
    so the loader reads the same record back. (The ESCO import writes 140,000 records
    through here, so the test of emptiness is ``_empty`` inlined.)
    """
    out: dict[str, Any] = {}
    cls: type[msgspec.Struct] = type(record)
    for name, default, required, key in _write_plan(cls):
        value = getattr(record, name)
        if (
            value is None
            or value is False
            or (not value and type(value) in _CONTAINERS)
            or (value == default and not required)
        ):
            continue
        own = special.get(key)
        out[name] = own(record, value) if own is not None else _plain(value, special)
    return out


def _plain(value: Any, special: _Special) -> Any:
    if isinstance(value, msgspec.Struct):
        return _document(value, special)
    if isinstance(value, tuple):
        return [_plain(v, special) for v in value]
    return value


def _special(sources: Mapping[str, Source]) -> _Special:
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
        (Role, "competencies"): lambda role, needs: [_need(n, special) for n in needs],
    }
    return special


def _need(need: CompetencyNeed, special: _Special) -> Any:
    """A need that says no more than its id is written as the id (the short form)."""
    if need == CompetencyNeed(id=need.id):  # every other field at its default
        return need.id
    return _document(need, special)


class Writer:
    """Records → the documents files store, for writers that make files record by record.

    ``sources`` are the sources a role's ``sources`` ids name: a role file writes them in
    full.
    """

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._special = _special({s.id: s for s in sources})

    def document(self, record: msgspec.Struct) -> dict[str, Any]:
        """One record as a file stores it (a role: its whole file)."""
        return _document(record, self._special)

    def documents(self, records: Iterable[msgspec.Struct]) -> list[dict[str, Any]]:
        """Several records, for one of a catalogue file's lists."""
        return [_document(r, self._special) for r in records]


#: Characters YAML forbids raw even in a double-quoted scalar (C1 controls, BOM,
#: non-characters, lone surrogates), which JSON leaves as they are.
_NOT_IN_YAML = re.compile("[\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


#: JSON's own string quoting (C), for the many plain texts; other values are encoded by
#: msgspec (C, compact: ``{"id":"x","optional":true}`` is a YAML 1.2 flow mapping too).
_quote = json.encoder.encode_basestring
_encode = msgspec.json.Encoder().encode


def _flow(value: Any) -> str:
    return _quote(value) if type(value) is str else _encode(value).decode()


def yaml_text(document: Mapping[str, Any], comment: str = "") -> str:
    """A document as YAML 1.2, each top-level field and each item of its lists on a line.

    Every value is in JSON's flow form: JSON-quoted strings are YAML double-quoted scalars, so any text survives and the file
    stays readable and diffable line by line; ``comment`` (whole ``#`` lines) goes first.
    The few characters YAML forbids raw and JSON leaves alone can only sit inside quoted
    strings (JSON's own syntax is ASCII), so they are escaped in the whole text at once.
    """
    lines = [comment.rstrip("\n")] if comment else []
    for key, value in document.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_flow(item)}" for item in value)
        else:
            lines.append(f"{key}: {_flow(value)}")
    text = "\n".join(lines) + "\n"
    return _NOT_IN_YAML.sub(_escaped, text) if _NOT_IN_YAML.search(text) else text


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def catalogue_documents(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """{relative file name: document} for a whole catalogue: one file per role, one catalogue file."""
    writer = Writer(catalogue.sources)
    owned = {s for r in catalogue.roles for s in r.sources}
    documents = {f"roles/{role.id}.yaml": writer.document(role) for role in catalogue.roles}
    # A role's own sources are written in its file, so the catalogue file holds the rest.
    shared = {"sources": tuple(s for s in catalogue.sources if s.id not in owned)}
    documents["catalogue.yaml"] = _drop_empty(
        {
            kind: writer.documents(shared.get(kind, getattr(catalogue, kind)))
            for kind in CATALOGUE_LISTS
        }
    )
    return documents


def save_catalogue(catalogue: Catalogue, folder: Path) -> None:
    """Write the catalogue as a pathways folder (JSON-formatted YAML files)."""
    for name, document in catalogue_documents(catalogue).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
