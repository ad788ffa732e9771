"""Diagrams: deterministic DOT, escaped labels, parsed and drawn by real Graphviz."""

from __future__ import annotations

import random
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from careerpath.analysis.diagrams import career_map, neighbourhood, overlap_diagram
from careerpath.analysis.overlap import overlap
from careerpath.errors import RenderError
from careerpath.loading.locate import bundled_data
from careerpath.loading.validate import load_catalogue
from careerpath.render.dot import diagram_dot
from careerpath.render.engines import render_dot
from careerpath.render.mermaid import diagram_mermaid

from conftest import REPO, bundled_catalogue, write_tree

BUNDLED = bundled_catalogue()
SVG = "{http://www.w3.org/2000/svg}"

HOSTILE_TITLE = 'Say "hi" {x} <b>bold</b> & \\N \\G back\\ slash\nnew line; } digraph evil { a -> b'


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_map_svg_is_well_formed_and_names_every_role() -> None:
    svg = render_dot(diagram_dot(career_map(BUNDLED)), "svg")
    texts = " ".join(svg_texts(svg))
    for role in BUNDLED.roles:
        assert f"({role.id})" in texts, role.id


def test_png_is_a_png() -> None:
    png = render_dot(diagram_dot(neighbourhood(BUNDLED, BUNDLED.role("PWP"), 2)), "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000


def test_dot_is_deterministic_whatever_the_file_order(tmp_path: Path) -> None:
    files = sorted(bundled_data().rglob("*.yaml"))
    names = [f"{i:03d}.yaml" for i in range(len(files))]
    random.Random(3).shuffle(names)
    for source, name in zip(files, names, strict=True):
        shutil.copy(source, tmp_path / name)
    shuffled = load_catalogue(tmp_path)
    assert diagram_dot(career_map(shuffled)) == diagram_dot(career_map(BUNDLED))
    assert diagram_mermaid(career_map(shuffled)) == diagram_mermaid(career_map(BUNDLED))


def hostile_catalogue(tmp_path: Path):
    title = HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    root = write_tree(
        tmp_path / "p",
        {
            "c.yaml": """
                families: [{id: f, title: "Fam <i>ily</i> & \\\\ co"}]
                competencies: [{id: c1, name: "Compétence \\"quoted\\" <x> & \\\\", domain: D}]
                qualifications: [{id: q, title: "Qual {with} braces", level: 3}]
            """,
            "roles/a.yaml": f"""
                id: A
                title: "{title}"
                family: f
                competencies: [c1]
                entry_routes: [{{id: a-in, requires: [q]}}]
                sources: [{{id: s, url: "https://example.org"}}]
            """,
            "roles/b.yaml": """
                id: B
                title: "Cymraeg: Ymarferydd Lles — 心理 wellbeing"
                family: f
                competencies: [c1]
                progressions: [{to: A}]
                entry_routes: [{id: b-in, requires: [q]}]
                sources: [{id: s2, url: "https://example.org"}]
            """,
        },
    )
    return load_catalogue(root)


@pytest.mark.parametrize("engine", ["wasm", "pure"])
def test_hostile_labels_cannot_break_or_inject(tmp_path: Path, engine: str) -> None:
    catalogue = hostile_catalogue(tmp_path)
    dot = diagram_dot(career_map(catalogue))
    assert dot.count("digraph") == 2 and dot.startswith(
        "digraph careerpath {"
    )  # the second is inside a label
    svg = render_dot(dot, "svg", engine)
    texts = svg_texts(svg)
    joined = " ".join(texts)  # long titles wrap onto several lines: compare the words
    assert 'Say "hi" {x} <b>bold</b> & \\N \\G back\\ slash' in joined
    assert "new line; } digraph evil { a -> b" in joined
    assert "Cymraeg: Ymarferydd Lles — 心理 wellbeing" in joined
    root = ET.fromstring(svg)
    assert not [
        e for e in root.iter() if e.tag.endswith("}b") or e.tag == "b"
    ]  # no HTML label got through
    picture = career_map(catalogue)
    drawn = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert len(drawn) == len(picture.nodes) + len(picture.ranks) + len(picture.legend)
    titles = {"".join(g.find(f"{SVG}title").itertext()) for g in drawn}
    assert {n.id for n in picture.nodes} <= titles


def test_mermaid_escapes_labels(tmp_path: Path) -> None:
    text = diagram_mermaid(career_map(hostile_catalogue(tmp_path)))
    assert "#quot;hi#quot;" in text and "#lt;b#gt;" in text
    body = [line for line in text.splitlines() if line.strip().startswith("n")]
    assert all(line.count('"') % 2 == 0 for line in body)


def test_overlap_diagram_groups_shared_competencies() -> None:
    roles = [BUNDLED.role(r) for r in ("CWP", "EMHP", "PWP")]
    picture = overlap_diagram(BUNDLED, overlap(BUNDLED, roles))
    shared = {n.id for n in picture.nodes if n.cluster == "shared"}
    assert shared == {
        "c#common-factors-engagement",
        "c#li-cbt-guided-self-help",
        "c#values-diversity-context",
    }
    svg = render_dot(diagram_dot(picture), "svg")
    assert "Shared by all (3)" in " ".join(svg_texts(svg))


def test_golden_dot_for_a_tiny_map(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "p",
        {
            "c.yaml": """
                families: [{id: f, title: Family}]
                qualifications: [{id: q, title: Degree, level: 6}]
                programmes: [{id: p, title: Course, award: PG Cert, months: 12, sources: [s]}]
                sources: [{id: s, url: "https://example.org"}]
            """,
            "roles/a.yaml": """
                id: A
                title: Alpha
                family: f
                career_framework_level: 5
                entry_routes: [{id: a-in, programme: p, requires: [q]}]
                progressions: [{to: B, requires: [{experience: A, months: 24}]}]
                sources: [s]
            """.replace("sources: [s]", "sources: [{id: s-a, url: 'https://example.org/a'}]"),
            "roles/b.yaml": """
                id: B
                title: Beta
                family: f
                career_framework_level: 6
                entry_routes: [{id: b-in, requires: [A]}]
                sources: [{id: s-b, url: "https://example.org/b"}]
            """,
        },
    )
    dot = diagram_dot(career_map(load_catalogue(root)))
    lines = [line.strip() for line in dot.splitlines()]
    assert "rankdir=BT" in dot and "newrank=true" in dot  # one family: a ladder, bottom to top
    for expected in (
        'A [label="Alpha\\n(A)" fillcolor="#dbe9f6" shape=box style="rounded,filled"]',
        'q [label=Degree fillcolor="#f2f2f2" shape=note style=filled]',
        'q -> A [color="#7f7f7f" style=dashed xlabel="PG Cert, 12 mo"]',
        'A -> B [color="#1f4e79"]',
        '"rank#0" -> "rank#1" [style=invis]',
    ):
        assert expected in lines, (expected, dot)


def test_unknown_format_and_engine_errors() -> None:
    with pytest.raises(RenderError, match="cannot render format 'gif'"):
        render_dot("digraph { a }", "gif")
    with pytest.raises(RenderError, match="wasm engine cannot produce PNG") as caught:
        render_dot("digraph { a }", "png", "wasm")
    assert "pure" in caught.value.hint()


def test_broken_dot_is_an_error_and_the_next_render_still_works() -> None:
    with pytest.raises(RenderError, match="Graphviz could not lay out"):
        render_dot("digraph { a -> ", "svg", "wasm")
    assert b"<svg" in render_dot("digraph { a -> b }", "svg", "wasm")


def test_corrupt_wasm_cache_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    from careerpath.render import engines

    monkeypatch.setenv("CAREERPATH_CACHE", str(tmp_path))
    monkeypatch.setattr(engines, "_WASM", {})
    assert b"<svg" in render_dot("digraph { a }", "svg", "wasm")
    cached = next(tmp_path.glob("*.cwasm"))
    cached.write_bytes(b"not a module")
    monkeypatch.setattr(engines, "_WASM", {})
    assert b"<svg" in render_dot("digraph { a }", "svg", "wasm")
    assert cached.stat().st_size > 1000


def test_readme_examples_are_generated(tmp_path: Path) -> None:
    assert (REPO / "Makefile").read_text().count("careerpath diagram") >= 2
