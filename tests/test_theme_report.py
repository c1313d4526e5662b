"""Tests of helpers.theme_report: the themes chapter's tables and quoted numbers, on a small made-up corpus."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from helpers import theme_report as tr
from helpers import themes as th
from helpers.text import word_count

from small_themes import BOOK, TEXTS, coding

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
        "persistence_phrase": "1 of the themes is mentioned at every meeting (dismantling criminal organisations)",
        "n_documents": 5,
        "n_meetings": 4,
        "n_columns": 4,
        "n_themes": 6,
        "n_genres": 3,
        "n_persistent": 1,
        "persistent_labels": "dismantling criminal organisations",
        "max_persistence": 4,
        "most_persistent_labels": "dismantling criminal organisations",
        "migration_first": "M4",
        "migration_first_date": "May 2023",
    }
    assert tr.overview_facts(coded, new_theme=SHARED)["migration_first"] == "M2"
    # Without a theme at every meeting, the phrase names the most persistent.
    present = coded.first_last.assign(persistence=[3, 2, 3, 3, 1, 2])
    phrase = tr.overview_facts(dataclasses.replace(coded, first_last=present))["persistence_phrase"]
    assert phrase == (
        "No theme is mentioned at every meeting: the most persistent, dismantling criminal "
        "organisations, synthetic drugs and shared responsibility, are mentioned at 3 of the 4 "
        "meeting columns"
    )


def test_a_meeting_reported_only_by_another_meetings_texts_shares_its_column(coded):
    reports = pd.concat([coded.reports, pd.DataFrame({"meeting_id": ["M0"], "doc_id": ["d2020"]})])
    trip = dataclasses.replace(coded, reports=reports)
    assert tr.standing_for_facts(trip) == {"n_standing_for": 1, "standing_for": "M0 (with M3)"}
    assert tr.column_names(trip) == {"M1": "M1", "M2": "M2", "M3": "M3 + M0", "M4": "M4"}
    assert tr.overview_facts(trip)["n_meetings"] == 5 and tr.overview_facts(trip)["n_columns"] == 4
    assert tr.standing_for_facts(coded) == {"n_standing_for": 0, "standing_for": "none"}


def test_codebook_facts_and_table(coded):
    assert tr.codebook_facts(coded.book, coded.labels) == {
        "n_law_crime": 3,
        "n_no_cap": 2,
        "no_cap_labels": "shared responsibility and border",
    }
    table = tr.codebook_table(coded.book)
    assert list(table.columns) == ["theme_id", "label", "definition", "terms", "excluded", "CAP"]
    row = table.set_index("theme_id")
    assert row.at[ARMS, "terms"] == "arms; weapon" and row.at[ARMS, "excluded"] == ""
    assert row.at[ARMS, "CAP"] == "12 Law and Crime" and row.at[SHARED, "CAP"] == " "
    assert row.at[BORDER, "excluded"] == "both sides of the border"


def test_coding_facts(coded):
    words = [word_count(t) for t in TEXTS.values()]
    assert tr.coding_facts(coded) == {
        "n_sentences": 14,
        "n_matches": 20,
        "n_hits": 20,
        "max_words": max(words),
        "min_words": min(words),
    }


def test_document_table_is_in_meeting_order(coded):
    table = tr.document_table(coded).set_index("doc_id")
    assert list(table.index) == ["d2010", "mx-2015", "us-2015", "d2020", "d2023"]
    assert table.loc["d2010", ["meeting_id", "sentences", "mentions", "themes mentioned"]].tolist() == ["M1", 3, 5, 3]
    assert table.at["us-2015", "words"] == word_count(TEXTS["us-2015"])
    assert table.at["d2023", "mentions per 1,000 words"] == round(1000 * 5 / word_count(TEXTS["d2023"]), 1)


def test_meeting_facts(coded):
    assert tr.meeting_facts(coded) == {
        "top_theme": "dismantling criminal organisations",
        "top_theme_meetings": 4,
        "widest_meeting": "M4",
        "n_themes_widest": 5,
        "narrowest_meeting": "M1",
        "n_themes_narrowest": 3,
        "narrowest_words": word_count(TEXTS["d2010"]),
    }


def test_genre_strip_marks_the_genres_of_each_meetings_texts(coded):
    strip = tr.genre_strip(coded)
    assert list(strip.index) == ["press release", "blog post", "transcript"]
    assert list(strip.columns) == ["M1", "M2", "M3", "M4"]
    assert strip.astype(int).values.tolist() == [[1, 1, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]]


def test_genre_table_and_facts(coded):
    table = tr.genre_table(coded).set_index("genre")
    assert list(table.index) == ["press release", "blog post", "transcript"]
    assert table.loc["press release", ["texts", "years"]].tolist() == [3, "2010-2020"]
    words = sum(word_count(TEXTS[d]) for d in ["d2010", "mx-2015", "d2020"])
    assert table.at["press release", "words"] == words
    assert table.at["press release", "mentions per 1,000 words"] == round(1000 * 11 / words, 1)
    assert table.at["press release", "themes per text"] == "3.0"
    assert table.at["press release", "themes in every text"] == "dismantling criminal organisations"
    assert table.at["blog post", "themes in every text"] == "(one text)"
    facts = tr.genre_facts(coded, readouts="blog post", joint="press release")
    # Only the press releases have more than one text: they are both the densest and the sparsest genre.
    assert facts["n_genres_several"] == 1 and facts["dense_genre"] == facts["sparse_genre"] == "press release"
    assert facts["rate_ratio"] == 1 and facts["sparse_themes_relation"] == "as many"
    assert facts["joint_common"] == "dismantling criminal organisations" and facts["n_readouts"] == 1
    assert facts["readout_common_phrase"].startswith("all of them mention")
    assert facts["dense_genres"] == "press releases"
    assert tr.genre_facts(coded)["readout_common_phrase"] == "no theme is mentioned in all of them"
    assert facts["readout_shortest"] == "us-2015"
    assert tr.genre_facts(coded)["n_readouts"] == 0 and tr.genre_facts(coded)["readout_common"] == "none"


def test_genre_first_table_gives_the_first_text_of_each_genre(coded):
    table = tr.genre_first_table(coded, themes=[MIGRATION, SHARED])
    assert list(table.columns) == ["genre", "texts", "migration", "shared responsibility"]
    assert table.values.tolist() == [
        ["press release", 3, "-", "mx-2015 (2015)"],
        ["blog post", 1, "-", "us-2015 (2015)"],
        ["transcript", 1, "d2023 (2023)", "-"],
    ]


def test_frame_facts_follow_two_themes_and_a_word(coded):
    facts = tr.frame_facts(coded, sovereignty=MIGRATION, shared=SHARED, word=r"\bmigration\b")
    assert facts["sov_first"] == "M4" and facts["sov_meetings"] == 1 and facts["sov_genres"] == "transcripts"
    assert facts["sov_absent_genres"] == "press releases and blog posts"
    assert facts["shared_first"] == "M2" and facts["shared_meetings"] == 2
    assert facts["shared_genres"] == "press releases and blog posts" and facts["sov_before"] == "M2 and M3"
    assert facts["frames_both_meetings"] == 0 and facts["frames_both_sentences"] == 0
    assert (facts["word_first_doc"], facts["word_first_genre"], facts["word_first_date"]) == (
        "d2023",
        "transcript",
        "May 2023",
    )
    assert facts["word_first_sentence"].startswith("This dialogue is the first to include migration")
    none = tr.frame_facts(coded, sovereignty=MIGRATION, shared=SHARED, word="sovereignty")
    assert none["word_first_doc"] == "none" and none["word_first_date"] == "never"


def test_heatmap_data_is_long_with_rounded_rates(coded):
    data = tr.heatmap_data(coded.rates, coded.counts)
    assert list(data.columns) == ["theme_id", "meeting_id", "per_1000_words", "mentions"]
    assert len(data) == 6 * 4
    row = data[(data["theme_id"] == CRIME) & (data["meeting_id"] == "M2")].iloc[0]
    assert row["mentions"] == 2 and row["per_1000_words"] == round(1000 * 2 / coded.meeting_words["M2"], 3)


def test_continuity_facts(coded):
    assert tr.continuity_facts(coded) == {
        "once_phrase": "1 theme is present at only one meeting (migration)",
        "n_once": 1,
        "once_labels": "migration",
        "n_gappy": 2,
        "n_late": 3,
        "late_labels": "synthetic drugs, shared responsibility and migration",
        # arms are missing at M3 (between M2 and M4), the border at M2 and M3
        "gap_meeting": "M3",
        "gap_themes": 2,
        "gap_words": word_count(TEXTS["d2020"]),
    }


def test_timeline_table_orders_by_first_appearance_then_persistence(coded):
    table = tr.timeline_table(coded.first_last, coded.present)
    assert list(table["theme_id"]) == [CRIME, ARMS, BORDER, DRUGS, SHARED, MIGRATION]
    assert list(table.columns[-4:]) == ["M1", "M2", "M3", "M4"]
    assert table.set_index("theme_id").loc[BORDER, ["M1", "M2", "M3", "M4"]].tolist() == [True, False, False, True]


def test_overlap_facts_and_jaccard_table(coded):
    facts = tr.overlap_facts(coded)
    assert facts["jaccard_min"] == pytest.approx(2 / 6) and facts["jaccard_max"] == pytest.approx(3 / 4)
    assert facts["jaccard_median"] == pytest.approx(0.4)
    assert facts["jaccard_min_pair"] == "M3 and M4" and facts["jaccard_min_words"] == word_count(TEXTS["d2020"])
    assert tr.jaccard_table(coded.present)["jaccard"].tolist() == [0.4, 0.75, 0.33]


def test_changes_table_has_one_row_per_pair_of_meetings(coded):
    table = tr.changes_table(coded.present, coded.labels)
    assert list(table.columns) == ["from", "to", "appears", "drops"]
    assert table.values.tolist() == [
        ["M1", "M2", "Synthetic drugs (fentanyl), precursors; Shared responsibility, sovereignty", "Border"],
        ["M2", "M3", "", "Arms trafficking"],
        ["M3", "M4", "Arms trafficking; Migration; Border", "Shared responsibility, sovereignty"],
    ]


def test_accounts_compare_every_pair_of_texts_of_a_meeting(coded):
    pairs = tr.accounts(coded)
    assert pairs[["meetings", "text_a", "text_b", "same_government", "shared"]].values.tolist() == [
        ["M2", "mx-2015", "us-2015", False, 2]
    ]
    facts = tr.accounts_facts(coded, pairs)
    assert facts["n_account_meetings"] == 1 and facts["n_cross_pairs"] == 1 and facts["cross_meeting"] == "M2"
    assert facts["2017_shared"] == 2 and facts["2017_jaccard"] == 0.5
    assert facts["2017_only_us"] == "synthetic drugs" and facts["2017_only_mx"] == "arms trafficking"
    # rates of (crime, arms, drugs, shared): US (1, 0, 2, 1) / 9 words, MX (1, 1, 0, 1) / 17: cos = 2 / (sqrt 6 sqrt 3)
    assert facts["2017_profile_cosine"] == pytest.approx(2 / (6**0.5 * 3**0.5))


def test_accounts_facts_without_a_pair_from_two_governments(coded):
    docs = coded.docs.assign(publisher_country="US")
    pairs = tr.accounts(dataclasses.replace(coded, docs=docs))
    facts = tr.accounts_facts(coded, pairs)
    assert facts["n_cross_pairs"] == 0 and facts["cross_meeting"] == "none" and facts["2017_shared"] == 0
    assert facts["same_jaccard_min"] == facts["same_jaccard_max"] == 0.5


def test_accounts_table_names_the_themes_and_the_texts(coded):
    table = tr.accounts_table(tr.accounts(coded), coded.labels)
    assert list(table.columns) == [
        "meeting(s)",
        "text A",
        "text B",
        "one government",
        "shared themes",
        "only in A",
        "only in B",
        "Jaccard",
        "cosine",
    ]
    row = table.iloc[0]
    assert row["text A"] == "mx-2015 (press release, MX)" and row["text B"] == "us-2015 (blog post, US)"
    assert (row["one government"], row["only in A"], row["only in B"], row["Jaccard"]) == (
        "no",
        "arms trafficking",
        "synthetic drugs",
        "0.50",
    )


def test_same_genre_pairs_compare_one_genre_across_meetings(coded):
    pairs = tr.same_genre_pairs(coded, ["M1", "M2", "M3"])
    # the three press releases: M1, M2 (the Mexican account) and M3
    assert pairs[["meetings", "text_a", "text_b"]].values.tolist() == [
        ["M1 / M2", "d2010", "mx-2015"],
        ["M1 / M3", "d2010", "d2020"],
        ["M2 / M3", "mx-2015", "d2020"],
    ]
    facts = tr.same_genre_facts(coded, pairs, ["M1", "M2", "M3", "M4"])
    assert facts["series_genres"] == "press releases" and facts["series_alone"] == "M4 (transcript)"
    assert facts["series_jaccards"] == (
        "0.50 for the press releases, 0.20 for the press releases and 0.50 for the press releases"
    )
    assert tr.same_genre_pairs(coded, ["M4"]).empty


def test_similarity_facts_and_data(coded):
    ids = coded.documents  # d2010, mx-2015, us-2015, d2020, d2023
    sim = pd.DataFrame(0.1, index=ids, columns=ids)
    for a, b, v in [("mx-2015", "us-2015", 0.7), ("d2010", "d2020", 0.5), ("d2010", "d2023", 0.05)]:
        sim.loc[a, b] = sim.loc[b, a] = v
    for d in ids:
        sim.loc[d, d] = 1.0
    facts = tr.similarity_facts(sim, coded, tr.accounts(coded))
    assert facts["sim_pair"] == 0.7 and facts["sim_max"] == 0.7 and facts["sim_most_pair"] == "mx-2015 and us-2015"
    assert facts["sim_most_genres"] == "press release and a blog post"
    assert facts["sim_most_meeting"] == "of the same meeting"
    assert facts["sim_min"] == 0.05 and facts["sim_least_pair"] == "d2010 and d2023"
    assert facts["sim_within_meeting"] == 0.7 and facts["sim_across_meeting"] == pytest.approx((0.5 + 0.05 + 0.7) / 9)
    # press releases: d2010, mx-2015, d2020 -> pairs 0.1, 0.5, 0.1
    assert facts["sim_within_genre"] == pytest.approx(0.7 / 3)
    assert tr.similarity_order(coded) == ["d2010", "mx-2015", "d2020", "us-2015", "d2023"]
    data = tr.similarity_data(sim / 3)
    assert list(data.columns) == ["doc_id", *ids] and data.at[0, "d2010"] == 0.3333


def test_validation_table_and_facts(coded):
    table = tr.validation_table(coded)
    assert table[["doc_id", "theme", "sentence coded"]].values.tolist() == [
        ["d2020", "synthetic drugs", "yes"],
        ["d2020", "shared responsibility", "yes"],
        ["d2023", "migration", "yes"],
    ]
    assert table["terms matched"].tolist() == ["fentanyl", "common problem", "migra*"]
    assert table["genre"].tolist() == ["press release", "press release", "transcript"]
    series = pd.Series({"M1": "a", "M2": "b", "M3": "b", "M4": "b"})
    facts = tr.validation_facts(coded, table, series, claim_meeting="M4")
    assert facts == {
        "n_before_migration": 3,
        "claim_date": "May 2023",
        "n_meetings_before_claim": 3,
        "n_migration_before_claim": 0,
        "migration_before_claim": "none",
        "series_before_claim": "M2 and M3",
        "series_with_migration": "none",
        "series_without_migration": "M2 and M3",
        "n_statements": 3,
        "n_missed": 0,
        "n_statements_coded": 3,
        "validation_all_coded": True,
        "statements_missed": "none",
    }
    shared = tr.validation_facts(coded, table, series, new_theme=SHARED, claim_meeting="M4")
    assert shared["migration_before_claim"] == "M2 and M3" and shared["series_with_migration"] == "M2 and M3"
    wrong = tr.validation_table(coded, [("were discussed", ARMS)])
    assert wrong["sentence coded"].tolist() == ["no"] and wrong["terms matched"].tolist() == [""]
    facts = tr.validation_facts(coded, wrong, series, claim_meeting="M4")
    assert facts["validation_all_coded"] is False and facts["statements_missed"] == "arms trafficking in d2020"


def test_long_sentences_are_cut_to_the_statement():
    sentence = "A" * 200 + " the statement itself follows here."
    assert tr._from_phrase(sentence, "the statement") == "... the statement itself follows here."
    assert tr._from_phrase("Short.", "Short") == "Short."


def test_theme_before_table_lists_the_earlier_mentions_in_context(coded):
    table = tr.theme_before_table(coded, theme=SHARED, until="M4")
    assert list(table.columns) == ["meeting_id", "doc_id", "genre", "left", "matched", "right"]
    assert table[["meeting_id", "doc_id", "matched"]].values.tolist() == [
        ["M2", "mx-2015", "shared responsibility"],
        ["M2", "us-2015", "Shared responsibility"],
        ["M3", "d2020", "common problem"],
    ]
    assert tr.theme_before_table(coded, until="M4").empty


def test_sources_facts_count_the_texts_not_cited_and_the_texts_after_the_last_mexican_one(coded):
    facts = tr.sources_facts(coded, ["d2010", "d2020"])
    assert facts["n_other_texts"] == 3 and facts["n_mx_texts"] == 3 and facts["mx_last_year"] == 2020
    assert facts["n_after_mx"] == 1
    docs = coded.docs.assign(publisher=["The White House (Briefing Room)", "SRE", "SRE", "State (blog)", "SRE"])
    named = tr.sources_facts(dataclasses.replace(coded, docs=docs), ["d2010"])
    assert named["other_publishers"] == "State, SRE and the White House"  # texts in date order, each publisher once
    assert named["after_mx_publishers"] == "the White House"


def test_thin_cells_and_their_keywords_in_context(coded):
    cells = tr.thin_cells(coded.counts)
    assert (CRIME, "M3") in cells and (CRIME, "M1") not in cells and len(cells) == 10
    table = tr.thin_kwic(coded)
    assert list(table.columns) == ["meeting_id", "doc_id", "sentence_no", "theme", "left", "matched", "right"]
    assert len(table) == len(cells)
    first = table.iloc[0]
    assert (first["meeting_id"], first["theme"], first["matched"]) == (
        "M3",
        "Dismantling criminal organisations",
        "Cartels",
    )


def test_measure_facts_and_table(coded):
    facts = tr.measure_facts(coded)
    assert facts["share_top"] == pytest.approx(100 * 7 / 20) and facts["share_top_meeting"] == "M2"
    assert facts["share_top_words"] == word_count(TEXTS["us-2015"]) + word_count(TEXTS["mx-2015"])
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
    assert facts["loto_theme_max"] == pytest.approx(
        max(abs(d) for d in th.leave_one_theme_out(coded.present)["difference"])
    )
    assert tr.loto_facts(coded, loto, drug_theme=CRIME)["loto_fentanyl"] == 'the single term "cartel*"'
    assert tr.loto_facts(coded, loto, drug_theme=ARMS)["loto_fentanyl"] == "more than one term"
    table = tr.fragile_table(loto, coded.labels)
    assert list(table.columns) == [
        "theme",
        "term",
        "term_matches",
        "cells_lost_in",
        "persistence_before",
        "persistence_after",
        "first_changes",
        "last_changes",
    ]
    assert "weapon" not in set(table["term"]) and set(table["last_changes"]) <= {"yes", ""}
    migration = table[table["theme"] == "Migration"].iloc[0]
    assert (migration["term"], migration["cells_lost_in"], migration["first_changes"]) == ("migra*", "M4", "yes")
