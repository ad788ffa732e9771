"""What people read: terminal views that fit, merged barriers, whole URLs, one voice in errors."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from careerpath.actions import load
from careerpath.analysis.barriers import rank_barriers, same_barrier
from careerpath.analysis.matrix import competency_matrix
from careerpath.model import Barrier, Catalogue, Role
from careerpath.render.analytics import matrix_view

from conftest import examples

BUNDLED = load(None)


def _lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, no_color=True, highlight=False, emoji=False)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get().split("\n")


@settings(max_examples=examples(12), deadline=None)
@given(width=st.integers(40, 200), count=st.integers(1, 45))
def test_matrix_fits_the_width_and_never_splits_a_word(width: int, count: int) -> None:
    """Every line fits; every competency name reads whole; every role appears on a page."""
    roles = BUNDLED.roles[:count]
    result = competency_matrix(BUNDLED, roles)
    lines = _lines(matrix_view(result), width)
    assert max(len(line.rstrip()) for line in lines) <= width
    words = {w for line in lines for w in line.split()}
    for competency in result.competencies:
        for word in competency.name.split():
            if len(word) < 30:  # a word wider than its column is the only thing folded
                assert word in words, (word, width)
    text = "\n".join(lines)
    for role in roles:
        assert role.id in text


def test_matrix_has_no_run_of_blank_lines() -> None:
    lines = _lines(matrix_view(competency_matrix(BUNDLED, BUNDLED.roles)), 120)
    assert "\n\n\n" not in "\n".join(line.rstrip() for line in lines)


def test_barriers_merge_near_duplicates_and_keep_every_record() -> None:
    """No two entries are the same barrier; every record and role survives the merge."""
    ranked = rank_barriers(BUNDLED)
    leads = [r.barrier for r in ranked]
    for i, a in enumerate(leads):
        for b in leads[i + 1 :]:
            assert not any(same_barrier(x, y) for x in (a,) for y in (b,)), (a.id, b.id)
    records = sorted(b.id for r in ranked for b in r.variants)
    assert records == sorted(b.id for b in BUNDLED.all_barriers())
    for entry in ranked:
        assert set(entry.roles) == {role for b in entry.variants for role in b.roles}
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    # The two-year funding rule is recorded in four files; it is one barrier on the list.
    two_year = {"two-year-rule-delays", "psy-two-year-rule-psychology"}
    holders = [r for r in ranked if two_year & {b.id for b in r.variants}]
    assert len(holders) == 1 and two_year <= {b.id for b in holders[0].variants}


@settings(max_examples=examples(30), deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=6))
def test_merging_never_loses_a_role(categories: list[str]) -> None:
    text = "Staff cannot move between these trainings without repeating a whole funded year"
    barriers = tuple(
        Barrier(f"b{i}", c, text + f" case {i}", roles=(f"R{i}",)) for i, c in enumerate(categories)
    )
    roles = tuple(Role(f"R{i}", f"Role {i}", "f") for i in range(len(categories)))
    ranked = rank_barriers(Catalogue(roles=roles, barriers=barriers))
    assert len(ranked) == len(set(categories))
    assert sorted(r for entry in ranked for r in entry.roles) == sorted(r.id for r in roles)


def test_barriers_view_states_its_rule_and_cut(run) -> None:
    result = run("barriers", "--top", "3")
    assert result.exit_code == 0, result.output
    assert "The 3 biggest of" in result.stdout
    assert "Ranked by reach" in result.stdout
    assert result.stdout.count("affects ") == 3
    assert "†" not in result.stdout or "not confirmed by a source" in result.stdout


def test_barriers_family_and_conflicts(run) -> None:
    result = run("barriers", "--family", "healthcare-science", "--top", "0", "--json")
    assert result.exit_code == 0, result.output
    hcs = {r.id for r in BUNDLED.roles if r.family == "healthcare-science"}
    assert '"roles"' in result.stdout and all(
        hcs & set(re.findall(r'"([\w-]+)"', block))
        for block in result.stdout.split('"category"')[1:]
    )
    clash = run("barriers", "--family", "healthcare-science", "--role", "PWP")
    assert clash.exit_code == 2 and "choose one of --role and --family" in clash.output


def test_no_trailing_spaces_and_whole_urls_off_a_terminal(run) -> None:
    result = run("show", "PWP")
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert not [line for line in lines if line.endswith(" ")]
    urls = [line.strip() for line in lines if line.strip().startswith("http")]
    assert urls and all(" " not in u for u in urls)
    assert any(len(u) > 120 for u in urls)  # longer than the pinned width, still one line


def test_every_listed_source_is_cited(run) -> None:
    text = run("show", "PWP").stdout
    body, _, sources = text.partition("\nSources\n")
    listed = set(re.findall(r"^  \[(\d+)\]", sources, flags=re.M))
    cited = set(re.findall(r"\[(\d+)\]", body))
    assert listed and listed <= cited


def test_unknown_names_suggest_and_say_where_to_look(run) -> None:
    for args, listing in (
        (("barriers", "--role", "xyz"), "careerpath list"),
        (("from", "nonsense"), "careerpath from"),
        (("list", "--family", "hcs"), "did you mean 'healthcare-science'"),
        (("list", "--family", "xyzzy"), "careerpath list --families"),
        (("show", "PWQ"), "did you mean 'PWP'"),
    ):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert listing in result.stderr, result.stderr


def test_family_and_programme_ids_can_be_listed(run) -> None:
    families = run("list", "--families")
    assert families.exit_code == 0 and "healthcare-science" in families.stdout
    programmes = run("list", "--programmes")
    assert programmes.exit_code == 0
    assert all(p.id in programmes.stdout for p in BUNDLED.programmes)


def test_roles_run_up_the_levels_within_a_family() -> None:
    from careerpath.analysis.listing import filter_roles

    hcs = [r.career_framework_level or 99 for r in filter_roles(BUNDLED, "healthcare-science")]
    assert hcs == sorted(hcs)


def test_help_names_arguments_and_values_in_one_voice(run) -> None:
    """No ``{role}``, ``<str>`` or ``1<=x<=50`` in any command's help."""
    from careerpath.cli import command_names

    for name in command_names():
        args = ["import", "esco", "--help"] if name == "import" else [name, "--help"]
        page = run(*args).stdout
        assert "Usage:" in page, name
        for bad in ("{", "<str>", "<int", "<path>", "<=x", "x>="):
            assert bad not in page, (name, bad)
    assert "careerpath route [OPTIONS] FROM TO" in run("route", "--help").stdout
    assert "N [1–50]" in run("route", "--help").stdout


def test_conflicting_options_are_refused(run) -> None:
    result = run("diagram", "--role", "PWP", "--family", "cyp-mental-health")
    assert result.exit_code == 2 and "choose one of --family, --role" in result.output
    result = run("list", "--families", "--family", "x")
    assert result.exit_code == 2
    for args, words in (
        (("diagram", "--depth", "2"), "--depth goes with --role"),
        (("diagram", "--role", "PWP", "--rank-by", "band"), "--rank-by goes with a map"),
    ):
        result = run(*args)
        assert result.exit_code == 2 and words in result.output, result.output


def test_csv_export_to_stdout_says_it_is_only_roles(run, tmp_path) -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 0 and result.stdout.startswith("id,")
    assert "roles.csv only" in result.stderr
    missing = run("export", "--format", "csv", "-o", str(tmp_path / "no" / "dir"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert not (tmp_path / "no").exists()


def test_mermaid_text_carries_no_syntax_from_labels() -> None:
    """Every label is quoted and every character with a meaning in Mermaid is an entity."""
    from careerpath.analysis.diagrams import Diagram, DiagramEdge, DiagramNode
    from careerpath.render.mermaid import diagram_mermaid

    nasty = 'a "q" %%{init: x}%% | `b` #35; <i> end\nnext: line'
    picture = Diagram(
        f"Title: {nasty}",
        (DiagramNode("x", nasty, "role", "c"), DiagramNode("y", nasty, "qualification")),
        (DiagramEdge("y", "x", "entry", label=nasty),),
        (("c", nasty),),
    )
    text = diagram_mermaid(picture)
    header, _, body = text.partition("\nflowchart")
    assert header.splitlines()[1].startswith('title: "') and "%%" not in header
    for raw in ("%", "`", "<i>", "|a", '"q"', "\nnext"):
        assert raw not in body, raw
    assert body.count('|"') == 1  # the edge label is quoted


def test_imported_roles_say_essential_not_an_unstated_level() -> None:
    from careerpath.analysis.entry import ways_in
    from careerpath.analysis.profile import build_profile
    from careerpath.model import Competency, CompetencyNeed
    from careerpath.render.analytics import ways_in_view
    from careerpath.render.terminal import profile_view

    role = Role(
        "esco-1",
        "clinical psychologist",
        "f",
        esco="http://data.europa.eu/esco/occupation/1",
        competencies=(CompetencyNeed("c1"), CompetencyNeed("c2", optional=True)),
    )
    catalogue = Catalogue(
        roles=(role,),
        competencies=(Competency("c1", "therapy", "skill"), Competency("c2", "reports", "skill")),
    )
    text = "\n".join(_lines(profile_view(catalogue, build_profile(catalogue, role)), 100))
    assert "therapy (essential)" in text and "reports (optional)" in text
    assert "practitioner" not in text
    entry = "\n".join(_lines(ways_in_view(catalogue, ways_in(catalogue, role)), 100))
    assert "No entry route or progression into this role is recorded" in entry


def test_overlap_headings_name_the_role() -> None:
    from careerpath.analysis.overlap import overlap
    from careerpath.render.analytics import overlap_view

    roles = [BUNDLED.role("CWP"), BUNDLED.role("PWP")]
    text = "\n".join(_lines(overlap_view(BUNDLED, overlap(BUNDLED, roles)), 120))
    assert "Only Children's Wellbeing Practitioner (CWP):" in text
    assert "not a recorded course or route" in text


@settings(max_examples=examples(8), deadline=None)
@given(width=st.integers(40, 200))
def test_similarity_matrix_fits_the_width(width: int) -> None:
    from careerpath.analysis.matrix import similarity_matrix
    from careerpath.render.analytics import similarity_view

    roles = BUNDLED.roles
    lines = _lines(similarity_view(roles, similarity_matrix(BUNDLED, roles)), width)
    assert max(len(line.rstrip()) for line in lines) <= width
    text = "\n".join(lines)
    assert all(r.id in text for r in roles) and "1.00" in text


def test_one_rule_for_missing_output_folders(run, tmp_path) -> None:
    """diagram, report, export and schema all refuse a folder that does not exist."""
    missing = tmp_path / "missing"
    for args in (
        ("diagram", "--family", "cyp-mental-health", "-o", str(missing / "map.dot")),
        ("report", "PWP", "-o", str(missing / "report.md")),
        ("export", "-o", str(missing / "catalogue.json")),
        ("export", "--format", "csv", "-o", str(missing / "csv")),
        ("schema", "-o", str(missing / "schema.json")),
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert f"folder '{missing}' does not exist" in result.stderr, (args, result.stderr)
    assert not missing.exists()


def test_links_are_clickable_only_where_wanted(monkeypatch) -> None:
    from careerpath.render.terminal import link

    url = "https://example.org/a-long-path"
    for term, expected in (("xterm-256color", True), ("linux", False), ("screen", False)):
        monkeypatch.setenv("TERM", term)
        monkeypatch.delenv("FORCE_HYPERLINK", raising=False)
        styled = any(span.style and "link" in str(span.style) for span in link(url).spans)
        assert styled is expected, term
    monkeypatch.setenv("FORCE_HYPERLINK", "0")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert not any("link" in str(span.style) for span in link(url).spans)
    assert link(url, 4).plain == "    " + url and link(url).no_wrap
