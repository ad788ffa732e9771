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

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from careerpath.frameworks import (
    CAREER_FRAMEWORK_LEVELS,
    COMPETENCY_LEVELS,
    RQF_LEVELS,
    parse_band_range,
)
from careerpath.names import fold
from careerpath.text import months_text

__all__ = [
    "BARRIER_CATEGORIES",
    "FUNDING_KINDS",
    "LINK_KINDS",
    "PAID_FOR_FUNDING",
    "PROGRAMME_KINDS",
    "PROGRESSION_KINDS",
    "QUALIFICATION_KINDS",
    "REGULATION_KINDS",
    "RULE_KINDS",
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
    "Stored",
    "apprenticeship_only",
    "levy_age_limit",
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
#: A qualification, or a registration with a professional regulator (NMC, HCPC…).
QUALIFICATION_KINDS = ("qualification", "registration")
#: ``wait-between``: months between starting one listed programme and starting the next.
#: ``levy-age-limit``: the apprenticeship levy funds apprenticeships at ``level`` and above
#: only for apprentices under ``age_under`` (Level 7 since January 2026).
RULE_KINDS = ("wait-between", "levy-age-limit")

#: Months are bounded: no single programme or wait runs longer than 15 years.
MAX_MONTHS = 180
#: Credits are bounded: a professional doctorate is 540 credits.
MAX_CREDITS = 720


class Stored(msgspec.Struct, frozen=True):
    """How a field is written in pathways files, where its type and ``Meta`` do not say it.

    The records below are the one description of the stored format: each field's type,
    bounds and description (``msgspec.Meta``) and this marker are read by
    ``loading.derive`` to make the located checker, the builder, the writer and the JSON
    Schema, so a field added here is checked, built, saved and documented everywhere.
    Reading them costs nothing at start-up: the annotations stay text until the loader
    asks for them (``typing.get_type_hints``).
    """

    #: The kind of item ("roles", "programmes"…) a text names; checked once every file is read.
    ref: str = ""
    #: The only texts allowed.
    choices: tuple[str, ...] = ()
    #: Required in a file although the record has a default (so code may build it without).
    required: bool = False
    #: A number is read as text (ids such as 5, dates such as 2026-11).
    numbers: bool = False
    #: A number (whole or decimal) within the field's ``Meta`` bounds, kept as exact text
    #: (money and hours are costed, so 0.1 must not become 0.1000000000000000055).
    decimal: bool = False
    #: A test a text must pass instead of a list of choices, and how to say what it expects.
    check: Callable[[str], bool] | None = None
    expected: str = ""
    #: Set by the loader, never written in a file.
    internal: bool = False


def _band_ok(text: str) -> bool:
    return parse_band_range(text) is not None


#: The field types most records share, each with its bounds and description.
Id = Annotated[str, Meta(max_length=80, description="a short stable id"), Stored(numbers=True)]
Months = Annotated[int, Meta(ge=0, le=MAX_MONTHS, description="length in months")]
Credits = Annotated[
    int, Meta(ge=0, le=MAX_CREDITS, description="academic credits (FHEQ: 120 a full-time year)")
]
Level = Annotated[int, Meta(ge=1, le=max(RQF_LEVELS))]
SourceIds = Annotated[
    tuple[Annotated[str, Stored(ref="sources")], ...],
    Meta(description="ids of sources for this fact"),
]
Funding = Annotated[
    tuple[Annotated[str, Stored(choices=FUNDING_KINDS)], ...],
    Meta(description="how the training is paid for"),
]
Unverified = Annotated[bool, Meta(description="true when no source confirms this fact")]
Band = Annotated[
    str,
    Meta(
        pattern=r"^\s*(?:[1-7]|8[a-dA-D]|9)(?:\s*[-/–]\s*(?:[1-7]|8[a-dA-D]|9))*\s*$",
        description="an Agenda for Change band or range",
    ),
    Stored(
        check=_band_ok,
        expected="an Agenda for Change band 1–9 (8a–8d), or a range such as '8a-8b'",
    ),
]


RoleId = Annotated[str, Stored(ref="roles")]
ProgrammeId = Annotated[str, Stored(ref="programmes")]
CompetencyId = Annotated[str, Stored(ref="competencies")]
QualificationId = Annotated[str, Stored(ref="qualifications")]


Requires = Annotated[tuple["Requirement", ...], Meta(description="all of these are needed")]

RequirementKind = Literal["qualification", "role", "any_of", "experience", "text"]


class Source(msgspec.Struct, frozen=True):
    """Where a fact came from: a web page or a document, with the date it was read.

    ``kind`` is one of ``SOURCE_KINDS`` (empty when the data does not say), so an advert
    can be told from a regulator's standard.
    """

    id: Id
    title: str = ""
    url: Annotated[str, Meta(description="web address")] = ""
    document: Annotated[str, Meta(description="a document that is not on the web")] = ""
    accessed: Annotated[
        str, Meta(description="when it was read, YYYY-MM"), Stored(numbers=True)
    ] = ""
    kind: Annotated[
        str, Meta(description="what kind of publisher this is"), Stored(choices=SOURCE_KINDS)
    ] = ""
    note: str = ""

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

    def describe(
        self, name_of: dict[str, str] | None = None, registrations: Collection[str] = ()
    ) -> str:
        """Human wording, using ``name_of`` to turn ids into titles where given.

        Experience on a register (an id in ``registrations``) is time since registering,
        not time "as" a registration: "2 years' experience after Social Work England
        registration as a social worker".
        """
        names = name_of or {}
        if self.kind == "any_of":
            return " or ".join(o.describe(names, registrations) for o in self.options)
        if self.kind == "experience":
            span = months_text(self.months)
            if self.ref in registrations:
                return f"{span}' experience after {names.get(self.ref, self.ref)}"
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

    training: Annotated[Band, Meta(description="band while training")] | None = None
    qualified: Annotated[Band, Meta(description="band once qualified")] | None = None

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

    kind: Annotated[str, Stored(choices=REGULATION_KINDS, required=True)] = "none"
    body: str = ""
    register: str = ""
    protected_title: str = ""


class CompetencyNeed(msgspec.Struct, frozen=True):
    """A role's need for one competency, at a level from ``COMPETENCY_LEVELS``.

    ``optional`` needs (ESCO's "optional" relations) are shown but, unless asked, not
    counted by overlap, gap and similarity, which compare what a role requires.
    """

    id: CompetencyId
    level: Annotated[str, Stored(choices=COMPETENCY_LEVELS)] = "practitioner"
    optional: Annotated[
        bool, Meta(description="true for a competency the role may need, not must")
    ] = False

    @property
    def rank(self) -> int:
        """Level as a number from 1 (awareness) to 5 (expert)."""
        return COMPETENCY_LEVELS.index(self.level) + 1


class EntryRoute(msgspec.Struct, frozen=True):
    """A way into a role: usually a programme, with requirements and funding."""

    id: Id
    title: str = ""
    programme: ProgrammeId | None = None
    requires: Requires = ()
    months: (
        Annotated[Months, Meta(description="length, when it differs from the programme's")] | None
    ) = None
    funding: Funding = ()
    note: str = ""
    sources: SourceIds = ()
    unverified: Unverified = False


class Progression(msgspec.Struct, frozen=True):
    """A move from one role to another, with the programme and conditions it takes."""

    to: RoleId
    kind: Annotated[str, Stored(choices=PROGRESSION_KINDS)] = "vertical"
    programme: ProgrammeId | None = None
    requires: Requires = ()
    months: Months | None = None
    funding: Funding = ()
    note: str = ""
    sources: SourceIds = ()
    unverified: Unverified = False


class Link(msgspec.Struct, frozen=True):
    """A relationship between roles that is not a progression (supervision, eligibility…)."""

    role: RoleId
    kind: Annotated[str, Stored(choices=LINK_KINDS)] = "related"
    note: str = ""
    sources: SourceIds = ()


class Barrier(msgspec.Struct, frozen=True):
    """Something that gets in the way of entering, progressing in, or moving between roles."""

    id: Id
    category: Annotated[str, Stored(choices=BARRIER_CATEGORIES)]
    text: str
    roles: Annotated[tuple[RoleId, ...], Stored(required=True)] = ()
    sources: Annotated[SourceIds, Stored(required=True)] = ()
    unverified: Unverified = False


class Role(msgspec.Struct, frozen=True):
    """A role profile: the four questions (in, up, across, obstacles) answered for one role."""

    id: Id
    title: str
    family: Annotated[str, Stored(ref="families")]
    summary: str = ""
    aliases: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    career_framework_level: (
        Annotated[
            int,
            Meta(
                ge=1,
                le=max(CAREER_FRAMEWORK_LEVELS),
                description="Skills for Health Career Framework level",
            ),
        ]
        | None
    ) = None
    bands: Bands = msgspec.field(default_factory=Bands)
    regulation: Regulation = msgspec.field(default_factory=Regulation)
    entry_routes: tuple[EntryRoute, ...] = ()
    competencies: tuple[CompetencyNeed, ...] = ()
    progressions: tuple[Progression, ...] = ()
    links: tuple[Link, ...] = ()
    barriers: tuple[Barrier, ...] = ()
    #: Ids here; in a role file, the sources themselves (``loading.formats`` says how).
    sources: SourceIds = ()
    unverified: Annotated[
        tuple[str, ...], Meta(description="fields no source confirms, e.g. [bands.qualified]")
    ] = ()
    esco: Annotated[str, Meta(description="ESCO occupation URI")] = ""
    soc: Annotated[str, Meta(description="UK SOC 2020 unit group code"), Stored(numbers=True)] = ""
    note: str = ""
    file: Annotated[str, Stored(internal=True)] = ""
    #: Qualifications and registrations anyone in this role holds (NMC registration for a
    #: nurse); the common part of its entry routes' requirements is added by the engine.
    implies: Annotated[
        tuple[QualificationId, ...],
        Meta(description="qualifications and registrations anyone in this role holds"),
    ] = ()


class Competency(msgspec.Struct, frozen=True):
    """Something a role needs to know or do, with the frameworks it maps to."""

    id: Id
    name: str
    domain: str
    description: str = ""
    #: (framework, reference) pairs, sorted; a mapping in a file (``loading.formats``).
    frameworks: tuple[tuple[str, str], ...] = ()
    sources: SourceIds = ()
    #: Shared by every post by rule, as the six KSF core dimensions are part of every Agenda
    #: for Change post outline: similarity scores leave it out and report it separately, or
    #: it would make every pair of roles look alike.
    generic: Annotated[
        bool,
        Meta(description="true for a competency every post has by rule (the KSF core dimensions)"),
    ] = False


class Module(msgspec.Struct, frozen=True):
    """A unit of a programme, with the credits it carries and the competencies it teaches."""

    id: Id
    title: str
    credits: Credits
    level: Level | None = None
    competencies: tuple[CompetencyId, ...] = ()
    sources: SourceIds = ()
    unverified: Unverified = False


class ExitAward(msgspec.Struct, frozen=True):
    """An award a student can step off with after a number of credits (CertHE at 120…)."""

    title: str
    credits: Credits


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

    id: Id
    title: str
    award: str = ""
    level: Annotated[Level, Meta(description="RQF/FHEQ level")] | None = None
    credits: Credits | None = None
    months: Months | None = None
    funding: Funding = ()
    cost: (
        Annotated[int, Meta(ge=0, le=10**7, description="cost of training one person, in pounds")]
        | None
    ) = None
    part_time_months: (
        Annotated[Months, Meta(description="part-time length, where both are offered")] | None
    ) = None
    standard: Annotated[
        str,
        Meta(pattern=r"ST\d{4}", description="apprenticeship standard reference, e.g. ST0781"),
        Stored(expected="expected a standard reference such as ST0781"),
    ] = ""
    funding_band: (
        Annotated[
            int, Meta(ge=0, le=10**6, description="apprenticeship maximum funding band, in pounds")
        ]
        | None
    ) = None
    fee: (
        Annotated[
            int,
            Meta(
                ge=0, le=10**6, description="typical tuition fee for the whole programme, in pounds"
            ),
        ]
        | None
    ) = None
    kind: Annotated[
        str,
        Meta(description="course (default), assessment or updating: no level if not a course"),
        Stored(choices=PROGRAMME_KINDS),
    ] = ""
    modules: tuple[Module, ...] = ()
    exit_awards: tuple[ExitAward, ...] = ()
    note: str = ""
    sources: Annotated[SourceIds, Stored(required=True)] = ()
    unverified: Unverified = False
    no_public_price: Annotated[
        str,
        Meta(
            description="why no price is published anywhere, with the date searched (the"
            " report counts the programme apart)"
        ),
    ] = ""

    @property
    def kind_or_default(self) -> str:
        """The programme's kind with the stored default filled in: an unstated kind is a course.

        The one place that says so, for the quality report and the exports alike.
        """
        return self.kind or "course"


class Qualification(msgspec.Struct, frozen=True):
    """A starting point a person can hold (a level 3, a degree, a registration).

    ``entry_routes`` say how someone can gain it on the way (a part-time degree, an access
    course), so a route can pass through a qualification as well as start from one.
    """

    id: Id
    title: str
    level: Level | None = None
    description: str = ""
    aliases: tuple[str, ...] = ()
    competencies: Annotated[
        tuple[CompetencyId, ...], Meta(description="competencies it evidences")
    ] = ()
    modules: Annotated[
        tuple[Annotated[str, Stored(ref="modules")], ...],
        Meta(description="modules it accredits as prior learning"),
    ] = ()
    entry_routes: Annotated[
        tuple[EntryRoute, ...], Meta(description="ways to gain it (e.g. a part-time degree)")
    ] = ()
    #: Qualifications this one includes (a psychology degree is an honours degree; a
    #: registration implies the qualification behind it). Validated: no cycles.
    implies: Annotated[
        tuple[QualificationId, ...],
        Meta(description="qualifications this one includes (a psychology degree is a degree)"),
    ] = ()
    #: ``qualification`` or ``registration`` (a professional register entry such as NMC).
    kind: Annotated[
        str,
        Meta(description="a qualification, or a registration with a professional regulator"),
        Stored(choices=QUALIFICATION_KINDS),
    ] = "qualification"
    #: Words in a programme's award that confer this qualification (an honours degree:
    #: "(Hons)"). A programme at this level or above gives the qualification only when its
    #: award names one, so a 60-credit Level 6 Graduate Certificate is not an honours degree;
    #: empty, any programme at the level gives it (study at Level 5).
    awarded_as: Annotated[
        tuple[str, ...],
        Meta(
            description="words in a programme's award that confer it (an honours degree: '(Hons)')"
        ),
    ] = ()
    regulator: Annotated[
        str, Meta(description="for a registration, the regulator that holds the register")
    ] = ""
    sources: SourceIds = ()


class Family(msgspec.Struct, frozen=True):
    """A group of related roles, drawn as a cluster and used as a filter."""

    id: Id
    title: str
    description: str = ""


class Rule(msgspec.Struct, frozen=True):
    """A funding or regulatory rule that routes must respect.

    ``wait-between`` rules impose ``months`` between starting one listed programme and
    starting the next (the NHS two-year rule between funded psychological trainings).
    ``levy-age-limit`` rules say the levy funds apprenticeships at ``level`` and above only
    for apprentices under ``age_under``, from ``since``; ``summary`` is the clause a route
    step prints, so an organisation updating the rule updates what every route says.
    """

    id: Id
    title: str
    kind: Annotated[str, Stored(choices=RULE_KINDS)]
    months: Months = 0
    programmes: tuple[ProgrammeId, ...] = ()
    text: str = ""
    sources: Annotated[SourceIds, Stored(required=True)] = ()
    level: (
        Annotated[Level, Meta(description="lowest RQF level of apprenticeship the rule covers")]
        | None
    ) = None
    age_under: (
        Annotated[
            int, Meta(ge=16, le=100, description="the levy funds apprentices younger than this")
        ]
        | None
    ) = None
    since: Annotated[
        str, Meta(description="when the rule took effect, YYYY-MM"), Stored(numbers=True)
    ] = ""
    summary: Annotated[str, Meta(description="the clause a route step prints")] = ""


def levy_age_limit(catalogue: Catalogue, level: int | None) -> Rule | None:
    """The levy rule covering an apprenticeship at ``level``, if the data has one.

    Of two rules covering the level, the one for the highest level wins (the more specific).
    """
    if level is None:
        return None
    covering = [
        r
        for r in catalogue.rules
        if r.kind == "levy-age-limit" and r.level is not None and level >= r.level
    ]
    return max(covering, key=lambda r: (r.level or 0, r.id), default=None)


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
