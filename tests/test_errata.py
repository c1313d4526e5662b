"""Titles corrected by an erratum (helpers.errata), on constructed rows and on the dataset."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import errata as er
from helpers.errors import DataError
from helpers.text import contains_quote


def _participants():
    return pd.DataFrame(
        {
            "meeting_id": ["M1", "M1", "M2"],
            "person_id": ["p1", "p2", "p1"],
            "doc_id": ["d1", "d1", "d2"],
            "name_as_written": ["Ann One", "Bob Two", "Ann One"],
            "title_as_written": ["Secretary of Things", "Advisor for Stuff", "Secretary of Things"],
        }
    )


def _errata(**change):
    row = {
        "erratum_id": "E01",
        "doc_id": "d1",
        "kind": "interpreting error",
        "text_as_written": "the Secretary of Things Ann One",
        "correction": "the Secretary of Other Things Ann One",
    }
    return pd.DataFrame([{**row, **change}])


def test_corrected_title_keeps_the_surrounding_words():
    assert er.corrected_title("Advisor for X", "then Advisor for X Dr. Bob", "then Y Advisor Dr. Bob") == "Y Advisor"
    with pytest.raises(ValueError):
        er.corrected_title("Advisor for X", "then Advisor for X Dr. Bob", "Y Advisor Robert")


def test_an_erratum_corrects_only_the_row_of_its_document_and_name():
    fixes = er.title_corrections(_participants(), _errata())
    assert fixes[["meeting_id", "person_id", "erratum_id", "title_corrected"]].values.tolist() == [
        ["M1", "p1", "E01", "Secretary of Other Things"]
    ]


def test_other_kinds_of_errata_correct_no_title():
    assert er.title_corrections(_participants(), _errata(kind="misspelling")).empty


def test_titles_shown_put_the_correction_beside_the_title_as_written():
    shown = er.titles_shown(_participants(), _errata())
    assert shown.tolist() == [
        "Secretary of Things (erratum E01: Secretary of Other Things)",
        "Advisor for Stuff",
        "Secretary of Things",
    ]


def test_an_erratum_that_cannot_be_applied_is_an_error():
    with pytest.raises(DataError, match="E01"):
        er.title_corrections(_participants(), _errata(correction="Ann One, Secretary of Other Things"))
    two = pd.concat([_errata(), _errata(erratum_id="E02")], ignore_index=True)
    with pytest.raises(DataError, match="both correct"):
        er.title_corrections(_participants(), two)


def test_every_title_erratum_of_the_dataset_corrects_a_participant(ds):
    fixes = er.title_corrections(ds.participants, ds.errata)
    titles = ds.errata[ds.errata["kind"].isin(er.TITLE_KINDS)]
    assert set(fixes["erratum_id"]) == set(titles["erratum_id"])
    corrected = dict(zip(fixes["person_id"], fixes["title_corrected"], strict=True))
    assert corrected["alejandro-mayorkas"] == "Secretary of Homeland Security"
    assert corrected["elizabeth-sherwood-randall"] == "Homeland Security Advisor"


def test_an_erratum_sourced_from_a_corpus_text_quotes_it(ds):
    addresses = ds.documents.dropna(subset=["source_url"]).set_index("source_url")["doc_id"]
    sourced = ds.errata[ds.errata["source_url"].isin(addresses.index)]
    assert len(sourced) >= 1
    for erratum in sourced.itertuples():
        doc = ds.documents.set_index("doc_id").loc[addresses[erratum.source_url]]
        assert erratum.source_title == doc["title"] and erratum.source_publisher == doc["publisher"]
        assert contains_quote(ds.text(addresses[erratum.source_url]), erratum.source_quote), erratum.erratum_id
