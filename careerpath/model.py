"""The careerpath data model: frozen records built once from validated YAML.

Everything is immutable (tuples, not lists) so analyses can share one ``Catalogue`` without
defensive copies, and so that the catalogue can be cached and compared safely.

The records are ``msgspec.Struct`` classes rather than dataclasses. They behave the same way
(frozen, typed, compared by value, keyword construction) but are built in C: defining the
eighteen classes takes about 1 ms instead of 13 ms at every start, and unpickling the
compiled cache of a 3,000-role catalogue is several times faster, because no Python
``__init__`` or ``__setstate__`` runs per object (measured in ``make bench``; issue 7).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import msgspec

from careerpath.frameworks import COMPETENCY_LEVELS, parse_band_range
from careerpath.names import fold

__all__ = [
    "BARRIER_CATEGORIES",
    "FUNDING_KINDS",
    "LINK_KINDS",
    "PAID_FOR_FUNDING",
    "PROGRAMME_KINDS",
    "PROGRESSION_KINDS",
    "REGULATION_KINDS",
    "SELF_PAID_FUNDING",
    "SOURCE_KINDS",
    "Bands",
    "Barrier",
    "Catalogue",
    "Competency",
    "CompetencyNeed",
    "EntryRoute",
    "ExitAward",
    "Family",
    "Link",
    "Module",
    "Programme",
    "Progression",
    "Qualification",
    "Regulation",
    "Requirement",
    "Role",
    "Rule",
    "Source",
    "apprenticeship_only",
    "person_fee",
    "self_funded_fee",
]

BARRIER_CATEGORIES = (
    "entry",
    "progression",
    "transfer",
    "financial",
    "regulation",
    "perception",
    "capacity",
)
FUNDING_KINDS = (
    "salaried",
    "apprenticeship",
    "nhs-funded",
    "bursary",
    "student-loan",
    "self-funded",
    "employer-funded",
)
#: Funding kinds under which a person pays their own tuition: a programme funded any of these
#: ways may be taken without an apprentice post, so it is not an apprenticeship only.
SELF_PAID_FUNDING = ("student-loan", "self-funded")


def apprenticeship_only(funding: tuple[str, ...]) -> bool:
    """True when a step can only be taken as an employed apprentice.

    Then the employer (through the levy) pays the training, up to the standard's funding
    band, and the person needs an apprentice post: neither is something they pay or hold.
    A programme also open on a student loan or self-funded is not one: the person may
    take it that way (and pay).
    """
    return "apprenticeship" in funding and not any(f in funding for f in SELF_PAID_FUNDING)


#: Funding kinds under which someone other than the person pays the training.
PAID_FOR_FUNDING = ("nhs-funded", "employer-funded")


def person_fee(programme: Programme | None, funding: tuple[str, ...]) -> int | None:
    """What the person pays in training fees for a step (None: not in the data).

    The fee follows the step's funding. An apprentice pays nothing (the employer or levy
    pays); nor does a trainee whose training the NHS or an employer funds, even where the
    programme can also be self-funded: the route is the funded one, and what self-funding
    would cost is kept apart (``self_funded_fee``). Otherwise the typical tuition fee, else
    the programme's cost.
    """
    if apprenticeship_only(funding):
        return 0
    if programme is None:
        # No programme: a job taken directly costs nothing, but study the person pays for
        # (a degree on a student loan, say) has a fee the data does not give: unknown, not 0.
        return None if any(f in funding for f in SELF_PAID_FUNDING) else 0
    if any(f in funding for f in PAID_FOR_FUNDING):
        return 0
    return programme.fee if programme.fee is not None else programme.cost


def self_funded_fee(programme: Programme | None, funding: tuple[str, ...]) -> int | None:
    """The fee a person would pay by funding a step themselves, where the step is also funded.

    None when the step has no self-paid option beside NHS or employer funding (then
    ``person_fee`` is the whole story) or the data gives no fee.
    """
    if programme is None or apprenticeship_only(funding):
        return None
    if any(f in funding for f in PAID_FOR_FUNDING) and any(f in funding for f in SELF_PAID_FUNDING):
        return programme.fee if programme.fee is not None else programme.cost
    return None


PROGRESSION_KINDS = ("vertical", "lateral", "top-up", "specialist")
LINK_KINDS = ("related", "lateral", "supervises", "eligible-for", "works-with")
REGULATION_KINDS = ("statutory", "accredited-register", "voluntary", "none")
#: What kind of publisher a source is, most authoritative first, so a reader (and the
#: quality report) can tell a statute or regulator from a job advert or a blog.
SOURCE_KINDS = (
    "statute",
    "regulator",
    "national-body",
    "employer",
    "education-provider",
    "advert",
    "secondary",
)

#: What a programme is. A ``course`` (the default) is taught and leads to an award with an
#: academic level; an ``assessment`` is evidence judged by a body (an AHCS equivalence, an
#: Approved Clinician portfolio) and ``updating`` a regulator's return-to-practice period.
#: Neither of the last two awards a levelled qualification or credits, so the quality report
#: counts level and credits as not applicable to them instead of missing.
PROGRAMME_KINDS = ("course", "assessment", "updating")

RequirementKind = Literal["qualification", "role", "any_of", "experience", "text"]


class Source(msgspec.Struct, frozen=True):
    """Where a fact came from: a web page or a document, with the date it was read.

    ``kind`` is one of ``SOURCE_KINDS`` (empty when the data does not say), so an advert
    can be told from a regulator's standard.
    """

    id: str
    title: str = ""
    url: str = ""
    document: str = ""
    accessed: str = ""
    note: str = ""
    kind: str = ""

    @property
    def label(self) -> str:
        """The best short way to cite this source."""
        return self.title or self.url or self.document or self.id


class Requirement(msgspec.Struct, frozen=True):
    """One condition for an entry route or progression.

    ``qualification`` and ``role`` name an id; ``any_of`` holds alternatives; ``experience``
    asks for ``months`` of work in ``ref`` (a role id); ``text`` is a condition that cannot
    be computed (for example lived experience) and is shown as written.
    """

    kind: RequirementKind
    ref: str = ""
    months: int = 0
    options: tuple[Requirement, ...] = ()
    text: str = ""

    def describe(self, name_of: dict[str, str] | None = None) -> str:
        """Human wording, using ``name_of`` to turn ids into titles where given."""
        names = name_of or {}
        if self.kind == "any_of":
            return " or ".join(o.describe(names) for o in self.options)
        if self.kind == "experience":
            years, months = divmod(self.months, 12)
            span = (
                f"{years} year{'s' if years != 1 else ''}"
                if not months
                else f"{self.months} months"
            )
            return f"{span} as {names.get(self.ref, self.ref)}"
        if self.kind == "text":
            return self.text
        return names.get(self.ref, self.ref)

    def as_json(self) -> object:
        """The requirement as plain JSON data, mirroring the YAML form."""
        if self.kind == "any_of":
            return {"any_of": [o.as_json() for o in self.options]}
        if self.kind == "experience":
            return {"experience": self.ref, "months": self.months}
        if self.kind == "text":
            return {"text": self.text}
        return {self.kind: self.ref}


class Bands(msgspec.Struct, frozen=True):
    """Agenda for Change bands while training and once qualified (either may be unknown)."""

    training: str | None = None
    qualified: str | None = None

    def values(self) -> tuple[str, ...]:
        """Every band the role spans, training and qualified, lowest first."""
        from careerpath.frameworks import AFC_BANDS, band_rank

        ranks: set[int] = set()
        for text in (self.training, self.qualified):
            span = parse_band_range(text) if text else None
            if span:
                ranks.update(range(band_rank(span[0]), band_rank(span[1]) + 1))
        return tuple(AFC_BANDS[r] for r in sorted(ranks))

    def qualified_low(self) -> str | None:
        """The lowest band a qualified post starts at, for band-change figures."""
        span = parse_band_range(self.qualified) if self.qualified else None
        return span[0] if span else None


class Regulation(msgspec.Struct, frozen=True):
    """How the role is regulated: statutory register, accredited register, or none."""

    kind: str = "none"
    body: str = ""
    register: str = ""
    protected_title: str = ""


class CompetencyNeed(msgspec.Struct, frozen=True):
    """A role's need for one competency, at a level from ``COMPETENCY_LEVELS``.

    ``optional`` needs (ESCO's "optional" relations) are shown but, unless asked, not
    counted by overlap, gap and similarity, which compare what a role requires.
    """

    id: str
    level: str = "practitioner"
    optional: bool = False

    @property
    def rank(self) -> int:
        """Level as a number from 1 (awareness) to 5 (expert)."""
        return COMPETENCY_LEVELS.index(self.level) + 1


class EntryRoute(msgspec.Struct, frozen=True):
    """A way into a role: usually a programme, with requirements and funding."""

    id: str
    title: str = ""
    programme: str | None = None
    requires: tuple[Requirement, ...] = ()
    months: int | None = None
    funding: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()
    unverified: bool = False


class Progression(msgspec.Struct, frozen=True):
    """A move from one role to another, with the programme and conditions it takes."""

    to: str
    kind: str = "vertical"
    programme: str | None = None
    requires: tuple[Requirement, ...] = ()
    months: int | None = None
    funding: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()
    unverified: bool = False


class Link(msgspec.Struct, frozen=True):
    """A relationship between roles that is not a progression (supervision, eligibility…)."""

    role: str
    kind: str = "related"
    note: str = ""
    sources: tuple[str, ...] = ()


class Barrier(msgspec.Struct, frozen=True):
    """Something that gets in the way of entering, progressing in, or moving between roles."""

    id: str
    category: str
    text: str
    roles: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    unverified: bool = False


class Role(msgspec.Struct, frozen=True):
    """A role profile: the four questions (in, up, across, obstacles) answered for one role."""

    id: str
    title: str
    family: str
    summary: str = ""
    aliases: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    career_framework_level: int | None = None
    bands: Bands = msgspec.field(default_factory=Bands)
    regulation: Regulation = msgspec.field(default_factory=Regulation)
    entry_routes: tuple[EntryRoute, ...] = ()
    competencies: tuple[CompetencyNeed, ...] = ()
    progressions: tuple[Progression, ...] = ()
    links: tuple[Link, ...] = ()
    barriers: tuple[Barrier, ...] = ()
    sources: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()
    esco: str = ""
    soc: str = ""
    note: str = ""
    file: str = ""
    #: Qualifications and registrations anyone in this role holds (NMC registration for a
    #: nurse); the common part of its entry routes' requirements is added by the engine.
    implies: tuple[str, ...] = ()


class Competency(msgspec.Struct, frozen=True):
    """Something a role needs to know or do, with the frameworks it maps to."""

    id: str
    name: str
    domain: str
    description: str = ""
    frameworks: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()


class Module(msgspec.Struct, frozen=True):
    """A unit of a programme, with the credits it carries and the competencies it teaches."""

    id: str
    title: str
    credits: int
    level: int | None = None
    competencies: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    unverified: bool = False


class ExitAward(msgspec.Struct, frozen=True):
    """An award a student can step off with after a number of credits (CertHE at 120…)."""

    title: str
    credits: int


class Programme(msgspec.Struct, frozen=True):
    """A course of training: award, level, credits, length, funding, modules, exit awards.

    ``months`` is the full-time (or only) length and ``part_time_months`` the part-time one
    where a provider offers both. ``cost`` is what training one person costs whoever pays;
    ``funding_band`` is an apprenticeship standard's maximum funding band and ``fee`` a
    typical tuition fee for the whole programme, all in pounds, kept apart because a band
    is a cap the levy pays, not a price anyone quotes. A route adds up only what the
    person pays (``person_fee``): never an apprenticeship's cost or band. ``standard`` is the apprenticeship
    standard reference (e.g. ``ST0781``). ``kind`` is one of ``PROGRAMME_KINDS`` (empty means
    a course). ``no_public_price`` says why no price is published anywhere and when that was
    searched (places sold only to nominating employers, say): a sourced statement, so the
    quality report can count the programme apart from the ones whose price is merely missing.
    """

    id: str
    title: str
    award: str = ""
    level: int | None = None
    credits: int | None = None
    months: int | None = None
    funding: tuple[str, ...] = ()
    cost: int | None = None
    part_time_months: int | None = None
    standard: str = ""
    funding_band: int | None = None
    fee: int | None = None
    kind: str = ""
    modules: tuple[Module, ...] = ()
    exit_awards: tuple[ExitAward, ...] = ()
    note: str = ""
    sources: tuple[str, ...] = ()
    unverified: bool = False
    no_public_price: str = ""


class Qualification(msgspec.Struct, frozen=True):
    """A starting point a person can hold (a level 3, a degree, a registration).

    ``entry_routes`` say how someone can gain it on the way (a part-time degree, an access
    course), so a route can pass through a qualification as well as start from one.
    """

    id: str
    title: str
    level: int | None = None
    description: str = ""
    aliases: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    entry_routes: tuple[EntryRoute, ...] = ()
    #: Qualifications this one includes (a psychology degree is an honours degree; a
    #: registration implies the qualification behind it). Validated: no cycles.
    implies: tuple[str, ...] = ()
    #: ``qualification`` or ``registration`` (a professional register entry such as NMC).
    kind: str = "qualification"


class Family(msgspec.Struct, frozen=True):
    """A group of related roles, drawn as a cluster and used as a filter."""

    id: str
    title: str
    description: str = ""


class Rule(msgspec.Struct, frozen=True):
    """A funding or regulatory rule that routes must respect.

    ``wait-between`` rules impose ``months`` between starting one listed programme and
    starting the next (the NHS two-year rule between funded psychological trainings).
    """

    id: str
    title: str
    kind: str
    months: int = 0
    programmes: tuple[str, ...] = ()
    text: str = ""
    sources: tuple[str, ...] = ()


def _index(items: Iterable[object]) -> MappingProxyType[str, object]:
    return MappingProxyType({item.id: item for item in items})  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole validated dataset with lookup indexes built once.

    Roles, competencies and the rest are tuples sorted by id so every view of the catalogue
    is deterministic whatever order the files were read in.
    """

    roles: tuple[Role, ...] = ()
    competencies: tuple[Competency, ...] = ()
    programmes: tuple[Programme, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    families: tuple[Family, ...] = ()
    sources: tuple[Source, ...] = ()
    rules: tuple[Rule, ...] = ()
    barriers: tuple[Barrier, ...] = ()
    root: str = ""
    _by_id: dict[str, MappingProxyType[str, object]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for name in ("roles", "competencies", "programmes", "qualifications", "families"):
            self._by_id[name] = _index(getattr(self, name))
        self._by_id["sources"] = _index(self.sources)
        self._by_id["rules"] = _index(self.rules)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle the data, and the name index if built; the id indexes are rebuilt on load."""
        return (
            _restore,
            (
                dict(self._by_id["role-names"]) if "role-names" in self._by_id else None,
                self.roles,
                self.competencies,
                self.programmes,
                self.qualifications,
                self.families,
                self.sources,
                self.rules,
                self.barriers,
                self.root,
            ),
        )

    def compacted(self) -> Catalogue:
        """The same catalogue with equal competency needs shared, for a smaller, faster pickle."""
        import dataclasses

        from msgspec.structs import replace

        pool: dict[tuple[str, str, bool], CompetencyNeed] = {}
        roles = tuple(
            replace(
                r,
                competencies=tuple(
                    pool.setdefault((n.id, n.level, n.optional), n) for n in r.competencies
                ),
            )
            for r in self.roles
        )
        return dataclasses.replace(self, roles=roles, _by_id={})

    def role_names(self) -> MappingProxyType[str, object]:
        """Every name a role is called by (folded, first role wins) → its id, built once.

        Kept in the compiled cache, so finding "occupational therapist" among 3,000 ESCO roles
        is one dictionary look-up rather than folding 20,000 names on every run.
        """
        index = self._by_id.get("role-names")
        if index is None:
            names: dict[str, str] = {}
            for role in self.roles:
                for name in (role.id, role.title, *role.aliases):
                    names.setdefault(fold(name), role.id)
            index = self._by_id["role-names"] = MappingProxyType(names)
        return index

    def role(self, role_id: str) -> Role:
        """The role with this exact id (use ``lookup.find_role`` for what users type)."""
        return self._by_id["roles"][role_id]  # type: ignore[return-value]

    def competency(self, competency_id: str) -> Competency:
        """The competency with this exact id."""
        return self._by_id["competencies"][competency_id]  # type: ignore[return-value]

    def programme(self, programme_id: str) -> Programme:
        """The programme with this exact id."""
        return self._by_id["programmes"][programme_id]  # type: ignore[return-value]

    def qualification(self, qualification_id: str) -> Qualification:
        """The qualification with this exact id."""
        return self._by_id["qualifications"][qualification_id]  # type: ignore[return-value]

    def family(self, family_id: str) -> Family:
        """The family with this exact id."""
        return self._by_id["families"][family_id]  # type: ignore[return-value]

    def source(self, source_id: str) -> Source:
        """The source with this exact id."""
        return self._by_id["sources"][source_id]  # type: ignore[return-value]

    def has(self, kind: str, item_id: str) -> bool:
        """Whether an item of this kind ("roles", "programmes"…) has this id."""
        return item_id in self._by_id[kind]

    def all_barriers(self) -> Iterator[Barrier]:
        """Shared barriers and every role's own barriers (the latter tied to their role)."""
        yield from self.barriers
        yield from (b for r in self.roles for b in r.barriers)

    def name_of(self) -> dict[str, str]:
        """Map every role and qualification id to its title, for readable output."""
        names = {q.id: q.title for q in self.qualifications}
        names.update({r.id: r.title for r in self.roles})
        return names


def _restore(names: dict[str, object] | None, *fields: object) -> Catalogue:
    """Unpickle a Catalogue: rebuild it from its data and keep the name index if it was saved."""
    catalogue = Catalogue(*fields)  # type: ignore[arg-type]
    if names is not None:
        catalogue._by_id["role-names"] = MappingProxyType(names)
    return catalogue
