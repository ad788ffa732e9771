"""ESCO (European Skills, Competences, Qualifications and Occupations) → a pathways folder.

Reads the official CSV release, either the two archives (``classification-en-csv.zip`` and
``relations-csv.zip``) or their extracted files, and writes a folder that ``careerpath
validate`` accepts: one role file per occupation (id from the ESCO code, preferred label as
title, alternative labels as aliases, ISCO group as family, the occupation URI kept as
``esco`` and cited as the source), competency catalogues for skills and knowledge, and
essential and optional relations (optional ones are marked ``optional: true``).

The importer makes the model's records (``Role``, ``Competency``, ``Family``, ``Source``)
and writes them through ``loading.save``, the writer derived from the model, so a field
added to the model is written here with nothing to change. Files are YAML whose values are
JSON's flow form: valid YAML 1.2, safe for any text, and fast to produce. The new folder is
built beside the target and swapped in whole, so a failed import never leaves a
half-written folder.

The release is data from elsewhere, so nothing in it is trusted: a role's file name comes
from its ESCO code only when the code is a plain name (never a path, never hidden, never a
repeat), control characters are dropped from every text, and each file is read within
stated limits (field length, rows, bytes) that are checked while reading, before the work
they would cost. Every problem names the file and line.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import shutil
import tempfile
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from careerpath.errors import CareerpathError, DataError, Problem
from careerpath.loading.save import Writer, yaml_text
from careerpath.model import Competency, CompetencyNeed, Family, Role, Source
from careerpath.text import clean

__all__ = [
    "MAX_BYTES",
    "MAX_FIELD",
    "MAX_LINE",
    "MAX_ROWS",
    "ImportSummary",
    "Progress",
    "import_esco",
]

#: Longest CSV field read (ESCO v1.1.1's longest in the files used is under 4,000 characters).
MAX_FIELD = 64 * 1024
#: Longest line read (a row's fields together).
MAX_LINE = 8 * MAX_FIELD
#: Most rows read from one file (ESCO v1.1.1's largest, the relations, has 123,855).
MAX_ROWS = 1_000_000
#: Most bytes read from one file, compressed or not (the relations file is 20 MB).
MAX_BYTES = 512 * 1024 * 1024
#: What a role's file name may be made of: a plain name, never a path or a hidden file.
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,74}")
_COLUMNS = {
    "occupations": (
        "conceptType",
        "conceptUri",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "description",
        "code",
    ),
    "skills": ("conceptUri", "skillType", "preferredLabel"),
    "isco": ("code", "preferredLabel"),
    "relations": ("occupationUri", "relationType", "skillUri"),
}

#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]

MARKER = ".careerpath-import"
_FILES = {
    "occupations": "occupations_en.csv",
    "skills": "skills_en.csv",
    "isco": "ISCOGroups_en.csv",
    "relations": "occupationSkillRelations.csv",
}
_ARCHIVES = ("classification-en-csv.zip", "relations-csv.zip")
_MAX_TEXT = 2000
_SCHEMA_COMMENT = "# yaml-language-server: $schema=../careerpath.schema.json\n"
#: The source every imported competency cites.
RELEASE = Source(
    id="esco-v1.1.1",
    title="ESCO v1.1.1, European Commission (classification and relations, CSV)",
    url="https://esco.ec.europa.eu/en/use-esco/download",
    note="Reused under Commission Decision 2011/833/EU, with acknowledgement of the source.",
)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import produced, for the closing summary."""

    roles: int
    competencies: int
    families: int
    essential: int
    optional: int
    aliases_dropped: int
    relations_skipped: int
    target: Path


def _norm(text: str) -> str:
    return " ".join(clean(text).split())


def _clip(text: str) -> str:
    text = _norm(text)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1].rstrip() + "…"


class _Capped(io.RawIOBase):
    """A byte stream that stops with an error once more than MAX_BYTES have been read.

    A zip member's declared size can lie; counting what is actually read cannot.
    """

    def __init__(self, raw: IO[bytes], display: str) -> None:
        self.raw, self.display, self.read_so_far = raw, display, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        self.read_so_far += len(data)
        if self.read_so_far > MAX_BYTES:
            raise CareerpathError(
                f"{self.display}: more than {MAX_BYTES // 2**20:,} MiB; is this the ESCO release?"
            )
        buffer[: len(data)] = data
        return len(data)


class _Source:
    """The ESCO CSV files, from a folder of extracted files or from the official archives."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise CareerpathError(f"ESCO data '{path}' does not exist")
        if not path.is_dir():
            raise CareerpathError(
                f"ESCO data '{path}' is a file; give the folder that holds the CSV files or archives"
            )
        self.path = path
        self.archives: list[zipfile.ZipFile] = []
        for name in _ARCHIVES:
            if (path / name).is_file():
                try:
                    self.archives.append(zipfile.ZipFile(path / name))
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                    self.close()
                    raise _damaged(path / name, exc) from exc
        #: key → how its file is named in messages
        self.display: dict[str, str] = {}

    def rows(self, key: str) -> Iterator[tuple[int, dict[str, str]]]:
        """Each row of one file with the line it ends on, checked against the limits."""
        name = _FILES[key]
        plain = self.path / name
        if plain.is_file():
            self.display[key] = str(plain)
            with plain.open("rb") as raw:
                yield from self._read(key, raw, str(plain))
            return
        for archive in self.archives:
            member = next((m for m in archive.namelist() if m.rsplit("/", 1)[-1] == name), None)
            if member:
                display = f"{archive.filename}:{member}"
                self.display[key] = display
                try:
                    with archive.open(member) as raw:
                        yield from self._read(key, raw, display)
                except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                    raise _damaged(Path(archive.filename or name), exc) from exc
                return
        raise CareerpathError(
            f"ESCO file '{name}' not found in '{self.path}'",
        )

    @staticmethod
    def _read(key: str, raw: IO[bytes], display: str) -> Iterator[tuple[int, dict[str, str]]]:
        text = io.TextIOWrapper(
            io.BufferedReader(_Capped(raw, display)), encoding="utf-8-sig", newline=""
        )
        reader = csv.reader(_bounded_lines(text, display))
        line = 1
        previous_limit = csv.field_size_limit(MAX_FIELD)
        try:
            header = next(reader, None)
            if header is None:
                raise CareerpathError(f"{display}:1:1: the file is empty")
            missing = [c for c in _COLUMNS[key] if c not in header]
            if missing:
                raise CareerpathError(
                    f"{display}:1:1: no column {', '.join(repr(c) for c in missing)}",
                )
            for count, values in enumerate(reader, start=1):
                line = reader.line_num
                if count > MAX_ROWS:
                    raise CareerpathError(
                        f"{display}:{line}: more than {MAX_ROWS:,} rows; is this the ESCO release?"
                    )
                yield (
                    line,
                    dict(zip(header, values, strict=False))
                    | dict.fromkeys(header[len(values) :], ""),
                )
        except csv.Error as exc:
            detail = (
                f"a field is longer than {MAX_FIELD:,} characters"
                if "field limit" in str(exc)
                else f"not valid CSV ({exc})"
            )
            raise CareerpathError(f"{display}:{reader.line_num}: {detail}") from exc
        except UnicodeDecodeError as exc:
            raise CareerpathError(
                f"{display}:{reader.line_num + 1}: not UTF-8 text (ESCO publishes UTF-8)",
            ) from exc
        finally:
            csv.field_size_limit(previous_limit)

    def close(self) -> None:
        for archive in self.archives:
            archive.close()


def _bounded_lines(text: IO[str], display: str) -> Iterator[str]:
    """The file's lines, refusing one longer than MAX_LINE before it is held whole.

    The csv module reads a line at a time, so a 1 GB line (one field, no newline, in a 1 MB
    zip) would be read into memory before the field limit could apply.
    """
    number = 0
    while piece := text.readline(MAX_LINE):
        number += 1
        if len(piece) == MAX_LINE and not piece.endswith(("\n", "\r")):
            raise CareerpathError(
                f"{display}:{number}: a line is longer than {MAX_LINE:,} characters"
            )
        yield piece


def _damaged(archive: Path, exc: BaseException) -> CareerpathError:
    return CareerpathError(
        f"'{archive}' is not a readable zip archive ({exc or type(exc).__name__}); "
        "download it again"
    )


def import_esco(source: Path, target: Path, progress: Progress | None = None) -> ImportSummary:
    """Import the ESCO release in ``source`` into the pathways folder ``target``.

    Raises CareerpathError when files are missing or ``target`` holds something that is not
    an earlier import (careerpath never deletes a folder it did not create).
    """
    report = progress or (lambda stage, done, total: None)
    target = target.resolve()  # "-o ." and "-o .." name a folder, not "." or ".."
    _check_target(target)
    data = _Source(source)
    try:
        found = [(n, r) for n, r in data.rows("occupations") if r["conceptType"] == "Occupation"]
        _check_codes(found, data.display["occupations"])
        occupations = [r for _, r in found]
        report("read occupations", len(occupations), len(occupations))
        skills = {r["conceptUri"]: r for _, r in data.rows("skills")}
        report("read skills", len(skills), len(skills))
        isco = {r["code"]: r["preferredLabel"] for _, r in data.rows("isco")}
        # A set per occupation: a release repeating one relation 20 million times costs one.
        needs: dict[str, set[tuple[str, bool]]] = defaultdict(set)
        skipped = 0
        for _, row in data.rows("relations"):
            if row["skillUri"] in skills:
                needs[row["occupationUri"]].add(
                    (row["skillUri"], row["relationType"] == "optional")
                )
            else:
                skipped += 1
        total = sum(len(v) for v in needs.values())
        report("read relations", total, total)
    finally:
        data.close()
    try:
        return _write(
            occupations=occupations,
            skills=skills,
            isco=isco,
            needs=needs,
            skipped=skipped,
            target=target,
            report=report,
        )
    except OSError as exc:  # a full disk, a read-only or vanished parent
        raise CareerpathError(f"cannot write '{target}': {exc.strerror or exc}") from exc


def _check_codes(found: list[tuple[int, dict[str, str]]], display: str) -> None:
    """Refuse codes that cannot safely name a file, and repeats, each at its line.

    A role file is named after its code, so a code is a file name from outside: an absolute
    path, ``../``, a ``/`` or a leading dot would write elsewhere or hide the file.
    """
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for line, row in found:
        code = row["code"]
        why = _code_problem(code)
        if why:
            problems.append(Problem(display, line, 7, why, "fix the release, or remove the row"))
            continue
        folded = code.lower()  # one file on a case-insensitive disk
        if folded in first:
            problems.append(
                Problem(
                    display,
                    line,
                    7,
                    f"ESCO code '{code}' repeats the occupation on line {first[folded]}",
                )
            )
        else:
            first[folded] = line
    if problems:
        raise DataError(problems)


def _code_problem(code: str) -> str:
    if not code:
        return "ESCO code is empty"
    if Path(code).is_absolute():
        return f"ESCO code '{code}' is an absolute path"
    if "/" in code:
        return f"ESCO code '{code}' holds '/'"
    if code.startswith("."):
        return f"ESCO code '{code}' cannot start with '.'"
    if len(code) > 75:
        return f"ESCO code '{code[:20]}…' is longer than 75 characters"
    if not _CODE.fullmatch(code):
        return f"ESCO code '{code}' has characters file names and ids cannot hold"
    return ""


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise CareerpathError(f"output '{target}' is a file; give a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise CareerpathError(
            f"output folder '{target}' is not empty and was not made by 'careerpath import'",
        )
    if not target.parent.is_dir():
        raise CareerpathError(f"cannot write '{target}': folder '{target.parent}' does not exist")


def _skill_id(uri: str) -> str:
    return "esco-" + uri.rstrip("/").rsplit("/", 1)[-1]


def _role_id(code: str) -> str:
    return "esco-" + code


def _write(
    *,
    occupations: list[dict[str, str]],
    skills: dict[str, dict[str, str]],
    isco: dict[str, str],
    needs: dict[str, set[tuple[str, bool]]],
    skipped: int,
    target: Path,
    report: Progress,
) -> ImportSummary:
    occupations = sorted(occupations, key=lambda r: r["code"])
    titles = {_norm(r["preferredLabel"]).lower() for r in occupations}
    claims = Counter(
        a
        for r in occupations
        for a in {_norm(x).lower() for x in r["altLabels"].split("\n") if x.strip()}
    )
    used_groups = sorted({r["iscoGroup"] for r in occupations})
    families = [
        Family(id="isco-" + code, title=isco.get(code, "ISCO " + code)) for code in used_groups
    ]
    ordered_skills = sorted(skills.values(), key=lambda s: _skill_id(s["conceptUri"]))
    competencies = [
        Competency(
            id=_skill_id(skill["conceptUri"]),
            name=_clip(skill["preferredLabel"]),
            domain=skill["skillType"] or "unspecified",
            frameworks=(("esco", skill["conceptUri"]),),
            sources=(RELEASE.id,),
        )
        for skill in ordered_skills
    ]
    staging = _staging_name(target)
    try:
        # Named before it is made: a SIGTERM just after the mkdir still finds it to remove.
        staging.mkdir(mode=0o700)
        (staging / "roles").mkdir()
        (staging / "competencies").mkdir()
        (staging / MARKER).write_text("made by careerpath import esco\n", encoding="utf-8")
        writer = Writer()
        _write_file(
            staging / "families.yaml",
            {"families": writer.documents(families)},
            "# ISCO-08 unit groups of the imported ESCO occupations.\n",
        )
        _write_file(staging / "sources.yaml", {"sources": writer.documents([RELEASE])})
        chunk = 2000
        for start in range(0, len(competencies), chunk):
            _write_file(
                staging / "competencies" / f"esco-{start // chunk + 1:02d}.yaml",
                {"competencies": writer.documents(competencies[start : start + chunk])},
            )
            report("wrote competencies", min(start + chunk, len(competencies)), len(competencies))
        dropped = 0
        essential = optional = 0
        for number, row in enumerate(occupations, start=1):
            title = _norm(row["preferredLabel"])
            aliases = []
            for alias in dict.fromkeys(_norm(a) for a in row["altLabels"].split("\n") if a.strip()):
                folded = alias.lower()
                if folded == title.lower():
                    continue
                if folded in titles or claims[folded] > 1:
                    dropped += 1
                    continue
                aliases.append(_clip(alias))
            seen: set[str] = set()
            role_needs = []
            for uri, is_optional in sorted(
                needs.get(row["conceptUri"], ()), key=lambda n: (n[1], _skill_id(n[0]))
            ):
                skill_id = _skill_id(uri)
                if skill_id in seen:
                    continue
                seen.add(skill_id)
                role_needs.append(CompetencyNeed(id=skill_id, optional=is_optional))
                optional += is_optional
                essential += not is_optional
            cited = Source(
                id="esco-occ-" + row["code"],
                title="ESCO occupation: " + title,
                url=row["conceptUri"],
            )
            role = Role(
                id=_role_id(row["code"]),
                title=title,
                family="isco-" + row["iscoGroup"],
                summary=_clip(row["description"]) if row["description"].strip() else "",
                aliases=tuple(aliases),
                competencies=tuple(role_needs),
                sources=(cited.id,),
                esco=row["conceptUri"],
            )
            _write_file(_role_file(staging, row["code"]), Writer([cited]).document(role))
            if number % 100 == 0 or number == len(occupations):
                report("wrote roles", number, len(occupations))
        _swap_in(staging, target)
    except BaseException as exc:
        # Not a folder another import made under the same name in the meantime.
        if not (isinstance(exc, FileExistsError) and exc.filename == str(staging)):
            shutil.rmtree(staging, ignore_errors=True)
        raise
    return ImportSummary(
        len(occupations),
        len(skills),
        len(used_groups),
        essential,
        optional,
        dropped,
        skipped,
        target,
    )


def _staging_name(target: Path) -> Path:
    """A name beside ``target`` that nothing holds yet (the folder is made by the caller)."""
    while True:
        staging = target.parent / f".{target.name}.{secrets.token_hex(6)}"
        if not staging.exists():
            return staging


def _write_file(path: Path, document: dict[str, object], comment: str = "") -> None:
    path.write_text(yaml_text(document, _SCHEMA_COMMENT + comment), encoding="utf-8")


def _role_file(staging: Path, code: str) -> Path:
    """The file for one role: checked once more to be inside the staging folder's roles/."""
    path = staging / "roles" / f"{code}.yaml"
    if _code_problem(code) or path.resolve().parent != (staging / "roles").resolve():
        raise CareerpathError(f"ESCO code '{code}' does not name a file inside the output folder")
    return path


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging`` by renames, so readers never see half a folder."""
    if not target.exists():
        staging.replace(target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    retired.rmdir()
    target.replace(retired)
    try:
        staging.replace(target)
    except OSError:
        retired.replace(target)
        raise
    shutil.rmtree(retired, ignore_errors=True)
