"""Frameworks and outcomes: every quote found in its source, every meeting covered, the chapter's tables and counts."""

import csv

import pandas as pd
import pytest

from helpers import background as bg
from helpers import load_dataset
from helpers.cleaning import prepare
from helpers.corpus import reporting
from helpers.errors import DataError
from helpers.text import contains_quote

from conftest import DATA

REFERENCE = DATA / "reference"

#: How a text names each framework: a meeting whose texts name one must link to it, or be listed in MENTIONS.
NAMES = {
    "merida": "Merida Initiative",
    "bicentennial": "Bicentennial",
    "tfc": "Trilateral Fentanyl Committee",
    "la-declaration": "Los Angeles Declaration",
    "sd-tco": "Disrupting Transnational Criminal Organizations",
}
#: Texts that name a framework without the meeting working under it.
MENTIONS = {
    ("SDV-2024-02", "tfc"): "wh-2024 announces the next day's committee meeting (TFC-2024-02), a meeting of its own",
    ("SDV-2024-06a", "la-declaration"): "the meetings fell on the declaration's anniversary",
    ("SDV-2024-06b", "la-declaration"): "the meetings fell on the declaration's anniversary",
    ("HLSD-2023", "la-declaration"): "Mayorkas names the 21 countries party to the declaration",
    ("SDV-2023-12", "la-declaration"): "named only in the title of an official of the delegation",
}


def _reference_rows():
    with (REFERENCE / "reference_stats.csv").open(encoding="utf-8", newline="") as handle:
        return {row["claim_id"]: row for row in csv.DictReader(handle)}


def test_every_framework_quote_is_found_in_its_source(ds):
    rows, follow_up = _reference_rows(), (REFERENCE / "follow-up.md").read_text(encoding="utf-8")
    documents = ds.documents.set_index("doc_id")
    for row in ds.frameworks.itertuples():
        where = (row.framework_id, row.component)
        if row.doc_id is not None:
            text = prepare(ds.text(row.doc_id, cleaned=False), documents.loc[row.doc_id, "format"])
            assert contains_quote(text, row.quote), where
            assert row.source_url is None and row.reference_id is None, where
        elif row.reference_id == "follow-up":
            assert row.quote in follow_up and row.source_url in follow_up, where
        else:
            ref = rows[row.reference_id]
            assert (row.quote, row.source_url, row.source_title, row.source_publisher) == (
                ref["quote"],
                ref["source_url"],
                ref["source_title"],
                ref["source_org"],
            ), where


def test_each_framework_has_one_heading_row_and_numbered_components(ds):
    for framework_id, group in ds.frameworks.groupby("framework_id"):
        heading = group[group["component"] == 0]
        assert heading["kind"].tolist() == ["framework"], framework_id
        assert sorted(group["component"]) == list(range(len(group))), framework_id
        assert (group.loc[group["component"] > 0, "kind"] != "framework").all(), framework_id


def test_the_frameworks_are_those_the_brief_names(ds):
    labels = ds.frameworks.set_index(["framework_id", "component"])["label"]
    assert [labels["merida", n] for n in range(1, 5)] == [
        "Disrupt organized criminal groups",
        "Institutionalize the rule of law",
        "Create a 21st-century border",
        "Build strong and resilient communities",
    ]
    assert [labels["bicentennial", n] for n in range(1, 4)] == [
        "Protect our people",
        "Prevent transborder crime",
        "Pursue criminal networks",
    ]


def test_a_meeting_and_its_evidence_come_from_a_text_that_reports_it(ds):
    reported = set(reporting(ds).itertuples(index=False, name=None))
    for table in (ds.meeting_frameworks, ds.outcomes):
        for row in table.itertuples():
            assert (row.meeting_id, row.doc_id) in reported, (row.meeting_id, row.doc_id)


def test_a_meeting_whose_texts_name_a_framework_is_linked_to_it(ds):
    texts = reporting(ds)
    linked = set(ds.meeting_frameworks[["meeting_id", "framework_id"]].itertuples(index=False, name=None))
    for meeting_id, group in texts.groupby("meeting_id"):
        words = " ".join(ds.text(d, cleaned=False) for d in group["doc_id"])
        for framework_id, name in NAMES.items():
            if name in words:
                assert (meeting_id, framework_id) in linked or (meeting_id, framework_id) in MENTIONS, (
                    meeting_id,
                    framework_id,
                )
    assert not linked & set(MENTIONS)


def test_every_meeting_has_its_outcomes_or_says_it_has_none(ds):
    kinds = ds.outcomes.groupby("meeting_id")["kind"].agg(set)
    assert set(kinds.index) == set(ds.meetings["meeting_id"])
    for meeting_id, found in kinds.items():
        assert found == {"none"} or "none" not in found, meeting_id


def test_outcome_ids_follow_the_meetings(ds):
    frame = bg.outcomes(ds)
    assert frame["outcome_id"].tolist() == sorted(frame["outcome_id"])


def test_a_misquoted_outcome_is_named_with_file_row_and_field(data_copy):
    path = data_copy / "outcomes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[1, "quote"] = "an agreement no text records"
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match=r"outcomes.csv, row 2 .*field 'quote'"):
        load_dataset(data_copy)


def test_a_framework_row_quotes_one_source_only(data_copy):
    path = data_copy / "frameworks.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = frame.index[frame["reference_id"] != ""][0]
    frame.loc[row, "doc_id"] = "pres-2010"
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(
        DataError, match=rf"frameworks.csv, row {row + 1} .*exactly one of \['doc_id', 'reference_id'\]"
    ):
        load_dataset(data_copy)


# Small constructed inputs for the chapter's functions.


@pytest.fixture
def small():
    frameworks = pd.DataFrame(
        {
            "framework_id": ["f", "f", "f", "g"],
            "component": [0, 1, 2, 0],
            "kind": ["framework", "goal", "goal", "framework"],
            "label": ["Frame F", "Go", "Stop", "Frame G"],
            "doc_id": ["d1", "d1", "d1", None],
            "reference_id": [None, None, None, "9a"],
            "source_publisher": [None, None, None, "Pub"],
            "source_title": [None, None, None, "Title"],
            "source_url": [None, None, None, "https://example.org/g"],
            "quote": ["F is set", "go", "stop", "G met"],
        }
    )
    meetings = pd.DataFrame(
        {
            "meeting_id": ["M2", "M1", "M3"],
            "series_id": ["s", "s", "v"],
            "date": pd.to_datetime(["2002-01-01", "2001-01-01", "2003-01-01"]),
        }
    )
    links = pd.DataFrame(
        {
            "meeting_id": ["M2", "M1"],
            "framework_id": ["f", "g"],
            "doc_id": ["d1", "d0"],
            "quote": ["under F", "under G"],
        }
    )
    documents = pd.DataFrame(
        {"doc_id": ["d0", "d1", "d2", "d3"], "genre": ["readout", "joint statement", "readout", "blog post"]}
    )
    outcomes = pd.DataFrame(
        {
            "outcome_id": ["O01", "O02", "O03", "O04"],
            "meeting_id": ["M1", "M2", "M2", "M3"],
            "doc_id": ["d0", "d1", "d1", "d2"],
            "kind": ["agreement", "launch", "commitment", "none"],
            "what": ["Deal", "Frame F", "Pledge", "No outcome recorded"],
            "quote": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2001-01-01", "2002-01-01", "2002-01-01", "2003-01-01"]),
            "genre": ["readout", "joint statement", "joint statement", "readout"],
        }
    )
    return frameworks, meetings, links, documents, outcomes


def test_framework_tables_and_facts(small):
    frameworks, meetings, links, documents, _ = small
    order = bg.framework_order(links, meetings, frameworks)
    assert order == ["g", "f"]
    table = bg.framework_table(frameworks, documents.set_index("doc_id"), order, lambda t, u: f"{t} <{u}>")
    assert table["framework or component"].tolist() == [
        "(the framework)",
        "(the framework)",
        "Goal 1: Go",
        "Goal 2: Stop",
    ]
    assert table["framework"].tolist() == ["Frame G", "Frame F", "", ""]
    assert table["source"].tolist() == [
        'Pub, "Title" (reference notes) <https://example.org/g>',
        "d1 (joint statement)",
        "d1 (joint statement)",
        "d1 (joint statement)",
    ]
    shown = bg.meeting_table(meetings, links, frameworks)
    assert shown["meeting"].tolist() == ["M1", "M2", "M3"]
    assert shown["framework"].tolist() == ["Frame G", "Frame F", bg.NO_FRAMEWORK]
    facts = bg.framework_facts(meetings, links, frameworks, {"v": "Visits"})
    assert (facts["n_frameworks"], facts["n_named"], facts["n_none"], facts["none_list"]) == (2, 2, 1, "M3")
    assert facts["none_series"] == "Visits"
    assert (facts["n_f"], facts["f_meetings"], facts["f_goals"], facts["f_goal_labels"]) == (1, "M2", "two", "Go; Stop")
    assert "g_goals" not in facts


def test_outcome_tables_and_facts(small):
    *_, documents, outcomes = small
    table = bg.outcome_table(outcomes)
    assert table.columns.tolist() == ["meeting", "kind", "what", "evidence (verbatim)", "text"]
    assert table["kind"].tolist()[-1] == "no outcome recorded" and table.iloc[0, 3] == '"a"'
    genres = bg.genre_table(outcomes, documents)
    assert genres["genre"].tolist() == ["joint statement", "readout", "blog post"]
    assert genres.set_index("genre").loc["readout"].tolist() == [2, 1, 0, 0, 0, 1]
    facts = bg.outcome_facts(outcomes, documents)
    assert (facts["n_outcomes"], facts["n_agreement"], facts["n_launch"], facts["n_commitment"]) == (3, 1, 1, 1)
    assert (facts["n_meetings_with"], facts["n_meetings_none"], facts["none_list"]) == (2, 1, "M3")
    assert facts["none_genres"] == "readouts"
    assert (facts["top_meeting"], facts["top_meeting_n"], facts["launches"]) == ("M2", 2, "Frame F (M2)")
    assert (facts["top_genre"], facts["top_genre_n"]) == ("joint statements", 2)
    assert facts["top_genre_share"] == pytest.approx(200 / 3)


def test_a_phase_is_named_by_its_label_not_numbered(small):
    frameworks, *_ = small
    phase = pd.DataFrame(
        {
            "framework_id": ["f"],
            "component": [3],
            "kind": ["phase"],
            "label": ["Phase II"],
            "doc_id": ["d1"],
            "reference_id": [None],
            "source_publisher": [None],
            "source_title": [None],
            "source_url": [None],
            "quote": ["phase two"],
        }
    )
    table = bg.framework_table(
        pd.concat([frameworks, phase]), pd.DataFrame({"genre": ["x"]}, index=["d1"]), ["f", "g"], lambda t, u: t
    )
    assert table["framework or component"].tolist()[:4] == ["(the framework)", "Goal 1: Go", "Goal 2: Stop", "Phase II"]
