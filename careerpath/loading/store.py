"""A compiled store that loads one role, and what its profile reads, without the rest.

Unpickling the whole compiled catalogue of ESCO (3,007 roles, 13,896 competencies) costs
about 60 ms of CPU, most of a warm ``show``; a profile reads one role, the few roles that
point at it, its forty-odd competencies and their sources. So beside the catalogue the cache
keeps this store, built once from the validated catalogue (never from YAML):

* every record (a role with the ids of its neighbours, a competency, a source, a folded role
  name → id) is put in one of ``BUCKETS`` buckets by a stable hash (CRC-32) of its key, and
  each bucket is pickled on its own;
* a fixed-size directory gives each bucket's offset, length and SHA-256, and the
  directory's own SHA-256 heads the file.

A reader checks the directory's digest, then each bucket's digest before unpickling it, so
an altered, truncated or swapped byte in any part it uses is refused (``None``: the caller
falls back to the whole catalogue) and the file is deleted to be rebuilt, as every cache
file since issue 22. Parts it does not read cannot affect the answer. As for every cache
file, only a folder no one else can write is used (``files.open_cache``).

``slice_for`` gives an ordinary ``Catalogue`` holding a subset: the roles asked for, every
role that refers to them (incoming progressions, links, barriers) or that they or those
refer to, every programme, qualification, family, rule and shared barrier (few, even in
ESCO), and the competencies and sources all of those cite. ``build_profile`` and
``overlap`` read nothing else, which ``tests/test_store.py`` checks role by role against the
whole catalogue.
"""

from __future__ import annotations

import hashlib
import pickle
import struct
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from careerpath.files import open_cache, write_cache_unframed
from careerpath.model import (
    Barrier,
    Catalogue,
    Competency,
    EntryRoute,
    Link,
    Progression,
    Requirement,
    Role,
    Source,
)
from careerpath.names import fold

__all__ = ["BUCKETS", "read_slice", "write_store"]

#: Bumped whenever the layout or the pickled records change.
_MAGIC = b"careerpath-store-1\n"
#: Enough that a bucket holds a few records: ESCO's ~37,000 keys make about four a bucket.
BUCKETS = 1 << 13
_ENTRY = struct.Struct("<QI32s")  # offset, length, SHA-256 of one bucket
_DIRECTORY = len(_MAGIC) + 32 + BUCKETS * _ENTRY.size
_SHARED = "shared"


def _bucket(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % BUCKETS


def write_store(path: Path, catalogue: Catalogue) -> bool:
    """Write the store for ``catalogue`` at ``path``; False if the cache cannot be written."""
    buckets: list[dict[str, object]] = [{} for _ in range(BUCKETS)]

    def put(key: str, value: object) -> None:
        buckets[_bucket(key)][key] = value

    near = _neighbours(catalogue)
    for role in catalogue.roles:
        put(f"r:{role.id}", (role, tuple(sorted(near[role.id]))))
    for name, role_id in catalogue.role_names().items():
        put(f"n:{name}", role_id)
    for competency in catalogue.competencies:
        put(f"c:{competency.id}", competency)
    for source in catalogue.sources:
        put(f"s:{source.id}", source)
    put(
        _SHARED,
        (
            catalogue.programmes,
            catalogue.qualifications,
            catalogue.families,
            catalogue.rules,
            catalogue.barriers,
            catalogue.root,
            tuple(sorted(_shared_competencies(catalogue))),
            tuple(sorted(_shared_sources(catalogue))),
            tuple(sorted(_teaching_roles(catalogue))),
        ),
    )
    directory = bytearray()
    body = bytearray()
    for bucket in buckets:
        blob = pickle.dumps(bucket, protocol=pickle.HIGHEST_PROTOCOL) if bucket else b""
        directory += _ENTRY.pack(_DIRECTORY + len(body), len(blob), hashlib.sha256(blob).digest())
        body += blob
    header = _MAGIC + hashlib.sha256(directory).digest()
    return write_cache_unframed(path, bytes(header + directory + body))


def read_slice(path: Path, names: Sequence[str]) -> Catalogue | None:
    """A catalogue with what commands about the roles ``names`` read, or None.

    None when the store is missing, untrusted or damaged (then it is deleted), or when a
    name is not a role's id or name: the caller loads the whole catalogue, whose lookup
    gives the usual "did you mean" message.
    """
    handle = open_cache(path)
    if handle is None:
        return None
    with handle:
        try:
            reader = _Reader(handle)
            return reader.slice(names)
        except _Damaged:
            path.unlink(missing_ok=True)
            return None


class _Damaged(Exception):
    """A part of the store failed its digest, or could not be read or unpickled."""


class _Missing(Exception):
    """A name that is no role's: the whole catalogue answers instead."""


class _Reader:
    """Reads buckets from an open store, each checked once and kept for the process."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        head = handle.read(_DIRECTORY)
        if len(head) != _DIRECTORY or head[: len(_MAGIC)] != _MAGIC:
            raise _Damaged
        directory = head[len(_MAGIC) + 32 :]
        if hashlib.sha256(directory).digest() != head[len(_MAGIC) : len(_MAGIC) + 32]:
            raise _Damaged
        self.directory = directory
        self.loaded: dict[int, dict[str, Any]] = {}

    def get(self, key: str) -> Any:
        """The record stored under ``key``, or None."""
        index = _bucket(key)
        bucket = self.loaded.get(index)
        if bucket is None:
            offset, length, digest = _ENTRY.unpack_from(self.directory, index * _ENTRY.size)
            bucket = {}
            if length:
                try:
                    self.handle.seek(offset)
                    blob = self.handle.read(length)
                except OSError:
                    raise _Damaged from None
                if len(blob) != length or hashlib.sha256(blob).digest() != digest:
                    raise _Damaged
                try:
                    bucket = pickle.loads(blob)
                except Exception:
                    raise _Damaged from None
                if not isinstance(bucket, dict):
                    raise _Damaged
            self.loaded[index] = bucket
        return bucket.get(key)

    def _role_id(self, text: str) -> str:
        """As ``lookup.find_role``: an exact id first, then any name, folded."""
        if self.get(f"r:{text}") is not None:
            return text
        found = self.get(f"n:{fold(text)}")
        if not isinstance(found, str):
            raise _Missing
        return found

    def _record(self, kind: str, item_id: str, of: type) -> Any:
        value = self.get(f"{kind}:{item_id}")
        if kind == "r":
            if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], of)):
                raise _Damaged  # every role a record names is stored
            return value
        return value if isinstance(value, of) else None

    def slice(self, names: Sequence[str]) -> Catalogue | None:
        try:
            wanted = [self._role_id(name) for name in names]
        except _Missing:
            return None
        role_ids: set[str] = set(wanted)
        for role_id in wanted:
            role_ids.update(self._record("r", role_id, Role)[1])
        shared = self.get(_SHARED)
        if not (isinstance(shared, tuple) and len(shared) == 9):
            raise _Damaged
        programmes, qualifications, families, rules, barriers, root, comps, sources = shared[:8]
        if len(set(wanted)) > 1:  # an overlap proposes modules: see ``_teaching_roles``
            role_ids.update(shared[8])
        roles = [self._record("r", role_id, Role)[0] for role_id in sorted(role_ids)]
        competency_ids = set(comps).union(n.id for r in roles for n in r.competencies)
        competencies = [
            c
            for c in (self._record("c", c, Competency) for c in sorted(competency_ids))
            if c is not None
        ]
        source_ids = set(sources)
        for role in roles:
            source_ids.update(_role_sources(role))
        for competency in competencies:
            source_ids.update(competency.sources)
        found = [
            s for s in (self._record("s", s, Source) for s in sorted(source_ids)) if s is not None
        ]
        return Catalogue(
            roles=tuple(roles),
            competencies=tuple(competencies),
            programmes=programmes,
            qualifications=qualifications,
            families=families,
            sources=tuple(found),
            rules=rules,
            barriers=barriers,
            root=root,
        )


def _requirement_roles(requirements: Iterable[Requirement]) -> Iterable[str]:
    for requirement in requirements:
        if requirement.kind in ("role", "experience"):
            yield requirement.ref
        yield from _requirement_roles(requirement.options)


def _refers_to(role: Role) -> set[str]:
    """Every id a role's own record names as a role (a few may be qualifications)."""
    ids = {p.to for p in role.progressions} | {k.role for k in role.links}
    ids.update(r for b in role.barriers for r in b.roles)
    steps: list[EntryRoute | Progression] = [*role.entry_routes, *role.progressions]
    for step in steps:
        ids.update(_requirement_roles(step.requires))
    return ids


def _neighbours(catalogue: Catalogue) -> dict[str, set[str]]:
    """For each role, the other roles its profile or an overlap with it may read.

    Those it names, those that name it (their steps and links to it are shown with it),
    and those the latter name (their steps' requirements are worded with role titles).
    """
    refers = {role.id: _refers_to(role) for role in catalogue.roles}
    referred_by: dict[str, set[str]] = defaultdict(set)
    for role_id, ids in refers.items():
        for other in ids:
            referred_by[other].add(role_id)
    for barrier in catalogue.barriers:
        for role_id in barrier.roles:
            referred_by[role_id].update(barrier.roles)
    near: dict[str, set[str]] = {}
    for role in catalogue.roles:
        ids = set(refers[role.id]) | referred_by[role.id]
        for other in referred_by[role.id]:
            ids |= refers.get(other, set())
        ids.discard(role.id)
        near[role.id] = {i for i in ids if catalogue.has("roles", i)}
    return near


def _role_sources(role: Role) -> Iterable[str]:
    yield from role.sources
    cited: list[EntryRoute | Progression | Link | Barrier] = [
        *role.entry_routes,
        *role.progressions,
        *role.links,
        *role.barriers,
    ]
    for item in cited:
        yield from item.sources


def _teaching_roles(catalogue: Catalogue) -> set[str]:
    """Roles that say to what level a programme with modules teaches.

    ``gap`` proposes a module only if its programme teaches the competency to the level
    needed, and it reads that level from the roles the programme trains (entry routes, and
    progressions with the role they start from and lead to). An overlap answered from a
    slice must see those roles too, or it would propose modules the whole catalogue refuses.
    On ESCO no programme has modules, so this adds nothing there.
    """
    moduled = {p.id for p in catalogue.programmes if p.modules}
    ids: set[str] = set()
    for role in catalogue.roles:
        if any(r.programme in moduled for r in role.entry_routes):
            ids.add(role.id)
        for step in role.progressions:
            if step.programme in moduled and catalogue.has("roles", step.to):
                ids.update((role.id, step.to))
    return ids


def _shared_competencies(catalogue: Catalogue) -> set[str]:
    ids = {c for p in catalogue.programmes for m in p.modules for c in m.competencies}
    ids.update(c for q in catalogue.qualifications for c in q.competencies)
    return ids


def _shared_sources(catalogue: Catalogue) -> set[str]:
    ids: set[str] = set()
    items: list[Any] = [*catalogue.programmes, *catalogue.rules, *catalogue.barriers]
    items += [m for p in catalogue.programmes for m in p.modules]
    items += [*catalogue.qualifications]
    items += [r for q in catalogue.qualifications for r in q.entry_routes]
    for item in items:
        ids.update(item.sources)
    return ids
