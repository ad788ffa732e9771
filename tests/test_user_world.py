"""Schema for editors, exports, briefing reports and shell completion."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import networkx as nx
import pytest

from careerpath.commands.common import complete_families, complete_roles, complete_starts
from careerpath.loading.formats import json_schema
from careerpath.loading.locate import bundled_data
from careerpath.loading.yaml_files import parse_file

BROKEN = Path(__file__).parent / "data" / "broken"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_schema_is_valid_and_the_bundled_copy_is_current() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    committed = json.loads((bundled_data() / "careerpath.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: careerpath schema -o pathways/careerpath.schema.json"


@pytest.mark.parametrize("path", sorted(bundled_data().rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_file_validates_and_names_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(
        "careerpath.schema.json"
    )
    assert (path.parent / first.split("=", 1)[1]).resolve() == (
        bundled_data() / "careerpath.schema.json"
    ).resolve()
    node, problems = parse_file(path, path.name)
    assert node is not None and not problems
    assert not [e.message for e in VALIDATOR.iter_errors(node.plain())]


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.name)
def test_schema_or_parser_rejects_every_broken_file(path: Path) -> None:
    node, problems = parse_file(path, path.name)
    rejected = (
        bool(problems) or node is None or any(True for _ in VALIDATOR.iter_errors(node.plain()))
    )
    assert rejected


def test_export_formats(run, tmp_path: Path) -> None:
    data = json.loads(run("export").stdout)
    assert {r["id"] for r in data["roles"]} >= {"PWP", "CWP", "EMHP"}
    assert {"competencies", "programmes", "qualifications", "sources"} <= set(data)
    family = json.loads(run("export", "--family", "cyp-mental-health").stdout)
    assert {"CWP", "EMHP", "SWP"} <= {r["id"] for r in family["roles"]}
    assert {r["family"] for r in family["roles"]} == {"cyp-mental-health"}
    assert run("export", "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    roles = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "roles.csv").read_text())))
    assert {"PWP", "CWP"} <= {r["id"] for r in roles}
    edges = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "edges.csv").read_text())))
    assert {"from": "degree", "to": "PWP"}.items() <= next(
        e for e in edges if e["to"] == "PWP" and e["from"] == "degree"
    ).items()
    target = tmp_path / "map.graphml"
    assert run("export", "--format", "graphml", "-o", str(target)).exit_code == 0
    graph = nx.read_graphml(target)
    assert (
        graph.has_edge("PWP", "HI-CBT")
        and graph.nodes["PWP"]["title"] == "Psychological Wellbeing Practitioner"
    )
    assert run("export", "--format", "mermaid").stdout.startswith(
        '---\ntitle: "Career map: overview of 8 families'
    )


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.svgs = 0
        self._in: str | None = None
        self.external: list[str] = []
        self.links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self._in = tag
            self.headings.append("")
        if tag == "svg":
            self.svgs += 1
        # A source's link is for the reader to follow; anything else with a URL is a fetch.
        self.external += [
            v
            for k, v in attrs
            if (k == "src" or (k == "href" and tag != "a")) and v and v.startswith("http")
        ]
        if tag == "a" and dict(attrs).get("href", "").startswith("http"):  # type: ignore[union-attr]
            self.links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.headings[-1] += data


def test_html_report_has_the_sections_and_inline_diagrams(run, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    assert run("report", "CWP", "EMHP", "PWP", "-o", str(target)).exit_code == 0
    outline = _Outline()
    outline.feed(target.read_text(encoding="utf-8"))
    assert (
        outline.headings[0]
        == "Career briefing: Children's Wellbeing Practitioner, Education Mental Health Practitioner, Psychological Wellbeing Practitioner"
    )
    for heading in (
        "Children's Wellbeing Practitioner (CWP)",
        "Overlap",
        "Routes between the roles",
        "Barriers",
        "Diagrams",
    ):
        assert heading in outline.headings
    assert outline.svgs == 6  # two family maps, three neighbourhoods and one overlap
    assert not outline.external  # self-contained: nothing fetched from the network
    assert outline.links > 10  # the cited sources, clickable


def test_markdown_report_and_bad_extension(run, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    assert run("report", "PWP", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert (
        text.startswith("# Career briefing: Psychological Wellbeing Practitioner")
        and "```mermaid" in text
    )
    assert run("report", "PWP", "-o", str(tmp_path / "report.pdf")).exit_code == 2


class _Context:
    def __init__(self, data: str | None = None) -> None:
        self.params = {"data": data}

    def find_root(self) -> _Context:
        return self


def test_shell_completion_offers_ids() -> None:
    offered = complete_roles(_Context(), "c")  # type: ignore[arg-type]
    assert "CWP" in offered and all(name.lower().startswith("c") for name in offered)
    assert "cyp-mental-health" in complete_families(_Context(), "cyp")  # type: ignore[arg-type]
    assert "degree" in complete_starts(_Context(), "de")  # type: ignore[arg-type]
    assert complete_roles(_Context("/no/such/folder"), "") == []  # type: ignore[arg-type]
