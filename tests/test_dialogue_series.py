"""The dialogue series: every meeting dated by a quoted source page, consistent with the corpus."""

import csv
import hashlib

import pandas as pd
import pytest

from helpers import load_dataset
from helpers.errors import DataError

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
    for event in ds.dialogue_series.itertuples():
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
