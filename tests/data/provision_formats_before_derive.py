"""The framework, provision and rates shapes as written by hand before issue 19, an oracle.

``tests/test_derive.py`` checks that the shapes now made from ``careerpath.provision`` agree
with these on every field written here: same checks, same messages, same JSON Schema.
"""

from __future__ import annotations

from careerpath.frameworks import RQF_LEVELS
from careerpath.loading.formats import ID, TEXT, id_rule
from careerpath.loading.schema import (
    Bool,
    Field,
    Int,
    ListOf,
    Number,
    OneOf,
    Record,
    Ref,
    Str,
)
from careerpath.model import SOURCE_KINDS
from careerpath.provision import DELIVERY_MODES

SOURCE = Record(
    "source",
    {
        "id": Field(ID, doc="a name that pay rates and on-costs cite with 'source:'"),
        "title": Field(TEXT, required=True),
        "url": Field(Str(doc="web address of the primary publisher"), required=True),
        "accessed": Field(Str(coerce_numbers=True, doc="when it was read, YYYY-MM-DD")),
        "kind": Field(OneOf(SOURCE_KINDS, doc="what kind of publisher this is")),
        "note": Field(TEXT),
    },
)
SOURCES = ListOf(SOURCE, min_items=1, doc="where the structure comes from")
UNVERIFIED = Bool(doc="true when no source read confirms this item")

TIER = Record(
    "tier",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "description": Field(TEXT),
        "unverified": Field(UNVERIFIED),
    },
    validate=id_rule,
)

COMPETENCY = Record(
    "framework competency",
    {
        "id": Field(ID, required=True),
        "name": Field(TEXT, required=True),
        "tiers": Field(
            ListOf(
                Str(doc="a tier id"), min_items=1, doc="tiers at which the framework expects it"
            ),
            required=True,
        ),
        "unverified": Field(UNVERIFIED),
    },
    validate=id_rule,
)

DOMAIN = Record(
    "domain",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "competencies": Field(ListOf(COMPETENCY, min_items=1), required=True),
        "unverified": Field(UNVERIFIED),
    },
    validate=id_rule,
)

STAFF_GROUP = Record(
    "staff group",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "tier": Field(Str(doc="the tier id the framework places this group at"), True),
        "aliases": Field(ListOf(TEXT), doc="other names a team file may use (role titles)"),
        "note": Field(TEXT),
        "unverified": Field(UNVERIFIED),
    },
    validate=id_rule,
)

FRAMEWORK = Record(
    "framework",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "publisher": Field(TEXT),
        "note": Field(TEXT, doc="what is bundled and what is not (e.g. structure only)"),
        "tiers": Field(
            ListOf(TIER, min_items=1, doc="lightest first: the order is the rank"), required=True
        ),
        "domains": Field(ListOf(DOMAIN, min_items=1), required=True),
        "staff_groups": Field(ListOf(STAFF_GROUP, min_items=1), required=True),
        "sources": Field(SOURCES, required=True),
    },
    doc="A competency framework's structure: tiers × domains × staff groups.",
    validate=id_rule,
)

FRAMEWORK_FILE = Record(
    "framework file",
    {"framework": Field(FRAMEWORK, required=True)},
    doc="One competency framework per file.",
)

COURSE_COMPETENCY = Record(
    "course competency",
    {
        "id": Field(ID, required=True),
        "tier": Field(Str(doc="the tier the course teaches it to (a tier id)"), required=True),
    },
)

COURSE = Record(
    "course",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "provider": Field(Ref("providers"), required=True),
        "framework": Field(Ref("frameworks"), required=True),
        "competencies": Field(ListOf(COURSE_COMPETENCY, min_items=1), required=True),
        "credits": Field(Int(0, 720, doc="academic credits (0 for non-credit training)")),
        "level": Field(Int(1, max(RQF_LEVELS), doc="RQF/FHEQ level of a credit-bearing module")),
        "hours": Field(
            Number(0, 5000, doc="learner hours, the time costed at the learner's pay"), True
        ),
        "delivery": Field(OneOf(DELIVERY_MODES), required=True),
        "cost": Field(Int(0, 10**6, doc="direct cost per learner place, in pounds"), True),
        "places": Field(Int(0, 10**6, doc="learner places a year")),
        "dates": Field(ListOf(Str(coerce_numbers=True, doc="a start date, YYYY-MM-DD"))),
        "note": Field(TEXT),
    },
    validate=id_rule,
)

HEADCOUNT = Record(
    "headcount",
    {
        "group": Field(Str(doc="a staff group id from the framework"), True),
        "headcount": Field(Int(0, 10**6), required=True),
    },
)

ORGANISATION = Record(
    "organisation",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "kind": Field(TEXT),
        "staff": Field(ListOf(HEADCOUNT), doc="staff employed, by framework staff group"),
    },
    validate=id_rule,
)

PROVIDER = Record(
    "provider",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "organisation": Field(Ref("organisations"), required=True),
    },
    validate=id_rule,
)

PROVISION = Record(
    "provision",
    {
        "area": Field(TEXT, required=True),
        "example": Field(
            Bool(doc="true for made-up example data; every output then says so"), True
        ),
        "framework": Field(Ref("frameworks", doc="the framework the headcounts use"), True),
        "organisations": Field(ListOf(ORGANISATION)),
        "providers": Field(ListOf(PROVIDER)),
        "courses": Field(ListOf(COURSE)),
        "note": Field(TEXT),
    },
    doc="A learning directory; may be split over several files with the same area.",
)

PROVISION_FILE = Record(
    "provision file", {"provision": Field(PROVISION, required=True)}, doc="A learning directory."
)

PAY_RATE = Record(
    "pay rate",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "points": Field(
            Record(
                "pay points",
                {
                    "entry": Field(Int(0, 10**6), required=True),
                    "intermediate": Field(Int(0, 10**6)),
                    "top": Field(Int(0, 10**6), required=True),
                },
            ),
            required=True,
        ),
        "unverified": Field(UNVERIFIED),
        "source": Field(Str(doc="the id of the source (in this file) that states it")),
    },
    validate=id_rule,
)

ON_COST = Record(
    "on-cost",
    {
        "id": Field(ID, required=True),
        "title": Field(TEXT, required=True),
        "rate": Field(Number(0, 1, doc="fraction of pay, e.g. 0.15"), required=True),
        "threshold": Field(Int(0, 10**6, doc="annual pay below which it is not charged")),
        "unverified": Field(UNVERIFIED),
        "source": Field(Str(doc="the id of the source (in this file) that states it")),
    },
    validate=id_rule,
)

RATES = Record(
    "rates",
    {
        "title": Field(TEXT, required=True),
        "weekly_hours": Field(Number(1, 80), required=True),
        "weeks_per_year": Field(Number(1, 53), required=True),
        "default_point": Field(OneOf(("entry", "intermediate", "top")), required=True),
        "pay": Field(ListOf(PAY_RATE, min_items=1), required=True),
        "on_costs": Field(ListOf(ON_COST), required=True),
        "sources": Field(SOURCES, required=True),
        "note": Field(TEXT),
    },
)

RATES_FILE = Record("rates file", {"rates": Field(RATES, required=True)}, doc="Costing rates.")

#: Top-level key → the file's spec; a document holding one of these keys is one of ours.
FILE_KINDS = {"framework": FRAMEWORK_FILE, "provision": PROVISION_FILE, "rates": RATES_FILE}
