"""The first-try drafting scores of the methods appendix, on constructed counts and on the kept drafts."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import draft_scores


def _scores():
    return pd.DataFrame(
        [
            ["a", "readout", 3, 4, 3, 5, 1, 2, 1, True, False],
            ["b", "fact sheet", 1, 1, 1, 1, 9, 9, 11, False, True],
        ],
        columns=draft_scores.COLUMNS,
    )


def test_totals_pool_the_counts_of_every_text():
    totals = draft_scores.totals(_scores())
    assert totals["participant_precision"] == pytest.approx(4 / 5)
    assert totals["participant_recall"] == pytest.approx(4 / 6)
    assert totals["claim_precision"] == pytest.approx(10 / 11)
    assert totals["claim_recall"] == pytest.approx(10 / 12)
    assert (totals["n_texts"], totals["dates_right"], totals["places_right"]) == (2, 1, 1)
    facts = draft_scores.total_facts(totals)
    assert facts["participant_precision_pct"] == pytest.approx(80.0)


def test_the_printed_table_pairs_each_count_with_its_total():
    table = draft_scores.table(_scores())
    first = table.iloc[0]
    assert first["participants right of proposed"] == "3 of 4"
    assert first["participations found of accepted"] == "3 of 5"
    assert first["claims found of accepted"] == "1 of 1"
    assert (first["date"], first["place"]) == ("right", "wrong")


def test_every_kept_first_draft_is_scored_against_its_accepted_text(ds):
    scores = draft_scores.scores(ds)
    assert len(scores) == len(draft_scores.first_try_drafts())
    assert (scores["participants_right"] <= scores["participants_proposed"]).all()
    assert (scores["claims_found"] <= scores["claims_accepted"]).all()
