"""Tests of helpers.claims: extraction, units, tolerances, verdicts, and what the chapter prints and quotes."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claims as cl
from helpers import quantities as qt
from helpers import units
from helpers.text import contains_quote
from helpers.text.numbers import NUMBER_WORDS

from claims_fixtures import Natures, Repeated, Translated

# ---------------------------------------------------------------- extraction


@pytest.mark.parametrize(
    "text, value, unit, qualifier",
    [
        ("more than 64,000 Americans died", 64000, "", "more than"),
        ("trade has achieved $855 billion in 2022", 855e9, "USD", "none"),
        ("We seized 7.4 tons of fentanyl", 7.4, "tonnes", "none"),
        ("reduced homicide by 17 percent", 17, "percent", "none"),
        ("the 100-plus-country coalition", 100, "", "-plus"),
        ("four strategic areas", 4, "", "none"),
        ("just three weeks ago", 3, "weeks", "none"),
        ("a border of over 3,000 kilometers", 3000, "km", "over"),
        ("$25.9 million as well as", 25.9e6, "USD", "none"),
        ("about twenty-one countries", 21, "", "about"),
        ("dismantled two hundred clandestine laboratories", 200, "", "none"),
        ("two hundred and fifty tons", 250, "tonnes", "none"),
        ("some 3,000 firearms", 3000, "", "about"),
    ],
)
def test_extract_finds_quantities(text, value, unit, qualifier):
    found = qt.extract_quantities(text)
    assert len(found) == 1, found
    assert math.isclose(found[0].value, value)
    assert (found[0].unit, found[0].qualifier) == (unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "on December 14, 2017.",  # date and year
        "Mexico City, 9 September 2025",  # day before the month
        "a safe border for the 21st century",  # ordinal
        "the third edition",  # word ordinal
        "the two countries agreed",  # party reference
        "our two governments",
        "one of the defining challenges",  # pronoun "one"
        "WhatsApp_Image_2020-01-16_at_3.59.02_PM.jpeg",  # identifier
        "thousands of people, millions of dollars",  # vague quantities
    ],
)
def test_extract_excludes_by_rule(text):
    assert qt.extract_quantities(text) == []


def test_precision_follows_the_number_as_written():
    assert qt.stated_precision("64,000") == 1000
    assert qt.stated_precision("7.4") == pytest.approx(0.1)
    assert qt.stated_precision("$855 billion") == 1e9
    assert qt.stated_precision("three weeks") == 1


def test_recall_against_the_curated_table(ds):
    found, total, missed = qt.recall(ds.claims)
    print(f"\nextract_quantities finds {found} of {total} curated claims ({found / total:.0%}); missed: {missed}")
    assert total == len(ds.claims) > 0
    assert found / total >= 0.9


def test_extraction_precision_on_the_cleaned_texts(ds):
    """Report (and bound) candidates in the cleaned texts that are not curated claims."""
    extra = []
    for doc_id in ds.documents["doc_id"]:
        curated = ds.claims[ds.claims["doc_id"] == doc_id]["value"].astype(float).tolist()
        for cand in qt.extract_quantities(ds.text(doc_id)):
            if not any(math.isclose(cand.value, v) for v in curated):
                extra.append((doc_id, cand.text))
    total = sum(len(qt.extract_quantities(ds.text(d))) for d in ds.documents["doc_id"])
    print(f"\n{total - len(extra)} of {total} candidates are curated claims; others: {extra}")
    assert total > 0 and (total - len(extra)) / total >= 0.8


# ---------------------------------------------------------------- units

SAME_DIMENSION = [
    ("tonnes", "kg"),
    ("kg", "pounds"),
    ("USD per minute", "USD per year"),
    ("USD per day", "USD per minute"),
    ("km", "miles"),
    ("weeks", "days"),
    ("years", "months"),
    ("minutes", "hours"),
]


def test_unit_conversions():
    assert units.convert(7.4, "tonnes", "kg") == pytest.approx(7400)
    assert units.convert(1, "USD per minute", "USD per year") == pytest.approx(525_600)
    assert units.convert(855e9, "USD per year", "USD per minute") == pytest.approx(1_626_712.3, rel=1e-6)
    assert units.convert(1954, "miles", "km") == pytest.approx(3144.6, rel=1e-4)
    assert units.to_base(3, "weeks") == (21.0, "days")
    with pytest.raises(ValueError):
        units.convert(1, "deaths", "countries")
    with pytest.raises(ValueError):
        units.convert(1, "kg", "furlongs")


@settings(deadline=None, max_examples=200)
@given(pair=st.sampled_from(SAME_DIMENSION), value=st.floats(min_value=1e-6, max_value=1e15))
def test_normalisation_round_trips(pair, value):
    a, b = pair
    assert units.convert(units.convert(value, a, b), b, a) == pytest.approx(value, rel=1e-9)
    base, _ = units.to_base(value, a)
    assert units.from_base(base, a) == pytest.approx(value, rel=1e-9)


# ---------------------------------------------------------------- tolerances

positive = st.floats(min_value=1e-3, max_value=1e12, allow_nan=False, allow_infinity=False)
qualifiers = st.sampled_from(sorted(cl.QUALIFIERS))
shares = st.floats(min_value=0, max_value=0.5)


def test_compare_examples():
    assert cl.compare(64000, 63632) == cl.CONSISTENT  # rounding of 64,000
    assert cl.compare(64000, 63632, "more than") == cl.CONSISTENT  # within 2% of the bound
    assert cl.compare(100, 80, "-plus") == cl.OVERSTATED
    assert cl.compare(3000, 3175, "over") == cl.CONSISTENT
    assert cl.compare(17, 9.26, precision=1) == cl.OVERSTATED
    assert cl.compare(80, 75.8) == cl.APPROXIMATE
    assert cl.compare(80, 75.8, precision=10) == cl.CONSISTENT  # "80" is stated to the ten
    assert cl.compare(50, 80) == cl.UNDERSTATED
    assert cl.compare(104, 100, "about") == cl.CONSISTENT
    assert cl.compare(104, 100) == cl.APPROXIMATE
    assert cl.compare(2, 1.15, "up to") == cl.CONSISTENT  # "within two months": 35 days
    assert cl.compare(2, 2.1, "up to") == cl.APPROXIMATE
    assert cl.compare(2, 3, "up to") == cl.UNDERSTATED  # the ceiling is below the reference
    assert cl.cap(cl.CONSISTENT, "approximate") == cl.APPROXIMATE
    assert cl.cap(cl.OVERSTATED, "approximate") == cl.OVERSTATED
    with pytest.raises(ValueError):
        cl.compare(1, 0)
    with pytest.raises(ValueError):
        cl.compare(1, 1, "roughly")
    with pytest.raises(ValueError):
        cl.Tolerance(consistent=0.2, approximate=0.1)


@settings(deadline=None, max_examples=300)
@given(x=positive, extra=st.floats(min_value=0, max_value=1e6), tol=shares)
def test_more_than_holds_for_any_reference_at_least_the_bound(x, extra, tol):
    tolerance = cl.Tolerance(consistent=tol, about=tol, approximate=tol)
    for qualifier in ("more than", "over", "-plus"):
        assert cl.compare(x, x * (1 + extra), qualifier, tolerance=tolerance) == cl.CONSISTENT


@settings(deadline=None, max_examples=300)
@given(x=positive, below=st.floats(min_value=0, max_value=1), tol=shares)
def test_up_to_holds_for_any_reference_at_most_the_ceiling(x, below, tol):
    tolerance = cl.Tolerance(consistent=tol, about=tol, approximate=tol)
    reference = x * below
    if reference > 0:
        assert cl.compare(x, reference, "up to", tolerance=tolerance) == cl.CONSISTENT


def test_compare_range_is_approximate_inside_and_capped_outside():
    assert cl.compare_range(17, [15.3, 15.3, 20.0]) == (cl.APPROXIMATE, 15.3)  # measure not named: never more
    assert cl.compare_range(110_000, [107_941, 111_029], "nearly") == (cl.APPROXIMATE, 111_029)
    assert cl.compare_range(30, [15.3, 20.0]) == (cl.OVERSTATED, 20.0)
    assert cl.compare_range(100, [100.0, 120.0, 50.0]) == (cl.APPROXIMATE, 100.0)
    with pytest.raises(ValueError):
        cl.compare_range(1, [])


def test_rates_ratios_and_intervals_in_the_claims_unit():
    assert cl.convert_rate(11_201, "pounds per year", "pounds per month") == pytest.approx(933.4, rel=1e-4)
    assert cl.convert_rate(7.4, "tonnes", "kg") == pytest.approx(7400)
    with pytest.raises(ValueError):
        cl.convert_rate(1, "pounds per year", "pills per month")
    ref = pd.Series({"reference_id": "R", "value": 11_201.0, "unit": "pounds per year", "event_date": None})
    base = pd.Series({"reference_id": "B", "value": 4_791.0, "unit": "pounds per year"})
    assert cl.reference_value(ref, "times", baseline=base) == pytest.approx(2.338, rel=1e-3)
    assert cl.reference_value(ref, "percent", baseline=base) == pytest.approx(100 * (1 - 11_201 / 4_791))
    with pytest.raises(ValueError):
        cl.reference_value(ref, "pounds", baseline=base)
    later = pd.Series({"reference_id": "D", "value": None, "unit": "date", "event_date": pd.Timestamp("2023-04-13")})
    assert cl.reference_value(later, "days", meeting_date=pd.Timestamp("2023-03-09")) == 35  # after the meeting too


@settings(deadline=None, max_examples=300)
@given(
    claim=positive,
    reference=positive,
    qualifier=qualifiers,
    precision=st.floats(min_value=0, max_value=1e6),
    a=shares,
    b=shares,
    c=shares,
    d=shares,
)
def test_wider_tolerance_never_worsens_the_verdict(claim, reference, qualifier, precision, a, b, c, d):
    narrow = cl.Tolerance(consistent=min(a, b), about=min(a, b), approximate=max(a, b))
    wide = cl.Tolerance(
        consistent=min(a, b) + min(c, d), about=min(a, b) + min(c, d), approximate=max(a, b) + max(c, d)
    )
    v_narrow = cl.compare(claim, reference, qualifier, precision=precision, tolerance=narrow)
    v_wide = cl.compare(claim, reference, qualifier, precision=precision, tolerance=wide)
    assert cl.SEVERITY[v_wide] <= cl.SEVERITY[v_narrow]


@settings(deadline=None, max_examples=300)
@given(claim=positive, reference=positive)
def test_direction_of_a_wrong_plain_claim(claim, reference):
    verdict = cl.compare(claim, reference)
    if verdict == cl.OVERSTATED:
        assert claim > reference
    if verdict == cl.UNDERSTATED:
        assert claim < reference
    assert cl.compare(reference, reference) == cl.CONSISTENT


# ---------------------------------------------------------------- check() on fixtures


def test_check_rules_on_a_fixture():
    result = cl.check(Translated()).set_index("claim_id")
    assert result.loc["N01", "verdict"] == cl.CONSISTENT
    assert result.loc["N01", "ratio"] == pytest.approx(855 / 863.4)
    assert result.loc["N02", "verdict"] == cl.INTERNAL
    assert result.loc["N02", "ratio"] == pytest.approx(3e9 * 525_600 / 855e9)
    assert result.loc["N03", "verdict"] == cl.TRANSLATION
    assert result.loc["N03", "reference_value"] == pytest.approx(184)
    assert result.loc["N04", "verdict"] == cl.CONSISTENT  # 20 days against "three weeks"
    assert result.loc["N04", "reference_value"] == pytest.approx(20 / 7)
    assert "not used" in result.loc["N04", "context"]


def test_the_rules_by_nature_on_a_fixture():
    result = cl.check(Natures()).set_index("claim_id")
    verdict = result["verdict"]
    assert verdict["N1"] == cl.CONFIRMED and result.loc["N1", "strength"] == "secondary copy"
    assert "self-reported" in result.loc["N1", "explanation"]
    assert verdict["N2"] == cl.NOT_FOUND  # a record of 34 locations is context only
    assert verdict["N3"] == cl.NOT_FOUND and "Searched: The programme's releases." in result.loc["N3", "explanation"]
    assert verdict["N4"] == cl.NOT_CHECKED  # no reference, no search
    assert verdict["N5"] == cl.COMMITMENT_MET  # up to two months: 35 days later
    assert verdict["N6"] == cl.COMMITMENT
    assert verdict["N7"] == cl.NOT_RATED and pd.isna(result.loc["N7", "reference_value"])  # other: never rated
    assert verdict["N8"] == cl.APPROXIMATE  # inside the range of two measures
    assert result.loc["N8", "reference_value"] == 111_029 and result.loc["N8", "strength"] == "secondary copy"
    assert set(result["group"]) <= set(cl.VERDICT_GROUPS)


def test_departures_from_the_notes_say_why():
    result = cl.check(Natures()).set_index("claim_id")
    assert result.loc["N1", ["notes_assessment", "departure"]].tolist() == ["consistent", ""]  # agrees
    assert result.loc["N2", "departure"] == "Only the first 34 locations are on the record."  # recorded
    assert "commitment is not true or false" in result.loc["N6", "departure"]  # by the rules
    assert "not a statistic" in result.loc["N7", "departure"]
    assert "tolerances" in result.loc["N8", "departure"]  # two supporting verdicts
    assert result.loc["N9", ["notes_assessment", "departure"]].tolist() == ["", ""]  # not rated by the notes
    fixture = Natures()
    fixture.claim_checks.loc[1, "departure"] = None
    with pytest.raises(ValueError, match="without a reason"):
        cl.check(fixture)
    fixture = Natures()
    fixture.claim_checks.loc[9, "notes_assessment"] = "consistent"
    fixture.claim_checks.loc[8, "notes_assessment"] = "consistent"
    with pytest.raises(ValueError, match="more than one link"):
        cl.check(fixture)


def test_a_supporting_verdict_on_a_secondary_copy_says_so():
    assert cl.verdict_label(cl.CONSISTENT, "secondary copy") == "consistent (secondary source)"
    assert cl.verdict_label(cl.CONFIRMED, "secondary copy") == "confirmed (self-reported; secondary source)"
    assert cl.verdict_label(cl.CONSISTENT, "official publication") == cl.CONSISTENT
    assert cl.verdict_label(cl.OVERSTATED, "secondary copy") == cl.OVERSTATED


def test_every_verdict_is_in_one_group_and_every_group_has_a_key():
    assert len(cl.VERDICTS) == len(set(cl.VERDICTS)) == len(cl.GROUP_OF)
    assert set(cl.GROUP_KEYS) == set(cl.VERDICT_GROUPS) and set(cl.VERDICT_KEYS) == set(cl.VERDICTS)
    assert set(cl.PROGRAMME_VERDICT.values()) <= set(cl.VERDICT_GROUPS["programme outputs"])
    assert all(set(v) <= set(cl.VERDICTS) for v in cl.NOTES_AGREE.values())


def test_unconfirmed_statistic_makes_a_claim_not_verifiable():
    fixture = Translated()
    fixture.claim_checks.loc[fixture.claim_checks["claim_id"] == "N01", "reference_id"] = "R-GONE"
    fixture.claims.loc[0, "unit"] = "weeks"
    fixture.claim_checks = fixture.claim_checks[fixture.claim_checks["claim_id"] == "N01"]
    fixture.claims = fixture.claims.iloc[:1]
    row = cl.check(fixture).iloc[0]
    assert row["verdict"] == cl.NOT_VERIFIABLE and "unconfirmed" in row["explanation"]


# ---------------------------------------------------------------- the real data


def test_tables_hang_together(ds):
    links = ds.claim_checks
    assert set(links["claim_id"]) == set(ds.claims["claim_id"]), "every claim needs a claim_checks row"
    assert links[links["role"] == "statistic"].groupby("claim_id").size().max() == 1
    assert links.loc[links["role"].isin(["statistic", "original", "context"]), "reference_id"].notna().all()
    assert links.loc[links["role"] == "internal", "other_claim_id"].notna().all()
    for row in ds.claims.itertuples(index=False):
        assert contains_quote(row.quote.lower(), row.number_as_written.lower()), row.claim_id
        units.dimension(row.unit)
    usable = ds.reference_stats[ds.reference_stats["confirmed"].astype(bool)]
    assert usable["url"].notna().all() and usable["quote"].notna().all(), "a confirmed figure has a source and a quote"


def test_check_on_the_dataset(ds):
    result = cl.check(ds)
    assert list(result["claim_id"]) == sorted(ds.claims["claim_id"], key=lambda c: int(c[1:]))
    assert set(result["verdict"]) <= set(cl.VERDICTS)
    for column in [
        "claim_id",
        "quote",
        "value",
        "unit",
        "reference_value",
        "ratio",
        "verdict",
        "explanation",
        "reference_address",
    ]:
        assert column in result.columns
    assert result["explanation"].str.len().gt(20).all()
    rated = {
        *cl.VERDICT_GROUPS["statistics rated against a reference"],
        *cl.VERDICT_GROUPS["errors of the text"],
        cl.CONFIRMED,
        cl.PARTLY_CONFIRMED,
        cl.DIFFERS,
        cl.COMMITMENT_MET,
        cl.COMMITMENT_NOT_MET,
    }
    checked = result[result["verdict"].isin(rated)]
    assert checked["reference_value"].notna().all() and checked["ratio"].gt(0).all()
    assert checked["reference_address"].fillna("").str.len().gt(0).all()
    refs = ds.reference_stats.set_index("reference_id")
    used = checked.loc[checked["reference_id"].isin(refs.index), "reference_id"]
    assert refs.loc[used, "confirmed"].astype(bool).all(), "an unconfirmed figure was used as a reference"
    nv = result[result["verdict"].isin([cl.NOT_VERIFIABLE, cl.NOT_FOUND])]
    assert nv["explanation"].str.len().gt(len("Not verifiable: ")).all()


def test_verdicts_follow_the_nature_of_each_claim(ds):
    result = cl.check(ds)
    errors = set(cl.VERDICT_GROUPS["errors of the text"])
    allowed = {
        "statistic": {*cl.VERDICT_GROUPS["statistics rated against a reference"], cl.NOT_VERIFIABLE, cl.NOT_CHECKED},
        "programme output": {*cl.VERDICT_GROUPS["programme outputs"], cl.NOT_CHECKED},
        "commitment": set(cl.VERDICT_GROUPS["commitments"]),
        "other": {cl.NOT_RATED},
    }
    for row in result.itertuples():
        assert row.verdict in allowed[row.nature] | errors, (row.claim_id, row.nature, row.verdict)
    links = ds.claim_checks.merge(ds.claims[["claim_id", "nature"]], on="claim_id")
    assert not ((links["nature"] == "other") & links["role"].isin(["statistic", "range"])).any()
    # Durations and loose time phrases are never statistics (issue 17: "over the last three years").
    assert set(ds.claims.loc[ds.claims["kind"] == "duration", "nature"]) <= {"other", "commitment"}


def test_every_departure_from_the_notes_has_a_reason(ds):
    result = cl.check(ds)
    departs = result[result["departure"] != ""]
    assert len(departs) > 0 and departs["departure"].str.len().gt(40).all()
    rated = result[result["notes_assessment"] != ""]
    for row in rated.itertuples():
        agrees = row.verdict in cl.NOTES_AGREE[row.notes_assessment]
        assert agrees == (row.departure == ""), row.claim_id
    # The two departures issue 17 names are re-judged and explained.
    for claim_id in ("N18", "N26"):
        row = result.set_index("claim_id").loc[claim_id]
        assert row["verdict"] == cl.APPROXIMATE and row["notes_assessment"] == "partly supported" and row["departure"]


def test_no_verdict_rests_on_a_forum_post(ds):
    result = cl.check(ds)
    supporting = result[result["verdict"].isin(cl.SUPPORTING)]
    assert not supporting["reference_address"].fillna("").str.contains("/forums/").any()
    assert (supporting["strength"].isin(["official publication", "secondary copy"])).all()


def test_errata_figures_are_translation_discrepancies(ds):
    """Every erratum 'figure differs from original' falls on a claim judged a translation discrepancy."""
    result = cl.check(ds)
    figures = ds.errata[ds.errata["kind"] == "figure differs from original"]
    assert len(figures) > 0
    for erratum in figures.itertuples(index=False):
        mine = result[
            (result["doc_id"] == erratum.doc_id)
            & result["quote"].map(
                lambda q, said=erratum.text_as_written: contains_quote(said, q) or contains_quote(q, said)
            )
        ]
        assert (mine["verdict"] == cl.TRANSLATION).any(), erratum.erratum_id


def test_two_accounts_and_scenarios(ds):
    two = cl.two_accounts(ds)
    assert two.groupby("figure")["doc_id"].nunique().ge(2).all()
    assert two.groupby("figure")["meeting_id"].nunique().eq(1).all()
    assert {"N02", "N08", "N67", "N109"} <= set(two["claim_id"])
    claim = (
        ds.claims[ds.claims["unit"].eq("percent")]
        .merge(ds.claim_checks[ds.claim_checks["baseline_reference_id"].notna()], on="claim_id")["claim_id"]
        .iloc[0]
    )
    scenarios = cl.reduction_scenarios(ds, claim)
    assert scenarios["measure"].nunique() >= 2
    assert scenarios["reduction"].between(-100, 100).all()


# ---------------------------------------------------------------- what the chapter prints and quotes


def test_inventory_counts_claims_per_text_and_kind_keeping_texts_without_claims():
    table = cl.inventory(Translated())
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
    table = cl.nature_by_genre(Natures())
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
    facts = cl.genre_facts(table)
    assert facts["top_genre"] == "fact sheets" and facts["top_genre_claims"] == 7 and facts["n_texts"] == 2
    assert facts["top_genre_share"] == pytest.approx(700 / 9) and facts["top_genre_programme_share"] == 80


def test_inventory_facts_count_recall_extra_candidates_and_the_top_text():
    fixture = Translated()
    facts = cl.inventory_facts(fixture, cl.inventory(fixture))
    assert cl.extra_candidates(fixture) == 1  # "12 firearms" is not a curated claim
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
    facts = cl.rule_facts(cl.Tolerance(consistent=0.01, about=0.03, approximate=0.2))
    assert (facts["tol_consistent"], facts["tol_about"], facts["tol_approx"]) == pytest.approx((1, 3, 20))
    assert facts["minutes_per_year"] == "525,600" and facts["days_week"] == 7
    assert facts["days_month"] == units.DAYS_PER_MONTH and facts["days_year"] == units.DAYS_PER_YEAR


def test_reference_facts_count_unconfirmed_official_and_secondary_rows():
    facts = cl.reference_facts(Translated().reference_stats)
    assert facts == {
        "n_refs": 5,
        "n_refs_unconfirmed": 1,
        "n_refs_official": 3,
        "n_refs_secondary": 1,
        "n_refs_research": 0,
    }


def test_verdict_summary_and_facts_add_up():
    checked = cl.check(Natures())
    summary = cl.verdict_summary(checked)
    body = summary[summary["group"] != "all"]
    total = summary[summary["group"] == "all"].iloc[0]
    assert total["all"] == len(checked) == body["all"].sum()
    for nature in cl.NATURES:  # the columns add up too
        assert body[nature].sum() == total[nature] == (checked["nature"] == nature).sum()
    assert list(body["verdict"]) == [v for v in cl.VERDICTS if v in set(checked["verdict"])]
    facts = cl.verdict_facts(checked)
    assert sum(facts[f"n_{k}"] for k in cl.GROUP_KEYS.values()) == len(checked)
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
    assert set(facts) >= {f"n_{k}" for k in cl.VERDICT_KEYS.values()} | {f"n_{k}" for k in cl.GROUP_KEYS.values()}


def test_the_tables_of_the_verdicts():
    fixture = Natures()
    checked = cl.check(fixture)
    compact = cl.compact_table(checked)
    assert list(compact.columns) == ["claim", "text", "measure", "claimed", "verdict", "reference"]
    assert compact["claim"].iloc[0] == "[N1]{#claim-n1}"
    assert compact["verdict"].iloc[0] == "confirmed (self-reported; secondary source)"
    assert compact["reference"].iloc[0] == "744 officers (O)"
    departures = cl.departures_table(checked)
    assert list(departures["claim"]) == ["N2", "N6", "N7", "N8"]
    assert list(departures.columns) == ["claim", "verdict", "notes", "why"]
    unchecked = cl.unchecked_table(checked)
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
    assert cl.outlier_facts(fixture, checked) == {
        "internal_ratio": "1,844",
        "coalition_launch": 80,
        "coalition_ref": 100,
        "cocaine_excess": 100,
    }


def test_verdict_table_states_each_claim_with_its_reference_ratio_and_page():
    fixture = Translated()
    table = cl.verdict_table(cl.check(fixture), fixture)
    compact = cl.compact_table(cl.check(fixture))
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
    table = cl.verdict_table(checked, fixture).set_index("claim")
    assert table.loc["N01", "claimed"] == "more than 64,000 deaths"
    assert table.loc["N01", "reference"] == "more than 64,000 deaths"
    assert (table.loc["N02", "reference"], table.loc["N02", "ratio"], table.loc["N02", "source"]) == ("", "", "a text")
    plus = checked.iloc[:1].assign(qualifier="-plus", number_as_written="100", unit="countries", value=100.0)
    assert cl.verdict_table(plus, fixture)["claimed"].iloc[0] == "100 countries"


def test_claim_anchor_is_the_id_docutils_writes():
    assert cl.claim_anchor("N02") == "claim-n02"
    with pytest.raises(ValueError):
        cl.claim_anchor("N 02")


def test_ratio_points_keep_claims_with_a_ratio_from_lowest_to_highest():
    checked = pd.DataFrame({"claim_id": ["N1", "N2", "N3", "N4"], "ratio": [2.0, None, 0.5, 2.0]})
    points = cl.ratio_points(checked)
    assert list(points["claim_id"]) == ["N3", "N1", "N4"] and list(points.index) == [0, 1, 2]


def test_repeated_figure_references_and_facts():
    fixture = Repeated()
    two = cl.two_accounts(fixture)
    assert list(two["claim_id"]) == ["N01", "N02"] and list(two["figure"]) == [1, 1]
    assert cl.two_accounts_facts(two, cl.check(fixture)) == {
        "two_n": 1,
        "two_meetings": 1,
        "two_same_verdict": 1,
        "two_period_differs": 0,
    }
    shown = cl.two_accounts_table(two, cl.check(fixture))
    assert list(shown["figure"]) == ["64,000 deaths"] * 2 and list(shown["text"]) == ["a", "b"]
    table = cl.repeated_figure_references(fixture, two["claim_id"])
    assert list(table["claim"]) == ["N01"] * 4 + ["N02"] * 2
    assert list(table["text"].unique()) == ["a", "b"]
    assert table.set_index("reference_id").loc["R-FIN", "value"] == "63,632 deaths"
    assert table.set_index("reference_id").loc["R-LOW", "value"] == "not used (unconfirmed)"
    assert table.set_index("reference_id").loc["R-FIN", "ratio"] == "1.006"
    facts = cl.repeated_figure_facts(fixture, "N01", table)
    assert {k: v for k, v in facts.items() if k != "od_revision"} == {
        "od_value": "64,000",
        "od_final": "63,632",
        "od_unconfirmed_low": "64,070",
        "od_unconfirmed_high": "71,135",
    }
    assert facts["od_revision"] == pytest.approx(100 * (64000 / 63632 - 1))  # the rounded final figure is not used


def test_shown_scenarios_keep_the_first_two_baselines_up_to_the_year_before_the_meeting():
    fixture = Repeated()
    claim_id = cl.baseline_claim(fixture)
    assert claim_id == "N03" and cl.meeting_year(fixture, claim_id) == 2023
    scenarios = pd.DataFrame(
        {
            "measure": ["S"] * 4 + ["own"],
            "label": ["a", "b", "c", "d", "e"],
            "baseline_year": [2018, 2018, 2019, 2020, None],
            "end_year": [2021, 2022, 2022, 2022, 2023],
            "reduction": [5.0, 9.0, 7.0, 3.0, 20.0],
        }
    )
    shown = cl.shown_scenarios(scenarios, 2023)
    assert list(shown["label"]) == ["c", "b", "e"]  # 2021 is too early; 2020 is a third baseline


def test_reduction_facts_on_two_series_and_a_government_metric():
    fixture = Repeated()
    checked = cl.check(fixture)
    scenarios = cl.reduction_scenarios(fixture, "N03")
    shown = cl.shown_scenarios(scenarios, 2023)
    assert list(cl.scenario_series(fixture, scenarios)["reference_id"]) == ["I18", "I22", "I23", "S19", "S22", "S23"]
    facts = cl.reduction_facts(fixture, checked, "N03", scenarios, shown)
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
    facts = cl.reduction_facts(fixture, checked, "N03", scenarios, shown)
    assert facts["hom_verdict"] == cl.APPROXIMATE
    assert facts["hom_range_low"] == pytest.approx(16.0) and facts["hom_range_high"] == pytest.approx(16.0)


def test_translation_facts_compare_the_english_figure_with_the_original_and_its_context():
    fixture = Translated()
    facts = cl.translation_facts(fixture, cl.check(fixture))
    assert facts == {"n_translated_docs": 1, "semar_cocaine": 192.2, "es_cocaine": 184.0, "en_cocaine": 284.0}


def test_the_chapter_functions_on_the_dataset(ds):
    checked = cl.check(ds)
    assert len(cl.verdict_table(checked, ds)) == len(cl.compact_table(checked)) == len(ds.claims)
    assert cl.inventory(ds)["claims"].sum() == len(ds.claims)
    by_genre = cl.nature_by_genre(ds)
    assert by_genre.set_index("genre").loc["all", "claims"] == len(ds.claims)
    # The overview's arithmetic: every count it quotes comes from the one verdict table and the parts add up.
    facts = cl.verdict_facts(checked)
    assert sum(facts[f"n_{k}"] for k in cl.GROUP_KEYS.values()) == len(checked)
    assert sum(facts[f"n_{cl.VERDICT_KEYS[v]}"] for v in cl.VERDICTS) == len(checked)
    summary = cl.verdict_summary(checked)
    assert summary.iloc[-1]["all"] == len(checked)
    for nature in cl.NATURES:
        assert summary.iloc[-1][nature] == (ds.claims["nature"] == nature).sum()
    assert facts["n_checked"] == sum(facts[f"n_{k}"] for k in ("consistent", "approx", "over", "under"))
    assert len(cl.departures_table(checked)) == facts["n_departures"]
    errata = cl.claim_errata(ds, checked)
    assert {"E05", "E06", "E07", "E10", "E11"} <= set(errata["erratum"])
    assert errata.groupby("erratum")["claim"].nunique().eq(1).all()
    claim_id = cl.baseline_claim(ds)
    scenarios = cl.reduction_scenarios(ds, claim_id)
    shown = cl.shown_scenarios(scenarios, cl.meeting_year(ds, claim_id))
    assert 0 < len(shown) <= len(scenarios)


# ---------------------------------------------------------------- extraction on long texts

import re  # noqa: E402

_QUANTITY_WORDS = st.sampled_from(
    [
        "$",
        "$ ",
        "1",
        "2,000",
        "7.4",
        "2020",
        "one",
        "One",
        "TWO",
        "twenty-five",
        "two hundred and fifty",
        "six",
        "Seven",
        "thirteen",
        "Forty",
        "hundred",
        "the",
        "this",
        "three",
        "x",
        "a1",
        "_",
        "/",
        ".",
        "-",
        " ",
        "\n",
        "million",
        "tons",
        "%",
        "percent",
        "more than",
        "-plus",
        "th",
        "December",
        "countries",
        "\u017fix",
    ]
)


@given(st.lists(_QUANTITY_WORDS, max_size=14))
def test_the_pattern_is_tried_only_where_finditer_would_find_it(words):
    # _quantity_matches tries the pattern only where a quantity can start; it finds what finditer finds.
    text = "".join(words)
    assert [m.span() for m in qt._quantity_matches(text)] == [m.span() for m in qt._PATTERN.finditer(text)]


def test_the_first_letters_of_number_words_in_every_case():
    # Every character a case-insensitive pattern takes for the first letter of a number word.
    initials = "".join(sorted({w[0] for w in NUMBER_WORDS}))
    every = "".join(ch for ch in map(chr, range(0x110000)) if re.fullmatch(f"(?i)[{initials}]", ch))
    assert qt._case_variants(initials) == every and "\u017f" in every


class _CountingPattern:
    """A compiled pattern that counts the places it is tried at."""

    def __init__(self, pattern):
        self.pattern, self.tried = pattern, 0

    def match(self, string, pos=0, endpos=None):
        self.tried += 1
        return self.pattern.match(string, pos, len(string) if endpos is None else endpos)


def test_words_that_start_no_quantity_are_passed_over(monkeypatch):
    # A long text of common words ("the", "of", "security", "states") is not tried word by word.
    counting = _CountingPattern(qt._PATTERN)
    monkeypatch.setattr(qt, "_PATTERN", counting)
    text = "the security of the states and their agencies met on the border. " * 2000
    assert qt.extract_quantities(text) == [] and counting.tried == 0
    assert [c.value for c in qt.extract_quantities("They seized 7.4 tons and three hundred guns.")] == [7.4, 300]
    assert counting.tried == 2
