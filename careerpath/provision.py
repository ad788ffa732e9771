"""Records for competency frameworks, training provision and costing rates (issue 17).

These sit beside ``careerpath.model`` rather than inside it: a framework or a local learning
directory is read by the framework, coverage, needs and transfer commands only, so the role
catalogue (and its compiled cache) does not grow for everyone else.

A framework's tiers are ordered: a staff group at tier 3 needs every competency that applies at
tier 3, *to* tier 3, and a course that teaches a competency to tier 4 also meets a tier-3 need.
That one rule lives in ``Framework.meets``.
"""

from __future__ import annotations

from types import MappingProxyType

import msgspec

__all__ = [
    "DELIVERY_MODES",
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


class CitedSource(msgspec.Struct, frozen=True):
    """Where a framework's structure or a rate came from, with the kind of publisher.

    ``kind`` is one of ``careerpath.model.SOURCE_KINDS`` ("" when the file does not say), so
    a secondary table quoting a publisher is never mistaken for the publisher itself.
    """

    title: str
    url: str
    accessed: str = ""
    kind: str = ""
    note: str = ""
    id: str = ""


class Tier(msgspec.Struct, frozen=True):
    """One step of a framework's ladder of depth (Tier 1 … Tier 4, or levels).

    ``unverified`` marks a tier title that is a working label, not the framework's own.
    """

    id: str
    rank: int
    title: str
    description: str = ""
    unverified: bool = False


class FrameworkCompetency(msgspec.Struct, frozen=True):
    """A competency of a framework and the tiers at which the framework expects it."""

    id: str
    name: str
    domain: str
    tiers: tuple[str, ...] = ()
    unverified: bool = False


class Domain(msgspec.Struct, frozen=True):
    """A group of competencies (a domain, cluster or area of the framework)."""

    id: str
    title: str
    unverified: bool = False


class StaffGroup(msgspec.Struct, frozen=True):
    """A staff group or role the framework names, and the tier it places them at."""

    id: str
    title: str
    tier: str
    aliases: tuple[str, ...] = ()
    note: str = ""
    unverified: bool = False


class Framework(msgspec.Struct, frozen=True):
    """A competency framework: tiers, domains, competencies, staff groups, sources."""

    id: str
    title: str
    publisher: str = ""
    note: str = ""
    tiers: tuple[Tier, ...] = ()
    domains: tuple[Domain, ...] = ()
    competencies: tuple[FrameworkCompetency, ...] = ()
    staff_groups: tuple[StaffGroup, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    file: str = ""

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

    id: str
    tier: str


class Course(msgspec.Struct, frozen=True):
    """A course or module in a learning directory: what it teaches, to whom, at what cost."""

    id: str
    title: str
    provider: str
    framework: str
    competencies: tuple[CourseCompetency, ...] = ()
    credits: int = 0
    level: int | None = None
    hours: str = "0"  # exact decimal text: learner hours are costed
    delivery: str = ""
    cost: int = 0
    places: int | None = None
    dates: tuple[str, ...] = ()
    note: str = ""
    file: str = ""
    line: int = 0


class Headcount(msgspec.Struct, frozen=True):
    """How many staff of one framework staff group an organisation employs."""

    group: str
    headcount: int


class Organisation(msgspec.Struct, frozen=True):
    """An organisation in the area: employer of staff groups, owner of providers."""

    id: str
    title: str
    kind: str = ""
    staff: tuple[Headcount, ...] = ()


class Provider(msgspec.Struct, frozen=True):
    """A training provider, belonging to an organisation."""

    id: str
    title: str
    organisation: str


class Provision(msgspec.Struct, frozen=True):
    """A learning directory: organisations, providers and courses of one area."""

    area: str
    example: bool
    framework: str = ""  # the framework its headcounts use, and the commands' default
    organisations: tuple[Organisation, ...] = ()
    providers: tuple[Provider, ...] = ()
    courses: tuple[Course, ...] = ()
    root: str = ""

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

    id: str
    title: str
    points: tuple[tuple[str, int], ...]  # (point name, annual £), e.g. ("entry", 31049)
    unverified: bool = False
    source: str = ""  # the id of the rates file's source that states these points


class OnCost(msgspec.Struct, frozen=True):
    """An employer on-cost: ``rate`` of annual pay above ``threshold`` (e.g. employer NI)."""

    id: str
    title: str
    rate: str  # a decimal fraction as text, kept exact ("0.15")
    threshold: int = 0
    unverified: bool = False
    source: str = ""  # the id of the rates file's source that states this rate


class Rates(msgspec.Struct, frozen=True):
    """The costing model's inputs: pay points, working hours and on-costs, with sources."""

    title: str
    pay: tuple[PayRate, ...]
    on_costs: tuple[OnCost, ...]
    weekly_hours: str
    weeks_per_year: str
    default_point: str
    sources: tuple[CitedSource, ...] = ()
    file: str = ""
    note: str = ""

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
