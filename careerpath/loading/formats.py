"""The shapes of pathways files, described once with ``schema`` specs.

A role file is a mapping with a top-level ``id``; any other file is a catalogue holding one
or more of ``families``, ``competencies``, ``programmes``, ``qualifications``, ``sources``,
``rules`` and ``barriers``. Splitting catalogues over several files is allowed, so teams can
own their part of the data without merge conflicts.
"""

from __future__ import annotations

import re
from typing import Any

from careerpath.loading.derive import Shapes
from careerpath.loading.schema import Checker, Either, Field, ListOf, Record, Ref, Str
from careerpath.loading.yaml_files import Node
from careerpath.model import (
    Bands,
    Barrier,
    Competency,
    CompetencyNeed,
    EntryRoute,
    ExitAward,
    Family,
    Id,
    Link,
    Module,
    Months,
    Programme,
    Progression,
    Qualification,
    Regulation,
    Requirement,
    Role,
    Rule,
    Source,
)

__all__ = ["CATALOGUE_FILE", "CATALOGUE_LISTS", "ID", "ID_PATTERN", "ROLE_FILE", "TEXT", "id_rule"]

#: Ids are short and stable: letters, digits, dots, dashes and underscores.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


def id_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    """An id holds only the characters ids may hold (every file kind's records share this)."""
    value = values.get("id")
    if isinstance(value, str) and not ID_PATTERN.match(value):
        checker.problem(
            node.value["id"],
            f"id '{value}' has characters ids cannot hold",
            "use letters, digits, '-', '_' or '.', starting with a letter or digit",
        )


def _source_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    id_rule(values, node, checker, where)
    if not values.get("url") and not values.get("document"):
        checker.problem(node, "a source needs a 'url' or a 'document'")


def _requirement_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    forms = [k for k in ("any_of", "experience", "text") if k in values]
    if len(forms) != 1:
        checker.problem(node, "a requirement needs exactly one of 'any_of', 'experience' or 'text'")
    elif forms == ["experience"] and "months" not in values:
        checker.problem(node, "an 'experience' requirement needs 'months'")
    elif "months" in values and forms != ["experience"]:
        checker.problem(node.value["months"], "'months' only goes with 'experience'")


#: Every record below is made from its declaration in ``careerpath.model`` (types, bounds,
#: descriptions, references, choices); only the rules across fields, and the shapes a
#: model type cannot say, are written here.
_shapes = Shapes()
#: An id and a plain text, as every file kind (frameworks and provision too) checks them.
ID = _shapes.spec(Id)
TEXT = Str()

REQUIREMENT = _shapes.use(
    Requirement,
    Either(
        Ref("role-or-qualification", doc="a qualification or role id the person must hold"),
        Record(
            "requirement",
            {
                "any_of": Field(
                    ListOf(Ref("role-or-qualification")), doc="alternatives: any one will do"
                ),
                "experience": Field(
                    Ref("role-or-qualification"),
                    doc="role (or registration, for any role under it) in which experience is needed",
                ),
                "months": Field(_shapes.spec(Months), doc="months of experience needed"),
                "text": Field(TEXT, doc="a condition that cannot be computed, shown as written"),
            },
            validate=_requirement_rule,
        ),
    ),
)
SOURCE = _shapes.record(Source, validate=_source_rule)
ENTRY_ROUTE = _shapes.record(EntryRoute, validate=id_rule)
PROGRESSION = _shapes.record(Progression)
LINK = _shapes.record(Link)
#: A role's own barrier: its id may be left out (one is made) and the role is implied.
BARRIER = _shapes.record(
    Barrier,
    register=False,
    fields={
        "id": Field(ID),
        "roles": Field(ListOf(Ref("roles")), doc="other roles this barrier affects"),
        "sources": Field(
            ListOf(Ref("sources"), min_items=1, doc="ids of sources for this barrier"),
            required=True,
        ),
    },
)
COMPETENCY_NEED = _shapes.use(
    CompetencyNeed, Either(Ref("competencies"), _shapes.record(CompetencyNeed))
)
_shapes.record(Bands)
_shapes.record(Regulation)
ROLE_FILE = _shapes.record(
    Role,
    fields={
        "barriers": Field(ListOf(BARRIER)),
        # Ids in the record; written out in full in the role's file.
        "sources": Field(
            ListOf(SOURCE, min_items=1, doc="where the role's facts come from"), required=True
        ),
    },
    doc="One role profile per file.",
    validate=id_rule,
)
MODULE = _shapes.record(Module, validate=id_rule)
_shapes.record(ExitAward)
#: A "no public price" statement names the day the search was made (2026-12-03).
_SEARCH_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _programme_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    """An id; a "no public price" statement never beside a price, and always dated.

    The statement reports a search, so it names the day it was made.
    """
    id_rule(values, node, checker, where)
    statement = values.get("no_public_price")
    if not isinstance(statement, str):
        return
    priced = [k for k in ("cost", "fee", "funding_band") if values.get(k) is not None]
    if priced:
        checker.problem(
            node.value["no_public_price"],
            f"'no_public_price' contradicts the programme's '{priced[0]}'",
            "drop the statement, or the price if it is not published",
        )
    if not _SEARCH_DATE.search(statement):
        checker.problem(
            node.value["no_public_price"],
            "'no_public_price' must say when the search was made",
            "end it with the date searched, e.g. 'searched 2026-12-03'",
        )


PROGRAMME = _shapes.record(Programme, validate=_programme_rule)
COMPETENCY = _shapes.record(
    Competency,
    fields={
        # (framework, reference) pairs in the record; a mapping of known frameworks in a file.
        "frameworks": Field(
            Record(
                "framework mapping",
                {
                    "curriculum": Field(TEXT),
                    "ksf": Field(TEXT),
                    "nos": Field(TEXT),
                    "esco": Field(TEXT),
                },
            )
        ),
    },
    validate=id_rule,
)
QUALIFICATION = _shapes.record(Qualification, validate=id_rule)
FAMILY = _shapes.record(Family, validate=id_rule)
#: The fields each kind of rule needs, and those only another kind may have.
_RULE_FIELDS = {
    "wait-between": ("months", "programmes"),
    "levy-age-limit": ("level", "age_under", "since", "summary"),
}
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _rule_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    """A rule has the fields its kind needs and none another kind's, so it does what it says."""
    id_rule(values, node, checker, where)
    kind = values.get("kind")
    if kind not in _RULE_FIELDS:
        return  # the field's own choices report an unknown kind
    for name in _RULE_FIELDS[kind]:
        if values.get(name) in (None, "", 0, ()):
            checker.problem(node, f"a '{kind}' rule needs '{name}'")
    for other, fields in _RULE_FIELDS.items():
        for name in fields:
            if other != kind and name not in _RULE_FIELDS[kind] and name in values:
                checker.problem(node.value[name], f"'{name}' only goes with a '{other}' rule")
    since = values.get("since")
    if isinstance(since, str) and since and not _YEAR_MONTH.match(since):
        checker.problem(node.value["since"], f"'since' must be YYYY-MM, not '{since}'")


RULE = _shapes.record(Rule, validate=_rule_rule)
SHARED_BARRIER = _shapes.record(Barrier, validate=id_rule)

#: The lists a catalogue file may hold, in file order, each with its items' spec: the
#: checker, the loader (``validate``) and the writer (``save``) read this one table.
CATALOGUE_LISTS: dict[str, Record] = {
    "families": FAMILY,
    "competencies": COMPETENCY,
    "programmes": PROGRAMME,
    "qualifications": QUALIFICATION,
    "sources": SOURCE,
    "rules": RULE,
    "barriers": SHARED_BARRIER,
}

CATALOGUE_FILE = Record(
    "catalogue file",
    {kind: Field(ListOf(spec)) for kind, spec in CATALOGUE_LISTS.items()},
    doc="Shared catalogues; a file may hold any of these lists.",
)


def json_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) for any pathways file, generated from the specs above.

    A role file has an ``id``; a catalogue file has none, so exactly one branch matches.
    """
    from careerpath.loading.provision_formats import FILE_KINDS  # frameworks (issue 17)

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/careerpath/careerpath/pathways.schema.json",
        "title": "careerpath pathways file",
        "description": "A role profile (one per file, with an id), a catalogue file (families, competencies, programmes, qualifications, sources, rules, barriers), or a framework, provision or rates file.",
        "oneOf": [
            ROLE_FILE.json_schema(),
            CATALOGUE_FILE.json_schema(),
            *(spec.json_schema() for spec in FILE_KINDS.values()),
        ],
    }
