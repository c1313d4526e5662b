"""How well the drafting command did on texts it was not built on: first-try drafts against accepted rows.

``data/drafts/first-try/`` keeps the drafts the command made of the series
texts before any review. Each is compared here with the rows that were
accepted for its text after review: the participants and claims the draft
found (a proposed row that matches an accepted one), proposed (all its
rows) and the accepted rows it should have found, and whether it dated and
placed the meeting right. A user adding the next readout can expect about
as much.
"""

from __future__ import annotations

import json

import pandas as pd

from . import paths
from .names import same_person

FIRST_TRY = ("drafts", "first-try")
COLUMNS = [
    "doc_id",
    "genre",
    "participants_right",
    "participants_proposed",
    "participants_found",
    "participants_accepted",
    "claims_found",
    "claims_proposed",
    "claims_accepted",
    "date_right",
    "place_right",
]


def first_try_drafts(data_dir=None) -> dict[str, dict]:
    """The first-try drafts, by the SHA-256 of the text they were made from."""
    folder = (paths.data_dir() if data_dir is None else data_dir).joinpath(*FIRST_TRY)
    drafts = {}
    for path in sorted(folder.glob("*.json")):
        draft = json.loads(path.read_text(encoding="utf-8"))
        drafts[draft["source"]["sha256"]] = draft
    return drafts


def _matches(forms: list[str], accepted: pd.DataFrame, canonical: pd.Series) -> pd.Series:
    return accepted.apply(
        lambda row: any(
            same_person(f, row["name_as_written"]) or same_person(f, canonical[row["person_id"]]) for f in forms
        ),
        axis=1,
    )


def _participants(draft: dict, doc_id: str, meeting_id: str, ds) -> tuple[int, int, int, int]:
    """Proposed rows that are accepted participants of the text's meetings, proposed rows, accepted
    participants of this text that the draft found, and accepted participants of this text."""
    canonical = ds.people.set_index("person_id")["name"]
    at_meeting = ds.participants[ds.participants["meeting_id"].isin(_meetings_of(ds, doc_id, meeting_id))]
    from_text = ds.participants[ds.participants["doc_id"] == doc_id]
    forms = [row.get("_forms") or [row["name_as_written"]] for row in draft["participants"]]
    right = sum(bool(not at_meeting.empty and _matches(f, at_meeting, canonical).any()) for f in forms)
    found = sum(any(_matches(f, from_text.loc[[i]], canonical).iloc[0] for f in forms) for i in from_text.index)
    return right, len(forms), found, len(from_text)


def _meetings_of(ds, doc_id: str, meeting_id: str) -> set[str]:
    """The meetings a text reports: its own, and those of the participants it is the evidence for."""
    return {meeting_id} | set(ds.participants.loc[ds.participants["doc_id"] == doc_id, "meeting_id"])


def _claims(draft: dict, doc_id: str, ds) -> tuple[int, int, int]:
    """Found (a proposed number among the accepted ones, each once), proposed, accepted."""
    values = list(ds.claims.loc[ds.claims["doc_id"] == doc_id, "value"].astype(float))
    accepted, found = len(values), 0
    for claim in draft["claims"]:
        same = next(
            (i for i, v in enumerate(values) if abs(v - float(claim["value"])) <= 1e-9 * max(1.0, abs(v))), None
        )
        if same is not None:
            values.pop(same)
            found += 1
    return found, len(draft["claims"]), accepted


def scores(ds, data_dir=None) -> pd.DataFrame:
    """One row per text drafted at first try (in date order), with the counts of :data:`COLUMNS`."""
    drafts = first_try_drafts(data_dir)
    manifest = ds.manifest.set_index("doc_id")["sha256"]
    meetings = ds.meetings.set_index("meeting_id")
    rows = []
    for doc in ds.documents.sort_values(["publication_date", "doc_id"], kind="stable").itertuples(index=False):
        draft = drafts.get(manifest[doc.doc_id])
        if draft is None:
            continue
        meeting = meetings.loc[doc.meeting_id]
        proposed = draft["meeting"] if isinstance(draft["meeting"], dict) else draft["meeting"][0]
        date_right = proposed.get("date") == meeting["date"].date().isoformat()
        place_right = bool(proposed.get("city")) and proposed.get("city") == meeting["city"]
        rows.append(
            [
                doc.doc_id,
                doc.genre,
                *_participants(draft, doc.doc_id, doc.meeting_id, ds),
                *_claims(draft, doc.doc_id, ds),
                date_right,
                place_right,
            ]
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def totals(table: pd.DataFrame) -> dict:
    """Precision and recall of participants and claims over all texts, and the dates and places right."""

    def ratio(a, b):
        return float(table[a].sum()) / float(table[b].sum()) if table[b].sum() else float("nan")

    return {
        "n_texts": len(table),
        "participant_precision": ratio("participants_right", "participants_proposed"),
        "participant_recall": ratio("participants_found", "participants_accepted"),
        "claim_precision": ratio("claims_found", "claims_proposed"),
        "claim_recall": ratio("claims_found", "claims_accepted"),
        "dates_right": int(table["date_right"].sum()),
        "places_right": int(table["place_right"].sum()),
    }


def table(scores: pd.DataFrame) -> pd.DataFrame:
    """:func:`scores` as the methods appendix prints it: "right of proposed" and "found of accepted" pairs."""

    def pair(a: str, b: str) -> pd.Series:
        return scores[a].astype(str) + " of " + scores[b].astype(str)

    yes_no = {True: "right", False: "wrong"}
    return pd.DataFrame(
        {
            "document": scores["doc_id"],
            "genre": scores["genre"],
            "participants right of proposed": pair("participants_right", "participants_proposed"),
            "participations found of accepted": pair("participants_found", "participants_accepted"),
            "claims right of proposed": pair("claims_found", "claims_proposed"),
            "claims found of accepted": pair("claims_found", "claims_accepted"),
            "date": scores["date_right"].map(yes_no),
            "place": scores["place_right"].map(yes_no),
        }
    )


def total_facts(totals: dict) -> dict:
    """:func:`totals` as the methods appendix quotes them: ratios as per cent."""
    return {
        "n_texts": totals["n_texts"],
        "dates_right": totals["dates_right"],
        "places_right": totals["places_right"],
        **{
            f"{key}_pct": 100 * totals[key]
            for key in ("participant_precision", "participant_recall", "claim_precision", "claim_recall")
        },
    }
