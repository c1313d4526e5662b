"""What a readout says about itself (helpers.readout): the short cuts give what the plain rules give."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
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
    meetings = pd.DataFrame(
        {
            "date": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"]),
            "meeting_id": ["HLSD-2020", "HLSD-2021", "SD-2022"],
            "series_id": ["hlsd", "hlsd", "sd"],
            "forum": [
                "High-Level Security Dialogue",
                "High-Level Security Dialogue",
                "Security Dialogue on Transnational Crime",
            ],
        }
    )
    text = "The High-Level Security Dialogue met again. " * 1000
    found = readout.series(text, meetings)
    assert found.value[0] == "hlsd" and found.evidence.startswith("4 words") and len(calls) == 1


# The meeting's date and place, told apart from the other dates and places of the text ------------------

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

PUBLISHED = dt.date(2023, 12, 28)
CITIES = ["Mexico City", "Washington, D.C.", "Washington"]


@pytest.mark.parametrize(
    "text, day, status, confidence",
    [
        # Written in full, in the sentence that reports the meeting.
        ("The two delegations met in Mexico City on December 20, 2023.", dt.date(2023, 12, 20), "stated", "high"),
        # "On <Month> <Day>": the year is the publication's.
        ("On December 20, the two delegations met in Mexico City.", dt.date(2023, 12, 20), "stated", "high"),
        # "Yesterday", "today", a weekday: worked out from the publication date.
        (
            "The President received yesterday a delegation led by the Secretary.",
            dt.date(2023, 12, 27),
            "inferred",
            "medium",
        ),
        ("On Tuesday, the delegations met in Washington.", dt.date(2023, 12, 26), "inferred", "medium"),
    ],
)
def test_the_meeting_date_is_read_from_the_sentence_that_reports_it(text, day, status, confidence):
    found = readout.meeting_date(text, PUBLISHED)
    assert (found.value, found.status, found.confidence) == (day, status, confidence)
    assert found.evidence in text


@pytest.mark.parametrize(
    "text, day",
    [
        # An extradition's date is the extradition's.
        (
            "On December 12, Mexico extradited a suspect to the United States. The delegations met on December 20.",
            dt.date(2023, 12, 20),
        ),
        # A quotation's date is the speaker's.
        (
            '"We met on March 3," the Secretary said. The dialogue took place on December 20, 2023.',
            dt.date(2023, 12, 20),
        ),
        # A later meeting is not this one.
        ("The delegations met today. They will meet again in Washington on January 15, 2024.", PUBLISHED),
        # A bound is not a day.
        ("Since October 8, 2021, the delegations have met on December 20.", dt.date(2023, 12, 20)),
    ],
)
def test_other_dates_of_the_text_are_not_the_meeting(text, day):
    assert readout.meeting_date(text, PUBLISHED).value == day


def test_a_text_that_dates_no_meeting_says_so():
    found = readout.meeting_date("Security cooperation is a shared responsibility.", PUBLISHED)
    assert (found.value, found.status, found.confidence) == (PUBLISHED, "inferred", "low")
    assert readout.meeting_date("Security cooperation is a shared responsibility.", None) is None
    # An earlier meeting's date ("followed up on his December 5, 2019 visit") is not proposed.
    text = "The Attorney General was in Mexico today for a meeting that followed up on his December 5, 2019 visit."
    assert readout.meeting_date(text, None) is None


def test_a_dateline_dates_the_meeting_told_after_it():
    text = "Washington, D.C., March 14, 2024. The Secretary welcomed the delegation to the fourth meeting."
    found = readout.meeting_date(text, None)
    assert (found.value, found.status, found.confidence) == (dt.date(2024, 3, 14), "stated", "medium")
    assert readout.publication_date(text).value == dt.date(2024, 3, 14)


def test_a_body_sentence_in_the_first_lines_is_no_publication_date():
    text = "The Secretary was in Mexico today for a meeting that followed up on his visit of December 5, 2019.\n"
    assert readout.publication_date(text) is None
    assert readout.publication_date("Tuesday, March 23, 2010 | Press Release\nText.").value == dt.date(2010, 3, 23)


def test_the_place_is_the_meeting_s_not_a_later_one():
    text = (
        "The delegations will meet again in Washington in January. "
        "The President received the delegations at the National Palace in Mexico City today."
    )
    city, venue = readout.meeting_place(text, CITIES, at=text.index("The President"))
    assert (city.value, city.confidence) == ("Mexico City", "high")
    assert venue.value == "National Palace"
    city, _ = readout.meeting_place("They will meet again in Washington.", CITIES)
    assert city is None


def test_front_matter_gives_the_document_facts():
    raw = "---\ntitle: \"Readout of a\\_Trip\"\ndate: '2024-06-12'\nsource_url: https://example.org/r/\n---\nText.\n"
    found = readout.front_matter(raw)
    assert found["title"].value == "Readout of a Trip"
    assert found["publication_date"].value == dt.date(2024, 6, 12)
    assert found["source_url"].value == "https://example.org/r/"


def test_a_forum_named_outside_the_meeting_sentence_is_a_guess():
    meetings = pd.DataFrame(
        {
            "forum": [
                "U.S.-Mexico High-Level Security Dialogue",
                "Strategic Dialogue on Disrupting Transnational Criminal Organizations",
            ],
            "series_id": ["hlsd", "sd-tco"],
            "meeting_id": ["HLSD-2023", "SDTCO-2017"],
            "date": pd.to_datetime(["2023-10-05", "2017-12-14"]),
        }
    )
    text = (
        "The delegations met today to disrupt transnational criminal organizations. "
        "They prepared a High-Level Security Dialogue."
    )
    found = readout.series(text, meetings, lead="The delegations met today.")
    assert found.value[0] == "hlsd" and found.confidence == "medium"  # named whole, but not as this meeting
    found = readout.series(text, meetings, lead="The High-Level Security Dialogue met today.")
    assert found.confidence == "high"


def test_a_genre_label_opens_a_title_and_a_speaker_label_does_not():
    title, _ = readout.title_and_dateline("FACT SHEET: The Second Meeting of the Dialogue\nToday, they met.\n")
    assert title.value == "FACT SHEET: The Second Meeting of the Dialogue"
    title, _ = readout.title_and_dateline("SECRETARY SMITH: Thank you all for coming\nMore.\n")
    assert title is None


def test_the_other_days_of_a_trip_are_listed():
    text = "On June 10, she met with the President. On June 11, she met with the President-elect."
    first = readout.meeting_date(text, dt.date(2024, 6, 12))
    assert first.value == dt.date(2024, 6, 10)
    others = readout.other_meeting_dates(text, dt.date(2024, 6, 12), first.value)
    assert [o.value for o in others] == [dt.date(2024, 6, 11)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\n\u00a0\u2003é"), max_size=80))
def test_a_line_of_thirteen_words_is_told_as_split_tells_it(line):
    # publication_date counts a line's words by a pattern that stops at the thirteenth (the line of a
    # one-line text is the whole text); it must say what counting every word says.
    assert bool(readout._THIRTEEN_WORDS.match(line)) == (len(line.split()) > 12)


def test_the_sentences_told_at_once_are_those_told_one_by_one(ds):
    # _told finds meeting words, later meetings and years in one pass over the text and places them in their
    # sentences; it must tell each sentence as the per-sentence tests do, on every text of the corpus and on
    # constructed sentences at the edges (a year or a meeting word first or last, a later meeting).
    texts = [ds.text(doc_id) for doc_id in ds.documents["doc_id"]]
    texts.append(
        "Washington, March 3, 2024.\nMet. The two met again in 2025. Visited\n2024 talks. "
        "They will meet at the next dialogue. Meeting."
    )
    for text in texts:
        told = readout._told(text)
        spans = readout.sentences(text)
        assert told.spans == spans
        assert told.reports == [readout._reports_this_meeting(t) for _, _, t in spans]
        assert told.datelines == [readout._is_dateline_sentence(t) for _, _, t in spans]
