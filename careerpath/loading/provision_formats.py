"""The shapes of framework, provision and costing-rate files, described once (issue 17).

Three kinds of file, each told apart by its top-level key: ``framework:`` (a competency
framework's tiers, domains, competencies and staff groups), ``provision:`` (a learning
directory: organisations, providers, courses) and ``rates:`` (pay points and on-costs for the
costing model). The specs are made, as for pathways files, from the records'
declarations (``careerpath.provision``, read by ``derive``): located checking with "did you
mean" hints and the JSON Schema editors use (``formats.json_schema`` includes them).
"""

from __future__ import annotations

from careerpath.loading.derive import Shapes
from careerpath.loading.formats import id_rule
from careerpath.loading.schema import Field, Int, ListOf, Number, Record, Str
from careerpath.provision import (
    PAY_POINTS,
    CitedSource,
    Course,
    CourseCompetency,
    Domain,
    Framework,
    FrameworkCompetency,
    Headcount,
    OnCost,
    Organisation,
    PayRate,
    Provider,
    Provision,
    Rates,
    StaffGroup,
    Tier,
)

__all__ = ["FILE_KINDS", "FRAMEWORK_FILE", "PROVISION_FILE", "RATES_FILE", "Number"]

#: Every record below is made from its declaration in ``careerpath.provision``; only the
#: shapes a type cannot say are written here.
_shapes = Shapes()
_shapes.record(CitedSource, name="source")
_shapes.record(Tier, validate=id_rule)
#: A domain's competencies are written in full under it; the record keeps their ids.
_shapes.record(
    Domain,
    validate=id_rule,
    fields={
        "competencies": Field(
            ListOf(
                _shapes.record(FrameworkCompetency, validate=id_rule, register=False),
                min_items=1,
            ),
            required=True,
        )
    },
)
_shapes.record(StaffGroup, validate=id_rule)
FRAMEWORK = _shapes.record(
    Framework,
    doc="A competency framework's structure: tiers × domains × staff groups.",
    validate=id_rule,
)

FRAMEWORK_FILE = Record(
    "framework file",
    {"framework": Field(FRAMEWORK, required=True)},
    doc="One competency framework per file.",
)

_shapes.record(CourseCompetency)
_shapes.record(Course, validate=id_rule)
_shapes.record(Headcount)
_shapes.record(Organisation, validate=id_rule)
_shapes.record(Provider, validate=id_rule)
#: Several files with the same area make one directory; each may carry its own note.
PROVISION = _shapes.record(
    Provision,
    fields={"note": Field(Str())},
    doc="A learning directory; may be split over several files with the same area.",
)

PROVISION_FILE = Record(
    "provision file", {"provision": Field(PROVISION, required=True)}, doc="A learning directory."
)

_shapes.record(
    PayRate,
    validate=id_rule,
    fields={
        # (name, £) pairs in the record; by name in a file.
        "points": Field(
            Record(
                "pay points",
                {
                    point: Field(Int(0, 10**6), required=point != "intermediate")
                    for point in PAY_POINTS
                },
            ),
            required=True,
        ),
    },
)
_shapes.record(OnCost, validate=id_rule, name="on-cost")
RATES = _shapes.record(Rates)

RATES_FILE = Record("rates file", {"rates": Field(RATES, required=True)}, doc="Costing rates.")

#: Top-level key → the file's spec; a document holding one of these keys is one of ours.
FILE_KINDS = {"framework": FRAMEWORK_FILE, "provision": PROVISION_FILE, "rates": RATES_FILE}
