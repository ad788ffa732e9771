"""Set cover against brute force, costing against hand arithmetic, duplication, coverage, transfer."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.analysis.costing import learner_cost
from careerpath.analysis.coverage import coverage
from careerpath.analysis.setcover import cheapest_cover
from careerpath.analysis.transfer import credit_transfer
from careerpath.provision import (
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

from conftest import examples

ELEMENTS = "abcdef"
sets_strategy = st.dictionaries(
    st.sampled_from([f"s{i:02d}" for i in range(12)]),
    st.tuples(st.frozensets(st.sampled_from(ELEMENTS), min_size=1, max_size=4), st.integers(0, 50)),
    max_size=10,
)


def brute_force(
    universe: frozenset[str], sets: dict[str, tuple[frozenset[str], int]]
) -> int | None:
    """The least total cost over every subset of sets covering what can be covered."""
    coverable = universe & frozenset().union(*(s for s, _ in sets.values()))
    best = None
    for size in range(len(sets) + 1):
        for combo in itertools.combinations(sorted(sets), size):
            covered = frozenset().union(*(sets[k][0] for k in combo))
            if coverable <= covered:
                cost = sum(sets[k][1] for k in combo)
                best = cost if best is None else min(best, cost)
    return best


@settings(max_examples=examples(150), deadline=None)
@given(st.frozensets(st.sampled_from(ELEMENTS)), sets_strategy)
def test_exact_cover_matches_brute_force(universe: frozenset[str], sets: dict) -> None:
    cover = cheapest_cover(universe, sets)
    assert cover.exact
    assert cover.cost == brute_force(universe, sets)
    covered = frozenset().union(*(sets[k][0] for k in cover.chosen))
    assert universe - covered == frozenset(cover.uncoverable)
    assert cover.cost == sum(sets[k][1] for k in cover.chosen)


@settings(max_examples=examples(100), deadline=None)
@given(st.frozensets(st.sampled_from(ELEMENTS), min_size=1), sets_strategy)
def test_greedy_covers_and_is_never_below_the_optimum(universe: frozenset[str], sets: dict) -> None:
    greedy = cheapest_cover(universe, sets, exact_limit=0)
    optimum = brute_force(universe, sets)
    covered = frozenset().union(*(sets[k][0] for k in greedy.chosen))
    assert universe - covered == frozenset(greedy.uncoverable)
    assert optimum is not None and greedy.cost >= optimum
    assert greedy.exact == (not greedy.chosen and not greedy.candidates)


def test_greedy_can_be_worse_and_says_so() -> None:
    sets = {"big": (frozenset("abcd"), 10), "ab": (frozenset("ab"), 4), "cd": (frozenset("cd"), 4)}
    sets |= {"a": (frozenset("a"), 3), "b": (frozenset("b"), 3)}
    assert cheapest_cover(frozenset("abcd"), sets).cost == 8
    assert not cheapest_cover(frozenset("abcd"), sets, exact_limit=1).exact


RATES = Rates(
    title="test rates",
    pay=(PayRate("5", "Band 5", (("entry", 31049), ("intermediate", 33487), ("top", 37796))),),
    on_costs=(
        OnCost("ni", "Employer NI", "0.15", 5000),
        OnCost("pension", "Pension", "0.237"),
    ),
    weekly_hours="37.5",
    weeks_per_year="52.143",
    default_point="top",
)


def course(cid: str, provider: str, taught: dict[str, str], **extra: object) -> Course:
    return Course(
        id=cid,
        title=cid,
        provider=provider,
        framework="fw",
        competencies=tuple(CourseCompetency(c, t) for c, t in sorted(taught.items())),
        **extra,  # type: ignore[arg-type]
    )


def test_costing_matches_hand_arithmetic() -> None:
    # Band 5 top £37,796; a year of 37.5 h × 52.143 weeks = 1,955.3625 h.
    # Time: 7 h × 37,796 / 1,955.3625 = 135.3055… → £135.31
    # On-costs: (0.15 × 32,796 + 0.237 × 37,796) = 4,919.40 + 8,957.652 = 13,877.052 a year;
    #   × 7 / 1,955.3625 = 49.6784… → £49.68. Direct £120. Total £304.99.
    line = learner_cost(course("k", "p", {}, hours="7", cost=120), RATES, "5", "top")
    assert (line.direct, line.time, line.on_costs) == (
        Decimal("120.00"),
        Decimal("135.31"),
        Decimal("49.68"),
    )
    assert line.total == Decimal("304.99")


def test_costing_entry_point_and_no_intermediate_fallback() -> None:
    # 3.5 h at band 5 entry £31,049: time 55.5759… → £55.58;
    # on-costs (0.15 × 26,049 + 0.237 × 31,049) = 3,907.35 + 7,358.613 = 11,265.963 × 3.5 / 1,955.3625 = 20.1653… → £20.17
    line = learner_cost(course("k", "p", {}, hours="3.5", cost=0), RATES, "5", "entry")
    assert (line.time, line.on_costs, line.total) == (
        Decimal("55.58"),
        Decimal("20.17"),
        Decimal("75.75"),
    )
    no_middle = Rates(
        **{
            **{f: getattr(RATES, f) for f in RATES.__struct_fields__},
            "pay": (PayRate("3", "Band 3", (("entry", 24937), ("top", 26598))),),
        }
    )
    assert (
        learner_cost(course("k", "p", {}, hours="1"), no_middle, "3", "intermediate").pay_point
        == "entry"
    )


FRAMEWORK = Framework(
    id="fw",
    title="Test framework",
    tiers=(Tier("t1", 1, "Tier 1"), Tier("t2", 2, "Tier 2")),
    domains=(Domain("d", "D"),),
    competencies=tuple(
        FrameworkCompetency(c, c.upper(), "d", tiers)
        for c, tiers in (
            ("c1", ("t1", "t2")),
            ("c2", ("t2",)),
            ("c3", ("t2",)),
            ("c4", ("t1", "t2")),
        )
    ),
    staff_groups=(StaffGroup("g1", "Group one", "t1"), StaffGroup("g2", "Group two", "t2")),
)


def provision(*courses: Course) -> Provision:
    return Provision(
        area="Test area",
        example=True,
        framework="fw",
        organisations=(
            Organisation("o1", "Org 1", staff=(Headcount("g1", 10), Headcount("g2", 4))),
            Organisation("o2", "Org 2"),
            Organisation("o3", "Org 3"),
        ),
        providers=(
            Provider("p1", "P1", "o1"),
            Provider("p2", "P2", "o2"),
            Provider("p3", "P3", "o3"),
        ),
        courses=courses,
    )


def test_seeded_duplicates_are_found_as_one_group() -> None:
    same = {"c1": "t1", "c4": "t1"}
    result = coverage(
        FRAMEWORK,
        provision(
            course("a", "p1", same),
            course("b", "p2", same),
            course("c", "p3", same),
            course("d", "p1", {"c2": "t2"}),
        ),
    )
    assert [g.courses for g in result.duplicates] == [("a", "b", "c")]
    assert result.duplicates[0].organisations == ("o1", "o2", "o3")


def test_distinct_courses_and_same_organisation_are_not_duplicates() -> None:
    result = coverage(
        FRAMEWORK,
        provision(
            course("a", "p1", {"c1": "t1"}),
            course("b", "p2", {"c1": "t2"}),  # same competency, different depth
            course("c", "p3", {"c2": "t2", "c3": "t2"}),
            course("d", "p1", {"c2": "t2", "c3": "t2", "c4": "t2"}),  # 2/3 < 0.75
            course("e", "p1", {"c1": "t1"}),  # same organisation as a
        ),
    )
    assert result.duplicates == ()


def test_threshold_is_respected() -> None:
    courses = (
        course("a", "p1", {"c2": "t2", "c3": "t2"}),
        course("b", "p2", {"c2": "t2", "c3": "t2", "c4": "t2"}),
    )
    assert coverage(FRAMEWORK, provision(*courses), threshold=0.75).duplicates == ()
    assert len(coverage(FRAMEWORK, provision(*courses), threshold=0.6).duplicates) == 1


def test_gaps_shallow_and_places() -> None:
    result = coverage(
        FRAMEWORK,
        provision(
            course("a", "p1", {"c1": "t1"}, places=6),
            course("b", "p2", {"c2": "t2", "c1": "t1"}),
        ),
    )
    assert [g.competency for g in result.gaps] == ["c3", "c4"]
    assert [(g.competency, g.deepest_taught) for g in result.shallow] == [("c1", "t1")]
    places = {p.competency: p for p in result.places}
    assert (places["c1"].need, places["c1"].places, places["c1"].courses_without_places) == (
        14,
        6,
        1,
    )
    assert places["c2"].need == 4 and places["c2"].shortfall == 4
    # every count names its courses, so a figure can be traced to the directory
    assert (places["c1"].course_ids, places["c2"].course_ids) == (("a", "b"), ("b",))
    assert all(len(p.course_ids) == p.courses for p in result.places)


def test_credit_transfer_full_and_partial() -> None:
    directory = provision(
        course("x1", "p1", {"c1": "t2", "c2": "t2"}, credits=15, level=4),
        course("y1", "p2", {"c1": "t2", "c2": "t2"}, credits=15, level=4),
        course("y2", "p2", {"c1": "t2", "c3": "t2"}, credits=15, level=4),
        course("y3", "p2", {"c1": "t2"}, credits=15, level=5),
        course("top", "p3", {"c3": "t2"}, cost=40),
    )
    results = {t.module: t for t in credit_transfer(directory, FRAMEWORK, "p1", "p2")}
    assert results["y1"].status == "full" and results["y1"].best == "x1"
    assert results["y2"].status == "partial" and results["y2"].missing == (("c3", "t2"),)
    assert results["y2"].top_up == ("top",) and results["y2"].top_up_cost == 40
    assert results["y3"].status == "partial" and "level 4 is not level 5" in results["y3"].reasons


course_strategy = st.lists(
    st.tuples(
        st.sampled_from(["p1", "p2", "p3"]),
        st.dictionaries(
            st.sampled_from(["c1", "c2", "c3", "c4"]), st.sampled_from(["t1", "t2"]), min_size=1
        ),
        st.integers(0, 200),
        st.sampled_from(["1", "2.5", "7"]),
    ),
    max_size=8,
)


@settings(max_examples=examples(60), deadline=None)
@given(
    course_strategy, st.dictionaries(st.sampled_from(["c1", "c2", "c3", "c4"]), st.integers(0, 2))
)
def test_holding_more_never_costs_more(specs: list, ratings: dict) -> None:
    from careerpath.analysis.needs import training_needs
    from careerpath.loading.team_csv import TeamRow

    directory = provision(
        *(
            course(f"k{i}", p, taught, cost=cost, hours=hours)
            for i, (p, taught, cost, hours) in enumerate(specs)
        )
    )
    blank = TeamRow("A", "g2", "5", 3, (), 2)
    rated = TeamRow("B", "g2", "5", 3, tuple(sorted(ratings.items())), 3)
    result = training_needs(FRAMEWORK, (blank, rated), directory, RATES)
    plain, held = result.rows
    assert plain.exact and held.exact
    assert set(held.needs) <= set(plain.needs)
    assert held.total <= plain.total
    assert plain.total == plain.per_person * 3
    assert result.total == plain.total + held.total


def test_coverage_is_the_same_whatever_the_file_order(tmp_path) -> None:
    import random
    import shutil

    from careerpath.loading.locate import bundled_data
    from careerpath.loading.provision import load_training_data
    from careerpath.render.provision import result_json

    from conftest import REPO

    source = REPO / "examples" / "northvale"
    files = sorted(source.glob("*.yaml"))
    names = [f"{i:02d}.yaml" for i in range(len(files))]
    random.Random(7).shuffle(names)
    for path, name in zip(files, names, strict=True):
        shutil.copy(path, tmp_path / name)
    views = []
    for folder in (source, tmp_path):
        data = load_training_data([bundled_data() / "frameworks"], folder)
        assert data.provision is not None
        result = coverage(data.frameworks["pcmh-matrix"], data.provision)
        views.append(result_json(result))
    assert views[0] == views[1]


@settings(max_examples=examples(60), deadline=None)
@given(
    course_strategy,
    st.dictionaries(st.sampled_from(["c1", "c2", "c3", "c4"]), st.integers(0, 2)),
    st.booleans(),
    st.integers(1, 3),
)
def test_a_total_is_printed_exact_only_when_every_part_is(
    specs: list, ratings: dict, unverified: bool, exact_limit: int
) -> None:
    """A needs total with an uncosted need (and every costed part exact) says "at least", one
    resting on a greedy plan or an unconfirmed rate says "about" (and "plus" the uncosted
    needs, if any), and only a total whose every part is exact is a bare £ figure;
    whatever is left out or approximated is listed beside it. The total once read "£12,860.38"
    for a team whose GP partner had two needs no course teaches."""
    from careerpath.analysis.needs import training_needs
    from careerpath.loading.team_csv import TeamRow
    from careerpath.render.provision import facts_of, money, needs_content

    directory = provision(
        *(
            course(f"k{i}", p, taught, cost=cost, hours=hours)
            for i, (p, taught, cost, hours) in enumerate(specs)
        )
    )
    rates = Rates(
        **{
            **{f: getattr(RATES, f) for f in RATES.__struct_fields__},
            "pay": tuple(
                PayRate(r.id, r.title, r.points, unverified=unverified) for r in RATES.pay
            ),
        }
    )
    rows = (
        TeamRow("A", "g2", "5", 3, (), 2),
        TeamRow("B", "g1", "5", 1, tuple(ratings.items()), 3),
    )
    result = training_needs(FRAMEWORK, rows, directory, rates, exact_limit=exact_limit)
    total = dict(facts_of(needs_content(FRAMEWORK, directory, result)))["Total"]
    unmet = any(r.unmet for r in result.rows)
    inexact = not all(r.exact for r in result.rows) or any(
        line.unverified for r in result.rows for line in r.lines
    )
    figure = money(result.total)
    if inexact:
        # A greedy plan may cost more than the cheapest: never "at least" then.
        assert total.startswith(f"about {figure} "), total
        assert ("plus what the needs not costed would cost" in total) == unmet, total
        assert all(c in total for r in result.rows for c in r.unmet)
    elif unmet:
        assert total.startswith(f"at least {figure} ("), total
        assert all(c in total for r in result.rows for c in r.unmet)
    else:
        assert total.startswith(f"{figure} (every need costed"), total
    assert (
        (result.total_bound == "exact") == (not unmet and not inexact) == (not result.total_caveats)
    )


def _course_specs(*extra: st.SearchStrategy, taught: int, courses: int) -> st.SearchStrategy:
    """Random courses as (provider, {competency: tier}, *extra) tuples for the properties below."""
    return st.lists(
        st.tuples(
            st.sampled_from(["p1", "p2", "p3"]),
            st.dictionaries(
                st.sampled_from(["c1", "c2", "c3", "c4"]),
                st.sampled_from(["t1", "t2"]),
                min_size=1,
                max_size=taught,
            ),
            *extra,
        ),
        max_size=courses,
    )


@settings(max_examples=examples(60), deadline=None)
@given(_course_specs(st.one_of(st.none(), st.integers(0, 8)), taught=2, courses=6))
def test_a_shortfall_is_shown_exact_only_when_the_places_are(specs: list) -> None:
    """A place counts for every competency its course teaches, so a course of several
    overstates what is available: the shortfall is then a lower bound and says "at least". A
    bare figure only when every counted course has a places figure and teaches just this
    competency (an oracle over the courses themselves). Deep needs count only against deep
    places: the shortfall is the staff a maximum flow from needs (by tier) to places teaching
    that deep or deeper leaves unserved (networkx as the oracle)."""
    import networkx as nx

    from careerpath.render.provision import coverage_content, rows_of, tables_of

    courses = tuple(
        course(f"k{i}", p, taught, places=places) for i, (p, taught, places) in enumerate(specs)
    )
    directory = provision(*courses)
    result = coverage(FRAMEWORK, directory)
    content = coverage_content(FRAMEWORK, directory, result)
    table = next(t for t in tables_of(content) if t.heading.startswith("Places"))
    cells = {row[0]: row[4] for row in rows_of(table)}
    headcount: dict[str, int] = {}
    for organisation in directory.organisations:
        for head in organisation.staff:
            headcount[head.group] = headcount.get(head.group, 0) + head.headcount
    for row in result.places:
        competency = next(c for c in FRAMEWORK.competencies if c.id == row.competency)
        counted = [c for c in courses if any(i.id == row.competency for i in c.competencies)]
        exact = all(
            c.places == 0
            or (c.places is not None and {i.id for i in c.competencies} == {row.competency})
            for c in counted
        )
        flow = nx.DiGraph()
        need = 0
        for group in FRAMEWORK.staff_groups:
            if group.tier in competency.tiers and headcount.get(group.id):
                need += headcount[group.id]
                flow.add_edge("s", ("need", group.id), capacity=headcount[group.id])
                for c in counted:
                    taught = max(
                        FRAMEWORK.rank(i.tier) for i in c.competencies if i.id == row.competency
                    )
                    if taught >= FRAMEWORK.rank(group.tier):
                        flow.add_edge(("need", group.id), ("place", c.id))
        for c in counted:
            flow.add_edge(("place", c.id), "t", capacity=c.places or 0)
        served = nx.maximum_flow_value(flow, "s", "t") if "s" in flow and "t" in flow else 0
        assert row.shortfall is not None
        assert max(row.shortfall, 0) == need - served, (row.competency, row.deeper)
        staffed = [
            g for g in FRAMEWORK.staff_groups if g.tier in competency.tiers and headcount.get(g.id)
        ]
        if row.shortfall <= 0 and staffed:
            # No shortfall: the figure is the places to spare at the tightest tier, so exactly
            # that many more staff needing the deepest tier can be served, and not one more
            # (the audit found the overall surplus, 610, where only 187 could be).
            deepest = max(FRAMEWORK.rank(g.tier) for g in staffed)
            spare = -row.shortfall
            flow.add_edge("s", "more", capacity=spare + 1)
            for c in counted:
                taught = max(
                    FRAMEWORK.rank(i.tier) for i in c.competencies if i.id == row.competency
                )
                if taught >= deepest:
                    flow.add_edge("more", ("place", c.id))
            assert nx.maximum_flow_value(flow, "s", "t") == need + spare, row.deeper
        cell = cells[row.competency]
        if row.shortfall <= 0:
            assert cell == "–"
        elif exact:
            assert cell.split(" (")[0] == f"{row.shortfall:,}"
        else:
            assert f"{row.shortfall:,}" in cell, cell
            assert cell.startswith("at least") or "no places figure" in cell, cell


@settings(max_examples=examples(60), deadline=None)
@given(_course_specs(st.sampled_from([0, 10, 15, 20]), st.integers(0, 60), taught=3, courses=8))
def test_a_transfer_top_up_never_shows_missing_credits_as_zero(specs: list) -> None:
    """A top-up course the directory lists no credits for has unknown credits, not 0 (CPD
    courses mostly have none): the top-up says "credits not in the data" for them, and gives
    a credits figure only from courses that have one (an oracle over the chosen courses)."""
    import re

    from careerpath.render.provision import rows_of, tables_of, transfer_content

    courses = tuple(
        course(f"k{i}", p, taught, credits=credits, level=4 if credits else None, cost=cost)
        for i, (p, taught, credits, cost) in enumerate(specs)
    )
    directory = provision(*courses)
    results = credit_transfer(directory, FRAMEWORK, "p1", "p2")
    content = transfer_content(FRAMEWORK, directory, "p1", "p2", results)
    cells = {row[0]: row[7] for row in rows_of(tables_of(content)[0])}
    index = {c.id: c for c in courses}
    for t in results:
        if not t.top_up:
            continue
        credits = [index[c].credits for c in t.top_up]
        cell = cells[t.module]
        assert not re.search(r"(?<![\d.])0 credits", cell), cell
        assert ("credits not in the data" in cell) == (0 in credits), cell
        if all(credits):
            assert f"{sum(credits)} credits" in cell, cell


@settings(max_examples=examples(60), deadline=None)
@given(_course_specs(st.sampled_from([0, 10, 15, 20]), st.integers(0, 60), taught=3, courses=8))
def test_a_transfer_with_no_held_credit_data_presents_no_top_up_or_figure(specs: list) -> None:
    """When no held course has credits and a level, nothing was compared: a top-up would say
    the held training teaches none of the module, which the data cannot back. Every receiving
    module is "unknown", with no top-up and no cost, and the notes name what is missing."""
    from careerpath.analysis.transfer import left_out
    from careerpath.render.provision import rows_of, tables_of, transfer_content

    courses = tuple(
        course(
            f"k{i}",
            p,
            taught,
            credits=0 if p == "p1" else credits,
            level=4 if credits and p != "p1" else None,
            cost=cost,
        )
        for i, (p, taught, credits, cost) in enumerate(specs)
    )
    directory = provision(*courses)
    results = credit_transfer(directory, FRAMEWORK, "p1", "p2")
    assert all(t.status == "unknown" for t in results)
    assert all(not t.top_up and not t.top_up_cost and not t.missing for t in results)
    content = transfer_content(FRAMEWORK, directory, "p1", "p2", results)
    for row in rows_of(tables_of(content)[0]):
        assert row[4] == "unknown: no credit data" and row[7] == "–", row
    held = left_out(directory, FRAMEWORK, "p1")
    assert held == tuple(sorted(c.id for c in courses if c.provider == "p1"))
    import json

    import msgspec

    text = json.dumps(msgspec.to_builtins(content))
    if held and results:
        assert "nothing could be compared" in text
        assert all(course_id in text for course_id in held)
