"""Rebuild this folder's ESCO extract from the full v1.1.1 release.

The importer's tests need real ESCO files, but the release (8 MB zipped) is not ours to commit
and is not beside every clone. This keeps a handful of occupations, and exactly the rows that
describe them, in the same two archives with the same member names, columns and CSV dialect, so
the importer reads the extract as it reads the release. Rows are copied unchanged; a test in
tests/test_esco.py (marked ``esco_full``) checks every row against the release when it is present.

Run from the repository root: ``python tests/data/esco/extract.py ../shared/data/esco-v1.1.1``
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

#: Preferred labels of the kept occupations: every occupation a bundled role cites in its
#: ``esco`` field (see tests/test_crossrefs.py), and all of ISCO unit group 2634 (psychologists)
#: so that similarity and overlap have near and far neighbours.
OCCUPATIONS = (
    "art therapist",
    "assistant clinical psychologist",
    "clinical psychologist",
    "diagnostic radiographer",
    "dietitian",
    "educational psychologist",
    "health psychologist",
    "mental health social worker",
    "mental health support worker",
    "music therapist",
    "nurse responsible for general care",
    "occupational therapist",
    "paramedic in emergency responses",
    "physiotherapist",
    "polygraph examiner",
    "psychologist",
    "psychotherapist",
    "speech and language therapist",
)

#: archive → members kept, in the order the release lists them.
ARCHIVES = {
    "classification-en-csv.zip": ("ISCOGroups_en.csv", "occupations_en.csv", "skills_en.csv"),
    "relations-csv.zip": ("occupationSkillRelations.csv",),
}
#: A fixed timestamp, so rebuilding gives the same bytes.
STAMP = (2022, 9, 13, 17, 8, 0)


def _read(release: Path, archive: str, member: str) -> list[list[str]]:
    with zipfile.ZipFile(release / archive) as source, source.open(member) as raw:
        return list(csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline="")))


def _text(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    # The release ends records with CRLF and keeps bare LF inside quoted multi-line labels.
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def extract(release: Path) -> dict[str, dict[str, bytes]]:
    """archive → member → CSV bytes, for the kept occupations and what they refer to."""
    occupations = _read(release, "classification-en-csv.zip", "occupations_en.csv")
    head = occupations[0]
    label, uri, group = (head.index(c) for c in ("preferredLabel", "conceptUri", "iscoGroup"))
    kept = [r for r in occupations[1:] if r[label] in OCCUPATIONS]
    missing = set(OCCUPATIONS) - {r[label] for r in kept}
    if missing:
        raise SystemExit(f"not in the release: {sorted(missing)}")
    uris = {r[uri] for r in kept}
    relations = _read(release, "relations-csv.zip", "occupationSkillRelations.csv")
    rel_occupation = relations[0].index("occupationUri")
    rel_skill = relations[0].index("skillUri")
    kept_relations = [r for r in relations[1:] if r[rel_occupation] in uris]
    skill_uris = {r[rel_skill] for r in kept_relations}
    skills = _read(release, "classification-en-csv.zip", "skills_en.csv")
    skill_uri = skills[0].index("conceptUri")
    groups = _read(release, "classification-en-csv.zip", "ISCOGroups_en.csv")
    group_code = groups[0].index("code")
    used_groups = {r[group] for r in kept}
    return {
        "classification-en-csv.zip": {
            "ISCOGroups_en.csv": _text(
                [groups[0], *(r for r in groups[1:] if r[group_code] in used_groups)]
            ),
            "occupations_en.csv": _text([head, *kept]),
            "skills_en.csv": _text(
                [skills[0], *(r for r in skills[1:] if r[skill_uri] in skill_uris)]
            ),
        },
        "relations-csv.zip": {
            "occupationSkillRelations.csv": _text([relations[0], *kept_relations]),
        },
    }


def main(release: Path) -> None:
    for archive, members in extract(release).items():
        with zipfile.ZipFile(HERE / archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            for member in ARCHIVES[archive]:
                out.writestr(zipfile.ZipInfo(member, STAMP), members[member], zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
