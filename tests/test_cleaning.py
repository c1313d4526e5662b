import pandas as pd
import pytest

from helpers.cleaning import apply_rules
from helpers.errors import DataError
from helpers.text import normalise


def rules(*rows):
    return pd.DataFrame(rows, columns=["rule_id", "doc_id", "action", "text", "reason"])


def test_remove_and_truncate():
    raw = "Title\n4 minutes read time\nBody text.\nRelated Articles\nspam"
    text, removals = apply_rules(
        "d1",
        raw,
        rules(
            ("C01", "d1", "remove", "4 minutes read time\n", "furniture"),
            ("C02", "d1", "truncate", "Related Articles", "furniture"),
            ("C03", "other", "remove", "Body", "other document"),
        ),
    )
    assert text == "Title\nBody text.\n"
    assert [r.rule_id for r in removals] == ["C01", "C02"]
    assert removals[1].removed == "Related Articles\nspam"


def test_rule_matching_twice_is_an_error():
    with pytest.raises(DataError, match=r"C01.*occurs 2 times") as err:
        apply_rules("d1", "x y x", rules(("C01", "d1", "remove", "x", "r")))
    assert err.value.file == "cleaning_rules.csv" and err.value.field == "text"


def test_rule_matching_nothing_is_an_error():
    with pytest.raises(DataError, match="does not occur"):
        apply_rules("d1", "abc", rules(("C01", "d1", "remove", "zzz", "r")))


def test_every_declared_rule_matches_exactly_once(ds):
    for rule in ds.cleaning_rules.itertuples():
        raw = normalise(ds.text(rule.doc_id, cleaned=False))
        assert raw.count(rule.text) == 1, f"{rule.rule_id} matches {raw.count(rule.text)} times"
    assert len(ds.cleaning_log) == len(ds.cleaning_rules)


def test_cleaned_texts_lose_the_furniture_named_in_the_sources_readme(ds):
    furniture = {
        "state-2017": ["4 minutes read time", "(State Department photo)", "Career Ambassadors", "Editor's Note"],
        "state-2023": ["Related Articles", "Leave a Reply", "Back to top button", "gates of olympus"],
        "sre-2020": ["/cms/uploads/image", ".jpeg"],
        "pres-2010": ["San Felipe, Baja"],
    }
    for doc_id, snippets in furniture.items():
        for snippet in snippets:
            assert snippet not in ds.text(doc_id), (doc_id, snippet)
            assert snippet in normalise(ds.text(doc_id, cleaned=False)), (doc_id, snippet)


def test_cleaning_keeps_statement_text(ds):
    assert "They agreed to treat fentanyl as a common problem." in ds.text("sre-2020")
    assert "can only be successfully resolved jointly." in ds.text("sre-2020")
    assert "formally adding the management of the historic migration flows" in ds.text("state-2023")
