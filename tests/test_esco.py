"""The ESCO importer on real ESCO v1.1.1 files, and on small generated files.

Everyday runs import the extract in tests/data/esco (a handful of real occupations with every
skill and relation they have, in the release's own archives), so the suite passes on any clone.
The ``esco_full`` tests import the whole release from ../shared/data and check that the extract
is a faithful copy of it; CI runs them.
"""

from __future__ import annotations

import csv
import importlib.util
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
from careerpath.model import Catalogue

from conftest import ESCO_EXTRACT, ESCO_RELEASE


def rows(folder: Path, archive: str, member: str) -> list[dict[str, str]]:
    """One CSV of an ESCO release, read straight from its archive (not by the importer)."""
    with zipfile.ZipFile(folder / archive) as opened, opened.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


def relations(folder: Path) -> dict[str, dict[str, set[str]]]:
    """occupation URI → {"essential": skill URIs, "optional": skill URIs}, straight from the CSV."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows(folder, "relations-csv.zip", "occupationSkillRelations.csv"):
        out[row["occupationUri"]][row["relationType"]].add(row["skillUri"].rsplit("/", 1)[-1])
    return out


@pytest.fixture(scope="module")
def esco_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("esco") / "pathways"
    summary = import_esco(ESCO_EXTRACT, target)
    occupations = rows(ESCO_EXTRACT, "classification-en-csv.zip", "occupations_en.csv")
    skills = rows(ESCO_EXTRACT, "classification-en-csv.zip", "skills_en.csv")
    assert (summary.roles, summary.competencies) == (len(occupations), len(skills)) == (18, 701)
    return target


@pytest.fixture(scope="module")
def esco(esco_folder: Path) -> Catalogue:
    return load_catalogue(esco_folder)


def check_import(catalogue: Catalogue, folder: Path) -> None:
    """What an import of ``folder`` must hold, whether of the extract or the whole release."""
    occupations = rows(folder, "classification-en-csv.zip", "occupations_en.csv")
    assert len(catalogue.roles) == len(occupations)
    assert {r.esco for r in catalogue.roles} == {o["conceptUri"] for o in occupations}
    psychologist = find_role(catalogue, "clinical psychologist")
    assert psychologist.id == "esco-2634.2.1"
    assert psychologist.esco.startswith("http://data.europa.eu/esco/occupation/")
    assert psychologist.family == "isco-2634"
    assert catalogue.family("isco-2634").title == "Psychologists"
    assert find_role(catalogue, "practitioner of clinical psychology").id == psychologist.id
    truth = relations(folder)
    a, b = psychologist, find_role(catalogue, "occupational therapist")
    expected = truth[a.esco]["essential"] & truth[b.esco]["essential"]
    assert expected  # the pair shares essential skills, so the check below can fail
    result = overlap(catalogue, [a, b])
    assert {c.id.removeprefix("esco-") for c in result.shared} == expected
    with_optional = overlap(catalogue, [a, b], include_optional=True)
    everything = (truth[a.esco]["essential"] | truth[a.esco]["optional"]) & (
        truth[b.esco]["essential"] | truth[b.esco]["optional"]
    )
    assert everything > expected
    assert {c.id.removeprefix("esco-") for c in with_optional.shared} == everything
    ranked = similar_roles(catalogue, psychologist, top=5)
    titles = [n.role.title for n in ranked]
    assert "assistant clinical psychologist" in titles[:3]
    assert any("psycholog" in t or "psychotherap" in t for t in titles)
    assert all(0 < n.score <= 1 for n in ranked)
    assert [n.score for n in ranked] == sorted((n.score for n in ranked), reverse=True)


def test_import_of_the_extract_is_valid_and_complete(esco: Catalogue) -> None:
    check_import(esco, ESCO_EXTRACT)
    assert len(esco.competencies) == 701


def test_the_import_is_written_by_the_model_writer(esco_folder: Path, esco: Catalogue) -> None:
    """Every file of the import is what the model-derived writer makes of the loaded records.

    So the importer holds no description of the stored format: a field the model gains is
    written (or left out when empty) with nothing to change in it.
    """
    from careerpath.importers.esco import RELEASE
    from careerpath.loading.save import Writer, yaml_text

    comment = "# yaml-language-server: $schema=../careerpath.schema.json\n"
    sources = {s.id: s for s in esco.sources}
    for role in esco.roles:
        written = Writer(sources[s] for s in role.sources).document(role)
        assert Path(role.file).read_text(encoding="utf-8") == yaml_text(written, comment)
    writer = Writer()
    assert (esco_folder / "sources.yaml").read_text(encoding="utf-8") == yaml_text(
        {"sources": writer.documents([RELEASE])}, comment
    )
    assert (esco_folder / "families.yaml").read_text(encoding="utf-8") == yaml_text(
        {"families": writer.documents(esco.families)},
        comment + "# ISCO-08 unit groups of the imported ESCO occupations.\n",
    )
    assert (esco_folder / "competencies" / "esco-01.yaml").read_text(encoding="utf-8") == (
        yaml_text({"competencies": writer.documents(esco.competencies)}, comment)
    )


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


@pytest.mark.esco_full
@pytest.mark.slow
def test_import_of_the_whole_release(tmp_path: Path) -> None:
    target = tmp_path / "pathways"
    summary = import_esco(ESCO_RELEASE, target)
    assert (summary.roles, summary.competencies) == (3007, 13896)
    catalogue = load_catalogue(target)
    assert len(catalogue.competencies) == 13896
    check_import(catalogue, ESCO_RELEASE)


@pytest.mark.esco_full
def test_the_extract_is_a_faithful_copy_of_the_release() -> None:
    """Every byte of the extract is what tests/data/esco/extract.py makes from the release."""
    spec = importlib.util.spec_from_file_location("esco_extract", ESCO_EXTRACT / "extract.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for archive, members in module.extract(ESCO_RELEASE).items():
        with zipfile.ZipFile(ESCO_EXTRACT / archive) as shipped:
            assert shipped.namelist() == list(members)
            for member, text in members.items():
                assert shipped.read(member) == text, (archive, member)


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
