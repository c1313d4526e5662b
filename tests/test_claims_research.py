"""The project's research on the 2021-2024 texts, kept as data (data/research/series_refs/), and the rows taken from it.

Every reference quote taken from the research is found in the stored notes; every claim quote of the research is
found in the raw text of the claim it was mapped to; the notes are the files received (SHA256SUMS).
"""

from __future__ import annotations

import csv
import hashlib
import re

import pytest

from helpers import paths
from helpers.text import contains_quote, normalise

RESEARCH = paths.project_root() / "data" / "research" / "series_refs"
ORIGIN = re.compile(
    r"project research, 2026-11, search excerpt: data/research/series_refs/reference_stats\.csv "
    r"row (\d+)(?: \(also rows? (\d+)\))?"
)


def _research_rows() -> list[dict]:
    with (RESEARCH / "reference_stats.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _stored_text() -> str:
    return "\n".join((RESEARCH / name).read_text(encoding="utf-8") for name in ("notes.md", "reference_stats.csv"))


def test_the_research_notes_are_the_files_received():
    lines = (RESEARCH / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert {line.split()[1] for line in lines} == {"notes.md", "reference_stats.csv", "meeting_facts.csv"}
    for line in lines:
        digest, name = line.split()
        assert hashlib.sha256((RESEARCH / name).read_bytes()).hexdigest() == digest, name


def test_every_reference_row_from_the_research_cites_a_row_and_its_quote_is_in_the_notes(ds):
    rows, stored = _research_rows(), _stored_text()
    refs = ds.reference_stats[ds.reference_stats["origin"].str.startswith("project research")]
    assert len(refs) > 0
    for ref in refs.itertuples(index=False):
        found = ORIGIN.fullmatch(ref.origin)
        assert found, (ref.reference_id, ref.origin)
        for number in filter(None, found.groups()):
            assert 1 <= int(number) <= len(rows), ref.reference_id
        if isinstance(ref.quote, str) and ref.quote:
            assert ref.quote in stored, ref.reference_id
        row = rows[int(found.group(1)) - 1]
        if row["url"] not in ("", "-"):
            assert ref.url == row["url"] or ref.confirmed is False or ref.url in stored, ref.reference_id


def test_every_research_row_is_used_and_its_claim_quote_is_in_the_raw_text(ds):
    rows = _research_rows()
    used = set()
    for ref in ds.reference_stats["origin"]:
        found = ORIGIN.fullmatch(ref)
        if found:
            used |= {int(n) for n in found.groups() if n}
    assert used == set(range(1, len(rows) + 1)), sorted(set(range(1, len(rows) + 1)) - used)
    by_address = {
        url.rstrip("/").split("/statements-releases/")[-1].split("/press-briefings/")[-1]: doc_id
        for doc_id, url in zip(ds.documents["doc_id"], ds.documents["source_url"], strict=True)
        if isinstance(url, str)
    }
    for number, row in enumerate(rows, start=1):
        day = re.match(r"wh-(\d{4})-(\d{2})-(\d{2})-(.+)\.md", row["claim_file"])
        doc_id = by_address["/".join(day.groups())]
        raw = normalise(ds.text(doc_id, cleaned=False))
        assert contains_quote(raw, normalise(row["claim_quote"])), (number, doc_id)


@pytest.mark.parametrize("claim_id, research_row", [("N09", None), ("N43", 7), ("N63", 13), ("N105", 35)])
def test_links_rest_on_the_rows_they_name(ds, claim_id, research_row):
    links = ds.claim_checks[ds.claim_checks["claim_id"] == claim_id]
    refs = ds.reference_stats.set_index("reference_id")
    statistic = links.loc[links["role"] == "statistic", "reference_id"].iloc[0]
    if research_row is None:  # the 2023 trade figure: not the forum post
        assert "forums" not in refs.loc[statistic, "url"]
    else:
        assert refs.loc[statistic, "origin"].split(" row ")[1].split(" ")[0] == str(research_row)
