"""The corpus chapter's tables: documents, meetings, cleaning, participants, errata.

Each function shapes the dataset's own tables for the chapter that
describes the evidence; the numbers the chapter quotes come with them.
"""

from __future__ import annotations

import pandas as pd

from .errata import titles_shown
from .text import word_count

#: The columns the meetings timeline draws (exported with the figure).
TIMELINE_COLUMNS = ["meeting_id", "date", "date_status", "forum", "host_country", "city", "documents"]


def documents(ds) -> pd.DataFrame:
    """The documents by meeting date, with their length in words before and after cleaning."""
    frame = ds.documents.merge(ds.meetings[["meeting_id", "date"]], on="meeting_id")
    frame["words (raw)"] = frame["doc_id"].map(lambda d: word_count(ds.text(d, cleaned=False)))
    frame["words (cleaned)"] = frame["doc_id"].map(lambda d: word_count(ds.text(d)))
    return frame.sort_values(["date", "doc_id"], kind="stable")


def document_facts(documents: pd.DataFrame) -> dict:
    """Counts and lengths of the texts, and their genres as a phrase ("8 joint statements, 3 readouts ...")."""
    genres = documents["genre"].value_counts()
    genres = genres.sort_index().sort_values(ascending=False, kind="stable")
    phrase = [f"{n} {_plural(genre, n)}" for genre, n in genres.items()]
    return {
        "n_documents": len(documents),
        "n_translated": int((documents["translation"] != "original").sum()),
        "n_not_english": int((documents["language"] != "en").sum()),
        "n_genres": len(genres),
        "genre_phrase": ", ".join(phrase[:-1]) + " and " + phrase[-1] if len(phrase) > 1 else "".join(phrase),
        "max_words": int(documents["words (cleaned)"].max()),
        "min_words": int(documents["words (cleaned)"].min()),
    }


def _plural(noun: str, n: int) -> str:
    """ "press release" -> "press releases", "fact sheet" -> "fact sheets" (the genres are regular nouns)."""
    return noun if n == 1 else noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def reporting(ds) -> pd.DataFrame:
    """Which texts report which meeting: a text's own meeting, and the meetings of the participants it names."""
    pairs = pd.concat([ds.documents[["meeting_id", "doc_id"]], ds.participants[["meeting_id", "doc_id"]]])
    return pairs.drop_duplicates().sort_values(["meeting_id", "doc_id"], kind="stable").reset_index(drop=True)


def meetings(ds) -> pd.DataFrame:
    """The meetings in date order, with the number of texts that report each (one text can report two
    meetings of one trip)."""
    frame = ds.meetings.sort_values("date", kind="stable")
    counts = reporting(ds).groupby("meeting_id").size().rename("documents")
    return frame.join(counts, on="meeting_id").assign(documents=lambda t: t["documents"].fillna(0).astype(int))


def meeting_facts(meetings: pd.DataFrame) -> dict:
    return {
        "n_meetings": len(meetings),
        "n_series": meetings["series_id"].nunique(),
        "n_dates_inferred": int((meetings["date_status"] == "inferred").sum()),
        "first_year": int(meetings["date"].dt.year.min()),
        "last_year": int(meetings["date"].dt.year.max()),
    }


def meeting_table(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings as the chapter prints them: date with its status, administrations, number in the series."""
    shown = meetings.assign(
        date=meetings["date"].dt.strftime("%Y-%m-%d") + " (" + meetings["date_status"] + ")",
        administrations=meetings["us_administration"] + " / " + meetings["mx_administration"],
        number=meetings["series_number"].astype("string").fillna("-"),
    )
    return shown[
        ["meeting_id", "date", "city", "venue", "forum", "number", "host_country", "administrations", "documents"]
    ]


def cleaning_table(log: pd.DataFrame, width: int = 90) -> pd.DataFrame:
    """The cleaning log with each removed text shortened to ``width`` characters."""
    removed = log["removed_text"].str.replace(r"\s+", " ", regex=True)
    shown = log.assign(removed=removed.str.slice(0, width) + removed.str.len().gt(width).map({True: " ...", False: ""}))
    return shown[["doc_id", "rule_id", "action", "characters_removed", "removed", "reason"]]


def cleaning_facts(ds) -> dict:
    log = ds.cleaning_log
    raw_chars = sum(len(ds.text(d, cleaned=False)) for d in ds.documents["doc_id"])
    removed = int(log["characters_removed"].sum())
    return {"n_rules": len(log), "chars_removed": removed, "share_removed": 100 * removed / raw_chars}


def participant_counts(ds, meeting_order: list[str]) -> pd.DataFrame:
    """Participants by meeting and country, and the people only mentioned in each meeting's texts."""
    participants = ds.participants
    counts = (
        participants.pivot_table(
            index="meeting_id", columns="country", values="person_id", aggfunc="count", fill_value=0
        )
        .reindex(meeting_order)
        .reset_index()
    )
    counts.columns.name = None
    mentioned = ds.mentions.merge(ds.documents[["doc_id", "meeting_id"]], on="doc_id").query(
        "person_id not in @participants.person_id"
    )
    counts["named only in mentions"] = (
        counts["meeting_id"].map(mentioned.groupby("meeting_id")["person_id"].nunique()).fillna(0).astype(int)
    )
    return counts


def participant_facts(ds) -> dict:
    participants = ds.participants
    return {
        "n_participant_rows": len(participants),
        "n_participants": participants["person_id"].nunique(),
        "n_mentioned": len(set(ds.mentions["person_id"]) - set(participants["person_id"])),
    }


def participant_list(ds, meetings: pd.DataFrame) -> pd.DataFrame:
    """Every participant by meeting (in date order), U.S. first, by name.

    A title an erratum corrects is shown as written with its correction
    (:func:`helpers.errata.titles_shown`).
    """
    listing = (
        ds.participants.assign(title_as_written=titles_shown(ds.participants, ds.errata))
        .merge(meetings[["meeting_id", "date"]], on="meeting_id")
        .sort_values(["date", "country", "name"], ascending=[True, False, True], kind="stable")
    )
    return listing[["meeting_id", "country", "name", "title_as_written", "basis", "doc_id"]]


#: What each collection of texts considered is, as the inclusion table names it.
COLLECTIONS = {
    "first-edition": "The five texts the report was first built on (official pages and copies)",
    "wh-briefings": "White House Briefing Room, 2021-2024 (copies in a public-domain archive of the Briefing Room)",
    "added": "Texts added later through the drafting workflow",
}


def inclusion_table(ds) -> pd.DataFrame:
    """Texts considered, included and excluded, by collection (the record a systematic review keeps)."""
    considered = ds.texts_considered
    rows = []
    for collection, group in considered.groupby("collection", sort=False):
        excluded = group[group["decision"] == "excluded"]
        rows.append(
            {
                "collection": COLLECTIONS.get(collection, collection),
                "considered": len(group),
                "included": int((group["decision"] == "included").sum()),
                "excluded": len(excluded),
                "reasons for exclusion": "; ".join(excluded["reason"]) or "none",
            }
        )
    return pd.DataFrame(rows)


def inclusion_facts(ds) -> dict:
    """Counts for the inclusion section: texts considered, included and excluded, and in how many collections."""
    considered = ds.texts_considered
    included = considered["decision"] == "included"
    return {
        "n_considered": len(considered),
        "n_included": int(included.sum()),
        "n_excluded": int((~included).sum()),
        "n_collections": considered["collection"].nunique(),
        "n_announcements": int((ds.documents["genre"] == "announcement").sum()),
    }


def accounts(ds, meetings: pd.DataFrame) -> pd.DataFrame:
    """For each meeting, the texts that report it by the publisher's country, with their genres.

    A meeting told only by one government's publications is marked so: the other side's own account is
    missing, although a joint statement (agreed by both) or a transcript may carry its words.
    """
    texts = reporting(ds).merge(ds.documents[["doc_id", "publisher_country", "genre"]], on="doc_id")
    texts["text"] = texts["doc_id"] + " (" + texts["genre"] + ")"
    rows = []
    for meeting in meetings.itertuples(index=False):
        own = texts[texts["meeting_id"] == meeting.meeting_id]
        by_country = {c: ", ".join(own.loc[own["publisher_country"] == c, "text"]) for c in ("US", "MX")}
        told_by = [c for c in ("US", "MX") if by_country[c]]
        rows.append(
            {
                "meeting_id": meeting.meeting_id,
                "date": meeting.date.strftime("%Y-%m-%d"),
                "published by the U.S.": by_country["US"] or "none",
                "published by Mexico": by_country["MX"] or "none",
                "publishers": {("US",): "U.S. only", ("MX",): "Mexico only"}.get(tuple(told_by), "both"),
                "joint statement": "yes" if (own["genre"] == "joint statement").any() else "no",
            }
        )
    return pd.DataFrame(rows)


def account_facts(accounts: pd.DataFrame) -> dict:
    """How many meetings only one government's publications tell, how many both, how many a joint statement."""
    told = accounts["publishers"]
    return {
        "n_us_only": int((told == "U.S. only").sum()),
        "n_mx_only": int((told == "Mexico only").sum()),
        "n_both": int((told == "both").sum()),
        "n_joint": int((accounts["joint statement"] == "yes").sum()),
    }


def uncovered_events(ds) -> pd.DataFrame:
    """The meetings of the series with no text in the corpus, in date order."""
    series = ds.dialogue_series
    missing = series[series["meeting_id"].isna()].sort_values("date", kind="stable")
    return missing.assign(date=missing["date"].dt.strftime("%Y-%m-%d"))[
        ["series_name", "series_number", "date", "city"]
    ]


def uncovered_facts(uncovered: pd.DataFrame) -> dict:
    """How many meetings of the series have no text, and which, as a phrase ("X, meeting 1 (19 December 2008)")."""

    def item(row) -> str:
        number = "" if pd.isna(row.series_number) else f", meeting {int(row.series_number)}"
        return f"{row.series_name}{number} ({pd.Timestamp(row.date):%-d %B %Y})"

    items = [item(row) for row in uncovered.itertuples(index=False)]
    phrase = "; ".join(items[:-1]) + "; and " + items[-1] if len(items) > 1 else "".join(items) or "none"
    return {"n_uncovered": len(uncovered), "uncovered_phrase": phrase}


def errata_facts(ds) -> dict:
    """How many errors the dataset records in the texts, and of which kinds ("translation error: 4, ...")."""
    kinds = ds.errata["kind"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return {
        "n_errata": len(ds.errata),
        "n_errata_kinds": len(kinds),
        "errata_kinds": ", ".join(f"{kind}: {n}" for kind, n in kinds.items()),
    }
