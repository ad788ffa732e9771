"""Credit transfer between two providers' credit-bearing modules.

A module held from provider A stands for a module of provider B when it teaches every one of
B's competencies to at least B's tier, at the same FHEQ/RQF level, with at least B's credits:
then B's credits transfer in full. Anything less is a partial match: the competencies A does
not reach are the top-up needed, and the cheapest courses in the directory that teach them are
found by the same set cover the needs analysis uses (direct cost only: no learner is named).
Whether a partial match earns partial credit is the receiving provider's decision, so no
partial credit figure is invented here.

Only a module with credits and a level can be compared. When the held provider has no such
module in the directory, nothing was compared: each receiving module is "unknown", with no
top-up and no figure (a top-up would claim the held training teaches none of it, which the
data cannot say), and ``left_out`` names the courses that lack the credit data.
"""

from __future__ import annotations

import msgspec

from careerpath.analysis.setcover import cheapest_cover
from careerpath.provision import Course, Framework, Provision

__all__ = ["Transfer", "credit_transfer", "left_out"]


class Transfer(msgspec.Struct, frozen=True):
    """One receiving module and the best-matching held module from the other provider."""

    module: str
    credits: int
    level: int | None
    best: str  # "" when no held module covers any of it
    best_credits: int
    best_level: int | None
    status: str  # "full", "partial", "none", or "unknown" (no held module has credit data)
    covered: tuple[str, ...]
    missing: tuple[tuple[str, str], ...]  # (competency, tier) still to learn
    reasons: tuple[str, ...]
    top_up: tuple[str, ...]
    top_up_cost: int
    top_up_exact: bool
    top_up_unmet: tuple[str, ...]
    #: Credits of the top-up courses the data gives credits for (a CPD course often has none).
    top_up_credits: int = 0
    #: Top-up courses with no credits in the data: their credits are unknown, never 0.
    top_up_without_credits: tuple[str, ...] = ()

    @property
    def top_up_credits_known(self) -> bool:
        """Whether every top-up course has its credits in the data."""
        return not self.top_up_without_credits


def _teaches(course: Course, framework: Framework) -> dict[str, int]:
    return {i.id: framework.rank(i.tier) for i in course.competencies}


def _credit_bearing(course: Course) -> bool:
    """Whether the directory gives the course both credits and a level: only then can it transfer."""
    return bool(course.credits and course.level)


def left_out(provision: Provision, framework: Framework, provider: str) -> tuple[str, ...]:
    """``provider``'s courses in ``framework`` that the comparison leaves out, by id.

    They lack credits or a level in the directory, so no credit can be said to transfer to
    or from them: the answer names them rather than drop them unseen.
    """
    return tuple(
        sorted(
            c.id
            for c in provision.courses
            if c.framework == framework.id and c.provider == provider and not _credit_bearing(c)
        )
    )


def credit_transfer(
    provision: Provision, framework: Framework, held_provider: str, receiving_provider: str
) -> tuple[Transfer, ...]:
    """What modules from ``held_provider`` are worth towards ``receiving_provider``'s.

    One result per credit-bearing module of the receiving provider, with the top-up needed.
    """
    modules = [c for c in provision.courses if c.framework == framework.id and _credit_bearing(c)]
    held = [m for m in modules if m.provider == held_provider]
    results: list[Transfer] = []
    for module in (m for m in modules if m.provider == receiving_provider):
        if not held:
            results.append(
                Transfer(
                    module=module.id,
                    credits=module.credits,
                    level=module.level,
                    best="",
                    best_credits=0,
                    best_level=None,
                    status="unknown",
                    covered=(),
                    missing=(),
                    reasons=(
                        f"no {held_provider} module has credits and a level in the directory",
                    ),
                    top_up=(),
                    top_up_cost=0,
                    top_up_exact=True,
                    top_up_unmet=(),
                )
            )
            continue
        needs = _teaches(module, framework)

        def covered(candidate: Course, needs: dict[str, int] = needs) -> tuple[str, ...]:
            teaches = _teaches(candidate, framework)
            return tuple(sorted(c for c, r in needs.items() if teaches.get(c, 0) >= r))

        ranked = sorted(held, key=lambda h: (-len(covered(h)), h.level != module.level, h.id))
        best = ranked[0] if ranked and covered(ranked[0]) else None
        got = covered(best) if best else ()
        missing = tuple(
            sorted((c, framework.tiers[r - 1].id) for c, r in needs.items() if c not in got)
        )
        reasons: list[str] = []
        if best is not None:
            if missing:
                reasons.append(f"{len(missing)} of {len(needs)} competencies not reached")
            if best.level != module.level:
                reasons.append(f"level {best.level} is not level {module.level}")
            if best.credits < module.credits:
                reasons.append(f"{best.credits} credits is less than {module.credits}")
        status = "none" if best is None else ("partial" if reasons else "full")
        top_up = _top_up(provision, framework, module, dict(missing))
        index = provision.course_index()
        chosen = [index[c] for c in top_up[0]]
        results.append(
            Transfer(
                module=module.id,
                credits=module.credits,
                level=module.level,
                best=best.id if best else "",
                best_credits=best.credits if best else 0,
                best_level=best.level if best else None,
                status=status,
                covered=got,
                missing=missing,
                reasons=tuple(reasons),
                top_up=top_up[0],
                top_up_cost=top_up[1],
                top_up_exact=top_up[2],
                top_up_unmet=top_up[3],
                top_up_credits=sum(c.credits for c in chosen),
                top_up_without_credits=tuple(c.id for c in chosen if not c.credits),
            )
        )
    return tuple(results)


def _top_up(
    provision: Provision, framework: Framework, module: Course, missing: dict[str, str]
) -> tuple[tuple[str, ...], int, bool, tuple[str, ...]]:
    """Cheapest directory courses (other than the module itself) teaching what is missing."""
    if not missing:
        return (), 0, True, ()
    wanted = {c: framework.rank(t) for c, t in missing.items()}
    candidates = {
        c.id: (
            frozenset(
                i.id
                for i in c.competencies
                if i.id in wanted and framework.rank(i.tier) >= wanted[i.id]
            ),
            c.cost,
        )
        for c in provision.courses
        if c.framework == framework.id and c.id != module.id
    }
    cover = cheapest_cover(frozenset(wanted), {k: v for k, v in candidates.items() if v[0]})
    return cover.chosen, cover.cost, cover.exact, cover.uncoverable
