"""The shapes of pathways files, described once with ``schema`` specs.

A role file is a mapping with a top-level ``id``; any other file is a catalogue holding one
or more of ``families``, ``competencies``, ``programmes``, ``qualifications``, ``sources``,
``rules`` and ``barriers``. Splitting catalogues over several files is allowed, so teams can
own their part of the data without merge conflicts.
"""

from __future__ import annotations

import re
from typing import Any

from careerpath.frameworks import (
    CAREER_FRAMEWORK_LEVELS,
    COMPETENCY_LEVELS,
    RQF_LEVELS,
    parse_band_range,
)
from careerpath.loading.schema import (
    Bool,
    Checker,
    Either,
    Field,
    Int,
    ListOf,
    OneOf,
    Record,
    Ref,
    Str,
)
from careerpath.loading.yaml_files import Node
from careerpath.model import (
    BARRIER_CATEGORIES,
    FUNDING_KINDS,
    LINK_KINDS,
    PROGRAMME_KINDS,
    PROGRESSION_KINDS,
    REGULATION_KINDS,
    SOURCE_KINDS,
)

__all__ = ["CATALOGUE_FILE", "ID_PATTERN", "ROLE_FILE"]

#: Ids are short and stable: letters, digits, dots, dashes and underscores.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")

#: Months are bounded: no single programme or wait runs longer than 15 years.
MAX_MONTHS = 180
#: Credits are bounded: a professional doctorate is 540 credits.
MAX_CREDITS = 720


def _id_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    value = values.get("id")
    if isinstance(value, str) and not ID_PATTERN.match(value):
        checker.problem(
            node.value["id"],
            f"id '{value}' has characters ids cannot hold",
            "use letters, digits, '-', '_' or '.', starting with a letter or digit",
        )


def _source_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    _id_rule(values, node, checker, where)
    if not values.get("url") and not values.get("document"):
        checker.problem(node, "a source needs a 'url' or a 'document'")


#: A "no public price" statement names the day the search was made (2026-12-03).
_SEARCH_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _programme_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    _id_rule(values, node, checker, where)
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


def _requirement_rule(values: dict[str, Any], node: Node, checker: Checker, where: str) -> None:
    forms = [k for k in ("any_of", "experience", "text") if k in values]
    if len(forms) != 1:
        checker.problem(node, "a requirement needs exactly one of 'any_of', 'experience' or 'text'")
    elif forms == ["experience"] and "months" not in values:
        checker.problem(node, "an 'experience' requirement needs 'months'")
    elif "months" in values and forms != ["experience"]:
        checker.problem(node.value["months"], "'months' only goes with 'experience'")


def _band_ok(text: str) -> bool:
    return parse_band_range(text) is not None


ID = Str(doc="a short stable id", max_length=80, coerce_numbers=True)
TEXT = Str()
MONTHS = Int(0, MAX_MONTHS, doc="length in months")
CREDITS = Int(0, MAX_CREDITS, doc="academic credits (FHEQ: 120 a full-time year)")
SOURCE_REFS = ListOf(Ref("sources"), doc="ids of sources for this fact")
FUNDING = ListOf(OneOf(FUNDING_KINDS), doc="how the training is paid for")
UNVERIFIED = Bool(doc="true when no source confirms this fact")
BAND = OneOf(
    validator=_band_ok,
    pattern=r"^\s*(?:[1-7]|8[a-dA-D]|9)(?:\s*[-/–]\s*(?:[1-7]|8[a-dA-D]|9))*\s*$",
    expected="an Agenda for Change band 1–9 (8a–8d), or a range such as '8a-8b'",
    doc="an Agenda for Change band or range",
)

_REQUIREMENT_LONG = Record(
    "requirement",
    {
        "any_of": Field(ListOf(Ref("role-or-qualification")), doc="alternatives: any one will do"),
        "experience": Field(
            Ref("role-or-qualification"),
            doc="role (or registration, for any role under it) in which experience is needed",
        ),
        "months": Field(MONTHS, doc="months of experience needed"),
        "text": Field(TEXT, doc="a condition that cannot be computed, shown as written"),
    },
    validate=_requirement_rule,
)
REQUIREMENT = Either(
    Ref("role-or-qualification", doc="a qualification or role id the person must hold"),
    _REQUIREMENT_LONG,
)
REQUIRES = ListOf(REQUIREMENT, doc="all of these are needed")

SOURCE = Record(
    "source",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT),
        "url": Field(Str(doc="web address")),
        "document": Field(Str(doc="a document that is not on the web")),
        "accessed": Field(Str(coerce_numbers=True, doc="when it was read, YYYY-MM")),
        "kind": Field(OneOf(SOURCE_KINDS, doc="what kind of publisher this is")),
        "note": Field(TEXT),
    },
    validate=_source_rule,
)

ENTRY_ROUTE = Record(
    "entry route",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT),
        "programme": Field(Ref("programmes")),
        "requires": Field(REQUIRES),
        "months": Field(MONTHS, doc="length, when it differs from the programme's"),
        "funding": Field(FUNDING),
        "note": Field(TEXT),
        "sources": Field(SOURCE_REFS),
        "unverified": Field(UNVERIFIED),
    },
    validate=_id_rule,
)

PROGRESSION = Record(
    "progression",
    {
        "to": Field(Ref("roles"), required=True),
        "kind": Field(OneOf(PROGRESSION_KINDS)),
        "programme": Field(Ref("programmes")),
        "requires": Field(REQUIRES),
        "months": Field(MONTHS),
        "funding": Field(FUNDING),
        "note": Field(TEXT),
        "sources": Field(SOURCE_REFS),
        "unverified": Field(UNVERIFIED),
    },
)

LINK = Record(
    "link",
    {
        "role": Field(Ref("roles"), required=True),
        "kind": Field(OneOf(LINK_KINDS)),
        "note": Field(TEXT),
        "sources": Field(SOURCE_REFS),
    },
)

BARRIER = Record(
    "barrier",
    {
        "id": Field(ID),
        "category": Field(OneOf(BARRIER_CATEGORIES), required=True),
        "text": Field(TEXT, required=True),
        "roles": Field(ListOf(Ref("roles")), doc="other roles this barrier affects"),
        "sources": Field(
            ListOf(Ref("sources"), min_items=1, doc="ids of sources for this barrier"),
            required=True,
        ),
        "unverified": Field(UNVERIFIED),
    },
)

COMPETENCY_NEED = Either(
    Ref("competencies"),
    Record(
        "competency need",
        {
            "id": Field(Ref("competencies"), required=True),
            "level": Field(OneOf(COMPETENCY_LEVELS)),
            "optional": Field(Bool(doc="true for a competency the role may need, not must")),
        },
    ),
)

ROLE_FILE = Record(
    "role",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "family": Field(Ref("families"), required=True),
        "summary": Field(TEXT),
        "aliases": Field(ListOf(TEXT)),
        "settings": Field(ListOf(TEXT)),
        "career_framework_level": Field(
            Int(1, max(CAREER_FRAMEWORK_LEVELS), doc="Skills for Health Career Framework level")
        ),
        "bands": Field(
            Record(
                "bands",
                {
                    "training": Field(BAND, doc="band while training"),
                    "qualified": Field(BAND, doc="band once qualified"),
                },
            )
        ),
        "regulation": Field(
            Record(
                "regulation",
                {
                    "kind": Field(OneOf(REGULATION_KINDS), required=True),
                    "body": Field(TEXT),
                    "register": Field(TEXT),
                    "protected_title": Field(TEXT),
                },
            )
        ),
        "entry_routes": Field(ListOf(ENTRY_ROUTE)),
        "competencies": Field(ListOf(COMPETENCY_NEED)),
        "progressions": Field(ListOf(PROGRESSION)),
        "links": Field(ListOf(LINK)),
        "barriers": Field(ListOf(BARRIER)),
        "sources": Field(
            ListOf(SOURCE, min_items=1, doc="where the role's facts come from"), required=True
        ),
        "unverified": Field(ListOf(TEXT), doc="fields no source confirms, e.g. [bands.qualified]"),
        "esco": Field(Str(doc="ESCO occupation URI")),
        "soc": Field(Str(coerce_numbers=True, doc="UK SOC 2020 unit group code")),
        "note": Field(TEXT),
        "implies": Field(
            ListOf(Ref("qualifications")),
            doc="qualifications and registrations anyone in this role holds",
        ),
    },
    doc="One role profile per file.",
    validate=_id_rule,
)

MODULE = Record(
    "module",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "credits": Field(CREDITS, required=True),
        "level": Field(Int(1, max(RQF_LEVELS))),
        "competencies": Field(ListOf(Ref("competencies"))),
        "sources": Field(SOURCE_REFS),
        "unverified": Field(UNVERIFIED),
    },
    validate=_id_rule,
)

PROGRAMME = Record(
    "programme",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "award": Field(TEXT),
        "level": Field(Int(1, max(RQF_LEVELS), doc="RQF/FHEQ level")),
        "credits": Field(CREDITS),
        "months": Field(MONTHS),
        "funding": Field(FUNDING),
        "cost": Field(Int(0, 10**7, doc="cost of training one person, in pounds")),
        "part_time_months": Field(MONTHS, doc="part-time length, where both are offered"),
        "standard": Field(
            Str(
                doc="apprenticeship standard reference, e.g. ST0781",
                pattern=r"ST\d{4}",
                expected="expected a standard reference such as ST0781",
            )
        ),
        "funding_band": Field(Int(0, 10**6, doc="apprenticeship maximum funding band, in pounds")),
        "fee": Field(Int(0, 10**6, doc="typical tuition fee for the whole programme, in pounds")),
        "kind": Field(
            OneOf(
                PROGRAMME_KINDS,
                doc="course (default), assessment or updating: no level if not a course",
            )
        ),
        "modules": Field(ListOf(MODULE)),
        "exit_awards": Field(
            ListOf(
                Record(
                    "exit award",
                    {"title": Field(TEXT, required=True), "credits": Field(CREDITS, required=True)},
                )
            )
        ),
        "note": Field(TEXT),
        "sources": Field(SOURCE_REFS, required=True),
        "unverified": Field(UNVERIFIED),
        "no_public_price": Field(
            TEXT,
            doc="why no price is published anywhere, with the date searched (the report counts"
            " the programme apart)",
        ),
    },
    validate=_programme_rule,
)

COMPETENCY = Record(
    "competency",
    {
        "id": Field(ID, required=True),
        "name": Field(TEXT, required=True),
        "domain": Field(TEXT, required=True),
        "description": Field(TEXT),
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
        "sources": Field(SOURCE_REFS),
    },
    validate=_id_rule,
)

QUALIFICATION = Record(
    "qualification",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "level": Field(Int(1, max(RQF_LEVELS))),
        "description": Field(TEXT),
        "aliases": Field(ListOf(TEXT)),
        "competencies": Field(ListOf(Ref("competencies")), doc="competencies it evidences"),
        "modules": Field(ListOf(Ref("modules")), doc="modules it accredits as prior learning"),
        "entry_routes": Field(ListOf(ENTRY_ROUTE), doc="ways to gain it (e.g. a part-time degree)"),
        "implies": Field(
            ListOf(Ref("qualifications")),
            doc="qualifications this one includes (a psychology degree is a degree)",
        ),
        "kind": Field(
            OneOf(("qualification", "registration")),
            doc="a qualification, or a registration with a professional regulator",
        ),
        "sources": Field(SOURCE_REFS),
    },
    validate=_id_rule,
)

FAMILY = Record(
    "family",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "description": Field(TEXT),
    },
    validate=_id_rule,
)

RULE = Record(
    "rule",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "kind": Field(OneOf(("wait-between",)), required=True),
        "months": Field(MONTHS),
        "programmes": Field(ListOf(Ref("programmes"))),
        "text": Field(TEXT),
        "sources": Field(SOURCE_REFS, required=True),
    },
    validate=_id_rule,
)

SHARED_BARRIER = Record(
    "barrier",
    {
        "id": Field(ID, required=True),
        "category": Field(OneOf(BARRIER_CATEGORIES), required=True),
        "text": Field(TEXT, required=True),
        "roles": Field(ListOf(Ref("roles")), required=True),
        "sources": Field(SOURCE_REFS, required=True),
        "unverified": Field(UNVERIFIED),
    },
    validate=_id_rule,
)

CATALOGUE_FILE = Record(
    "catalogue file",
    {
        "families": Field(ListOf(FAMILY)),
        "competencies": Field(ListOf(COMPETENCY)),
        "programmes": Field(ListOf(PROGRAMME)),
        "qualifications": Field(ListOf(QUALIFICATION)),
        "sources": Field(ListOf(SOURCE)),
        "rules": Field(ListOf(RULE)),
        "barriers": Field(ListOf(SHARED_BARRIER)),
    },
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
