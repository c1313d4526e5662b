"""Tests of helpers.claimreview: the schema.org ClaimReview records of the checked claims.

The records are also read by a third-party JSON-LD processor (PyLD), offline,
against the part of schema.org's context that they use.
"""

from __future__ import annotations

import json

import pytest
from pyld import jsonld

from helpers import claim_report as rep
from helpers import claimreview as cr
from helpers import claims as cl

from claims_fixtures import Translated

BASE = "https://example.org/book/"

#: The schema.org terms the records use, with the types they belong to (as schema.org defines them).
SCHEMA_TERMS = {
    "ClaimReview",
    "Claim",
    "Rating",
    "Organization",
    "Person",
    "CreativeWork",
    "url",
    "identifier",
    "datePublished",
    "claimReviewed",
    "author",
    "itemReviewed",
    "appearance",
    "reviewRating",
    "alternateName",
    "ratingExplanation",
    "ratingValue",
    "bestRating",
    "worstRating",
    "headline",
    "publisher",
    "name",
    "citation",
}


def records_of(fixture=None, **options):
    fixture = fixture or Translated()
    return cr.claimreview_records(cl.check(fixture), fixture, base_url=BASE, **options)


# ---------------------------------------------------------------- the site's address


def test_the_site_address_is_the_base_url_when_the_config_sets_one(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("html:\n  baseurl: https://report.example.org/usmx\nrepository:\n  url: https://github.com/a/b\n")
    assert cr.site_address(config) == "https://report.example.org/usmx/"


def test_the_site_address_is_else_the_github_pages_address_of_the_repository(tmp_path):
    config = tmp_path / "_config.yml"
    config.write_text("html:\n  baseurl: ''\nrepository:\n  url: https://github.com/USMX-Org/Some.Report.git\n")
    assert cr.site_address(config) == "https://usmx-org.github.io/Some.Report/"
    config.write_text("repository:\n  url: https://github.com/usmx/usmx.github.io\n")
    assert cr.site_address(config) == "https://usmx.github.io/"
    config.write_text("repository:\n  url: https://gitlab.com/a/b\n")
    with pytest.raises(ValueError, match="html.baseurl"):
        cr.site_address(config)
    config.write_text("html:\n  baseurl: /relative/\n")
    with pytest.raises(ValueError):
        cr.site_address(config)


def test_the_books_own_address():
    assert cr.site_address() == "https://usmx-security-report.github.io/us-mexico-security-dialogues/"


def test_a_review_url_points_at_the_claims_row():
    assert cr.review_url("N02", BASE) == "https://example.org/book/chapters/04_claims.html#claim-n02"
    assert cr.review_url("N02", BASE.rstrip("/")) == cr.review_url("N02", BASE)


# ---------------------------------------------------------------- the rating


def test_the_rating_scale_orders_the_verdicts_and_leaves_not_verifiable_off_it():
    assert (cr.WORST_RATING, cr.BEST_RATING) == (1, 3)
    assert set(cr.RATING_SCALE) == set(cl.VERDICTS) - {cl.NOT_VERIFIABLE, cl.NOT_FOUND} - cr.UNREVIEWED
    assert cr.RATING_SCALE[cl.CONFIRMED] == cr.RATING_SCALE[cl.COMMITMENT_MET] == 3
    assert cr.RATING_SCALE[cl.PARTLY_CONFIRMED] == 2 and cr.RATING_SCALE[cl.DIFFERS] == 1
    assert cr.rating(cl.CONSISTENT, "r") == {
        "@type": "Rating",
        "alternateName": cl.CONSISTENT,
        "ratingExplanation": "r",
        "ratingValue": 3,
        "bestRating": 3,
        "worstRating": 1,
    }
    assert cr.rating(cl.APPROXIMATE, "r")["ratingValue"] == 2
    assert {cr.rating(v, "r")["ratingValue"] for v in (cl.OVERSTATED, cl.UNDERSTATED, cl.INTERNAL, cl.TRANSLATION)} == {
        1
    }
    assert cr.rating(cl.NOT_VERIFIABLE, "r") == {
        "@type": "Rating",
        "alternateName": cl.NOT_VERIFIABLE,
        "ratingExplanation": "r",
    }
    with pytest.raises(ValueError):
        cr.rating("mostly true", "r")


# ---------------------------------------------------------------- the records


def test_one_record_per_claim_from_a_small_dataset():
    records = records_of()
    assert [r["identifier"] for r in records] == ["N01", "N02", "N03", "N04"]
    first, third = records[0], records[2]
    assert first["url"] == BASE + "chapters/04_claims.html#claim-n01"
    assert first["datePublished"] == cr.REVIEW_DATE
    assert first["author"] == {"@type": "Organization", "name": cr.REVIEWER, "url": BASE}
    assert first["itemReviewed"]["author"] == {"@type": "Person", "name": "A Speaker"}
    assert third["itemReviewed"]["author"] == {"@type": "Organization", "name": "Pub"}  # no speaker: the publisher
    assert first["itemReviewed"]["datePublished"] == "2023-10-05"
    assert "url" not in first["itemReviewed"]["appearance"]  # the text's address is not known
    assert first["reviewRating"]["alternateName"] == cl.CONSISTENT and first["reviewRating"]["ratingValue"] == 3
    assert third["reviewRating"]["ratingValue"] == 1  # a translation discrepancy
    assert first["citation"]["url"] == "https://example.org/t"
    assert "citation" not in records[1]  # an internal check cites no page
    assert all(cr.validate_claimreview(r) == [] for r in records)


def test_the_review_date_is_an_argument_and_the_text_address_is_its_appearance():
    fixture = Translated()
    fixture.documents.loc[fixture.documents["doc_id"] == "d1", "source_url"] = "https://example.org/d1"
    record = records_of(fixture, review_date="2030-01-02")[0]
    assert record["datePublished"] == "2030-01-02"
    assert record["itemReviewed"]["appearance"]["url"] == "https://example.org/d1"


def test_validation_catches_what_aggregators_would_not_read():
    record = records_of()[0]
    broken = json.loads(json.dumps(record))
    broken["url"] = "chapters/04_claims.html#claim-n01"
    broken["datePublished"] = "24 November 2026"
    del broken["author"]["url"]
    broken["reviewRating"]["ratingValue"] = 1
    del broken["itemReviewed"]["datePublished"]
    problems = cr.validate_claimreview(broken)
    assert "url is not an absolute address with an anchor" in problems
    assert "datePublished is not an ISO date" in problems
    assert "author has no absolute url" in problems
    assert "itemReviewed has no datePublished" in problems
    assert any("not 3 on the scale 1-3" in p for p in problems)
    unrated = records_of()[0]
    unrated["reviewRating"] = cr.rating(cl.NOT_VERIFIABLE, "r") | {"ratingValue": 2}
    assert cr.validate_claimreview(unrated) == ["reviewRating of a claim 'not verifiable' has a numeric rating"]


def test_claims_that_are_not_reviewed_have_no_record_and_a_secondary_source_is_said():
    from claims_fixtures import Natures

    fixture = Natures()
    records = cr.claimreview_records(cl.check(fixture), fixture, base_url=BASE)
    assert [r["identifier"] for r in records] == ["N1", "N2", "N3", "N5", "N8", "N9"]  # not N4, N6, N7
    first = records[0]
    assert first["reviewRating"]["alternateName"] == cl.CONFIRMED and first["reviewRating"]["ratingValue"] == 3
    assert first["reviewRating"]["ratingExplanation"].endswith("secondary copy of the official publication.")
    assert "ratingValue" not in records[1]["reviewRating"]  # not found: no place on the scale
    assert all(cr.validate_claimreview(r) == [] for r in records) and cr.linked_data_problems(records) == []


def test_claimreview_records_are_valid_and_deterministic(ds, tmp_path):
    checked = cl.check(ds)
    records = cr.claimreview_records(checked, ds)
    assert len(records) == (~checked["verdict"].isin(cr.UNREVIEWED)).sum()
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


def test_each_record_links_to_the_anchor_its_claim_has_in_the_verdict_table(ds):
    checked = cl.check(ds)
    reviewed = checked[~checked["verdict"].isin(cr.UNREVIEWED)]
    anchors = [cell.target for cell in rep.compact_table(reviewed)["claim"]]
    records = cr.claimreview_records(checked, ds)
    page = cr.site_address() + cr.CLAIMS_PAGE + "#"
    assert [r["url"] for r in records] == [page + a for a in anchors]
    assert len(set(anchors)) == len(anchors)


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


# ---------------------------------------------------------------- read by a JSON-LD processor (PyLD)


def test_a_json_ld_processor_reads_every_record_as_a_schema_org_claim_review(ds):
    records = cr.claimreview_records(cl.check(ds), ds)
    assert cr.linked_data_problems(records) == []
    expanded = cr.expand(records)
    assert [node["@type"] for node in expanded] == [["http://schema.org/ClaimReview"]] * len(records)
    assert [node["http://schema.org/url"] for node in expanded] == [[{"@id": r["url"]}] for r in records]
    quads = cr.to_nquads(records).splitlines()
    used = {q.split(" ")[1].strip("<>") for q in quads} | {
        q.split(" ")[2].strip("<>") for q in quads if " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " in q
    }
    used.discard("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert used == {"http://schema.org/" + term for term in SCHEMA_TERMS}  # no term outside schema.org's
    for record in records:
        assert f"<http://schema.org/url> <{record['url']}> ." in "\n".join(quads)
    rated = [q for q in quads if "<http://schema.org/ratingValue>" in q]
    assert len(rated) == sum(r["reviewRating"]["alternateName"] in cr.RATING_SCALE for r in records)
    assert f'<http://schema.org/datePublished> "{cr.REVIEW_DATE}"^^<http://schema.org/Date> .' in quads[2] or any(
        f'"{cr.REVIEW_DATE}"^^<http://schema.org/Date>' in q for q in quads
    )


def test_the_processor_finds_a_relative_address_and_a_record_that_is_no_claim_review():
    records = records_of()
    records[0]["url"] = "chapters/04_claims.html#claim-n01"
    records[1]["@type"] = "Review"
    del records[2]["reviewRating"]
    problems = cr.linked_data_problems(records)
    assert any(p.startswith("record 0: url is not one absolute IRI") for p in problems)
    assert "record 1: not a http://schema.org/ClaimReview" in problems
    assert "record 2: no http://schema.org/reviewRating" in problems
    # Valid to the eye, but its context gives "url" another meaning: only the processor sees it.
    renamed = records_of()[0] | {"@context": ["https://schema.org", {"url": "https://example.org/terms#url"}]}
    assert cr.validate_claimreview(renamed) == []
    with pytest.raises(ValueError, match="JSON-LD processor"):
        cr.export_claimreview([renamed], "/nonexistent")


def test_the_processor_loads_no_context_but_schema_orgs():
    with pytest.raises(jsonld.JsonLdError):
        cr.expand([{"@context": "https://example.org/context.jsonld", "@type": "ClaimReview"}])


def test_the_display_embeds_the_records_in_html_and_summarises_them_elsewhere():
    records = [{"@type": "ClaimReview", "claimReviewed": "</script><b>x</b>"}]
    display = cr.ClaimReviewDisplay(records, "f.jsonld")
    assert "</script><b>" not in display._repr_html_().removesuffix("</script>")
    assert "1 ClaimReview records" in display._repr_latex_() and "f.jsonld" in display._repr_latex_()
    assert repr(display) == "ClaimReview JSON-LD: 1 records (f.jsonld)"
