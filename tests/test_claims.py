"""Tests of helpers.claims: extraction, units, tolerances and verdicts (the chapter's tables: test_claim_report.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claim_report as rep
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


def test_each_text_has_the_date_of_its_meeting_and_a_link_its_baseline():
    fixture = Repeated()
    dates = cl.meeting_dates(fixture)
    assert dates == {"a": pd.Timestamp("2017-12-14"), "b": pd.Timestamp("2017-12-14"), "c": pd.Timestamp("2023-10-05")}
    refs = fixture.reference_stats.set_index("reference_id", drop=False)
    links = fixture.claim_checks.set_index("reference_id", drop=False)
    assert cl.baseline_reference(refs, links.loc["I22"])["reference_id"] == "I18"
    assert cl.baseline_reference(refs, links.loc["R-DAILY"]) is None


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


def test_every_verdict_is_in_one_group_and_every_group_has_a_key():
    assert len(cl.VERDICTS) == len(set(cl.VERDICTS)) == len(cl.GROUP_OF)
    assert set(rep.GROUP_KEYS) == set(cl.VERDICT_GROUPS) and set(rep.VERDICT_KEYS) == set(cl.VERDICTS)
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
