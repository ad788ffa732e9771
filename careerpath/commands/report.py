"""``careerpath report``: a self-contained briefing (HTML or Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from careerpath import actions
from careerpath.commands.common import complete_roles, load, note, progress
from careerpath.options import FRAMEWORK, OUTPUT, THRESHOLD

__all__ = ["report"]


def report(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(help="One or more roles to brief on.", autocompletion=complete_roles),
    ],
    output: Annotated[
        Path,
        OUTPUT.typer(
            help="report.html (self-contained, SVG inline) or report.md (Mermaid diagrams)."
        ),
    ],
    provision: Annotated[
        Path | None,
        typer.Option(
            "--provision",
            help="Add a Training coverage section: this learning directory against its framework.",
            metavar="DIR",
        ),
    ] = None,
    framework_name: Annotated[
        str | None,
        FRAMEWORK.typer(
            help="With --provision: the framework to cover (default: the directory's)."
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        THRESHOLD.typer(
            help="With --provision: least Jaccard similarity for duplication (default 0.75, as coverage).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a self-contained briefing: profiles, overlap, routes, barriers and diagrams."""
    from careerpath.analysis.briefing import build_briefing
    from careerpath.files import write_atomic
    from careerpath.lookup import find_role

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise typer.BadParameter("write the report to a .html or .md file", param_hint="-o")
    try:
        actions.check_overlap_count(len(set(roles)))
    except actions.UsageProblem as exc:
        raise typer.BadParameter(str(exc), param_hint=exc.param_hint) from None
    for given, hint in ((framework_name, "--framework"), (threshold, "--threshold")):
        if given is not None and provision is None:  # refused, not silently ignored
            raise typer.BadParameter(f"{hint} goes with --provision", param_hint=hint)
    catalogue = load(ctx)
    chosen = list(dict.fromkeys(find_role(catalogue, r) for r in roles))
    coverage = None
    if provision is not None:
        from careerpath.analysis.coverage import DEFAULT_THRESHOLD
        from careerpath.analysis.coverage import coverage as compute
        from careerpath.commands.training_inputs import choose_framework, training_data
        from careerpath.render.provision import coverage_content

        data = training_data(ctx, provision)
        assert data.provision is not None  # a directory was given, so one was loaded
        framework = choose_framework(data, framework_name, data.provision.framework)
        coverage = coverage_content(
            framework,
            data.provision,
            compute(
                framework, data.provision, DEFAULT_THRESHOLD if threshold is None else threshold
            ),
        )
    with progress() as report_progress:
        briefing = build_briefing(catalogue, chosen, report_progress)
    if suffix in (".html", ".htm"):
        from careerpath.render.report import briefing_html

        text = briefing_html(catalogue, briefing, coverage)
    else:
        from careerpath.render.report import briefing_markdown

        text = briefing_markdown(catalogue, briefing, coverage)
    write_atomic(output, text)
    note(f"wrote {output} ({len(text):,} characters)")
