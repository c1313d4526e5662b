"""Tests of helpers.claim_report: the claims chapter's cross-checks, tables and quoted numbers.

On the small constructed datasets of claims_fixtures, and on the dataset where a test says so.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import claim_report as rep
from helpers import claims as cl
from helpers import units

from claims_fixtures import Natures, Repeated, Translated


def test_a_supporting_verdict_on_a_secondary_copy_says_so():
    assert rep.verdict_label(cl.CONSISTENT, "secondary copy") == "consistent (secondary source)"
    assert rep.verdict_label(cl.CONFIRMED, "secondary copy") == "confirmed (self-reported; secondary source)"
    assert rep.verdict_label(cl.CONSISTENT, "official publication") == cl.CONSISTENT
    assert rep.verdict_label(cl.OVERSTATED, "secondary copy") == cl.OVERSTATED


def test_two_accounts_and_scenarios(ds):
    two = rep.two_accounts(ds)
    assert two.groupby("figure")["doc_id"].nunique().ge(2).all()
    assert two.groupby("figure")["meeting_id"].nunique().eq(1).all()
    assert {"N02", "N08", "N67", "N109"} <= set(two["claim_id"])
    claim = (
        ds.claims[ds.claims["unit"].eq("percent")]
        .merge(ds.claim_checks[ds.claim_checks["baseline_reference_id"].notna()], on="claim_id")["claim_id"]
        .iloc[0]
    )
    scenarios = rep.reduction_scenarios(ds, claim)
    assert scenarios["measure"].nunique() >= 2
    assert scenarios["reduction"].between(-100, 100).all()


# ---------------------------------------------------------------- what the chapter prints and quotes


def test_inventory_counts_claims_per_text_and_kind_keeping_texts_without_claims():
    table = rep.inventory(Translated())
    assert list(table["doc_id"]) == ["d0", "d1"]  # in order of publication
    assert list(table.columns) == ["doc_id", "genre", *cl.NATURES, "claims"]
    assert table.set_index("doc_id").loc["d1"].to_dict() == {
        "genre": "transcript",
        "statistic": 4,
        "programme output": 0,
        "commitment": 0,
        "other": 0,
        "claims": 4,
    }
    assert table.set_index("doc_id").loc["d0", "claims"] == 0


def test_claims_by_genre_and_the_genre_with_most():
    table = rep.nature_by_genre(Natures())
    assert list(table["genre"]) == ["fact sheet", "joint statement", "all"]
    assert table.set_index("genre").loc["fact sheet"].to_dict() == {
        "texts": 1,
        "statistic": 0,
        "programme output": 4,
        "commitment": 2,
        "other": 1,
        "claims": 7,
    }
    assert table.set_index("genre").loc["all", "claims"] == 9
    facts = rep.genre_facts(table)
    assert facts["top_genre"] == "fact sheets" and facts["top_genre_claims"] == 7 and facts["n_texts"] == 2
    assert facts["top_genre_share"] == pytest.approx(700 / 9) and facts["top_genre_programme_share"] == 80


def test_inventory_facts_count_recall_extra_candidates_and_the_top_text():
    fixture = Translated()
    facts = rep.inventory_facts(fixture, rep.inventory(fixture))
    assert rep.extra_candidates(fixture) == 1  # "12 firearms" is not a curated claim
    assert facts == {
        "n": 4,
        "n_statistic": 4,
        "n_programme": 0,
        "n_commitment": 0,
        "n_other": 0,
        "recall_found": 4,
        "recall_pct": 100.0,
        "extra": 1,
        "docs_without": 1,
        "top_doc": "d1",
        "top_share": 100.0,
    }


def test_rule_facts_state_the_tolerances_in_per_cent_and_the_unit_conventions():
    facts = rep.rule_facts(cl.Tolerance(consistent=0.01, about=0.03, approximate=0.2))
    assert (facts["tol_consistent"], facts["tol_about"], facts["tol_approx"]) == pytest.approx((1, 3, 20))
    assert facts["minutes_per_year"] == "525,600" and facts["days_week"] == 7
    assert facts["days_month"] == units.DAYS_PER_MONTH and facts["days_year"] == units.DAYS_PER_YEAR


def test_reference_facts_count_unconfirmed_official_and_secondary_rows():
    facts = rep.reference_facts(Translated().reference_stats)
    assert facts == {
        "n_refs": 5,
        "n_refs_unconfirmed": 1,
        "n_refs_official": 3,
        "n_refs_secondary": 1,
        "n_refs_research": 0,
    }


def test_verdict_summary_and_facts_add_up():
    checked = cl.check(Natures())
    summary = rep.verdict_summary(checked)
    body = summary[summary["group"] != "all"]
    total = summary[summary["group"] == "all"].iloc[0]
    assert total["all"] == len(checked) == body["all"].sum()
    for nature in cl.NATURES:  # the columns add up too
        assert body[nature].sum() == total[nature] == (checked["nature"] == nature).sum()
    assert list(body["verdict"]) == [v for v in cl.VERDICTS if v in set(checked["verdict"])]
    facts = rep.verdict_facts(checked)
    assert sum(facts[f"n_{k}"] for k in rep.GROUP_KEYS.values()) == len(checked)
    assert (
        facts["n_confirmed"],
        facts["n_not_found"],
        facts["n_not_checked"],
        facts["n_met"],
        facts["n_pledges"],
        facts["n_not_rated"],
        facts["n_approx"],
    ) == (2, 2, 1, 1, 1, 1, 1)
    assert facts["n_checked"] == facts["n_consistent"] + facts["n_approx"] + facts["n_over"] + facts["n_under"] == 1
    assert facts["n_supporting"] == 4 and facts["n_secondary"] == 3 and facts["n_self_reported"] == 5
    assert facts["n_departures"] == 4
    assert set(facts) >= {f"n_{k}" for k in rep.VERDICT_KEYS.values()} | {f"n_{k}" for k in rep.GROUP_KEYS.values()}


def test_the_tables_of_the_verdicts():
    fixture = Natures()
    checked = cl.check(fixture)
    compact = rep.compact_table(checked)
    assert list(compact.columns) == ["claim", "text", "measure", "claimed", "verdict", "reference"]
    assert compact["claim"].iloc[0] == "[N1]{#claim-n1}"
    assert compact["verdict"].iloc[0] == "confirmed (self-reported; secondary source)"
    assert compact["reference"].iloc[0] == "744 officers (O)"
    departures = rep.departures_table(checked)
    assert list(departures["claim"]) == ["N2", "N6", "N7", "N8"]
    assert list(departures.columns) == ["claim", "verdict", "notes", "why"]
    unchecked = rep.unchecked_table(checked)
    assert list(unchecked["claim"]) == ["N4"] and unchecked["quote"].iloc[0] == "six arrested"


def test_outlier_facts_name_the_internal_ratio_the_plus_bound_and_the_tonnage_excess():
    fixture = Translated()
    fixture.claims = pd.concat(
        [
            fixture.claims,
            pd.DataFrame(
                [
                    dict(
                        claim_id="N05",
                        doc_id="d1",
                        speaker=None,
                        quote="the 100-plus-country coalition",
                        number_as_written="100-plus",
                        value=100.0,
                        unit="countries",
                        qualifier="-plus",
                        period="2023",
                        measure="coalition",
                        kind="count",
                        nature="statistic",
                    )
                ]
            ),
        ],
        ignore_index=True,
    )
    fixture.reference_stats = pd.concat(
        [
            fixture.reference_stats,
            pd.DataFrame(
                [
                    {
                        **fixture.reference_stats.iloc[0].to_dict(),
                        "reference_id": "R-LAUNCH",
                        "value": 80.0,
                        "unit": "countries",
                    },
                    {
                        **fixture.reference_stats.iloc[0].to_dict(),
                        "reference_id": "R-SEPT",
                        "value": 100.0,
                        "unit": "countries",
                    },
                ]
            ),
        ],
        ignore_index=True,
    )
    fixture.claim_checks = pd.concat(
        [
            fixture.claim_checks,
            pd.DataFrame(
                [
                    {
                        **fixture.claim_checks.iloc[0].to_dict(),
                        "claim_id": "N05",
                        "role": "context",
                        "reference_id": "R-LAUNCH",
                    },
                    {
                        **fixture.claim_checks.iloc[0].to_dict(),
                        "claim_id": "N05",
                        "role": "statistic",
                        "reference_id": "R-SEPT",
                        "match": "approximate",
                    },
                ]
            ),
        ],
        ignore_index=True,
    )
    checked = cl.check(fixture)
    assert checked.set_index("claim_id").loc["N05", "verdict"] == cl.APPROXIMATE
    assert rep.outlier_facts(fixture, checked) == {
        "internal_ratio": "1,844",
        "coalition_launch": 80,
        "coalition_ref": 100,
        "cocaine_excess": 100,
    }


def test_verdict_table_states_each_claim_with_its_reference_ratio_and_page():
    fixture = Translated()
    table = rep.verdict_table(cl.check(fixture), fixture)
    compact = rep.compact_table(cl.check(fixture))
    assert [(c.text, c.target) for c in compact["claim"]][:2] == [("N01", "claim-n01"), ("N02", "claim-n02")]
    table = table.set_index("claim")
    assert list(table.columns) == [
        "text",
        "genre",
        "speaker",
        "quote",
        "nature",
        "measure",
        "claimed",
        "reference",
        "ratio",
        "verdict",
        "group",
        "reason",
        "source",
        "context",
        "notes_assessment",
        "departure",
    ]
    assert table.loc["N01", "speaker"] == "A Speaker" and table.loc["N03", "speaker"] == ""
    assert table.loc["N01", "claimed"] == "$855 billion per year"
    assert table.loc["N01", "reference"] == "$863 billion per year" and table.loc["N01", "ratio"] == "0.99"
    assert table.loc["N02", "ratio"] == "1,844"  # from 100 up, to the unit
    assert table.loc["N03", "source"] == "https://example.org/o (official publication)"


def test_verdict_table_writes_bounds_and_leaves_missing_references_empty():
    fixture = Repeated()
    checked = cl.check(fixture)
    checked.loc[1, ["reference_value", "ratio", "reference_address"]] = [float("nan"), float("nan"), "a text"]
    table = rep.verdict_table(checked, fixture).set_index("claim")
    assert table.loc["N01", "claimed"] == "more than 64,000 deaths"
    assert table.loc["N01", "reference"] == "more than 64,000 deaths"
    assert (table.loc["N02", "reference"], table.loc["N02", "ratio"], table.loc["N02", "source"]) == ("", "", "a text")
    plus = checked.iloc[:1].assign(qualifier="-plus", number_as_written="100", unit="countries", value=100.0)
    assert rep.verdict_table(plus, fixture)["claimed"].iloc[0] == "100 countries"


def test_claim_anchor_is_the_id_docutils_writes():
    assert rep.claim_anchor("N02") == "claim-n02"
    with pytest.raises(ValueError):
        rep.claim_anchor("N 02")


def test_ratio_points_keep_claims_with_a_ratio_from_lowest_to_highest():
    checked = pd.DataFrame({"claim_id": ["N1", "N2", "N3", "N4"], "ratio": [2.0, None, 0.5, 2.0]})
    points = rep.ratio_points(checked)
    assert list(points["claim_id"]) == ["N3", "N1", "N4"] and list(points.index) == [0, 1, 2]


def test_repeated_figure_references_and_facts():
    fixture = Repeated()
    two = rep.two_accounts(fixture)
    assert list(two["claim_id"]) == ["N01", "N02"] and list(two["figure"]) == [1, 1]
    assert rep.two_accounts_facts(two, cl.check(fixture)) == {
        "two_n": 1,
        "two_meetings": 1,
        "two_same_verdict": 1,
        "two_period_differs": 0,
    }
    shown = rep.two_accounts_table(two, cl.check(fixture))
    assert list(shown["figure"]) == ["64,000 deaths"] * 2 and list(shown["text"]) == ["a", "b"]
    table = rep.repeated_figure_references(fixture, two["claim_id"])
    assert list(table["claim"]) == ["N01"] * 4 + ["N02"] * 2
    assert list(table["text"].unique()) == ["a", "b"]
    assert table.set_index("reference_id").loc["R-FIN", "value"] == "63,632 deaths"
    assert table.set_index("reference_id").loc["R-LOW", "value"] == "not used (unconfirmed)"
    assert table.set_index("reference_id").loc["R-FIN", "ratio"] == "1.006"
    facts = rep.repeated_figure_facts(fixture, "N01", table)
    assert {k: v for k, v in facts.items() if k != "od_revision"} == {
        "od_value": "64,000",
        "od_final": "63,632",
        "od_unconfirmed_low": "64,070",
        "od_unconfirmed_high": "71,135",
    }
    assert facts["od_revision"] == pytest.approx(100 * (64000 / 63632 - 1))  # the rounded final figure is not used


def test_shown_scenarios_keep_the_first_two_baselines_up_to_the_year_before_the_meeting():
    fixture = Repeated()
    claim_id = rep.baseline_claim(fixture)
    assert claim_id == "N03" and rep.meeting_year(fixture, claim_id) == 2023
    scenarios = pd.DataFrame(
        {
            "measure": ["S"] * 4 + ["own"],
            "label": ["a", "b", "c", "d", "e"],
            "baseline_year": [2018, 2018, 2019, 2020, None],
            "end_year": [2021, 2022, 2022, 2022, 2023],
            "reduction": [5.0, 9.0, 7.0, 3.0, 20.0],
        }
    )
    shown = rep.shown_scenarios(scenarios, 2023)
    assert list(shown["label"]) == ["c", "b", "e"]  # 2021 is too early; 2020 is a third baseline


def test_reduction_facts_on_two_series_and_a_government_metric():
    fixture = Repeated()
    checked = cl.check(fixture)
    scenarios = rep.reduction_scenarios(fixture, "N03")
    shown = rep.shown_scenarios(scenarios, 2023)
    assert list(rep.scenario_series(fixture, scenarios)["reference_id"]) == ["I18", "I22", "I23", "S19", "S22", "S23"]
    facts = rep.reduction_facts(fixture, checked, "N03", scenarios, shown)
    verdict, low, high = facts.pop("hom_verdict"), facts.pop("hom_range_low"), facts.pop("hom_range_high")
    assert facts == pytest.approx(
        {
            "hom_reference": 10.0,
            "hom_base_year": 2018,
            "hom_end_year": 2022,
            "hom_claim": 17.0,
            "hom_meeting_year": 2023,
            "hom_sesnsp_last": 11.0,
            "hom_sesnsp_base": 2019,
            "hom_inegi_after": 16.0,
            "hom_daily": 20.0,
            "hom_n_scenarios": 7,
            "hom_n_ok": 1,
        }
    )
    assert verdict == cl.OVERSTATED and math.isnan(low) and math.isnan(high)  # no range links here
    fixture.claim_checks["role"] = fixture.claim_checks["role"].replace({"statistic": "range"})
    fixture.claim_checks.loc[fixture.claim_checks["reference_id"] == "I22", "reference_id"] = "I23"
    checked = cl.check(fixture)
    facts = rep.reduction_facts(fixture, checked, "N03", scenarios, shown)
    assert facts["hom_verdict"] == cl.APPROXIMATE
    assert facts["hom_range_low"] == pytest.approx(16.0) and facts["hom_range_high"] == pytest.approx(16.0)


def test_translation_facts_compare_the_english_figure_with_the_original_and_its_context():
    fixture = Translated()
    facts = rep.translation_facts(fixture, cl.check(fixture))
    assert facts == {"n_translated_docs": 1, "semar_cocaine": 192.2, "es_cocaine": 184.0, "en_cocaine": 284.0}


def test_the_chapter_functions_on_the_dataset(ds):
    checked = cl.check(ds)
    assert len(rep.verdict_table(checked, ds)) == len(rep.compact_table(checked)) == len(ds.claims)
    assert rep.inventory(ds)["claims"].sum() == len(ds.claims)
    by_genre = rep.nature_by_genre(ds)
    assert by_genre.set_index("genre").loc["all", "claims"] == len(ds.claims)
    # The overview's arithmetic: every count it quotes comes from the one verdict table and the parts add up.
    facts = rep.verdict_facts(checked)
    assert sum(facts[f"n_{k}"] for k in rep.GROUP_KEYS.values()) == len(checked)
    assert sum(facts[f"n_{rep.VERDICT_KEYS[v]}"] for v in cl.VERDICTS) == len(checked)
    summary = rep.verdict_summary(checked)
    assert summary.iloc[-1]["all"] == len(checked)
    for nature in cl.NATURES:
        assert summary.iloc[-1][nature] == (ds.claims["nature"] == nature).sum()
    assert facts["n_checked"] == sum(facts[f"n_{k}"] for k in ("consistent", "approx", "over", "under"))
    assert len(rep.departures_table(checked)) == facts["n_departures"]
    errata = rep.claim_errata(ds, checked)
    assert {"E05", "E06", "E07", "E10", "E11"} <= set(errata["erratum"])
    assert errata.groupby("erratum")["claim"].nunique().eq(1).all()
    claim_id = rep.baseline_claim(ds)
    scenarios = rep.reduction_scenarios(ds, claim_id)
    shown = rep.shown_scenarios(scenarios, rep.meeting_year(ds, claim_id))
    assert 0 < len(shown) <= len(scenarios)
