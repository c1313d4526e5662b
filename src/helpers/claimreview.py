"""schema.org ``ClaimReview`` records of the checked claims: build, validate, export, embed.

The verdicts come from :func:`helpers.claims.check`; this module only says
them again in the vocabulary fact-check aggregators read: one
``ClaimReview`` per claim (:func:`claimreview_records`), checked by
:func:`validate_claimreview` and by a JSON-LD processor
(:func:`linked_data_problems`, with PyLD), written as one JSON-LD file
(:func:`export_claimreview`) and embedded in the chapter's HTML
(:class:`ClaimReviewDisplay`). It depends on :mod:`helpers.claims`, never
the other way round.

Each record links to its claim's row of the verdict table on the published
page (``<site>chapters/04_claims.html#claim-n02``): the site's address is
read from ``_config.yml`` (:func:`site_address`), the anchor is
:func:`helpers.claim_report.claim_anchor`, the id the row carries on the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import yaml
from pyld import jsonld

from . import escape, paths
from .claim_report import claim_anchor, verdict_label
from .claims import (
    APPROXIMATE,
    COMMITMENT,
    COMMITMENT_MET,
    COMMITMENT_NOT_MET,
    CONFIRMED,
    CONSISTENT,
    DIFFERS,
    INTERNAL,
    NOT_CHECKED,
    NOT_RATED,
    OVERSTATED,
    PARTLY_CONFIRMED,
    TRANSLATION,
    UNDERSTATED,
    VERDICTS,
)
from .text import is_missing

REVIEWER = "U.S.-Mexico Security Dialogues Research Team"
CLAIMREVIEW_FILE = "claims-claimreview.jsonld"
REQUIRED_CLAIMREVIEW = [
    "@context",
    "@type",
    "claimReviewed",
    "datePublished",
    "itemReviewed",
    "reviewRating",
    "author",
    "url",
]

#: The page of the verdict table, relative to the site's address.
CLAIMS_PAGE = "chapters/04_claims.html"

#: The day the verdicts were last reviewed: every record's ``datePublished``. A fixed date, not the day of
#: the build, so that the records are the same at every build. The claims, references and links behind
#: the verdicts (data/claims.csv, reference_stats.csv, claim_checks.csv) and the verdict counts were last
#: changed on this day; set it again when the verdicts are reviewed again.
REVIEW_DATE = "2026-11-29"

#: The numeric scale of ``reviewRating`` (higher is closer to the reference): 3 consistent (a programme
#: figure confirmed by its record, a commitment met), 2 approximately consistent (partly confirmed), 1 beyond
#: the tolerances (overstated, understated, differing from the programme's record, a commitment not met,
#: contradicted by another number of the same text, or a translation that differs from the official
#: original). A claim that is not verifiable, or not found in a programme record, has no place on it: its
#: rating has only its ``alternateName`` and reason.
RATING_SCALE = {
    CONSISTENT: 3,
    APPROXIMATE: 2,
    OVERSTATED: 1,
    UNDERSTATED: 1,
    INTERNAL: 1,
    TRANSLATION: 1,
    CONFIRMED: 3,
    PARTLY_CONFIRMED: 2,
    DIFFERS: 1,
    COMMITMENT_MET: 3,
    COMMITMENT_NOT_MET: 1,
}

#: Verdicts that are no review of the claim (a number that is not rated, a commitment with no later source,
#: a claim nobody searched): they have no ClaimReview record.
UNREVIEWED = {NOT_RATED, COMMITMENT, NOT_CHECKED}
BEST_RATING = max(RATING_SCALE.values())
WORST_RATING = min(RATING_SCALE.values())


def site_address(config_file: Path | None = None) -> str:
    """The address the book is published at, ending with ``/``, from ``_config.yml``.

    ``html.baseurl`` when it is set; otherwise the GitHub Pages address of
    ``repository.url`` (``https://github.com/OWNER/REPO`` is published at
    ``https://owner.github.io/REPO/``, and a repository named
    ``OWNER.github.io`` at ``https://owner.github.io/``).
    """
    config = yaml.safe_load(Path(config_file or paths.project_root() / "_config.yml").read_text(encoding="utf-8"))
    base = str((config.get("html") or {}).get("baseurl") or "").strip()
    if base:
        if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", base):
            raise ValueError(f"html.baseurl is not an http(s) address: {base!r}")
        return base.rstrip("/") + "/"
    url = str((config.get("repository") or {}).get("url") or "").strip()
    found = re.fullmatch(r"https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?", url)
    if not found:
        raise ValueError(f"set html.baseurl in _config.yml: no GitHub Pages address follows from {url!r}")
    owner, repository = found.group(1).lower(), found.group(2)
    if repository.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repository}/"


def review_url(claim_id: str, base_url: str, page: str = CLAIMS_PAGE) -> str:
    """The address of a claim's row in the verdict table (``<base>chapters/04_claims.html#claim-n02``)."""
    return f"{base_url.rstrip('/')}/{page}#{claim_anchor(claim_id)}"


def rating(verdict: str, explanation: str) -> dict:
    """The schema.org ``Rating`` of a verdict: its name, the reason and, on :data:`RATING_SCALE`, its value."""
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    found = {"@type": "Rating", "alternateName": verdict, "ratingExplanation": explanation}
    if verdict in RATING_SCALE:
        found.update(ratingValue=RATING_SCALE[verdict], bestRating=BEST_RATING, worstRating=WORST_RATING)
    return found


def claimreview_records(
    checked: pd.DataFrame, ds, *, base_url: str | None = None, reviewer: str = REVIEWER, review_date: str = REVIEW_DATE
) -> list[dict]:
    """One schema.org ``ClaimReview`` per reviewed claim (every verdict but :data:`UNREVIEWED`), in claim order.

    ``url`` is the claim's row in the verdict table on the published site
    (:func:`review_url`; ``base_url`` defaults to :func:`site_address`),
    ``datePublished`` the day the verdicts were reviewed (``review_date``)
    and ``author`` the reviewing team with the site's address.
    ``itemReviewed`` is a ``Claim`` with its author (the speaker, or the
    publisher of the text when the speaker is not known), ``datePublished``
    (the publication date of the text) and its appearance (the text, with
    its address where known); ``reviewRating`` is :func:`rating`.
    ``citation`` is the page the reference figure was read on.
    """
    base_url = base_url or site_address()
    docs = ds.documents.set_index("doc_id")
    people = ds.people.set_index("person_id")["name"]
    records = []
    ordered = checked.sort_values("claim_id", key=lambda ids: ids.str[1:].astype(int), kind="stable")
    for row in ordered[~ordered["verdict"].isin(UNREVIEWED)].itertuples(index=False):
        doc = docs.loc[row.doc_id]
        if not is_missing(row.speaker):
            author = {"@type": "Person", "name": people[row.speaker]}
        else:
            author = {"@type": "Organization", "name": doc["publisher"]}
        appearance = {
            "@type": "CreativeWork",
            "headline": doc["title"],
            "publisher": {"@type": "Organization", "name": doc["publisher"]},
        }
        if not is_missing(doc["source_url"]):
            appearance["url"] = doc["source_url"]
        record = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": review_url(row.claim_id, base_url),
            "identifier": row.claim_id,
            "datePublished": review_date,
            "claimReviewed": row.quote,
            "author": {"@type": "Organization", "name": reviewer, "url": base_url},
            "itemReviewed": {
                "@type": "Claim",
                "author": author,
                "datePublished": pd.Timestamp(doc["publication_date"]).date().isoformat(),
                "appearance": appearance,
            },
            "reviewRating": rating(row.verdict, _explained(row)),
        }
        if not is_missing(row.reference_address) and str(row.reference_address).startswith("http"):
            name = row.reference_title if not is_missing(row.reference_title) else row.reference_item
            record["citation"] = {"@type": "CreativeWork", "url": row.reference_address, "name": name}
        records.append(record)
    return records


def _explained(row) -> str:
    """The rating's explanation: the reason, saying when it rests on a secondary copy."""
    label = verdict_label(row.verdict, getattr(row, "strength", ""))
    if label == row.verdict:
        return row.explanation
    return f"{row.explanation} The reference was read in a secondary copy of the official publication."


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ABSOLUTE = re.compile(r"https?://[^\s/]+/\S*")


def validate_claimreview(record: dict) -> list[str]:
    """Return the problems of one ``ClaimReview`` record (empty when valid)."""
    problems = [f"missing {key}" for key in REQUIRED_CLAIMREVIEW if not record.get(key)]
    if record.get("@type") != "ClaimReview":
        problems.append("@type is not ClaimReview")
    url = str(record.get("url") or "")
    if url and not (_ABSOLUTE.fullmatch(url) and "#" in url):
        problems.append("url is not an absolute address with an anchor")
    if record.get("datePublished") and not _ISO_DATE.fullmatch(str(record["datePublished"])):
        problems.append("datePublished is not an ISO date")
    item = record.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        problems.append("itemReviewed is not a Claim")
    for key in ("author", "datePublished"):
        if not item.get(key):
            problems.append(f"itemReviewed has no {key}")
    if item.get("datePublished") and not _ISO_DATE.fullmatch(str(item["datePublished"])):
        problems.append("itemReviewed.datePublished is not an ISO date")
    seen_at = (item.get("appearance") or {}).get("url")
    if seen_at and not _ABSOLUTE.fullmatch(str(seen_at)):
        problems.append("itemReviewed.appearance.url is not an absolute address")
    given = record.get("reviewRating") or {}
    verdict = given.get("alternateName")
    if given.get("@type") != "Rating" or verdict not in VERDICTS:
        problems.append("reviewRating has no Rating with a known alternateName")
    elif verdict not in RATING_SCALE:
        if any(key in given for key in ("ratingValue", "bestRating", "worstRating")):
            problems.append(f"reviewRating of a claim {verdict!r} has a numeric rating")
    elif (given.get("ratingValue"), given.get("bestRating"), given.get("worstRating")) != (
        RATING_SCALE[verdict],
        BEST_RATING,
        WORST_RATING,
    ):
        problems.append(
            f"reviewRating is not {RATING_SCALE[verdict]} on the scale {WORST_RATING}-{BEST_RATING} for {verdict!r}"
        )
    author = record.get("author") or {}
    if not author.get("name"):
        problems.append("author has no name")
    if not _ABSOLUTE.fullmatch(str(author.get("url") or "")):
        problems.append("author has no absolute url")
    return problems


# --------------------------------------------------------------------------
# The records read by a JSON-LD processor (PyLD), offline
# --------------------------------------------------------------------------

#: The part of schema.org's JSON-LD context (https://schema.org/docs/jsonldcontext.jsonld) that these records
#: use: its vocabulary, addresses as IRIs and dates typed as schema:Date. Bundled, so that the records can be
#: read without fetching the context (the build has no network).
SCHEMA_ORG_CONTEXT = {
    "@context": {
        "@vocab": "http://schema.org/",
        "schema": "http://schema.org/",
        "url": {"@id": "schema:url", "@type": "@id"},
        "datePublished": {"@id": "schema:datePublished", "@type": "schema:Date"},
    }
}
_SCHEMA_ORG = {
    "https://schema.org",
    "http://schema.org",
    "https://schema.org/",
    "http://schema.org/",
    "https://schema.org/docs/jsonldcontext.jsonld",
    "https://schema.org/docs/jsonldcontext.json",
}
SCHEMA = "http://schema.org/"


def _document_loader(url: str, options=None) -> dict:
    """PyLD's document loader: schema.org's context from :data:`SCHEMA_ORG_CONTEXT`, nothing from the network."""
    if url in _SCHEMA_ORG:
        return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG_CONTEXT}
    raise jsonld.JsonLdError(
        f"no document other than schema.org's context is loaded: {url}",
        "loading document failed",
        code="loading document failed",
    )


def expand(records: list[dict]) -> list[dict]:
    """The records in JSON-LD expanded form (PyLD), every term a full schema.org IRI.

    No base address: a relative ``url`` stays relative (PyLD would otherwise
    resolve it against its placeholder ``http://example.org/base/``).
    """
    return jsonld.expand(records, {"documentLoader": _document_loader, "base": None})


def to_nquads(records: list[dict]) -> str:
    """The records as RDF N-Quads (PyLD): the statements a linked-data reader takes from them.

    Without a base address, a statement whose object is a relative address
    is left out, as RDF has no relative IRIs.
    """
    return jsonld.to_rdf(records, {"format": "application/n-quads", "documentLoader": _document_loader, "base": None})


def linked_data_problems(records: list[dict]) -> list[str]:
    """What a JSON-LD processor does not read as intended: each record must expand to a schema.org ClaimReview
    whose ``url`` is an absolute IRI, with a rating and a reviewed claim."""
    problems = []
    expanded = expand(records)
    if len(expanded) != len(records):
        return [f"{len(records)} records expand to {len(expanded)} nodes"]
    for number, node in enumerate(expanded):
        where = f"record {number}"
        if node.get("@type") != [SCHEMA + "ClaimReview"]:
            problems.append(f"{where}: not a {SCHEMA}ClaimReview")
        urls = [value.get("@id", "") for value in node.get(SCHEMA + "url", [])]
        if len(urls) != 1 or not _ABSOLUTE.fullmatch(urls[0]):
            problems.append(f"{where}: url is not one absolute IRI: {urls}")
        for key in ("reviewRating", "itemReviewed", "claimReviewed", "datePublished", "author"):
            if SCHEMA + key not in node:
                problems.append(f"{where}: no {SCHEMA}{key}")
    return problems


def claimreview_jsonld(records: list[dict]) -> str:
    """Serialise records deterministically (sorted keys, two-space indent)."""
    return json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True)


def export_claimreview(records: list[dict], directory: Path) -> Path:
    """Write the records to ``directory/claims-claimreview.jsonld`` and return the path.

    Refuses records with problems (:func:`validate_claimreview`,
    :func:`linked_data_problems`).
    """
    problems = {i: validate_claimreview(r) for i, r in enumerate(records)}
    bad = {i: p for i, p in problems.items() if p}
    if bad:
        raise ValueError(f"invalid ClaimReview records: {bad}")
    unread = linked_data_problems(records)
    if unread:
        raise ValueError(f"ClaimReview records a JSON-LD processor does not read as intended: {unread}")
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
        return (
            r"\textit{The " + str(len(self.records)) + r" ClaimReview records are embedded in the HTML "
            r"edition and exported as " + escape.latex(self.file_name) + ".}"
        )

    def __repr__(self) -> str:
        return f"ClaimReview JSON-LD: {len(self.records)} records ({self.file_name})"
