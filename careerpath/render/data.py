"""Machine-readable views (JSON-ready dicts) of catalogue items and analysis results.

These dicts are the contract scripts and later tools build on: keys are stable and
documented in the README, lists are sorted, and ids are used wherever a name could change.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from careerpath.text import apart_heading, csv_cell

if TYPE_CHECKING:  # types only: `show --json` must not import every analysis
    from collections.abc import Iterable, Sequence

    from careerpath.analysis.barriers import RankedBarrier
    from careerpath.analysis.curriculum import Curriculum
    from careerpath.analysis.entry import Opening, WaysIn
    from careerpath.analysis.matrix import CompetencyMatrix, SimilarityMatrix
    from careerpath.analysis.overlap import Gap, Overlap
    from careerpath.analysis.profile import Profile, Step
    from careerpath.analysis.refinements import Faster
    from careerpath.analysis.routes import Metric, Route
    from careerpath.analysis.similar import Neighbour
    from careerpath.model import Catalogue, Competency, Role, Source

__all__ = [
    "barriers_json",
    "csv_text",
    "curriculum_json",
    "dumps",
    "gap_json",
    "matrix_csv",
    "openings_json",
    "overlap_json",
    "profile_json",
    "role_summary_json",
    "route_json",
    "routes_json",
    "similar_json",
    "similarity_csv",
    "source_json",
    "ways_in_json",
]


def dumps(data: Any) -> str:
    """Stable, readable JSON text (sorted keys, UTF-8 kept as is)."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def source_json(source: Source) -> dict[str, Any]:
    """A source with whichever of url and document it has."""
    out: dict[str, Any] = {"id": source.id, "title": source.title or None}
    if source.url:
        out["url"] = source.url
    if source.document:
        out["document"] = source.document
    if source.accessed:
        out["accessed"] = source.accessed
    if source.kind:
        out["kind"] = source.kind
    return out


def role_summary_json(role: Role) -> dict[str, Any]:
    """One row of ``list --json``."""
    return {
        "id": role.id,
        "title": role.title,
        "family": role.family,
        "career_framework_level": role.career_framework_level,
        "bands": {"training": role.bands.training, "qualified": role.bands.qualified},
    }


def _step_json(step: Step, catalogue: Catalogue, source: Any) -> dict[str, Any]:
    return {
        "programme": step.programme.id if step.programme else None,
        "programme_title": step.programme.title if step.programme else None,
        "months": step.months,
        "funding": list(step.funding),
        "requires": [r.as_json() for r in source.requires],
        "note": step.note or None,
        "sources": list(step.sources),
        "unverified": step.unverified,
    }


def profile_json(catalogue: Catalogue, profile: Profile) -> dict[str, Any]:
    """Everything ``show --json`` prints for one role."""
    role = profile.role
    entry = [
        {"id": route.id, "title": step.title, **_step_json(step, catalogue, route)}
        for route, step in zip(role.entry_routes, profile.entry_routes, strict=True)
    ]
    outgoing = [
        {"to": prog.to, "kind": prog.kind, **_step_json(step, catalogue, prog)}
        for prog, step in zip(role.progressions, profile.progressions_out, strict=True)
    ]
    incoming = [
        {
            "from": s.origin,
            "kind": s.kind,
            "programme": s.programme.id if s.programme else None,
            "months": s.months,
        }
        for s in profile.progressions_in
    ]
    return {
        **role_summary_json(role),
        "summary": role.summary or None,
        "aliases": list(role.aliases),
        "settings": list(role.settings),
        "regulation": {
            "kind": role.regulation.kind,
            "body": role.regulation.body or None,
            "register": role.regulation.register or None,
        },
        "entry_routes": entry,
        "progressions": outgoing,
        "progressions_in": incoming,
        "links": [
            {"role": k.role, "kind": k.kind, "note": k.note or None, "sources": list(k.sources)}
            for k in profile.links
        ],
        "competencies": [
            {"id": c.id, "name": c.name, "domain": c.domain, "level": need.level}
            for _, items in profile.competencies
            for c, need in items
        ],
        "barriers": [
            {
                "id": b.id,
                "category": b.category,
                "text": b.text,
                "roles": list(b.roles),
                "sources": list(b.sources),
                "unverified": b.unverified,
            }
            for b in profile.barriers
        ],
        "sources": [source_json(s) for s in profile.sources],
        "unverified": list(role.unverified),
        "esco": role.esco or None,
        "soc": role.soc or None,
        "note": role.note or None,
    }


def _competency(c: Competency) -> dict[str, Any]:
    return {"id": c.id, "name": c.name, "domain": c.domain}


def gap_json(gap: Gap) -> dict[str, Any]:
    """A move's learning needs: competencies, modules, credits and months vs full training."""
    return {
        "from": gap.source,
        "to": gap.target,
        "missing": [_competency(c) for c in gap.missing],
        "under_level": [
            {**_competency(c), "have": have, "need": need} for c, have, need in gap.under_level
        ],
        "level_not_recorded": [_competency(c) for c in gap.unrecorded],
        "already_held": [c.id for c in gap.already_held],
        "modules": [
            {
                "id": p.module.id,
                "title": p.module.title,
                "programme": p.programme.id,
                "credits": p.module.credits,
                "months": round(p.months, 1),
                "covers": list(p.covers),
                "unverified": p.module.unverified,
            }
            for p in gap.modules
        ],
        "uncovered": [c.id for c in gap.uncovered],
        "credits": gap.credits,
        "months": gap.months,
        "months_assume": [p.describe() for p in gap.paces],
        "whole_programmes": [p.id for p in gap.whole_programmes],
        "top_up": bool(gap.modules) and not gap.no_shorter_than_full,
        "full_training": (
            {
                "programme": gap.full.programme.id,
                "credits": gap.full.credits,
                "months": gap.full.months,
            }
            if gap.full
            else None
        ),
    }


def overlap_json(result: Overlap) -> dict[str, Any]:
    """``overlap --json``: shared, some, unique (per role), similarity (per pair), moves."""
    return {
        "roles": list(result.roles),
        "counted": result.counted,
        "not_counted": [_competency(c) for c in result.generic],
        "rule": _similarity_rule(),
        "shared": [_competency(c) for c in result.shared],
        "some": [{**_competency(c), "roles": list(r)} for c, r in result.some],
        "unique": {role: [_competency(c) for c in comps] for role, comps in result.unique},
        "similarity": [
            {
                "roles": [s.first, s.second],
                "shared": s.shared,
                "union": s.union,
                "jaccard": s.jaccard,
                "weighted": s.weighted,
                "holds_there": s.there,
                "holds_back": s.back,
            }
            for s in result.similarity
        ],
        "moves": [gap_json(g) for g in result.moves],
    }


def route_json(route: Route) -> dict[str, Any]:
    """One route with its steps and totals."""
    return {
        "months": route.months,
        "length_known": route.length_known,
        "steps": [
            {
                "from": s.source,
                "to": s.target,
                "kind": s.kind,
                "programme": s.programme,
                "months": s.months,
                "full_months": s.full_months,
                "wait": s.wait,
                "band_from": s.band_from,
                "band_to": s.band_to,
                "funding": list(s.funding),
                # The step's route or programme is unconfirmed (what `route` marks †).
                "unverified": s.unverified,
                # A band the step's band change shows is unconfirmed.
                "band_unverified": s.band_unverified,
                "length_known": s.length_known,
                "assumes": list(s.assumes),
                "proposed": s.proposed,
                # The person's fee for the step; an apprenticeship's is paid by the employer
                # or levy (``employer_cost``), never counted in the route's ``cost``.
                "fee": s.cost,
                # What the person would pay by funding a step the NHS or an employer funds.
                "self_funded_fee": s.self_funded_fee,
                "apprenticeship": s.apprenticeship,
                "employer_cost": s.employer_cost,
            }
            for s in route.steps
        ],
        "cost": route.cost if route.cost_known else None,
        # The fees the data gives for the route: its whole cost when ``cost_known``, else a
        # lower bound (a fee the data lacks counts as nothing).
        "cost_known": route.cost_known,
        "cost_at_least": route.cost,
        "assumes": list(route.assumes),
        # Levels of study credited to a role held because every current way in gives them:
        # assumed about the person's own training, not ranked as a condition.
        "assumes_history": list(route.history),
        "proposed": route.proposed,
        "holdings": list(route.holdings),
        "months_in_post": dict(route.months_in),
        "rule_wait_counted_from_now": list(route.rule_from),
        "complete": route.complete,
        "proven": route.proven,
    }


def routes_json(
    routes: Sequence[Route], metric: Metric, faster: Sequence[Faster] = ()
) -> list[dict[str, Any]]:
    """``route --json``: each route, and for one listed after the ranked ones, why.

    ``listed_apart`` is the heading the terminal gives that group (``apart_heading``), or
    None for a route ranked by an exact figure, and for every route when none is (the
    terminal then prints no heading: there is nothing for the group to be apart from).
    ``faster_if_held`` on the first route is what the terminal's "Faster if what you hold is
    more specific" says (``faster_if_held``): each narrower qualification, the one it
    refines, and the route holding it would give; empty on every other route.
    """
    some_known = any(r.known(metric) for r in routes)
    ordered = [
        *(r for r in routes if r.known(metric)),
        *(r for r in routes if not r.known(metric)),
    ]
    return [
        {
            **route_json(r),
            "listed_apart": None if r.known(metric) or not some_known else apart_heading(metric),
            "faster_if_held": [
                {"have": f.qualification, "refines": f.refines, "route": route_json(f.route)}
                for f in (faster if i == 0 else ())
            ],
        }
        for i, r in enumerate(ordered)
    ]


def ways_in_json(result: WaysIn) -> dict[str, Any]:
    """``entry --json``: direct ways in grouped by start, fastest route per qualification."""
    return {
        "role": result.role.id,
        "direct": [
            {
                "from": source,
                "routes": [
                    {
                        "route": e.route_id,
                        "programme": e.programme.id if e.programme else None,
                        "months": e.months,
                        "wait": e.wait,
                        "needs": [list(g) for g in e.needs],
                        "funding": list(e.funding),
                        "unverified": e.unverified,
                    }
                    for e in edges
                ],
            }
            for source, edges in result.direct
        ],
        "fastest": [{"qualification": q.id, **route_json(r)} for q, r in result.fastest],
    }


def openings_json(openings: tuple[Opening, ...]) -> list[dict[str, Any]]:
    """``from QUAL --json``: roles reachable, best first."""
    return [
        {"role": o.role.id, "title": o.role.title, "direct": o.direct, **route_json(o.route)}
        for o in openings
    ]


def barriers_json(catalogue: Catalogue, ranked: tuple[RankedBarrier, ...]) -> list[dict[str, Any]]:
    """``barriers --json``: biggest first, with sources resolved.

    ``roles``, ``sources`` and ``unverified`` cover every record merged into the entry;
    ``also_recorded_as`` lists those near-duplicate records with their own roles.
    """
    return [
        {
            "id": r.barrier.id,
            "category": r.barrier.category,
            "text": r.barrier.text,
            "roles": list(r.roles),
            "routes_affected": r.routes,
            "score": r.score,
            "sources": [source_json(catalogue.source(s)) for s in r.sources],
            "unverified": r.unverified,
            "also_recorded_as": [
                {"id": b.id, "text": b.text, "roles": list(b.roles)} for b in r.merged
            ],
        }
        for r in ranked
    ]


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """Rows as CSV text, every cell through ``text.csv_cell``: the one CSV writer.

    A title such as ``=HYPERLINK(...)`` would run as a formula when a planner opens the file
    in a spreadsheet; here it is written as text.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def matrix_csv(result: CompetencyMatrix) -> str:
    """Role × competency as CSV: one row per role, one column per competency id."""
    return csv_text(
        [
            ["role", "title", *(c.id for c in result.competencies)],
            *(
                [role.id, role.title, *row]
                for role, row in zip(result.roles, result.cells, strict=True)
            ),
        ]
    )


def similarity_csv(result: SimilarityMatrix) -> str:
    """Role × role Jaccard similarity as CSV.

    At 3,000 roles that is nine million cells, which formatting one by one takes seconds.
    Each distinct figure is formatted once into a fixed-width, NUL-padded byte string, a row
    is gathered from those by numpy in one step, and the padding is dropped.
    """
    import numpy as np

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in ["role", *(r.id for r in result.roles)]])
    labels = [f"{v:.4g},".encode("ascii") for v in result.values]
    table = np.array(labels, dtype=f"S{max(map(len, labels))}")
    cell = io.StringIO()
    id_writer = csv.writer(cell, lineterminator="")
    for role, codes in zip(result.roles, result.codes, strict=True):
        cell.seek(0)
        cell.truncate()
        id_writer.writerow([csv_cell(role.id)])
        figures = table[codes].tobytes().translate(None, b"\0").decode("ascii")
        buffer.write(f"{cell.getvalue()},{figures[:-1]}\n")
    return buffer.getvalue()


def _similarity_rule() -> str:
    from careerpath.analysis.similar import SCORE_RULE

    return f"holds_there and holds_back: {SCORE_RULE}"


def similar_json(
    role: Role, ranked: tuple[Neighbour, ...], not_counted: tuple[str, ...] = ()
) -> dict[str, Any]:
    """``similar --json``: the closest roles with the figures behind each score."""
    from careerpath.analysis.similar import SCORE_RULE

    return {
        "role": role.id,
        "score": SCORE_RULE,
        "not_counted": list(not_counted),
        "similar": [
            {
                "id": n.role.id,
                "title": n.role.title,
                "score": n.score,
                "shared": n.shared,
                "below_level": n.below,
                "missing": n.missing,
                "band_change": n.band_change,
                "direction": n.direction,
            }
            for n in ranked
        ],
    }


def curriculum_json(result: Curriculum) -> dict[str, Any]:
    """``curriculum --json``: parts, pathways, delivery figures, conversions, awards, gaps in data."""
    return {
        "kind": result.kind,
        "members": list(result.members),
        "parts": [
            {
                "part": p.name,
                "members": list(p.members),
                "competencies": list(p.competencies),
                "credits": p.credits,
                "drawn_from": [m.id for m in p.drawn_from],
            }
            for p in result.parts
        ],
        "pathways": [
            {
                "id": p.id,
                "programme": p.programme.id if p.programme else None,
                "today": {"credits": p.today_credits, "months": p.today_months},
                "proposed": {"credits": p.proposed_credits, "months": p.proposed_months},
                "intake": p.intake,
            }
            for p in result.pathways
        ],
        "delivery": {
            "today_credits": result.credits_today,
            "proposed_credits": result.credits_proposed,
            "saving_credits": round(result.credits_today - result.credits_proposed, 1),
        },
        "conversions": [
            {
                "from": c.source,
                "to": c.target,
                "competencies": list(c.competencies),
                "credits": c.credits,
                "months": c.months,
                "full_credits": c.full_credits,
                "full_months": c.full_months,
                "saving_credits": c.saving_credits,
                "cost": c.cost,
                "full_cost": c.full_cost,
                # Today's modules, as ``gap`` computes (None with a note when there is none).
                "today_credits": c.today_credits,
                "today_months": c.today_months,
                "today_note": c.today_note,
            }
            for c in result.conversions
        ],
        "exit_awards": [
            {"programme": m, "award": t, "credits": cr, "reached_by_shared_parts": ok}
            for m, t, cr, ok in result.exit_awards
        ],
        "missing_data": list(result.missing_data),
        "untaught": {m: list(c) for m, c in result.untaught},
    }
