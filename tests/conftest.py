"""Shared fixtures: a fixed terminal, the real CLI entry point, and tiny catalogues."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as _hypothesis_settings

# Rich reads the width once per console; pin it before any console exists.
os.environ["COLUMNS"] = "120"
os.environ.pop("CAREERPATH_DATA", None)
os.environ["NO_COLOR"] = "1"
# Keep the suite's compiled catalogues and Graphviz module out of the user's own cache.
os.environ["CAREERPATH_CACHE"] = tempfile.mkdtemp(prefix="careerpath-test-cache-")

from careerpath.launch import main
from careerpath.model import Catalogue

#: `make fuzz` sets this: the same properties as `make test`, run long enough to find rare cases.
FUZZ_EXAMPLES = int(os.environ.get("CAREERPATH_FUZZ_EXAMPLES", "0"))

# Tests are deterministic: `make test` and CI draw the same examples on every run and carry
# no example database from one run to the next, so a rare case found once cannot make one
# run fail and the next pass. `make fuzz` draws afresh each time, which is how rare cases
# are found (and then fixed, or kept as an explicit example).
_hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
_hypothesis_settings.register_profile("fuzz", derandomize=False)
_hypothesis_settings.load_profile("fuzz" if FUZZ_EXAMPLES else "repeatable")


@pytest.fixture(autouse=True)
def _no_wall_clock_in_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A route search's 10 s wall-clock budget must not decide a test's answer.

    On a loaded machine (and under coverage) a search that takes 1.5 s of CPU can pass
    10 s of wall time, and the answer turns into "stopped at its budget": a test that
    passes alone then fails in the full run. Tests of the budget itself set it (or a fake
    clock) explicitly; everything else gets a budget no honest search reaches.
    """
    from careerpath.analysis import routes

    monkeypatch.setattr(routes, "TIME_BUDGET", 600.0)


def examples(quick: int) -> int:
    """How many examples a property test runs: a quick pass, or the fuzzing budget."""
    return FUZZ_EXAMPLES or quick


DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
#: A few real ESCO v1.1.1 occupations with their skills and relations (tests/data/esco/extract.py).
ESCO_EXTRACT = DATA / "esco"
#: The whole ESCO v1.1.1 release, beside the repository in a working copy and in CI, not in a
#: bare clone: tests marked ``esco_full`` need it.
ESCO_RELEASE = REPO.parent / "shared" / "data" / "esco-v1.1.1"


@cache
def bundled_catalogue() -> Catalogue:
    """The bundled pathways, loaded once for the whole session (the catalogue is immutable).

    Parsing and checking the bundled folder takes about 0.3 s; modules that each loaded it
    again at import made every run, even of one test, pay for all of them.
    """
    from careerpath.loading.locate import bundled_data
    from careerpath.loading.validate import load_catalogue

    return load_catalogue(bundled_data())


@pytest.fixture(scope="session")
def bundled() -> Catalogue:
    """The bundled catalogue, shared by every test that reads it."""
    return bundled_catalogue()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the full-ESCO checks where the release is absent, but never in CI.

    A clone without the shared data folder beside it still runs the whole suite, on the
    extract; CI has the release, so there a missing release is a failure, not a silent skip.
    """
    full = [item for item in items if "esco_full" in item.keywords]
    if not full or ESCO_RELEASE.is_dir():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must run the esco_full tests: {ESCO_RELEASE} is missing")
    reason = f"needs the full ESCO v1.1.1 release in {ESCO_RELEASE} (absent in this clone)"
    for item in full:
        item.add_marker(pytest.mark.skip(reason=reason))


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the real ``careerpath`` entry point in-process and capture what it prints."""

    def invoke(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def run_at(run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``run`` on a terminal ``columns`` wide: ``run_at(80, "show", "OT")``.

    The console is built once per process for the width it first sees, so the cache is
    cleared before and after, and no other test inherits the width.
    """
    from careerpath.console import out_console

    def invoke(columns: int, *args: str) -> Result:
        monkeypatch.setenv("COLUMNS", str(columns))
        out_console.cache_clear()
        try:
            return run(*args)
        finally:
            out_console.cache_clear()

    return invoke


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: YAML text}`` under root (text is dedented)."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


BASE_CATALOGUE = """
families:
  - {id: mh, title: Mental health}
competencies:
  - {id: c-assess, name: Assessment, domain: Core}
  - {id: c-treat, name: Treatment, domain: Core}
  - {id: c-school, name: Schools, domain: Settings}
qualifications:
  - {id: degree, title: Honours degree, level: 6, sources: [s-base]}
programmes:
  - id: p-a
    title: Programme A
    credits: 60
    months: 12
    modules:
      - {id: m-assess, title: Assessing, credits: 30, competencies: [c-assess]}
      - {id: m-treat, title: Treating, credits: 30, competencies: [c-treat]}
    sources: [s-base]
sources:
  - {id: s-base, url: "https://example.org/base"}
"""


def role_yaml(role_id: str, **fields: Any) -> str:
    """A minimal valid role file, with extra top-level fields given as YAML text."""
    lines = [f"id: {role_id}", f"title: {fields.pop('title', 'Role ' + role_id)}", "family: mh"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines.append(f"sources: [{{id: s-{role_id.lower()}, url: 'https://example.org/{role_id}'}}]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def pathways(tmp_path: Path) -> Callable[..., Path]:
    """Build a small pathways folder: ``pathways(A={...fields}, B={...})``."""

    def build(catalogue: str = BASE_CATALOGUE, **roles: dict[str, Any]) -> Path:
        files = {"catalogue.yaml": catalogue}
        for role_id, fields in roles.items():
            files[f"roles/{role_id}.yaml"] = role_yaml(role_id, **fields)
        return write_tree(tmp_path / "pathways", files)

    return build


# --- The similarity rule, written out one pair at a time (the oracle for similar, matrix,
# overlap). Plain loops and exact fractions, sharing no code with careerpath.analysis.

_LEVELS = ("awareness", "foundation", "practitioner", "advanced", "expert")


def generic_by_definition(catalogue: Catalogue) -> set[str]:
    """Competencies marked generic in the data (the KSF core dimensions)."""
    return {c.id for c in catalogue.competencies if c.generic}


def move_by_definition(
    catalogue: Catalogue, source: Any, target: Any, include_optional: bool = False
) -> tuple[float, int, int, int]:
    """(score, held at level, held below, needs scored) for a move from source to target.

    The target's role-specific needs (generic ones left out; a competency listed twice
    counts once, at its highest level); each held at the level needed earns 1, each held
    lower earns half the share of the level it reaches; the score is the total over the
    number of needs, rounded to 4 places.
    """
    from fractions import Fraction

    generic = generic_by_definition(catalogue)
    have: dict[str, int] = {}
    for n in source.competencies:
        have[n.id] = max(have.get(n.id, 0), _LEVELS.index(n.level) + 1)
    need: dict[str, int] = {}
    for n in target.competencies:
        if (include_optional or not n.optional) and n.id not in generic:
            need[n.id] = max(need.get(n.id, 0), _LEVELS.index(n.level) + 1)
    total = Fraction(0)
    at_level = below = 0
    for competency_id, rank in need.items():
        holds = have.get(competency_id, 0)
        if holds >= rank:
            at_level += 1
            total += 1
        elif holds:
            below += 1
            total += Fraction(holds, 2 * rank)
    score = round(float(total / len(need)), 4) if need else 0.0
    return score, at_level, below, len(need)
