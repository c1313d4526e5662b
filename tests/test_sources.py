import pandas as pd
import pytest

from helpers import load_dataset, sources


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
