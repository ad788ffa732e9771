"""Records for competency frameworks, training provision and costing rates (issue 17).

These sit beside ``careerpath.model`` rather than inside it: a framework or a local learning
directory is read by the framework, coverage, needs and transfer commands only, so the role
catalogue (and its compiled cache) does not grow for everyone else.

A framework's tiers are ordered: a staff group at tier 3 needs every competency that applies at
tier 3, *to* tier 3, and a course that teaches a competency to tier 4 also meets a tier-3 need.
That one rule lives in ``Framework.meets``.

Like the model's records, these are the one description of their files: each field's type,
bounds and description (``msgspec.Meta``) and ``Stored`` mark are read by ``loading.derive``
to make the located checker and the editor JSON Schema (``loading.provision_formats`` adds
only the shapes a type cannot say: a rates file's pay points, a domain's competencies).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Annotated

import msgspec
from msgspec import Meta

from careerpath.frameworks import RQF_LEVELS
from careerpath.model import SOURCE_KINDS, Id, Stored

__all__ = [
    "DELIVERY_MODES",
    "PAY_POINTS",
    "CitedSource",
    "Course",
    "CourseCompetency",
    "Domain",
    "Framework",
    "FrameworkCompetency",
    "Headcount",
    "OnCost",
    "Organisation",
    "PayRate",
    "Provider",
    "Provision",
    "Rates",
    "StaffGroup",
    "Tier",
]

DELIVERY_MODES = ("face-to-face", "online-live", "e-learning", "blended", "work-based")
#: The pay points a rates file may name, lightest first.
PAY_POINTS = ("entry", "intermediate", "top")

Unverified = Annotated[bool, Meta(description="true when no source read confirms this item")]
#: Set by the loader, never written in a file.
Internal = Stored(internal=True)
SourceId = Annotated[str, Meta(description="the id of the source (in this file) that states it")]
Amount = Annotated[int, Meta(ge=0, le=10**6)]


class CitedSource(msgspec.Struct, frozen=True, kw_only=True):
    """Where a framework's structure or a rate came from, with the kind of publisher.

    ``kind`` is one of ``careerpath.model.SOURCE_KINDS`` ("" when the file does not say), so
    a secondary table quoting a publisher is never mistaken for the publisher itself.
    """

    id: Annotated[
        Id, Meta(description="a name that pay rates and on-costs cite with 'source:'")
    ] = ""
    title: str
    url: Annotated[str, Meta(description="web address of the primary publisher")]
    accessed: Annotated[
        str, Meta(description="when it was read, YYYY-MM-DD"), Stored(numbers=True)
    ] = ""
    kind: Annotated[
        str, Meta(description="what kind of publisher this is"), Stored(choices=SOURCE_KINDS)
    ] = ""
    note: str = ""


class Tier(msgspec.Struct, frozen=True):
    """One step of a framework's ladder of depth (Tier 1 … Tier 4, or levels).

    ``unverified`` marks a tier title that is a working label, not the framework's own.
    """

    id: Id
    rank: Annotated[int, Internal]  # its place in the file, lightest first
    title: str
    description: str = ""
    unverified: Unverified = False


class FrameworkCompetency(msgspec.Struct, frozen=True):
    """A competency of a framework and the tiers at which the framework expects it."""

    id: Id
    name: str
    domain: Annotated[str, Internal]  # the domain it is listed under
    tiers: Annotated[
        tuple[Annotated[str, Meta(description="a tier id")], ...],
        Meta(min_length=1, description="tiers at which the framework expects it"),
        Stored(required=True),
    ] = ()
    unverified: Unverified = False


class Domain(msgspec.Struct, frozen=True):
    """A group of competencies (a domain, cluster or area of the framework)."""

    id: Id
    title: str
    #: Ids here; in a file, the competencies themselves (``provision_formats`` says how).
    competencies: Annotated[tuple[str, ...], Meta(min_length=1), Stored(required=True)] = ()
    unverified: Unverified = False


class StaffGroup(msgspec.Struct, frozen=True):
    """A staff group or role the framework names, and the tier it places them at."""

    id: Id
    title: str
    tier: Annotated[str, Meta(description="the tier id the framework places this group at")]
    aliases: Annotated[
        tuple[str, ...], Meta(description="other names a team file may use (role titles)")
    ] = ()
    note: str = ""
    unverified: Unverified = False


class Framework(msgspec.Struct, frozen=True):
    """A competency framework: tiers, domains, competencies, staff groups, sources."""

    id: Id
    title: str
    publisher: str = ""
    note: Annotated[
        str, Meta(description="what is bundled and what is not (e.g. structure only)")
    ] = ""
    tiers: Annotated[
        tuple[Tier, ...],
        Meta(min_length=1, description="lightest first: the order is the rank"),
        Stored(required=True),
    ] = ()
    domains: Annotated[tuple[Domain, ...], Meta(min_length=1), Stored(required=True)] = ()
    #: Every domain's, in file order; a file lists them under their domain.
    competencies: Annotated[tuple[FrameworkCompetency, ...], Internal] = ()
    staff_groups: Annotated[tuple[StaffGroup, ...], Meta(min_length=1), Stored(required=True)] = ()
    sources: Annotated[
        tuple[CitedSource, ...],
        Meta(min_length=1, description="where the structure comes from"),
        Stored(required=True),
    ] = ()
    file: Annotated[str, Internal] = ""

    @property
    def has_unverified(self) -> bool:
        """Whether any tier, domain, competency or staff group is a working label (†)."""
        return any(
            item.unverified
            for group in (self.tiers, self.domains, self.competencies, self.staff_groups)
            for item in group
        )

    def tier(self, tier_id: str) -> Tier:
        """The tier with this id."""
        return next(t for t in self.tiers if t.id == tier_id)

    def rank(self, tier_id: str) -> int:
        """A tier id as its rank (1 = lightest involvement)."""
        return self.tier(tier_id).rank

    def staff_group(self, group_id: str) -> StaffGroup:
        """The staff group with this id."""
        return next(g for g in self.staff_groups if g.id == group_id)

    def needs_of(self, group_id: str) -> tuple[tuple[FrameworkCompetency, int], ...]:
        """What a staff group needs: each competency applying at its tier, with that tier's rank.

        This is the one answer to "what does this staff group need?" for the framework commands.
        """
        group = self.staff_group(group_id)
        rank = self.rank(group.tier)
        return tuple((c, rank) for c in self.competencies if group.tier in c.tiers)

    @staticmethod
    def meets(taught_rank: int, needed_rank: int) -> bool:
        """Whether teaching to ``taught_rank`` meets a need at ``needed_rank`` (deeper covers lighter)."""
        return taught_rank >= needed_rank


class CourseCompetency(msgspec.Struct, frozen=True):
    """A competency a course teaches, and to which tier of its framework."""

    id: Id
    tier: Annotated[str, Meta(description="the tier the course teaches it to (a tier id)")]


class Course(msgspec.Struct, frozen=True):
    """A course or module in a learning directory: what it teaches, to whom, at what cost."""

    id: Id
    title: str
    provider: Annotated[str, Stored(ref="providers")]
    framework: Annotated[str, Stored(ref="frameworks")]
    competencies: Annotated[
        tuple[CourseCompetency, ...], Meta(min_length=1), Stored(required=True)
    ] = ()
    credits: Annotated[
        int, Meta(ge=0, le=720, description="academic credits (0 for non-credit training)")
    ] = 0
    level: (
        Annotated[
            int,
            Meta(ge=1, le=max(RQF_LEVELS), description="RQF/FHEQ level of a credit-bearing module"),
        ]
        | None
    ) = None
    hours: Annotated[
        str,
        Meta(ge=0, le=5000, description="learner hours, the time costed at the learner's pay"),
        Stored(decimal=True, required=True),
    ] = "0"
    delivery: Annotated[str, Stored(choices=DELIVERY_MODES, required=True)] = ""
    cost: Annotated[
        int,
        Meta(ge=0, le=10**6, description="direct cost per learner place, in pounds"),
        Stored(required=True),
    ] = 0
    places: Annotated[Amount, Meta(description="learner places a year")] | None = None
    dates: tuple[
        Annotated[str, Meta(description="a start date, YYYY-MM-DD"), Stored(numbers=True)], ...
    ] = ()
    note: str = ""
    file: Annotated[str, Internal] = ""
    line: Annotated[int, Internal] = 0


class Headcount(msgspec.Struct, frozen=True):
    """How many staff of one framework staff group an organisation employs."""

    group: Annotated[str, Meta(description="a staff group id from the framework")]
    headcount: Amount


class Organisation(msgspec.Struct, frozen=True):
    """An organisation in the area: employer of staff groups, owner of providers."""

    id: Id
    title: str
    kind: str = ""
    staff: Annotated[
        tuple[Headcount, ...], Meta(description="staff employed, by framework staff group")
    ] = ()


class Provider(msgspec.Struct, frozen=True):
    """A training provider, belonging to an organisation."""

    id: Id
    title: str
    organisation: Annotated[str, Stored(ref="organisations")]


class Provision(msgspec.Struct, frozen=True):
    """A learning directory: organisations, providers and courses of one area."""

    area: str
    example: Annotated[
        bool, Meta(description="true for made-up example data; every output then says so")
    ]
    #: The framework its headcounts use, and the commands' default.
    framework: Annotated[
        str,
        Meta(description="the framework the headcounts use"),
        Stored(ref="frameworks", required=True),
    ] = ""
    organisations: tuple[Organisation, ...] = ()
    providers: tuple[Provider, ...] = ()
    courses: tuple[Course, ...] = ()
    root: Annotated[str, Internal] = ""

    def provider(self, provider_id: str) -> Provider:
        """The provider with this id."""
        return next(p for p in self.providers if p.id == provider_id)

    def organisation_of(self, course: Course) -> str:
        """The organisation that runs a course (through its provider)."""
        return self.provider(course.provider).organisation

    def course_index(self) -> MappingProxyType[str, Course]:
        """Courses by id."""
        return MappingProxyType({c.id: c for c in self.courses})


class PayRate(msgspec.Struct, frozen=True):
    """Annual pay points of one band (Agenda for Change) or other pay scale."""

    id: Id
    title: str
    #: (point name, annual £), e.g. ("entry", 31049); by name in a file (``provision_formats``).
    points: tuple[tuple[str, int], ...]
    unverified: Unverified = False
    source: SourceId = ""


class OnCost(msgspec.Struct, frozen=True):
    """An employer on-cost: ``rate`` of annual pay above ``threshold`` (e.g. employer NI)."""

    id: Id
    title: str
    rate: Annotated[
        str, Meta(ge=0, le=1, description="fraction of pay, e.g. 0.15"), Stored(decimal=True)
    ]
    threshold: Annotated[Amount, Meta(description="annual pay below which it is not charged")] = 0
    unverified: Unverified = False
    source: SourceId = ""


class Rates(msgspec.Struct, frozen=True, kw_only=True):
    """The costing model's inputs: pay points, working hours and on-costs, with sources."""

    title: str
    weekly_hours: Annotated[str, Meta(ge=1, le=80), Stored(decimal=True)]
    weeks_per_year: Annotated[str, Meta(ge=1, le=53), Stored(decimal=True)]
    default_point: Annotated[str, Stored(choices=PAY_POINTS)]
    pay: Annotated[tuple[PayRate, ...], Meta(min_length=1)]
    on_costs: tuple[OnCost, ...]
    sources: Annotated[
        tuple[CitedSource, ...],
        Meta(min_length=1, description="where the structure comes from"),
        Stored(required=True),
    ] = ()
    note: str = ""
    file: Annotated[str, Internal] = ""

    def pay_rate(self, rate_id: str) -> PayRate:
        """The pay rate (band) with this id."""
        return next(p for p in self.pay if p.id == rate_id)

    def unverified_rates(self) -> tuple[str, ...]:
        """Ids of the pay rates and on-costs no primary source read confirms (marked †)."""
        return tuple(p.id for p in self.pay if p.unverified) + tuple(
            o.id for o in self.on_costs if o.unverified
        )

    def source(self, source_id: str) -> CitedSource | None:
        """The cited source with this id, if any."""
        return next((s for s in self.sources if s.id == source_id), None)
