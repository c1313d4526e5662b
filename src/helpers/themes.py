"""Code the cleaned texts for agenda themes, sentence by sentence.

The theme codebook (``data/theme_codebook.csv``, ``ds.theme_codebook``) gives
each theme its terms. Coding is deliberately simple and auditable:

1. :func:`sentences` splits a cleaned text into sentences, each a verbatim
   substring of the text (abbreviations such as "U.S.", "D.C.", "Dr." or
   "Gen." and initials such as "J." do not end a sentence; a line break
   always does).
2. :func:`find_terms` matches a theme's terms in a sentence: whole words
   only, case- and accent-insensitive, with simple English plurals; ``*``
   in a term stands for any further letters of the word ("extradit*").
   A match that lies inside one of the theme's ``exclude_terms`` (an agency
   name, a figure of speech) is discarded.
3. :func:`matches` keeps every term match as evidence; :func:`hits`
   collapses them to one *mention* per sentence and theme, so overlapping
   terms ("chemical precursors" and "precursors") count once.

Counts are then summed per document and per meeting and divided by the
words of the cleaned texts (:func:`helpers.text.word_count`) to give
mentions per 1,000 words (:func:`by_meeting`). The continuity measures
(:func:`presence`, :func:`first_last`, :func:`jaccard_consecutive`,
:func:`changes`), the codebook-free similarity (:func:`similarity`) and the
robustness checks (:func:`leave_one_term_out`, :func:`leave_one_theme_out`)
take these tables as input, so they are tested on small fixtures.

:func:`code` does all of this once for a chapter and keeps every table in a
:class:`Coding` (:func:`code_corpus` does it for any codebook, documents and
texts); :mod:`helpers.theme_report` shapes the chapter's tables and the
numbers it quotes from it.

Nothing here knows how many documents or meetings there are: every function
iterates over the tables it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from .coding import code_sentences, collapse, split_terms
from .corpus import reporting
from .text import fold, sentences, word_count


def codebook(ds) -> pd.DataFrame:
    """Return the theme codebook (``ds.theme_codebook``) in its file order."""
    return ds.theme_codebook.reset_index(drop=True)


def texts(ds) -> dict[str, str]:
    """The cleaned text of every document, by doc_id (through ``ds.text``, which checks the notebook's ``uses``)."""
    return {doc_id: ds.text(doc_id) for doc_id in ds.documents["doc_id"]}


def sentence_table(ds) -> pd.DataFrame:
    """One row per sentence of every cleaned document: doc_id, meeting_id, sentence_no, start, end, sentence."""
    return sentence_rows(ds.documents, texts(ds))


def sentence_rows(documents: pd.DataFrame, texts: Mapping[str, str]) -> pd.DataFrame:
    """:func:`sentence_table` of the ``documents`` table and their ``texts`` (doc_id -> cleaned text)."""
    rows = []
    for doc in documents.sort_values("doc_id", kind="stable").itertuples(index=False):
        for number, (start, end, sentence) in enumerate(sentences(texts[doc.doc_id]), start=1):
            rows.append((doc.doc_id, doc.meeting_id, number, start, end, sentence))
    return pd.DataFrame(rows, columns=["doc_id", "meeting_id", "sentence_no", "start", "end", "sentence"])


def matches(ds, book: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every term match in the cleaned texts (see :func:`code_sentences`)."""
    return code_sentences(sentence_table(ds), codebook(ds) if book is None else book)


def hits(ds, book: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence: one row per sentence and theme with at least one term.

    Columns: doc_id, meeting_id, sentence_no, sentence (verbatim from the
    cleaned text), theme_id, term (first term matched), matched (its
    verbatim text), start/end (its offsets in the sentence), terms (all
    terms matched, pipe-separated) and n_terms.
    """
    return collapse(matches(ds, book))


# --- counts and rates ------------------------------------------------------------------


def words_per_document(ds) -> pd.Series:
    """Words of each cleaned document, indexed by doc_id."""
    return document_words(ds.documents, texts(ds))


def document_words(documents: pd.DataFrame, texts: Mapping[str, str]) -> pd.Series:
    """Words of the text of each of ``documents`` (:func:`helpers.text.word_count`), indexed by doc_id."""
    ids = documents["doc_id"]
    return pd.Series([word_count(texts[d]) for d in ids], index=ids.to_numpy(), name="words").sort_index()


def meeting_order(ds) -> list[str]:
    """Meeting ids that have at least one document, in date order."""
    return order_meetings(ds.documents, ds.meetings)


def order_meetings(documents: pd.DataFrame, meetings: pd.DataFrame) -> list[str]:
    """:func:`meeting_order` of a documents and a meetings table."""
    used = set(documents["meeting_id"])
    meetings = meetings[meetings["meeting_id"].isin(used)]
    return list(meetings.sort_values(["date", "meeting_id"], kind="stable")["meeting_id"])


def document_order(ds) -> list[str]:
    """Document ids by meeting date, then doc_id."""
    return order_documents(ds.documents, ds.meetings)


def order_documents(documents: pd.DataFrame, meetings: pd.DataFrame) -> list[str]:
    """:func:`document_order` of a documents and a meetings table."""
    dates = meetings.set_index("meeting_id")["date"]
    docs = documents.assign(date=documents["meeting_id"].map(dates))
    return list(docs.sort_values(["date", "doc_id"], kind="stable")["doc_id"])


def count_matrix(hit_rows: pd.DataFrame, unit: str, themes, units) -> pd.DataFrame:
    """Mentions per theme (rows, in ``themes`` order) and ``unit`` column values."""
    counts = hit_rows.groupby(["theme_id", unit]).size()
    matrix = counts.unstack(unit).reindex(index=list(themes), columns=list(units)).fillna(0).astype(int)
    matrix.index.name, matrix.columns.name = "theme_id", unit
    return matrix


def rate_matrix(counts: pd.DataFrame, words: pd.Series) -> pd.DataFrame:
    """Mentions per 1,000 words: ``counts`` divided column-wise by ``words``."""
    return counts.div(words.reindex(counts.columns).astype(float), axis=1) * 1000


def by_document(ds, measure: str = "rate", hit_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Theme x document matrix of ``measure`` ("count", "rate" per 1,000 words or "presence")."""
    hit_rows = hits(ds) if hit_rows is None else hit_rows
    counts = count_matrix(hit_rows, "doc_id", codebook(ds)["theme_id"], document_order(ds))
    return _measure(counts, words_per_document(ds), measure)


def words_per_meeting(ds) -> pd.Series:
    """Words of the cleaned documents of each meeting, in date order."""
    return meeting_words(ds.documents, words_per_document(ds), meeting_order(ds))


def meeting_words(documents: pd.DataFrame, words: pd.Series, meetings: list[str]) -> pd.Series:
    """Words of the documents of each of ``meetings`` (in that order), from the ``words`` of each document."""
    docs = documents.assign(words=documents["doc_id"].map(words))
    return docs.groupby("meeting_id")["words"].sum().reindex(meetings).rename("words")


def by_meeting(ds, measure: str = "rate", hit_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Theme x meeting matrix, indexed by theme id, one column per meeting_id in date order.

    ``measure="rate"`` (default) gives mentions per 1,000 words of the
    meeting's cleaned documents pooled; ``"count"`` the mentions; and
    ``"presence"`` whether the theme is mentioned at all.
    """
    hit_rows = hits(ds) if hit_rows is None else hit_rows
    counts = count_matrix(hit_rows, "meeting_id", codebook(ds)["theme_id"], meeting_order(ds))
    return _measure(counts, words_per_meeting(ds), measure)


def _measure(counts: pd.DataFrame, words: pd.Series, measure: str) -> pd.DataFrame:
    if measure == "count":
        return counts
    if measure == "rate":
        return rate_matrix(counts, words)
    if measure == "presence":
        return counts > 0
    raise ValueError(f"measure is 'count', 'rate' or 'presence', not {measure!r}")


# --- continuity ---------------------------------------------------------------------------


def presence(matrix: pd.DataFrame) -> pd.DataFrame:
    """Boolean theme x meeting matrix: is the value above zero?"""
    return matrix.astype(float) > 0


def first_last(matrix: pd.DataFrame) -> pd.DataFrame:
    """First and last meeting (column order) in which each theme is present.

    Returns theme_id, first, last, persistence (meetings present), share of
    meetings present and gaps (meetings absent between first and last).
    Themes never present have empty first/last and persistence 0.
    """
    present = presence(matrix)
    columns = list(present.columns)
    rows = []
    for theme, row in present.iterrows():
        where = [i for i, flag in enumerate(row) if flag]
        first = columns[where[0]] if where else None
        last = columns[where[-1]] if where else None
        gaps = (where[-1] - where[0] + 1 - len(where)) if where else 0
        rows.append((theme, first, last, len(where), len(where) / len(columns) if columns else np.nan, gaps))
    return pd.DataFrame(rows, columns=["theme_id", "first", "last", "persistence", "share", "gaps"])


def jaccard(a, b) -> float:
    """Jaccard overlap |a & b| / |a | b| of two sets (1.0 when both are empty)."""
    a, b = set(a), set(b)
    return 1.0 if not a | b else len(a & b) / len(a | b)


def theme_sets(matrix: pd.DataFrame) -> dict[str, set]:
    """The set of themes present in each column."""
    present = presence(matrix)
    return {column: set(present.index[present[column]]) for column in present.columns}


def jaccard_consecutive(matrix: pd.DataFrame) -> pd.DataFrame:
    """Jaccard overlap of the theme sets of each pair of consecutive columns."""
    sets = theme_sets(matrix)
    columns = list(sets)
    rows = []
    for before, after in pairwise(columns):
        a, b = sets[before], sets[after]
        rows.append((before, after, len(a), len(b), len(a & b), len(a | b), jaccard(a, b)))
    return pd.DataFrame(rows, columns=["from", "to", "themes_from", "themes_to", "shared", "union", "jaccard"])


def changes(matrix: pd.DataFrame) -> pd.DataFrame:
    """Themes that appear or drop out between consecutive columns.

    One row per (from, to, theme_id) with ``change`` "appears" (absent
    before, present after) or "drops" (present before, absent after), in
    the matrix's row order.
    """
    present = presence(matrix)
    columns = list(present.columns)
    rows = []
    for before, after in pairwise(columns):
        for theme in present.index:
            was, now = bool(present.at[theme, before]), bool(present.at[theme, after])
            if was != now:
                rows.append((before, after, theme, "appears" if now else "drops"))
    return pd.DataFrame(rows, columns=["from", "to", "theme_id", "change"])


# --- codebook-free similarity ---------------------------------------------------------


def similarity(texts: dict[str, str]) -> pd.DataFrame:
    """TF-IDF cosine similarity between texts (scikit-learn), as a square DataFrame.

    Texts are folded (lower case, no accents); English stop words are
    dropped; words of two or more letters are the features. Row and column
    order follow ``texts``.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    ids = list(texts)
    vectoriser = TfidfVectorizer(
        stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{2,}\b", preprocessor=lambda t: fold(t)[0]
    )
    tfidf = vectoriser.fit_transform([texts[i] for i in ids])
    return pd.DataFrame(cosine_similarity(tfidf), index=ids, columns=ids)


def theme_similarity(matrix: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity between the columns of a theme matrix (e.g. rates per document)."""
    values = matrix.astype(float).to_numpy().T
    norms = np.linalg.norm(values, axis=1)
    norms[norms == 0] = 1.0
    unit = values / norms[:, None]
    return pd.DataFrame(unit @ unit.T, index=matrix.columns, columns=matrix.columns)


# --- robustness -----------------------------------------------------------------------------


def _span(units: set, columns) -> tuple[int, object, object]:
    """Persistence, first and last column of a theme present in ``units`` (``None`` when it is absent)."""
    where = [c for c in columns if c in units]
    return len(where), (where[0] if where else None), (where[-1] if where else None)


def leave_one_term_out(match_rows: pd.DataFrame, book: pd.DataFrame, columns, unit: str = "meeting_id") -> pd.DataFrame:
    """Drop each term in turn and report what changes in the presence matrix.

    ``match_rows`` are term matches (:func:`code_sentences`), ``book`` the
    codebook and ``columns`` the units in order. One row per theme and term:
    mentions lost, cells of the theme x unit presence matrix that flip to
    absent, and whether the theme's persistence, first or last appearance
    changes.
    """
    columns = list(columns)
    rows = []
    for record in book.to_dict("records"):
        theme = record["theme_id"]
        # Dropping a term changes only its own theme's mentions and presence: plain sets of the theme's
        # matches (a mention is a sentence, whichever terms it matched).
        mine = match_rows[match_rows["theme_id"] == theme]
        matches = list(
            zip(mine["term"], zip(mine["doc_id"], mine["sentence_no"], strict=True), mine[unit], strict=True)
        )
        mentions_before = len({sentence for _, sentence, _ in matches})
        units_before = {where for _, _, where in matches}
        persistence_before, first_before, last_before = _span(units_before, columns)
        for term in split_terms(record["terms"]):
            kept = [(sentence, where) for t, sentence, where in matches if t != term]
            units = {where for _, where in kept}
            persistence, first, last = _span(units, columns)
            flipped = [c for c in columns if c in units_before and c not in units]
            rows.append(
                {
                    "theme_id": theme,
                    "term": term,
                    "term_matches": len(matches) - len(kept),
                    "mentions_lost": mentions_before - len({sentence for sentence, _ in kept}),
                    "cells_lost": len(flipped),
                    "cells_lost_in": "|".join(flipped),
                    "persistence_before": persistence_before,
                    "persistence_after": persistence,
                    "first_changes": first != first_before,
                    "last_changes": last != last_before,
                }
            )
    return pd.DataFrame(rows)


def leave_one_theme_out(matrix: pd.DataFrame) -> pd.DataFrame:
    """Jaccard overlap of consecutive columns with each theme removed in turn.

    One row per (theme dropped, from, to) with the overlap with and without
    the theme and the difference.
    """
    base = jaccard_consecutive(matrix).set_index(["from", "to"])["jaccard"]
    rows = []
    for theme in matrix.index:
        reduced = jaccard_consecutive(matrix.drop(index=theme)).set_index(["from", "to"])["jaccard"]
        for (before, after), value in reduced.items():
            rows.append((theme, before, after, base[(before, after)], value, value - base[(before, after)]))
    return pd.DataFrame(rows, columns=["theme_dropped", "from", "to", "jaccard", "jaccard_without", "difference"])


def rank_agreement(measures: dict[str, pd.Series]) -> pd.DataFrame:
    """Spearman rank correlation between theme scores under several measures."""
    frame = pd.DataFrame(measures)
    return frame.rank(method="average").corr(method="pearson")


# --- auditing -----------------------------------------------------------------------------


def kwic(hit_rows: pd.DataFrame, width: int = 60) -> pd.DataFrame:
    """Keyword in context: the ``width`` characters left and right of each hit's first match."""

    def left(row):
        text = row["sentence"][: row["start"]]
        return ("..." + text[-width:].lstrip()) if len(text) > width else text

    def right(row):
        text = row["sentence"][row["end"] :]
        return (text[:width].rstrip() + "...") if len(text) > width else text

    frame = hit_rows.copy()
    frame["left"] = frame.apply(left, axis=1) if len(frame) else []
    frame["right"] = frame.apply(right, axis=1) if len(frame) else []
    return frame[["doc_id", "meeting_id", "sentence_no", "theme_id", "left", "matched", "right", "terms"]]


def cell(hit_rows: pd.DataFrame, theme_id: str, column: str, unit: str = "meeting_id") -> pd.DataFrame:
    """The hits behind one cell of a theme x unit matrix (for auditing)."""
    chosen = hit_rows[(hit_rows["theme_id"] == theme_id) & (hit_rows[unit] == column)]
    return chosen.sort_values(["doc_id", "sentence_no"], kind="stable").reset_index(drop=True)


def export_evidence(hit_rows: pd.DataFrame, name: str = "themes-evidence") -> str:
    """Write the evidence table to ``tables/<name>.csv`` of the build folder; return the file's name.

    One row per mention (see :func:`hits`), so a reader can audit any cell
    of the theme matrices outside the book.
    """
    from . import paths

    out = paths.build_dir() / "tables"
    out.mkdir(exist_ok=True)
    path = out / f"{name}.csv"
    hit_rows.to_csv(path, index=False, lineterminator="\n")
    return path.name


# --- genres, several accounts of one meeting, first occurrences ---------------------------


def genre_order(genres: pd.Series) -> list[str]:
    """The documents of ``genres`` (doc_id -> genre, in date order) grouped by genre.

    Genres come in the order of their first text; within a genre the
    documents keep their order.
    """
    first = {g: i for i, g in reversed(list(enumerate(genres)))}
    return sorted(genres.index, key=lambda d: first[genres[d]])


def genre_profile(doc_counts: pd.DataFrame, words: pd.Series, genres: pd.Series) -> pd.DataFrame:
    """One row per genre (in order of its first text): its texts and how densely and widely they mention themes.

    ``doc_counts`` is a theme x document count matrix, ``words`` the words of
    each document and ``genres`` doc_id -> genre in date order. Columns:
    genre, texts, documents (the ids, "; "), words, mentions, mentions per
    1,000 words (the genre's texts pooled), themes per text (mean, min and
    max), and the themes mentioned in every text of the genre and in none
    (pipe-separated theme ids, in the matrix's order).
    """
    rows = []
    for genre in dict.fromkeys(genres):
        ids = [d for d in genres.index if genres[d] == genre]
        counts = doc_counts[ids]
        present = counts > 0
        per_text = present.sum(axis=0)
        rows.append(
            {
                "genre": genre,
                "texts": len(ids),
                "documents": "; ".join(ids),
                "words": int(words.reindex(ids).sum()),
                "mentions": int(counts.to_numpy().sum()),
                "per_1000_words": 1000 * counts.to_numpy().sum() / float(words.reindex(ids).sum()),
                "themes_mean": float(per_text.mean()),
                "themes_min": int(per_text.min()),
                "themes_max": int(per_text.max()),
                "in_every_text": "|".join(present.index[present.all(axis=1)]),
                "in_no_text": "|".join(present.index[~present.any(axis=1)]),
            }
        )
    return pd.DataFrame(rows)


def first_in_genre(doc_counts: pd.DataFrame, genres: pd.Series, themes) -> pd.DataFrame:
    """The first text (in the order of ``genres``) of each genre that mentions each of ``themes``.

    One row per genre (order of its first text), one column per theme: the
    doc_id of the genre's first text with a mention, or empty when none of
    the genre's texts mentions it.
    """
    rows = []
    for genre in dict.fromkeys(genres):
        ids = [d for d in genres.index if genres[d] == genre]
        row = {"genre": genre}
        for theme in themes:
            hits_ = [d for d in ids if doc_counts.at[theme, d] > 0]
            row[theme] = hits_[0] if hits_ else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=["genre", *themes])


def account_groups(
    reports: pd.DataFrame, documents: list[str], meetings: list[str]
) -> list[tuple[list[str], list[str]]]:
    """The meetings reported by two texts or more, grouped by the texts that report them.

    ``reports`` links meetings and texts (meeting_id, doc_id); ``documents``
    and ``meetings`` are the ids in date order. Meetings reported by the
    same set of texts (two meetings of one trip) form one group. Returns
    (meetings, texts) pairs in the order of the first meeting, each list in
    date order.
    """
    meeting_rank = {m: i for i, m in enumerate(meetings)}
    doc_rank = {d: i for i, d in enumerate(documents)}
    texts_of = reports.groupby("meeting_id")["doc_id"].agg(lambda s: tuple(sorted(set(s), key=doc_rank.get)))
    groups: dict[tuple[str, ...], list[str]] = {}
    for meeting in sorted(texts_of.index, key=lambda m: meeting_rank.get(m, len(meetings))):
        if len(texts_of[meeting]) > 1:
            groups.setdefault(texts_of[meeting], []).append(meeting)
    return [(found, list(docs)) for docs, found in groups.items()]


def compare_accounts(
    doc_counts: pd.DataFrame, doc_rates: pd.DataFrame, docs: pd.DataFrame, groups: list[tuple[list[str], list[str]]]
) -> pd.DataFrame:
    """Every pair of texts reporting the same meeting(s): the themes they share and those only one mentions.

    ``groups`` is :func:`account_groups`; ``docs`` the documents table
    indexed by doc_id (publisher_country, genre). One row per pair of texts
    of a group (in text order): meetings (" + "), both texts with their genre
    and publisher's country, whether one government published both, the
    number of shared themes, the themes only in the first and only in the
    second (pipe-separated theme ids), the Jaccard overlap of the two theme
    sets and the cosine similarity of their theme profiles (rates per 1,000
    words).
    """
    rows = []
    for found, texts_ in groups:
        for position, a in enumerate(texts_):
            for b in texts_[position + 1 :]:
                set_a = set(doc_counts.index[doc_counts[a] > 0])
                set_b = set(doc_counts.index[doc_counts[b] > 0])
                rows.append(
                    {
                        "meetings": " + ".join(found),
                        "text_a": a,
                        "genre_a": docs.at[a, "genre"],
                        "country_a": docs.at[a, "publisher_country"],
                        "text_b": b,
                        "genre_b": docs.at[b, "genre"],
                        "country_b": docs.at[b, "publisher_country"],
                        "same_government": docs.at[a, "publisher_country"] == docs.at[b, "publisher_country"],
                        "shared": len(set_a & set_b),
                        "only_a": "|".join(t for t in doc_counts.index if t in set_a - set_b),
                        "only_b": "|".join(t for t in doc_counts.index if t in set_b - set_a),
                        "jaccard": jaccard(set_a, set_b),
                        "cosine": float(theme_similarity(doc_rates[[a, b]]).iat[0, 1]),
                    }
                )
    return pd.DataFrame(
        rows,
        columns=[
            "meetings",
            "text_a",
            "genre_a",
            "country_a",
            "text_b",
            "genre_b",
            "country_b",
            "same_government",
            "shared",
            "only_a",
            "only_b",
            "jaccard",
            "cosine",
        ],
    )


def columns_standing_for(reports: pd.DataFrame, documents: pd.DataFrame, meetings: list[str]) -> dict[str, list[str]]:
    """Meetings without a text of their own, under the meeting whose texts report them.

    A text counts under its own meeting (``documents.meeting_id``); a
    meeting reported only by texts of other meetings (the second meeting of
    a trip) has no column of its own. Returns column meeting -> the other
    meetings its texts also report, for the columns that stand for more than
    one meeting, in the order of ``meetings``.
    """
    own = documents.set_index("doc_id")["meeting_id"]
    rank = {m: i for i, m in enumerate(meetings)}
    extra: dict[str, list[str]] = {}
    for row in reports.itertuples(index=False):
        if row.meeting_id not in rank and own[row.doc_id] in rank:
            extra.setdefault(own[row.doc_id], [])
            if row.meeting_id not in extra[own[row.doc_id]]:
                extra[own[row.doc_id]].append(row.meeting_id)
    return {m: sorted(extra[m]) for m in meetings if m in extra}


def first_sentence(sentence_rows: pd.DataFrame, pattern: str, documents: list[str]) -> pd.Series | None:
    """The first sentence (texts in the order of ``documents``) matching the regular expression ``pattern``.

    Case is ignored. Returns the row of ``sentence_rows`` (doc_id,
    meeting_id, sentence_no, sentence), or None when no sentence matches.
    """
    found = sentence_rows[sentence_rows["sentence"].str.contains(pattern, case=False, regex=True)]
    if found.empty:
        return None
    rank = {d: i for i, d in enumerate(documents)}
    return found.assign(_rank=found["doc_id"].map(rank)).sort_values(["_rank", "sentence_no"], kind="stable").iloc[0]


def mean_similarity(sim: pd.DataFrame, group: pd.Series) -> dict[str, float]:
    """Mean similarity of the pairs of ``sim`` within one ``group`` (doc_id -> group) and across groups.

    Each unordered pair of distinct documents counts once; a mean over no
    pair is NaN.
    """
    ids = list(sim.index)
    within, across = [], []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            (within if group[a] == group[b] else across).append(float(sim.at[a, b]))
    return {
        "within": float(np.mean(within)) if within else np.nan,
        "across": float(np.mean(across)) if across else np.nan,
    }


# --- the chapter: everything coded once, its tables and the numbers it quotes ----------------


@dataclass
class Coding:
    """The coded corpus the themes chapter reads, made by :func:`code_corpus` (or :func:`code` from a dataset).

    ``meetings`` and ``documents`` are ids in date order; ``dates`` holds the
    date of every meeting of the meetings table (in its order); ``docs`` is
    the documents table indexed by doc_id; ``texts`` the cleaned texts in
    document order. The matrices are theme x meeting (``counts``, ``rates``
    per 1,000 words, ``present``) and theme x document (``doc_counts``,
    ``doc_rates``). ``reports`` links each meeting to every text that
    reports it (meeting_id, doc_id; :func:`helpers.corpus.reporting`): a text
    counts under its own meeting (documents.meeting_id), but a text of a
    trip can also report a second meeting of that trip.
    """

    book: pd.DataFrame
    labels: pd.Series
    docs: pd.DataFrame
    dates: pd.Series
    meetings: list[str]
    documents: list[str]
    texts: dict[str, str]
    sentences: pd.DataFrame
    matches: pd.DataFrame
    hits: pd.DataFrame
    words: pd.Series
    meeting_words: pd.Series
    counts: pd.DataFrame
    rates: pd.DataFrame
    present: pd.DataFrame
    doc_counts: pd.DataFrame
    doc_rates: pd.DataFrame
    first_last: pd.DataFrame
    reports: pd.DataFrame

    @property
    def genres(self) -> pd.Series:
        """The genre of each of :attr:`documents`, in their (date) order."""
        return self.docs["genre"].reindex(self.documents)

    @property
    def meeting_dates(self) -> pd.Series:
        """The dates of :attr:`meetings`, in their (date) order."""
        return self.dates.reindex(self.meetings)


def code(ds) -> Coding:
    """Code the dataset's cleaned texts with its codebook (:func:`code_corpus`)."""
    return code_corpus(codebook(ds), ds.documents, ds.meetings, texts(ds), reports=reporting(ds))


def code_corpus(
    book: pd.DataFrame,
    documents: pd.DataFrame,
    meetings: pd.DataFrame,
    texts: Mapping[str, str],
    reports: pd.DataFrame | None = None,
) -> Coding:
    """Code ``texts`` (doc_id -> cleaned text) of ``documents`` by ``book`` and measure them by meeting and document.

    The tables are those of the dataset (codebook, documents with meeting_id,
    publisher_country and genre, meetings with meeting_id and date); the
    result holds the same matrices as :func:`by_meeting` and
    :func:`by_document`. ``reports`` (meeting_id, doc_id) says which texts
    report which meetings; by default each text reports its own meeting only.
    """
    book = book.reset_index(drop=True)
    themes = book["theme_id"]
    meeting_ids, document_ids = order_meetings(documents, meetings), order_documents(documents, meetings)
    sentence_frame = sentence_rows(documents, texts)
    match_rows = code_sentences(sentence_frame, book)
    hit_rows = collapse(match_rows)
    words = document_words(documents, texts)
    per_meeting = meeting_words(documents, words, meeting_ids)
    counts = count_matrix(hit_rows, "meeting_id", themes, meeting_ids)
    doc_counts = count_matrix(hit_rows, "doc_id", themes, document_ids)
    present = _measure(counts, per_meeting, "presence")
    return Coding(
        book=book,
        labels=book.set_index("theme_id")["label"],
        docs=documents.set_index("doc_id"),
        dates=meetings.set_index("meeting_id")["date"],
        meetings=meeting_ids,
        documents=document_ids,
        texts={d: texts[d] for d in document_ids},
        sentences=sentence_frame,
        matches=match_rows,
        hits=hit_rows,
        words=words,
        meeting_words=per_meeting,
        counts=counts,
        rates=_measure(counts, per_meeting, "rate"),
        present=present,
        doc_counts=doc_counts,
        doc_rates=_measure(doc_counts, words, "rate"),
        first_last=first_last(present),
        reports=(documents[["meeting_id", "doc_id"]] if reports is None else reports[["meeting_id", "doc_id"]])
        .drop_duplicates()
        .reset_index(drop=True),
    )
