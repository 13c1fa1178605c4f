"""One scan for the words of many rules (ruledata.WordPattern), then each rule tried only where
a word starts; number tokens tried only where a digit run or a number word starts: these must
find exactly what each pattern's own ``search``/``finditer`` finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import article, dates, metrics, numbers, places, quantities, years
from extract.normalize import normalize
from extract.numbers import find_numbers
from extract.ruledata import matches_at, words_pattern
from extract.segments import sentence_spans

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

_WORDS = sorted(
    {c for r in metrics.RULES.rule for c in r.cues}
    | {w for r in quantities.EXCLUSIONS.exclusion for w in r.before}
    | {w for q in quantities.QUALIFIERS.qualifier for w in q.words}
)
# Rule words glued to letters, split and joined by spaces, next to numbers: where the
# word-boundary and flexible-space cases differ.
_PIECES = st.one_of(st.sampled_from(_WORDS), st.sampled_from(["", " ", "  ", "ی", "ها", "ب", "و", "۱۲", "هزار", "،", ":", "\n", "("]))
texts = st.lists(_PIECES, max_size=10).map("".join)


def _plain_excluded_before(text, num):
    left = text[max(0, num.start - quantities._LOOKBACK) : num.start]
    return next((name for name, pattern in quantities._EXCLUDE_BEFORE if pattern.search(left)), None)


def _plain_qualifier_of(text, num):
    left = text[max(0, num.start - quantities._LOOKBACK) : num.start]
    for _name, qualifier, pattern in quantities._QUALIFIER_RE:
        if m := pattern.search(left):
            return qualifier, num.start - (len(left) - m.start())
    return quantities.Qualifier.exact, num.start


def _check_cues(text: str, span: tuple[int, int]) -> None:
    cues = metrics.SentenceCues(text, span)
    for name, pattern in metrics._CUE_RE.items():
        expected = [m.span() for m in pattern.finditer(text, *span)]
        if name in metrics._NOT_IN_RE:
            held = [m.span() for m in metrics._NOT_IN_RE[name].finditer(text, *span)]
            expected = [(a, b) for a, b in expected if not any(s <= a and b <= e for s, e in held)]
        assert cues.spans(name) == expected, (name, text[span[0] : span[1]])


def _check_left_context(text: str) -> None:
    for num in find_numbers(text):
        assert quantities._excluded_before(text, num) == _plain_excluded_before(text, num), text
        assert quantities._qualifier_of(text, num) == _plain_qualifier_of(text, num), text


def test_word_starts_finds_overlapping_words_at_word_starts_only():
    words = words_pattern(["تحت پوشش", "پوشش", "کل"], metrics.PERSIAN_LETTER)
    text = "تحتپوشش و تحت پوشش، مشکل کل"
    # «پوشش» glued to «تحت» and «کل» inside «مشکل» start no word; «پوشش» inside «تحت پوشش» does.
    assert words.starts(text) == [0, 10, 14, 25]
    assert words.starts(text, 14) == [14, 25]
    assert words.starts(text, 4) == [10, 14, 25]  # inside «تحتپوشش»: a letter stands before


def test_corpus_sentences_scan_alike():
    for path in sorted(CORPUS.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8")).text
        for span in sentence_spans(text):
            _check_cues(text, span)
        _check_left_context(text)


@pytest.mark.parametrize("text", ["شماره تلفن ماده ۱۲۰ قانون", "در دهک سال ۱۴۰۲", "تلفن ماده ۲۰ و حدود ۳۰ نفر"])
def test_rules_tried_together_find_the_first_rule_in_order(text):
    """Where the words of two exclusion rules stand before a number, the rule first in the file
    wins wherever its word stands, as when each rule is searched in turn."""
    _check_left_context(text)


@settings(max_examples=1500, deadline=None)
@given(texts, texts)
def test_generated_texts_scan_alike(before, after):
    text = before + " ۱۲۰ " + after
    _check_cues(text, (0, len(text)))
    _check_cues(text, (len(before) // 2, len(text)))
    _check_left_context(text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["http://", "https://", "www.", ".ir", ".com", "ir", ".", "/", "x", "ب", " ", "\n", "،"]), max_size=12).map("".join))
def test_urls_found_by_hint_are_those_of_the_whole_text_scan(text):
    assert article.url_spans(text) == [m.span() for m in article._URL.finditer(text)]


_DATE_PIECES = [*dates._MONTHS, "MAY", "may", "ماه", "1", "12", "1402", "2024", "/", ".", "-", "،", ",", " ", "  ", "\n", "ب", "در"]
_DATE_PIECES += ["1402/12/02", "30.04.1401", "2025-12-31", "12 اردیبهشت", "May 1"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=14).map("".join))
def test_date_windows_skip_no_date(text):
    """Windows are scanned only near a run that may open a date: as if every run might."""
    found = dates.find_dates(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dates, "_may_open_date", lambda text, run: True)
        assert found == dates.find_dates(text)


WORD_PATTERNS = {
    "cues": metrics._CUE_START,
    "exclusions": quantities._EXCLUDE_BEFORE_STARTS,
    "qualifiers": quantities._QUALIFIER_STARTS,
    "national": places._NATIONAL,
    "explicit years": years._EXPLICIT,
    "relative years": years._RELATIVE,
}
_YEAR_PIECES = [*places.GAZETTEER.national.cues, *years._RELATIVE_WORDS, "سال", "سالهای", "ماه", "از ابتدای", *dates._MONTHS]


def _check_word_pattern(pattern, text, pos=0, endpos=None):
    expected = [(m.span(), m.groupdict()) for m in pattern.pattern.finditer(text, pos, len(text) if endpos is None else endpos)]
    assert [(m.span(), m.groupdict()) for m in pattern.finditer(text, pos, endpos)] == expected, text[pos:endpos]


def test_word_patterns_find_what_their_look_behind_form_does_in_the_corpus():
    for path in sorted(CORPUS.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8")).text
        for pattern in WORD_PATTERNS.values():
            _check_word_pattern(pattern, text)
            for s, e in sentence_spans(text):
                _check_word_pattern(pattern, text, s, e)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.sampled_from(_YEAR_PIECES), st.sampled_from(["1402", "97", "۱۴۰۰"])), max_size=12).map("".join), st.integers(0, 30))
def test_word_patterns_find_what_their_look_behind_form_does(text, pos):
    for pattern in WORD_PATTERNS.values():
        _check_word_pattern(pattern, text)
        _check_word_pattern(pattern, text, min(pos, len(text)), None)


_NUMBER_PIECES = [*numbers.WORDS.atoms, *numbers.WORDS.ordinal_words, *numbers.WORDS.scales, *numbers.WORDS.ordinal_suffixes]
_NUMBER_PIECES += ["و", " و ", " ", "", "ی", "م", "ها", "1", "12", "1402", "2/5", "1,250", "12:30", "1402/12/02", "،", ".", "/", "\n", "ب"]


def _check_number_tokens(text: str) -> None:
    expected = [(m.lastgroup, m.span()) for m in numbers._TOKEN.finditer(text)]
    assert [(m.lastgroup, m.span()) for m in matches_at(numbers._TOKEN, text, numbers._token_starts(text))] == expected, text


def test_number_tokens_are_those_of_the_whole_text_scan_in_the_corpus():
    for path in sorted(CORPUS.glob("*.txt")):
        _check_number_tokens(normalize(path.read_text(encoding="utf-8")).text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=12).map("".join))
def test_number_tokens_are_those_of_the_whole_text_scan(text):
    """Number tokens are looked for only where a digit run or a number word starts."""
    _check_number_tokens(text)
