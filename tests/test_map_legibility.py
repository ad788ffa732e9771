"""Maps that read: rendered size, no overlapping text, neighbourhoods that stay small.

Text boxes are estimated from the SVG Graphviz writes (position, anchor, font size and an
average glyph width of half the font size), which is how a reader meets them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from careerpath.actions import load
from careerpath.analysis.diagrams import build_diagram, neighbourhood
from careerpath.graph import career_graph
from careerpath.render.dot import diagram_dot
from careerpath.render.engines import render_dot

SVG = "{http://www.w3.org/2000/svg}"
BUNDLED = load(None)
#: A3 landscape in points: the whole map must print legibly on it (A4 for one family).
A3 = (1191, 842)
A4 = (842, 595)

Box = tuple[float, float, float, float, str]


def text_boxes(svg: bytes) -> list[Box]:
    boxes = []
    for node in ET.fromstring(svg).iter(f"{SVG}text"):
        text = "".join(node.itertext()).strip()
        if not text:
            continue
        x, y, size = (
            float(node.get("x", 0)),
            float(node.get("y", 0)),
            float(node.get("font-size", 14)),
        )
        width = len(text) * size * 0.5
        anchor = node.get("text-anchor", "start")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        boxes.append((left, y - size * 0.8, left + width, y + size * 0.2, text))
    return boxes


#: Points by which two estimated boxes may touch: the glyph-width estimate is a little
#: generous, and Graphviz placed the text with its own metrics.
SLACK = 2.0


def overlapping(boxes: list[Box]) -> list[tuple[str, str]]:
    return [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] - SLACK and b[0] < a[2] - SLACK and a[1] < b[3] and b[1] < a[3]
    ]


def size_in_points(svg: bytes) -> tuple[float, float]:
    found = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert found
    return float(found[1]), float(found[2])


def smallest_font_when_fitted(svg: bytes, page: tuple[int, int]) -> float:
    """The smallest text size, in points, once the picture is shrunk to fit the page."""
    width, height = size_in_points(svg)
    scale = min(1.0, max(page) / max(width, height), min(page) / min(width, height))
    sizes = [float(n.get("font-size", 14)) for n in ET.fromstring(svg).iter(f"{SVG}text")]
    return min(sizes) * scale


def test_overlapping_is_detected() -> None:
    """The checker itself can fail: two labels drawn at one spot overlap."""
    svg = render_dot('digraph { a [label="Same place"]; b [label="Same place" pos="0,0"] }', "svg")
    assert not overlapping(text_boxes(svg))
    clash = b'<svg xmlns="http://www.w3.org/2000/svg"><text x="10" y="10" font-size="10">MSc, 36 mo</text><text x="12" y="12" font-size="10">after 36 mo</text></svg>'
    assert overlapping(text_boxes(clash))


@pytest.mark.parametrize(
    ("options", "page", "smallest"),
    [
        ({}, A3, 4.5),
        ({"family": "cyp-mental-health"}, A4, 5.5),
        ({"family": "healthcare-science"}, A4, 4.5),
        ({"role": "PWP", "depth": 2}, A3, 5.0),
        ({"overlap_roles": ["CWP", "EMHP", "PWP"]}, A4, 4.0),
    ],
)
def test_maps_have_no_overlapping_text_and_print_legibly(
    options: dict[str, object], page: tuple[int, int], smallest: float
) -> None:
    svg = render_dot(diagram_dot(build_diagram(BUNDLED, **options)), "svg")  # type: ignore[arg-type]
    assert overlapping(text_boxes(svg)) == []
    assert smallest_font_when_fitted(svg, page) >= smallest, size_in_points(svg)


@pytest.mark.parametrize("family", [f.id for f in BUNDLED.families])
def test_every_family_map_reads_on_a4(family: str) -> None:
    """One family a page: no colliding text, and at least 6 pt once fitted to A4 landscape."""
    picture = build_diagram(BUNDLED, family=family)
    svg = render_dot(diagram_dot(picture), "svg")
    assert overlapping(text_boxes(svg)) == []
    assert smallest_font_when_fitted(svg, A4) >= 6.0, size_in_points(svg)


def test_whole_map_is_no_longer_a_strip() -> None:
    """It was 7,338 × 1,069 pt (12,576 × 916 px as PNG): a strip no page or screen could hold."""
    width, height = size_in_points(render_dot(diagram_dot(build_diagram(BUNDLED)), "svg"))
    assert width <= 2000 and height <= 2000 and 0.5 <= width / height <= 2.0


def test_neighbourhoods_stay_small_and_never_cross_a_qualification() -> None:
    """Two steps out is the role's ladder, not the catalogue (PWP at depth 2 was most of it)."""
    graph = career_graph(BUNDLED)
    for role in BUNDLED.roles:
        shown = {n.id for n in neighbourhood(BUNDLED, role, 2).nodes}
        assert len(shown) <= 25, (role.id, len(shown))
        for node in shown:
            if graph.nodes[node]["kind"] == "qualification":
                # a qualification is a way in to a role shown, never a stepping stone
                assert any(t in shown for t in graph.successors(node)), (role.id, node)
    assert len(neighbourhood(BUNDLED, BUNDLED.role("PWP"), 2).nodes) <= 20


def test_a_route_map_labels_its_arrows_with_what_the_route_takes() -> None:
    """The highlighted arrows say the route's months and waits, as `careerpath route` does."""
    from careerpath.analysis.routes import find_routes

    picture = build_diagram(BUNDLED, route=("degree", "SWP"))
    best = find_routes(BUNDLED, BUNDLED.qualification("degree"), BUNDLED.role("SWP"), max_routes=1)[
        0
    ]
    labels = {(e.source, e.target): e.label for e in picture.edges if e.highlight}
    assert set(labels) == {(s.source, s.target) for s in best.steps}
    for step in best.steps:
        label = labels[step.source, step.target]
        assert f"{step.months} mo" in label
        assert (f"after {step.wait} mo" in label) == bool(step.wait)
