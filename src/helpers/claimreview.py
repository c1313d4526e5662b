"""schema.org ``ClaimReview`` records of the checked claims: build, validate, export, embed.

The verdicts come from :func:`helpers.claims.check`; this module only says
them again in the vocabulary fact-check aggregators read: one
``ClaimReview`` per claim (:func:`claimreview_records`), checked by
:func:`validate_claimreview`, written as one JSON-LD file
(:func:`export_claimreview`) and embedded in the chapter's HTML
(:class:`ClaimReviewDisplay`). It depends on :mod:`helpers.claims`, never
the other way round.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from . import escape
from .claims import VERDICTS
from .text import is_missing

REVIEWER = "U.S.-Mexico Security Dialogues Research Team"
CLAIMREVIEW_FILE = "claims-claimreview.jsonld"
REQUIRED_CLAIMREVIEW = ["@context", "@type", "claimReviewed", "itemReviewed", "reviewRating", "author", "url"]


def claimreview_records(checked: pd.DataFrame, ds, *, page_url: str = "chapters/04_claims.html#tbl-claims-verdicts",
                        reviewer: str = REVIEWER) -> list[dict]:
    """One schema.org ``ClaimReview`` per checked claim, in claim order.

    ``itemReviewed`` is a ``Claim`` with its author (the speaker, or the
    publisher of the text when the speaker is not known), ``datePublished``
    (the publication date of the text) and its appearance; ``reviewRating``
    carries the verdict as ``alternateName`` and the reason. ``url`` is the
    page of the review (the verdict table of the chapter; relative to the book's
    root, as the book has no configured base address).
    """
    docs = ds.documents.set_index("doc_id")
    people = ds.people.set_index("person_id")["name"]
    records = []
    for row in checked.sort_values("claim_id", kind="stable").itertuples(index=False):
        doc = docs.loc[row.doc_id]
        if not is_missing(row.speaker):
            author = {"@type": "Person", "name": people[row.speaker]}
        else:
            author = {"@type": "Organization", "name": doc["publisher"]}
        appearance = {"@type": "CreativeWork", "headline": doc["title"],
                      "publisher": {"@type": "Organization", "name": doc["publisher"]}}
        if not is_missing(doc["source_url"]):
            appearance["url"] = doc["source_url"]
        rating = {"@type": "Rating", "alternateName": row.verdict, "ratingExplanation": row.explanation}
        record = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": page_url,
            "identifier": row.claim_id,
            "claimReviewed": row.quote,
            "author": {"@type": "Organization", "name": reviewer},
            "itemReviewed": {"@type": "Claim", "author": author,
                             "datePublished": pd.Timestamp(doc["publication_date"]).date().isoformat(),
                             "appearance": appearance},
            "reviewRating": rating,
        }
        if not is_missing(row.reference_address) and str(row.reference_address).startswith("http"):
            record["citation"] = {"@type": "CreativeWork", "url": row.reference_address,
                                  "name": row.reference_title if not is_missing(row.reference_title) else row.reference_item}
        records.append(record)
    return records


def validate_claimreview(record: dict) -> list[str]:
    """Return the problems of one ``ClaimReview`` record (empty when valid)."""
    problems = [f"missing {key}" for key in REQUIRED_CLAIMREVIEW if not record.get(key)]
    if record.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    item = record.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    for key in ("author", "datePublished"):
        if not item.get(key):
            problems.append(f"itemReviewed has no {key}")
    if item.get("datePublished") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["datePublished"]):
        problems.append("itemReviewed.datePublished is not an ISO date")
    rating = record.get("reviewRating") or {}
    if rating.get("@type") != "Rating" or rating.get("alternateName") not in VERDICTS:
        problems.append("reviewRating has no Rating with a known alternateName")
    if not (record.get("author") or {}).get("name"):
        problems.append("author has no name")
    return problems


def claimreview_jsonld(records: list[dict]) -> str:
    """Serialise records deterministically (sorted keys, two-space indent)."""
    return json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True)


def export_claimreview(records: list[dict], directory: Path) -> Path:
    """Write the records to ``directory/claims-claimreview.jsonld`` and return the path."""
    problems = {i: validate_claimreview(r) for i, r in enumerate(records)}
    bad = {i: p for i, p in problems.items() if p}
    if bad:
        raise ValueError(f"invalid ClaimReview records: {bad}")
    path = Path(directory) / CLAIMREVIEW_FILE
    path.write_text(claimreview_jsonld(records) + "\n", encoding="utf-8")
    return path


def claimreview_html(records: list[dict]) -> str:
    """The records as one ``<script type="application/ld+json">`` element."""
    body = escape.json_in_html(records, ensure_ascii=False, indent=2, sort_keys=True)
    return f'<script type="application/ld+json">\n{body}\n</script>'


class ClaimReviewDisplay:
    """Display object embedding the ClaimReview records in the chapter.

    In HTML it is one ``<script type="application/ld+json">`` element
    (invisible to readers, read by machines); in LaTeX/PDF a one-line note;
    as plain text a fixed summary, so that outputs stay deterministic.
    """

    def __init__(self, records: list[dict], file_name: str = CLAIMREVIEW_FILE):
        self.records = records
        self.file_name = file_name

    def _repr_html_(self) -> str:
        return claimreview_html(self.records)

    def _repr_latex_(self) -> str:
        return (r"\textit{The " + str(len(self.records)) + r" ClaimReview records are embedded in the HTML "
                r"edition and exported as " + escape.latex(self.file_name) + ".}")

    def __repr__(self) -> str:
        return f"ClaimReview JSON-LD: {len(self.records)} records ({self.file_name})"
