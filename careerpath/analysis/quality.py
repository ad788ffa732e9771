"""How far a pathways folder can be trusted: the data-quality report behind ``validate --report``.

Validation says whether a folder *loads*; this says whether it is *good enough to publish*:
how many programmes carry the facts an adviser quotes (length, level, credits, cost or
funding band, apprenticeship standard), how many facts no source confirms, how old and how
authoritative the sources are, which sources sit on hosts nobody should cite (staging and
development servers, document-scraper mirrors, unrelated domains), where an internal id or
project reference leaks into text a user reads, which roles nothing connects, and which
requirements routes cannot check. Every measure is a plain value so the terminal and JSON
renderers show the same figures; nothing here prints.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from careerpath.model import Catalogue, Programme, Requirement, Role, Source

__all__ = [
    "LISTING_HOSTS",
    "MIRROR_HOSTS",
    "QualityReport",
    "Share",
    "SuspectSource",
    "TextLeak",
    "quality_report",
    "suspect_host_reason",
]

#: Document-scraper mirrors and hosts with no connection to health careers, met in real
#: data. A host is matched with its subdomains ("www.studylib.net" matches "studylib.net").
#: Names whose last label varies (vdocuments.net, .mx, .us…) are matched on the first label.
MIRROR_HOSTS = frozenset(
    {
        "abcdocz.com",
        "careersdocbox.com",
        "collegelearners.com",
        "docplayer.net",
        "documents.pub",
        "dokumen.tips",
        "hozir.org",
        "info.5y1.org",
        "issuu.com",
        "markedbyteachers.com",
        "paperzz.com",
        "pdf4pro.com",
        "pdfhost.io",
        "studylib.net",
        "yumpu.com",
        "netnewstoday.com",
        "thebvapp.com",
    }
)
_MIRROR_FIRST_LABELS = frozenset({"vdocuments", "fdocuments", "pdfslide", "studylib", "dokumen"})
#: Course-listing, visa-sponsor and study-abroad aggregators met in real data: they copy a
#: university's or a statistics office's page, often out of date, so cite the publisher.
LISTING_HOSTS = frozenset(
    {
        "collegelist.co.uk",
        "courseoptions.com",
        "easyuni.com",
        "educatly.com",
        "findaprofessionaldoctorate.com",
        "getborderless.co.uk",
        "huntukvisasponsors.com",
        "masterscompare.co.uk",
        "mastersavenue.com",
        "studentconnect.org",
        "studylondon.ac.uk",
        "targetpostgrad.com",
        "uksponsorfinder.com",
        "youapply.com",
    }
)
#: Listing sites whose host name varies (The Uni Guide's cloud host), matched on a label.
_LISTING_LABELS = frozenset({"theuniguide"})
#: Code-hosting sites: a published document found there is somebody's copy, and the
#: publisher (ONS, a regulator) keeps the original and its later versions.
_CODE_HOSTS = frozenset({"github.com", "raw.githubusercontent.com", "gitlab.com"})
_UNRELATED_HOSTS = frozenset(
    {
        "bulasikyikamamakinasiservisi.com",
        "hermesbagsco.com",
        "eclesseus.com",
        "applicaaone.com",
        "ntro.it.com",
    }
)
#: A host label that marks a non-production server: staging.x, x-staging.y, dev.x, tst…
_NON_PRODUCTION = re.compile(
    r"(?:^|[.-])(?:staging|stg|stage|dev|cdev\d*|test|tst|uat|preprod|sandbox)(?:[.-]|$)"
)
_DEV_PLATFORMS = ("azurewebsites.net", "ucasenvironments.com", "herokuapp.com", "netlify.app")
#: Words that only make sense inside the project: issue numbers, working notes, the brief.
_PROJECT_REFERENCE = re.compile(
    r"\b(?:issue|ticket|pr)\s*#?\d+\b|\broles-facts\b|\bresearch notes?\b|\bcareerpath\b",
    re.IGNORECASE,
)
_ID_TOKEN = re.compile(r"(?<![\w/.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/-])")


@dataclass(frozen=True, slots=True)
class Share:
    """How many of ``total`` items carry a fact, for one line of the report.

    ``not_applicable`` items are left out of ``total``: they are recorded as having no such
    fact (an equivalence assessment has no academic level), which is an answer, not a gap.
    """

    fact: str
    have: int
    total: int
    not_applicable: int = 0

    @property
    def percent(self) -> float:
        """The share as a percentage (100 when there is nothing to count)."""
        return 100.0 * self.have / self.total if self.total else 100.0


@dataclass(frozen=True, slots=True)
class SuspectSource:
    """A source whose address no reader should be sent to, and why."""

    id: str
    url: str
    reason: str


@dataclass(frozen=True, slots=True)
class TextLeak:
    """Text a user sees that holds an internal id or a project reference."""

    where: str
    found: str


@dataclass(frozen=True, slots=True)
class QualityReport:
    """Every measure of one folder; see ``quality_report``."""

    root: str
    today: str
    older_than_months: int
    programmes: int
    programme_shares: tuple[Share, ...]
    apprenticeships: int
    apprenticeship_shares: tuple[Share, ...]
    missing: tuple[tuple[str, tuple[str, ...]], ...]
    not_courses: tuple[tuple[str, str], ...]
    no_public_price: tuple[tuple[str, str], ...]
    unverified_by_family: tuple[tuple[str, int], ...]
    unverified_programmes: int
    sources: int
    sources_by_kind: tuple[tuple[str, int], ...]
    sources_by_host: tuple[tuple[str, int], ...]
    undated_sources: tuple[str, ...]
    stale_sources: tuple[tuple[str, str], ...]
    suspect_sources: tuple[SuspectSource, ...]
    text_leaks: tuple[TextLeak, ...]
    isolated_roles: tuple[str, ...]
    roles_without_way_in: tuple[str, ...]
    roles_without_way_on: tuple[str, ...]
    text_requirements: tuple[tuple[str, str], ...]

    @property
    def defects(self) -> int:
        """Findings a release should not ship with: bad hosts and leaked internal text."""
        return len(self.suspect_sources) + len(self.text_leaks)


def suspect_host_reason(url: str) -> str:
    """Why a source address should not be cited ("" when nothing is wrong with its host)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return ""
    labels = host.split(".")
    if any(host == h or host.endswith("." + h) for h in MIRROR_HOSTS) or (
        labels[0] in _MIRROR_FIRST_LABELS or (len(labels) > 2 and labels[1] in _MIRROR_FIRST_LABELS)
    ):
        return "document-scraper mirror or reposting site; cite the publisher"
    if any(host == h or host.endswith("." + h) for h in LISTING_HOSTS) or (
        _LISTING_LABELS & set(labels)
    ):
        return "course-listing or aggregator site; cite the university or publisher"
    if any(host == h or host.endswith("." + h) for h in _CODE_HOSTS):
        return "code-hosting copy of a published document; cite the publisher"
    if any(host == h or host.endswith("." + h) for h in _UNRELATED_HOSTS):
        return "unrelated domain; cite the publisher"
    if any(host.endswith(p) for p in _DEV_PLATFORMS):
        return "development or hosting-platform address, not the publisher's site"
    if _NON_PRODUCTION.search(host):
        return "staging, development or test server"
    return ""


def _host(source: Source) -> str:
    host = (urlsplit(source.url).hostname or "").lower() if source.url else ""
    return host.removeprefix("www.") if host else "(document, no address)"


def _months_old(accessed: str, today: date) -> int | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", accessed.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return (today.year - year) * 12 + today.month - month


def _is_apprenticeship(programme: Programme) -> bool:
    return "apprenticeship" in programme.funding


_PRICED = "cost, fee or funding band (where one is public)"


def _is_commissioned(programme: Programme) -> bool:
    """A salaried, NHS-commissioned training whose price is paid centrally and rarely published.

    Such programmes (DClinPsy, STP, PWP and the like) are counted apart, so "how many
    programmes say what they cost" is measured over programmes someone is quoted a price for.
    """
    return bool(programme.funding) and set(programme.funding) <= {"salaried", "nhs-funded"}


def _is_course(programme: Programme) -> bool:
    return programme.kind_or_default == "course"


#: Facts a programme of each kind cannot have, so lacking them is an answer, not a gap: an
#: assessment or a return-to-practice period awards no levelled qualification and no credits,
#: and an assessment (evidence judged by a panel) has no set length, only the candidate's.
_NOT_APPLICABLE = {
    "assessment": frozenset({"level", "credits", "months"}),
    "updating": frozenset({"level", "credits"}),
}


def _shares(
    catalogue: Catalogue,
) -> tuple[tuple[Share, ...], tuple[Share, ...], dict[str, list[str]]]:
    facts: dict[str, Callable[[Programme], bool]] = {
        "months": lambda p: p.months is not None,
        "level": lambda p: p.level is not None,
        "credits": lambda p: p.credits is not None,
        "cost, fee or funding band": lambda p: (
            p.cost is not None or p.fee is not None or p.funding_band is not None
        ),
    }
    missing: dict[str, list[str]] = {}
    shares = []
    for fact, has in facts.items():
        applicable = [
            p
            for p in catalogue.programmes
            if fact not in _NOT_APPLICABLE.get(p.kind, frozenset()) or has(p)
        ]
        lacking = [p.id for p in applicable if not has(p)]
        missing[fact] = lacking
        shares.append(
            Share(
                fact,
                len(applicable) - len(lacking),
                len(applicable),
                len(catalogue.programmes) - len(applicable),
            )
        )
    # Where the data states, with a source and the date searched, that no price is published
    # anywhere (places sold only to nominating employers), lacking one is an answer, not a
    # gap: such programmes are listed apart, with their reason, not counted.
    priced = [p for p in catalogue.programmes if not _is_commissioned(p) and not p.no_public_price]
    lacking = [p.id for p in priced if not facts["cost, fee or funding band"](p)]
    missing[_PRICED] = lacking
    shares.append(Share(_PRICED, len(priced) - len(lacking), len(priced)))
    apprenticeships = [p for p in catalogue.programmes if _is_apprenticeship(p)]
    lacking = [p.id for p in apprenticeships if not p.standard]
    missing["standard reference (apprenticeships)"] = lacking
    lacking_band = [p.id for p in apprenticeships if p.funding_band is None]
    missing["funding band (apprenticeships)"] = lacking_band
    apprenticeship_shares = (
        Share("standard reference", len(apprenticeships) - len(lacking), len(apprenticeships)),
        Share("funding band", len(apprenticeships) - len(lacking_band), len(apprenticeships)),
    )
    return tuple(shares), apprenticeship_shares, missing


def _unverified(catalogue: Catalogue) -> Counter[str]:
    counts: Counter[str] = Counter({f.id: 0 for f in catalogue.families})
    for role in catalogue.roles:
        counts[role.family] += (
            len(role.unverified)
            + sum(e.unverified for e in role.entry_routes)
            + sum(p.unverified for p in role.progressions)
            + sum(b.unverified for b in role.barriers)
        )
    return counts


def _visible_texts(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user can be shown."""
    for role in catalogue.roles:
        yield f"role {role.id}: title", role.title
        yield f"role {role.id}: summary", role.summary
        yield f"role {role.id}: note", role.note
        for route in role.entry_routes:
            yield f"role {role.id}: entry route {route.id}", f"{route.title}\n{route.note}"
        for step in role.progressions:
            yield f"role {role.id}: progression to {step.to}", step.note
        for link in role.links:
            yield f"role {role.id}: link to {link.role}", link.note
        for barrier in role.barriers:
            yield f"role {role.id}: barrier {barrier.id}", barrier.text
    for programme in catalogue.programmes:
        yield f"programme {programme.id}", f"{programme.title}\n{programme.note}"
        if programme.no_public_price:
            yield f"programme {programme.id}: no public price", programme.no_public_price
    for barrier in catalogue.barriers:
        yield f"barrier {barrier.id}", barrier.text
    for rule in catalogue.rules:
        yield f"rule {rule.id}", f"{rule.title}\n{rule.text}\n{rule.summary}"
    for source in catalogue.sources:
        yield f"source {source.id}", f"{source.title}\n{source.document}\n{source.note}"


def _leaks(catalogue: Catalogue) -> list[TextLeak]:
    # Ids that name something internal: sources, entry routes, barriers, modules. Role,
    # programme and qualification ids are often plain words ("pwp") and are left alone.
    internal = {s.id for s in catalogue.sources}
    internal |= {e.id for r in catalogue.roles for e in r.entry_routes}
    internal |= {m.id for p in catalogue.programmes for m in p.modules}
    internal |= {b.id for b in catalogue.all_barriers()}
    leaks: list[TextLeak] = []
    for where, text in _visible_texts(catalogue):
        found = {m.group(0) for m in _PROJECT_REFERENCE.finditer(text)}
        found |= {t for t in _ID_TOKEN.findall(text) if t in internal}
        leaks.extend(TextLeak(where, f) for f in sorted(found))
    return leaks


def _requirements(requirements: tuple[Requirement, ...]) -> Iterator[Requirement]:
    for requirement in requirements:
        yield requirement
        yield from _requirements(requirement.options)


def _text_requirements(catalogue: Catalogue) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for role in catalogue.roles:
        for route in role.entry_routes:
            found.extend(
                (f"{role.id}: entry route {route.id}", r.text)
                for r in _requirements(route.requires)
                if r.kind == "text"
            )
        for step in role.progressions:
            found.extend(
                (f"{role.id}: progression to {step.to}", r.text)
                for r in _requirements(step.requires)
                if r.kind == "text"
            )
    return found


def _connections(roles: tuple[Role, ...]) -> tuple[list[str], list[str], list[str]]:
    """Roles with no edge at all, with no edge in, and with no progression out.

    A role nobody can progress out of is a career ceiling: right for a consultant post,
    a gap for a support role, so it is listed for a reviewer to judge, not counted a defect.
    """
    touched: set[str] = set()
    reached: set[str] = set()
    for role in roles:
        if role.progressions or role.links:
            touched.add(role.id)
        for step in role.progressions:
            touched.add(step.to)
            reached.add(step.to)
        for link in role.links:
            touched.add(link.role)
        if role.entry_routes:
            reached.add(role.id)
    isolated = [r.id for r in roles if r.id not in touched]
    no_way_in = [r.id for r in roles if r.id not in reached]
    no_way_on = [r.id for r in roles if not r.progressions]
    return isolated, no_way_in, no_way_on


def quality_report(catalogue: Catalogue, today: date, older_than_months: int = 12) -> QualityReport:
    """Measure a loaded catalogue; ``today`` is passed in so the same data gives the same report.

    A source is stale when it was read more than ``older_than_months`` months before
    ``today``; a source with no readable ``accessed`` date is listed as undated.

    >>> from careerpath.model import Catalogue
    >>> quality_report(Catalogue(), date(2026, 12, 2)).programmes
    0
    """
    shares, apprenticeship_shares, missing = _shares(catalogue)
    stale, undated, suspect = [], [], []
    for source in catalogue.sources:
        age = _months_old(source.accessed, today) if source.accessed else None
        if age is None:
            undated.append(source.id)
        elif age > older_than_months:
            stale.append((source.id, source.accessed))
        reason = suspect_host_reason(source.url) if source.url else ""
        if reason:
            suspect.append(SuspectSource(source.id, source.url, reason))
    kinds = Counter(s.kind or "(no kind)" for s in catalogue.sources)
    hosts = Counter(_host(s) for s in catalogue.sources)
    isolated, no_way_in, no_way_on = _connections(catalogue.roles)
    by_count = lambda item: (-item[1], item[0])  # noqa: E731 - one sort key for the tallies
    return QualityReport(
        root=catalogue.root,
        today=today.isoformat(),
        older_than_months=older_than_months,
        programmes=len(catalogue.programmes),
        programme_shares=shares,
        apprenticeships=sum(_is_apprenticeship(p) for p in catalogue.programmes),
        apprenticeship_shares=apprenticeship_shares,
        missing=tuple((fact, tuple(ids)) for fact, ids in missing.items()),
        not_courses=tuple((p.id, p.kind) for p in catalogue.programmes if not _is_course(p)),
        no_public_price=tuple(
            (p.id, p.no_public_price) for p in catalogue.programmes if p.no_public_price
        ),
        unverified_by_family=tuple(sorted(_unverified(catalogue).items(), key=by_count)),
        unverified_programmes=sum(
            p.unverified + sum(m.unverified for m in p.modules) for p in catalogue.programmes
        ),
        sources=len(catalogue.sources),
        sources_by_kind=tuple(sorted(kinds.items(), key=by_count)),
        sources_by_host=tuple(sorted(hosts.items(), key=by_count)),
        undated_sources=tuple(undated),
        stale_sources=tuple(stale),
        suspect_sources=tuple(suspect),
        text_leaks=tuple(_leaks(catalogue)),
        isolated_roles=tuple(isolated),
        roles_without_way_in=tuple(no_way_in),
        roles_without_way_on=tuple(no_way_on),
        text_requirements=tuple(_text_requirements(catalogue)),
    )
