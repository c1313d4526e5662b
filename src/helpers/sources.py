"""Measure how the genre and language of each source shape what it can show.

The texts differ in kind (press releases, a blog post, a transcript), in
length and in language (English originals, translations of Spanish releases,
interpreted speeches). ``profile()`` puts the measures side by side, one row
per document, so the report can state its biases with numbers instead of
naming them.
"""

from __future__ import annotations

import pandas as pd

from . import themes as th

#: How a participant is known from a text: a delegation list ("listed") or
#: only from speaking, leading, greeting or hosting in the text.
LISTED = "listed"

COLUMNS = [
    "doc_id",
    "meeting_id",
    "genre",
    "translation",
    "words",
    "participants_listed",
    "participants_other",
    "claims",
    "claims_per_1000_words",
    "theme_mentions",
    "mentions_per_1000_words",
    "themes",
]


def profile(ds, hit_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document: genre, translation, length and what each text yields.

    Participants are counted by the document that names them, split into those
    from a delegation list and the others; claims are the curated claims of the
    document; theme mentions are coded sentences (``helpers.themes.hits``).
    """
    docs = ds.documents.set_index("doc_id")
    order = th.document_order(ds)
    words = th.words_per_document(ds)
    hits = th.hits(ds) if hit_rows is None else hit_rows
    mentions = hits.drop_duplicates(["doc_id", "sentence_no", "theme_id"]).groupby("doc_id").size()
    themes = hits.groupby("doc_id")["theme_id"].nunique()
    basis = ds.participants.assign(listed=ds.participants["basis"].eq(LISTED))
    listed = basis[basis["listed"]].groupby("doc_id").size()
    other = basis[~basis["listed"]].groupby("doc_id").size()
    claims = ds.claims.groupby("doc_id").size()
    rows = []
    for doc_id in order:
        n_words = int(words.get(doc_id, 0))
        n_claims = int(claims.get(doc_id, 0))
        n_mentions = int(mentions.get(doc_id, 0))
        rows.append(
            {
                "doc_id": doc_id,
                "meeting_id": docs.at[doc_id, "meeting_id"],
                "genre": docs.at[doc_id, "genre"],
                "translation": docs.at[doc_id, "translation"],
                "words": n_words,
                "participants_listed": int(listed.get(doc_id, 0)),
                "participants_other": int(other.get(doc_id, 0)),
                "claims": n_claims,
                "claims_per_1000_words": round(1000 * n_claims / n_words, 2) if n_words else 0.0,
                "theme_mentions": n_mentions,
                "mentions_per_1000_words": round(1000 * n_mentions / n_words, 2) if n_words else 0.0,
                "themes": int(themes.get(doc_id, 0)),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def share(frame: pd.DataFrame, column: str, mask: pd.Series) -> float:
    """Per cent of ``column``'s total that falls in the rows selected by ``mask``."""
    total = frame[column].sum()
    return float(100 * frame.loc[mask, column].sum() / total) if total else 0.0


def profile_facts(profile: pd.DataFrame) -> dict:
    """The numbers the methods appendix quotes from :func:`profile`.

    The longest text: its meeting, its share (per cent) of all words and of
    all claims, its participants listed and otherwise named; the listed
    participants of the press releases and of all texts; and the texts that
    are translations or interpretations, of how many.
    """
    longest = profile.loc[profile["words"].idxmax()]
    is_longest = profile["doc_id"] == longest["doc_id"]
    is_release = profile["genre"] == "press release"
    return {
        "longest_meeting": longest["meeting_id"],
        "share_words_longest": share(profile, "words", is_longest),
        "share_claims_longest": share(profile, "claims", is_longest),
        "listed_releases": int(profile.loc[is_release, "participants_listed"].sum()),
        "listed_all": int(profile["participants_listed"].sum()),
        "n_translated": int((profile["translation"] != "original").sum()),
        "n_documents": len(profile),
        "listed_longest": int(longest["participants_listed"]),
        "other_longest": int(longest["participants_other"]),
    }


def tolerance_facts(tolerance) -> dict:
    """The tolerances of a claims check (:class:`helpers.claims.Tolerance`) in per cent."""
    return {
        "tol_consistent": 100 * tolerance.consistent,
        "tol_about": 100 * tolerance.about,
        "tol_approx": 100 * tolerance.approximate,
    }


def profile_table(profile: pd.DataFrame) -> pd.DataFrame:
    """:func:`profile` as the methods appendix prints it: no meeting or mention count, readers' headings."""
    return profile.drop(columns=["meeting_id", "theme_mentions"]).rename(
        columns={
            "doc_id": "document",
            "translation": "language",
            "participants_listed": "listed",
            "participants_other": "other named",
            "claims_per_1000_words": "claims per 1,000 words",
            "mentions_per_1000_words": "theme mentions per 1,000 words",
        }
    )


def genre_profile(profile: pd.DataFrame) -> pd.DataFrame:
    """:func:`profile` summed by genre: texts, words, participants listed and otherwise named, claims, and
    claims and theme mentions per 1,000 words of the genre's texts (genres by number of words, largest first)."""
    sums = profile.groupby("genre").agg(
        texts=("doc_id", "size"),
        words=("words", "sum"),
        listed=("participants_listed", "sum"),
        other_named=("participants_other", "sum"),
        claims=("claims", "sum"),
        mentions=("theme_mentions", "sum"),
    )
    sums = sums.sort_index().sort_values("words", ascending=False, kind="stable")
    per_1000 = 1000 / sums["words"].where(sums["words"] > 0)
    return pd.DataFrame(
        {
            "genre": sums.index,
            "texts": sums["texts"].to_numpy(),
            "words": sums["words"].to_numpy(),
            "listed": sums["listed"].to_numpy(),
            "other named": sums["other_named"].to_numpy(),
            "claims": sums["claims"].to_numpy(),
            "claims per 1,000 words": (sums["claims"] * per_1000).round(1).fillna(0.0).to_numpy(),
            "theme mentions per 1,000 words": (sums["mentions"] * per_1000).round(1).fillna(0.0).to_numpy(),
        }
    )


def genre_facts(by_genre: pd.DataFrame) -> dict:
    """Which genre gives most of the delegation lists and most of the claims, with its share in per cent."""

    def top(column: str) -> tuple[str, float]:
        row = by_genre.loc[by_genre[column].idxmax()]
        total = by_genre[column].sum()
        return row["genre"], float(100 * row[column] / total) if total else 0.0

    listed_genre, listed_share = top("listed")
    claims_genre, claims_share = top("claims")
    return {
        "n_genres": len(by_genre),
        "top_listed_genre": listed_genre,
        "top_listed_share": listed_share,
        "top_claims_genre": claims_genre,
        "top_claims_share": claims_share,
        "genres_without_lists": _or_list(by_genre.loc[by_genre["listed"] == 0, "genre"].tolist()),
    }


def _or_list(items: list[str]) -> str:
    """ "a", "a or b", "a, b or c"; "none" for no items."""
    return " or ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items) or "none"
