"""What a readout says about itself (helpers.readout): the short cuts give what the plain rules give."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from helpers import readout


@given(st.text(alphabet=st.sampled_from(list("ab \n\t")), max_size=40))
def test_lines_at_gives_the_line_around_every_position(text):
    lines = readout.Lines(text)
    for position in range(len(text) + 1):
        assert lines.at(position) == readout._line_at(text, position)


def test_dates_on_one_long_line_strip_the_line_once():
    # Each date's evidence is its line: the line is found and stripped once for all the dates on it.
    text = " ".join(["The meeting of March 23, 2010 and of 14 December 2017 was on 2020-01-16."] * 2000)
    found = readout.dates_in(text)
    assert len(found) == 6000 and len({id(f.evidence) for f in found}) == 1 and found[0].evidence == text.strip()


def _shared_run_by_table(a, b):
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


@given(st.lists(st.sampled_from("abcd"), max_size=6), st.lists(st.sampled_from("abcde"), max_size=30))
def test_shared_run_is_the_longest_common_run_of_words(a, b):
    assert readout._shared_run(a, b) == _shared_run_by_table(a, b)
    assert readout._shared_run(a, b, readout.word_places(b, set(a))) == _shared_run_by_table(a, b)


def test_series_indexes_the_text_once_for_every_meeting(monkeypatch):
    # The text's words are indexed once, however many meetings there are (each forum compared with
    # every word of the text made the series slow on a long text).
    calls = []
    real = readout.word_places
    monkeypatch.setattr(readout, "word_places", lambda *a: calls.append(a) or real(*a))
    meetings = pd.DataFrame({"date": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"]),
                             "meeting_id": ["HLSD-2020", "HLSD-2021", "SD-2022"], "series_id": ["hlsd", "hlsd", "sd"],
                             "forum": ["High-Level Security Dialogue", "High-Level Security Dialogue",
                                       "Security Dialogue on Transnational Crime"]})
    text = "The High-Level Security Dialogue met again. " * 1000
    found = readout.series(text, meetings)
    assert found.value[0] == "hlsd" and found.evidence.startswith("4 words") and len(calls) == 1
