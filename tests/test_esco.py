"""The ESCO importer on the real v1.1.1 release, and on small generated files."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from careerpath.analysis.overlap import overlap
from careerpath.analysis.similar import similar_roles
from careerpath.errors import CareerpathError
from careerpath.importers.esco import import_esco
from careerpath.loading.validate import load_catalogue
from careerpath.lookup import find_role

from conftest import REPO

ESCO = REPO.parent / "shared" / "data" / "esco-v1.1.1"


@pytest.fixture(scope="module")
def esco_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("esco") / "pathways"
    summary = import_esco(ESCO, target)
    assert (summary.roles, summary.competencies) == (3007, 13896)
    return target


@pytest.fixture(scope="module")
def esco(esco_folder: Path):
    return load_catalogue(esco_folder)


def relations() -> dict[str, dict[str, set[str]]]:
    """occupation URI → {"essential": skill URIs, "optional": skill URIs}, straight from the CSV."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    with zipfile.ZipFile(ESCO / "relations-csv.zip") as archive:
        member = next(m for m in archive.namelist() if m.endswith("occupationSkillRelations.csv"))
        with archive.open(member) as raw:
            for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                out[row["occupationUri"]][row["relationType"]].add(
                    row["skillUri"].rsplit("/", 1)[-1]
                )
    return out


def test_import_is_valid_and_complete(esco) -> None:
    assert len(esco.roles) == 3007
    assert len(esco.competencies) == 13896
    psychologist = find_role(esco, "clinical psychologist")
    assert psychologist.id == "esco-2634.2.1"
    assert psychologist.esco.startswith("http://data.europa.eu/esco/occupation/")
    assert psychologist.family == "isco-2634"
    assert esco.family("isco-2634").title == "Psychologists"
    assert find_role(esco, "practitioner of clinical psychology").id == psychologist.id


def test_overlap_is_exactly_the_shared_essential_skills(esco) -> None:
    truth = relations()
    a, b = find_role(esco, "clinical psychologist"), find_role(esco, "occupational therapist")
    expected = truth[a.esco]["essential"] & truth[b.esco]["essential"]
    result = overlap(esco, [a, b])
    assert {c.id.removeprefix("esco-") for c in result.shared} == expected
    with_optional = overlap(esco, [a, b], include_optional=True)
    everything = (truth[a.esco]["essential"] | truth[a.esco]["optional"]) & (
        truth[b.esco]["essential"] | truth[b.esco]["optional"]
    )
    assert {c.id.removeprefix("esco-") for c in with_optional.shared} == everything


def test_similar_finds_sensible_neighbours(esco) -> None:
    ranked = similar_roles(esco, find_role(esco, "clinical psychologist"), top=5)
    titles = [n.role.title for n in ranked]
    assert "assistant clinical psychologist" in titles[:3]
    assert any("psycholog" in t or "psychotherap" in t for t in titles)
    assert all(0 < n.score <= 1 for n in ranked)
    assert [n.score for n in ranked] == sorted((n.score for n in ranked), reverse=True)


def test_cli_on_the_import(run, esco_folder: Path) -> None:
    shown = json.loads(
        run("--data", str(esco_folder), "show", "clinical psychologist", "--json").stdout
    )
    assert shown["esco"].startswith("http://data.europa.eu/esco/occupation/")
    assert any(c["id"].startswith("esco-") for c in shown["competencies"])
    similar = json.loads(
        run(
            "--data", str(esco_folder), "similar", "clinical psychologist", "--top", "3", "--json"
        ).stdout
    )
    assert len(similar["similar"]) == 3 and "essential" in similar["score"]


def write_mini_esco(folder: Path, description: str = "Does things.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "occupations_en.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "conceptType",
                "conceptUri",
                "iscoGroup",
                "preferredLabel",
                "altLabels",
                "description",
                "code",
            ]
        )
        writer.writerow(
            [
                "Occupation",
                "http://x/occupation/o1",
                "2634",
                "first job",
                "shared label\nown label",
                description,
                "2634.1",
            ]
        )
        writer.writerow(
            [
                "Occupation",
                "http://x/occupation/o2",
                "2634",
                "second job",
                "shared label\nFIRST JOB",
                "Other.",
                "2634.2",
            ]
        )
    (folder / "skills_en.csv").write_text(
        "conceptType,conceptUri,skillType,preferredLabel\n"
        "KnowledgeSkillCompetence,http://x/skill/s1,knowledge,listening\n"
        "KnowledgeSkillCompetence,http://x/skill/s2,skill/competence,writing\n",
        encoding="utf-8",
    )
    (folder / "ISCOGroups_en.csv").write_text(
        "conceptType,conceptUri,code,preferredLabel\nISCOGroup,http://x/isco,2634,Psychologists\n",
        encoding="utf-8",
    )
    (folder / "occupationSkillRelations.csv").write_text(
        "occupationUri,relationType,skillType,skillUri\n"
        "http://x/occupation/o1,essential,knowledge,http://x/skill/s1\n"
        "http://x/occupation/o1,optional,skill,http://x/skill/s2\n"
        "http://x/occupation/o2,essential,skill,http://x/skill/s2\n"
        "http://x/occupation/o2,essential,skill,http://x/skill/missing\n",
        encoding="utf-8",
    )
    return folder


def test_mini_import_drops_ambiguous_aliases_and_escapes_text(tmp_path: Path) -> None:
    source = write_mini_esco(
        tmp_path / "csv", description="Control \x80 char and “quotes” and a \\ backslash"
    )
    summary = import_esco(source, tmp_path / "out")
    assert summary.aliases_dropped == 3  # "shared label" twice, "FIRST JOB" names another role
    assert summary.relations_skipped == 1
    catalogue = load_catalogue(tmp_path / "out")
    first = catalogue.role("esco-2634.1")
    assert first.aliases == ("own label",)
    assert first.summary == "Control char and “quotes” and a \\ backslash"
    assert [(n.id, n.optional) for n in first.competencies] == [
        ("esco-s1", False),
        ("esco-s2", True),
    ]


def test_reimport_replaces_whole_and_refuses_foreign_folders(tmp_path: Path) -> None:
    source = write_mini_esco(tmp_path / "csv")
    target = tmp_path / "out"
    import_esco(source, target)
    (target / "roles" / "stray.yaml").write_text("left over")
    import_esco(source, target)
    assert not (target / "roles" / "stray.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "out"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("precious")
    with pytest.raises(CareerpathError, match="not made by 'careerpath import'"):
        import_esco(source, mine)
    assert (mine / "notes.txt").read_text() == "precious"


def test_missing_files_are_named(tmp_path: Path, run) -> None:
    (tmp_path / "empty").mkdir()
    result = run("import", "esco", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "occupations_en.csv" in result.stderr
    assert not (tmp_path / "out").exists()
    assert (
        run("import", "esco", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")).exit_code == 1
    )
