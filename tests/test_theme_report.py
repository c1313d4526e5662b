"""Tests of helpers.theme_report: the themes chapter's tables and quoted numbers, on a small made-up corpus."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from small_themes import BOOK, TEXTS, coding

from helpers import theme_report as tr
from helpers import themes as th
from helpers.text import word_count

CRIME, ARMS, DRUGS, SHARED, MIGRATION, BORDER = BOOK["theme_id"]


@pytest.fixture(scope="module")
def coded():
    return coding()


def test_short_labels_and_label_lists():
    labels = BOOK.set_index("theme_id")["label"]
    assert tr.short_label("Synthetic drugs (fentanyl), precursors") == "synthetic drugs"
    assert tr.short_label("Shared responsibility, sovereignty") == "shared responsibility"
    assert tr.label_list([], labels) == "none"
    assert tr.label_list([MIGRATION], labels) == "migration"
    assert tr.label_list([ARMS, BORDER], labels) == "arms trafficking and border"
    assert tr.label_list([DRUGS, SHARED, MIGRATION], labels) == "synthetic drugs, shared responsibility and migration"


def test_meetings_of_year_keep_the_order_of_the_dates():
    dates = pd.Series(pd.to_datetime(["2020-05-01", "2019-01-01", "2020-01-01"]), index=["b", "x", "a"])
    assert tr.meetings_of_year(dates, 2020) == ["b", "a"]
    assert tr.meetings_of_year(dates, 2021) == []


def test_overview_facts(coded):
    assert tr.overview_facts(coded) == {
        "n_documents": 5, "n_meetings": 4, "n_themes": 6, "n_persistent": 1,
        "persistent_labels": "dismantling criminal organisations", "migration_first": "M4"}
    assert tr.overview_facts(coded, new_theme=SHARED)["migration_first"] == "M2"


def test_codebook_facts_and_table(coded):
    assert tr.codebook_facts(coded.book, coded.labels) == {
        "n_law_crime": 3, "n_no_cap": 2, "no_cap_labels": "shared responsibility and border"}
    table = tr.codebook_table(coded.book)
    assert list(table.columns) == ["theme_id", "label", "definition", "terms", "excluded", "CAP"]
    row = table.set_index("theme_id")
    assert row.at[ARMS, "terms"] == "arms; weapon" and row.at[ARMS, "excluded"] == ""
    assert row.at[ARMS, "CAP"] == "12 Law and Crime" and row.at[SHARED, "CAP"] == " "
    assert row.at[BORDER, "excluded"] == "both sides of the border"


def test_coding_facts(coded):
    words = [word_count(t) for t in TEXTS.values()]
    assert tr.coding_facts(coded) == {"n_sentences": 14, "n_matches": 20, "n_hits": 20,
                                      "max_words": max(words), "min_words": min(words)}


def test_document_table_is_in_meeting_order(coded):
    table = tr.document_table(coded).set_index("doc_id")
    assert list(table.index) == ["d2010", "mx-2015", "us-2015", "d2020", "d2023"]
    assert table.loc["d2010", ["meeting_id", "sentences", "mentions", "themes mentioned"]].tolist() == ["M1", 3, 5, 3]
    assert table.at["us-2015", "words"] == word_count(TEXTS["us-2015"])
    assert table.at["d2023", "mentions per 1,000 words"] == round(1000 * 5 / word_count(TEXTS["d2023"]), 1)


def test_meeting_facts(coded):
    assert tr.meeting_facts(coded) == {"top_theme_meetings": 4, "n_themes_2023": 5}
    assert tr.meeting_facts(coded, top_theme=MIGRATION)["top_theme_meetings"] == 0


def test_heatmap_data_is_long_with_rounded_rates(coded):
    data = tr.heatmap_data(coded.rates, coded.counts)
    assert list(data.columns) == ["theme_id", "meeting_id", "per_1000_words", "mentions"]
    assert len(data) == 6 * 4
    row = data[(data["theme_id"] == CRIME) & (data["meeting_id"] == "M2")].iloc[0]
    assert row["mentions"] == 2 and row["per_1000_words"] == round(1000 * 2 / coded.meeting_words["M2"], 3)


def test_continuity_facts(coded):
    assert tr.continuity_facts(coded) == {
        "n_once": 1, "once_labels": "migration", "n_gappy": 2, "n_late": 3,
        "late_labels": "synthetic drugs, shared responsibility and migration"}


def test_timeline_table_orders_by_first_appearance_then_persistence(coded):
    table = tr.timeline_table(coded.first_last, coded.present)
    assert list(table["theme_id"]) == [CRIME, ARMS, BORDER, DRUGS, SHARED, MIGRATION]
    assert list(table.columns[-4:]) == ["M1", "M2", "M3", "M4"]
    assert table.set_index("theme_id").loc[BORDER, ["M1", "M2", "M3", "M4"]].tolist() == [True, False, False, True]


def test_overlap_facts_and_jaccard_table(coded):
    facts = tr.overlap_facts(coded)
    assert facts["jaccard_min"] == pytest.approx(2 / 6) and facts["jaccard_max"] == pytest.approx(3 / 4)
    assert facts["words_2020"] == word_count(TEXTS["d2020"])
    assert tr.jaccard_table(coded.present)["jaccard"].tolist() == [0.4, 0.75, 0.33]


def test_changes_table_has_one_row_per_pair_of_meetings(coded):
    table = tr.changes_table(coded.present, coded.labels)
    assert list(table.columns) == ["from", "to", "appears", "drops"]
    assert table.values.tolist() == [
        ["M1", "M2", "Synthetic drugs (fentanyl), precursors; Shared responsibility, sovereignty", "Border"],
        ["M2", "M3", "", "Arms trafficking"],
        ["M3", "M4", "Arms trafficking; Migration; Border", "Shared responsibility, sovereignty"],
    ]


def test_account_pair_and_its_facts(coded):
    pair = tr.account_pair(coded)
    assert pair == tr.Pair("M2", ["mx-2015", "us-2015"], us="us-2015", mx="mx-2015")
    facts = tr.pair_facts(coded, pair)
    assert facts["2017_shared"] == 2 and facts["2017_jaccard"] == 0.5
    assert facts["2017_only_us"] == "synthetic drugs" and facts["2017_only_mx"] == "arms trafficking"
    # rates of (crime, arms, drugs, shared): US (1, 0, 2, 1) / 9 words, MX (1, 1, 0, 1) / 17: cos = 2 / (sqrt 6 sqrt 3)
    assert facts["2017_profile_cosine"] == pytest.approx(2 / (6 ** 0.5 * 3 ** 0.5))


def test_pair_table_leaves_out_themes_in_neither_account(coded):
    table = tr.pair_table(coded, tr.account_pair(coded))
    assert list(table.columns) == ["theme", "mx-2015 (MX): mentions", "mx-2015 (MX): per 1,000 words",
                                   "us-2015 (US): mentions", "us-2015 (US): per 1,000 words"]
    assert len(table) == 4 and "Migration" not in set(table["theme"])
    assert table["us-2015 (US): mentions"].tolist() == [1, 0, 2, 1]


def test_similarity_facts_and_data():
    ids = ["a", "us", "mx"]
    sim = pd.DataFrame([[1.0, 0.2, 0.1], [0.2, 1.0, 0.7], [0.1, 0.7, 1.0]], index=ids, columns=ids)
    pair = tr.Pair("M", ["us", "mx"], us="us", mx="mx")
    assert tr.similarity_facts(sim, pair) == {"sim_pair": 0.7, "sim_most_is_2017": "are the most similar pair",
                                              "sim_min": 0.1, "sim_least_pair": "a / mx"}
    sim.loc["a", "us"] = sim.loc["us", "a"] = 0.9
    assert tr.similarity_facts(sim, pair)["sim_most_is_2017"] == "are not the most similar pair"
    data = tr.similarity_data(sim / 3)
    assert list(data.columns) == ["doc_id", *ids] and data.at[0, "a"] == 0.3333


def test_validation_table_and_facts(coded):
    table = tr.validation_table(coded)
    assert table[["doc_id", "theme", "sentence coded"]].values.tolist() == [
        ["d2023", MIGRATION, "yes"], ["d2020", DRUGS, "yes"], ["d2020", SHARED, "yes"]]
    assert table["terms matched"].tolist() == ["migra*", "fentanyl", "common problem"]
    assert table["theme first present"].tolist() == ["M4", "M2", "M2"]
    assert table["meetings with theme"].tolist() == [1, 3, 2]
    assert tr.validation_facts(coded, table) == {"n_before_migration": 3, "validation_all_coded": True}
    wrong = tr.validation_table(coded, [("were discussed", ARMS)])
    assert wrong["sentence coded"].tolist() == ["no"] and wrong["terms matched"].tolist() == [""]
    assert tr.validation_facts(coded, wrong)["validation_all_coded"] is False


def test_thin_cells_and_their_keywords_in_context(coded):
    cells = tr.thin_cells(coded.counts)
    assert (CRIME, "M3") in cells and (CRIME, "M1") not in cells and len(cells) == 10
    table = tr.thin_kwic(coded)
    assert list(table.columns) == ["meeting_id", "doc_id", "sentence_no", "theme", "left", "matched", "right"]
    assert len(table) == len(cells)
    first = table.iloc[0]
    assert (first["meeting_id"], first["theme"], first["matched"]) == ("M3", "Dismantling criminal organisations",
                                                                       "Cartels")


def test_measure_facts_and_table(coded):
    facts = tr.measure_facts(coded)
    assert facts["share_2023"] == pytest.approx(100 * 5 / 20)
    assert facts["top_phrase"] == "Counts and mean rates agree on the top theme, dismantling criminal organisations"
    scores = pd.DataFrame(tr.measure_scores(coded))
    expected = scores["meetings present"].rank().corr(scores["mentions"].rank())
    assert facts["rho_presence_count"] == pytest.approx(expected)
    table = tr.measure_table(coded)
    assert table.columns[0] == "theme" and table["rank (mean per 1,000 words)"].is_monotonic_increasing
    assert table.iloc[0]["theme"] == "Dismantling criminal organisations" and table.iloc[0]["meetings present"] == 4
    # When counts and rates disagree on the top theme, the phrase says so.
    rates = coded.rates.copy()
    rates.loc[MIGRATION, "M4"] = 1e6
    disagree = tr.measure_facts(dataclasses.replace(coded, rates=rates))["top_phrase"]
    assert disagree == "The top theme is dismantling criminal organisations by counts but migration by mean rate"


def test_loto_facts_and_fragile_table(coded):
    loto = th.leave_one_term_out(coded.matches, coded.book, coded.meetings)
    facts = tr.loto_facts(coded, loto)
    assert facts["n_terms_used"] == 8 and facts["n_fragile_terms"] == 7
    assert facts["loto_migration"] == "depends"
    assert facts["loto_fentanyl"] == 'the single term "fentanyl"'
    assert facts["loto_theme_max"] == pytest.approx(max(
        abs(d) for d in th.leave_one_theme_out(coded.present)["difference"]))
    assert tr.loto_facts(coded, loto, drug_theme=CRIME)["loto_fentanyl"] == 'the single term "cartel*"'
    assert tr.loto_facts(coded, loto, drug_theme=ARMS)["loto_fentanyl"] == "more than one term"
    table = tr.fragile_table(loto, coded.labels)
    assert list(table.columns) == ["theme", "term", "term_matches", "cells_lost_in", "persistence_before",
                                   "persistence_after", "first_changes", "last_changes"]
    assert "weapon" not in set(table["term"]) and set(table["last_changes"]) <= {"yes", ""}
    migration = table[table["theme"] == "Migration"].iloc[0]
    assert (migration["term"], migration["cells_lost_in"], migration["first_changes"]) == ("migra*", "M4", "yes")
