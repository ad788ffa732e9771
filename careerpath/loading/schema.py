"""A small declarative schema for pathways files.

One description of each file shape serves three purposes: validating located YAML with
precise messages, producing plain values for the model builder, and (later) emitting a JSON
Schema for editors. Keeping one description means they can never drift apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from careerpath.errors import Problem
from careerpath.loading.yaml_files import Node
from careerpath.names import did_you_mean, suggest

__all__ = [
    "INVALID",
    "Bool",
    "Checker",
    "Either",
    "Field",
    "Int",
    "ListOf",
    "Number",
    "OneOf",
    "Record",
    "Ref",
    "Spec",
    "Str",
    "suggest",
]


class _Invalid:
    """Marker for a value that failed its check (its problem is already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


@dataclass(frozen=True, slots=True)
class Reference:
    """A value that must name an existing item of ``kind``, checked once every file is read."""

    kind: str
    target: str
    file: str
    line: int
    col: int


@dataclass
class Checker:
    """Collects problems, references and definitions while one folder is checked."""

    file: str = ""
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def problem(self, node: Node, message: str, hint: str = "", at_key: bool = False) -> Any:
        """Record a problem at the node (or at its key) and return INVALID."""
        line, col = (
            (node.key_line, node.key_col) if at_key and node.key_line else (node.line, node.col)
        )
        self.problems.append(Problem(self.file, line, col, message, hint))
        return INVALID


_TYPE_NAMES = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    return f"the text '{value}'" if len(str(value)) < 40 else "a text"


class Spec:
    """Base of every value description."""

    doc: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Return the plain value, or INVALID after recording why."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """The equivalent JSON Schema fragment."""
        raise NotImplementedError

    def _wrong_type(self, node: Node, checker: Checker, where: str, expected: str) -> Any:
        return checker.problem(node, f"{where} must be {expected}, not {_type_name(node.value)}")


@dataclass(frozen=True)
class Number(Spec):
    """A finite number (whole or decimal) within [minimum, maximum], kept as exact text."""

    minimum: float = 0
    maximum: float = 1e9
    doc: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Accept an int or float in range; return it as text so money stays exact."""
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self._wrong_type(node, checker, where, "a number")
        if not math.isfinite(value) or not self.minimum <= value <= self.maximum:
            return checker.problem(
                node, f"{where} is {value}, outside {self.minimum:g}–{self.maximum:g}"
            )
        return str(value)

    def json_schema(self) -> dict[str, Any]:
        """A bounded JSON Schema number."""
        return {
            "type": "number",
            "minimum": self.minimum,
            "maximum": self.maximum,
            "description": self.doc,
        }


@dataclass(frozen=True)
class Str(Spec):
    """A non-empty text; numbers are accepted and turned into text (ids like 5 or 2026-11)."""

    doc: str = ""
    max_length: int = 2000
    coerce_numbers: bool = False
    #: A regular expression the whole text must match, and how to say what it expects.
    pattern: str = ""
    expected: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Accept text (and numbers when ``coerce_numbers``), refuse empty or huge text."""
        value = node.value
        if self.coerce_numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return self._wrong_type(node, checker, where, "a text")
        stripped = value.strip()
        if not stripped:
            return checker.problem(node, f"{where} must not be empty")
        if len(value) > self.max_length:
            return checker.problem(node, f"{where} is longer than {self.max_length} characters")
        if self.pattern and not re.fullmatch(self.pattern, stripped):
            return checker.problem(node, f"{where} '{stripped}' is not valid", self.expected)
        return stripped

    def json_schema(self) -> dict[str, Any]:
        """A JSON Schema string (or number, when numbers are accepted)."""
        kind: Any = ["string", "number"] if self.coerce_numbers else "string"
        if self.coerce_numbers:
            return {
                "anyOf": [
                    {"type": "string", "minLength": 1, "maxLength": self.max_length},
                    {"type": "number"},
                ],
                "description": self.doc,
            }
        text: dict[str, Any] = {
            "type": kind,
            "minLength": 1,
            "maxLength": self.max_length,
            "description": self.doc,
        }
        if self.pattern:
            text["pattern"] = self.pattern
        return text


@dataclass(frozen=True)
class Int(Spec):
    """A whole number within [minimum, maximum]."""

    minimum: int = 0
    maximum: int = 10**6
    doc: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Accept a whole number in range."""
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            return self._wrong_type(node, checker, where, "a whole number")
        if not self.minimum <= value <= self.maximum:
            return checker.problem(
                node, f"{where} is {value}, outside {self.minimum}–{self.maximum}"
            )
        return value

    def json_schema(self) -> dict[str, Any]:
        """A bounded JSON Schema integer."""
        return {
            "type": "integer",
            "minimum": self.minimum,
            "maximum": self.maximum,
            "description": self.doc,
        }


@dataclass(frozen=True)
class Bool(Spec):
    """true or false."""

    doc: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Accept only a YAML boolean."""
        if not isinstance(node.value, bool):
            return self._wrong_type(node, checker, where, "true or false")
        return node.value

    def json_schema(self) -> dict[str, Any]:
        """A JSON Schema boolean."""
        return {"type": "boolean", "description": self.doc}


@dataclass(frozen=True)
class OneOf(Spec):
    """One text out of a fixed list (numbers are compared as text, for bands)."""

    choices: tuple[str, ...] = ()
    doc: str = ""
    validator: Callable[[str], bool] | None = None
    expected: str = ""
    pattern: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Accept one of the choices (or what ``validator`` allows), with a suggestion if not."""
        value = node.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return self._wrong_type(node, checker, where, self.expected or "a text")
        text = value.strip()
        ok = self.validator(text) if self.validator else text in self.choices
        if not ok:
            hint = did_you_mean(text, self.choices) or (
                "expected " + (self.expected or ", ".join(self.choices))
            )
            return checker.problem(node, f"{where} '{text}' is not valid", hint)
        return text

    def json_schema(self) -> dict[str, Any]:
        """A JSON Schema enum (or pattern-free string when a validator decides)."""
        if self.validator:
            text: dict[str, Any] = {"type": "string", "description": self.doc or self.expected}
            if self.pattern:
                text["pattern"] = self.pattern
            return {
                "anyOf": [text, {"type": "integer", "minimum": 1, "maximum": 9}],
                "description": self.doc or self.expected,
            }
        return {"enum": list(self.choices), "description": self.doc}


#: How every reference's id is read: made once, not once for each of 90,000 references.
_ID_TEXT = Str(coerce_numbers=True)


@dataclass(frozen=True)
class Ref(Spec):
    """An id that must name an existing item of ``kind`` (checked after every file is read)."""

    kind: str = ""
    doc: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Accept an id-like text and remember it for the cross-reference pass."""
        value = _ID_TEXT.check(node, checker, where)
        if value is not INVALID:
            checker.references.append(
                Reference(self.kind, value, checker.file, node.line, node.col)
            )
        return value

    def json_schema(self) -> dict[str, Any]:
        """A string naming another item."""
        return {"type": "string", "description": self.doc or f"id of a {self.kind.rstrip('s')}"}


@dataclass(frozen=True)
class ListOf(Spec):
    """A list of items of one spec; a lone item is not accepted (say what you mean)."""

    item: Spec = field(default_factory=Str)
    doc: str = ""
    max_items: int = 100_000
    min_items: int = 0

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Check every item, keeping the valid ones so later checks still run."""
        if not isinstance(node.value, list):
            return self._wrong_type(node, checker, where, "a list")
        if len(node.value) > self.max_items:
            return checker.problem(node, f"{where} has more than {self.max_items} items")
        if len(node.value) < self.min_items:
            return checker.problem(
                node,
                f"{where} needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}",
            )
        out = [self.item.check(n, checker, f"{where}[{i}]") for i, n in enumerate(node.value)]
        return [v for v in out if v is not INVALID]

    def json_schema(self) -> dict[str, Any]:
        """A JSON Schema array."""
        schema: dict[str, Any] = {
            "type": "array",
            "items": self.item.json_schema(),
            "description": self.doc,
        }
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass(frozen=True)
class Field:
    """A field of a record: its spec, whether it is required, and what it means."""

    spec: Spec
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with known fields; unknown fields are errors with "did you mean" hints."""

    name: str = ""
    fields: Mapping[str, Field] = field(default_factory=dict)
    doc: str = ""
    validate: Callable[[dict[str, Any], Node, Checker, str], None] | None = None

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Check every field, report unknown and missing ones, and run the record's own rule."""
        if not isinstance(node.value, dict):
            return self._wrong_type(node, checker, where, f"a mapping ({self.name})")
        out: dict[str, Any] = {}
        ok = True
        for key, child in node.value.items():
            spec = self.fields.get(key)
            if spec is None:
                hint = did_you_mean(key, self.fields) or "known fields: " + ", ".join(self.fields)
                checker.problem(child, f"unknown field '{key}' in {self.name}", hint, at_key=True)
                continue
            if child.value is None and not spec.required:
                continue
            value = spec.spec.check(child, checker, key if where == "" else f"{where}.{key}")
            if value is INVALID:
                ok = False
            else:
                out[key] = value
        for key, spec in self.fields.items():
            if spec.required and node.value.get(key) is None:
                checker.problem(node, f"{self.name} is missing required field '{key}'")
                ok = False
        if ok and self.validate:
            self.validate(out, node, checker, where)
        return out if ok else INVALID

    def json_schema(self) -> dict[str, Any]:
        """A closed JSON Schema object."""
        return {
            "type": "object",
            "title": self.name,
            "description": self.doc,
            "properties": {
                k: {**f.spec.json_schema(), "description": f.doc or f.spec.doc}
                for k, f in self.fields.items()
            },
            "required": [k for k, f in self.fields.items() if f.required],
            "additionalProperties": False,
        }


@dataclass(frozen=True)
class Either(Spec):
    """A short form (a plain value) or a long form (a mapping) of the same thing."""

    short: Spec = field(default_factory=Str)
    long: Spec = field(default_factory=Record)
    doc: str = ""

    def check(self, node: Node, checker: Checker, where: str) -> Any:
        """Pick the form by the node's shape."""
        spec = self.long if isinstance(node.value, dict) else self.short
        return spec.check(node, checker, where)

    def json_schema(self) -> dict[str, Any]:
        """Either form."""
        return {
            "anyOf": [self.short.json_schema(), self.long.json_schema()],
            "description": self.doc,
        }
