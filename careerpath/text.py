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

__all__ = [
    "FORBIDDEN",
    "LENGTH_UNKNOWN",
    "NO_BREAK",
    "UNVERIFIED_LEGEND",
    "UNVERIFIED_MARK",
    "apart_heading",
    "clean",
    "csv_cell",
    "describe",
    "for_terminal",
    "forbidden_character",
    "length_text",
    "markdown_inline",
    "marked",
    "months_text",
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
    import unicodedata  # only for a message about bad data: kept off the start-up path

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


# --- Wording every view shares -------------------------------------------------------------
# One function for a length in months and one for the unverified mark, used by the terminal,
# the HTML and Markdown reports and the model's own descriptions: three wordings ("12 months",
# "1 year", "about 12 months") had drifted apart. tests/test_wording.py holds every path equal.

#: The mark on a fact no source confirms, and the one sentence that explains it.
UNVERIFIED_MARK = "†"
UNVERIFIED_LEGEND = f"{UNVERIFIED_MARK} not confirmed by a source; treat with care."
#: Joins the mark to the word before it, so a wrap never leaves a † alone on a line. The
#: terminal's wrapping treats it as a letter and prints an ordinary space
#: (``render.terminal``); HTML and Markdown keep it.
NO_BREAK = "\u00a0"


def marked(text: str, unverified: bool) -> str:
    """``text`` with the unverified mark joined to its last word when ``unverified``."""
    return f"{text}{NO_BREAK}{UNVERIFIED_MARK}" if unverified else text


def months_text(months: float | None, unknown: str = "–") -> str:
    """A length: "1 month", "11 months", "1 year", "2 years 6 months"; ``unknown`` for None.

    A fractional length (an estimate from credits) keeps one decimal and stays in months
    ("12.5 months"); a whole number of months, even held as a float, reads in years.

    >>> months_text(18), months_text(12.0), months_text(2.5), months_text(None)
    ('1 year 6 months', '1 year', '2.5 months', '–')
    """
    if months is None:
        return unknown
    if months != int(months):
        return f"{months:.1f} months"
    whole = int(months)
    years, rest = divmod(whole, 12)
    if not years:
        return f"{whole} month{'s' if whole != 1 else ''}"
    text = f"{years} year{'s' if years != 1 else ''}"
    return f"{text} {rest} month{'s' if rest != 1 else ''}" if rest else text


#: What a view says where a length is not recorded (never a guessed figure).
LENGTH_UNKNOWN = "length unknown"


def credits_months_text(credits: float | None, months: float | None) -> str:
    """A programme's size, saying which half the data lacks rather than printing "None".

    >>> credits_months_text(120, 12), credits_months_text(None, 12), credits_months_text(60, None)
    ('120 credits, 1 year', 'credits not in the data, 1 year', '60 credits, length unknown')
    """
    size = f"{credits:g} credits" if credits is not None else "credits not in the data"
    return f"{size}, {months_text(months, LENGTH_UNKNOWN)}"


def apart_heading(metric: str) -> str:
    """The heading of routes listed after the ranked ones because their figure is a bound.

    Ranked by cost the figure is the person's fees, otherwise the months: one the data
    does not give counts as nothing, so such a route can be no cheaper or shorter than
    shown. Terminal and JSON (``route``) say it in these words.
    """
    if metric == "cost":
        return "Also possible, but a fee is not in the data (each costs at least what is shown)"
    return (
        "Also possible, but a step's length is not recorded (each takes at least as long as shown)"
    )


def length_text(months: int, known: bool) -> str:
    """A route's total: exact, or a lower bound when a step's length is not recorded."""
    if known:
        return months_text(months)
    return f"at least {months_text(months)}" if months else LENGTH_UNKNOWN
