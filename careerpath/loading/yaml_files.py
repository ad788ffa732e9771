"""The only user of ruamel.yaml: YAML text → ``Node`` trees that remember their positions.

Files are composed (not constructed) with ruamel's safe loader, so nothing in a file can
create Python objects, and every key and value keeps its line and column for error messages.
Duplicate keys, multiple documents, alias bombs and over-deep nesting are caught here.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import msgspec

from careerpath.errors import Problem
from careerpath.loading.discover import MAX_FILE_BYTES
from careerpath.text import FORBIDDEN, describe, forbidden_character

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_TOTAL_UNITS",
    "Expansion",
    "Node",
    "parse_file",
    "parse_text",
]

#: Deepest nesting accepted; real files nest about six levels.
MAX_DEPTH = 64
#: Most values one file may expand to, counting every use of an alias (stops "billion laughs").
#: A text counts one value per TEXT_UNIT characters, so an alias of a long text costs its size.
MAX_NODES = 2_000_000
#: The same across all the files of one folder: ten files each under MAX_NODES once took
#: 43 s and 4.1 GB to validate. The ESCO import expands to about 400,000.
MAX_TOTAL_UNITS = 4_000_000
TEXT_UNIT = 64
#: Nesting the cheap scan before parsing refuses. ruamel's C composer recurses once per level
#: and overflows the native stack (SIGSEGV) somewhere past 10,000, before MAX_DEPTH can be
#: applied; brackets inside quoted text are counted too, so this sits well above MAX_DEPTH.
MAX_SCANNED_DEPTH = 1_000
#: Longest whole number read: Python refuses to convert more than 4,300 digits anyway.
MAX_DIGITS = 100

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_FORBIDDEN_SEARCH = FORBIDDEN.search
#: FORBIDDEN's ASCII part: searched ten times faster, and all there is to find in ASCII text.
_ASCII_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f]").search
_OPEN_OR_CLOSE = re.compile(r"[\[\]{}]")
#: Indentation plus compact block indicators ("- - - x", "? ? x"): each one is a level.
_DEEP_BLOCK = re.compile(rf"^(?:[ \t]|[-?:][ \t]){{{MAX_SCANNED_DEPTH},}}", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Node:
    """A YAML value with its 1-based position.

    ``value`` is a str, int, float, bool or None for scalars, a list of Nodes for
    sequences and a dict of str → Node for mappings. ``key_line``/``key_col`` locate the
    key a mapping value sits under, for "unknown field" messages.
    """

    value: Any
    line: int
    col: int
    key_line: int = 0
    key_col: int = 0

    def plain(self) -> Any:
        """The value with positions stripped (lists and dicts of plain Python values)."""
        if isinstance(self.value, list):
            return [item.plain() for item in self.value]
        if isinstance(self.value, dict):
            return {key: item.plain() for key, item in self.value.items()}
        return self.value


@dataclass(slots=True)
class Expansion:
    """How much the files read so far expand to, in values (see MAX_TOTAL_UNITS)."""

    used: int = 0


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _syntax_problem(exc: Any, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context = str(exc.context or "")
    started = exc.context_mark
    if context and started and started.line + 1 != line:
        context += f" (started at line {started.line + 1}, column {started.column + 1})"
    message = " ".join(p for p in (context, str(exc.problem or "")) if p) or "invalid YAML"
    return Problem(display, line, col, f"YAML syntax error: {message}", _yaml_hint(message))


class _Limit(Exception):
    def __init__(self, message: str, line: int, col: int, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.hint = line, col, hint


def parse_file(
    path: Path, display: str, expansion: Expansion | None = None
) -> tuple[Node | None, list[Problem]]:
    """Read and parse one file; problems are reported against ``display`` (the shown name).

    ``expansion`` carries the size of the files read before, for the limit across files.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    display,
                    1,
                    1,
                    f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MiB limit",
                    "split it into smaller files",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, 1, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(display, line, col, "file is not valid UTF-8", "save it as UTF-8 text")
        ]
    return parse_text(text, display, expansion)


@cache
def _safe_loader() -> Any:
    """One safe YAML loader (libyaml's C parser when installed), reused for every file.

    Building a ``YAML`` object searches the file system for plug-ins, which cost more than
    parsing a small role file; and ruamel's resolver looks up the YAML version through two
    failed attribute look-ups for every scalar. Its rules are kept exactly (the same
    implicit resolvers, in the same order): only the per-scalar look-ups are done once.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    class _Resolver(VersionedResolver):
        _tags: ClassVar[dict[str, Any]] = {}

        @property
        def versioned_resolver(self) -> Any:
            # The version is that of the loader (the C parser does not report %YAML
            # directives to the resolver), so it is the same for every scalar of a file.
            try:
                return self.__dict__["_resolvers"]
            except KeyError:
                resolvers = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
                self.__dict__["_resolvers"] = resolvers
                return resolvers

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            tag = super().resolve(kind, value, implicit)
            # One Tag object per tag name: its string form is worked out once, and the
            # default (str) tag is recognised by identity in ``_scalar``.
            if type(tag) is Tag and tag is not self.DEFAULT_SCALAR_TAG:
                return self._tags.setdefault(tag.suffix, tag)
            return tag

    loader = YAML(typ="safe")
    loader.Resolver = _Resolver
    _STR_TAG[0] = _Resolver.DEFAULT_SCALAR_TAG
    return loader


#: ruamel's shared default tag for strings, once a loader exists (a ruamel object, so this
#: module can be imported without importing ruamel).
_STR_TAG: list[Any] = [object()]


def parse_text(
    text: str, display: str, expansion: Expansion | None = None
) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a located Node tree, or report where and why it is broken."""
    from ruamel.yaml.error import YAMLError

    text = text.replace("\r\n", "\n")
    too_deep = _scan_depth(text)
    if too_deep is not None:
        line, col = _position(text, too_deep)
        return None, [
            Problem(
                display,
                line,
                col,
                f"nesting deeper than {MAX_DEPTH} levels (over {MAX_SCANNED_DEPTH:,} here; "
                "refused before parsing)",
            )
        ]
    # Text that holds no forbidden character and no escape cannot decode to one: its strings
    # need no check one by one.
    check = (
        "\\" in text
        or (_ASCII_FORBIDDEN if text.isascii() else _FORBIDDEN_SEARCH)(text) is not None
    )
    problems: list[Problem] = []
    try:
        root, size = _from_events(text, display, problems, check=check)
    except (YAMLError, RecursionError):
        # libyaml refused it, so its composer would too: what the pure parser makes of it.
        return _composed(text, display, check, expansion, pure=True)
    except _Unusual:
        return _composed(text, display, check, expansion, pure=False)
    try:
        _spend(expansion, size)
    except _Limit as exc:
        return None, [Problem(display, exc.line, exc.col, str(exc), exc.hint)]
    return root, problems


def _composed(
    text: str, display: str, check: bool, expansion: Expansion | None, *, pure: bool
) -> tuple[Node | None, list[Problem]]:
    """The reference reading: ruamel composes the whole stream, then ``_convert`` walks it.

    Used for what ``_from_events`` leaves to it (several documents, limits, aliases as keys)
    and, with ``pure``, for text libyaml refuses: ruamel's own parser accepts some of it
    (a URL in a flow mapping) and words its errors more precisely.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        if pure:
            raise YAMLError
        # libyaml's C parser (ruamel.yaml.clib) composes about 4x faster than pure Python.
        documents = list(_safe_loader().compose_all(text))
    except (YAMLError, RecursionError):
        # Broken files are rare: parse again in pure Python for its more precise message.
        try:
            documents = list(YAML(typ="safe", pure=True).compose_all(text))
        except MarkedYAMLError as exc:
            return None, [_syntax_problem(exc, display)]
        except ReaderError as exc:
            line, col = _position(text, exc.position)
            code = (
                exc.character
                if isinstance(exc.character, int)
                else ord(str(exc.character)[:1] or "?")
            )
            message = f"character U+{code:04X} is not allowed in YAML"
            return None, [
                Problem(
                    display,
                    line,
                    col,
                    message,
                    "remove it, or write it as an escape in a double-quoted string",
                )
            ]
        except (YAMLError, RecursionError) as exc:
            return None, [Problem(display, 1, 1, f"YAML error: {exc}")]
    documents = [d for d in documents if d is not None]
    if not documents:
        return None, [Problem(display, 1, 1, "file is empty", "a pathways file is a YAML mapping")]
    if len(documents) > 1:
        second = documents[1].start_mark
        return None, [
            Problem(
                display,
                second.line + 1,
                second.column + 1,
                "file holds more than one YAML document",
                "remove the '---' separator or split the file",
            )
        ]
    problems: list[Problem] = []
    try:
        root, size = _convert(documents[0], 0, {}, display, problems, check=check)
        _spend(expansion, size)
    except _Limit as exc:
        return None, [Problem(display, exc.line, exc.col, str(exc), exc.hint)]
    return root, problems


class _Unusual(Exception):
    """Something ``_from_events`` leaves to the reference reading (``_composed``)."""


@cache
def _plain_resolvers() -> dict[str, tuple[tuple[str, Any], ...]]:
    """The safe loader's implicit resolvers, by first character, as (tag's last part, regex).

    The same table, in the same order, that ruamel's resolver walks for a plain scalar.
    """
    table = _safe_loader().resolver.versioned_resolver
    # ``regex.match`` taken once: ruamel's patterns are compiled lazily, behind a wrapper
    # that costs an attribute look-up per use.
    anywhere = [(tag.rsplit(":", 1)[-1], regex.match) for tag, regex in table.get(None, [])]
    by_first = {
        first: tuple([(tag.rsplit(":", 1)[-1], regex.match) for tag, regex in rules] + anywhere)
        for first, rules in table.items()
        if first is not None
    }
    by_first[_ANY_FIRST] = tuple(anywhere)  # for a first character no rule names
    return by_first


#: The key of ``_plain_resolvers`` for the rules that apply whatever a value starts with.
_ANY_FIRST = "any"


class _Scalar(msgspec.Struct, gc=False):
    """A scalar event, built in C: as ``ruamel.yaml.events.ScalarEvent`` takes its fields."""

    anchor: Any
    tag: Any
    implicit: Any
    value: Any
    start_mark: Any
    end_mark: Any
    style: Any = None


class _MappingStart(msgspec.Struct, gc=False):
    """A mapping's start (``MappingStartEvent``'s fields, in its order)."""

    anchor: Any
    tag: Any
    implicit: Any
    start_mark: Any
    end_mark: Any
    flow_style: Any = None


class _SequenceStart(_MappingStart, gc=False):
    """A sequence's start (``SequenceStartEvent``'s fields, in its order)."""


class _MappingEnd(msgspec.Struct, gc=False):
    """A mapping's end."""

    start_mark: Any
    end_mark: Any


class _SequenceEnd(_MappingEnd, gc=False):
    """A sequence's end."""


class _Alias(msgspec.Struct, gc=False):
    """An alias (``AliasEvent``'s fields, in its order)."""

    anchor: Any
    start_mark: Any
    end_mark: Any


_EVENT_NAMES = (
    "ScalarEvent",
    "MappingStartEvent",
    "SequenceStartEvent",
    "MappingEndEvent",
    "SequenceEndEvent",
    "AliasEvent",
)
_LIGHT_EVENTS = (_Scalar, _MappingStart, _SequenceStart, _MappingEnd, _SequenceEnd, _Alias)


@contextmanager
def _light_events() -> Iterator[tuple[type, ...]]:
    """Have libyaml's parser build its events as C structs for a while; yield their classes.

    ``CParser.get_event`` makes each event by calling the class named in its module, and
    ruamel's event classes run three Python ``__init__`` calls each: for 3,000 files that
    was 0.3 s of a cold ``list`` (600,000 events), against 0.15 s with these structs. Only
    ``get_event`` builds event objects (composing nodes in C, as the safe loader does, and
    ruamel's pure-Python parser use their own classes), and the classes are put back when
    the block ends. Where ``ruamel.yaml.clib`` is laid out otherwise, nothing is changed
    and ruamel's own classes are yielded; a stream that mixes the two (another thread
    putting the classes back mid-file) reaches the reader's "unusual" branch and is read
    the reference way.
    """
    from ruamel.yaml import events

    originals = tuple(getattr(events, name) for name in _EVENT_NAMES)
    try:
        import _ruamel_yaml as clib  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency on CPython
        yield originals
        return
    if any(
        getattr(clib, name, None) is not kind
        for name, kind in zip(_EVENT_NAMES, originals, strict=True)
    ):
        yield originals  # pragma: no cover - another layout (or already swapped): leave it
        return
    for name, kind in zip(_EVENT_NAMES, _LIGHT_EVENTS, strict=True):
        setattr(clib, name, kind)
    try:
        yield _LIGHT_EVENTS
    finally:
        for name, kind in zip(_EVENT_NAMES, originals, strict=True):
            setattr(clib, name, kind)


def _from_events(  # noqa: PLR0912, PLR0915 - one loop over the events; split, it costs a call per event
    text: str, display: str, problems: list[Problem], check: bool
) -> tuple[Node, int]:
    """Build located Nodes straight from libyaml's events, skipping ruamel's node objects.

    The everyday path: it reads what ``_composed`` would, to the same Nodes, positions,
    sizes and problems, in one pass over the event stream. Whatever is rare or refused
    (more than one document, any limit, an alias or anchor on a key, an alias to a node not
    yet finished or an anchor named twice) raises ``_Unusual`` for the reference reading;
    text libyaml cannot parse raises its error.
    """
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]  # libyaml (ruamel.yaml.clib)
    from ruamel.yaml.events import DocumentEndEvent, StreamEndEvent

    resolvers = _plain_resolvers()
    no_rules: tuple[tuple[str, Any], ...] = resolvers[_ANY_FIRST]
    with _light_events() as kinds:
        # The event classes, named as ruamel names them.
        (
            ScalarEvent,
            MappingStartEvent,
            SequenceStartEvent,
            MappingEndEvent,
            SequenceEndEvent,
            AliasEvent,
        ) = kinds
        parser = CParser(text)
        try:
            next_event = parser.get_event
            next_event()  # the stream's start
            if type(next_event()) is StreamEndEvent:
                raise _Unusual  # no document: "file is empty"
            anchors: dict[str, Node] = {}
            sizes: dict[str, int] = {}
            # One frame per open collection: [items, line, col, size, anchor, key, key_line,
            # key_col]; a mapping's items are a dict, and its key is None until one is read.
            stack: list[list[Any]] = []
            frame: list[Any] | None = None
            keyed = False  # the open collection is a mapping
            root: tuple[Node, int] | None = None
            while True:
                event = next_event()
                kind = type(event)
                if kind is ScalarEvent:
                    mark = event.start_mark
                    line, col = mark.line + 1, mark.column + 1
                    tag = event.tag
                    value = event.value
                    if tag is None or tag == "!":
                        name = "str"
                        if event.implicit[0]:
                            for rule, match in resolvers.get(value[:1], no_rules):
                                if match(value):
                                    name = rule
                                    break
                    else:
                        name = tag.rsplit(":", 1)[-1]
                    # No forbidden character in the text: no surrogate either, nothing to join.
                    typed = value if name == "str" and not check else _typed(name, value, line, col)
                    anchor = event.anchor
                    if keyed and frame[5] is None:  # type: ignore[index]
                        if anchor is not None:
                            raise _Unusual
                        key = str(typed)
                        if check:
                            _check_text(key, line, col, display, problems)
                        frame[5], frame[6], frame[7] = key, line, col  # type: ignore[index]
                        continue
                    if len(stack) > MAX_DEPTH:
                        raise _Unusual
                    size = 1
                    if type(typed) is str:
                        size += len(typed) // TEXT_UNIT
                        if check:
                            _check_text(typed, line, col, display, problems)
                    if anchor is not None:
                        if anchor in sizes:
                            raise _Unusual
                        anchors[anchor], sizes[anchor] = Node(typed, line, col), size
                elif kind is MappingEndEvent or kind is SequenceEndEvent:
                    typed, line, col, size, anchor = stack.pop()[:5]
                    frame = stack[-1] if stack else None
                    keyed = frame is not None and type(frame[0]) is dict
                    if size > MAX_NODES:
                        raise _Unusual
                    if anchor is not None:
                        anchors[anchor], sizes[anchor] = Node(typed, line, col), size
                elif kind is MappingStartEvent or kind is SequenceStartEvent:
                    anchor = event.anchor
                    if (keyed and frame[5] is None) or len(stack) > MAX_DEPTH:  # type: ignore[index]
                        raise _Unusual
                    if anchor is not None:
                        if anchor in sizes:
                            raise _Unusual
                        sizes[anchor] = -1  # named, not finished: an alias to it is left over
                    mark = event.start_mark
                    keyed = kind is MappingStartEvent
                    frame = [
                        {} if keyed else [],
                        mark.line + 1,
                        mark.column + 1,
                        1,
                        anchor,
                        None,
                        0,
                        0,
                    ]
                    stack.append(frame)
                    continue
                elif kind is AliasEvent:
                    if keyed and frame[5] is None:  # type: ignore[index]
                        raise _Unusual
                    size = sizes.get(event.anchor, -1)
                    if size < 0:
                        raise _Unusual  # undefined, or not finished (it would hold itself)
                    shared = anchors[event.anchor]
                    typed, line, col = shared.value, shared.line, shared.col
                elif kind is DocumentEndEvent:
                    break
                else:  # pragma: no cover - libyaml sends no other event inside a document
                    raise _Unusual
                # A value is finished: it goes into the collection open around it.
                if frame is None:
                    root = (Node(typed, line, col), size)
                    continue
                frame[3] += size
                items = frame[0]
                if not keyed:
                    items.append(Node(typed, line, col))
                    continue
                key, key_line, key_col = frame[5], frame[6], frame[7]
                frame[5] = None
                if key in items:
                    first = items[key].key_line
                    message = f"duplicate key '{key}'"
                    problems.append(
                        Problem(display, key_line, key_col, message, f"first at line {first}")
                    )
                    continue
                items[key] = Node(typed, line, col, key_line, key_col)
            if type(next_event()) is not StreamEndEvent:
                raise _Unusual  # another document follows
        except (_Limit, ValueError):
            raise _Unusual from None
        finally:
            parser.dispose()
        if root is None:  # pragma: no cover - a document holds one node
            raise _Unusual
        return root


def _spend(expansion: Expansion | None, size: int) -> None:
    """Add one file's expanded size to the folder's; refuse the file that passes the limit."""
    if expansion is None:
        return
    expansion.used += size
    if expansion.used > MAX_TOTAL_UNITS:
        raise _Limit(
            "with the files before it, this file expands to more than the "
            f"{MAX_TOTAL_UNITS:,} values a folder may hold (aliases of long texts?)",
            1,
            1,
            "write the repeated text once, or split the folder",
        )


def _scan_depth(text: str) -> int | None:
    """Where nesting passes MAX_SCANNED_DEPTH, found without parsing; None if it never does.

    Flow collections are counted by brackets, block ones by the indentation and compact
    indicators that open each level. Both are linear scans in C (``str.count``, ``re``).
    """
    block = _DEEP_BLOCK.search(text)
    if block is not None:
        return block.start()
    if text.count("[") + text.count("{") <= MAX_SCANNED_DEPTH:
        return None
    depth = 0
    for bracket in _OPEN_OR_CLOSE.finditer(text):
        if bracket.group() in "[{":
            depth += 1
            if depth > MAX_SCANNED_DEPTH:
                return bracket.start()
        elif depth:
            depth -= 1
    return None


def _yaml_hint(message: str) -> str:
    if "\\t" in message or "tab" in message.lower():
        return "indent with spaces, not tabs"
    if "found undefined alias" in message:
        return "define the anchor (&name) before using the alias (*name)"
    if "could not find expected ':'" in message or "mapping values are not allowed" in message:
        return "check the indentation and that each key ends with ':'"
    if "while scanning a quoted scalar" in message:
        return "close the quote"
    if "flow" in message:
        return "close the bracket or brace"
    return ""


def _scalar(node: Any) -> Any:
    # Most values are ruamel's shared str tag (quoted, or plain text no resolver matched):
    # recognised by identity, without building the tag's name.
    tag = "str" if node.ctag is _STR_TAG[0] else node.tag.rsplit(":", 1)[-1]
    return _typed(tag, node.value, node.start_mark.line + 1, node.start_mark.column + 1)


def _typed(tag: str, text: str, line: int, col: int) -> Any:  # noqa: PLR0911 - one per tag
    """A scalar's Python value from its tag's last part ("int", "str", ...) and its text.

    Any other tag (a timestamp, a merge key, a local ``!tag``) leaves the text as it is.
    """
    if tag == "str":
        if _SURROGATE.search(text):
            # "\ud83d\ude00" is how JSON and YAML escape one emoji: ruamel keeps the two
            # halves. A lone half is left as it is, for _check_text to refuse.
            return _SURROGATE_PAIR.sub(_join_pair, text)
        return text
    if tag == "null":
        return None
    if tag == "bool":
        return text.lower() == "true"
    if tag == "int":
        return _integer(text.replace("_", ""), line, col)
    if tag == "float":
        lowered = text.lower()
        if lowered.endswith(".nan"):
            return float("nan")
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        try:
            return float(text.replace("_", ""))
        except ValueError:  # only an explicit tag gets here: "!!float abc"
            raise _Limit(f"'{text}' is tagged as a number but is not one", line, col) from None
    if _SURROGATE.search(text):
        return _SURROGATE_PAIR.sub(_join_pair, text)
    return text


def _integer(cleaned: str, line: int, col: int) -> int:
    if len(cleaned) > MAX_DIGITS:
        raise _Limit(
            f"number has {len(cleaned):,} digits, more than the {MAX_DIGITS} read", line, col
        )
    try:
        return int(cleaned, 10)
    except ValueError:
        pass
    try:
        return int(cleaned, 0)
    except ValueError:  # only an explicit tag gets here: "!!int abc"
        raise _Limit(f"'{cleaned}' is tagged as a number but is not one", line, col) from None


def _join_pair(pair: re.Match[str]) -> str:
    return pair.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def _check_text(text: str, line: int, col: int, display: str, problems: list[Problem]) -> None:
    """Refuse text holding control characters, lone surrogates or non-characters.

    Caught here, where every string of every file passes, nothing later can print an escape
    sequence to a terminal, fail to encode, or write XML that is not well formed.
    """
    bad = forbidden_character(text)
    if bad is not None:
        problems.append(
            Problem(
                display,
                line,
                col,
                f"text holds {describe(bad.group())}, which pathways data may not hold",
                "remove it",
            )
        )


def _convert(
    node: Any,
    depth: int,
    seen: dict[int, tuple[Node, int]],
    display: str,
    problems: list[Problem],
    *,
    check: bool = True,
) -> tuple[Node, int]:
    """Convert a composed node; returns the Node and how many values it expands to.

    An alias is the same composed node seen again: it is converted once and reused, and its
    expanded size is counted each time, so an alias bomb is refused without being built.
    """
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in seen:
        return seen[id(node)]
    if depth > MAX_DEPTH:
        raise _Limit(f"nesting deeper than {MAX_DEPTH} levels", line, col)
    kind = node.id
    size = 1
    if kind == "scalar":
        result = Node(_scalar(node), line, col)
        if isinstance(result.value, str):
            size += len(result.value) // TEXT_UNIT
            if check:
                _check_text(result.value, line, col, display, problems)
    elif kind == "sequence":
        items = []
        for item in node.value:
            child, child_size = _convert(item, depth + 1, seen, display, problems, check=check)
            items.append(child)
            size += child_size
        result = Node(items, line, col)
    else:
        mapping: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key_line, key_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.id != "scalar":
                raise _Limit("a mapping key must be a plain value", key_line, key_col)
            key = str(_scalar(key_node))
            if check:
                _check_text(key, key_line, key_col, display, problems)
            child, child_size = _convert(
                value_node, depth + 1, seen, display, problems, check=check
            )
            size += child_size
            if key in mapping:
                first = mapping[key].key_line
                message = f"duplicate key '{key}'"
                problems.append(
                    Problem(display, key_line, key_col, message, f"first at line {first}")
                )
                continue
            mapping[key] = Node(child.value, child.line, child.col, key_line, key_col)
        result = Node(mapping, line, col)
    if size > MAX_NODES:
        raise _Limit(f"file expands to more than {MAX_NODES:,} values (an alias bomb?)", line, col)
    seen[id(node)] = (result, size)
    return result, size
