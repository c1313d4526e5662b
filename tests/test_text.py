import re

from hypothesis import given
from hypothesis import strategies as st

from helpers.text import (
    contains_quote,
    dates,
    fold_whitespace,
    normalise,
    strip_accents,
    word_count,
)


def test_normalise_makes_typography_plain():
    raw = "\u201cToday\u2019s\u00a0talks\u201d \u2013 the\u2014end\u2026 "
    assert normalise(raw) == '"Today\'s talks" - the-end...'


def test_normalise_keeps_paragraphs_but_collapses_spaces():
    assert normalise("a  \t b   \n\nc") == "a b\n\nc"


def test_normalise_composes_accents():
    decomposed = "Ba\u0301rcena"  # a + combining acute
    assert normalise(decomposed) == "Bárcena"


def test_contains_quote_ignores_line_breaks_and_quote_style():
    document = "He said \u201cwe will\ncontinue.\u201d Then left."
    assert contains_quote(document, '"we will continue."')
    assert not contains_quote(document, "we will not continue")


def test_contains_quote_rejects_empty_quote():
    assert not contains_quote("anything", "   ")


def test_fold_whitespace_and_accents():
    assert fold_whitespace(" a\n\n b ") == "a b"
    assert strip_accents("Roderíguez Gómez") == "Roderiguez Gomez"


def test_word_count_counts_hyphenated_and_apostrophes_once():
    assert word_count("Sherwood-Randall's 100-plus country coalition, 2023.") == 5


# --- the fast paths give what the plain definitions give -------------------------------------

import unicodedata  # noqa: E402

from helpers.text import normal  # noqa: E402

_TYPOGRAPHY = st.lists(
    st.sampled_from(
        list("ab \t\n\r.") + ["e\u0301", "\u00e9", "\u00df", "\u0130"] + [chr(c) for c in normal._CHAR_MAP]
    ),
    max_size=40,
).map("".join)


def _normalise_by_definition(text):
    text = unicodedata.normalize("NFC", text).translate(normal._CHAR_MAP)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"[ \t]+(?=\n|$)", "", text)


@given(_TYPOGRAPHY)
def test_normalise_is_its_plain_definition(text):
    # Every mapped character replaced, every run of spaces and tabs made one space, none left at a line's end.
    assert normalise(text) == _normalise_by_definition(text)


@given(st.text(max_size=30))
def test_strip_accents_drops_exactly_the_combining_marks(text):
    decomposed = unicodedata.normalize("NFD", text)
    assert strip_accents(text) == "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_DATES = st.lists(
    st.sampled_from(
        [
            "1",
            "2",
            "12",
            "31",
            "2019",
            "2020",
            "1999",
            "19",
            "20",
            "-",
            "01",
            "12-",
            " ",
            "\n",
            "March",
            "Dec.",
            "Sept",
            "May",
            ",",
            "x",
            "a1",
            "123",
        ]
    ),
    max_size=14,
)
#: The date patterns with "no digit before" written first, as the rule reads.
_PLAIN_DATES = [
    dates.DATE_PATTERNS[0],
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\s+" + dates._MONTH + r",?\s+(?P<year>(?:19|20)\d{2})(?!\d)"),
    re.compile(r"(?<![\w/])(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w/])"),
]


@given(_DATES)
def test_date_patterns_led_by_a_digit_match_as_the_plain_rule(words):
    text = "".join(words)
    for fast, plain in zip(dates.DATE_PATTERNS, _PLAIN_DATES, strict=True):
        assert [m.groupdict() | {"span": m.span()} for m in fast.finditer(text)] == [
            m.groupdict() | {"span": m.span()} for m in plain.finditer(text)
        ]


def test_an_iso_date_inside_a_file_name_is_no_date():
    assert dates.find_dates("see WhatsApp_Image_2020-01-16_at_3.59.02_PM.jpeg") == []
    assert [d for d, _, _ in dates.find_dates("Published 2020-01-16.")] == [__import__("datetime").date(2020, 1, 16)]


def test_any_word_matches_what_the_plain_alternation_matches():
    import random

    import pytest

    from helpers.text.scan import any_word

    words = ["met", "meets", "travell?ed", "welcom\\w*", "took part", "follow-on"]
    plain = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    fast = any_word(words)
    samples = "Met MEETS travelled traveled Welcomed welcome took part Took Part follow-on Follow-up mett metre xmet"
    rng = random.Random(7)
    pieces = samples.split() + ["the", "summit", "on", "a", "—", "(met)", "“Met”", "2023", "re-met", "émet"]
    text = " ".join(rng.choice(pieces) for _ in range(3000))
    for sample in (samples, text):
        assert [m.span() for m in fast.finditer(sample)] == [m.span() for m in plain.finditer(sample)]
    assert [m.group() for m in fast.finditer(samples)][:5] == ["Met", "MEETS", "travelled", "traveled", "Welcomed"]
    with pytest.raises(ValueError, match="plain letter"):
        any_word(["(?:x|y)z"])
