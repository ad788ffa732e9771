"""Coverage of a learning directory against a framework: gaps, duplication, places vs need.

* A **gap** is a competency some staff group in the framework needs that no course in the
  directory teaches at any tier; **too shallow** means courses teach it, but none to the
  deepest tier needed.
* **Duplication**: two courses run by different organisations whose (competency, tier) sets
  have a Jaccard similarity at or above the threshold (shared ÷ combined). Pairs are joined
  into clusters, so three courses teaching the same thing show as one group of three.
* **Places against need**: for each competency, the staff the directory's organisations employ
  in groups that need it, against the yearly places of courses that teach it. A place on a
  course counts for every competency that course teaches; courses without a places figure
  are counted apart, never as zero.
"""

from __future__ import annotations

import msgspec

from careerpath.provision import Course, Framework, Provision

__all__ = ["DEFAULT_THRESHOLD", "Coverage", "DuplicateGroup", "Gap", "PlacesRow", "coverage"]

#: Default duplication threshold: 0.75 means at least three in four of the combined
#: (competency, tier) pairs are shared; for courses of one or two competencies, identical.
DEFAULT_THRESHOLD = 0.75


class Gap(msgspec.Struct, frozen=True):
    """A competency nobody teaches (``deepest_taught`` 0) or nobody teaches deep enough."""

    competency: str
    name: str
    deepest_needed: str
    deepest_taught: str
    groups: tuple[str, ...]
    unverified: bool = False  # the competency's name is a working label (†), not the framework's


class DuplicateGroup(msgspec.Struct, frozen=True):
    """Courses from two or more organisations teaching (nearly) the same thing."""

    courses: tuple[str, ...]
    organisations: tuple[str, ...]
    shared: tuple[tuple[str, str], ...]  # (competency, tier) every course in the group teaches
    similarity: float  # the lowest pairwise Jaccard similarity that joined the group


class PlacesRow(msgspec.Struct, frozen=True):
    """One competency: staff needing it, yearly places, and courses with no places figure."""

    competency: str
    name: str
    need: int | None  # None: the directory's headcounts use another framework's staff groups
    places: int
    courses: int
    courses_without_places: int
    #: The courses counted, so every places figure can be traced to the directory.
    course_ids: tuple[str, ...] = ()
    unverified: bool = False  # the competency's name is a working label (†)
    #: Some counted course's places also count for other competencies, or it teaches this one
    #: below the deepest tier needed: the places figure then overstates what is available.
    overstated: bool = False

    @property
    def shortfall(self) -> int | None:
        """Staff needing it minus known places (negative: more places than staff)."""
        return None if self.need is None else self.need - self.places

    @property
    def shortfall_bound(self) -> str:
        """How the shortfall may be read.

        "exact": every counted course has a places figure, teaches only this competency and
        to the deepest tier needed. "at least": places are overstated, so the real shortfall
        is at least the figure. "unknown places": some courses give no places figure, so the
        figure holds only if they add none.
        """
        if self.courses_without_places:
            return "unknown places"
        return "at least" if self.overstated else "exact"


class Coverage(msgspec.Struct, frozen=True):
    """Everything the coverage command reports, and the assumptions it rests on."""

    framework: str
    area: str
    example: bool
    courses: int
    threshold: float
    gaps: tuple[Gap, ...]
    shallow: tuple[Gap, ...]
    duplicates: tuple[DuplicateGroup, ...]
    places: tuple[PlacesRow, ...]


def _jaccard(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def coverage(
    framework: Framework, provision: Provision, threshold: float = DEFAULT_THRESHOLD
) -> Coverage:
    """Gaps, duplication and places of ``provision``'s courses against ``framework``."""
    courses = [c for c in provision.courses if c.framework == framework.id]
    taught: dict[str, int] = {}
    for course in courses:
        for item in course.competencies:
            rank = framework.rank(item.tier)
            taught[item.id] = max(taught.get(item.id, 0), rank)
    gaps: list[Gap] = []
    shallow: list[Gap] = []
    for competency in framework.competencies:
        groups = tuple(g.id for g in framework.staff_groups if g.tier in competency.tiers)
        if not groups:
            continue
        deepest = max(framework.rank(t) for t in competency.tiers)
        deepest_id = framework.tiers[deepest - 1].id
        have = taught.get(competency.id, 0)
        gap = Gap(
            competency.id,
            competency.name,
            deepest_id,
            framework.tiers[have - 1].id if have else "",
            groups,
            competency.unverified,
        )
        if not have:
            gaps.append(gap)
        elif have < deepest:
            shallow.append(gap)
    return Coverage(
        framework=framework.id,
        area=provision.area,
        example=provision.example,
        courses=len(courses),
        threshold=threshold,
        gaps=tuple(gaps),
        shallow=tuple(shallow),
        duplicates=_duplicates(provision, courses, threshold),
        places=_places(framework, provision, courses),
    )


def _duplicates(
    provision: Provision, courses: list[Course], threshold: float
) -> tuple[DuplicateGroup, ...]:
    pairs = {c.id: frozenset((i.id, i.tier) for i in c.competencies) for c in courses}
    org = {c.id: provision.organisation_of(c) for c in courses}
    ids = sorted(pairs)
    parent = {i: i for i in ids}
    lowest: dict[str, float] = {}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            if org[a] == org[b]:
                continue
            similarity = _jaccard(pairs[a], pairs[b])
            if similarity >= threshold:
                ra, rb = root(a), root(b)
                low = min(similarity, lowest.get(ra, 1.0), lowest.get(rb, 1.0))
                parent[max(ra, rb)] = min(ra, rb)
                lowest[min(ra, rb)] = low
    clusters: dict[str, list[str]] = {}
    for i in ids:
        clusters.setdefault(root(i), []).append(i)
    groups = [
        DuplicateGroup(
            tuple(members),
            tuple(sorted({org[m] for m in members})),
            tuple(sorted(frozenset.intersection(*(pairs[m] for m in members)))),
            round(lowest[r], 3),
        )
        for r, members in clusters.items()
        if len(members) > 1
    ]
    return tuple(sorted(groups, key=lambda g: (-len(g.courses), g.courses)))


def _places(
    framework: Framework, provision: Provision, courses: list[Course]
) -> tuple[PlacesRow, ...]:
    headcount: dict[str, int] = {}
    for organisation in provision.organisations:
        for head in organisation.staff:
            headcount[head.group] = headcount.get(head.group, 0) + head.headcount
    counted = provision.framework == framework.id
    rows: list[PlacesRow] = []
    for competency in framework.competencies:
        need = (
            sum(
                headcount.get(g.id, 0) for g in framework.staff_groups if g.tier in competency.tiers
            )
            if counted
            else None
        )
        teaching = [c for c in courses if any(i.id == competency.id for i in c.competencies)]
        deepest = max((framework.rank(t) for t in competency.tiers), default=0)
        overstated = any(
            c.places
            and (
                len({i.id for i in c.competencies}) > 1
                or max(framework.rank(i.tier) for i in c.competencies if i.id == competency.id)
                < deepest
            )
            for c in teaching
        )
        rows.append(
            PlacesRow(
                competency.id,
                competency.name,
                need,
                sum(c.places or 0 for c in teaching),
                len(teaching),
                sum(1 for c in teaching if c.places is None),
                tuple(sorted(c.id for c in teaching)),
                competency.unverified,
                overstated,
            )
        )
    return tuple(rows)
