"""Training-needs analysis of a team, and the cheapest set of courses that closes the needs.

A row of the team file (a person, or a group of alike people) needs every competency its staff
group needs in the framework (``Framework.needs_of``), to its group's tier, unless its
self-rating already reaches that tier. Each row's plan is a weighted set cover
(``setcover.cheapest_cover``) over the directory's courses that teach a needed competency deep
enough, each weighted by the costing model's total for that row's pay (``costing``). Rows are
independent because every cost is per learner; a group row's plan is one member's, times the
count. Course places are not a constraint of the solver: plans that need more places than a
course offers are flagged instead.
"""

from __future__ import annotations

from decimal import Decimal

import msgspec

from careerpath.analysis.costing import CostLine, learner_cost, pence
from careerpath.analysis.setcover import EXACT_LIMIT, cheapest_cover
from careerpath.loading.team_csv import TeamRow
from careerpath.provision import Framework, Provision, Rates

__all__ = ["GroupNeeds", "NeedsResult", "PlacesWarning", "RowPlan", "training_needs"]


class RowPlan(msgspec.Struct, frozen=True):
    """One team row: what it needs, the courses chosen, and what they cost (per person × count)."""

    name: str
    line: int
    staff_group: str
    pay_rate: str
    count: int
    needs: tuple[tuple[str, str], ...]  # (competency, tier id)
    courses: tuple[str, ...]
    lines: tuple[CostLine, ...]
    unmet: tuple[str, ...]
    exact: bool
    candidates: int

    @property
    def per_person(self) -> Decimal:
        """The plan's cost for one member of the row."""
        return sum((line.total for line in self.lines), Decimal(0))

    @property
    def total(self) -> Decimal:
        """The plan's cost for the whole row."""
        return self.per_person * self.count


class GroupNeeds(msgspec.Struct, frozen=True):
    """Per staff group: people in the team file, and how many of them need each competency."""

    staff_group: str
    people: int
    needing: tuple[tuple[str, int], ...]


class PlacesWarning(msgspec.Struct, frozen=True):
    """A course the plans send more people to than it has places a year."""

    course: str
    learners: int
    places: int


class NeedsResult(msgspec.Struct, frozen=True):
    """The whole analysis, with the assumptions a reader needs to trust the total."""

    framework: str
    area: str
    example: bool
    pay_point: str
    rates: str
    rows: tuple[RowPlan, ...]
    groups: tuple[GroupNeeds, ...]
    warnings: tuple[PlacesWarning, ...]
    exact_limit: int
    rates_file: str = ""
    unverified_rates: tuple[str, ...] = ()  # pay rates and on-costs marked unverified (†)

    @property
    def total(self) -> Decimal:
        """The cost of every row's plan."""
        return sum((r.total for r in self.rows), Decimal(0))

    @property
    def all_exact(self) -> bool:
        """Whether every plan is proven cheapest."""
        return all(r.exact for r in self.rows)

    @property
    def total_bound(self) -> str:
        """How the total may be read: "exact", "about" or "at least".

        A total is exact only when every part is: no need left uncosted, every plan proven
        cheapest and every pay and on-cost rate confirmed. With needs uncosted but every costed
        part exact, closing every need costs *at least* the total; once a plan is greedy or a
        rate unconfirmed the total may be above the cheapest, so it is only *about* the total
        (the caveats still list what is not costed).
        """
        unmet = any(r.unmet for r in self.rows)
        approximate = any(not c.startswith("not costed") for c in self.total_caveats)
        if approximate:
            return "about"
        return "at least" if unmet else "exact"

    @property
    def total_caveats(self) -> tuple[str, ...]:
        """What the total leaves out or approximates, one plain sentence each (empty: exact)."""
        caveats: list[str] = []
        unmet = [(r, c) for r in self.rows for c in r.unmet]
        if unmet:
            people = sum(r.count for r in self.rows if r.unmet)
            caveats.append(
                f"not costed: {len(unmet)} need{'s' if len(unmet) != 1 else ''} no course in the"
                f" directory teaches deep enough ({people} "
                f"{'people' if people != 1 else 'person'}: "
                + "; ".join(f"{r.name}: {', '.join(r.unmet)}" for r in self.rows if r.unmet)
                + ")"
            )
        greedy = [r.name for r in self.rows if not r.exact]
        if greedy:
            caveats.append(
                f"not proven cheapest: {len(greedy)} plan{'s' if len(greedy) != 1 else ''} over"
                f" {self.exact_limit} candidate courses chosen greedily, within a factor H(n) of"
                f" the cheapest ({', '.join(greedy)})"
            )
        if any(line.unverified for r in self.rows for line in r.lines):
            caveats.append(
                "pay or on-cost rates not confirmed by their publisher: "
                + ", ".join(self.unverified_rates)
            )
        return tuple(caveats)


def training_needs(  # noqa: PLR0917 - the inputs of one analysis
    framework: Framework,
    team: tuple[TeamRow, ...],
    provision: Provision,
    rates: Rates,
    pay_point: str | None = None,
    exact_limit: int = EXACT_LIMIT,
) -> NeedsResult:
    """Needs per row and per staff group, and each row's cheapest closing plan and cost."""
    point = pay_point or rates.default_point
    courses = [c for c in provision.courses if c.framework == framework.id]
    plans: list[RowPlan] = []
    for row in team:
        held = dict(row.ratings)
        needs = tuple(
            (c.id, framework.tiers[rank - 1].id)
            for c, rank in framework.needs_of(row.staff_group)
            if held.get(c.id, 0) < rank
        )
        wanted = {c: framework.rank(t) for c, t in needs}
        lines = {c.id: learner_cost(c, rates, row.pay_rate, point) for c in courses}
        candidates = {
            c.id: (
                frozenset(
                    i.id
                    for i in c.competencies
                    if i.id in wanted and Framework.meets(framework.rank(i.tier), wanted[i.id])
                ),
                pence(lines[c.id].total),
            )
            for c in courses
        }
        candidates = {k: v for k, v in candidates.items() if v[0]}
        cover = cheapest_cover(frozenset(wanted), candidates, exact_limit)
        plans.append(
            RowPlan(
                row.name,
                row.line,
                row.staff_group,
                row.pay_rate,
                row.count,
                needs,
                cover.chosen,
                tuple(lines[k] for k in cover.chosen),
                cover.uncoverable,
                cover.exact,
                cover.candidates,
            )
        )
    return NeedsResult(
        framework=framework.id,
        area=provision.area,
        example=provision.example,
        pay_point=point,
        rates=rates.title,
        rates_file=rates.file,
        unverified_rates=rates.unverified_rates(),
        rows=tuple(plans),
        groups=_groups(plans),
        warnings=_places(plans, provision),
        exact_limit=exact_limit,
    )


def _groups(plans: list[RowPlan]) -> tuple[GroupNeeds, ...]:
    people: dict[str, int] = {}
    needing: dict[str, dict[str, int]] = {}
    for plan in plans:
        people[plan.staff_group] = people.get(plan.staff_group, 0) + plan.count
        counts = needing.setdefault(plan.staff_group, {})
        for competency, _ in plan.needs:
            counts[competency] = counts.get(competency, 0) + plan.count
    return tuple(
        GroupNeeds(g, people[g], tuple(sorted(needing[g].items()))) for g in sorted(people)
    )


def _places(plans: list[RowPlan], provision: Provision) -> tuple[PlacesWarning, ...]:
    learners: dict[str, int] = {}
    for plan in plans:
        for course in plan.courses:
            learners[course] = learners.get(course, 0) + plan.count
    index = provision.course_index()
    return tuple(
        PlacesWarning(course, count, index[course].places or 0)
        for course, count in sorted(learners.items())
        if index[course].places is not None and count > (index[course].places or 0)
    )
