"""Name folding and "did you mean" hints: properties that hold for any names."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.names import did_you_mean, fold, suggest

words = st.text(st.sampled_from("abcdeé ’'-"), min_size=1, max_size=12)


@settings(deadline=None)  # timing is make bench's job, not a test's
@given(words)
def test_fold_is_idempotent_and_ignores_case_spacing_and_curly_apostrophes(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert fold(text.upper()) == folded == fold("  " + text.replace(" ", "  ") + " ")
    assert "’" not in folded and "  " not in folded and folded == folded.strip()


@settings(deadline=None)  # timing is make bench's job, not a test's
@given(words, st.lists(words, max_size=8))
def test_suggestions_are_choices_as_written_and_match_difflib(
    word: str, choices: list[str]
) -> None:
    found = suggest(word, choices)
    assert len(found) <= 3 and set(found) <= set(choices)
    lowered = {c.lower() for c in choices}
    oracle = difflib.get_close_matches(word.lower(), list(dict.fromkeys(lowered)), n=3, cutoff=0.6)
    assert [f.lower() for f in found] == oracle


@settings(deadline=None)  # timing is make bench's job, not a test's
@given(words, st.lists(words, max_size=8))
def test_a_hint_names_every_suggestion_or_is_empty(word: str, choices: list[str]) -> None:
    hint = did_you_mean(word, choices)
    found = suggest(word, choices)
    assert (hint == "") == (not found)
    for name in found:
        assert f"'{name}'" in hint


def test_an_exact_name_in_another_case_comes_first() -> None:
    assert suggest("pwp", ["CWP", "PWP", "EMHP"])[0] == "PWP"
    assert did_you_mean("zzzz", ["PWP"]) == ""
