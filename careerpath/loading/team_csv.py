"""A team file (CSV) → validated team rows, or every problem at once as FILE:LINE:COLUMN.

Columns: ``person`` (or ``group``), ``staff_group`` (or ``role``), ``band`` and, optionally,
``count`` (people a group row stands for, default 1) and one column per framework competency
id holding a self-rating: the tier already reached (a rank 0–N or a tier id; blank = not
rated, so the need stands). Columns are the character columns of the line, so an editor can
jump to the cell. Text must be UTF-8 (a BOM is fine): Excel's "CSV UTF-8" saves it so.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import msgspec

from careerpath.errors import DataError, Problem
from careerpath.loading.discover import display_path
from careerpath.names import did_you_mean, fold
from careerpath.provision import Framework, Rates

__all__ = ["MAX_BYTES", "MAX_ROWS", "TeamFileError", "TeamRow", "load_team"]

#: Most rows a team file may hold (a whole system of 11,000 staff fits in group rows).
MAX_ROWS = 50_000
#: Largest team file read: 50,000 rows of a few dozen ratings fit well inside it.
MAX_BYTES = 16 * 1024 * 1024
_NAME_COLUMNS = ("person", "group", "name")
_GROUP_COLUMNS = ("staff_group", "role")


class TeamFileError(DataError):
    """Raised when a team CSV has problems; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        count = len(self.problems)
        self.args = (f"{count} problem{'s' if count != 1 else ''} in the team file",)


class TeamRow(msgspec.Struct, frozen=True):
    """One person, or a group of people alike, with what they already hold."""

    name: str
    staff_group: str
    pay_rate: str
    count: int
    ratings: tuple[tuple[str, int], ...]  # (competency id, tier rank held)
    line: int


def _fields(line: str) -> tuple[list[tuple[str, int]], bool]:
    """Split one CSV line into (value, 1-based start column); False when a quote is left open."""
    fields: list[tuple[str, int]] = []
    value: list[str] = []
    start, quoted, i = 1, False, 0
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"' and line[i + 1 : i + 2] == '"':
                value.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                value.append(ch)
        elif ch == '"':
            quoted = True
        elif ch == ",":
            fields.append(("".join(value).strip(), start))
            value, start = [], i + 2
        else:
            value.append(ch)
        i += 1
    fields.append(("".join(value).strip(), start))
    return fields, not quoted


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, Problem(display, 1, 1, "file is UTF-16, not UTF-8", "save it as CSV UTF-8")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            display,
            line,
            col,
            f"byte 0x{raw[exc.start]:02X} is not UTF-8 text",
            "save the file as CSV UTF-8 (Excel: File › Save As › CSV UTF-8)",
        )


def load_team(path: Path, framework: Framework, rates: Rates) -> tuple[TeamRow, ...]:
    """Read and check a team CSV against a framework's staff groups and the rates' bands."""
    display = display_path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TeamFileError(
                [Problem(display, 1, 1, f"file is over the {MAX_BYTES // 2**20} MiB limit")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise TeamFileError(
            [Problem(display, 1, 1, f"cannot read file: {exc.strerror or exc}")]
        ) from None
    text, problem = _decode(raw, display)
    if text is None:
        raise TeamFileError([problem] if problem else [])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems: list[Problem] = []
    header, closed = _fields(lines[0]) if lines and lines[0].strip() else ([], True)
    if not header:
        raise TeamFileError(
            [
                Problem(
                    display,
                    1,
                    1,
                    "the file has no header row",
                    "first line: person,staff_group,band",
                )
            ]
        )
    columns = _header(header, framework, display, problems)
    if problems:
        raise TeamFileError(problems)
    rows = _rows(lines, header, columns, framework, rates, display, problems)
    if not closed:
        problems.append(Problem(display, 1, 1, "a quote is left open in the header"))
    if problems:
        raise TeamFileError(problems)
    if not rows:
        raise TeamFileError([Problem(display, 2, 1, "the file has a header but no rows")])
    return tuple(rows)


def _header(
    header: list[tuple[str, int]], framework: Framework, display: str, problems: list[Problem]
) -> dict[str, int]:
    names = [fold(name) for name, _ in header]
    competency_ids = {c.id for c in framework.competencies}
    known = [*_NAME_COLUMNS, *_GROUP_COLUMNS, "band", "count"]
    columns: dict[str, int] = {}
    for index, (name, col) in enumerate(header):
        key = fold(name)
        if key in names[:index]:
            problems.append(Problem(display, 1, col, f"column '{name}' appears twice"))
        elif key in _NAME_COLUMNS:
            columns.setdefault("name", index)
        elif key in _GROUP_COLUMNS:
            columns.setdefault("group", index)
        elif key in ("band", "count"):
            columns[key] = index
        elif name in competency_ids:
            columns["c:" + name] = index
        else:
            problems.append(
                Problem(
                    display,
                    1,
                    col,
                    f"unknown column '{name}'",
                    did_you_mean(name, [*known, *competency_ids])
                    or f"expected person, staff_group, band, count or a competency id of {framework.id}",
                )
            )
    for wanted, spelling in (("name", "person"), ("group", "staff_group"), ("band", "band")):
        if wanted not in columns:
            problems.append(
                Problem(
                    display,
                    1,
                    1,
                    f"missing column '{spelling}'",
                    "a team file needs person (or group), staff_group (or role) and band",
                )
            )
    return columns


class _Lookups(msgspec.Struct, frozen=True):
    """What a row's cells are checked against, built once per file."""

    display: str
    framework: Framework
    groups: dict[str, str]
    bands: dict[str, str]
    band_ids: tuple[str, ...]
    tiers: dict[str, int]


def _group_names(framework: Framework) -> dict[str, str]:
    names: dict[str, str] = {}
    for group in framework.staff_groups:
        for name in (group.id, group.title, *group.aliases):
            names.setdefault(fold(name), group.id)
    return names


def _rows(  # noqa: PLR0917 - one call site, every piece is needed
    lines: list[str],
    header: list[tuple[str, int]],
    columns: dict[str, int],
    framework: Framework,
    rates: Rates,
    display: str,
    problems: list[Problem],
) -> list[TeamRow]:
    look = _Lookups(
        display,
        framework,
        _group_names(framework),
        {fold(p.id): p.id for p in rates.pay},
        tuple(p.id for p in rates.pay),
        {fold(t.id): t.rank for t in framework.tiers},
    )
    rows: list[TeamRow] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if len(rows) >= MAX_ROWS:
            problems.append(Problem(display, number, 1, f"more than {MAX_ROWS:,} rows"))
            break
        fields, closed = _fields(line)
        if not closed:
            problems.append(
                Problem(
                    display,
                    number,
                    fields[-1][1],
                    "a quote is left open",
                    "close it on the same line",
                )
            )
            continue
        if len(fields) != len(header):
            col = fields[len(header)][1] if len(fields) > len(header) else len(line) + 1
            problems.append(
                Problem(
                    display,
                    number,
                    col,
                    f"row has {len(fields)} fields, the header has {len(header)}",
                    "check for a stray or missing comma",
                )
            )
            continue
        row = _row(number, fields, columns, look, problems)
        if row is not None:
            rows.append(row)
    return rows


def _row(
    number: int,
    fields: list[tuple[str, int]],
    columns: dict[str, int],
    look: _Lookups,
    problems: list[Problem],
) -> TeamRow | None:
    before = len(problems)

    def bad(index: int, message: str, hint: str = "") -> None:
        problems.append(Problem(look.display, number, fields[index][1], message, hint))

    groups = look.framework.staff_groups
    group_text = fields[columns["group"]][0]
    group = look.groups.get(fold(group_text))
    if group is None:
        bad(
            columns["group"],
            f"unknown staff group '{group_text}'" if group_text else "staff group is empty",
            did_you_mean(group_text, [g.id for g in groups] + [g.title for g in groups])
            or "known: " + ", ".join(g.id for g in groups),
        )
    band_text = fields[columns["band"]][0]
    band = look.bands.get(fold(band_text).removeprefix("band ").strip())
    if band is None:
        bad(
            columns["band"],
            f"unknown band '{band_text}'" if band_text else "band is empty",
            "expected one of " + ", ".join(look.band_ids),
        )
    count = 1
    count_text = fields[columns["count"]][0] if "count" in columns else ""
    if count_text:
        if count_text.isdigit() and 1 <= int(count_text) <= 1_000_000:
            count = int(count_text)
        else:
            bad(columns["count"], f"count '{count_text}' is not a whole number 1–1,000,000")
    top = len(look.framework.tiers)
    ratings: list[tuple[str, int]] = []
    for column, index in sorted(columns.items()):
        value = fields[index][0]
        if not column.startswith("c:") or not value:
            continue
        rank = int(value) if value.isdigit() else look.tiers.get(fold(value))
        if rank is None or not 0 <= rank <= top:
            tier_ids = ", ".join(t.id for t in look.framework.tiers)
            bad(
                index,
                f"rating '{value}' is not a tier",
                f"give the tier already reached: 0–{top} or a tier id ({tier_ids})",
            )
            continue
        ratings.append((column[2:], rank))
    if len(problems) != before or group is None or band is None:
        return None
    name = fields[columns["name"]][0] or f"row {number}"
    return TeamRow(name, group, band, count, tuple(ratings), number)
