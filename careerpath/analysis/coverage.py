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
  are counted apart, never as zero. A place teaching a competency to Tier 3 is no place for
  someone who needs it to Tier 4: staff needing a deep tier are counted against the places
  that teach it that deep, and the shortfall is the largest of those counts (the tiers nest,
  so that is exactly how many people no place can serve).
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
    #: Some counted course's places also count for other competencies: the places figure
    #: then overstates what is available.
    overstated: bool = False
    #: For each tier needed: (tier, staff needing it at least that deep, places teaching it at
    #: least that deep). Deeper needs can use only deeper places.
    deeper: tuple[tuple[str, int, int], ...] = ()

    @property
    def shortfall(self) -> int | None:
        """Staff no place can serve; negative, the places to spare at the tightest tier.

        The largest of staff minus places over all staff, and over staff needing each deeper
        tier against places that deep: 374 staff and 556 places is no shortfall, but not when
        93 of them need Tier 4 and no course teaches it past Tier 3. With no shortfall the
        tightest tier still sets the figure: 610 places to spare over all staff may be only 187
        to spare among the staff who need a deeper tier, and a planner reading -610 would count
        places that cannot serve them.
        """
        if self.need is None:
            return None
        return max([self.need - self.places, *(need - places for _, need, places in self.deeper)])

    @property
    def binding_tier(self) -> tuple[str, int, int] | None:
        """The tier whose count sets the shortfall, when it is more than staff minus places."""
        if self.need is None or not self.deeper:
            return None
        tier = max(self.deeper, key=lambda d: d[1] - d[2])
        short = tier[1] - tier[2]
        return tier if short > 0 and short > self.need - self.places else None

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
        overstated = any(c.places and len({i.id for i in c.competencies}) > 1 for c in teaching)
        deeper: list[tuple[str, int, int]] = []
        if counted:
            taught = {
                c.id: max(framework.rank(i.tier) for i in c.competencies if i.id == competency.id)
                for c in teaching
            }
            # Every tier needed, the shallowest too: a course teaching below it serves nobody.
            for tier in sorted(competency.tiers, key=framework.rank):
                rank = framework.rank(tier)
                deeper.append(
                    (
                        tier,
                        sum(
                            headcount.get(g.id, 0)
                            for g in framework.staff_groups
                            if g.tier in competency.tiers and framework.rank(g.tier) >= rank
                        ),
                        sum(c.places or 0 for c in teaching if taught[c.id] >= rank),
                    )
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
                tuple(deeper),
            )
        )
    return tuple(rows)
