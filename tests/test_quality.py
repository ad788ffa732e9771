"""The data-quality report (``validate --report``): each defect seeded in a tiny folder is found.

One fixture folder holds a clean role and programme beside one instance of every defect the
report measures; each test names the defect and checks the report lists exactly it. A
property test checks the host classifier against the hosts it must never flag.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.analysis.quality import QualityReport, quality_report, suspect_host_reason
from careerpath.loading.validate import load_catalogue

from conftest import Result, examples, write_tree

TODAY = date(2026, 12, 2)

SEEDED = {
    "catalogue.yaml": """
        families:
          - {id: mh, title: Mental health}
          - {id: sci, title: Science}
        programmes:
          - id: full
            title: A programme with every fact
            level: 7
            credits: 120
            months: 12
            part_time_months: 24
            fee: 9000
            sources: [s-good]
          - id: bare
            title: A programme with no facts
            note: The delivery team's working notes say so (see issue 12).
            sources: [s-good]
          - id: appr
            title: An apprenticeship
            level: 6
            months: 36
            funding: [apprenticeship]
            standard: ST0781
            funding_band: 26000
            sources: [s-good]
          - id: commissioned
            title: A salaried NHS-commissioned training
            level: 7
            credits: 60
            months: 12
            funding: [salaried, nhs-funded]
            sources: [s-good]
          - id: appr-bare
            title: An apprenticeship without its standard
            level: 6
            months: 36
            funding: [apprenticeship]
            unverified: true
            sources: [s-good]
          - id: equivalence
            title: An equivalence assessment, which awards no levelled qualification
            kind: assessment
            fee: 380
            funding: [self-funded]
            sources: [s-good]
          - id: updating
            title: A return-to-practice period, no level but a length
            kind: updating
            sources: [s-good]
        sources:
          - {id: s-good, url: "https://www.healthcareers.nhs.uk/x", accessed: 2026-12, kind: national-body}
          - {id: s-old, url: "https://www.nmc.org.uk/y", accessed: 2024-05, kind: regulator}
          - {id: s-undated, url: "https://www.hcpc-uk.org/z"}
          - {id: s-mirror, url: "https://studylib.net/doc/123/a-guide", accessed: 2026-11, kind: secondary}
          - {id: s-staging, url: "https://gmmh-staging.verseonecloud.com/emhp", accessed: 2026-11}
          - {id: s-azure, url: "https://ifate-web-dev.azurewebsites.net/st0220", accessed: 2026-11}
          - {id: s-vdoc, url: "https://vdocuments.mx/a-b.html", accessed: 2026-11}
    """,
    "roles/A.yaml": """
        id: A
        title: Role A
        family: mh
        note: Level inferred from the mapping (source s-good).
        unverified: [bands.qualified]
        entry_routes:
          - id: a-in
            programme: full
            requires: [{text: lived experience of mental health services}]
            sources: [s-good]
        progressions:
          - {to: B, programme: appr, unverified: true, sources: [s-good]}
        sources: [{id: s-a, url: "https://www.nhsemployers.org/a", accessed: 2026-12, kind: employer}]
    """,
    "roles/B.yaml": """
        id: B
        title: Role B
        family: sci
        sources: [{id: s-b, url: "https://www.legislation.gov.uk/b", accessed: 2026-12, kind: statute}]
    """,
    "roles/Lonely.yaml": """
        id: Lonely
        title: A role nothing connects
        family: sci
        sources: [{id: s-lonely, url: "https://example.org/l", accessed: 2026-12}]
    """,
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> QualityReport:
    root = write_tree(tmp_path_factory.mktemp("quality") / "pathways", SEEDED)
    return quality_report(load_catalogue(root), TODAY, older_than_months=12)


def _share(report: QualityReport, fact: str) -> tuple[int, int]:
    shares = {s.fact: s for s in (*report.programme_shares, *report.apprenticeship_shares)}
    return shares[fact].have, shares[fact].total


def test_programme_shares_count_each_fact(report: QualityReport) -> None:
    assert report.programmes == 7
    # The assessment has no set length, so months apply to the other six; the updating
    # period has a length, so lacking one is a gap.
    assert _share(report, "months") == (4, 6)
    # Neither the assessment nor the updating period awards a level or credits.
    assert _share(report, "level") == (4, 5)
    assert _share(report, "credits") == (2, 5)
    assert _share(report, "cost, fee or funding band") == (3, 7)
    # The commissioned programme has no published price, so it is left out of the second share.
    assert _share(report, "cost, fee or funding band (where one is public)") == (3, 6)
    assert _share(report, "standard reference") == (1, 2)
    assert _share(report, "funding band") == (1, 2)
    missing = dict(report.missing)
    assert missing["months"] == ("bare", "updating")
    assert missing["level"] == ("bare",)
    assert missing["standard reference (apprenticeships)"] == ("appr-bare",)
    assert report.not_courses == (("equivalence", "assessment"), ("updating", "updating"))


def test_not_applicable_is_counted_apart_and_shown(report: QualityReport) -> None:
    from careerpath.render.quality import quality_json, quality_text

    level = next(s for s in report.programme_shares if s.fact == "level")
    assert (level.not_applicable, level.percent) == (2, 80.0)
    text = quality_text(report)
    assert "(2 not a course)" in text
    assert "equivalence (assessment), updating (updating)" in text
    data = json.loads(quality_json(report))
    assert data["programmes"]["level"] == {
        "have": 4,
        "total": 5,
        "not_applicable": 2,
        "percent": 80.0,
    }
    assert data["not_courses"] == {"equivalence": "assessment", "updating": "updating"}


def test_a_non_course_that_states_a_level_still_counts_it(tmp_path: Path) -> None:
    tree = {
        "catalogue.yaml": """
            programmes:
              - {id: a, title: An assessed award with a level, kind: assessment, level: 7,
                 sources: [s]}
              - {id: b, title: A course with no level, sources: [s]}
            sources:
              - {id: s, url: "https://www.nmc.org.uk/s", accessed: 2026-12, kind: regulator}
        """
    }
    got = quality_report(load_catalogue(write_tree(tmp_path / "p", tree)), TODAY)
    level = next(s for s in got.programme_shares if s.fact == "level")
    assert (level.have, level.total, level.not_applicable) == (1, 2, 0)


def test_unverified_facts_are_counted_by_family(report: QualityReport) -> None:
    assert dict(report.unverified_by_family) == {"mh": 2, "sci": 0}
    assert report.unverified_programmes == 1


def test_sources_by_kind_and_host(report: QualityReport) -> None:
    kinds = dict(report.sources_by_kind)
    assert kinds["(no kind)"] == 5
    assert kinds["statute"] == kinds["regulator"] == kinds["employer"] == 1
    assert sum(kinds.values()) == report.sources == 10
    assert dict(report.sources_by_host)["healthcareers.nhs.uk"] == 1


def test_old_and_undated_sources(report: QualityReport) -> None:
    assert report.stale_sources == (("s-old", "2024-05"),)
    assert report.undated_sources == ("s-undated",)


def test_sources_on_hosts_that_should_not_be_cited(report: QualityReport) -> None:
    found = {s.id: s.reason for s in report.suspect_sources}
    assert set(found) == {"s-mirror", "s-staging", "s-azure", "s-vdoc"}
    assert "mirror" in found["s-mirror"] and "staging" in found["s-staging"]


@pytest.mark.parametrize(
    "url",
    [
        # Copies of publishers' pages met in the bundled data: Health Careers text on a
        # course-listing site, and a clone of UCL's programme page on an unrelated domain.
        "https://collegelearners.com/accelerated-programme-in-diagnostic-radiography",
        "http://www.thebvapp.com/prospective-students/graduate/research-degrees/x",
    ],
)
def test_copies_of_publishers_pages_are_flagged(url: str) -> None:
    assert "mirror" in suspect_host_reason(url)


@pytest.mark.parametrize(
    "url",
    [
        # Course-listing and aggregator copies met in the bundled data, each replaced by the
        # publisher's page: the check must keep rejecting them if they come back.
        "https://www.educatly.com/program/468487/arts-therapist-degree-apprenticeship-msc",
        "https://www.easyuni.com/united-kingdom/university-of-brighton-9874/approved-mental-health-practice-pgdip-278194/",
        "https://collegelist.co.uk/open-university-q07/",
        "https://www.getborderless.co.uk/blog/hiring-paramedics-soc-code-2255",
        "https://uksponsorfinder.com/soc/6131-nursing-auxiliaries-and-assistants",
        "https://huntukvisasponsors.com/uk-visa-occupation-eligibility/2223-speech-and-language-therapists",
        "https://www.mastersavenue.com/courses/art-psychotherapy-ma/united-kingdom/goldsmiths",
        "https://youapply.com/program/ma-art-psychotherapy-goldsmiths",
        "http://www.studylondon.ac.uk/courses/details/24504508-counselling-psychology",
        "https://theuniguide.eu-west-1.prod.tug.tsrg.it/university-of-worcester-w80/courses/x",
    ],
)
def test_course_listing_and_aggregator_sites_are_flagged(url: str) -> None:
    assert "course-listing" in suspect_host_reason(url)


@pytest.mark.parametrize(
    "url",
    [
        # The ONS coding index was cited from a copy in a code repository; ONS publishes it.
        "https://github.com/ONSdigital/soc-classification-vector-store/blob/2e1e685/src/soc.xlsx",
        "https://raw.githubusercontent.com/someone/repo/main/standard.pdf",
    ],
)
def test_copies_on_code_hosting_sites_are_flagged(url: str) -> None:
    assert "code-hosting" in suspect_host_reason(url)


def test_internal_ids_and_project_references_in_visible_text(report: QualityReport) -> None:
    leaks = {(t.where, t.found) for t in report.text_leaks}
    assert leaks == {("role A: note", "s-good"), ("programme bare", "issue 12")}


def test_unconnected_roles_and_unchecked_requirements(report: QualityReport) -> None:
    assert report.isolated_roles == ("Lonely",)
    assert report.roles_without_way_in == ("Lonely",)
    # B is reached from A but leads nowhere; Lonely has no edge at all.
    assert report.roles_without_way_on == ("B", "Lonely")
    assert report.text_requirements == (
        ("A: entry route a-in", "lived experience of mental health services"),
    )
    assert report.defects == 4 + 2


_NON_PRODUCTION_LABELS = {
    "staging",
    "stg",
    "stage",
    "dev",
    "test",
    "tst",
    "uat",
    "preprod",
    "sandbox",
}


@settings(max_examples=examples(50))
@given(
    st.sampled_from(["nhs.uk", "gov.uk", "ac.uk", "org.uk"]),
    st.from_regex(r"[a-z]{3,12}", fullmatch=True).filter(
        lambda n: n not in _NON_PRODUCTION_LABELS and n not in {"studylondon", "theuniguide"}
    ),
)
def test_ordinary_public_hosts_are_never_flagged(suffix: str, name: str) -> None:
    # A label that merely contains "dev" or "test" (devon, contest) must not be flagged.
    assert suspect_host_reason(f"https://www.{name}.{suffix}/page") == ""


@settings(max_examples=examples(50))
@given(st.sampled_from(sorted(_NON_PRODUCTION_LABELS)), st.sampled_from([".", "-"]))
def test_non_production_labels_are_flagged(label: str, joint: str) -> None:
    assert "staging" in suspect_host_reason(f"https://trust{joint}{label}.example.org/")


@pytest.mark.parametrize(
    "host",
    [
        "www.devon.gov.uk",
        "www.testwaycare.nhs.uk",
        "www.healthcareers.nhs.uk",
        "www.legislation.gov.uk",
    ],
)
def test_real_public_hosts_pass(host: str) -> None:
    assert suspect_host_reason(f"https://{host}/") == ""


def test_validate_report_command(run: Callable[..., Result], tmp_path: Path) -> None:
    root = write_tree(tmp_path / "pathways", SEEDED)
    text = run("validate", str(root), "--report", "--older-than", "6")
    assert text.exit_code == 0, text.output
    assert "Sources on hosts that should not be cited (4)" in text.stdout
    assert "s-staging: https://gmmh-staging.verseonecloud.com/emhp" in text.stdout
    data = json.loads(run("validate", str(root), "--report", "--json").stdout)
    assert data["programmes"]["months"] == {
        "have": 4,
        "total": 6,
        "not_applicable": 1,
        "percent": 66.7,
    }
    assert data["defects"] == 6
    assert data["older_than_months"] == 12


def test_json_report_carries_every_seeded_defect(report: QualityReport) -> None:
    """A release pipeline reads only the JSON, so each measure of the issue must be in it."""
    from careerpath.render.quality import quality_json

    data = json.loads(quality_json(report))
    programmes = data["programmes"]
    for fact in ("months", "level", "credits", "cost, fee or funding band"):
        assert {"have", "total", "percent"} <= set(programmes[fact]), fact
    assert data["apprenticeships"]["standard reference"]["have"] == 1
    assert data["apprenticeships"]["funding band"] == {
        "have": 1,
        "total": 2,
        "not_applicable": 0,
        "percent": 50.0,
    }
    assert "appr-bare" in data["missing"]["standard reference (apprenticeships)"]
    assert data["unverified"]["by_family"] == {"mh": 2, "sci": 0}
    assert data["unverified"]["programmes_and_modules"] == 1
    assert data["sources"]["by_kind"]["regulator"] == 1
    assert data["sources"]["by_host"]["studylib.net"] == 1
    assert data["sources"]["stale"] == [{"id": "s-old", "accessed": "2024-05"}]
    assert data["sources"]["undated"] == ["s-undated"]
    assert {s["id"] for s in data["sources"]["suspect"]} == {
        "s-mirror",
        "s-staging",
        "s-azure",
        "s-vdoc",
    }
    assert {(t["where"], t["found"]) for t in data["text_leaks"]} == {
        ("role A: note", "s-good"),
        ("programme bare", "issue 12"),
    }
    assert data["isolated_roles"] == ["Lonely"]
    assert data["roles_without_way_in"] == ["Lonely"]
    assert data["roles_without_way_on"] == ["B", "Lonely"]
    assert data["text_requirements"] == [
        {"where": "A: entry route a-in", "text": "lived experience of mental health services"}
    ]


def test_text_report_lists_roles_with_no_way_on(report: QualityReport) -> None:
    from careerpath.render.quality import quality_text

    text = quality_text(report)
    assert (
        "Roles with no progression out of them (a ceiling, or a missing step) (2)\n  B\n  Lonely\n"
        in text
    )


def test_a_wrong_source_kind_or_standard_is_located_with_a_suggestion(tmp_path: Path) -> None:
    from careerpath.errors import DataError

    files = dict(SEEDED)
    files["catalogue.yaml"] = (
        SEEDED["catalogue.yaml"]
        .replace("kind: regulator", "kind: regulater")
        .replace("standard: ST0781", "standard: ST781")
    )
    root = write_tree(tmp_path / "pathways", files)
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2, problems
    assert any(
        "'regulater' is not valid" in p and "did you mean 'regulator'" in p for p in problems
    )
    assert any("'ST781' is not valid" in p and "ST0781" in p for p in problems)
    assert all(p.startswith("pathways/catalogue.yaml:") or "catalogue.yaml:" in p for p in problems)


def test_new_programme_and_source_fields_survive_save_and_export(tmp_path: Path) -> None:
    from careerpath.analysis.profile import build_profile
    from careerpath.loading.save import save_catalogue
    from careerpath.render.export import catalogue_json

    original = load_catalogue(write_tree(tmp_path / "pathways", SEEDED))
    save_catalogue(original, tmp_path / "saved")
    again = load_catalogue(tmp_path / "saved")
    assert again.programmes == original.programmes
    assert again.sources == original.sources
    full = again.programme("full")
    assert (full.part_time_months, full.fee) == (24, 9000)
    assert (again.programme("appr").standard, again.programme("appr").funding_band) == (
        "ST0781",
        26000,
    )
    exported = json.loads(catalogue_json(again, [build_profile(again, r) for r in again.roles]))
    appr = next(p for p in exported["programmes"] if p["id"] == "appr")
    assert (appr["standard"], appr["funding_band"]) == ("ST0781", 26000)
    assert again.programme("equivalence").kind == "assessment"
    # Export lists the programmes the exported roles use; an unset kind is exported as a course.
    assert {p["id"]: p["kind"] for p in exported["programmes"]}["full"] == "course"
    assert {s["id"]: s.get("kind") for s in exported["sources"]}["s-old"] == "regulator"


# ---------------------------------------------------------------- no public price

_UNPRICED = """
    families:
      - {id: mh, title: Mental health}
    programmes:
      - id: priced
        title: A course with a fee
        fee: 9000
        sources: [s-good]
      - id: gap
        title: A course whose price is published somewhere but not recorded
        sources: [s-good]
      - id: employer-only
        title: A course sold only to nominating employers
        funding: [employer-funded]
        no_public_price: Places are bought by nominating councils; no fee published (searched 2026-12-03).
        sources: [s-good]
    sources:
      - {id: s-good, url: "https://www.healthcareers.nhs.uk/x", accessed: 2026-12, kind: national-body}
"""


def _unpriced(tmp_path: Path, catalogue: str = _UNPRICED) -> Path:
    role = "id: A\ntitle: Role A\nfamily: mh\nsources: [{id: s-a, url: 'https://example.org/a', accessed: 2026-12}]\n"
    return write_tree(tmp_path / "pathways", {"catalogue.yaml": catalogue, "roles/A.yaml": role})


def test_a_stated_no_public_price_is_counted_apart_and_named(tmp_path: Path) -> None:
    from careerpath.render.quality import quality_json, quality_text

    report = quality_report(load_catalogue(_unpriced(tmp_path)), TODAY)
    # The stated programme leaves the priced share's total; the unrecorded one stays a gap.
    assert _share(report, "cost, fee or funding band (where one is public)") == (1, 2)
    assert dict(report.missing)["cost, fee or funding band (where one is public)"] == ("gap",)
    # The plain share still counts every programme, so nothing is hidden.
    assert _share(report, "cost, fee or funding band") == (1, 3)
    reason = "Places are bought by nominating councils; no fee published (searched 2026-12-03)."
    assert report.no_public_price == (("employer-only", reason),)
    assert f"employer-only: {reason}" in quality_text(report)
    assert json.loads(quality_json(report))["no_public_price"] == {"employer-only": reason}


def test_without_the_statement_the_programme_is_a_gap(tmp_path: Path) -> None:
    plain = "\n".join(line for line in _UNPRICED.splitlines() if "no_public_price" not in line)
    report = quality_report(load_catalogue(_unpriced(tmp_path, plain)), TODAY)
    assert _share(report, "cost, fee or funding band (where one is public)") == (1, 3)
    assert report.no_public_price == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # A price and a statement that none is published cannot both be true.
        (
            ("funding: [employer-funded]", "funding: [employer-funded]\n        fee: 1200"),
            "'no_public_price' contradicts the programme's 'fee'",
        ),
        # The statement must say when the search was made.
        (("(searched 2026-12-03)", "(searched recently)"), "must say when the search was made"),
    ],
)
def test_a_no_public_price_statement_is_checked(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    from careerpath.errors import DataError

    root = _unpriced(tmp_path, _UNPRICED.replace(*change))
    written = (root / "catalogue.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(written, 1) if "no_public_price:" in text)
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    found = [(p.file.rsplit("/", 1)[-1], p.line, p.message) for p in caught.value.problems]
    # Located at the statement itself, so the editor jumps to the line to fix.
    assert [(f[0], f[1]) for f in found if message in f[2]] == [("catalogue.yaml", line)], found
