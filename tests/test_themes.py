"""Tests of helpers.themes: segmentation, term matching, measures, and the real data."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import coding
from helpers import text as tx
from helpers import themes as th
from helpers.text import contains_quote, scan
from helpers.text import segment as sentences_module

import small_themes

# --- segmentation ---------------------------------------------------------------------


def texts_of(text):
    return [s for _, _, s in tx.sentences(text)]


def test_segmenter_keeps_titles_and_initials():
    text = "Dr. Elizabeth Sherwood-Randall met Gen. Luis Sandoval and Adm. José Ojeda. Mr. Antony J. Blinken spoke."
    assert texts_of(text) == [
        "Dr. Elizabeth Sherwood-Randall met Gen. Luis Sandoval and Adm. José Ojeda.",
        "Mr. Antony J. Blinken spoke.",
    ]


def test_segmenter_keeps_us_and_dc_inside_a_sentence():
    text = "They met at the U.S. Department of State in Washington, D.C., on Monday. Talks went on."
    assert texts_of(text) == [
        "They met at the U.S. Department of State in Washington, D.C., on Monday.",
        "Talks went on.",
    ]


def test_segmenter_ends_sentence_after_dc_before_an_opener():
    assert texts_of("It concluded in Washington, D.C. At the meeting, they spoke.") == [
        "It concluded in Washington, D.C.",
        "At the meeting, they spoke.",
    ]


def test_segmenter_number_abbreviation_only_before_digits():
    assert texts_of("See No. 5 here. No. It is not.") == ["See No. 5 here.", "No.", "It is not."]


def test_segmenter_quotes_lines_and_decimals():
    text = 'He said, "We seized 7.4 tons." Then he left!\nHeadline without stop\n\n(Via interpreter.) Welcome.'
    assert texts_of(text) == [
        'He said, "We seized 7.4 tons."',
        "Then he left!",
        "Headline without stop",
        "(Via interpreter.)",
        "Welcome.",
    ]


def test_segments_are_verbatim_spans():
    text = "  One. Two?  Three!\nFour "
    for start, end, sentence in tx.sentences(text):
        assert text[start:end] == sentence


#: One paragraph with every kind of full stop the splitter tells apart.
_ABBREVIATED = (
    "Dr. Elizabeth Sherwood-Randall met Gen. Luis Sandoval at the U.S. Department of State in "
    "Washington, D.C., on Monday. It concluded in Washington, D.C. At the meeting, Mr. Antony J. "
    "Blinken cited No. 5 of the e.g. list. No. They seized 7.4 tons!"
)


def test_a_long_single_line_splits_as_its_paragraphs_would():
    # 2,000 copies of the paragraph on one line (about 400 kB): each copy splits as it does alone.
    alone = tx.sentences(_ABBREVIATED)
    copies = 2000
    line = " ".join([_ABBREVIATED] * copies)
    step = len(_ABBREVIATED) + 1
    expected = [(a + k * step, b + k * step, s) for k in range(copies) for a, b, s in alone]
    assert tx.sentences(line) == expected


class _Reading:
    """A compiled pattern that records how many characters each search or match may read."""

    def __init__(self, pattern, read):
        self.pattern, self.read = pattern, read

    def search(self, string, pos=0, endpos=None):
        endpos = len(string) if endpos is None else min(endpos, len(string))
        self.read.append(endpos - pos)
        return self.pattern.search(string, pos, endpos)

    def match(self, string, pos=0, endpos=None):
        endpos = len(string) if endpos is None else min(endpos, len(string))
        self.read.append(endpos - pos)
        return self.pattern.match(string, pos, endpos)


def test_abbreviation_rules_read_a_bounded_window_on_a_long_line(monkeypatch):
    # Reading the whole line before every full stop made splitting quadratic in the line's length.
    read: list[int] = []
    for name in ("_INNER_STOPS", "_INITIAL", "_LAST_WORD", "_NEXT_WORD"):
        monkeypatch.setattr(sentences_module, name, _Reading(getattr(sentences_module, name), read))
    line = " ".join([_ABBREVIATED] * 500)
    spans = tx.sentences(line)
    assert len(spans) == 500 * len(tx.sentences(_ABBREVIATED))
    assert len(read) > 500 * 10 and max(read) <= sentences_module.ABBREVIATION_WINDOW


def test_the_window_sees_the_line_around_it():
    # A word longer than the window is no abbreviation; the character before the window still
    # decides a word boundary ("xU.S." is no "U.S.") and an initial at the very start of a line counts.
    width = sentences_module.ABBREVIATION_WINDOW
    assert texts_of("a" * (width + 5) + ". Next") == ["a" * (width + 5) + ".", "Next"]
    assert texts_of("Paid in " + "x" * (width - 3) + "U.S. The end") == [
        "Paid in " + "x" * (width - 3) + "U.S.",
        "The end",
    ]
    assert texts_of("J. Blinken spoke. Then Gen. Ojeda spoke.") == ["J. Blinken spoke.", "Then Gen. Ojeda spoke."]


def test_sentence_at_finds_the_sentence_holding_an_offset():
    text = "  One. Two?  Three!\nFour U.S. five. "
    spans = tx.sentences(text)
    for position in range(-1, len(text) + 2):
        expected = next(((a, b, s) for a, b, s in spans if a <= position < b), None)
        assert tx.sentence_at(spans, position) == expected
    assert tx.sentence_at(spans, 0) is None and tx.sentence_at(spans, 2) == (2, 6, "One.")
    assert tx.sentence_at([], 3) is None


# --- matching ---------------------------------------------------------------------------


def terms_found(text, terms, exclude=()):
    return [(m.term, m.matched) for m in coding.find_terms(text, terms, exclude)]


def test_word_boundaries():
    assert terms_found("The arms race; harms and farms; swarms.", ["arms"]) == [("arms", "arms")]
    assert terms_found("gunman guns gun", ["gun"]) == [("gun", "guns"), ("gun", "gun")]


def test_plurals():
    assert terms_found("cartels and a cartel", ["cartel"]) == [("cartel", "cartels"), ("cartel", "cartel")]
    assert terms_found("underserved communities", ["community"]) == [("community", "communities")]
    assert terms_found("two pill presses", ["pill press"]) == [("pill press", "pill presses")]


def test_case_and_accents():
    assert terms_found("MIGRACIÓN y Migración", ["migracion"]) == [
        ("migracion", "MIGRACIÓN"),
        ("migracion", "Migración"),
    ]
    assert terms_found("Roderíguez", ["rodériguez"]) == [("rodériguez", "Roderíguez")]


def test_wildcard_and_separators():
    assert terms_found("to dismantle, dismantling", ["dismantl*"]) == [
        ("dismantl*", "dismantle"),
        ("dismantl*", "dismantling"),
    ]
    assert terms_found("organized crime, organised crime", ["organi*ed crime"]) == [
        ("organi*ed crime", "organized crime"),
        ("organi*ed crime", "organised crime"),
    ]
    assert terms_found("non-intrusive and non intrusive", ["non-intrusive"]) == [
        ("non-intrusive", "non-intrusive"),
        ("non-intrusive", "non intrusive"),
    ]


def test_exclude_terms_mask_matches_inside_them():
    text = "The Financial Intelligence Unit joined; intelligence sharing grew."
    assert terms_found(text, ["intelligence"], ["Financial Intelligence Unit"]) == [("intelligence", "intelligence")]


def test_term_pattern_rejects_pipes_and_empty_terms():
    with pytest.raises(ValueError):
        coding.term_pattern("a|b")
    with pytest.raises(ValueError):
        coding.term_pattern("  ")


BOOK = pd.DataFrame(
    {
        "theme_id": ["chem", "arms"],
        "terms": ["precursor|chemical precursor", "arms|weapon"],
        "exclude_terms": [None, None],
    }
)


def fixture_sentences():
    return pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2"],
            "meeting_id": ["m1", "m1", "m2"],
            "sentence_no": [1, 2, 1],
            "sentence": ["Chemical precursors and precursors again.", "Arms and weapons.", "Nothing here."],
        }
    )


def test_overlapping_terms_count_once_per_sentence_and_theme():
    matches = coding.code_sentences(fixture_sentences(), BOOK)
    assert len(matches[matches["theme_id"] == "chem"]) == 3  # chemical precursor + precursor twice
    hits = coding.collapse(matches)
    assert len(hits) == 2
    chem = hits[hits["theme_id"] == "chem"].iloc[0]
    assert chem["term"] == "chemical precursor" and chem["matched"] == "Chemical precursors"
    assert chem["terms"] == "chemical precursor|precursor" and chem["n_terms"] == 2
    arms = hits[hits["theme_id"] == "arms"].iloc[0]
    assert arms["sentence"][arms["start"] : arms["end"]] == arms["matched"] == "Arms"


# --- measures ---------------------------------------------------------------------------

MATRIX = pd.DataFrame(
    {"m1": [2, 0, 1, 0], "m2": [1, 3, 0, 0], "m3": [0, 1, 0, 0]},
    index=pd.Index(["a", "b", "c", "d"], name="theme_id"),
)


def test_count_and_rate_matrices():
    hits = pd.DataFrame({"theme_id": ["a", "a", "b"], "meeting_id": ["m1", "m1", "m2"]})
    counts = th.count_matrix(hits, "meeting_id", ["a", "b", "c"], ["m1", "m2"])
    assert counts.to_dict() == {"m1": {"a": 2, "b": 0, "c": 0}, "m2": {"a": 0, "b": 1, "c": 0}}
    rates = th.rate_matrix(counts, pd.Series({"m1": 500, "m2": 2000}))
    assert rates.at["a", "m1"] == pytest.approx(4.0) and rates.at["b", "m2"] == pytest.approx(0.5)


def test_first_last_and_persistence():
    fl = th.first_last(MATRIX).set_index("theme_id")
    assert fl.loc["a", ["first", "last", "persistence"]].tolist() == ["m1", "m2", 2]
    assert fl.loc["b", ["first", "last", "persistence", "gaps"]].tolist() == ["m2", "m3", 2, 0]
    assert fl.loc["c", "last"] == "m1"
    assert fl.loc["d", "persistence"] == 0 and pd.isna(fl.loc["d", "first"])
    gappy = pd.DataFrame({"x": [1], "y": [0], "z": [1]}, index=["t"])
    assert th.first_last(gappy).loc[0, "gaps"] == 1


def test_jaccard_consecutive():
    assert th.jaccard({1, 2}, {2, 3}) == pytest.approx(1 / 3)
    assert th.jaccard(set(), set()) == 1.0
    table = th.jaccard_consecutive(MATRIX)
    assert table[["from", "to"]].values.tolist() == [["m1", "m2"], ["m2", "m3"]]
    assert table["jaccard"].tolist() == pytest.approx([1 / 3, 1 / 2])  # {a,c}&{a,b}; {a,b}&{b}
    assert table["shared"].tolist() == [1, 1]


def test_changes_lists_appearing_and_dropping_themes():
    table = th.changes(MATRIX)
    assert table.values.tolist() == [
        ["m1", "m2", "b", "appears"],
        ["m1", "m2", "c", "drops"],
        ["m2", "m3", "a", "drops"],
    ]


def test_similarity_is_symmetric_with_unit_diagonal():
    sim = th.similarity({"x": "fentanyl trafficking border", "y": "fentanyl border", "z": "trade jobs economy"})
    assert list(sim.index) == ["x", "y", "z"]
    assert sim.values.diagonal() == pytest.approx([1, 1, 1])
    assert sim.at["x", "y"] == pytest.approx(sim.at["y", "x"]) and sim.at["x", "y"] > 0.5
    assert sim.at["x", "z"] == pytest.approx(0.0)


def test_theme_similarity():
    sim = th.theme_similarity(MATRIX)
    assert sim.at["m1", "m1"] == pytest.approx(1.0)
    assert sim.at["m1", "m3"] == pytest.approx(0.0)


def test_leave_one_term_out():
    book = pd.DataFrame({"theme_id": ["t"], "terms": ["alpha|beta"], "exclude_terms": [None]})
    sentences = pd.DataFrame(
        {
            "doc_id": ["d1", "d2"],
            "meeting_id": ["m1", "m2"],
            "sentence_no": [1, 1],
            "sentence": ["alpha and beta", "only alpha"],
        }
    )
    matches = coding.code_sentences(sentences, book)
    table = th.leave_one_term_out(matches, book, ["m1", "m2"]).set_index("term")
    assert table.loc["alpha", "cells_lost"] == 1 and table.loc["alpha", "cells_lost_in"] == "m2"
    assert table.loc["alpha", "persistence_after"] == 1 and bool(table.loc["alpha", "last_changes"])
    assert table.loc["alpha", "mentions_lost"] == 1
    assert table.loc["beta", "cells_lost"] == 0 and table.loc["beta", "mentions_lost"] == 0


def test_leave_one_theme_out():
    table = th.leave_one_theme_out(MATRIX)
    row = table[(table["theme_dropped"] == "c") & (table["from"] == "m1")].iloc[0]
    assert row["jaccard_without"] == pytest.approx(1 / 2) and row["difference"] == pytest.approx(1 / 2 - 1 / 3)


def test_kwic_and_cell():
    hits = coding.collapse(coding.code_sentences(fixture_sentences(), BOOK))
    table = th.kwic(hits, width=5)
    chem = table[table["theme_id"] == "chem"].iloc[0]
    assert chem["left"] == "" and chem["matched"] == "Chemical precursors" and chem["right"] == " and..."
    assert len(th.cell(hits, "arms", "m1")) == 1 and th.cell(hits, "arms", "m2").empty


def test_bad_measure_is_refused():
    with pytest.raises(ValueError):
        th._measure(MATRIX, pd.Series({"m1": 1, "m2": 1, "m3": 1}), "share")


# --- the coded corpus (helpers.themes.code_corpus) ---------------------------------------


def test_code_corpus_orders_meetings_and_documents_by_date():
    coded = small_themes.coding()
    assert coded.meetings == ["M1", "M2", "M3", "M4"]  # M0 has no document
    assert coded.documents == ["d2010", "mx-2015", "us-2015", "d2020", "d2023"]
    assert list(coded.texts) == coded.documents and coded.texts["d2020"] == small_themes.TEXTS["d2020"]
    assert list(coded.meeting_dates.index) == coded.meetings and coded.meeting_dates["M3"].year == 2020
    assert list(coded.dates.index) == ["M4", "M1", "M0", "M2", "M3"]
    assert coded.labels["migration"] == "Migration" and coded.docs.at["us-2015", "publisher_country"] == "US"


def test_the_pure_orders_and_words_agree_with_the_tables():
    docs, meetings, texts = small_themes.DOCUMENTS, small_themes.MEETINGS, small_themes.TEXTS
    assert th.order_meetings(docs, meetings) == ["M1", "M2", "M3", "M4"]
    assert th.order_documents(docs, meetings) == ["d2010", "mx-2015", "us-2015", "d2020", "d2023"]
    words = th.document_words(docs, texts)
    assert list(words.index) == sorted(texts) and words["d2020"] == tx.word_count(texts["d2020"])
    per_meeting = th.meeting_words(docs, words, ["M2", "M1"])
    assert per_meeting.to_dict() == {"M2": words["us-2015"] + words["mx-2015"], "M1": words["d2010"]}
    rows = th.sentence_rows(docs, texts)
    assert list(rows["doc_id"].unique()) == sorted(texts)
    assert rows[rows["doc_id"] == "us-2015"]["sentence"].tolist() == [
        "Fentanyl kills.",
        "The cartels sell fentanyl.",
        "Shared responsibility matters.",
    ]
    assert rows[rows["doc_id"] == "us-2015"]["meeting_id"].unique().tolist() == ["M2"]


def test_code_corpus_counts_mentions_by_meeting_and_document():
    coded = small_themes.coding()
    assert coded.counts.loc["criminal_organisations"].tolist() == [2, 2, 1, 1]
    assert coded.counts.at["border", "M2"] == 0  # only in the excluded "both sides of the border"
    assert coded.present.loc["migration"].tolist() == [False, False, False, True]
    assert coded.rates.at["criminal_organisations", "M2"] == pytest.approx(1000 * 2 / coded.meeting_words["M2"])
    assert (
        coded.doc_counts.at["synthetic_drugs", "us-2015"] == 2
        and coded.doc_counts.at["arms_trafficking", "us-2015"] == 0
    )
    assert coded.doc_rates.at["synthetic_drugs", "us-2015"] == pytest.approx(1000 * 2 / coded.words["us-2015"])
    assert coded.first_last.set_index("theme_id").at["border", "gaps"] == 2
    assert len(coded.hits) == coded.counts.to_numpy().sum() == coded.doc_counts.to_numpy().sum()


# --- genres, several accounts, first occurrences ------------------------------------------


def test_genre_order_groups_documents_by_genre_in_order_of_first_text():
    genres = pd.Series({"a": "release", "b": "readout", "c": "release", "d": "statement", "e": "readout"})
    assert th.genre_order(genres) == ["a", "c", "b", "e", "d"]


def test_genre_profile_pools_the_texts_of_each_genre():
    counts = pd.DataFrame({"a": [2, 0, 1], "b": [1, 1, 0], "c": [0, 3, 1]}, index=["t1", "t2", "t3"])
    words = pd.Series({"a": 100, "b": 50, "c": 200})
    profile = th.genre_profile(counts, words, pd.Series({"a": "x", "b": "y", "c": "x"})).set_index("genre")
    assert list(profile.index) == ["x", "y"]
    assert profile.loc["x", ["texts", "documents", "words", "mentions"]].tolist() == [2, "a; c", 300, 7]
    assert profile.at["x", "per_1000_words"] == pytest.approx(1000 * 7 / 300)
    assert (profile.at["x", "themes_mean"], profile.at["x", "themes_min"], profile.at["x", "themes_max"]) == (2, 2, 2)
    assert profile.at["x", "in_every_text"] == "t3" and profile.at["x", "in_no_text"] == ""
    assert profile.at["y", "in_every_text"] == "t1|t2" and profile.at["y", "in_no_text"] == "t3"


def test_first_in_genre_finds_the_first_text_of_each_genre_mentioning_a_theme():
    counts = pd.DataFrame({"a": [0, 1], "b": [1, 0], "c": [1, 1]}, index=["t1", "t2"])
    table = th.first_in_genre(counts, pd.Series({"a": "x", "b": "y", "c": "x"}), ["t1", "t2"])
    assert table.values.tolist() == [["x", "c", "a"], ["y", "b", ""]]


def test_account_groups_join_the_meetings_of_one_trip_reported_by_the_same_texts():
    reports = pd.DataFrame(
        {
            "meeting_id": ["A", "A", "B", "C", "C", "D", "D", "E"],
            "doc_id": ["a2", "a1", "b1", "c2", "c1", "c1", "c2", "e1"],
        }
    )
    groups = th.account_groups(reports, ["a1", "a2", "b1", "c1", "c2", "e1"], ["A", "B", "C", "D", "E"])
    assert groups == [(["A"], ["a1", "a2"]), (["C", "D"], ["c1", "c2"])]


def test_compare_accounts_gives_one_row_per_pair_of_texts():
    counts = pd.DataFrame({"x": [1, 1, 0], "y": [2, 0, 1], "z": [0, 0, 0]}, index=["t1", "t2", "t3"])
    rates = counts * 10.0
    docs = pd.DataFrame(
        {"publisher_country": ["US", "MX", "US"], "genre": ["readout", "press release", "transcript"]},
        index=["x", "y", "z"],
    )
    table = th.compare_accounts(counts, rates, docs, [(["M"], ["x", "y", "z"])])
    assert table[["text_a", "text_b", "same_government", "shared", "only_a", "only_b"]].values.tolist() == [
        ["x", "y", False, 1, "t2", "t3"],
        ["x", "z", True, 0, "t1|t2", ""],
        ["y", "z", False, 0, "t1|t3", ""],
    ]
    assert table["jaccard"].tolist() == [pytest.approx(1 / 3), 0.0, 0.0]
    assert table.at[0, "cosine"] == pytest.approx(2 / (2**0.5 * 5**0.5))
    assert table.at[0, "genre_b"] == "press release" and table.at[0, "meetings"] == "M"
    assert th.compare_accounts(counts, rates, docs, []).empty


def test_columns_standing_for_names_the_meetings_without_a_text_of_their_own():
    documents = pd.DataFrame({"doc_id": ["a1", "c1", "c2"], "meeting_id": ["A", "C", "C"]})
    reports = pd.DataFrame(
        {"meeting_id": ["A", "C", "C", "D", "B", "D"], "doc_id": ["a1", "c1", "c2", "c1", "a1", "c2"]}
    )
    assert th.columns_standing_for(reports, documents, ["A", "C"]) == {"A": ["B"], "C": ["D"]}
    assert th.columns_standing_for(documents[["meeting_id", "doc_id"]], documents, ["A", "C"]) == {}


def test_first_sentence_reads_the_texts_in_the_order_given():
    rows = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "meeting_id": ["M1", "M1", "M2"],
            "sentence_no": [1, 2, 1],
            "sentence": ["Nothing.", "Full sovereignty.", "Our sovereignties."],
        }
    )
    assert th.first_sentence(rows, r"\bsovereignt(?:y|ies)\b", ["b", "a"])["doc_id"] == "b"
    assert th.first_sentence(rows, r"\bsovereignt(?:y|ies)\b", ["a", "b"])["sentence_no"] == 2
    assert th.first_sentence(rows, "migration", ["a", "b"]) is None


def test_mean_similarity_within_and_across_groups():
    ids = ["a", "b", "c"]
    sim = pd.DataFrame([[1, 0.8, 0.2], [0.8, 1, 0.4], [0.2, 0.4, 1]], index=ids, columns=ids)
    assert th.mean_similarity(sim, pd.Series({"a": 1, "b": 1, "c": 2})) == {"within": 0.8, "across": pytest.approx(0.3)}
    alone = th.mean_similarity(sim, pd.Series({"a": 1, "b": 2, "c": 3}))
    assert alone["across"] == pytest.approx(1.4 / 3) and alone["within"] != alone["within"]  # NaN


def test_code_corpus_keeps_which_texts_report_which_meetings():
    coded = small_themes.coding()
    assert sorted(map(tuple, coded.reports.values.tolist())) == sorted(
        map(tuple, small_themes.DOCUMENTS[["meeting_id", "doc_id"]].values.tolist())
    )
    assert coded.genres.tolist() == ["press release", "press release", "blog post", "press release", "transcript"]


def test_code_of_the_dataset_is_what_the_separate_functions_give(ds, real_hits):
    coded = th.code(ds)
    assert coded.texts == {d: ds.text(d) for d in th.document_order(ds)}
    pd.testing.assert_frame_equal(coded.hits, real_hits)
    pd.testing.assert_frame_equal(coded.sentences, th.sentence_table(ds))
    pd.testing.assert_series_equal(coded.words, th.words_per_document(ds))
    for measure, table in [("count", coded.counts), ("rate", coded.rates), ("presence", coded.present)]:
        pd.testing.assert_frame_equal(table, th.by_meeting(ds, measure, hit_rows=real_hits))
    for measure, table in [("count", coded.doc_counts), ("rate", coded.doc_rates)]:
        pd.testing.assert_frame_equal(table, th.by_document(ds, measure, hit_rows=real_hits))


# --- the real data -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_hits(ds):
    return th.hits(ds)


def test_codebook_has_the_issue_themes(ds):
    book = th.codebook(ds)
    assert len(book) >= 16
    for term_list in book["terms"]:
        for term in coding.split_terms(term_list):
            coding.term_pattern(term)  # every term compiles


def test_every_hit_sentence_is_in_its_cleaned_text(ds, real_hits):
    assert not real_hits.empty
    for row in real_hits.itertuples(index=False):
        assert row.sentence in ds.text(row.doc_id)
        assert row.sentence[row.start : row.end] == row.matched
        assert contains_quote(ds.text(row.doc_id), row.sentence)


def test_hits_carry_the_meeting_of_their_document(ds, real_hits):
    meetings = ds.documents.set_index("doc_id")["meeting_id"]
    assert (real_hits["doc_id"].map(meetings) == real_hits["meeting_id"]).all()


def test_by_meeting_is_indexed_by_theme_with_meetings_in_date_order(ds, real_hits):
    table = th.by_meeting(ds, hit_rows=real_hits)
    assert list(table.index) == list(th.codebook(ds)["theme_id"])
    dates = ds.meetings.set_index("meeting_id")["date"]
    assert list(table.columns) == sorted(set(ds.documents["meeting_id"]), key=lambda m: (dates[m], m))
    counts = th.by_meeting(ds, "count", hit_rows=real_hits)
    assert counts.to_numpy().sum() == len(real_hits)
    words = th.words_per_meeting(ds)
    assert table.to_numpy() == pytest.approx((counts / words * 1000).to_numpy())


def _meeting_of_year(ds, year):
    meetings = ds.meetings[ds.meetings["date"].dt.year == year]["meeting_id"]
    assert len(meetings) == 1
    return meetings.iloc[0]


def test_migration_is_coded_where_the_texts_discuss_it(ds, real_hits):
    # The 2023 transcript calls that dialogue the first to discuss migration; the 2010 and 2017
    # texts never mention it (the texts of 2021 and 2022 do: the chapter says so).
    presence = th.by_meeting(ds, "presence", hit_rows=real_hits)
    assert presence.at["migration", "HLSD-2023"]
    assert not presence.loc["migration", ["HLCG-2010", "SDTCO-2017"]].any()


def test_fentanyl_is_coded_in_2020(ds, real_hits):
    meeting_2020 = _meeting_of_year(ds, 2020)
    cell = th.cell(real_hits, "synthetic_drugs", meeting_2020)
    assert cell["matched"].str.lower().str.contains("fentanyl").any()


def test_agency_names_in_delegation_lists_are_not_coded(ds, real_hits):
    # "Financial Intelligence Unit" in a list of who attended is an office, not the theme.
    finance = real_hits[real_hits["theme_id"].isin(["illicit_finance", "information_sharing"])]
    listed = ds.participants.loc[ds.participants["basis"] == "listed", "evidence"]
    in_lists = [q for q in listed if "Financial Intelligence Unit" in q]
    assert in_lists and not any(q in sentence for q in in_lists for sentence in finance["sentence"])


def test_sovereignty_and_shared_responsibility_are_two_themes(ds, real_hits):
    # Opposite framings of the partnership: one sentence can hold both, but each has its own terms.
    book = th.codebook(ds).set_index("theme_id")
    assert {"sovereignty", "shared_responsibility"} <= set(book.index)
    assert "sovereign*" in coding.split_terms(book.at["sovereignty", "terms"])
    assert "shared responsibility" in coding.split_terms(book.at["shared_responsibility", "terms"])
    both = real_hits[real_hits["theme_id"].isin(["sovereignty", "shared_responsibility"])]
    assert both.groupby("theme_id").size().min() > 0
    courtesy = real_hits[real_hits["sentence"].str.contains("cordial and respectful manner", regex=False)]
    assert not courtesy["theme_id"].isin(["sovereignty", "shared_responsibility"]).any()


def test_the_names_of_bodies_and_forums_are_not_coded(ds):
    # "Customs and Border Protection" names an agency, "Trilateral Fentanyl Committee" a forum: neither is the theme.
    matches = th.matches(ds)
    for name, theme in [
        ("Customs and Border Protection", "border"),
        ("Immigration and Customs Enforcement", "migration"),
        ("Trilateral Fentanyl Committee", "synthetic_drugs"),
        ("Framework for Security, Public Health, and Safe Communities", "public_health"),
    ]:
        mine = matches[(matches["theme_id"] == theme) & matches["sentence"].str.contains(name, regex=False)]
        inside = [
            r
            for r in mine.itertuples()
            for at in [m.start() for m in re.finditer(re.escape(name), r.sentence)]
            if at <= r.start and r.end <= at + len(name)
        ]
        assert not inside, (name, theme)


def test_export_evidence_writes_every_hit(real_hits, tmp_path, monkeypatch):
    from helpers import paths

    monkeypatch.setattr(paths, "build_dir", lambda: tmp_path)
    th.export_evidence(real_hits, name="test-themes-evidence")
    back = pd.read_csv(tmp_path / "tables" / "test-themes-evidence.csv", keep_default_na=False)
    assert len(back) == len(real_hits)
    assert back["sentence"].tolist() == real_hits["sentence"].tolist()


def test_rank_agreement_is_spearman():
    scores = {"a": pd.Series([1, 2, 3, 4]), "b": pd.Series([10, 20, 30, 40]), "c": pd.Series([4, 3, 2, 1])}
    rho = th.rank_agreement(scores)
    assert rho.at["a", "b"] == pytest.approx(1.0) and rho.at["a", "c"] == pytest.approx(-1.0)


_ALPHABET = st.sampled_from(list("ab U.S.D.C. Dr.Gen.No 5\n\"'?!"))


@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_sentences_are_ordered_verbatim_non_overlapping_spans(text):
    previous_end = 0
    for start, end, sentence in tx.sentences(text):
        assert text[start:end] == sentence == sentence.strip() and sentence
        assert start >= previous_end
        previous_end = end
    # nothing but white space is lost between sentences
    covered = "".join(s for _, _, s in tx.sentences(text))
    assert "".join(text.split()) == "".join(covered.split())


# --- one scan for all themes ----------------------------------------------------------------

_OVERLAPPING = (
    ("chemical precursor", "precursor*"),
    ("precursor", "arms"),
    (),
    ("u.s.-mexico", "mexic*"),
    ("synthetic drug", "drug*", "cartel"),
)


def _themes_by_search(text, terms_by_theme):
    """What themes_in must give: the themes whose own combined pattern finds a term in ``text``."""
    return [i for i, terms in enumerate(terms_by_theme) if coding._any_of(terms).search(tx.fold(text)[0])]


@pytest.mark.parametrize(
    "text",
    [
        "Chemical precursors and precursors again.",
        "Arms and weapons.",
        "Nothing here.",
        "",
        "The U.S.-Mexico cartels traffic synthetic drugs; Mexicans and drugs.",
        "precursorial arms-length",
        "CHEMICAL PRECURSOR",
        "Mexico",
        "drugs drug-trafficking cartel's cartels",
    ],
)
def test_themes_in_finds_the_themes_a_search_per_theme_finds(text):
    # Terms of several themes start at the same word ("precursor"): each theme is still found.
    assert coding.themes_in(text, _OVERLAPPING) == _themes_by_search(text, _OVERLAPPING)


_WORDS = st.sampled_from(
    [
        "chemical",
        "precursor",
        "precursors",
        "arms",
        "u.s.-mexico",
        "mexican",
        "synthetic",
        "drug",
        "drugs",
        "cartel",
        "Cartel",
        "-",
        ",",
        ".",
        "x",
        "precursorx",
        "Mexico's",
    ]
)


@given(st.lists(_WORDS, max_size=12), st.sampled_from([" ", "", "-", "  "]))
def test_themes_in_agrees_with_a_search_per_theme(words, glue):
    text = glue.join(words)
    assert coding.themes_in(text, _OVERLAPPING) == _themes_by_search(text, _OVERLAPPING)


def test_code_sentences_matches_every_theme_of_the_real_codebook(ds):
    # The same rows as calling find_terms for every sentence and every theme, in that order.
    rows = th.sentence_table(ds)
    book = th.codebook(ds)
    expected = [
        (s.doc_id, s.sentence_no, row["theme_id"], m.term, m.start, m.end)
        for s in rows.itertuples(index=False)
        for row in book.to_dict("records")
        for m in coding.find_terms(
            s.sentence, coding.split_terms(row["terms"]), coding.split_terms(row["exclude_terms"])
        )
    ]
    coded = coding.code_sentences(rows, book)
    assert (
        list(coded[["doc_id", "sentence_no", "theme_id", "term", "start", "end"]].itertuples(index=False, name=None))
        == expected
    )
    assert len(expected) > 100


_BODIES = ("antony blinken", "blinken", "a", "u\\.s\\.", "(?:x|y)z", "se[\\s-]+c", "s\\w*", "")


@given(
    st.lists(
        st.sampled_from(
            ["antony", "blinken", "Blinken", " ", "-", "a", "u.s.", "xz", "yz", "se c", "se-c", "sea", "\n", "_", "é"]
        ),
        max_size=10,
    )
)
def test_which_match_finds_the_bodies_a_search_per_body_finds(words):
    # Bodies with and without a plain first character, an empty one; both kinds of boundary.
    text = "".join(words)
    for not_before, after in ((r"\w", r"(?![\w])"), (r"[\w-]", r"(?![\w])")):
        expected = [i for i, body in enumerate(_BODIES) if re.search(f"(?<!{not_before})(?:{body}){after}", text)]
        assert scan.which_match(text, _BODIES, f"(?<!{not_before})", after) == expected


@given(
    st.sampled_from(
        [
            "cartel",
            "chemical precursor",
            "extradit*",
            "community",
            "u.s.-mexico",
            "drug*",
            "arms",
            "fentanyl",
            "*trafficking",
        ]
    ),
    st.lists(
        st.sampled_from(
            [
                "cartels",
                "chemical  precursors",
                "extradited",
                "communities",
                "u.s.-mexico",
                "drugs",
                "xarms",
                "arms",
                "_arms",
                "fentanyl-",
                " ",
                "-",
                "trafficking",
            ]
        ),
        max_size=8,
    ),
)
def test_a_term_led_by_its_first_letter_matches_as_its_pattern(term, words):
    # _compiled leads with the term's first letter and checks the character before it afterwards.
    text = " ".join(words)
    plain = re.compile(coding.term_pattern(term))
    assert [m.span() for m in coding._compiled(term).finditer(text)] == [m.span() for m in plain.finditer(text)]


class _CountingList(list):
    """A list that counts the items read from it."""

    reads = 0

    def __getitem__(self, index):
        _CountingList.reads += 1
        return super().__getitem__(index)


def test_sentence_at_reads_a_logarithmic_number_of_sentences():
    # One look-up reads about log2(n) sentences, not all of them (a scan per claim was quadratic).
    text = "One. " * 50_000
    spans = _CountingList(tx.sentences(text))
    _CountingList.reads = 0
    assert tx.sentence_at(spans, len(text) - 3) == (len(text) - 5, len(text) - 1, "One.")
    assert _CountingList.reads <= 2 * 17 + 4
