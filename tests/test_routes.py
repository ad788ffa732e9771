"""Route ranking: checked against brute-force enumeration on random catalogues, and on the data."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from careerpath.analysis.routes import (
    Holdings,
    brute_force_routes,
    find_routes,
    holdings_for,
    programme_months,
)
from careerpath.errors import NoRouteError
from careerpath.lookup import find_role, find_start
from careerpath.model import (
    Catalogue,
    EntryRoute,
    Module,
    Programme,
    Progression,
    Qualification,
    Requirement,
    Role,
    Rule,
)

from conftest import bundled_catalogue, examples

BUNDLED = bundled_catalogue()


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """Small random career maps: entry routes from qualifications, progressions with waits,
    programmes with modules, and a two-year-style rule over some programmes."""
    n_roles = draw(st.integers(2, 7))
    role_ids = [f"R{i}" for i in range(n_roles)]
    quals = (Qualification("q1", "Q1"), Qualification("q2", "Q2", modules=("m0",)))
    programmes = []
    for i in range(draw(st.integers(1, 4))):
        months = draw(st.integers(0, 36))
        modules = (
            (Module(f"m{i}", f"M{i}", 20), Module(f"n{i}", f"N{i}", 40))
            if draw(st.booleans())
            else ()
        )
        programmes.append(
            Programme(
                f"p{i}", f"P{i}", months=months, modules=modules, cost=draw(st.integers(0, 9000))
            )
        )
    programme_ids = [p.id for p in programmes]
    roles = []
    for role_id in role_ids:
        entries = []
        for k in range(draw(st.integers(0, 2))):
            source = draw(st.sampled_from(["q1", "q2", None]))
            requires = (Requirement("qualification", source),) if source else ()
            entries.append(
                EntryRoute(
                    f"{role_id}-in{k}",
                    programme=draw(st.sampled_from([None, *programme_ids])),
                    requires=requires,
                )
            )
        steps = []
        for target in draw(st.lists(st.sampled_from(role_ids), max_size=4, unique=True)):
            if target == role_id:
                continue
            requires: tuple[Requirement, ...] = ()
            if draw(st.booleans()):
                requires = (
                    Requirement("experience", role_id, months=draw(st.sampled_from([6, 12, 24]))),
                )
            if draw(st.integers(0, 4)) == 0:
                requires += (Requirement("qualification", "q2"),)
            steps.append(
                Progression(
                    target,
                    kind=draw(st.sampled_from(["vertical", "lateral"])),
                    programme=draw(st.sampled_from([None, *programme_ids])),
                    requires=requires,
                )
            )
        roles.append(
            Role(role_id, role_id, "f", entry_routes=tuple(entries), progressions=tuple(steps))
        )
    rules = (
        Rule(
            "wait",
            "Wait",
            "wait-between",
            months=24,
            programmes=tuple(draw(st.lists(st.sampled_from(programme_ids), unique=True))),
        ),
    )
    return Catalogue(
        roles=tuple(roles), programmes=tuple(programmes), qualifications=quals, rules=rules
    )


def _keys(routes, metric):
    return [r.key(metric)[0] for r in routes]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.sampled_from(["months", "steps", "cost"]), st.data())
def test_route_ranking_matches_brute_force(catalogue: Catalogue, metric, data) -> None:
    start = data.draw(st.sampled_from([*catalogue.qualifications, *catalogue.roles]))
    goal = data.draw(st.sampled_from(catalogue.roles))
    if start.id == goal.id:
        return
    wanted = data.draw(st.integers(1, 3))
    expected = brute_force_routes(catalogue, start, goal, metric)
    try:
        found = find_routes(catalogue, start, goal, metric=metric, max_routes=wanted)
    except NoRouteError:
        assert expected == []
        return
    event(f"{'more' if len(expected) > wanted else 'no more'} routes than asked for")
    assert _keys(found, metric) == _keys(expected, metric)[: len(found)]
    assert len(found) == min(wanted, len(expected))


@settings(max_examples=examples(200), deadline=None)
@given(catalogues(), st.data())
def test_prior_learning_never_makes_a_route_longer(catalogue: Catalogue, data) -> None:
    start = catalogue.qualification("q1")
    goal = data.draw(st.sampled_from(catalogue.roles))
    prior = holdings_for(catalogue, [catalogue.qualification("q2")])
    try:
        without = find_routes(catalogue, start, goal, max_routes=1)[0].months
    except NoRouteError:
        return
    with_prior = find_routes(catalogue, start, goal, max_routes=1, holdings=prior)[0].months
    assert with_prior <= without


def test_programme_months_shrink_with_modules_held() -> None:
    programme = Programme(
        "p",
        "P",
        months=12,
        modules=(Module("a", "A", 20, competencies=("x",)), Module("b", "B", 40)),
    )
    assert programme_months(programme, 12, Holdings()) == 12
    assert programme_months(programme, 12, Holdings(modules=frozenset({"a"}))) == 8
    assert programme_months(programme, 12, Holdings(competencies=frozenset({"x"}))) == 8
    assert programme_months(programme, 12, Holdings(modules=frozenset({"a", "b"}))) == 0


def test_two_year_rule_and_experience_on_bundled_data() -> None:
    """Degree → PWP (12 months), then 24 months' experience, which also satisfies the
    two-year wait after the PWP exam board, then 12 months of HI training: 48 months."""
    routes = find_routes(BUNDLED, find_start(BUNDLED, "degree"), find_role(BUNDLED, "SWP"))
    best = routes[0]
    assert [s.target for s in best.steps] in (["CWP", "SWP"], ["EMHP", "SWP"])
    assert best.steps[1].wait == 24
    assert best.months == 12 + 24 + 24


def test_routes_are_sorted_and_deterministic() -> None:
    start, goal = find_start(BUNDLED, "degree"), find_role(BUNDLED, "HI-CBT")
    first = find_routes(BUNDLED, start, goal, max_routes=5)
    again = find_routes(BUNDLED, start, goal, max_routes=5)
    assert first == again
    assert [r.months for r in first] == sorted(r.months for r in first)


def test_no_route_names_reachable_roles() -> None:
    lonely = Role("X", "Unreachable", "f")
    reachable = Role(
        "Y",
        "Reachable",
        "f",
        entry_routes=(EntryRoute("in", requires=(Requirement("qualification", "q"),)),),
    )
    catalogue = Catalogue(roles=(lonely, reachable), qualifications=(Qualification("q", "Q"),))
    try:
        find_routes(catalogue, catalogue.qualification("q"), lonely)
    except NoRouteError as exc:
        assert exc.reachable == ("Y",)
        assert "reachable from there: Y" in exc.hint()
    else:  # pragma: no cover
        raise AssertionError("expected NoRouteError")


def test_rule_wait_applies_between_listed_programmes_only() -> None:
    """A second listed programme starts two years after the first ends; an unlisted one does not wait."""
    p1 = Programme("p1", "First", months=12)
    p2 = Programme("p2", "Second", months=12)
    p3 = Programme("p3", "Unlisted", months=12)
    a = Role(
        "A",
        "A",
        "f",
        entry_routes=(
            EntryRoute("a-in", programme="p1", requires=(Requirement("qualification", "q"),)),
        ),
        progressions=(Progression("B", programme="p2"), Progression("C", programme="p3")),
    )
    b, c = Role("B", "B", "f"), Role("C", "C", "f")
    rule = Rule("r", "Rule", "wait-between", months=24, programmes=("p1", "p2"))
    catalogue = Catalogue(
        roles=(a, b, c),
        programmes=(p1, p2, p3),
        qualifications=(Qualification("q", "Q"),),
        rules=(rule,),
    )
    to_b = find_routes(catalogue, catalogue.qualification("q"), b)[0]
    to_c = find_routes(catalogue, catalogue.qualification("q"), c)[0]
    assert [s.wait for s in to_b.steps] == [0, 24] and to_b.months == 12 + 24 + 12
    assert [s.wait for s in to_c.steps] == [0, 0] and to_c.months == 24


def test_a_route_can_gain_a_qualification_on_the_way() -> None:
    """Support worker → (part-time psychology degree) → assistant psychologist."""
    degree_course = Programme("open-degree", "Part-time degree", months=72)
    psych_degree = Qualification(
        "psych", "Psychology degree", entry_routes=(EntryRoute("open", programme="open-degree"),)
    )
    hcsw = Role(
        "HCSW",
        "Support worker",
        "f",
        entry_routes=(EntryRoute("in", requires=(Requirement("qualification", "gcse"),)),),
    )
    assistant = Role(
        "AP",
        "Assistant psychologist",
        "f",
        entry_routes=(
            EntryRoute("ap", requires=(Requirement("qualification", "psych"),), months=0),
        ),
    )
    catalogue = Catalogue(
        roles=(assistant, hcsw),
        programmes=(degree_course,),
        qualifications=(Qualification("gcse", "GCSE"), psych_degree),
    )
    best = find_routes(catalogue, hcsw, assistant)[0]
    assert [(s.source, s.target) for s in best.steps] == [("open-entry", "psych"), ("psych", "AP")]
    assert best.months == 72


def test_a_step_asking_for_unrecorded_work_has_unknown_length() -> None:
    from careerpath.graph import edges_into
    from careerpath.model import Catalogue, Progression, Requirement, Role

    portfolio = Progression(
        "B", requires=(Requirement("text", text="a portfolio approved by a panel"),)
    )
    appointment = Progression("C", requires=(Requirement("experience", "A", months=12),))
    catalogue = Catalogue(
        roles=(
            Role("A", "A", "f", progressions=(portfolio, appointment)),
            Role("B", "B", "f"),
            Role("C", "C", "f"),
        )
    )
    (into_b,) = edges_into(catalogue, catalogue.role("B"))
    (into_c,) = edges_into(catalogue, catalogue.role("C"))
    assert (into_b.months, into_b.length_known) == (0, False)
    assert (into_c.months, into_c.wait, into_c.length_known) == (0, 12, True)
