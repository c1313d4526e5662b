import pandas as pd
import pytest

from helpers import load_dataset, sources
from helpers.claims import Tolerance


@pytest.fixture(scope="module")
def profile():
    return sources.profile(load_dataset())


def test_one_row_per_document_in_meeting_order(profile):
    ds = load_dataset()
    assert sorted(profile["doc_id"]) == sorted(ds.documents["doc_id"])
    assert profile["doc_id"].is_unique


def test_counts_add_up_to_the_tables(profile):
    ds = load_dataset()
    assert profile["claims"].sum() == len(ds.claims)
    assert (profile["participants_listed"] + profile["participants_other"]).sum() == len(ds.participants)


def test_rates_are_per_thousand_words(profile):
    for row in profile.itertuples():
        assert row.claims_per_1000_words == round(1000 * row.claims / row.words, 2)
        assert row.mentions_per_1000_words == round(1000 * row.theme_mentions / row.words, 2)


def test_share_is_a_percentage_of_the_column_total():
    frame = pd.DataFrame({"words": [100, 300]})
    assert sources.share(frame, "words", frame["words"] > 200) == 75.0
    assert sources.share(frame.iloc[0:0], "words", frame.iloc[0:0]["words"] > 0) == 0.0


def small_profile():
    """Three texts: a long transcript and two press releases, one of them translated."""
    return pd.DataFrame(
        {
            "doc_id": ["rel-a", "transcript", "rel-b"],
            "meeting_id": ["M1", "M2", "M3"],
            "genre": ["press release", "transcript", "press release"],
            "translation": ["original", "interpreted", "translated"],
            "words": [100, 800, 100],
            "participants_listed": [5, 0, 7],
            "participants_other": [1, 4, 0],
            "claims": [1, 6, 1],
            "claims_per_1000_words": [10.0, 7.5, 10.0],
            "theme_mentions": [2, 8, 3],
            "mentions_per_1000_words": [20.0, 10.0, 30.0],
            "themes": [2, 5, 3],
        }
    )


def test_profile_facts_pick_the_longest_text_and_the_press_releases():
    assert sources.profile_facts(small_profile()) == {
        "longest_meeting": "M2",
        "share_words_longest": 80.0,
        "share_claims_longest": 75.0,
        "listed_releases": 12,
        "listed_all": 12,
        "n_translated": 2,
        "n_documents": 3,
        "listed_longest": 0,
        "other_longest": 4,
    }


def test_tolerance_facts_are_per_cent():
    assert sources.tolerance_facts(Tolerance(consistent=0.01, about=0.04, approximate=0.2)) == pytest.approx(
        {"tol_consistent": 1.0, "tol_about": 4.0, "tol_approx": 20.0}
    )


def test_profile_table_has_readers_headings():
    table = sources.profile_table(small_profile())
    assert list(table.columns) == [
        "document",
        "genre",
        "language",
        "words",
        "listed",
        "other named",
        "claims",
        "claims per 1,000 words",
        "theme mentions per 1,000 words",
        "themes",
    ]
    assert table["document"].tolist() == ["rel-a", "transcript", "rel-b"]


def _profile_rows():
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "genre": ["readout", "fact sheet", "readout"],
            "words": [1000, 3000, 1000],
            "participants_listed": [4, 0, 6],
            "participants_other": [1, 2, 0],
            "claims": [0, 30, 2],
            "theme_mentions": [20, 60, 30],
        }
    )


def test_the_genre_profile_sums_each_genre_and_rates_per_thousand_words():
    by_genre = sources.genre_profile(_profile_rows()).set_index("genre")
    assert by_genre.index.tolist() == ["fact sheet", "readout"]  # most words first
    readout = by_genre.loc["readout"]
    assert (readout["texts"], readout["words"], readout["listed"], readout["claims"]) == (2, 2000, 10, 2)
    assert readout["claims per 1,000 words"] == 1.0 and readout["theme mentions per 1,000 words"] == 25.0


def test_genre_facts_name_the_genre_of_the_lists_and_of_the_claims():
    facts = sources.genre_facts(sources.genre_profile(_profile_rows()))
    assert (facts["top_listed_genre"], facts["top_listed_share"]) == ("readout", 100.0)
    assert facts["top_claims_genre"] == "fact sheet" and round(facts["top_claims_share"], 1) == 93.8
    assert facts["genres_without_lists"] == "fact sheet"
