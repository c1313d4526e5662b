"""The dialogue series: every meeting dated by a quoted source page, consistent with the corpus."""

import csv
import hashlib

import pandas as pd
import pytest

from helpers import load_dataset
from helpers.cleaning import prepare
from helpers.errors import DataError
from helpers.text import contains_quote

from conftest import DATA

REFERENCE = DATA / "reference"


def _reference_rows():
    with (REFERENCE / "reference_stats.csv").open(encoding="utf-8", newline="") as handle:
        return {row["claim_id"]: row for row in csv.DictReader(handle)}


def test_reference_notes_are_verbatim_copies():
    for line in (REFERENCE / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        assert hashlib.sha256((REFERENCE / name).read_bytes()).hexdigest() == digest, name


def test_every_event_quotes_its_source_as_the_reference_notes_record_it(ds):
    rows, follow_up = _reference_rows(), (REFERENCE / "follow-up.md").read_text(encoding="utf-8")
    documents = ds.documents.set_index("doc_id")
    for event in ds.dialogue_series.itertuples():
        if event.reference_id.startswith("doc:"):
            # Dated by the corpus text that reports the meeting: the quote is that text's, and so is the page.
            doc_id = event.reference_id.removeprefix("doc:")
            doc = documents.loc[doc_id]
            assert contains_quote(prepare(ds.text(doc_id, cleaned=False), doc["format"]), event.source_quote)
            assert (event.source_url, event.source_title, event.source_publisher) == (
                doc["source_url"],
                doc["title"],
                doc["publisher"],
            ), event.event_id
            continue
        if event.reference_id == "follow-up":
            assert event.source_quote in follow_up and event.source_url in follow_up, event.event_id
            continue
        ref = rows[event.reference_id]
        assert (event.source_quote, event.source_url, event.source_title, event.source_publisher) == (
            ref["quote"],
            ref["source_url"],
            ref["source_title"],
            ref["source_org"],
        ), event.event_id


def test_the_corpus_meetings_agree_with_the_series(ds):
    series = ds.dialogue_series.dropna(subset=["meeting_id"]).set_index("meeting_id")
    meetings = ds.meetings.set_index("meeting_id")
    assert sorted(series.index) == sorted(meetings.index)
    for meeting_id, meeting in meetings.iterrows():
        event = series.loc[meeting_id]
        assert event["date"] == meeting["date"] and event["series_id"] == meeting["series_id"], meeting_id
        assert event["host_country"] == meeting["host_country"], meeting_id
        assert event["city"].split(",")[0] == meeting["city"].split(",")[0], meeting_id


def test_series_numbers_follow_the_dates(ds):
    # A series can start after its first meetings (the fourth Trilateral Fentanyl Committee is the first listed):
    # the listed numbers then run on from there, one by one.
    for series_id, group in ds.dialogue_series.groupby("series_id"):
        numbered = group.dropna(subset=["series_number"]).sort_values("date")["series_number"].tolist()
        assert numbered == list(range(numbered[0], numbered[0] + len(numbered))) if numbered else True, series_id


def test_numbered_corpus_meetings_keep_their_number_in_the_series(ds):
    numbers = ds.dialogue_series.dropna(subset=["meeting_id"]).set_index("meeting_id")["series_number"]
    for meeting in ds.meetings.dropna(subset=["series_number"]).itertuples():
        assert numbers[meeting.meeting_id] == meeting.series_number, meeting.meeting_id


def test_an_unknown_meeting_is_named_with_file_row_and_field(data_copy):
    path = data_copy / "dialogue_series.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[2, "meeting_id"] = "HLSD-2099"
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match=r"dialogue_series.csv, row 3 .*field 'meeting_id'.*HLSD-2099"):
        load_dataset(data_copy)


@pytest.fixture
def small_series():
    return pd.DataFrame(
        {
            "event_id": ["a-2001", "a-2003", "b-2002", "c-2003"],
            "series_id": ["a", "a", "b", "c"],
            "series_name": ["Series A", "Series A", "Series B", "Series C"],
            "series_number": [1, 2, None, 3],
            "date": pd.to_datetime(["2001-05-01", "2003-05-01", "2002-01-01", "2003-05-03"]),
            "city": ["Washington", "Mexico City", "X", "Y"],
            "host_country": ["US", "MX", "MX", "MX"],
            "meeting_id": [None, "A-2003", "B-2002", "C-2003"],
            "reference_id": ["1a", "1b", "doc:b", "doc:c"],
            "source_publisher": ["P"] * 4,
            "source_title": ["T"] * 4,
            "source_url": ["https://example.org/x"] * 4,
        }
    )


@pytest.fixture
def small_meetings():
    return pd.DataFrame(
        {
            "meeting_id": ["A-2003", "B-2002", "C-2003"],
            "us_administration": ["Two", "One", "Two"],
            "series_number": [2, None, 3],
        }
    )


def _events(small_series):
    from helpers import series as sr

    return sr.events(type("DS", (), {"dialogue_series": small_series})())


def test_series_facts_count_coverage_and_gaps(small_series, small_meetings):
    from helpers import series as sr

    events = _events(small_series)
    assert events["event_id"].tolist() == ["a-2001", "b-2002", "a-2003", "c-2003"]
    facts = sr.facts(events, small_meetings)
    assert (facts["n_events"], facts["n_series"], facts["n_covered"], facts["n_missing"]) == (4, 3, 3, 1)
    assert facts["missing_list"] == "Series A no. 1 (May 2001, Washington)"
    assert (facts["n_inaugural"], facts["n_inaugural_covered"], facts["n_mx_hosted"]) == (1, 0, 3)
    assert facts["inaugural_missing"] == "Series A no. 1 (May 2001, Washington)"
    assert facts["inaugural_covered"] == "none"
    assert facts["gap_max"] == pytest.approx(485 / 365.25) and facts["gap_min_days"] == 2
    assert (facts["gap_max_from"], facts["gap_max_to"]) == ("B-2002", "A-2003")
    assert facts["by_administration"] == "one meeting under One (2002) and two meetings under Two (2003)"
    assert (facts["last_admin"], facts["n_last_admin"]) == ("Two", 2)
    assert facts["last_admin_max_months"] == pytest.approx(2 / 30.44)
    assert facts["n_same_series"] == 0 and (facts["n_early"], facts["n_early_series"]) == (1, 1)
    assert sr.month(events, "a", 2) == "May 2003"
    assert sr.summary(events).index.tolist() == ["a", "b", "c"]
    table = sr.source_table(events, lambda text, url: f"{text} <{url}>")
    assert table.iloc[0].tolist() == [
        "Series A",
        "1",
        "2001-05-01",
        "Washington",
        "not covered",
        'P, "T" <https://example.org/x>',
    ]
    assert table.iloc[1, -1] == "corpus text b"


def test_series_overview_and_coverage_are_computed_sentences(small_series):
    from helpers import series as sr

    events = _events(small_series)
    overview = dict(sr.overview(events))
    assert overview["Series A"] == (
        "two meetings, May 2001 in Washington (no. 1, no text in the corpus) and "
        "May 2003 in Mexico City (no. 2, A-2003)."
    )
    assert overview["Series B"] == "one meeting, January 2002 in X (B-2002)."
    coverage = dict(sr.coverage(events))
    assert coverage["Series A"] == "the corpus has A-2003 (May 2003); it has no text of the meeting of May 2001."
    assert coverage["Series C"] == (
        "the corpus has a text of every listed meeting: C-2003 (May 2003); the first two "
        "meetings of the series are not listed; these meetings are dated only by the "
        "corpus texts, so a meeting of the series without a text would not be listed."
    )
    assert sr.overview_markdown(events).startswith("- **Series A**: two meetings\\, May 2001")


def test_barr_facts_quote_the_notes_and_check_the_participants(small_series):
    from helpers import series as sr

    events = _events(small_series.assign(series_id=["barr", "barr", "b", "c"]))
    notes = (
        "| 11 | 2003 row of a table naming Gertz Manero |\n- A line of 2001.\n"
        "- In 2003 the article says Barr met Alejandro Gertz Manero.\n"
    )
    participants = pd.DataFrame({"meeting_id": ["A-2003"], "person_id": ["someone-else"]})
    facts = sr.barr_facts(events, participants, notes, series_id="barr")
    assert facts == {
        "visit": "1 May 2001",
        "followup": "1 May 2003",
        "followup_meeting": "A-2003",
        "quote": "In 2003 the article says Barr met Alejandro Gertz Manero.",
        "named": "does not name",
    }
    participants.loc[0, "person_id"] = "alejandro-gertz-manero"
    assert sr.barr_facts(events, participants, notes, series_id="barr")["named"] == "names"


def test_the_series_timeline_gives_every_meeting_its_own_row(small_series):

    from helpers import series as sr
    from helpers.charts import series as charts

    events = _events(small_series)
    names = sr.summary(events)["name"]
    assert charts.rows(events, names)["kind"].tolist() == [
        "series",
        "meeting",
        "meeting",
        "series",
        "meeting",
        "series",
        "meeting",
    ]
    fig = charts.timeline(events, names)
    ax = fig.axes[0]
    points = [c for c in ax.collections if len(c.get_offsets())]
    hollow = [c for c in points if tuple(c.get_facecolors()[0][:3]) == (1.0, 1.0, 1.0)]
    assert (len(points), len(hollow)) == (4, 1)
    assert {t.get_text() for t in ax.texts} == {
        "Series A",
        "Series B",
        "Series C",
        "not covered",
        "A-2003",
        "B-2002",
        "C-2003",
    }
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1 May 2001 (no. 1)",
        "1 May 2003 (no. 2)",
        "1 Jan 2002",
        "3 May 2003 (no. 3)",
    ]
    assert len(fig.legends[0].get_texts()) == 4
