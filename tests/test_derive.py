"""The stored format is made from the model (issue 19): checked against the hand-written one.

``tests/data/formats_before_derive.py`` holds the shapes as they were written by hand. Every
field they describe must be checked the same way now (same spec with the same bounds, choices,
references and rules; same description; same order), so every message a user sees is
unchanged. Fields added to the model since are allowed: that is the point of deriving.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path
from typing import Any

import msgspec
import pytest

from careerpath import model
from careerpath.loading import formats
from careerpath.loading.derive import build, stored_fields
from careerpath.loading.schema import Either, Field, ListOf, Record, Spec

_PATH = Path(__file__).parent / "data" / "formats_before_derive.py"
_SPEC = importlib.util.spec_from_file_location("formats_before_derive", _PATH)
assert _SPEC and _SPEC.loader
HAND = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(HAND)

SHAPES = [
    "SOURCE",
    "ENTRY_ROUTE",
    "PROGRESSION",
    "LINK",
    "BARRIER",
    "COMPETENCY_NEED",
    "ROLE_FILE",
    "MODULE",
    "PROGRAMME",
    "COMPETENCY",
    "QUALIFICATION",
    "FAMILY",
    "RULE",
    "SHARED_BARRIER",
    "CATALOGUE_FILE",
]


def _doc(field: Field) -> str:
    """What the JSON Schema says of a field: its own description, else its spec's."""
    return field.doc or field.spec.doc


def _bare(spec: Any) -> Any:
    """A spec without descriptions, its rules named rather than compared by identity.

    Fields are compared only where the hand-written record has them: a record's extra
    fields are new model fields, which is allowed.
    """
    if isinstance(spec, Record):
        return (
            "record",
            spec.name,
            getattr(spec.validate, "__name__", "").lstrip("_"),
            {k: (f.required, _bare(f.spec)) for k, f in spec.fields.items()},
        )
    if isinstance(spec, Spec):
        out: dict[str, Any] = {"type": type(spec).__name__}
        for f in dataclasses.fields(spec):
            value = getattr(spec, f.name)
            if f.name == "doc":
                continue
            if callable(value) and not isinstance(value, Spec):
                value = value.__name__
            out[f.name] = _bare(value) if isinstance(value, Spec) else value
        return out
    return spec


#: Cross-field rules added after the hand-written shapes were frozen, by the rule they extend.
_GROWN_RULES = {"id_rule": ("programme_rule", "rule_rule")}


def _agree(hand: Any, derived: Any, where: str) -> None:
    """Every field of ``hand`` is in ``derived``, in the same order, checked the same way."""
    assert type(hand) is type(derived), where
    if isinstance(hand, Record):
        assert (hand.name, hand.doc) == (derived.name, derived.doc), where
        # The same rule (formats' ``id_rule`` was ``_id_rule``), or none on both, or one
        # grown since that calls it first (``_programme_rule``: a dated no-public-price).
        rule = getattr(hand.validate, "__name__", "").lstrip("_")
        assert getattr(derived.validate, "__name__", "").lstrip("_") in {
            rule,
            *_GROWN_RULES.get(rule, ()),
        }, where
        order = [k for k in derived.fields if k in hand.fields]
        assert order == list(hand.fields), f"{where}: field order"
        for key, field in hand.fields.items():
            other = derived.fields[key]
            assert field.required == other.required, f"{where}.{key}: required"
            assert _doc(field) == _doc(other), f"{where}.{key}: description"
            _agree(field.spec, other.spec, f"{where}.{key}")
    elif isinstance(hand, ListOf):
        assert (hand.max_items, hand.min_items, hand.doc) == (
            derived.max_items,
            derived.min_items,
            derived.doc,
        ) or (hand.max_items, hand.min_items) == (derived.max_items, derived.min_items), where
        _agree(hand.item, derived.item, f"{where}[]")
    elif isinstance(hand, Either):
        _agree(hand.short, derived.short, f"{where}<short>")
        _agree(hand.long, derived.long, f"{where}<long>")
    else:
        bare_hand, bare_derived = _bare(hand), _bare(derived)
        if isinstance(bare_hand, dict) and "choices" in bare_hand:
            # Choices only grow: a kind added since (``levy-age-limit`` rules) is allowed,
            # one dropped or renamed is not.
            assert set(bare_hand["choices"]) <= set(bare_derived.get("choices", ())), where
            bare_derived = {**bare_derived, "choices": bare_hand["choices"]}
        assert bare_hand == bare_derived, where


@pytest.mark.parametrize("name", SHAPES)
def test_derived_shapes_agree_with_the_hand_written_ones(name: str) -> None:
    _agree(getattr(HAND, name), getattr(formats, name), name)


_PROVISION_PATH = Path(__file__).parent / "data" / "provision_formats_before_derive.py"
_PROVISION_SPEC = importlib.util.spec_from_file_location("provision_before", _PROVISION_PATH)
assert _PROVISION_SPEC and _PROVISION_SPEC.loader
PROVISION_HAND = importlib.util.module_from_spec(_PROVISION_SPEC)
_PROVISION_SPEC.loader.exec_module(PROVISION_HAND)


@pytest.mark.parametrize("kind", ["framework", "provision", "rates"])
def test_provision_shapes_agree_with_the_hand_written_ones(kind: str) -> None:
    """Framework, provision and rates files: checked and documented as when written by hand."""
    from careerpath.loading.provision_formats import FILE_KINDS

    hand, derived = PROVISION_HAND.FILE_KINDS[kind], FILE_KINDS[kind]
    _agree(hand, derived, kind)
    assert hand.json_schema() == derived.json_schema()


@pytest.mark.parametrize("name", SHAPES)
def test_derived_shapes_give_the_same_json_schema_for_every_old_field(name: str) -> None:
    def pruned(hand: dict[str, Any], derived: dict[str, Any]) -> dict[str, Any]:
        """``derived`` cut down to what ``hand`` has, object by object."""
        if not isinstance(hand, dict) or not isinstance(derived, dict):
            return derived
        out = {}
        for key, value in derived.items():
            if key == "properties" and "properties" in hand:
                out[key] = {k: pruned(hand[key][k], value[k]) for k in hand[key]}
            elif key in hand:
                if isinstance(value, list) and isinstance(hand[key], list):
                    out[key] = [
                        pruned(h, d) if isinstance(d, dict) else d
                        for h, d in zip(hand[key], value, strict=False)
                    ]
                    if key == "required":
                        out[key] = [k for k in value if k in hand[key]]
                else:
                    out[key] = pruned(hand[key], value)
        return out

    hand = getattr(HAND, name).json_schema()
    assert pruned(hand, getattr(formats, name).json_schema()) == hand


def test_a_changed_bound_is_seen() -> None:
    """The comparison can fail: a derived record with a different bound does not agree."""
    changed = dataclasses.replace(
        formats.MODULE,
        fields={
            **formats.MODULE.fields,
            "credits": Field(dataclasses.replace(formats.MODULE.fields["credits"].spec, maximum=9)),
        },
    )
    with pytest.raises(AssertionError):
        _agree(HAND.MODULE, changed, "MODULE")


def test_every_record_field_is_stored_or_marked_internal() -> None:
    """The checker knows every field of every stored record, so none is silently unreadable."""
    for cls, spec in [
        (model.Source, formats.SOURCE),
        (model.EntryRoute, formats.ENTRY_ROUTE),
        (model.Progression, formats.PROGRESSION),
        (model.Link, formats.LINK),
        (model.Role, formats.ROLE_FILE),
        (model.Module, formats.MODULE),
        (model.Programme, formats.PROGRAMME),
        (model.Competency, formats.COMPETENCY),
        (model.Qualification, formats.QUALIFICATION),
        (model.Family, formats.FAMILY),
        (model.Rule, formats.RULE),
        (model.Barrier, formats.SHARED_BARRIER),
    ]:
        names = [f.name for f in stored_fields(cls) if not f.stored.internal]
        assert names == list(spec.fields), cls.__name__


def test_records_are_built_by_name_whatever_the_order() -> None:
    """Values land in the field of their name, in any order, and absent ones take defaults."""
    value = {"unverified": True, "credits": 20, "title": "T", "id": "m1"}
    built = build(model.Module, value, {})
    assert built == model.Module(id="m1", title="T", credits=20, unverified=True)
    assert built.level is None and built.sources == ()
    assert build(model.Module, dict(reversed(value.items())), {}) == built


def test_stored_fields_read_bounds_and_defaults_from_the_model() -> None:
    fields = {f.name: f for f in stored_fields(model.Programme)}
    assert fields["months"].meta.le == model.MAX_MONTHS
    assert fields["sources"].required and fields["sources"].default == ()
    assert fields["id"].required and fields["id"].default is msgspec.NODEFAULT
    role = {f.name: f for f in stored_fields(model.Role)}
    assert role["file"].stored.internal
    assert role["bands"].default == model.Bands()


def test_the_cache_key_follows_the_records_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records pickle by position: a changed field list must never read an old cache."""
    from careerpath.loading import cache

    before = cache._record_fields()
    assert "Qualification:id,title,level," in before

    class Extra(msgspec.Struct):
        a: int

    monkeypatch.setattr(model, "Extra", Extra, raising=False)
    assert cache._record_fields() != before


def test_the_writer_follows_the_model() -> None:
    """Saved documents hold every stored field by name, leave out defaults and the loader's own."""
    from careerpath.loading.save import catalogue_documents

    programme = model.Programme(
        id="p", title="P", part_time_months=36, kind="course", sources=("s",), credits=0
    )
    role = model.Role(
        id="r",
        title="R",
        family="f",
        file="roles/r.yaml",
        regulation=model.Regulation(body="B"),
        progressions=(model.Progression(to="x"),),
        sources=("s",),
    )
    catalogue = model.Catalogue(
        roles=(role,), programmes=(programme,), sources=(model.Source("s", url="u"),)
    )
    documents = catalogue_documents(catalogue)
    saved = documents["catalogue.yaml"]["programmes"][0]
    assert saved == {
        "id": "p",
        "title": "P",
        "credits": 0,
        "part_time_months": 36,
        "kind": "course",
        "sources": ["s"],
    }
    assert list(saved) == [f.name for f in stored_fields(model.Programme) if f.name in saved]
    written = documents["roles/r.yaml"]
    assert "file" not in written
    # Required in a file though the record has a default: written even when it is the default.
    assert written["regulation"] == {"kind": "none", "body": "B"}
    assert written["progressions"] == [{"to": "x"}]
    assert written["sources"] == [{"id": "s", "url": "u"}]


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        'a "quoted" \\ text',
        "C1 \x85 and \x9f, BOM \ufeff, \uffff",
        "tab\tnew\nline",
        "€ “x”",
    ],
)
def test_yaml_text_keeps_any_text(text: str) -> None:
    """The writer's YAML reads back to the same values, whatever the text holds."""
    from careerpath.loading.save import yaml_text
    from careerpath.loading.yaml_files import parse_text

    document = {
        "id": "x",
        "title": text,
        "aliases": [text, "b"],
        "sources": [{"id": "s", "url": text}],
        "bands": {"training": "3"},
        "credits": 0,
        "optional": True,
    }
    node, problems = parse_text(yaml_text(document, "# a comment\n"), "t.yaml")
    if any((ord(c) >= 0x7F and not c.isprintable()) or c == "\ufeff" for c in text):
        # Valid YAML, read to the end; the loader then refuses the characters by name.
        assert problems and all("may not hold" in p.message for p in problems)
        return
    assert problems == [] and node is not None
    assert node.plain() == document


def test_a_bare_need_is_written_as_its_id() -> None:
    """The short form of a competency need is used exactly when nothing but its id is set."""
    from careerpath.loading.save import Writer

    role = model.Role(
        id="r",
        title="R",
        family="f",
        competencies=(
            model.CompetencyNeed("a"),
            model.CompetencyNeed("b", optional=True),
            model.CompetencyNeed("c", level="expert"),
        ),
    )
    assert Writer().document(role)["competencies"] == [
        "a",
        {"id": "b", "optional": True},
        {"id": "c", "level": "expert"},
    ]


def test_the_catalogue_file_lists_are_the_catalogues_own() -> None:
    """One table (``formats.CATALOGUE_LISTS``) names what a catalogue file holds: every list
    of the catalogue but roles (a file each), in the writer's and checker's order."""
    from careerpath.loading.formats import CATALOGUE_FILE, CATALOGUE_LISTS

    held = {f.name for f in dataclasses.fields(model.Catalogue) if not f.name.startswith("_")}
    assert set(CATALOGUE_LISTS) == held - {"roles", "root"}
    assert list(CATALOGUE_FILE.fields) == list(CATALOGUE_LISTS)


def test_the_json_export_holds_every_stored_field_of_families_and_qualifications() -> None:
    """Families and qualifications are exported from the model too, not from a field list."""
    import json

    from careerpath.render.export import catalogue_json

    catalogue = model.Catalogue(
        families=(model.Family("f", "F", description="D"),),
        qualifications=(model.Qualification("q", "Q", level=6),),
    )
    data = json.loads(catalogue_json(catalogue, ()))
    for key, cls in (("families", model.Family), ("qualifications", model.Qualification)):
        stored = [f.name for f in stored_fields(cls) if not f.stored.internal]
        assert sorted(data[key][0]) == sorted(stored)
    assert data["families"][0]["description"] == "D"
