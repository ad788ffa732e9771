"""The stored format, read from the model's records: one description, several uses.

``careerpath.model`` declares every field once: its type, its bounds and description
(``msgspec.Meta``) and how it is stored (``model.Stored``: references, choices, fields a
file must give). This module reads those declarations and makes from them

* the located checker's specs (``Shapes.record`` → ``schema.Record``), and so the editor
  JSON Schema, which the specs emit;
* the builder that turns checked values into records by field *name* (``build``), so
  reordering or adding a field cannot misassign values;
* the writer's field order (``stored_fields``), used by ``save``.

Shapes that the model's types cannot express (a requirement's short and long forms, a role
file's sources written out in full) are written by hand in ``formats`` and handed to
``Shapes`` as the spec for that type or field. Type hints are resolved here, on first use,
not when the model is imported, so start-up pays nothing for them.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import msgspec

from careerpath.loading.schema import (
    Bool,
    Field,
    Int,
    ListOf,
    Number,
    OneOf,
    Record,
    Ref,
    Spec,
    Str,
)
from careerpath.model import Stored

__all__ = ["Shapes", "StoredField", "build", "record_name", "stored_fields"]

_R = typing.TypeVar("_R", bound=msgspec.Struct)

#: The mark of a field that needs none: its type says how it is stored.
_NO_MARK = Stored()


class StoredField(msgspec.Struct, frozen=True):
    """One field of a record as a file stores it."""

    name: str
    base: Any  # the type without Annotated or None: str, int, bool, tuple[...], a record
    meta: msgspec.Meta
    stored: Stored
    required: bool
    default: Any
    #: Every description, innermost first: a shared type's own (``Months``: "length in
    #: months") and the field's (``months`` of an entry route: "…when it differs…").
    descriptions: tuple[str, ...] = ()


def _unpack(hint: Any) -> tuple[Any, list[msgspec.Meta], Stored]:
    """Strip ``Annotated`` and ``| None``; gather the Meta and Stored marks (outermost last)."""
    metas: list[msgspec.Meta] = []
    stored = _NO_MARK
    while True:
        if typing.get_origin(hint) is typing.Annotated:
            hint, *extras = typing.get_args(hint)
            for extra in extras:
                if isinstance(extra, msgspec.Meta):
                    metas.append(extra)
                elif isinstance(extra, Stored):
                    stored = _merge(stored, extra)
            continue
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            rest = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(rest) == 1:
                hint = rest[0]
                continue
        return hint, metas, stored


def _merge(inner: Stored, outer: Stored) -> Stored:
    """The outer mark's settings over the inner's (an alias's mark, then the field's)."""
    changed = {
        name: getattr(outer, name)
        for name in Stored.__struct_fields__
        if getattr(outer, name) != getattr(_NO_MARK, name)
    }
    return _replace(inner, changed)


def _replace(mark: Stored, changes: Mapping[str, Any]) -> Stored:
    return msgspec.structs.replace(mark, **changes) if changes else mark


def _combined(metas: list[msgspec.Meta]) -> msgspec.Meta:
    """One Meta from several: later (outer) settings win."""
    keys = ("ge", "le", "min_length", "max_length", "pattern", "description")
    merged: dict[str, Any] = {}
    for meta in metas:
        for key in keys:
            value = getattr(meta, key)
            if value is not None:
                merged[key] = value
    return msgspec.Meta(**merged)


@cache
def stored_fields(cls: type[msgspec.Struct]) -> tuple[StoredField, ...]:
    """Every field of a record in declaration order (which is file order), internal ones too."""
    hints = typing.get_type_hints(cls, include_extras=True)
    names = cls.__struct_fields__
    defaults = (msgspec.NODEFAULT,) * (len(names) - len(cls.__struct_defaults__)) + tuple(
        cls.__struct_defaults__
    )
    out = []
    for name, given in zip(names, defaults, strict=True):
        base, metas, stored = _unpack(hints[name])
        # A default_factory (a role's Bands()) is made once, to say what "absent" means.
        factory = getattr(given, "factory", None)
        default = factory() if callable(factory) else given
        required = default is msgspec.NODEFAULT or stored.required
        descriptions = tuple(m.description for m in metas if m.description)
        out.append(
            StoredField(name, base, _combined(metas), stored, required, default, descriptions)
        )
    return tuple(out)


def record_name(cls: type) -> str:
    """The record's name in messages: EntryRoute → "entry route"."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, msgspec.Struct)


class Shapes:
    """The checker specs of the stored records, made from the model and a few hand shapes.

    ``specs`` maps a record type to the spec used wherever a field holds that type: the
    derived record, or a hand-written shape (a requirement's two forms) given with ``use``.
    """

    def __init__(self) -> None:
        self.specs: dict[type, Spec] = {}

    def use(self, cls: type, spec: Spec) -> Spec:
        """Check every field of type ``cls`` with ``spec`` (a shape the model cannot say)."""
        self.specs[cls] = spec
        return spec

    def record(
        self,
        cls: type[msgspec.Struct],
        *,
        validate: Callable[[dict[str, Any], Any, Any, str], None] | None = None,
        fields: Mapping[str, Field] | None = None,
        doc: str = "",
        register: bool = True,
        name: str = "",
    ) -> Record:
        """The checker spec of ``cls``; ``fields`` replaces a field's derived shape.

        A name in ``fields`` that the record lacks is a field only files hold (a provision
        file's ``note``): it is checked after the record's own.
        """
        own = fields or {}
        made: dict[str, Field] = {}
        for f in stored_fields(cls):
            if f.stored.internal:
                continue
            made[f.name] = own[f.name] if f.name in own else self._field(f)
        made.update({k: v for k, v in own.items() if k not in made})
        record = Record(name or record_name(cls), made, doc=doc, validate=validate)
        if register:
            self.specs[cls] = record
        return record

    def spec(self, hint: Any) -> Spec:
        """The checker spec of one of the model's field types (``model.Id``, say)."""
        base, metas, stored = _unpack(hint)
        return self._spec(base, _combined(metas), stored)

    def _field(self, f: StoredField) -> Field:
        """The field's spec, described by its type; the field's own words, if any, on top."""
        meta = f.meta
        if len(f.descriptions) > 1:
            meta = _combined([meta, msgspec.Meta(description=f.descriptions[0])])
        doc = f.descriptions[-1] if len(f.descriptions) > 1 else ""
        return Field(self._spec(f.base, meta, f.stored), required=f.required, doc=doc)

    def _spec(self, base: Any, meta: msgspec.Meta, stored: Stored) -> Spec:
        doc = meta.description or ""
        if base is str:
            return self._text(meta, stored, doc)
        if base is bool:
            return Bool(doc=doc)
        if base is int:
            return Int(
                int(meta.ge) if meta.ge is not None else 0,
                int(meta.le) if meta.le is not None else 10**6,
                doc=doc,
            )
        if typing.get_origin(base) is tuple:
            item, *_ = typing.get_args(base)
            item_base, item_metas, item_stored = _unpack(item)
            return ListOf(
                self._spec(item_base, _combined(item_metas), item_stored),
                doc=doc,
                min_items=meta.min_length or 0,
            )
        if base in self.specs:
            spec = self.specs[base]
            return _with_doc(spec, doc) if doc else spec
        raise TypeError(f"no stored shape for {base!r}: derive its record first")

    @staticmethod
    def _text(meta: msgspec.Meta, stored: Stored, doc: str) -> Spec:
        if stored.decimal:
            return Number(
                meta.ge if meta.ge is not None else 0,
                meta.le if meta.le is not None else 1e9,
                doc=doc,
            )
        if stored.ref:
            return Ref(stored.ref, doc=doc)
        if stored.choices:
            return OneOf(stored.choices, doc=doc)
        if stored.check is not None:
            return OneOf(
                validator=stored.check,
                expected=stored.expected,
                pattern=meta.pattern or "",
                doc=doc,
            )
        return Str(
            doc=doc,
            max_length=meta.max_length or 2000,
            coerce_numbers=stored.numbers,
            pattern=meta.pattern or "",
            expected=stored.expected,
        )


def _with_doc(spec: Spec, doc: str) -> Spec:
    import dataclasses

    return dataclasses.replace(spec, doc=doc)  # type: ignore[type-var]


#: Builds one field's value from its checked form, given the hand-written builders
#: (``Special``) to pass on to nested records.
Convert = Callable[[Any, "Special"], Any]
#: Hand-written builders for the fields whose stored form differs from the record's,
#: keyed by (record type, field name).
Special = Mapping[tuple[type, str], Callable[[Any], Any]]


@cache
def _plan(cls: type[msgspec.Struct]) -> dict[str, Convert | None]:
    """How to build each field of ``cls`` from a checked value (None: as it is)."""
    return {f.name: _converter(f.base) for f in stored_fields(cls)}


def _converter(base: Any) -> Convert | None:
    if _is_record(base):
        return lambda value, special: build(base, value, special)
    if typing.get_origin(base) is tuple:
        item = _unpack(typing.get_args(base)[0])[0]
        if _is_record(item):
            return lambda values, special: tuple(build(item, v, special) for v in values)
        return lambda values, special: tuple(values)
    return None


def build(cls: type[_R], value: Mapping[str, Any], special: Special) -> _R:
    """Make a ``cls`` from checked values by field name; absent fields take the default.

    A key that is not a field of ``cls`` is ignored (the checker has already refused
    unknown fields; what is left is the loader's own, such as a role's file).
    """
    plan = _plan(cls)
    kwargs: dict[str, Any] = {}
    for name, item in value.items():
        if name not in plan:
            continue
        own = special.get((cls, name))
        if own is not None:
            kwargs[name] = own(item)
        else:
            convert = plan[name]
            kwargs[name] = item if convert is None else convert(item, special)
    return cls(**kwargs)
