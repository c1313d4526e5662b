"""Tests of helpers.claimreview: the schema.org ClaimReview records of the checked claims."""

from __future__ import annotations

import json

import pytest
from claims_fixtures import Translated

from helpers import claimreview as cr
from helpers import claims as cl


def test_one_record_per_claim_from_a_small_dataset():
    fixture = Translated()
    records = cr.claimreview_records(cl.check(fixture), fixture)
    assert [r["identifier"] for r in records] == ["N01", "N02", "N03", "N04"]
    first, third = records[0], records[2]
    assert first["itemReviewed"]["author"] == {"@type": "Person", "name": "A Speaker"}
    assert third["itemReviewed"]["author"] == {"@type": "Organization", "name": "Pub"}   # no speaker: the publisher
    assert first["itemReviewed"]["datePublished"] == "2023-10-05"
    assert first["reviewRating"]["alternateName"] == cl.CONSISTENT
    assert first["citation"]["url"] == "https://example.org/t"
    assert "citation" not in records[1]                                # an internal check cites no page
    assert all(cr.validate_claimreview(r) == [] for r in records)


def test_claimreview_records_are_valid_and_deterministic(ds, tmp_path):
    checked = cl.check(ds)
    records = cr.claimreview_records(checked, ds)
    assert len(records) == len(checked)
    for record in records:
        assert cr.validate_claimreview(record) == [], record["url"]
        assert record["itemReviewed"]["author"]["name"]
        assert record["reviewRating"]["alternateName"] in cl.VERDICTS
    path = cr.export_claimreview(records, tmp_path)
    assert "claimreview" in path.name
    assert json.loads(path.read_text(encoding="utf-8")) == records
    assert cr.claimreview_jsonld(cr.claimreview_records(checked, ds)) == cr.claimreview_jsonld(records)
    html = cr.claimreview_html(records)
    assert html.startswith('<script type="application/ld+json">') and html.endswith("</script>")


def test_validation_catches_a_broken_record(ds):
    record = cr.claimreview_records(cl.check(ds), ds)[0]
    broken = json.loads(json.dumps(record))
    del broken["itemReviewed"]["datePublished"]
    broken["reviewRating"]["alternateName"] = "mostly true"
    problems = cr.validate_claimreview(broken)
    assert "itemReviewed has no datePublished" in problems
    assert any("alternateName" in p for p in problems)
    with pytest.raises(ValueError):
        cr.export_claimreview([broken], ds.data_dir)


def test_the_display_embeds_the_records_in_html_and_summarises_them_elsewhere():
    records = [{"@type": "ClaimReview", "claimReviewed": "</script><b>x</b>"}]
    display = cr.ClaimReviewDisplay(records, "f.jsonld")
    assert "</script><b>" not in display._repr_html_().removesuffix("</script>")
    assert "1 ClaimReview records" in display._repr_latex_() and "f.jsonld" in display._repr_latex_()
    assert repr(display) == "ClaimReview JSON-LD: 1 records (f.jsonld)"
