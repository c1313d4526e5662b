"""Tests of helpers.claims: extraction, units, tolerances, verdicts, and what the chapter prints and quotes."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from claims_fixtures import Repeated, Translated
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claims as cl
from helpers import quantities as qt
from helpers import units
from helpers.text import contains_quote
from helpers.text.numbers import NUMBER_WORDS

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
        "on December 14, 2017.",          # date and year
        "Mexico City, 9 September 2025",  # day before the month
        "a safe border for the 21st century",  # ordinal
        "the third edition",              # word ordinal
        "the two countries agreed",       # party reference
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

SAME_DIMENSION = [("tonnes", "kg"), ("kg", "pounds"), ("USD per minute", "USD per year"), ("USD per day", "USD per minute"),
                  ("km", "miles"), ("weeks", "days"), ("years", "months"), ("minutes", "hours")]


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
    assert cl.compare(64000, 63632) == cl.CONSISTENT                   # rounding of 64,000
    assert cl.compare(64000, 63632, "more than") == cl.CONSISTENT      # within 2% of the bound
    assert cl.compare(100, 80, "-plus") == cl.OVERSTATED
    assert cl.compare(3000, 3175, "over") == cl.CONSISTENT
    assert cl.compare(17, 9.26, precision=1) == cl.OVERSTATED
    assert cl.compare(80, 75.8) == cl.APPROXIMATE
    assert cl.compare(80, 75.8, precision=10) == cl.CONSISTENT          # "80" is stated to the ten
    assert cl.compare(50, 80) == cl.UNDERSTATED
    assert cl.compare(104, 100, "about") == cl.CONSISTENT
    assert cl.compare(104, 100) == cl.APPROXIMATE
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
@given(claim=positive, reference=positive, qualifier=qualifiers, precision=st.floats(min_value=0, max_value=1e6),
       a=shares, b=shares, c=shares, d=shares)
def test_wider_tolerance_never_worsens_the_verdict(claim, reference, qualifier, precision, a, b, c, d):
    narrow = cl.Tolerance(consistent=min(a, b), about=min(a, b), approximate=max(a, b))
    wide = cl.Tolerance(consistent=min(a, b) + min(c, d), about=min(a, b) + min(c, d),
                        approximate=max(a, b) + max(c, d))
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
    assert result.loc["N04", "verdict"] == cl.CONSISTENT           # 20 days against "three weeks"
    assert result.loc["N04", "reference_value"] == pytest.approx(20 / 7)
    assert "not used" in result.loc["N04", "context"]


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
    assert list(result["claim_id"]) == sorted(ds.claims["claim_id"])
    assert set(result["verdict"]) <= set(cl.VERDICTS)
    for column in ["claim_id", "quote", "value", "unit", "reference_value", "ratio", "verdict", "explanation", "reference_address"]:
        assert column in result.columns
    assert result["explanation"].str.len().gt(20).all()
    checked = result[result["verdict"] != cl.NOT_VERIFIABLE]
    assert checked["reference_value"].notna().all() and checked["ratio"].gt(0).all()
    assert checked["reference_address"].fillna("").str.len().gt(0).all()
    refs = ds.reference_stats.set_index("reference_id")
    used = checked.loc[checked["reference_id"].isin(refs.index), "reference_id"]
    assert refs.loc[used, "confirmed"].astype(bool).all(), "an unconfirmed figure was used as a reference"
    nv = result[result["verdict"] == cl.NOT_VERIFIABLE]
    assert nv["explanation"].str.len().gt(len("Not verifiable: ")).all()


def test_errata_figures_are_translation_discrepancies(ds):
    """Every erratum 'figure differs from original' falls on a claim judged a translation discrepancy."""
    result = cl.check(ds)
    figures = ds.errata[ds.errata["kind"] == "figure differs from original"]
    assert len(figures) > 0
    for erratum in figures.itertuples(index=False):
        mine = result[(result["doc_id"] == erratum.doc_id)
                      & result["quote"].map(lambda q, said=erratum.text_as_written: contains_quote(said, q) or contains_quote(q, said))]
        assert (mine["verdict"] == cl.TRANSLATION).any(), erratum.erratum_id


def test_repeated_figures_and_scenarios(ds):
    repeated = cl.repeated_figures(ds.claims)
    assert repeated["doc_id"].nunique() >= 2 and repeated["same_value"].all()
    claim = ds.claims[ds.claims["unit"].eq("percent")].merge(
        ds.claim_checks[ds.claim_checks["baseline_reference_id"].notna()], on="claim_id")["claim_id"].iloc[0]
    scenarios = cl.reduction_scenarios(ds, claim)
    assert scenarios["measure"].nunique() >= 2
    assert scenarios["reduction"].between(-100, 100).all()

# ---------------------------------------------------------------- what the chapter prints and quotes


def test_inventory_counts_claims_per_text_and_kind_keeping_texts_without_claims():
    table = cl.inventory(Translated())
    assert list(table["doc_id"]) == ["d0", "d1"]                      # in order of publication
    assert list(table.columns) == ["doc_id", "duration", "mass", "money", "claims"]
    assert table.set_index("doc_id").loc["d1"].to_dict() == {"duration": 1, "mass": 1, "money": 2, "claims": 4}
    assert table.set_index("doc_id").loc["d0", "claims"] == 0


def test_inventory_facts_count_recall_extra_candidates_and_the_top_text():
    fixture = Translated()
    facts = cl.inventory_facts(fixture, cl.inventory(fixture))
    assert cl.extra_candidates(fixture) == 1                          # "12 firearms" is not a curated claim
    assert facts == {"n": 4, "recall_found": 4, "recall_pct": 100.0, "extra": 1, "docs_without": 1,
                     "top_doc": "d1", "top_share": 100.0}


def test_rule_facts_state_the_tolerances_in_per_cent_and_the_unit_conventions():
    facts = cl.rule_facts(cl.Tolerance(consistent=0.01, about=0.03, approximate=0.2))
    assert (facts["tol_consistent"], facts["tol_about"], facts["tol_approx"]) == pytest.approx((1, 3, 20))
    assert facts["minutes_per_year"] == "525,600" and facts["days_week"] == 7
    assert facts["days_month"] == units.DAYS_PER_MONTH and facts["days_year"] == units.DAYS_PER_YEAR


def test_reference_facts_count_unconfirmed_official_and_secondary_rows():
    facts = cl.reference_facts(Translated().reference_stats)
    assert facts == {"n_refs": 5, "n_refs_unconfirmed": 1, "n_refs_official": 3, "n_refs_secondary": 1}


def test_verdict_facts_count_every_verdict_and_the_checkable_claims():
    checked = pd.DataFrame({"verdict": [cl.CONSISTENT, cl.CONSISTENT, cl.OVERSTATED, cl.NOT_VERIFIABLE]})
    facts = cl.verdict_facts(checked)
    assert facts["n_consistent"] == 2 and facts["n_over"] == 1 and facts["n_nv"] == 1
    assert facts["n_approx"] == facts["n_under"] == facts["n_internal"] == facts["n_translation"] == 0
    assert facts["n_checked"] == 3
    assert set(facts) == {f"n_{k}" for k in cl.VERDICT_KEYS.values()} | {"n_checked"}


def test_outlier_facts_name_the_internal_ratio_the_plus_bound_and_the_tonnage_excess():
    checked = pd.DataFrame({
        "verdict": [cl.INTERNAL, cl.OVERSTATED, cl.TRANSLATION, cl.TRANSLATION],
        "qualifier": ["none", "-plus", "none", "none"], "unit": ["USD per minute", "countries", "tonnes", "kg"],
        "value": [3e9, 100.0, 284.0, 9000.0], "reference_value": [1.6e6, 80.0, 184.4, 1.0],
        "ratio": [1844.2, 1.25, 1.54, 9000.0]})
    assert cl.outlier_facts(checked) == {"internal_ratio": "1,844", "coalition_ref": 80, "cocaine_excess": 100}


def test_verdict_table_states_each_claim_with_its_reference_ratio_and_page():
    fixture = Translated()
    table = cl.verdict_table(cl.check(fixture), fixture)
    assert [(c.text, c.target) for c in table["claim"]][:2] == [("N01", "claim-n01"), ("N02", "claim-n02")]
    assert table["claim"].iloc[0] == "[N01]{#claim-n01}"               # an id on the page for each claim
    table = table.set_index(table["claim"].map(lambda c: c.text)).drop(columns="claim")
    assert list(table.columns) == ["text", "speaker", "quote", "claimed", "reference", "ratio", "verdict", "reason",
                                   "source"]
    assert table.loc["N01", "speaker"] == "A Speaker" and table.loc["N03", "speaker"] == ""
    assert table.loc["N01", "claimed"] == "$855 billion per year"
    assert table.loc["N01", "reference"] == "$863 billion per year" and table.loc["N01", "ratio"] == "0.99"
    assert table.loc["N02", "ratio"] == "1,844"                        # from 100 up, to the unit
    assert table.loc["N03", "source"] == "https://example.org/o (official publication)"


def test_verdict_table_writes_bounds_and_leaves_missing_references_empty():
    fixture = Repeated()
    checked = cl.check(fixture)
    checked.loc[1, ["reference_value", "ratio", "reference_address"]] = [float("nan"), float("nan"), "a text"]
    table = cl.verdict_table(checked, fixture)
    table = table.set_index(table["claim"].map(lambda c: c.text))
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
    table = cl.repeated_figure_references(fixture)
    assert list(table["claim"]) == ["N01"] * 4 + ["N02"] * 2
    assert list(table["text"].unique()) == ["a", "b"]
    assert table.set_index("reference_id").loc["R-FIN", "value"] == "63,632 deaths"
    assert table.set_index("reference_id").loc["R-LOW", "value"] == "not used (unconfirmed)"
    assert table.set_index("reference_id").loc["R-FIN", "ratio"] == "1.006"
    facts = cl.repeated_figure_facts(fixture, table)
    assert {k: v for k, v in facts.items() if k != "od_revision"} == {
        "od_value": "64,000", "od_final": "63,632", "od_unconfirmed_low": "64,070", "od_unconfirmed_high": "71,135"}
    assert facts["od_revision"] == pytest.approx(100 * (64000 / 63632 - 1))   # the rounded final figure is not used


def test_shown_scenarios_keep_the_first_two_baselines_up_to_the_year_before_the_meeting():
    fixture = Repeated()
    claim_id = cl.baseline_claim(fixture)
    assert claim_id == "N03" and cl.meeting_year(fixture, claim_id) == 2023
    scenarios = pd.DataFrame({
        "measure": ["S"] * 4 + ["own"], "label": ["a", "b", "c", "d", "e"],
        "baseline_year": [2018, 2018, 2019, 2020, None], "end_year": [2021, 2022, 2022, 2022, 2023],
        "reduction": [5.0, 9.0, 7.0, 3.0, 20.0]})
    shown = cl.shown_scenarios(scenarios, 2023)
    assert list(shown["label"]) == ["c", "b", "e"]                     # 2021 is too early; 2020 is a third baseline


def test_reduction_facts_on_two_series_and_a_government_metric():
    fixture = Repeated()
    checked = cl.check(fixture)
    scenarios = cl.reduction_scenarios(fixture, "N03")
    shown = cl.shown_scenarios(scenarios, 2023)
    assert list(cl.scenario_series(fixture, scenarios)["reference_id"]) == ["I18", "I22", "I23", "S19", "S22", "S23"]
    facts = cl.reduction_facts(fixture, checked, "N03", scenarios, shown)
    assert facts == pytest.approx({
        "hom_reference": 10.0, "hom_base_year": 2018, "hom_end_year": 2022, "hom_claim": 17.0,
        "hom_meeting_year": 2023, "hom_sesnsp_last": 11.0, "hom_sesnsp_base": 2019, "hom_inegi_after": 16.0,
        "hom_daily": 20.0, "hom_n_scenarios": 7, "hom_n_ok": 1})


def test_translation_facts_compare_the_english_figure_with_the_original_and_its_context():
    fixture = Translated()
    facts = cl.translation_facts(fixture, cl.check(fixture))
    assert facts == {"n_translated_docs": 1, "semar_cocaine": 192.2, "es_cocaine": 184.0, "en_cocaine": 284.0}


def test_the_chapter_functions_on_the_dataset(ds):
    checked = cl.check(ds)
    assert len(cl.verdict_table(checked, ds)) == len(ds.claims)
    assert cl.inventory(ds)["claims"].sum() == len(ds.claims)
    facts = cl.verdict_facts(checked)
    assert sum(v for k, v in facts.items() if k != "n_checked") == len(checked)
    claim_id = cl.baseline_claim(ds)
    scenarios = cl.reduction_scenarios(ds, claim_id)
    shown = cl.shown_scenarios(scenarios, cl.meeting_year(ds, claim_id))
    assert 0 < len(shown) <= len(scenarios)

# ---------------------------------------------------------------- extraction on long texts

import re  # noqa: E402

_QUANTITY_WORDS = st.sampled_from(["$", "$ ", "1", "2,000", "7.4", "2020", "one", "One", "TWO", "twenty-five",
                                   "two hundred and fifty", "six", "Seven", "thirteen", "Forty", "hundred", "the",
                                   "this", "three", "x", "a1", "_", "/", ".", "-", " ", "\n", "million", "tons",
                                   "%", "percent", "more than", "-plus", "th", "December", "countries", "\u017fix"])


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
