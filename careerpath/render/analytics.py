"""Rich renderables for the analysis commands: overlap, gap, routes, ways in, barriers, matrix."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.text import Text

from careerpath.model import Catalogue, Competency, Qualification, Role
from careerpath.render.terminal import (
    UNVERIFIED_LEGEND,
    flag,
    flagged,
    glued,
    item,
    months_text,
    section,
    spaced,
    table,
)
from careerpath.render.view import (
    Column,
    route_via,
    rule_from_text,
    similarity_note,
    similarity_table,
    terminal_table,
)
from careerpath.text import LENGTH_UNKNOWN, apart_heading, credits_months_text, length_text

if TYPE_CHECKING:  # types only: each command imports just the analysis it runs
    from careerpath.analysis.barriers import RankedBarrier
    from careerpath.analysis.curriculum import Curriculum
    from careerpath.analysis.entry import Opening, WaysIn
    from careerpath.analysis.matrix import CompetencyMatrix, SimilarityMatrix
    from careerpath.analysis.overlap import Gap, Overlap
    from careerpath.analysis.refinements import Faster
    from careerpath.analysis.routes import Metric, Route, RouteStep
    from careerpath.analysis.similar import Neighbour

__all__ = [
    "barriers_view",
    "competency_list",
    "curriculum_view",
    "gap_view",
    "matrix_view",
    "openings_view",
    "overlap_view",
    "qualifications_view",
    "routes_view",
    "similar_view",
    "similarity_view",
    "step_label",
    "top_up_figure",
    "ways_in_view",
]


def competency_list(title: str, competencies: Sequence[Competency]) -> RenderableType:
    """Competencies grouped by domain, each domain one wrapped line of names.

    ESCO roles share or differ by dozens of skills: as table rows they ran to screens and
    took most of the command's time to lay out; by domain they read at a glance.
    """
    domains: dict[str, list[str]] = {}
    for competency in competencies:
        domains.setdefault(competency.domain or "other", []).append(competency.name)
    lines: list[RenderableType] = [Text(title, style="bold cyan")]
    for domain in sorted(domains):
        names = sorted(domains[domain], key=str.lower)
        line = Text(f"{domain} ({len(names)}): ", style="bold")
        line.append("; ".join(names))
        lines.append(Padding(line, (0, 0, 0, 2)))
    return Group(*lines)


def _sooner_lines(route: Route | None, names: dict[str, str]) -> tuple[str, ...]:
    """The faster route that assumes a condition, as ``route`` lists it second."""
    if route is None:
        return ()
    via = glued(route_via(route, names))
    return (
        f"sooner, {_total(route.months, route.length_known)} via {via}, if: "
        + "; ".join(route.assumes),
    )


_total = length_text  # a route's length; with a step of unrecorded length, a lower bound


def _spaced(parts: Sequence[RenderableType]) -> RenderableType:
    return spaced(parts)


_fmt_months = months_text


def top_up_figure(gap: Gap) -> str:
    """A plan's credits and months in words, for gap, overlap and the report alike.

    A bound says "at least", and a figure the data lacks is named as missing, never shown as 0.
    """
    unknown = sum(1 for p in gap.modules if not p.module.credits)
    if unknown == len(gap.modules):
        return "credits not in the data"
    bound = "at least " if gap.uncovered or unknown else ""
    figure = f"{bound}{gap.credits} credits, about {bound}{_fmt_months(gap.months)}"
    if unknown:
        figure += f" ({unknown} module{'s' if unknown != 1 else ''}' credits not in the data)"
    return figure


def _programmes_flagged(gap: Gap) -> bool:
    """Whether a programme a gap's wording names (taken whole, or the full training) is †."""
    full = (gap.full.programme,) if gap.full is not None else ()
    return any(p.unverified for p in (*gap.whole_programmes, *full))


def _move_notes(catalogue: Catalogue, gap: Gap, route: Route, names: dict[str, str]) -> list[Text]:
    """What the route today means for this person: a move down a band, a route from scratch.

    The best route from a registered nurse to a nursing associate post is the nursing
    associate training from GCSEs: shown bare, it reads as the move a nurse should make.
    """
    from careerpath.analysis.routes import builds_on
    from careerpath.frameworks import band_rank

    notes: list[Text] = []
    source, target = catalogue.role(gap.source), catalogue.role(gap.target)
    low, high = source.bands.qualified_low(), target.bands.qualified_low()
    if low and high and band_rank(high) < band_rank(low):
        notes.append(
            Text(
                f"a move down: {names[target.id]} is band {high}, below"
                f" {names[source.id]} (band {low})",
                style="yellow",
            )
        )
    full = all(step.months == step.full_months for step in route.steps)
    if route.steps and full and not builds_on(catalogue, route, source.id):
        start = route.steps[0].source
        line = (
            f"this is the full training from {names.get(start, start)}: nothing of the"
            f" {names[source.id]} post shortens it in the data"
        )
        title = target.regulation.protected_title
        if title:
            line += f" ('{title}' is a protected title: {target.regulation.register})"
        notes.append(Text(line, style="yellow"))
    return notes


def unrecorded_note(gap: Gap, names: dict[str, str]) -> str:
    """Why a KSF core dimension the source's data leaves out is not called missing."""
    return (
        f"A {names.get(gap.source, gap.source)} holds every NHS KSF core dimension (every KSF"
        " post outline has all six), but the data does not record at what level for: "
        + ", ".join(c.name for c in gap.unrecorded)
        + ". Whether these are a gap is unknown; the figures leave them out."
    )


def gap_summary(gap: Gap, names: dict[str, str]) -> Text:
    """One line per move: what it takes against the full training."""
    text = Text()
    text.append(f"{gap.source} → {gap.target}: ", style="bold")
    unrecorded = f"{len(gap.unrecorded)} level not recorded" if gap.unrecorded else ""
    if not gap.missing and not gap.under_level:
        text.append("no competency gap in the data")
        if unrecorded:
            text.append(f" ({unrecorded})")
        return text
    text.append(f"{len(gap.missing)} missing, {len(gap.under_level)} under level")
    if unrecorded:
        text.append(f", {unrecorded}")
    whole = gap.whole_programmes
    if whole:
        text.append("; ")
        text.append(
            "no top-up: closing the gap takes the whole "
            + " and the whole ".join(flagged(p.title, p.unverified) for p in whole)
            + f" ({top_up_figure(gap)})"
        )
    elif gap.modules and gap.no_shorter_than_full and gap.full is not None:
        text.append("; ")
        text.append(
            f"no top-up: the modules that close the gap come to {top_up_figure(gap)},"
            " no fewer than the full "
            + flagged(gap.full.programme.title, gap.full.programme.unverified)
        )
    elif gap.modules:
        text.append("; ")
        text.append(
            f"proposed top-up of {len(gap.modules)} module{'s' if len(gap.modules) != 1 else ''}, {top_up_figure(gap)}"
        )
    elif gap.uncovered:
        text.append("; no module in the data teaches it, so no credits or months can be given")
    if gap.full and gap.full.programme not in whole:
        size = credits_months_text(gap.full.credits, gap.full.months)
        text.append(
            f" — versus {size} for the full "
            + flagged(gap.full.programme.title, gap.full.programme.unverified),
            style="dim",
        )
    if gap.modules and gap.credits:
        text.append(
            " (months assume " + "; ".join(p.describe() for p in gap.paces) + ")",
            style="dim",
        )
    return text


def _move_lines(gap: Gap, names: dict[str, str]) -> list[RenderableType]:
    """A move's line in ``overlap``, and what no module teaches on a line of its own."""
    from careerpath.render.terminal import hanging

    note = _uncovered_note(gap)
    return [hanging(gap_summary(gap, names), 0, 2), *([hanging(note, 2, 2)] if note else [])]


def _uncovered_note(gap: Gap) -> Text | None:
    """What no module teaches, said once under a move's line (the figures leave it out)."""
    if not gap.uncovered:
        return None
    return Text(
        "no module in the data teaches to the level needed: "
        + ", ".join(c.name for c in gap.uncovered),
        style="yellow",
    )


def gap_view(
    catalogue: Catalogue, gap: Gap, route: Route | None = None, no_route: str = ""
) -> RenderableType:
    """The learning-needs analysis for one move, after the route that exists today.

    The module top-up is *proposed*: built from module data, not a programme anyone is
    recorded as running, so it is labelled and kept apart from the real route.
    """
    names = catalogue.name_of()
    parts: list[RenderableType] = [
        Text.assemble(
            ("Learning needs: ", "bold cyan"),
            (f"{names[gap.source]} → {names[gap.target]}", "bold"),
        ),
    ]
    if route is not None:
        via = glued(route_via(route, names))
        line = f"Route today (as `careerpath route`): {_total(route.months, route.length_known)} via {via}"
        waited = sum(step.wait for step in route.steps)
        if waited:
            line += f" ({months_text(waited)} of it waiting)"
        parts.append(Text(line, style="bold"))
        # Padded, not spaces in the text, so a wrapped line keeps the indent.
        under = [
            *(Text(f"assumes: {a}", style="yellow") for a in (*route.assumes, *route.history)),
            *_move_notes(catalogue, gap, route, names),
        ]
        if under:
            parts.append(Group(*(Padding(t, (0, 0, 0, 2)) for t in under)))
        parts.extend(_rule_from_note([route], names))
    elif no_route:
        parts.append(Text(f"Route today: none — {no_route}", style="yellow"))
    rows = [(c.name, c.domain, "missing") for c in gap.missing]
    rows += [(c.name, c.domain, f"{have} → {need}") for c, have, need in gap.under_level]
    rows += [(c.name, c.domain, "level not recorded") for c in gap.unrecorded]
    if rows:
        parts.append(
            table(
                "Competencies to gain",
                (Column("Competency"), Column("Domain"), Column("Gap", "figure")),
                rows,
            )
        )
    else:
        parts.append(Text("The data shows no competency gap for this move.", style="green"))
    if gap.unrecorded:
        parts.append(Text(unrecorded_note(gap, names), style="yellow"))
    if gap.already_held:
        parts.append(
            Text("Already held: " + ", ".join(c.name for c in gap.already_held), style="dim")
        )
    if gap.modules:
        names_of = {c.id: c.name for c in catalogue.competencies}
        whole = gap.whole_programmes
        heading = (
            "Not a top-up: closing the gap takes the whole "
            + " and the whole ".join(flagged(p.title, p.unverified) for p in whole)
            + ", module by module"
            if whole
            else "Proposed top-up: modules that close the gap (built from module data; no"
            " provider is recorded as running this top-up)"
        )
        parts.append(
            section(
                heading,
                (
                    item(
                        flagged(p.module.title, p.module.unverified),
                        "",
                        (
                            f"{p.programme.title} · {p.module.credits} credits · "
                            f"{_fmt_months(p.months)}"
                            if p.module.credits
                            else f"{p.programme.title} · credits not in the data",
                            "covers: " + ", ".join(names_of.get(c, c) for c in p.covers),
                        ),
                    )
                    for p in gap.modules
                ),
            )
        )
    if gap.uncovered:
        parts.append(
            Text(
                "No module in the data teaches to the level needed: "
                + ", ".join(c.name for c in gap.uncovered)
                + ". The figures below leave these out.",
                style="yellow",
            )
        )
    parts.append(gap_summary(gap, names))
    route_flagged = route is not None and any(s.unverified for s in route.steps)
    if route_flagged or _programmes_flagged(gap) or any(p.module.unverified for p in gap.modules):
        parts.append(Text(UNVERIFIED_LEGEND, style="yellow"))
    return _spaced(parts)


def overlap_view(catalogue: Catalogue, result: Overlap) -> RenderableType:
    """Shared, partly shared and unique competencies, similarity, and every move."""
    names = catalogue.name_of()
    parts: list[RenderableType] = [
        Text("Overlap: " + ", ".join(f"{names[r]} ({r})" for r in result.roles), style="bold cyan"),
        Text(f"Counting {result.counted} competencies.", style="dim"),
    ]
    parts.append(
        competency_list(f"Shared by all ({len(result.shared)})", result.shared)
        if result.shared
        else Text("No competency is shared by all of these roles.", style="dim")
    )
    if result.some:
        parts.append(
            table(
                "Shared by some",
                (Column("Competency"), Column("Roles")),
                ((c.name, ", ".join(r)) for c, r in result.some),
            )
        )
    for role_id, comps in result.unique:
        if comps:
            title = f"Only {names.get(role_id, role_id)} ({role_id}): {len(comps)}"
            parts.append(competency_list(title, comps))
    parts.append(terminal_table("Similarity", similarity_table(result)))
    parts.append(Text(similarity_note(result), style="dim"))

    moves = Group(
        Text("What a move takes", style="bold cyan"),
        *(line for g in result.moves for line in _move_lines(g, names)),
        Text(
            "Estimates: the modules in the data that teach what is missing, not a recorded "
            "course or route (careerpath route FROM TO shows those).",
            style="dim",
        ),
    )
    parts.append(moves)
    if any(_programmes_flagged(g) for g in result.moves):
        parts.append(Text(UNVERIFIED_LEGEND, style="yellow"))
    return _spaced(parts)


def _band_change(step_from: str | None, step_to: str | None) -> str:
    """The band change as "band 4 → 7", or only the known side ("to band 7"), never "?"."""
    if step_from and step_to:
        return f"band {step_from} → {step_to}"
    if step_to:
        return f"to band {step_to}"
    return f"from band {step_from}" if step_from else ""


def _cost_text(cost: int, known: bool, apprenticeship: bool = False) -> str:
    """The person's training fees a route is ranked by with ``--by cost``, always qualified.

    An apprenticeship's training is paid by the employer or levy, never by the apprentice,
    so it is not in this total (each such step says who pays).
    """
    if known:
        if cost:
            return f"£{cost:,} training fees"
        return "no training fees for the person" if apprenticeship else "no training fees"
    if cost:
        return f"a fee not in the data: at least £{cost:,} training fees"
    return "training fees not in the data"


def search_note(routes: Sequence[Route], metric: Metric = "months") -> str:
    """What a search that stopped at its budget does and does not prove, or "" if finished.

    The first route is proven best whenever the search found it before stopping; only the
    list of alternatives after it is then incomplete, and saying more would cast doubt on
    an answer that is certain. Routes listed apart after ranked ones (a figure the data
    lacks) are a best effort whatever the search did, as the ranking note says, so only the
    ranked routes decide it: `route accredited-counsellor OT` said a better second or third
    choice might exist when its three ranked routes were the whole answer.
    """
    ranked = [r for r in routes if r.known(metric)] or list(routes)
    if not ranked or all(r.complete for r in ranked):
        return ""
    if routes[0].proven and routes[0].length_known:
        # Best among routes that assume nothing, when a faster one that assumes something
        # is listed beside it (`route level-3 clinical-psychologist`): "best" alone
        # claimed more than that.
        best = (
            "proven the best of the routes that assume nothing"
            if not routes[0].assumes
            and any(r.assumes and r.months < routes[0].months for r in ranked)
            else "proven best"
        )
        if len(routes) == 1:
            return (
                f"The first route is {best}; the search for alternatives stopped at its "
                "budget before finding another."
            )
        return (
            f"The first route is {best}; the search for alternatives stopped at its "
            "budget, so a better second or third choice than those listed may exist."
        )
    return (
        "The search stopped at its budget: these are real routes, but a better one than "
        "those listed may exist."
    )


def step_label(catalogue: Catalogue, step: RouteStep) -> str:
    """What a step is, worded by what it is when it names no programme.

    Study for a qualification is not "direct entry" (a three-year degree was worded "direct
    entry · 3 years"); a post taken without training is; a progression without a programme is
    experience in post.
    """
    if step.programme_title:
        return step.programme_title
    if step.proposed:
        return "module top-up"
    if step.kind != "entry":
        return "experience"
    if catalogue.has("qualifications", step.target):
        return "study (no programme named in the data)"
    return "direct entry to a post"


def funded_fee(funding: Sequence[str], own: int | None) -> str:
    """Who pays a step's fees when the NHS or an employer funds it, and what self-funding costs."""
    if own is None:
        return ""
    payers = [
        p for p, kind in (("NHS", "nhs-funded"), ("employer", "employer-funded")) if kind in funding
    ]
    return f"fees paid by the {' or '.join(payers)} (£{own:,} if self-funded)"


def employer_paid(
    catalogue: Catalogue, amount: int | None, band: bool, level: int | None = None
) -> str:
    """Who pays an apprenticeship's training, and how much: never the apprentice.

    Where a ``levy-age-limit`` rule in the data covers the level (since January 2026 the
    levy funds Level 7 only for apprentices under 22; pathways/rules.yaml), the training is
    the employer's to pay for most new starters, so it is not worded as "the employer or
    levy", and the rule's own summary says why.
    """
    from careerpath.model import levy_age_limit

    what = "" if amount is None else (f"funding band £{amount:,}" if band else f"£{amount:,}")
    rule = levy_age_limit(catalogue, level)
    if rule is not None:
        return f"training paid by the employer{f' ({what})' if what else ''}: {rule.summary}"
    return f"training paid by the employer or levy{f' ({what})' if what else ''}"


def _source_label(  # noqa: PLR0917 - one step's context, from routes_view's loop
    catalogue: Catalogue,
    names: Mapping[str, str],
    route: Route,
    index: int,
    source: str,
    start: str,
) -> str:
    """Where a step starts, saying which earlier step's training gave it when none names it.

    A step can start from what an earlier step implied (the honours degree a nursing
    apprenticeship gives): "Honours degree → Dramatherapist" alone reads as a degree taken
    or held that neither was.
    """
    from careerpath.analysis.holdings import gains_of

    label = names.get(source, source)
    earlier = route.steps[:index]
    if source == start or source in {s.target for s in earlier} or source in route.holdings:
        return label
    giver = next(
        (
            s.target
            for s in reversed(earlier)
            if source in gains_of(catalogue, s.target, s.programme)
        ),
        None,
    )
    return label if giver is None else f"{label} (from the {names.get(giver, giver)} training)"


def routes_view(
    catalogue: Catalogue,
    start: str,
    goal: str,
    routes: Sequence[Route],
    metric: Metric = "months",
    *,
    faster: Sequence[Faster] = (),
) -> RenderableType:
    """Ranked routes, each step with programme, months, waits, band change and funding.

    Routes whose ranking figure is a lower bound (a step's length, or by cost a fee, not
    in the data: ``Route.known``) are listed after the ranked ones under their own heading,
    numbered on, so none reads as ranked among routes whose figure is exact. ``faster``
    names narrower qualifications the person may hold that open a shorter route
    (``faster_if_held``).
    """
    names = {**catalogue.name_of(), "open-entry": "No formal qualification"}
    parts: list[RenderableType] = [
        Text(f"Routes from {names.get(start, start)} to {names.get(goal, goal)}", style="bold cyan")
    ]
    ranked = [r for r in routes if r.known(metric)]
    apart = [r for r in routes if not r.known(metric)]
    routes = [*ranked, *apart]
    for number, route in enumerate(routes, start=1):
        if ranked and number == len(ranked) + 1:
            parts.append(Text(apart_heading(metric), style="bold yellow"))
        total = _total(route.months, route.length_known)
        title = (
            f"{number}. {total} in {len(route.steps)} step{'s' if len(route.steps) != 1 else ''}"
        )
        title += ", " + _cost_text(
            route.cost, route.cost_known, any(s.apprenticeship for s in route.steps)
        )
        own = sum(s.self_funded_fee or 0 for s in route.steps)
        if own:
            title += (" as funded" if route.cost_known else "") + (
                f" (£{own:,} more if self-funded)"
            )
        if route.proposed:
            title += " · proposed (built from module data; no provider runs it today)"
        lines: list[RenderableType] = [Text(title, style="bold")]
        for condition in (*route.assumes, *route.history):
            lines.append(Padding(Text(f"assumes: {condition}", style="yellow"), (0, 0, 0, 2)))
        for index, step in enumerate(route.steps):
            # An open-entry step starts from wherever the person is: name the route's start.
            source = start if step.source == "open-entry" else step.source
            label = _source_label(catalogue, names, route, index, source, start)
            headline = Text(f"{label} → {names.get(step.target, step.target)}")
            flag(headline, step.unverified)
            if step.proposed:
                headline.append(" · proposed top-up", style="magenta")
            length = months_text(step.months) if step.length_known else LENGTH_UNKNOWN
            if step.months < step.full_months:
                length += f" (of {months_text(step.full_months)}; prior learning)"
            what = step_label(catalogue, step)
            if (
                what in ("direct entry to a post", "experience")
                and step.length_known
                and not step.months
            ):
                length = ""  # a post taken (after any wait): no length to give, not "0 months"
            band = flagged(_band_change(step.band_from, step.band_to), step.band_unverified)
            details = " · ".join(
                x
                for x in (
                    what,
                    length,
                    band,
                    ", ".join(step.funding),
                    employer_paid(
                        catalogue,
                        step.employer_cost,
                        step.employer_band,
                        catalogue.programme(step.programme).level
                        if step.programme and catalogue.has("programmes", step.programme)
                        else None,
                    )
                    if step.apprenticeship
                    else funded_fee(step.funding, step.self_funded_fee),
                )
                if x
            )
            lines.append(Padding(headline, (0, 0, 0, 2)))
            if step.wait:
                lines.append(
                    Padding(
                        Text(f"wait {months_text(step.wait)} first", style="yellow"), (0, 0, 0, 4)
                    )
                )
            lines.append(Padding(Text(details, style="dim"), (0, 0, 0, 4)))
        parts.append(Group(*lines))
    if faster:
        parts.append(_faster_view(catalogue, faster))
    # With a group listed apart, the assumption rule holds within each group: a route whose
    # figure is known comes first even when it assumes something and one apart does not.
    within = (
        f" (within the routes whose {'every fee' if metric == 'cost' else 'every length'} is "
        "in the data, and within those listed apart)"
        if ranked and apart
        else ""
    )
    parts.append(
        Text(
            "Waits are experience required before a step and the two-year rule between "
            "NHS-funded psychological trainings. A route that assumes a condition the data "
            f"cannot check ranks after the routes that assume nothing{within}; one faster "
            "than the best of them is listed straight after it, with what it assumes. "
            "--strict leaves such routes out.",
            style="dim",
        )
    )
    parts.extend(_route_notes(routes, metric, names))
    return _spaced(parts)


def _route_notes(
    routes: Sequence[Route], metric: Metric, names: Mapping[str, str]
) -> list[RenderableType]:
    """The notes under a list of routes: what its ranking and figures rest on."""
    parts: list[RenderableType] = []
    if any(route.history for route in routes):
        parts.append(
            Text(
                "What a route takes on trust about your own training (a role held counts for "
                "the level of study every current way into it gives; a funding rule runs from "
                "it only where every way in is under the rule) is said with the route but does "
                "not move it down. --have confirms a qualification, and --have ROLE:MONTHS "
                "gives the time since you qualified.",
                style="dim",
            )
        )
    parts.extend(_ranking_notes(routes, metric, any(not r.known(metric) for r in routes)))
    if any(s.unverified or s.band_unverified for route in routes for s in route.steps):
        parts.append(Text(UNVERIFIED_LEGEND, style="yellow"))
    note = search_note(routes, metric)
    if note:
        parts.append(Text(note, style="yellow"))
    if routes and routes[0].holdings:
        held = ", ".join(names.get(h, h) for h in routes[0].holdings if h != "open-entry")
        parts.append(Text(f"Counted as held at the start: {held}.", style="dim"))
    if routes and routes[0].months_in:
        served = ", ".join(
            f"{names.get(h, h)} for {months_text(m)}" for h, m in routes[0].months_in
        )
        parts.append(
            Text(f"Experience already in post, counted towards waits: {served}.", style="dim")
        )
    parts.extend(_rule_from_note(routes, names))
    return parts


def _faster_view(catalogue: Catalogue, faster: Sequence[Faster]) -> RenderableType:
    """What a more specific qualification would change, and the option that says you hold it."""
    names = catalogue.name_of()
    lines: list[RenderableType] = [Text("Faster if what you hold is more specific", style="bold")]
    for f in faster:
        steps = len(f.route.steps)
        lines.append(
            Padding(
                Text(
                    f"if your {names.get(f.refines, f.refines)} is a "
                    f"{names.get(f.qualification, f.qualification)}: "
                    f"{months_text(f.route.months)} in {steps} step{'s' if steps != 1 else ''} "
                    f"(add --have {f.qualification})"
                ),
                (0, 0, 0, 2),
            )
        )
    return Group(*lines)


def _ranking_notes(routes: Sequence[Route], metric: Metric, apart: bool) -> list[Text]:
    """What the ranking rests on where a figure is a lower bound: lengths, or fees by cost."""
    parts: list[Text] = []
    if metric != "cost" and apart:
        known = any(route.known(metric) for route in routes)
        parts.append(
            Text(
                (
                    "A route with a step whose length the data does not give is listed after "
                    "every route whose lengths are all known: its total counts that step as "
                    "nothing, so it takes at least that long and is never ranked as the fastest. "
                    "Among those, fewer such steps come first."
                )
                if known
                else (
                    "No route here has every length in the data: each total counts a step "
                    "whose length is not recorded as nothing, so these are ordered by how many "
                    "such steps they have (fewest first), then by the lengths the data gives, "
                    "and one may take longer than a route listed below it."
                ),
                style="dim" if known else "yellow",
            )
        )
    if metric == "cost" and any(not route.length_known for route in routes):
        parts.append(
            Text(
                'A total marked "at least" counts a step whose length the data does not give '
                "as nothing; ranked by cost, the route is placed by its fees.",
                style="dim",
            )
        )
    if metric == "cost" and apart:
        known = any(route.cost_known for route in routes)
        parts.append(
            Text(
                (
                    "Routes whose every fee is in the data are ranked first, cheapest first; a "
                    "route with a fee the data does not give counts it as nothing, so it may "
                    "cost more than any of them and is listed after them, fewest unknown fees "
                    "first, then by the fees it knows."
                )
                if known
                else (
                    "No route has every fee in the data: each counts a fee it lacks as "
                    "nothing, so these are ordered by how many fees they lack (fewest first), "
                    "then by the fees the data gives, and one may cost more than a route "
                    "listed below it."
                ),
                style="yellow",
            )
        )
    return parts


def _rule_from_note(routes: Sequence[Route], names: Mapping[str, str]) -> list[Text]:
    """Say when a funding rule's wait was counted from a held role's training, taken as now."""
    counted_now = sorted({h for route in routes for h in route.rule_from})
    if not counted_now:
        return []
    return [Text(rule_from_text(counted_now, names), style="yellow")]


def ways_in_view(catalogue: Catalogue, result: WaysIn) -> RenderableType:
    """Every way into a role, grouped by starting point."""
    names = {**catalogue.name_of(), "open-entry": "No formal qualification"}
    parts: list[RenderableType] = [
        Text(f"Ways into {result.role.title} ({result.role.id})", style="bold cyan")
    ]
    for source, edges in result.direct:
        distinct = {
            (e.programme.id if e.programme else "", e.months, e.wait, e.needs, e.unverified): e
            for e in edges
        }
        parts.append(
            section(
                f"From {names.get(source, source)}",
                (
                    item(
                        flagged(
                            e.programme.title if e.programme else "direct entry (no programme)",
                            e.unverified,
                        ),
                        "",
                        (
                            " · ".join(
                                x
                                for x in (
                                    months_text(e.months) if e.length_known else LENGTH_UNKNOWN,
                                    ", ".join(e.funding),
                                )
                                if x
                            ),
                            f"wait {months_text(e.wait)} first (experience)" if e.wait else "",
                            "also needs: "
                            + "; ".join(
                                " or ".join(names.get(x, x) for x in group) for group in e.needs
                            )
                            if e.needs
                            else "",
                        ),
                    )
                    for e in distinct.values()
                ),
            )
        )
    if result.fastest:
        parts.append(
            section(
                "Fastest whole route from each starting qualification",
                (
                    item(
                        f"{_total(r.months, r.length_known)} via " + glued(route_via(r, names)),
                        "",
                        (
                            "from " + "; ".join(q.title for q in quals),
                            *(f"assumes: {a}" for a in r.assumes),
                            *_sooner_lines(dict(result.sooner).get(quals[0].id), names),
                        ),
                        style="",
                    )
                    for quals, r in result.fastest_groups
                ),
            )
        )
    if not result.direct and not result.fastest:
        parts.append(
            Text(
                "No entry route or progression into this role is recorded in the data, so no "
                "way in can be shown (an ESCO import records skills, not ways in).",
                style="yellow",
            )
        )
    if any(e.unverified for _, edges in result.direct for e in edges) or any(
        s.unverified
        for routes in (result.fastest, result.sooner)
        for _, r in routes
        for s in r.steps
    ):
        parts.append(Text(UNVERIFIED_LEGEND, style="yellow"))
    return _spaced(parts)


def openings_view(
    catalogue: Catalogue,
    qualification: Qualification | Role,
    openings: Sequence[Opening],
    within: int | None,
) -> RenderableType:
    """Roles a qualification (or role) opens; routes that assume a condition are listed apart."""
    scope = f"within {months_text(within)}" if within is not None else "directly"
    if not openings:
        return Text(f"No role can be entered {scope} with {qualification.title}.", style="yellow")
    # What a route takes on trust about the person's own training is the same sentence for
    # every role it reaches: `from nmc-mh` printed one three-line assumption nine times.
    # One that recurs is said once, numbered, under the list.
    counts: dict[str, int] = {}
    for o in openings:
        for h in dict.fromkeys(o.route.history):
            counts[h] = counts.get(h, 0) + 1
    shared = {h: n for n, h in enumerate((h for h, c in counts.items() if c > 1), start=1)}

    def entry(o: Opening) -> list[RenderableType]:
        via = (
            " · proposed top-up"
            if o.route.proposed
            else " · direct"
            if o.direct
            else " · via " + glued(route_via(o.route, {}))
        )
        assumes = tuple(
            f"assumes: {a}" if a not in shared else f"assumes: note {shared[a]} below"
            for a in (*o.route.assumes, *o.route.history)
        )
        if o.sooner is not None:
            assumes += (
                f"sooner: {_total(o.sooner.months, True)} via {glued(route_via(o.sooner, {}))}"
                + (f", if: {'; '.join(o.sooner.assumes)}" if o.sooner.assumes else ""),
            )
        return item(
            # Where no steps are listed (direct, or a proposed top-up) their † goes on the role.
            flagged(
                f"{o.role.title} ({o.role.id})",
                (o.direct or o.route.proposed) and any(s.unverified for s in o.route.steps),
            ),
            "",
            (_total(o.route.months, o.route.length_known) + via, *assumes),
        )

    # A role only a proposed top-up reaches is kept apart from programmes that run today.
    proposed = [o for o in openings if o.route.proposed]
    running = [o for o in openings if not o.route.proposed]
    known = [o for o in running if o.route.length_known and not o.route.assumes]
    assuming = [o for o in running if o.route.length_known and o.route.assumes]
    unknown = [o for o in running if not o.route.length_known]
    parts: list[RenderableType] = []
    if known:
        parts.append(
            section(f"Roles open {scope} to someone with {qualification.title}", map(entry, known))
        )
    if assuming:
        parts.append(
            section(
                f"Open {scope} only if a condition the data cannot check is met",
                map(entry, assuming),
            )
        )
    if unknown:  # a lower bound cannot promise "within N months": say so apart
        parts.append(
            section(
                "Also open, but a step's length is not recorded"
                + (" (so it may take longer)" if within is not None else ""),
                map(entry, unknown),
            )
        )
    if proposed:
        parts.append(
            section(
                f"Open {scope} only through a proposed top-up (built from module data; "
                "no provider runs it today)",
                map(entry, proposed),
            )
        )
    from careerpath.render.terminal import hanging

    for text, number in shared.items():
        parts.append(hanging(Text(f"{number}. assumes: {text}", style="yellow"), 0, 3))
    if any(s.unverified for o in openings for s in o.route.steps):
        parts.append(Text(UNVERIFIED_LEGEND, style="yellow"))
    return _spaced(parts)


def qualifications_view(catalogue: Catalogue) -> RenderableType:
    """The known starting qualifications."""
    rows = [(q.id, q.title, str(q.level or "–")) for q in catalogue.qualifications]
    return table(
        "Starting qualifications",
        (Column("ID", "id"), Column("Qualification"), Column("RQF level", "number")),
        rows,
    )


def barriers_view(
    catalogue: Catalogue, ranked: Sequence[RankedBarrier], top: int | None = None
) -> RenderableType:
    """Barriers, biggest first, under a title that states the ranking rule and the cut-off.

    Each entry shows its category, its reach (the figures it is ranked by), its text, any
    near-duplicate records merged into it, the roles it affects, and numbered sources.
    """
    from careerpath.analysis.barriers import RANKING_RULE
    from careerpath.render.terminal import hanging, sources_block, unverified_legend

    if not ranked:
        return Text("No barriers match.", style="dim")
    shown = ranked[:top] if top else ranked
    numbers: dict[str, int] = {}
    entries: list[RenderableType] = []
    for number, ranked_item in enumerate(shown, start=1):
        barrier = ranked_item.barrier
        cites = "".join(f"[{numbers.setdefault(s, len(numbers) + 1)}]" for s in ranked_item.sources)
        roles = len(ranked_item.roles)
        reach = f"{roles} role{'s' if roles != 1 else ''}, {ranked_item.routes} route"
        reach += "s" if ranked_item.routes != 1 else ""
        headline = Text(f"{number}. {barrier.category}", style="bold")
        flag(headline, ranked_item.unverified)
        headline.append(f" · reach {ranked_item.score} ({reach})", style="bold")
        headline.append(f"  {cites}", style="dim")
        if entries:
            entries.append(Text())
        entries.append(hanging(headline, 0, 3))
        entries.append(hanging(Text(barrier.text), 3, 0))
        for other in ranked_item.merged:
            also = Text("also recorded as: ", style="italic")
            also.append(other.text)
            entries.append(hanging(also, 3, 2))
        entries.append(hanging(Text("affects " + ", ".join(ranked_item.roles), style="dim"), 3, 2))
    title = (
        f"The {len(shown)} biggest of {len(ranked)} barriers"
        if len(shown) < len(ranked)
        else f"{len(ranked)} barrier{'s' if len(ranked) != 1 else ''}, biggest first"
    )
    notes = [Text(RANKING_RULE, style="dim")]
    if len(shown) < len(ranked):
        notes.append(Text(f"Use --top N for more, or --top 0 for all {len(ranked)}.", style="dim"))
    legend = unverified_legend(any(r.unverified for r in shown))
    if legend is not None:  # on the first screen too: the list runs to several
        notes.append(Text(UNVERIFIED_LEGEND, style="yellow"))
    heading: list[RenderableType] = [Text(title, style="bold cyan"), *notes]
    parts: list[RenderableType] = [Group(*heading), Group(*entries)]
    parts.append(sources_block([catalogue.source(s) for s in numbers], numbers))
    if legend is not None:
        parts.append(legend)
    return _spaced(parts)


_LEVEL_MARK = {
    "awareness": "a",
    "foundation": "f",
    "practitioner": "P",
    "advanced": "A",
    "expert": "E",
}


_MATRIX_NAME_WIDTH = 34


class _PagedGrid:
    """A grid of short cells (rows named on the left, role ids across) laid out for the width.

    When every column id fits as a heading, the ids head the columns; otherwise columns are
    numbered with a key above. Columns that do not fit the width go to further pages, each
    page showing only the rows with something in them, and the title says so and points to
    ``--csv``. Row names wrap at spaces and are never split mid-word unless a single word is
    wider than the column. This replaced a Rich table that, given 45 roles at 120 columns,
    printed its title, a rule and 118 blank lines.
    """

    def __init__(
        self,
        title: str,
        *,
        rows: Sequence[str],
        columns: Sequence[str],
        cells: Sequence[Sequence[str]],
        legend: str,
        csv: str,
    ) -> None:
        self.title, self.rows, self.columns, self.cells = title, rows, columns, cells
        self.legend, self.csv = legend, csv

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from careerpath.render.terminal import wrap_text

        width, names, columns = options.max_width, self.rows, self.columns
        longest_word = max((len(w) for n in names for w in n.split()), default=10)
        name_width = min(max((len(n) for n in names), default=10), _MATRIX_NAME_WIDTH)
        name_width = max(name_width, min(longest_word, _MATRIX_NAME_WIDTH), 10)
        cell = max((len(c) for row in self.cells for c in row), default=1) + 1
        room = max(width - name_width - 1, cell)
        id_cells = [max(len(c) + 1, cell) for c in columns]
        by_id = sum(id_cells) <= room
        per_page = len(columns) if by_id else max(room // max(cell, 3), 1)
        pages = [
            range(i, min(i + per_page, len(columns))) for i in range(0, len(columns), per_page)
        ]
        title = Text(self.title, "bold cyan")
        if len(pages) > 1:
            title.append(
                f": {len(pages)} pages of up to {per_page} roles to fit {width} columns",
                style="bold cyan",
            )
        yield title
        if len(pages) > 1:
            yield Text(f"For the whole matrix in a spreadsheet: {self.csv}", style="dim")
        for number, page in enumerate(pages, start=1):
            yield Text()
            if len(pages) > 1:
                yield Text(f"Page {number} of {len(pages)}", style="bold")
            widths = [id_cells[j] if by_id else max(cell, 3) for j in page]
            if not by_id:
                key = Text("  ".join(f"{k}={columns[j]}" for k, j in enumerate(page, start=1)))
                yield from wrap_text(console, key, width, style="dim")
            heads = [columns[j] if by_id else str(k) for k, j in enumerate(page, start=1)]
            header = Text(" " * (name_width + 1), style="bold")
            for head, cell_width in zip(heads, widths, strict=True):
                header.append(head.rjust(cell_width), style="bold")
            yield header
            yield Text("─" * min(width, name_width + 1 + sum(widths)))
            for i, name in enumerate(names):
                marks = [self.cells[i][j] for j in page]
                if not any(marks):
                    continue
                lines = wrap_text(console, Text(name), name_width)
                row = lines[0] + Text(" " * (name_width + 1 - lines[0].cell_len))
                for mark, cell_width in zip(marks, widths, strict=True):
                    row.append((mark or "·").rjust(cell_width), style="bold" if mark else "dim")
                yield row
                yield from lines[1:]
        yield Text()
        yield Text(self.legend, style="dim")


def matrix_view(result: CompetencyMatrix) -> RenderableType:
    """Competencies as rows and roles as columns (roles are fewer), paged to fit, with a legend."""
    count = len(result.roles)
    cells = [
        [_LEVEL_MARK.get(result.cells[i][j], "") for i in range(count)]
        for j in range(len(result.competencies))
    ]
    return _PagedGrid(
        f"{count} roles × {len(result.competencies)} competencies",
        rows=[c.name for c in result.competencies],
        columns=[r.id for r in result.roles],
        cells=cells,
        legend="a awareness · f foundation · P practitioner · A advanced · E expert · · not needed",
        csv="careerpath matrix --csv > matrix.csv",
    )


def _left_out(names: Sequence[str]) -> str:
    """The sentence naming what every similarity figure leaves out, or "" when nothing is."""
    if not names:
        return ""
    return f" Not counted, because every NHS post shares them: {'; '.join(names)}."


def similarity_view(
    roles: Sequence[Role],
    values: SimilarityMatrix,
    counted: str = "essential",
    names: Sequence[str] = (),
) -> RenderableType:
    """``similar``'s score for every ordered pair (row → column), paged like ``matrix_view``.

    ``counted`` says which competencies the figures count ("essential", or "essential and
    optional"), as ``overlap`` says it; ``names`` are the generic competencies left out.
    """
    from careerpath.analysis.similar import SCORE_RULE

    cells = [[f"{v:.2f}" if v else "" for v in row] for row in values.rows()]
    return _PagedGrid(
        f"Similarity of {len(roles)} roles: how much of the column role the row role holds",
        rows=[r.id for r in roles],
        columns=[r.id for r in roles],
        cells=cells,
        legend=f"Row → column, {counted} competencies: {SCORE_RULE}. A cell marked ·: nothing"
        " role-specific held." + _left_out(names),
        csv="careerpath matrix --similarity --csv > similarity.csv",
    )


def similar_view(
    role: Role, ranked: Sequence[Neighbour], names: Sequence[str] = ()
) -> RenderableType:
    """The closest roles, with "x of y role-specific competencies" so each score explains itself."""
    from careerpath.analysis.similar import SCORE_RULE

    note = Text(f"Score: {SCORE_RULE}.{_left_out(names)}", style="dim")
    if not ranked:
        return Group(
            Text(
                f"No role shares a role-specific essential competency with {role.title}.",
                style="yellow",
            ),
            Text(),
            note,
        )
    view = section(
        f"Roles closest to {role.title} ({role.id})",
        (
            item(
                f"{n.score:.0%}  {n.role.title} ({n.role.id})",
                "",
                (
                    f"holds {n.shared} of {n.shared + n.below + n.missing} role-specific essential "
                    "competencies at the level needed · "
                    + (f"{n.below} at a lower level · " if n.below else "")
                    + f"{n.missing} missing · band {n.band_change} · {n.direction}",
                ),
            )
            for n in ranked
        ),
    )
    return Group(view, Text(), note)


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:g}" if value == int(value) else f"{value:.1f}"
    return f"{text}{unit}"


def curriculum_view(catalogue: Catalogue, result: Curriculum) -> RenderableType:
    """The proposal a commissioner can take to a meeting: parts, pathways, conversions, savings."""
    parts: list[RenderableType] = [
        Text(
            f"Shared core and specialist training: {', '.join(result.members)}", style="bold cyan"
        ),
    ]
    if result.missing_data:
        parts.append(
            Text(
                "Not enough module data to compute this for: "
                + "; ".join(result.missing_data)
                + ". Add modules with the competencies they teach to those programmes.",
                style="yellow",
            )
        )
        if len(result.missing_data) == len(result.members):
            return _spaced(parts)
    names = {c.id: c.name for c in catalogue.competencies}
    label = {"core": "Shared core", "shared": "Shared by some", "own": "Specialist"}
    parts.append(
        section(
            "Proposed parts",
            (
                item(
                    f"{label[p.name]} · taken by {', '.join(p.members)} · {_num(p.credits)} credits",
                    "",
                    (
                        "; ".join(names.get(c, c) for c in p.competencies),
                        Text(
                            f"draws on {len(p.drawn_from)} module"
                            f"{'s' if len(p.drawn_from) != 1 else ''}",
                            style="dim",
                        ),
                    ),
                )
                for p in result.parts
            ),
        )
    )
    path_rows = [
        (
            p.id,
            p.programme.title if p.programme else "–",
            f"{_num(p.today_credits)} credits, {months_text(p.today_months)}",
            f"{_num(p.proposed_credits)} credits, {months_text(p.proposed_months)}",
            str(p.intake or "–"),
        )
        for p in result.pathways
    ]
    parts.append(
        _fitted_table(
            "A new trainee, today and proposed",
            (
                Column("", "id"),
                Column("Today's programme"),
                Column("Today"),
                Column("Proposed"),
                Column("Intake a year", "number"),
            ),
            path_rows,
        )
    )
    saving = result.credits_today - result.credits_proposed
    share = f" ({saving / result.credits_today:.0%})" if result.credits_today else ""
    delivery = Text.assemble(
        ("Teaching designed and delivered a year: ", "bold"),
        f"{_num(result.credits_today)} credits as separate programmes; {_num(result.credits_proposed)} credits with each part taught once "
        f"to a joint cohort — {_num(round(saving, 1))} credits{share} less.",
    )
    core = result.core
    if core and any(p.intake for p in result.pathways):
        cohort = sum(p.intake for p in result.pathways if p.id in core.members)
        delivery.append(f" The shared core would be taught to one cohort of {cohort} a year.")
    parts.append(delivery)
    if result.conversions:
        conv_rows = [
            (
                f"{c.source} → {c.target}",
                str(len(c.competencies)),
                f"{_num(c.credits)} credits, {months_text(c.months)}",
                c.today_note
                if c.today_credits is None or c.today_months is None
                else f"{_num(c.today_credits)} credits, {months_text(c.today_months)}",
                f"{_num(c.full_credits)} credits, {months_text(c.full_months)}",
                _num(c.saving_credits, " credits"),
                f"£{c.cost:,.0f} of £{c.full_cost:,}"
                if c.cost is not None and c.full_cost is not None
                else "–",
            )
            for c in result.conversions
        ]
        parts.append(
            _fitted_table(
                # A proposal beside today's provision: today's programmes may have no such
                # top-up at all (``gap`` says so), so the two are shown side by side.
                "Conversion top-ups: proposed (each competency taught on its own; no "
                "provider runs it) and today (the modules that run, as careerpath gap gives)",
                (
                    Column("Move", "figure"),
                    Column("New competencies"),
                    Column("Proposed"),
                    Column("Today"),
                    Column("Full retraining"),
                    Column("Not repeated"),
                    Column("Cost"),
                ),
                conv_rows,
            )
        )
    if result.exit_awards:
        award_rows = [
            (m, title, str(credits), "yes" if core_only else "")
            for m, title, credits, core_only in result.exit_awards
        ]
        parts.append(
            table(
                "Step-off awards",
                (
                    Column("Programme"),
                    Column("Award"),
                    Column("Credits", "number"),
                    Column("Reached by the shared parts"),
                ),
                award_rows,
            )
        )
    for member, competencies in result.untaught:
        parts.append(
            Text(
                f"{member}: its programme teaches no module for {', '.join(competencies)}; those needs are left out of the figures.",
                style="yellow",
            )
        )
    parts.append(
        Text(
            "Credits per competency: each module's credits shared evenly among the competencies it teaches; "
            "a shared part is sized by the largest figure any of its programmes gives it. Months follow each programme's credits per month.",
            style="dim",
        )
    )
    return _spaced(parts)


def _fitted_table(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> RenderableType:
    """A table whose words are never cut: one item a row when the columns do not fit.

    ``terminal_table`` does that for a view's blocks; a table built straight from strings
    (curriculum's) split its headers mid-word at 80 columns ("competenc / ies").
    """
    from careerpath.render.view import cells
    from careerpath.render.view import table as block_table

    return terminal_table(title, block_table(columns, [cells(*row) for row in rows]))
