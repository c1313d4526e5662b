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
    vectoriser = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
                                 preprocessor=lambda t: fold(t)[0])
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


def _summary(present: pd.DataFrame) -> dict:
    fl = first_last(present).set_index("theme_id")
    return {"persistence": fl["persistence"], "first": fl["first"], "last": fl["last"]}


def leave_one_term_out(match_rows: pd.DataFrame, book: pd.DataFrame, columns, unit: str = "meeting_id") -> pd.DataFrame:
    """Drop each term in turn and report what changes in the presence matrix.

    ``match_rows`` are term matches (:func:`code_sentences`), ``book`` the
    codebook and ``columns`` the units in order. One row per theme and term:
    mentions lost, cells of the theme x unit presence matrix that flip to
    absent, and whether the theme's persistence, first or last appearance
    changes.
    """
    themes = list(book["theme_id"])
    base = presence(count_matrix(collapse(match_rows), unit, themes, columns))
    base_summary = _summary(base)
    keys = ["doc_id", "sentence_no"]
    rows = []
    for record in book.to_dict("records"):
        theme = record["theme_id"]
        # Dropping a term changes only its own theme's mentions and presence.
        mine = match_rows[match_rows["theme_id"] == theme]
        mentions_before = len(mine.drop_duplicates(keys))
        for term in split_terms(record["terms"]):
            is_term = mine["term"] == term
            kept = mine[~is_term]
            units = set(kept[unit])
            present = pd.DataFrame([[c in units for c in columns]], index=pd.Index([theme], name="theme_id"),
                                   columns=columns)
            summary = _summary(present)
            flipped = [c for c in columns if base.at[theme, c] and c not in units]
            rows.append({
                "theme_id": theme,
                "term": term,
                "term_matches": int(is_term.sum()),
                "mentions_lost": mentions_before - len(kept.drop_duplicates(keys)),
                "cells_lost": len(flipped),
                "cells_lost_in": "|".join(flipped),
                "persistence_before": int(base_summary["persistence"][theme]),
                "persistence_after": int(summary["persistence"][theme]),
                "first_changes": summary["first"][theme] != base_summary["first"][theme],
                "last_changes": summary["last"][theme] != base_summary["last"][theme],
            })
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
        text = row["sentence"][row["end"]:]
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


# --- the chapter: everything coded once, its tables and the numbers it quotes ----------------


@dataclass
class Coding:
    """The coded corpus the themes chapter reads, made by :func:`code_corpus` (or :func:`code` from a dataset).

    ``meetings`` and ``documents`` are ids in date order; ``dates`` holds the
    date of every meeting of the meetings table (in its order); ``docs`` is
    the documents table indexed by doc_id; ``texts`` the cleaned texts in
    document order. The matrices are theme x meeting (``counts``, ``rates``
    per 1,000 words, ``present``) and theme x document (``doc_counts``,
    ``doc_rates``).
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

    @property
    def meeting_dates(self) -> pd.Series:
        """The dates of :attr:`meetings`, in their (date) order."""
        return self.dates.reindex(self.meetings)


def code(ds) -> Coding:
    """Code the dataset's cleaned texts with its codebook (:func:`code_corpus`)."""
    return code_corpus(codebook(ds), ds.documents, ds.meetings, texts(ds))


def code_corpus(book: pd.DataFrame, documents: pd.DataFrame, meetings: pd.DataFrame,
                texts: Mapping[str, str]) -> Coding:
    """Code ``texts`` (doc_id -> cleaned text) of ``documents`` by ``book`` and measure them by meeting and document.

    The tables are those of the dataset (codebook, documents with meeting_id
    and publisher_country, meetings with meeting_id and date); the result
    holds the same matrices as :func:`by_meeting` and :func:`by_document`.
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
        book=book, labels=book.set_index("theme_id")["label"], docs=documents.set_index("doc_id"),
        dates=meetings.set_index("meeting_id")["date"], meetings=meeting_ids, documents=document_ids,
        texts={d: texts[d] for d in document_ids}, sentences=sentence_frame, matches=match_rows, hits=hit_rows,
        words=words, meeting_words=per_meeting, counts=counts, rates=_measure(counts, per_meeting, "rate"),
        present=present, doc_counts=doc_counts, doc_rates=_measure(doc_counts, words, "rate"),
        first_last=first_last(present),
    )
