"""Sentence spans: table of real cases, and the fast pattern against the plain one it replaced."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.segments import _SENTENCE_END, PERSIAN_LETTER, sentence_spans, words_between

# The readable form of the rule: a run of end marks not after a digit and before a space or the
# end; a single mark between two non-digits; a run of line breaks; a slash glued to a Persian
# letter, unless a slash follows.
PLAIN = re.compile(rf"(?<!\d)[.!?؟]+(?=\s|$)|(?<=\D)[.!?؟](?=\D)|\n+|(?<=[{PERSIAN_LETTER}])/(?!/)")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("وی گفت: 2.5 میلیون نفر. او افزود\nخط دوم", ["وی گفت: 2.5 میلیون نفر.", "او افزود", "خط دوم"]),
        ("آیا کافی است؟ نه!", ["آیا کافی است؟", "نه!"]),
        ("سال 1402.در این سال", ["سال 1402.در این سال"]),  # a mark after a digit ends nothing
        ("بهزیستی.استان", ["بهزیستی.", "استان"]),  # glued after a word, as archives print it
        ("\n\nتیتر\n\n\nمتن...\n", ["تیتر", "متن..."]),
        # two headlines joined by a slash; a slash in a figure or a date joins nothing
        ("شناسایی ۶۴ هزار معلول در آذربایجان غربی/۹۰ درصد معلولان تحت پوشش هستند",
         ["شناسایی ۶۴ هزار معلول در آذربایجان غربی/", "۹۰ درصد معلولان تحت پوشش هستند"]),
        ("۲/۵ میلیون نفر در ۱۴۰۲/۰۵/۰۱", ["۲/۵ میلیون نفر در ۱۴۰۲/۰۵/۰۱"]),
    ],
)
def test_sentences(text, sentences):
    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=".!?؟\n/ 1۲aب", max_size=12))
def test_fast_pattern_finds_what_the_plain_one_does(text):
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in PLAIN.finditer(text)]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t\n\u00a0\u2009\u200c\x1cبو1،", max_size=20), st.integers(0, 20), st.integers(0, 20))
def test_words_between_counts_runs_of_non_space(text, a, b):
    assert words_between(text, a, b) == len(re.findall(r"\S+", text[min(a, b) : max(a, b)]))
