"""The measures of the conclusions, on small fixtures and on the dataset."""

import pandas as pd
import pytest

from helpers import claims as cl
from helpers import synthesis as sy
from helpers.errors import DataError


@pytest.fixture
def presence():
    return pd.DataFrame(
        {"M1": [True, True, False], "M2": [True, False, False], "M3": [True, False, True]},
        index=pd.Index(["a", "b", "c"], name="theme_id"),
    )


def test_persistence_distribution_counts_themes_and_institutions(presence):
    institutions = pd.Series({"x": 1, "y": 1, "z": 3, "w": 2})
    frame = sy.persistence_distribution(presence, institutions)
    assert frame["meetings_present"].tolist() == [1, 2, 3]
    assert frame["themes"].tolist() == [2, 0, 1] and frame["institutions"].tolist() == [2, 1, 1]
    assert frame["themes_share"].sum() == pytest.approx(1) and frame["institutions_share"].sum() == pytest.approx(1)


def test_a_theme_never_found_gets_a_row_at_zero(presence):
    presence.loc["d"] = False
    frame = sy.persistence_distribution(presence, pd.Series({"x": 1}))
    assert frame.iloc[0].to_dict()["meetings_present"] == 0 and frame.iloc[0]["themes"] == 1


def test_sector_alignment_splits_agenda_and_table(presence):
    mapping = pd.DataFrame(
        {"sector": ["finance", "finance", "navy"], "theme_id": ["b", "c", "a"], "rationale": ["", "", ""]}
    )
    at_table = pd.DataFrame({"meeting_id": ["M1", "M2", "M2"], "sector": ["finance", "finance", "navy"]})
    out = sy.sector_alignment(mapping, presence, at_table, ["finance", "navy", "embassy"]).set_index("sector")
    assert out.loc["finance", "on_agenda_meetings"] == "M1|M3"
    assert out.loc["finance", "agenda_only_meetings"] == "M3" and out.loc["finance", "table_only_meetings"] == "M2"
    assert out.loc["navy", "both"] == 1 and out.loc["navy", "agenda_only"] == 2


def test_a_sector_unknown_to_the_agencies_is_named_with_its_row(presence):
    mapping = pd.DataFrame({"sector": ["navy", "nav"], "theme_id": ["a", "a"], "rationale": ["", ""]})
    with pytest.raises(DataError, match=r"sector_themes.csv, row 2 .*field 'sector'.*'nav'"):
        sy.sector_alignment(mapping, presence, pd.DataFrame(columns=["meeting_id", "sector"]), ["navy"])


def test_every_mapped_sector_exists_and_every_rationale_is_written(ds):
    assert set(ds.sector_themes["sector"]) <= set(ds.agencies["sector"])
    assert ds.sector_themes["rationale"].str.len().min() > 20


def test_persistence_facts_read_the_extremes_of_the_distribution(presence):
    institutions = pd.Series({"x": 1, "y": 1, "z": 3, "w": 2})
    distribution = sy.persistence_distribution(presence, institutions)
    labels = pd.Series({"x": "X", "y": "Y", "z": "Zeta", "w": "W"})
    facts = sy.persistence_facts(distribution, institutions, labels, 3)
    assert (facts["themes_all"], facts["inst_all"], facts["inst_all_names"]) == (1, 1, "Zeta")
    assert facts["inst_once_pct"] == pytest.approx(50) and facts["themes_once_pct"] == pytest.approx(200 / 3)
    institutions["y"] = 3
    assert (
        sy.persistence_facts(sy.persistence_distribution(presence, institutions), institutions, labels, 3)[
            "inst_all_names"
        ]
        == "Y and Zeta"
    )


def test_alignment_facts_name_the_widest_gap(presence):
    mapping = pd.DataFrame(
        {"sector": ["finance", "finance", "navy"], "theme_id": ["b", "c", "a"], "rationale": ["", "", ""]}
    )
    at_table = pd.DataFrame({"meeting_id": ["M1", "M2", "M2"], "sector": ["finance", "finance", "navy"]})
    facts = sy.alignment_facts(sy.sector_alignment(mapping, presence, at_table, ["finance", "navy"]))
    assert (facts["pairs_agenda"], facts["pairs_absent"], facts["pairs_table_only"]) == (5, 3, 1)
    assert (facts["gap_sector"], facts["gap_at_table"], facts["gap_on_agenda"]) == ("navy", 1, 3)
    assert facts["pairs_absent_pct"] == pytest.approx(60)


def test_like_for_like_keeps_only_the_listed_meetings(presence):
    continuity = pd.DataFrame({"lineage_id": ["x", "x", "y", "z"], "meeting_id": ["M1", "M3", "M2", "M2"]})
    themes, institutions = sy.like_for_like(presence, continuity, ["M1", "M3"])
    assert themes.columns.tolist() == ["M1", "M3"] and institutions.to_dict() == {"x": 2}
    with pytest.raises(KeyError, match="M9"):
        sy.like_for_like(presence, continuity, ["M9"])
    facts = sy.spread_facts(themes, institutions, 2)
    assert facts["themes_mean_share"] == pytest.approx(100 * (2 / 2 + 1 / 2 + 1 / 2) / 3)
    assert facts["inst_mean_share"] == pytest.approx(100)


def _checked():
    return pd.DataFrame(
        {
            "claim_id": ["c1", "c2", "c3", "c4", "c5"],
            "doc_id": ["fs", "fs", "fs", "tr", "tr"],
            "nature": ["statistic", "programme output", "programme output", "statistic", "statistic"],
            "verdict": [cl.CONSISTENT, cl.CONFIRMED, cl.NOT_FOUND, cl.TRANSLATION, cl.NOT_VERIFIABLE],
            "group": [
                "statistics rated against a reference",
                "programme outputs",
                "programme outputs",
                "errors of the text",
                "statistics not verifiable",
            ],
        }
    )


def test_verdicts_by_genre_count_natures_and_verdicts():
    documents = pd.DataFrame({"doc_id": ["fs", "tr", "rd"], "genre": ["fact sheet", "transcript", "readout"]})
    table = sy.verdicts_by_genre(_checked(), documents).set_index("genre")
    assert table.index.tolist() == ["fact sheet", "transcript"]  # most claims first; genres without claims left out
    fact_sheet = table.loc["fact sheet"]
    assert (fact_sheet["claims"], fact_sheet["rated"], fact_sheet["supported"], fact_sheet["outputs found"]) == (
        3,
        1,
        1,
        1,
    )
    assert (table.loc["transcript", "errors of the text"], table.loc["transcript", "statistics not verifiable"]) == (
        1,
        1,
    )
    facts = sy.genre_verdict_facts(sy.verdicts_by_genre(_checked(), documents), _checked(), documents)
    assert (facts["top_genre"], facts["top_genre_share"], facts["texts_without_numbers"]) == ("fact sheet", 60.0, 1)
    assert (facts["errors"], facts["error_docs"], facts["outputs"], facts["outputs_found"]) == (1, "tr", 2, 1)
    with pytest.raises(KeyError, match="c1"):
        sy.verdicts_by_genre(_checked(), documents.iloc[1:])


def test_gap_sectors_name_the_sectors_often_missing_from_their_own_themes():
    alignment = pd.DataFrame({"sector": ["navy", "finance", "health"], "agenda_only": [0, 3, 2]})
    assert sy.gap_sectors(alignment) == "finance and health"
    assert sy.gap_sectors(alignment, at_least=4) == "none"


def test_scope_facts_name_the_listed_meetings_their_genres_and_the_dialogues_among_them():
    meetings = pd.DataFrame({"meeting_id": ["A", "B", "C", "D"], "series_id": ["hlsd", "hlsd", "other", "hlsd"]})
    documents = pd.DataFrame({"doc_id": ["a", "b", "c", "c2"], "genre": ["readout", "fact sheet", "readout", "blog"]})
    reporting = pd.DataFrame({"meeting_id": ["A", "B", "C", "C"], "doc_id": ["a", "b", "c", "c2"]})
    facts = sy.scope_facts(meetings, documents, reporting, ["B", "C"])
    assert facts == {
        "n_meetings": 4,
        "n_listed": 2,
        "listed_meetings": "B and C",
        "listed_genres": "blog, fact sheet and readout",
        "n_hlsd": 3,
        "n_hlsd_listed": 1,
        "n_documents": 4,
    }
