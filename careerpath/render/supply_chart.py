"""Fan charts of staff in post against demand, for a board paper (PNG or SVG).

Only ``careerpath supply --chart`` imports this module; matplotlib loads with it, on the
non-interactive Agg backend, so it never needs a display. The files are made reproducible:
no creation date, a fixed hash salt for SVG element ids.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerpath.analysis.supply import Projection

__all__ = ["fan_chart"]


def fan_chart(projection: Projection, group: str, fmt: str) -> bytes:
    """One group's staff in post (P50 line, P10–P90 band), demand and trainees, as PNG or SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    s = projection.scenario
    g = projection.groups.index(group)
    years = s.years
    post = projection.values["in_post"][:, :, g]
    training = projection.values["in_training"][:, 1, g]
    demand = projection.demand[:, g]
    with plt.rc_context({"svg.hashsalt": "careerpath", "font.size": 11}):
        figure, axes = plt.subplots(figsize=(9, 5.2), dpi=110)
        if not projection.deterministic:
            axes.fill_between(
                years,
                post[:, 0],
                post[:, 2],
                color="#9ecae1",
                alpha=0.6,
                linewidth=0,
                label="Staff in post, P10–P90 (8 in 10 runs fall here)",
            )
        axes.plot(
            years,
            post[:, 1],
            color="#08519c",
            linewidth=2.4,
            marker="o",
            markersize=3.5,
            label="Staff in post, P50 (median)"
            if not projection.deterministic
            else "Staff in post",
        )
        if not all(math.isnan(d) for d in demand):
            axes.plot(years, demand, color="#cb181d", linewidth=2, linestyle="--", label="Demand")
        if training.any():
            axes.plot(
                years,
                training,
                color="#6a51a3",
                linewidth=1.5,
                linestyle=":",
                label="In training towards the role"
                + ("" if projection.deterministic else " (P50)"),
            )
        label = "ILLUSTRATIVE — " if s.illustrative else ""
        import textwrap

        title = f"{label}{projection.titles[g]}: staff in post and demand, {years[0]}–{years[-1]}"
        axes.set_title(
            textwrap.fill(title, 72),
            fontsize=13,
            fontweight="bold",
            loc="left",
        )
        mode = (
            "One projection at central rates (no range)"
            if projection.deterministic
            else f"{projection.runs:,} Monte Carlo runs, seed {projection.seed}"
        )
        unit = "headcount"
        if g < len(s.roles) and s.roles[g].unit == "fte":
            unit = "FTE"
        axes.set_xlabel("Year")
        axes.set_ylabel(f"People ({unit})")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        axes.set_ylim(bottom=0)
        axes.grid(True, color="#dddddd", linewidth=0.8)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper left", frameon=False, fontsize=9)
        gap = projection.values["gap"][-1, :, g]
        if not math.isnan(gap[1]):
            band = "" if projection.deterministic else f" (P10–P90 {gap[0]:,.0f} to {gap[2]:,.0f})"
            word = "short" if gap[1] > 0 else "over"
            axes.annotate(
                f"Gap in {years[-1]}: {abs(gap[1]):,.0f} {word}{band}",
                xy=(years[-1], (post[-1, 1] + demand[-1]) / 2),
                xytext=(-8, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=10,
                color="#cb181d",
                fontweight="bold",
            )
        figure.text(
            0.01,
            0.012,
            f"{mode}. Scenario: {s.title} ({s.file}).\n"
            "Made with careerpath supply; its --json output traces every figure to the "
            "scenario line that set it.",
            fontsize=7.5,
            color="#555555",
        )
        figure.tight_layout(rect=(0, 0.06, 1, 1))
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, metadata=metadata)
        plt.close(figure)
    return buffer.getvalue()
