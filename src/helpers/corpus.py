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
    return {"n_documents": len(documents), "n_translated": int((documents["translation"] != "original").sum()),
            "max_words": int(documents["words (cleaned)"].max()), "min_words": int(documents["words (cleaned)"].min())}


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
    return {"n_meetings": len(meetings), "n_series": meetings["series_id"].nunique(),
            "n_dates_inferred": int((meetings["date_status"] == "inferred").sum()),
            "first_year": int(meetings["date"].dt.year.min()), "last_year": int(meetings["date"].dt.year.max())}


def meeting_table(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings as the chapter prints them: date with its status, administrations, number in the series."""
    shown = meetings.assign(
        date=meetings["date"].dt.strftime("%Y-%m-%d") + " (" + meetings["date_status"] + ")",
        administrations=meetings["us_administration"] + " / " + meetings["mx_administration"],
        number=meetings["series_number"].astype("string").fillna("-"),
    )
    return shown[["meeting_id", "date", "city", "venue", "forum", "number", "host_country", "administrations",
                  "documents"]]


def cleaning_table(log: pd.DataFrame, width: int = 90) -> pd.DataFrame:
    """The cleaning log with each removed text shortened to ``width`` characters."""
    removed = log["removed_text"].str.replace(r"\s+", " ", regex=True)
    shown = log.assign(removed=removed.str.slice(0, width) + removed.str.len().gt(width).map({True: " ...",
                                                                                             False: ""}))
    return shown[["doc_id", "rule_id", "action", "characters_removed", "removed", "reason"]]


def cleaning_facts(ds) -> dict:
    log = ds.cleaning_log
    raw_chars = sum(len(ds.text(d, cleaned=False)) for d in ds.documents["doc_id"])
    removed = int(log["characters_removed"].sum())
    return {"n_rules": len(log), "chars_removed": removed, "share_removed": 100 * removed / raw_chars}


def participant_counts(ds, meeting_order: list[str]) -> pd.DataFrame:
    """Participants by meeting and country, and the people only mentioned in each meeting's texts."""
    participants = ds.participants
    counts = (participants.pivot_table(index="meeting_id", columns="country", values="person_id",
                                       aggfunc="count", fill_value=0)
              .reindex(meeting_order).reset_index())
    counts.columns.name = None
    mentioned = (ds.mentions.merge(ds.documents[["doc_id", "meeting_id"]], on="doc_id")
                 .query("person_id not in @participants.person_id"))
    counts["named only in mentions"] = counts["meeting_id"].map(
        mentioned.groupby("meeting_id")["person_id"].nunique()).fillna(0).astype(int)
    return counts


def participant_facts(ds) -> dict:
    participants = ds.participants
    return {"n_participant_rows": len(participants), "n_participants": participants["person_id"].nunique(),
            "n_mentioned": len(set(ds.mentions["person_id"]) - set(participants["person_id"]))}


def participant_list(ds, meetings: pd.DataFrame) -> pd.DataFrame:
    """Every participant by meeting (in date order), U.S. first, by name.

    A title an erratum corrects is shown as written with its correction
    (:func:`helpers.errata.titles_shown`).
    """
    listing = (ds.participants.assign(title_as_written=titles_shown(ds.participants, ds.errata))
               .merge(meetings[["meeting_id", "date"]], on="meeting_id")
               .sort_values(["date", "country", "name"], ascending=[True, False, True], kind="stable"))
    return listing[["meeting_id", "country", "name", "title_as_written", "basis", "doc_id"]]
