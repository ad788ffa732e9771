"""Which characters data may hold, and how text is made safe for each output format.

Data is the boundary: a title holding ESC can rewrite a user's terminal (OSC 52 writes the
clipboard), a lone surrogate makes every later ``print`` fail, and U+FFFE or NUL make SVG and
GraphML that are not XML. So the loader refuses such text where it is read (a located
problem), the ESCO importer drops it, and each output format escapes what is left in ONE
function here: ``for_terminal``, ``csv_cell``, ``markdown_inline``. (XML is written by
networkx and Graphviz, which escape markup; what they cannot escape is refused at load.)
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "FORBIDDEN",
    "clean",
    "csv_cell",
    "describe",
    "for_terminal",
    "forbidden_character",
    "markdown_inline",
]

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: Characters no text in a pathways file may hold: C0 controls but tab and newline, DEL, C1
#: controls, lone surrogates and Unicode non-characters.
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
#: What a terminal must never receive raw: every control character (tab and newline too
#: are shown, since a name is one line), lone surrogates and non-characters.
_UNSHOWABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL"}


def forbidden_character(text: str) -> re.Match[str] | None:
    """The first character of ``text`` no data may hold, or None."""
    return FORBIDDEN.search(text)


def describe(character: str) -> str:
    """A character as a user can read it in a message: ``U+001B (ESC)``."""
    code = ord(character)
    name = _NAMES.get(code)
    if name is None:
        if 0xD800 <= code <= 0xDFFF:
            name = "a lone surrogate"
        elif unicodedata.category(character) == "Cc":
            name = "a control character"
        else:
            name = "a non-character"
    return f"U+{code:04X} ({name})"


def clean(text: str) -> str:
    """``text`` without the characters data may not hold (the ESCO importer's cleaning)."""
    return FORBIDDEN.sub("", text)


def for_terminal(text: str) -> str:
    """Text safe to print: each control character shown as an escape (ESC as backslash-x1b).

    Used for everything a terminal shows that did not come from careerpath itself: what the
    user typed, file names, and messages quoting data.
    """
    return _UNSHOWABLE.sub(lambda m: _escape(m.group()), text)


def _escape(character: str) -> str:
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


#: A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    Text starting with ``= + - @``, tab or CR gets a leading apostrophe (OWASP's advice);
    numbers are left as numbers.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def markdown_inline(text: str) -> str:
    """Text for one line of Markdown: no raw HTML, no line breaks, no live markup.

    ``&`` becomes ``&amp;`` (so an entity cannot be smuggled in), Markdown's punctuation is
    backslash-escaped (``<`` included, so ``<script>`` is text), and every line break or
    control character becomes a space so a title cannot end its heading.
    """
    flat = " ".join(_UNSHOWABLE.sub(" ", text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat.replace("&", "&amp;"))
