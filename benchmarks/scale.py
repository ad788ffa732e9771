"""A deterministic, career-shaped catalogue of any size, for benchmarks at national scale.

``generate(folder, roles=3000, seed=0)`` writes a pathways folder that loads and validates
like an organisation's own: roles at Career Framework levels 1-9 in families, about three
progressions per role (mostly one level up in the same family, some lateral), two entry
routes per role (a programme with a qualification requirement, and an apprenticeship), and
ten competencies per role drawn mostly from the family's own pool, so similarity has the
clustered shape real data has. The same arguments always write the same bytes.

It is shared by the scale section of ``bench.py`` and by anyone who needs a big folder:

    python -m benchmarks.scale big-folder 3000
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

__all__ = ["generate"]

_LEVELS = range(1, 10)
_BANDS = {1: "2", 2: "3", 3: "4", 4: "4", 5: "5", 6: "6", 7: "7", 8: "8a", 9: "9"}
_QUALIFICATION_FOR_LEVEL = {
    1: "gcse",
    2: "gcse",
    3: "level-3",
    4: "level-3",
    5: "level-3",
    6: "degree",
    7: "degree",
    8: "masters",
    9: "masters",
}
_WORDS = (
    "clinical",
    "care",
    "support",
    "practice",
    "therapy",
    "community",
    "acute",
    "mental",
    "health",
    "nursing",
    "science",
    "rehabilitation",
    "diagnostic",
    "imaging",
    "pharmacy",
    "dietetic",
    "speech",
    "paediatric",
    "adult",
    "older",
    "people",
    "public",
    "emergency",
    "surgical",
    "theatre",
    "laboratory",
    "genomic",
    "digital",
    "estates",
    "finance",
    "workforce",
    "education",
    "research",
    "quality",
    "safety",
    "infection",
    "control",
    "palliative",
    "maternity",
    "neonatal",
    "renal",
)
_COMPETENCIES_PER_FAMILY = 40
_SHARED_COMPETENCIES = 60
_COMPETENCIES_PER_ROLE = 10


def _family_count(roles: int) -> int:
    return max(1, min(60, roles // 50))


def _title(rng: random.Random, *extra: str) -> str:
    return " ".join([*(rng.choice(_WORDS).capitalize() for _ in range(2)), *extra])


def generate(folder: Path | str, roles: int = 3000, seed: int = 0) -> Path:
    """Write a career-shaped pathways folder of ``roles`` roles into ``folder``; return it."""
    rng = random.Random(seed)
    root = Path(folder)
    (root / "roles").mkdir(parents=True, exist_ok=True)
    families = _family_count(roles)
    # Role i belongs to family i % families, at a level spread evenly over 1-9 within it.
    members: dict[tuple[int, int], list[str]] = {}
    placed: list[tuple[str, int, int]] = []
    for index in range(roles):
        family = index % families
        level = 1 + (index // families) * 9 // max(1, -(-roles // families))
        role_id = f"R{index:05d}"
        members.setdefault((family, level), []).append(role_id)
        placed.append((role_id, family, level))
    _write_shared(root, families)
    for role_id, family, level in placed:
        text = _role_yaml(
            rng, role_id=role_id, family=family, level=level, families=families, members=members
        )
        (root / "roles" / f"{role_id.lower()}.yaml").write_text(text, encoding="utf-8")
    return root


def _write_shared(root: Path, families: int) -> None:
    lines = ["families:"]
    for family in range(families):
        lines += [f"  - id: fam-{family:02d}", f"    title: Family {family:02d}"]
    lines += [
        "qualifications:",
        "  - {id: gcse, title: GCSEs, level: 2, sources: [bench-source]}",
        "  - {id: level-3, title: Level 3 qualification, level: 3, sources: [bench-source]}",
        "  - {id: degree, title: Honours degree, level: 6, sources: [bench-source]}",
        "  - {id: masters, title: Master's degree, level: 7, sources: [bench-source]}",
        "sources:",
        "  - {id: bench-source, title: Generated for benchmarks, document: benchmarks/scale.py, accessed: 2026-12}",
        "competencies:",
    ]
    for competency in _competency_ids(families):
        lines.append(
            f"  - {{id: {competency}, name: Competency {competency}, domain: Generated,"
            " sources: [bench-source]}"
        )
    lines.append("programmes:")
    for family in range(families):
        for level in _LEVELS:
            pool = _family_pool(family)
            for kind, months, credits in (("course", 12 + 6 * (level % 3), 120), ("appr", 18, 0)):
                programme = f"p-{kind}-{family:02d}-{level}"
                lines += [
                    f"  - id: {programme}",
                    f"    title: Programme {kind} {family:02d} level {level}",
                    f"    level: {min(8, level + 1)}",
                    f"    months: {months}",
                    f"    funding: [{'salaried' if kind == 'course' else 'apprenticeship'}]",
                    "    sources: [bench-source]",
                ]
                if credits:
                    lines += [f"    credits: {credits}", "    modules:"]
                    for part in range(3):
                        taught = ", ".join(
                            pool[(level * 3 + part * 4 + k) % len(pool)] for k in range(4)
                        )
                        lines.append(
                            f"      - {{id: {programme}-m{part}, title: Module {part},"
                            f" credits: 40, competencies: [{taught}]}}"
                        )
    (root / "catalogue.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _competency_ids(families: int) -> list[str]:
    shared = [f"c-shared-{n:03d}" for n in range(_SHARED_COMPETENCIES)]
    return shared + [c for family in range(families) for c in _family_pool(family)]


def _family_pool(family: int) -> list[str]:
    return [f"c-{family:02d}-{n:02d}" for n in range(_COMPETENCIES_PER_FAMILY)]


def _role_yaml(
    rng: random.Random,
    *,
    role_id: str,
    family: int,
    level: int,
    families: int,
    members: dict[tuple[int, int], list[str]],
) -> str:
    pool = _family_pool(family)
    chosen = rng.sample(pool, 7) + rng.sample(
        [f"c-shared-{n:03d}" for n in range(_SHARED_COMPETENCIES)], 3
    )
    qualification = _QUALIFICATION_FOR_LEVEL[level]
    lines = [
        f"id: {role_id}",
        f"title: {_title(rng, role_id)}",
        f"family: fam-{family:02d}",
        f"career_framework_level: {level}",
        f'bands: {{qualified: "{_BANDS[level]}"}}',
        f"summary: A generated level {level} role in family {family:02d}.",
        "entry_routes:",
        f"  - id: {role_id.lower()}-course",
        f"    programme: p-course-{family:02d}-{level}",
        f"    requires: [{qualification}]",
        "    sources: [bench-source]",
        f"  - id: {role_id.lower()}-apprenticeship",
        f"    programme: p-appr-{family:02d}-{level}",
        f"    requires: [{_QUALIFICATION_FOR_LEVEL[max(1, level - 2)]}]",
        "    sources: [bench-source]",
        "competencies:",
    ]
    for n, competency in enumerate(chosen):
        lines.append(
            f"  - {{id: {competency}, level: {('awareness', 'practitioner', 'expert')[(n + level) % 3]}"
            f"{', optional: true' if n == 9 else ''}}}"
        )
    targets = _progression_targets(
        rng, role_id=role_id, family=family, level=level, families=families, members=members
    )
    if targets:
        lines.append("progressions:")
    for target, kind in targets:
        lines += [f"  - to: {target}", f"    kind: {kind}"]
        if kind == "vertical":
            lines += [
                f"    programme: p-course-{family:02d}-{min(9, level + 1)}",
                f"    requires: [{{experience: {role_id}, months: 12}}]",
            ]
        lines.append("    sources: [bench-source]")
    lines += [
        "sources:",
        f"  - {{id: src-{role_id.lower()}, title: Profile of {role_id},"
        f" url: 'https://example.org/roles/{role_id.lower()}', accessed: 2026-12}}",
    ]
    return "\n".join(lines) + "\n"


def _progression_targets(
    rng: random.Random,
    *,
    role_id: str,
    family: int,
    level: int,
    families: int,
    members: dict[tuple[int, int], list[str]],
) -> list[tuple[str, str]]:
    """About three moves: two up a level in the family, one lateral into a neighbouring one."""
    up = members.get((family, level + 1), [])
    across = [r for r in members.get(((family + 1) % families, level), []) if r != role_id]
    targets = [(r, "vertical") for r in rng.sample(up, min(2, len(up)))]
    if across:
        targets.append((rng.choice(across), "lateral"))
    return targets


if __name__ == "__main__":
    generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3000)
