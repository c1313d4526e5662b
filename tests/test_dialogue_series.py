"""The dialogue series: every meeting dated by a quoted source page, consistent with the corpus."""

import csv
import hashlib

import pandas as pd
import pytest

from conftest import DATA
from helpers import load_dataset
from helpers.cleaning import prepare
from helpers.text import contains_quote
from helpers.errors import DataError

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
                doc["source_url"], doc["title"], doc["publisher"]), event.event_id
            continue
        if event.reference_id == "follow-up":
            assert event.source_quote in follow_up and event.source_url in follow_up, event.event_id
            continue
        ref = rows[event.reference_id]
        assert (event.source_quote, event.source_url, event.source_title, event.source_publisher) == (
            ref["quote"], ref["source_url"], ref["source_title"], ref["source_org"]), event.event_id


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
    for series_id, group in ds.dialogue_series.groupby("series_id"):
        numbered = group.dropna(subset=["series_number"]).sort_values("date")
        assert numbered["series_number"].tolist() == list(range(1, len(numbered) + 1)), series_id


def test_an_unknown_meeting_is_named_with_file_row_and_field(data_copy):
    path = data_copy / "dialogue_series.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[2, "meeting_id"] = "HLSD-2099"
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match=r"dialogue_series.csv, row 3 .*field 'meeting_id'.*HLSD-2099"):
        load_dataset(data_copy)


@pytest.fixture
def small_series():
    return pd.DataFrame({
        "event_id": ["a-2001", "a-2003", "b-2002"], "series_id": ["a", "a", "b"],
        "series_name": ["Series A", "Series A", "Series B"], "series_number": [1, 2, None],
        "date": pd.to_datetime(["2001-05-01", "2003-05-01", "2002-01-01"]), "city": ["Washington", "Mexico City", "X"],
        "host_country": ["US", "MX", "MX"], "meeting_id": [None, "A-2003", "B-2002"],
        "source_publisher": ["P"] * 3, "source_title": ["T"] * 3, "source_url": ["https://example.org/x"] * 3,
    })


def test_series_facts_count_coverage_and_gaps(small_series):
    from helpers import series as sr

    events = sr.events(type("DS", (), {"dialogue_series": small_series})())
    assert events["event_id"].tolist() == ["a-2001", "b-2002", "a-2003"]
    facts = sr.facts(events)
    assert (facts["n_events"], facts["n_series"], facts["n_covered"], facts["n_missing"]) == (3, 2, 2, 1)
    assert facts["missing_list"] == "Series A no. 1 (May 2001, Washington)"
    assert (facts["n_inaugural"], facts["n_inaugural_missing"], facts["n_mx_hosted"]) == (1, 1, 2)
    assert facts["gap_min"] == facts["gap_max"] == pytest.approx(485 / 365.25)
    assert sr.month(events, "a", 2) == "May 2003"
    assert sr.summary(events).index.tolist() == ["a", "b"]
    table = sr.source_table(events, lambda text, url: f"{text} <{url}>")
    assert table.iloc[0].tolist() == ["Series A", "1", "2001-05-01", "Washington", "not covered",
                                      'P, "T" <https://example.org/x>']


def test_the_series_timeline_draws_every_meeting_filled_when_covered(small_series):
    import matplotlib.pyplot as plt

    from helpers import series as sr
    from helpers.charts import series as charts

    events = sr.events(type("DS", (), {"dialogue_series": small_series})())
    fig = charts.timeline(events, sr.summary(events)["name"])
    ax = fig.axes[0]
    points = sum(len(c.get_offsets()) for c in ax.collections)
    hollow = sum(len(c.get_offsets()) for c in ax.collections if tuple(c.get_facecolors()[0][:3]) == (1.0, 1.0, 1.0))
    assert (points, hollow) == (3, 1)
    assert {t.get_text() for t in ax.texts} == {"Series A", "Series B", "May 2001", "May 2003 (A-2003)",
                                                 "Jan 2002 (B-2002)"}
    plt.close(fig)
