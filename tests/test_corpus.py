"""The corpus chapter's tables and figure, on the dataset and on a small table."""

from __future__ import annotations

import pandas as pd

from helpers import corpus
from helpers.charts import corpus as charts


def test_documents_are_in_meeting_order_with_their_lengths(ds):
    documents = corpus.documents(ds)
    assert documents["date"].is_monotonic_increasing
    assert (documents["words (cleaned)"] <= documents["words (raw)"]).all()
    facts = corpus.document_facts(documents)
    assert facts["n_documents"] == len(ds.documents) and facts["min_words"] <= facts["max_words"]


def test_every_participation_is_counted_once(ds):
    meetings = corpus.meetings(ds)
    counts = corpus.participant_counts(ds, meetings["meeting_id"])
    countries = [c for c in counts.columns if c not in ("meeting_id", "named only in mentions")]
    assert int(counts[countries].to_numpy().sum()) == len(ds.participants)
    assert counts["meeting_id"].tolist() == meetings["meeting_id"].tolist()
    assert len(corpus.participant_list(ds, meetings)) == len(ds.participants)


def test_the_participant_list_shows_corrected_titles_beside_the_titles_as_written(ds):
    listing = corpus.participant_list(ds, corpus.meetings(ds)).set_index(["meeting_id", "name"])["title_as_written"]
    assert listing["HLSD-2023", "Alejandro Mayorkas"] == (
        "Secretary of National Security (erratum E04: Secretary of Homeland Security)"
    )
    assert listing["HLSD-2023", "Elizabeth Sherwood-Randall"].endswith("(erratum E08: Homeland Security Advisor)")
    assert listing["HLSD-2023", "Merrick Garland"] == "Attorney General"


def test_the_cleaning_table_shortens_long_removals():
    log = pd.DataFrame(
        {
            "doc_id": ["d"],
            "rule_id": ["C01"],
            "action": ["remove"],
            "characters_removed": [100],
            "removed_text": ["word\n" * 20],
            "reason": ["r"],
        }
    )
    removed = corpus.cleaning_table(log, width=10)["removed"].iloc[0]
    assert removed == "word word  ..."


def test_the_timeline_marks_inferred_dates_hollow():
    meetings = pd.DataFrame(
        {
            "meeting_id": ["A-2001", "B-2005"],
            "date": pd.to_datetime(["2001-01-01", "2005-01-01"]),
            "date_status": ["stated", "inferred"],
            "forum": ["f", "g"],
            "host_country": ["US", "MX"],
            "city": ["Washington", "Mexico City"],
            "documents": [1, 2],
        }
    )
    fig = charts.timeline(meetings)
    ax = fig.axes[0]
    from matplotlib.collections import PathCollection

    faces = [tuple(c.get_facecolors()[0][:3]) for c in ax.collections if isinstance(c, PathCollection)]
    assert (1.0, 1.0, 1.0) in faces and len(faces) == 2
    # One row per meeting, top to bottom in time, each labelled with its id, date, city and texts.
    assert [t.get_text() for t in ax.texts] == [
        "A-2001  01 Jan 2001, Washington, 1 text",
        "B-2005  01 Jan 2005, Mexico City, 2 texts",
    ]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]


def test_the_glossary_names_what_a_renamed_body_replaced():
    from helpers import agencies

    table = pd.DataFrame(
        {
            "agency_id": ["mx-pgr", "mx-fgr", "us-x"],
            "acronym": ["PGR", "FGR", None],
            "name_en": ["Attorney General's Office", "Attorney General's Office", "Office X"],
            "name_es": ["Procuraduría", "Fiscalía", None],
            "predecessor_id": [None, "mx-pgr", None],
            "country": ["MX", "MX", "US"],
            "sector": ["justice"] * 3,
        }
    )
    shown = agencies.glossary(table).set_index("agency_id")
    assert shown.loc["mx-fgr", "name_en"] == "Attorney General's Office (replaced PGR)"
    assert shown.loc["us-x", "acronym"] == "—" and shown.loc["us-x", "name_es"] == ""


class _Dataset:
    """A stand-in for the dataset with only the tables a function reads."""

    def __init__(self, **tables):
        self.__dict__.update(tables)


def test_the_inclusion_table_counts_each_decision_by_collection():
    considered = pd.DataFrame(
        {
            "collection": ["first-edition", "first-edition", "added"],
            "decision": ["included", "excluded", "included"],
            "doc_id": ["a", None, "b"],
            "reason": ["fits", "a duplicate of a", "fits"],
        }
    )
    ds = _Dataset(texts_considered=considered, documents=pd.DataFrame({"genre": ["readout", "announcement"]}))
    table = corpus.inclusion_table(ds).set_index("collection")
    first = table.loc[corpus.COLLECTIONS["first-edition"]]
    assert (first["considered"], first["included"], first["excluded"]) == (2, 1, 1)
    assert first["reasons for exclusion"] == "a duplicate of a"
    assert table.loc[corpus.COLLECTIONS["added"], "reasons for exclusion"] == "none"
    facts = corpus.inclusion_facts(ds)
    assert (facts["n_considered"], facts["n_included"], facts["n_excluded"], facts["n_announcements"]) == (3, 2, 1, 1)


def test_accounts_say_which_government_published_the_texts_of_each_meeting():
    documents = pd.DataFrame(
        {
            "doc_id": ["us1", "mx1", "us2"],
            "meeting_id": ["M1", "M1", "M2"],
            "publisher_country": ["US", "MX", "US"],
            "genre": ["blog post", "press release", "joint statement"],
        }
    )
    participants = pd.DataFrame({"meeting_id": ["M3"], "doc_id": ["us2"]})  # us2 also reports M3
    ds = _Dataset(documents=documents, participants=participants)
    meetings = pd.DataFrame({"meeting_id": ["M1", "M2", "M3"], "date": pd.to_datetime(["2001-01-01"] * 3)})
    table = corpus.accounts(ds, meetings).set_index("meeting_id")
    assert table["publishers"].tolist() == ["both", "U.S. only", "U.S. only"]
    assert table.loc["M1", "published by Mexico"] == "mx1 (press release)"
    assert table["joint statement"].tolist() == ["no", "yes", "yes"]
    assert corpus.account_facts(table) == {"n_us_only": 2, "n_mx_only": 0, "n_both": 1, "n_joint": 2}


def test_uncovered_meetings_are_named_with_their_number_and_date():
    series = pd.DataFrame(
        {
            "series_name": ["Group", "Talks", "Group"],
            "series_number": [1, None, 2],
            "date": pd.to_datetime(["2008-12-19", "2019-12-05", "2010-03-23"]),
            "city": ["Washington", "Mexico City", "Mexico City"],
            "meeting_id": [None, None, "M1"],
        }
    )
    uncovered = corpus.uncovered_events(_Dataset(dialogue_series=series))
    assert uncovered["series_name"].tolist() == ["Group", "Talks"]
    assert corpus.uncovered_facts(uncovered) == {
        "n_uncovered": 2,
        "uncovered_phrase": "Group, meeting 1 (19 December 2008); and Talks (5 December 2019)",
    }


def test_document_facts_name_the_genres_by_frequency():
    documents = pd.DataFrame(
        {
            "genre": ["readout", "press release", "readout"],
            "translation": ["original"] * 3,
            "language": ["en"] * 3,
            "words (cleaned)": [10, 20, 30],
        }
    )
    facts = corpus.document_facts(documents)
    assert facts["genre_phrase"] == "2 readouts and 1 press release"
    assert (facts["n_genres"], facts["n_not_english"], facts["max_words"]) == (2, 0, 30)


def test_errata_facts_count_the_kinds():
    errata = pd.DataFrame({"kind": ["wrong title", "dateline", "wrong title"]})
    assert corpus.errata_facts(_Dataset(errata=errata)) == {
        "n_errata": 3,
        "n_errata_kinds": 2,
        "errata_kinds": "wrong title: 2, dateline: 1",
    }
