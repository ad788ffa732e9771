"""The data-quality report as text for a terminal and as JSON for a release pipeline.

Both read one ``QualityReport``; the figures are computed in ``analysis.quality`` and only
laid out here, so the two never disagree.
"""

from __future__ import annotations

from typing import Any

from careerpath.analysis.quality import QualityReport, Share
from careerpath.render.data import dumps

__all__ = ["quality_json", "quality_text"]

#: How many hosts the text report lists before summing the rest (JSON lists every host).
_TOP_HOSTS = 15


def _share_line(share: Share) -> str:
    line = f"  {share.fact:<58} {share.have:>4} / {share.total:<4} {share.percent:5.1f}%"
    if share.not_applicable:
        line += f"  ({share.not_applicable} not a course)"
    return line


def _listing(title: str, rows: list[str], empty: str = "none") -> list[str]:
    lines = [f"{title} ({len(rows)})" if rows else f"{title}: {empty}"]
    lines.extend(f"  {row}" for row in rows)
    return lines


def quality_text(report: QualityReport) -> str:
    """A plain-text report, one section per measure, findings listed under their heading."""
    lines = [
        f"Data quality of {report.root} on {report.today}",
        "",
        f"Programmes ({report.programmes}) with",
        *(_share_line(s) for s in report.programme_shares),
        f"Apprenticeship programmes ({report.apprenticeships}) with",
        *(_share_line(s) for s in report.apprenticeship_shares),
    ]
    for fact, ids in report.missing:
        if ids:
            lines.append(f"  without {fact}: {', '.join(ids)}")
    if report.not_courses:
        lines.append(
            "  not a course (level and credits do not apply; nor does length to an assessment): "
            + ", ".join(f"{pid} ({kind})" for pid, kind in report.not_courses)
        )
    if report.no_public_price:
        lines.append("  no public price (counted apart from the priced share):")
        lines.extend(f"    {pid}: {why}" for pid, why in report.no_public_price)
    lines += ["", "Unverified facts by family (role fields, entry routes, progressions, barriers)"]
    lines += [f"  {family:<28} {count:>4}" for family, count in report.unverified_by_family]
    lines.append(f"  {'programmes and modules':<28} {report.unverified_programmes:>4}")
    lines += ["", f"Sources ({report.sources}) by kind"]
    lines += [f"  {kind:<28} {count:>4}" for kind, count in report.sources_by_kind]
    hosts = report.sources_by_host
    lines.append(f"Sources by host (top {min(_TOP_HOSTS, len(hosts))} of {len(hosts)} hosts)")
    lines += [f"  {host:<40} {count:>4}" for host, count in hosts[:_TOP_HOSTS]]
    lines.append("")
    lines += _listing(
        f"Sources read more than {report.older_than_months} months ago",
        [f"{sid} (read {when})" for sid, when in report.stale_sources],
    )
    lines += _listing("Sources with no date read", list(report.undated_sources))
    lines += _listing(
        "Sources on hosts that should not be cited",
        [f"{s.id}: {s.url} — {s.reason}" for s in report.suspect_sources],
    )
    lines += _listing(
        "Internal ids or project references in text users see",
        [f"{leak.where}: '{leak.found}'" for leak in report.text_leaks],
    )
    lines += _listing("Roles with no progression or link in or out", list(report.isolated_roles))
    lines += _listing(
        "Roles with no entry route and no progression into them",
        list(report.roles_without_way_in),
    )
    lines += _listing(
        "Roles with no progression out of them (a ceiling, or a missing step)",
        list(report.roles_without_way_on),
    )
    lines += _listing(
        "Text requirements routes cannot check (shown as assumptions)",
        [f"{where}: {text}" for where, text in report.text_requirements],
    )
    lines += [
        "",
        f"{report.defects} defect{'s' if report.defects != 1 else ''} to fix before release "
        "(sources on hosts that should not be cited, internal text shown to users)",
    ]
    return "\n".join(lines) + "\n"


def quality_json(report: QualityReport) -> str:
    """Every measure as JSON, each list complete (the text report trims the host list)."""

    def share(s: Share) -> dict[str, Any]:
        return {
            "have": s.have,
            "total": s.total,
            "not_applicable": s.not_applicable,
            "percent": round(s.percent, 1),
        }

    return dumps(
        {
            "root": report.root,
            "today": report.today,
            "older_than_months": report.older_than_months,
            "programmes": {
                "count": report.programmes,
                **{s.fact: share(s) for s in report.programme_shares},
            },
            "apprenticeships": {
                "count": report.apprenticeships,
                **{s.fact: share(s) for s in report.apprenticeship_shares},
            },
            "missing": {fact: list(ids) for fact, ids in report.missing},
            "not_courses": dict(report.not_courses),
            "no_public_price": dict(report.no_public_price),
            "unverified": {
                "by_family": dict(report.unverified_by_family),
                "programmes_and_modules": report.unverified_programmes,
            },
            "sources": {
                "count": report.sources,
                "by_kind": dict(report.sources_by_kind),
                "by_host": dict(report.sources_by_host),
                "undated": list(report.undated_sources),
                "stale": [{"id": i, "accessed": a} for i, a in report.stale_sources],
                "suspect": [
                    {"id": s.id, "url": s.url, "reason": s.reason} for s in report.suspect_sources
                ],
            },
            "text_leaks": [{"where": t.where, "found": t.found} for t in report.text_leaks],
            "isolated_roles": list(report.isolated_roles),
            "roles_without_way_in": list(report.roles_without_way_in),
            "roles_without_way_on": list(report.roles_without_way_on),
            "text_requirements": [{"where": w, "text": t} for w, t in report.text_requirements],
            "defects": report.defects,
        }
    )
