"""Numeric claims in the texts, checked against reported statistics.

Three tables of the dataset feed this module:

* ``claims``: one row per number in a cleaned text that states a quantity,
  with its verbatim quote, value, unit, qualifier, period and measure;
* ``reference_stats``: one row per reference figure read in a public page
  (publisher, title, address, quote, official page or secondary copy, and
  whether the figure was confirmed on the page);
* ``claim_checks``: which reference (or which other claim) each claim is
  compared with, and in what role.

The module provides

* qualifier-aware comparison with stated tolerances (:func:`compare`), on
  values in the units of :mod:`helpers.units`;
* :func:`check`, one verdict per claim with its reason and source;
* cross-source helpers (:func:`repeated_figures`, :func:`linked_references`,
  :func:`reduction_scenarios`);
* the tables the claims chapter prints and the numbers it quotes
  (:func:`inventory`, :func:`verdict_table`, the ``*_facts`` functions).

The candidate extractor is :mod:`helpers.quantities`; the schema.org
``ClaimReview`` export is :mod:`helpers.claimreview`; the figures are
:mod:`helpers.charts.claims`.

Verdicts are ``consistent``, ``approximately consistent``, ``overstated``,
``understated``, ``internally inconsistent``, ``translation discrepancy``
and ``not verifiable``. The rules are documented on each function and stated
in the chapter.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass

import pandas as pd

from . import quantities, units
from .quantities import stated_precision
from .tables import Anchor
from .text import is_missing
from .units import convert

# --------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------

# Statistics (statements about the world), against an independent statistic.
CONSISTENT = "consistent"
APPROXIMATE = "approximately consistent"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
NOT_VERIFIABLE = "not verifiable"
# Errors of the text itself, whatever the claim's nature.
INTERNAL = "internally inconsistent"
TRANSLATION = "translation discrepancy"
# Programme outputs, against the programme's own public record (self-reported by nature).
CONFIRMED = "confirmed (self-reported)"
PARTLY_CONFIRMED = "partly confirmed (self-reported)"
DIFFERS = "differs from the programme's record"
NOT_FOUND = "not found in a programme record"
# Commitments are not true or false; a later source may show them met.
COMMITMENT_MET = "commitment met"
COMMITMENT_NOT_MET = "commitment not met"
COMMITMENT = "commitment (not rated)"
# Other numbers (durations, references to time, counts of the agenda) and claims nobody searched.
NOT_RATED = "not rated"
NOT_CHECKED = "not checked"

#: The natures of ``claims.nature``, in the order the chapter shows them.
NATURES = ["statistic", "programme output", "commitment", "other"]

#: Verdict groups and their verdicts, in the order the chapter shows them: every verdict is in one group.
VERDICT_GROUPS = {
    "statistics rated against a reference": [CONSISTENT, APPROXIMATE, OVERSTATED, UNDERSTATED],
    "errors of the text": [TRANSLATION, INTERNAL],
    "statistics not verifiable": [NOT_VERIFIABLE],
    "programme outputs": [CONFIRMED, PARTLY_CONFIRMED, DIFFERS, NOT_FOUND],
    "commitments": [COMMITMENT_MET, COMMITMENT_NOT_MET, COMMITMENT],
    "not rated": [NOT_RATED],
    "not checked": [NOT_CHECKED],
}

#: Every verdict, in the order the chapter shows them.
VERDICTS = [verdict for group in VERDICT_GROUPS.values() for verdict in group]

#: verdict -> its group.
GROUP_OF = {verdict: group for group, verdicts in VERDICT_GROUPS.items() for verdict in verdicts}

#: Severity of the numeric verdicts (higher = further from the reference).
SEVERITY = {CONSISTENT: 0, APPROXIMATE: 1, OVERSTATED: 2, UNDERSTATED: 2}

#: A numeric verdict said of a programme output: its figure against the programme's own record.
PROGRAMME_VERDICT = {
    CONSISTENT: CONFIRMED,
    APPROXIMATE: PARTLY_CONFIRMED,
    OVERSTATED: DIFFERS,
    UNDERSTATED: DIFFERS,
    NOT_VERIFIABLE: NOT_FOUND,
}

#: Verdicts that support the claim (the figure holds, at least approximately).
SUPPORTING = {CONSISTENT, APPROXIMATE, CONFIRMED, PARTLY_CONFIRMED, COMMITMENT_MET}

#: The reference notes' own assessments and the verdicts that agree with each; any other verdict departs.
NOTES_AGREE = {
    "consistent": {CONSISTENT, CONFIRMED, COMMITMENT_MET},
    "approximately consistent": {APPROXIMATE, PARTLY_CONFIRMED},
    "partly supported": {PARTLY_CONFIRMED},
    "not verifiable": {NOT_VERIFIABLE, NOT_FOUND, NOT_CHECKED},
    "wrong": {OVERSTATED, UNDERSTATED, INTERNAL, TRANSLATION, DIFFERS, COMMITMENT_NOT_MET},
}


# --------------------------------------------------------------------------
# Qualifiers and tolerances
# --------------------------------------------------------------------------

#: Qualifiers as written -> how they bound the claim.
QUALIFIERS = {
    "none": "exact",
    "more than": "lower",
    "over": "lower",
    "-plus": "lower",
    "at least": "lower",
    "up to": "upper",
    "about": "about",
    "nearly": "about",
    "almost": "about",
}


@dataclass(frozen=True)
class Tolerance:
    """Relative tolerances of the comparison.

    ``consistent``: a plain figure within this share of the reference (or
    within half its stated precision) is consistent; ``about``: the same band
    for "about"/"nearly"; ``approximate``: within this share it is
    approximately consistent; beyond it, overstated or understated.
    """

    consistent: float = 0.02
    about: float = 0.05
    approximate: float = 0.10

    def __post_init__(self):
        if not 0 <= self.consistent <= self.approximate or not 0 <= self.about <= self.approximate:
            raise ValueError("tolerances must satisfy 0 <= consistent, about <= approximate")


DEFAULT_TOLERANCE = Tolerance()


def compare(
    claim: float,
    reference: float,
    qualifier: str = "none",
    *,
    precision: float = 0.0,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> str:
    """Return the numeric verdict of ``claim`` against ``reference`` (same unit).

    * "more than X", "over X", "X-plus" (lower bounds) hold when the reference
      is at least X: consistent when ``reference >= X * (1 - consistent)``,
      approximately consistent when ``reference >= X * (1 - approximate)``,
      otherwise overstated. A reference far above the bound still satisfies it.
    * "up to X" (a ceiling, "within two months") holds when the reference is
      at most X: consistent when ``reference <= X * (1 + consistent)``,
      approximately consistent when ``reference <= X * (1 + approximate)``,
      otherwise understated (the ceiling is below the reference). A
      reference far below the ceiling still satisfies it.
    * A plain figure is consistent when it differs from the reference by at
      most ``consistent`` of the reference or half its stated ``precision``
      (64,000 is stated to the thousand, so +-500 is rounding); "about" and
      "nearly" use the wider ``about`` band. Within ``approximate`` it is
      approximately consistent; beyond, overstated (claim above the reference)
      or understated (below).
    """
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; known: {sorted(QUALIFIERS)}")
    if not (math.isfinite(claim) and math.isfinite(reference)) or reference <= 0 or claim < 0:
        raise ValueError("compare() needs a non-negative claim and a positive reference")
    bound = QUALIFIERS[qualifier]
    if bound == "lower":
        if reference >= claim * (1 - tolerance.consistent):
            return CONSISTENT
        if reference >= claim * (1 - tolerance.approximate):
            return APPROXIMATE
        return OVERSTATED
    if bound == "upper":
        if reference <= claim * (1 + tolerance.consistent):
            return CONSISTENT
        if reference <= claim * (1 + tolerance.approximate):
            return APPROXIMATE
        return UNDERSTATED
    half = abs(precision) / 2
    band = tolerance.about if bound == "about" else tolerance.consistent
    difference = abs(claim - reference)
    if difference <= max(band * reference, half):
        return CONSISTENT
    if difference <= max(tolerance.approximate * reference, half):
        return APPROXIMATE
    return OVERSTATED if claim > reference else UNDERSTATED


def cap(verdict: str, match: str) -> str:
    """A reference that measures only approximately the same thing caps the verdict.

    With ``match == "approximate"`` (another scope, period or metric),
    ``consistent`` becomes ``approximately consistent``.
    """
    return APPROXIMATE if match == "approximate" and verdict == CONSISTENT else verdict


def compare_range(
    claim: float,
    references: list[float],
    qualifier: str = "none",
    *,
    precision: float = 0.0,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> tuple[str, float]:
    """The verdict of a claim against the range of several measures, and the reference it rests on.

    Used when the text names neither the measure nor the period and the
    official measures disagree. A claim inside the range (from the lowest to
    the highest reference) is approximately consistent, never more, since
    the text does not say which measure it uses; outside, it takes the best
    verdict of :func:`compare` against any one reference, capped likewise.
    The reference returned is the one nearest the claim (on a log scale)
    among those giving that verdict.
    """
    if not references:
        raise ValueError("compare_range() needs at least one reference")
    verdicts = [compare(claim, r, qualifier, precision=precision, tolerance=tolerance) for r in references]
    nearest = sorted(
        zip(references, verdicts, strict=True),
        key=lambda pair: (SEVERITY[pair[1]], abs(math.log(claim / pair[0])) if claim > 0 else 0),
    )
    if min(references) <= claim <= max(references):
        return APPROXIMATE, nearest[0][0]
    return cap(nearest[0][1], "approximate"), nearest[0][0]


# --------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------


def _number(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.3g}"


def format_quantity(value: float, unit: str) -> str:
    """Format a value with its unit for prose and tables ("$855 billion", "7.4 tonnes")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit.startswith("USD"):
        rest = unit[3:]
        for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
            if abs(value) >= size:
                return f"${_number(value / size)} {word}{rest}"
        return f"${_number(value)}{rest}"
    return f"{_number(value)} {unit}"


# --------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------

CHECK_COLUMNS = [
    "claim_id",
    "doc_id",
    "speaker",
    "quote",
    "number_as_written",
    "value",
    "unit",
    "qualifier",
    "period",
    "measure",
    "nature",
    "reference_id",
    "reference_qualifier",
    "reference_value",
    "reference_unit",
    "reference_item",
    "reference_period",
    "ratio",
    "verdict",
    "group",
    "explanation",
    "reference_publisher",
    "official_publisher",
    "reference_title",
    "reference_address",
    "reference_quote",
    "reference_page",
    "strength",
    "cite_key",
    "context",
    "notes_assessment",
    "departure",
]

#: Periods of a count-noun rate ("pounds per month") and how many of each make a year.
PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 365}


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text.endswith(".") else text + "."


def _per_period(unit: str) -> tuple[str, str] | None:
    """Split a count-noun rate ("pounds per month") into its noun and period, or None."""
    found = re.fullmatch(r"(.+) per (year|month|week|day)", unit or "")
    return (found.group(1), found.group(2)) if found else None


def convert_rate(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between units, including count-noun rates of one noun ("pounds per year" -> "pounds per month").

    Units of :mod:`helpers.units` are converted there; a rate of the same
    noun over another period is scaled by :data:`PER_YEAR`.
    """
    a, b = _per_period(from_unit), _per_period(to_unit)
    if a and b and a[0] == b[0] and from_unit not in units.UNITS:
        return value * PER_YEAR[a[1]] / PER_YEAR[b[1]]
    return convert(value, from_unit, to_unit)


def reference_value(
    ref: pd.Series, claim_unit: str, *, baseline: pd.Series | None = None, meeting_date: pd.Timestamp | None = None
) -> float:
    """Return a reference figure expressed in ``claim_unit``.

    * with a ``baseline`` row of the same measure: the percentage reduction
      ``100 * (1 - value / baseline)`` for a claim in percent, the ratio
      ``value / baseline`` for a claim in times ("more than twice");
    * for a dated event (``unit == "date"``): the interval between the event
      and ``meeting_date`` (either way: "three weeks ago", "within two
      months"), in the claim's time unit;
    * otherwise the value converted to the claim's unit (:func:`convert_rate`).
    """
    if baseline is not None:
        if claim_unit == "percent":
            return 100.0 * (1.0 - float(ref["value"]) / float(baseline["value"]))
        if claim_unit == "times":
            return float(ref["value"]) / float(baseline["value"])
        raise ValueError("a baseline gives a percentage change or a ratio; the claim must be in percent or times")
    if ref["unit"] == "date":
        if meeting_date is None or is_missing(ref["event_date"]):
            raise ValueError(f"{ref['reference_id']}: a dated reference needs an event date and a meeting date")
        days = abs((pd.Timestamp(meeting_date) - pd.Timestamp(ref["event_date"])).days)
        return convert(float(days), "days", claim_unit)
    return convert_rate(float(ref["value"]), ref["unit"], claim_unit)


def usable(ref: pd.Series) -> tuple[bool, str]:
    """Tell whether a reference row may be used, and if not why.

    Unconfirmed figures (``confirmed`` false) and rows without a value are
    never used as references.
    """
    if ref["unit"] != "date" and is_missing(ref["value"]):
        return False, f"no figure was found for {ref['item']}. {_sentence(ref['note'])}"
    if not bool(ref["confirmed"]):
        return False, f"the reference figure ({ref['item']}) is unconfirmed. {_sentence(ref['note'])}"
    return True, ""


def _meeting_dates(ds) -> dict[str, pd.Timestamp]:
    docs = ds.documents.merge(ds.meetings[["meeting_id", "date"]], on="meeting_id", how="left")
    return dict(zip(docs["doc_id"], docs["date"], strict=True))


def _baseline(refs, link):
    return refs.loc[link.baseline_reference_id] if not is_missing(link.baseline_reference_id) else None


def _context(links, refs, claim, meeting_date) -> str:
    parts = []
    for link in links.itertuples(index=False):
        if link.role != "context":
            continue
        ref = refs.loc[link.reference_id]
        ok, _ = usable(ref)
        if not ok:
            parts.append(f"{ref['reference_id']}: {ref['item']} (unconfirmed or not found, not used)")
            continue
        base = _baseline(refs, link)
        try:
            value = reference_value(ref, claim.unit, baseline=base, meeting_date=meeting_date)
            shown = format_quantity(value, claim.unit)
        except ValueError:
            shown = ref["period"] if ref["unit"] == "date" else format_quantity(float(ref["value"]), ref["unit"])
        label = ref["item"] if base is None else f"{ref['item']}, {int(base['year'])} to {int(ref['year'])}"
        parts.append(f"{ref['reference_id']}: {label}, {shown} ({ref['period']})")
    return "; ".join(parts)


def _row(claim, verdict, explanation, *, ref=None, value=None, context="", address=None, strength=None) -> dict:
    row = {
        name: getattr(claim, name)
        for name in [
            "claim_id",
            "doc_id",
            "speaker",
            "quote",
            "number_as_written",
            "value",
            "unit",
            "qualifier",
            "period",
            "measure",
            "nature",
        ]
    }
    row.update(
        {
            "reference_id": ref["reference_id"] if ref is not None else None,
            "reference_qualifier": ref["qualifier"] if ref is not None else None,
            "reference_value": value,
            "reference_unit": claim.unit if value is not None else None,
            "reference_item": ref["item"] if ref is not None else None,
            "reference_period": ref["period"] if ref is not None else None,
            "ratio": float(claim.value) / value if value else None,
            "verdict": verdict,
            "group": GROUP_OF[verdict],
            "explanation": re.sub(r"\s+", " ", explanation).strip(),
            "reference_publisher": ref["publisher"] if ref is not None else None,
            "official_publisher": ref["official_publisher"] if ref is not None else None,
            "reference_title": ref["title"] if ref is not None else None,
            "reference_address": address if address is not None else (ref["url"] if ref is not None else None),
            "reference_quote": ref["quote"] if ref is not None else None,
            "reference_page": ref["page"] if ref is not None else None,
            "strength": strength
            if strength is not None
            else (ref["page"] if ref is not None and value is not None else ""),
            "cite_key": ref["cite_key"] if ref is not None else None,
            "context": context,
        }
    )
    return row


def _said(claim) -> tuple[str, str]:
    """The claim as stated ("64,000 deaths", "100-plus countries") and its bound ("more than ")."""
    said = format_quantity(float(claim.value), claim.unit)
    if claim.qualifier == "-plus":
        said = said.replace(_number(float(claim.value)), _number(float(claim.value)) + "-plus", 1)
    return said, ("" if claim.qualifier in ("none", "-plus") else f"{claim.qualifier} ")


def _errors_of_the_text(claim, roles, refs, claims, *, precision, tolerance, context, document_address):
    """Rules 1 and 2: another number of the same text, and the official original. Returns (row or None, note)."""
    said, bound = _said(claim)
    for link in roles.get("internal", []):
        other = claims.set_index("claim_id").loc[link.other_claim_id]
        implied = convert(float(other["value"]), other["unit"], claim.unit)
        if (
            compare(float(claim.value), implied, claim.qualifier, precision=precision, tolerance=tolerance)
            != CONSISTENT
        ):
            explanation = (
                f"The same text gives {format_quantity(float(other['value']), other['unit'])} "
                f"({link.other_claim_id}), which is {format_quantity(implied, claim.unit)}; the claim of "
                f"{said} is {float(claim.value) / implied:,.0f} times that. {_sentence(link.note)}"
            )
            row = _row(
                claim,
                INTERNAL,
                explanation,
                value=implied,
                context=context,
                address=document_address or "",
                strength="same text",
            )
            row.update(
                reference_id=link.other_claim_id,
                reference_qualifier=other["qualifier"],
                reference_item=f"{other['measure']} (same text)",
                reference_period=other["period"],
                reference_publisher="the same text",
                reference_page="same text",
            )
            return row, ""
    original_note = ""
    for link in roles.get("original", []):
        ref = refs.loc[link.reference_id]
        if not usable(ref)[0]:
            continue
        original = reference_value(ref, claim.unit)
        if abs(float(claim.value) - original) > precision / 2 + 1e-9 * max(1.0, original):
            explanation = (
                f"The English text says {bound}{said}; the official original of the same statement says "
                f"{format_quantity(original, claim.unit)} ({ref['publisher']}). {_sentence(link.note)}"
            )
            return _row(claim, TRANSLATION, explanation, ref=ref, value=original, context=context), ""
        original_note = (
            f"Matches the official original ({format_quantity(original, claim.unit)}, "
            f"{ref['publisher']}). {_sentence(link.note)}"
        )
    return None, original_note


def _range_row(claim, links, refs, *, meeting_date, precision, tolerance, context, prefix):
    """Rule 3b: the range of the official measures of the claim's period (see :func:`compare_range`)."""
    said, bound = _said(claim)
    values = {}
    for link in links:
        ref = refs.loc[link.reference_id]
        if usable(ref)[0]:
            values[ref["reference_id"]] = reference_value(
                ref, claim.unit, baseline=_baseline(refs, link), meeting_date=meeting_date
            )
    if not values:
        return None
    verdict, nearest = compare_range(
        float(claim.value), list(values.values()), claim.qualifier, precision=precision, tolerance=tolerance
    )
    ref_id = next(r for r, v in values.items() if v == nearest)
    low, high = min(values.values()), max(values.values())
    pages = {refs.loc[r, "page"] for r in values}
    notes = " ".join(_sentence(link.note) for link in links if link.note)
    explanation = (
        f"{prefix}Claimed {bound}{said}; the text does not say which measure or period it uses, and the official "
        f"measures give {format_quantity(low, claim.unit)} to {format_quantity(high, claim.unit)} "
        f"({len(values)} figures: {', '.join(values)}). {notes}"
    )
    verdict = PROGRAMME_VERDICT.get(verdict, verdict) if claim.nature == "programme output" else verdict
    return _row(
        claim,
        verdict,
        explanation,
        ref=refs.loc[ref_id],
        value=nearest,
        context=context,
        strength="official publication" if pages == {"official publication"} else "secondary copy",
    )


def check_claim(
    claim,
    links: pd.DataFrame,
    refs: pd.DataFrame,
    claims: pd.DataFrame,
    *,
    meeting_date=None,
    document_address=None,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> dict:
    """Return the verdict row of one claim (see :func:`check` for the rules)."""
    if claim.nature not in NATURES:
        raise ValueError(f"{claim.claim_id}: unknown nature {claim.nature!r}; known: {NATURES}")
    precision = stated_precision(claim.number_as_written)
    context = _context(links, refs, claim, meeting_date)
    roles: dict[str, list] = {}
    for link in links.itertuples(index=False):
        roles.setdefault(link.role, []).append(link)
    said, bound = _said(claim)
    notes = " ".join(_sentence(link.note) for link in links.itertuples(index=False) if link.note)

    # 1-2. Errors of the text, whatever the nature.
    row, original_note = _errors_of_the_text(
        claim,
        roles,
        refs,
        claims,
        precision=precision,
        tolerance=tolerance,
        context=context,
        document_address=document_address,
    )
    if row is not None:
        return row

    # 3. Other numbers are not rated; commitments are rated only on a later source that shows them met or not.
    if claim.nature == "other":
        return _row(claim, NOT_RATED, f"Not rated (not a statistic). {notes}", context=context)
    programme = claim.nature == "programme output"
    prefix = (
        "A programme figure, checked against the programme's own public record (self-reported). " if programme else ""
    )

    # 4. The reference the verdict rests on.
    for link in roles.get("statistic", []):
        ref = refs.loc[link.reference_id]
        ok, why = usable(ref)
        if not ok:
            if claim.nature == "commitment":
                return _row(claim, COMMITMENT, f"A commitment: not true or false. {notes}", context=context)
            verdict, word = (NOT_FOUND, "Not found") if programme else (NOT_VERIFIABLE, "Not verifiable")
            return _row(claim, verdict, f"{prefix}{word}: {why} {_sentence(link.note)}", ref=ref, context=context)
        base = _baseline(refs, link)
        value = reference_value(ref, claim.unit, baseline=base, meeting_date=meeting_date)
        verdict = cap(
            compare(float(claim.value), value, claim.qualifier, precision=precision, tolerance=tolerance), link.match
        )
        what = ref["item"] if base is None else f"{ref['item']}, {int(base['year'])} to {int(ref['year'])}"
        if ref["unit"] == "date":
            day = pd.Timestamp(ref["event_date"])
            what = f"{what}, {day.day} {day:%B %Y}, to or from the date of the meeting"
        scope = " The reference measures only approximately the same thing." if link.match == "approximate" else ""
        ref_bound = "" if ref["qualifier"] in (None, "none") else f"{ref['qualifier']} "
        explanation = (
            f"{prefix}Claimed {bound}{said}; {what}: {ref_bound}{format_quantity(value, claim.unit)} "
            f"(ratio {float(claim.value) / value:.3f}).{scope} {_sentence(link.note)} {original_note}"
        )
        if claim.nature == "commitment":
            verdict = COMMITMENT_MET if verdict in (CONSISTENT, APPROXIMATE) else COMMITMENT_NOT_MET
            explanation = "A commitment, against a later source. " + explanation
        elif programme:
            verdict = PROGRAMME_VERDICT[verdict]
        return _row(claim, verdict, explanation, ref=ref, value=value, context=context)

    # 5. The range of the official measures, when the text names neither measure nor period.
    if roles.get("range") and claim.nature != "commitment":
        row = _range_row(
            claim,
            roles["range"],
            refs,
            meeting_date=meeting_date,
            precision=precision,
            tolerance=tolerance,
            context=context,
            prefix=prefix,
        )
        if row is not None:
            return row

    # 6. Nothing to rate it against.
    if claim.nature == "commitment":
        return _row(claim, COMMITMENT, f"A commitment: not true or false. {notes}", context=context)
    searched = [
        link.searched for link in links.itertuples(index=False) if not is_missing(getattr(link, "searched", None))
    ]
    referenced = any(not is_missing(link.reference_id) for link in links.itertuples(index=False))
    if not searched and not referenced:
        return _row(claim, NOT_CHECKED, f"{prefix}Not checked: no search was made. {notes}", context=context)
    verdict, word = (NOT_FOUND, "Not found") if programme else (NOT_VERIFIABLE, "Not verifiable")
    reasons = " ".join([original_note, notes, *(f"Searched: {_sentence(s)}" for s in searched)])
    return _row(claim, verdict, f"{prefix}{word}: {reasons}", context=context)


def _departure(row: dict, links: pd.DataFrame) -> tuple[str, str]:
    """The notes' own assessment of a claim and, when the verdict departs from it, why.

    Departures that follow from the rules are explained by them (a number
    that is not a statistic is not rated; a commitment is not true or false;
    two supporting verdicts differ by the stated tolerances or the scope of
    the reference); any other departure needs its reason in the claim's
    ``departure`` column.
    """
    rated = (
        links[links["notes_assessment"].map(lambda v: not is_missing(v))]
        if "notes_assessment" in links
        else links.iloc[0:0]
    )
    if len(rated) > 1:
        raise ValueError(f"{row['claim_id']}: the notes' assessment is on more than one link")
    if rated.empty:
        return "", ""
    notes, recorded = rated["notes_assessment"].iloc[0], rated["departure"].iloc[0]
    if notes not in NOTES_AGREE:
        raise ValueError(f"{row['claim_id']}: unknown notes assessment {notes!r}")
    if row["verdict"] in NOTES_AGREE[notes]:
        return notes, ""
    if not is_missing(recorded):
        return notes, recorded
    if row["verdict"] == NOT_RATED:
        return notes, (
            "By the rules a number that is not a statistic (a duration or a reference to time) is not rated; "
            "the notes rate the figure itself."
        )
    if row["verdict"] == COMMITMENT:
        return notes, "By the rules a commitment is not true or false; the notes rate the figure it names."
    if row["verdict"] in SUPPORTING and notes in ("consistent", "approximately consistent"):
        scope = (
            " The reference has another scope or period, which caps the verdict."
            if (links["match"] == "approximate").any()
            else ""
        )
        return (
            notes,
            f"Both support the claim; by the stated tolerances (ratio {row['ratio']:.3f}) it is "
            f"{row['verdict']}.{scope}",
        )
    raise ValueError(f"{row['claim_id']}: {row['verdict']!r} departs from the notes ({notes!r}) without a reason")


def check(ds, tolerance: Tolerance = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Return one row per claim: the value, the reference, the ratio and the verdict.

    Rules, applied in this order to the links of ``ds.claim_checks``:

    1. ``internal``: the claim is converted against another number of the same
       text (e.g. a per-minute rate against an annual total); a mismatch
       beyond the tolerances is *internally inconsistent*.
    2. ``original``: when the text is a translation or interpretation and the
       official original of the same statement gives another figure (beyond
       the rounding of the number as written), the verdict is *translation
       discrepancy*. Rules 1 and 2 are errors of the text, whatever its nature.
    3. A number of nature ``other`` (durations, references to time, counts of
       the agenda) is *not rated*.
    4. ``statistic``: the verdict of :func:`compare` against the reference,
       capped by :func:`cap` when the reference measures only approximately
       the same thing. A statistic is consistent, approximately consistent,
       overstated or understated; a programme output is confirmed, partly
       confirmed or differs from the programme's record (self-reported by
       nature); a commitment is met or not met. A reference that is
       unconfirmed or was not found makes a statistic *not verifiable*, a
       programme output *not found*, a commitment *not rated*.
    5. ``range``: when the text names neither measure nor period, the verdict
       of :func:`compare_range` against the official measures of the period.
    6. otherwise *not verifiable* (or *not found*, or a commitment *not rated*)
       with the reason recorded in the links and what was searched; a claim
       with no reference and no search is *not checked*.

    ``reference_value`` is in the claim's unit and ``ratio`` is claim /
    reference. ``reference_address`` is the page read and ``strength`` says
    whether it is the official publication or a secondary copy.
    ``notes_assessment`` and ``departure`` are the reference notes' own
    assessment and why the verdict departs from it (:func:`_departure`).
    """
    claims = ds.claims.sort_values("claim_id", key=lambda ids: ids.str[1:].astype(int), kind="stable")
    refs = ds.reference_stats.set_index("reference_id", drop=False)
    links = ds.claim_checks
    dates = _meeting_dates(ds)
    addresses = dict(zip(ds.documents["doc_id"], ds.documents["source_url"], strict=True))
    rows = []
    for claim in claims.itertuples(index=False):
        mine = links[links["claim_id"] == claim.claim_id]
        if mine.empty:
            raise ValueError(f"claim {claim.claim_id} has no row in claim_checks")
        row = check_claim(
            claim,
            mine,
            refs,
            claims,
            meeting_date=dates.get(claim.doc_id),
            document_address=addresses.get(claim.doc_id) or f"corpus text {claim.doc_id}",
            tolerance=tolerance,
        )
        row["notes_assessment"], row["departure"] = _departure(row, mine)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    frame["ratio"] = frame["ratio"].astype(float)
    frame["reference_value"] = frame["reference_value"].astype(float)
    return frame


# --------------------------------------------------------------------------
# Cross-source checks
# --------------------------------------------------------------------------


def _linked_ids(links: pd.DataFrame) -> dict[str, set]:
    """claim_id -> the reference ids its links name (any role)."""
    named = links[links["reference_id"].map(lambda r: not is_missing(r))]
    return named.groupby("claim_id")["reference_id"].agg(set).to_dict()


def two_accounts(ds) -> pd.DataFrame:
    """Figures that two texts of the same meeting both give: the same value, linked to the same reference.

    One row per claim of such a figure (``figure`` numbers the figures in
    meeting order), with its meeting, text, genre, quote, period and measure.
    Claims with the same value but no common reference (two different
    "$1.5 billion") are not the same figure.
    """
    docs = ds.documents.merge(ds.meetings[["meeting_id", "date"]], on="meeting_id", how="left")
    claims = ds.claims.merge(docs[["doc_id", "meeting_id", "genre", "date"]], on="doc_id", how="left")
    linked = _linked_ids(ds.claim_checks)
    rows, seen = [], set()
    for (meeting, value), group in claims.groupby(["meeting_id", "value"], sort=False):
        for a in group.itertuples(index=False):
            mates = [
                b
                for b in group.itertuples(index=False)
                if b.doc_id != a.doc_id and linked.get(a.claim_id, set()) & linked.get(b.claim_id, set())
            ]
            if mates and a.claim_id not in seen:
                members = [a, *mates]
                seen.update(m.claim_id for m in members)
                rows += [
                    {
                        "meeting_id": meeting,
                        "date": m.date,
                        "value": value,
                        "claim_id": m.claim_id,
                        "doc_id": m.doc_id,
                        "genre": m.genre,
                        "quote": m.quote,
                        "period": m.period,
                        "measure": m.measure,
                        "unit": m.unit,
                    }
                    for m in members
                ]
    frame = pd.DataFrame(
        rows,
        columns=["meeting_id", "date", "value", "claim_id", "doc_id", "genre", "quote", "period", "measure", "unit"],
    )
    frame = frame.sort_values(["date", "meeting_id", "value", "doc_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "figure", frame.groupby(["meeting_id", "value"], sort=False).ngroup() + 1)
    return frame.drop(columns="date")


def two_accounts_table(two: pd.DataFrame, checked: pd.DataFrame) -> pd.DataFrame:
    """:func:`two_accounts` as the chapter prints it: the figure, each text's wording, its period and verdict."""
    verdicts = checked.set_index("claim_id")
    return pd.DataFrame(
        {
            "figure": [format_quantity(v, u) for v, u in zip(two["value"], two["unit"], strict=True)],
            "meeting": two["meeting_id"],
            "claim": two["claim_id"],
            "text": two["doc_id"],
            "genre": two["genre"],
            "as written": two["quote"],
            "period": two["period"],
            "verdict": [
                verdict_label(verdicts.loc[c, "verdict"], verdicts.loc[c, "strength"]) for c in two["claim_id"]
            ],
        }
    )


def two_accounts_facts(two: pd.DataFrame, checked: pd.DataFrame) -> dict:
    """Figures given by two texts of one meeting, the meetings they come from, and how many get one verdict."""
    verdicts = checked.set_index("claim_id")["verdict"]
    same = two.assign(verdict=two["claim_id"].map(verdicts)).groupby("figure")["verdict"].nunique().eq(1)
    periods = two.groupby("figure")["period"].nunique().gt(1)
    return {
        "two_n": int(two["figure"].nunique()),
        "two_meetings": int(two["meeting_id"].nunique()),
        "two_same_verdict": int(same.sum()),
        "two_period_differs": int(periods.sum()),
    }


def linked_references(ds, claim_id: str) -> pd.DataFrame:
    """Every reference linked to a claim, with its value in the claim's unit (None when unusable) and the ratio."""
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    refs = ds.reference_stats.set_index("reference_id", drop=False)
    dates = _meeting_dates(ds)
    rows = []
    for link in ds.claim_checks[ds.claim_checks["claim_id"] == claim_id].itertuples(index=False):
        if is_missing(link.reference_id):
            continue
        ref = refs.loc[link.reference_id]
        ok, why = usable(ref)
        base = _baseline(refs, link)
        value = None
        if ok:
            try:
                value = reference_value(ref, claim["unit"], baseline=base, meeting_date=dates.get(claim["doc_id"]))
            except ValueError:
                value = None  # another unit: shown in the context, not comparable
        rows.append(
            {
                "claim_id": claim_id,
                "role": link.role,
                "reference_id": ref["reference_id"],
                "item": ref["item"],
                "period": ref["period"],
                "value": value,
                "unit": claim["unit"],
                "confirmed": bool(ref["confirmed"]),
                "ratio": float(claim["value"]) / value if value else None,
                "page": ref["page"],
                "publisher": ref["publisher"],
                "address": ref["url"],
            }
        )
    return pd.DataFrame(rows)


def _acronym(name: str) -> str:
    """The acronym in parentheses of an agency name ("... (SSPC), Mexico" -> "SSPC"), else the name."""
    found = re.search(r"\(([^)]+)\)", name or "")
    return found.group(1) if found else name


def reduction_scenarios(ds, claim_id: str) -> pd.DataFrame:
    """Percentage reductions implied by every baseline and end year of the series a claim is checked against.

    For each series named in ``reference_stats.series`` that a link of the
    claim uses (statistic, range or context), every pair of years
    ``baseline < end`` gives ``reduction = 100 * (1 - end / baseline)``.
    Linked percentage references without a series (e.g. a government's own
    metric) are added as single scenarios. ``after_claim`` marks figures for
    a year that had not ended when the claim was made.
    """
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    meeting_year = int(_meeting_dates(ds)[claim["doc_id"]].year)
    refs = ds.reference_stats
    links = ds.claim_checks[
        (ds.claim_checks["claim_id"] == claim_id) & ds.claim_checks["role"].isin(["statistic", "range", "context"])
    ]
    by_id = refs.set_index("reference_id", drop=False)
    series = sorted({by_id.loc[r, "series"] for r in links["reference_id"] if not is_missing(by_id.loc[r, "series"])})
    rows = []
    for name in series:
        points = refs[(refs["series"] == name) & refs["confirmed"].astype(bool)].sort_values("year", kind="stable")
        for base in points.itertuples(index=False):
            for end in points.itertuples(index=False):
                if int(end.year) <= int(base.year):
                    continue
                rows.append(
                    {
                        "measure": name,
                        "label": f"{name.split(' ')[0]} {int(base.year)}-{int(end.year)}",
                        "baseline_year": int(base.year),
                        "end_year": int(end.year),
                        "baseline": float(base.value),
                        "end": float(end.value),
                        "reduction": 100.0 * (1 - float(end.value) / float(base.value)),
                        "end_status": "preliminary" if "prelim" in end.period else "definitive",
                        "after_claim": int(end.year) >= meeting_year,
                    }
                )
    for link in links.itertuples(index=False):
        ref = by_id.loc[link.reference_id]
        if ref["unit"] == "percent" and is_missing(ref["series"]) and usable(ref)[0]:
            rows.append(
                {
                    "measure": ref["item"],
                    "label": f"{_acronym(ref['official_publisher'])}: {ref['period']}",
                    "baseline_year": None,
                    "end_year": int(ref["year"]),
                    "baseline": None,
                    "end": None,
                    "reduction": float(ref["value"]),
                    "end_status": "reported",
                    "after_claim": int(ref["year"]) >= meeting_year,
                }
            )
    frame = pd.DataFrame(rows)
    frame["claimed"] = float(claim["value"])
    precision = stated_precision(claim["number_as_written"])
    frame["verdict"] = [
        compare(float(claim["value"]), r, claim["qualifier"], precision=precision) if r > 0 else OVERSTATED
        for r in frame["reduction"]
    ]
    return frame


# --------------------------------------------------------------------------
# What the chapter prints and quotes
# --------------------------------------------------------------------------


def inventory(ds) -> pd.DataFrame:
    """Claims per text by nature, with the text's genre and the total (texts in order of publication, none left out)."""
    docs = ds.documents.sort_values(["publication_date", "doc_id"], kind="stable")
    per_doc = ds.claims.pivot_table(
        index="doc_id", columns="nature", values="claim_id", aggfunc="count", fill_value=0
    ).reindex(index=docs["doc_id"], columns=NATURES, fill_value=0)
    per_doc["claims"] = per_doc.sum(axis=1)
    per_doc = per_doc.reset_index()
    per_doc.columns.name = None
    per_doc.insert(1, "genre", docs["genre"].to_numpy())
    return per_doc


def nature_by_genre(ds) -> pd.DataFrame:
    """Claims by genre of text and nature, with the number of texts of each genre and a total row.

    Genres from the most claims to the fewest (then by name).
    """
    per_doc = inventory(ds)
    table = per_doc.groupby("genre")[[*NATURES, "claims"]].sum()
    table.insert(0, "texts", per_doc.groupby("genre").size())
    table = table.sort_values(["claims", "texts"], ascending=False, kind="stable")
    table = table.reset_index()
    total = table.drop(columns="genre").sum().to_dict()
    return pd.concat([table, pd.DataFrame([{"genre": "all", **total}])], ignore_index=True)


def genre_facts(by_genre: pd.DataFrame) -> dict:
    """The genre with most claims (:func:`nature_by_genre`): its name, texts, claims and shares of all texts, claims
    and programme outputs."""
    total = by_genre[by_genre["genre"] == "all"].iloc[0]
    top = by_genre[by_genre["genre"] != "all"].iloc[0]
    return {
        "top_genre": f"{top['genre']}s",
        "top_genre_texts": int(top["texts"]),
        "top_genre_claims": int(top["claims"]),
        "top_genre_share": 100 * top["claims"] / total["claims"],
        "top_genre_text_share": 100 * top["texts"] / total["texts"],
        "top_genre_programme_share": 100 * top["programme output"] / total["programme output"],
        "n_texts": int(total["texts"]),
        "n_genres": int((by_genre["genre"] != "all").sum()),
    }


def extra_candidates(ds) -> int:
    """Quantities :func:`helpers.quantities.extract_quantities` finds in the cleaned texts that are not curated claims.

    A candidate is curated when a claim of the same text has its value.
    """
    extra = 0
    for doc_id in ds.documents["doc_id"]:
        curated = ds.claims.loc[ds.claims["doc_id"] == doc_id, "value"].astype(float).tolist()
        extra += sum(
            not any(abs(c.value - v) < 1e-9 * max(1.0, v) for v in curated)
            for c in quantities.extract_quantities(ds.text(doc_id))
        )
    return extra


def inventory_facts(ds, per_doc: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about the claims table and the extractor.

    ``per_doc`` is :func:`inventory`. Claims in all and of each nature,
    curated claims the extractor finds in their quotes (count and per cent),
    other candidates in the texts, texts without a claim, and the text with
    most claims with its share of all.
    """
    found, total, _ = quantities.recall(ds.claims)
    natures = {f"n_{nature.split()[0]}": int(per_doc[nature].sum()) for nature in NATURES}
    return {
        "n": len(ds.claims),
        **natures,
        "recall_found": found,
        "recall_pct": 100 * found / total,
        "extra": extra_candidates(ds),
        "docs_without": int((per_doc["claims"] == 0).sum()),
        "top_doc": per_doc.sort_values(["claims", "doc_id"], ascending=[False, True])["doc_id"].iloc[0],
        "top_share": 100 * per_doc["claims"].max() / len(ds.claims),
    }


def rule_facts(tolerance: Tolerance = DEFAULT_TOLERANCE) -> dict:
    """The tolerances (per cent) and unit conventions the chapter states with its rules."""
    return {
        "tol_consistent": 100 * tolerance.consistent,
        "tol_about": 100 * tolerance.about,
        "tol_approx": 100 * tolerance.approximate,
        "minutes_per_year": f"{units.MINUTES_PER_YEAR:,}",
        "days_week": int(units.convert(1, "weeks", "days")),
        "days_month": units.DAYS_PER_MONTH,
        "days_year": units.DAYS_PER_YEAR,
    }


def reference_facts(refs: pd.DataFrame) -> dict:
    """Reference rows: in all, unconfirmed, confirmed ones read on the official page or in a secondary copy, and
    those from the project's research on the 2021-2024 texts."""
    confirmed = refs["confirmed"].astype(bool)
    research = refs["origin"].fillna("").str.startswith("project research")
    return {
        "n_refs": len(refs),
        "n_refs_unconfirmed": int((~confirmed).sum()),
        "n_refs_official": int((confirmed & (refs["page"] == "official publication")).sum()),
        "n_refs_secondary": int((confirmed & (refs["page"] == "secondary copy")).sum()),
        "n_refs_research": int(research.sum()),
    }


#: Short names of the verdicts in the keys of :func:`verdict_facts`.
VERDICT_KEYS = {
    CONSISTENT: "consistent",
    APPROXIMATE: "approx",
    OVERSTATED: "over",
    UNDERSTATED: "under",
    INTERNAL: "internal",
    TRANSLATION: "translation",
    NOT_VERIFIABLE: "nv",
    CONFIRMED: "confirmed",
    PARTLY_CONFIRMED: "partly",
    DIFFERS: "differs",
    NOT_FOUND: "not_found",
    COMMITMENT_MET: "met",
    COMMITMENT_NOT_MET: "not_met",
    COMMITMENT: "pledges",
    NOT_RATED: "not_rated",
    NOT_CHECKED: "not_checked",
}

#: Short names of the verdict groups in the keys of :func:`verdict_facts`.
GROUP_KEYS = {
    "statistics rated against a reference": "checked",
    "errors of the text": "errors",
    "statistics not verifiable": "stat_nv",
    "programme outputs": "programme_checked",
    "commitments": "commitments",
    "not rated": "unrated",
    "not checked": "unchecked",
}


def verdict_summary(checked: pd.DataFrame) -> pd.DataFrame:
    """The one verdict table every count of the chapter comes from: claims by verdict (rows, in groups) and
    nature (columns), with row totals and a total row. Verdicts no claim has are left out."""
    counts = checked.pivot_table(
        index="verdict", columns="nature", values="claim_id", aggfunc="count", fill_value=0
    ).reindex(index=VERDICTS, columns=NATURES, fill_value=0)
    counts["all"] = counts.sum(axis=1)
    counts = counts[counts["all"] > 0]
    table = counts.reset_index().rename(columns={"index": "verdict"})
    table.columns.name = None
    table.insert(0, "group", table["verdict"].map(GROUP_OF))
    total = {"group": "all", "verdict": "all claims", **counts.sum().to_dict()}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def verdict_facts(checked: pd.DataFrame) -> dict:
    """Every count the chapter quotes about the verdicts, from :func:`check` through :func:`verdict_summary`.

    ``n_<verdict>`` for each verdict (:data:`VERDICT_KEYS`), ``n_<group>``
    for each group (:data:`GROUP_KEYS`; ``n_checked`` is the statistics
    rated against a reference), ``n_supported`` (statistics consistent or
    approximately), ``n_supporting`` (every verdict that supports its claim:
    :data:`SUPPORTING`), ``n_secondary`` (those resting on a secondary copy), ``n_self_reported``
    (programme outputs) and
    ``n_departures`` (verdicts that depart from the notes' assessment). The
    groups add up to all claims.
    """
    summary = verdict_summary(checked)
    rows = summary[summary["group"] != "all"].set_index("verdict")["all"]
    facts = {f"n_{key}": int(rows.get(verdict, 0)) for verdict, key in VERDICT_KEYS.items()}
    for group, key in GROUP_KEYS.items():
        facts[f"n_{key}"] = int(sum(rows.get(v, 0) for v in VERDICT_GROUPS[group]))
    if sum(facts[f"n_{key}"] for key in GROUP_KEYS.values()) != len(checked):
        raise ValueError("the verdict groups do not add up to all claims")
    supporting = checked["verdict"].isin(SUPPORTING)
    facts["n_supported"] = facts["n_consistent"] + facts["n_approx"]
    facts["n_supporting"] = int(supporting.sum())
    facts["n_secondary"] = int((supporting & (checked["strength"] == "secondary copy")).sum())
    facts["n_self_reported"] = int((checked["nature"] == "programme output").sum())
    facts["n_departures"] = int((checked["departure"].fillna("") != "").sum())
    return facts


def outlier_facts(ds, checked: pd.DataFrame) -> dict:
    """The outliers the chapter names: the internal inconsistency, the "-plus" coalition, the translated tonnage.

    ``internal_ratio``: the largest claim / figure ratio of an internally
    inconsistent claim (formatted); ``coalition_launch`` and
    ``coalition_ref``: for the first "X-plus" claim, the smallest count of
    its linked references (the launch) and the reference its verdict rests
    on; ``cocaine_excess``: the largest excess, in tonnes, of a translated
    figure over the official original.
    """
    internal = checked[checked["verdict"] == INTERNAL]
    plus = checked[checked["qualifier"] == "-plus"].iloc[0]
    linked = linked_references(ds, plus["claim_id"])
    translation = checked[(checked["verdict"] == TRANSLATION) & checked["unit"].isin(["tonnes"])]
    return {
        "internal_ratio": f"{internal['ratio'].max():,.0f}",
        "coalition_launch": int(linked["value"].min()),
        "coalition_ref": int(plus["reference_value"]),
        "cocaine_excess": int(round((translation["value"] - translation["reference_value"]).max())),
    }


def verdict_label(verdict: str, strength: str) -> str:
    """The verdict as the tables show it: a supporting verdict resting on a secondary copy says so.

    "consistent (secondary source)", "confirmed (self-reported; secondary source)".
    """
    if verdict not in SUPPORTING or strength != "secondary copy":
        return verdict
    return verdict[:-1] + "; secondary source)" if verdict.endswith(")") else verdict + " (secondary source)"


def _claimed(row) -> str:
    """The claim as stated: its qualifier and value with the unit ("more than 64,000 deaths", "100-plus countries")."""
    if row.qualifier == "-plus":
        return row.number_as_written + " " + row.unit
    said = format_quantity(row.value, row.unit)
    return said if row.qualifier == "none" else f"{row.qualifier} {said}"


def _reference_text(qualifier, value, unit) -> str:
    """The reference figure with its qualifier, in the claim's unit ("" when there is none)."""
    if pd.isna(value):
        return ""
    bound = "" if qualifier in (None, "none") or pd.isna(qualifier) else qualifier + " "
    return bound + format_quantity(value, unit)


def _ratio_text(ratio) -> str:
    """A ratio to three significant digits, or to the unit from 100 up ("" when there is none)."""
    if pd.isna(ratio):
        return ""
    return f"{ratio:,.0f}" if ratio >= 100 else f"{ratio:.3g}"


def claim_anchor(claim_id: str) -> str:
    """The anchor of a claim's row in the verdict table (``N02`` -> ``claim-n02``, the id the built page has)."""
    if not re.fullmatch(r"[A-Za-z0-9]+", str(claim_id)):
        raise ValueError(f"a claim id is letters and digits: {claim_id!r}")
    return f"claim-{str(claim_id).lower()}"


def _source(address, page) -> str:
    """The page read, with whether it is the official publication or a secondary copy."""
    return f"{address} ({page})" if isinstance(address, str) and address.startswith("http") else (address or "")


def verdict_table(checked: pd.DataFrame, ds) -> pd.DataFrame:
    """The full verdict table (the downloadable file): one row per claim, every column a reader needs to check it.

    Columns: claim, text, genre, speaker, quote, nature, claimed (qualifier,
    value, unit), reference (in the claim's unit), ratio, verdict (with
    "secondary source" where it rests on a secondary copy), group, reason,
    source (the address of the page and whether it is the official
    publication or a secondary copy), the notes' assessment and why the
    verdict departs from it.
    """
    names = ds.people.set_index("person_id")["name"]
    genres = ds.documents.set_index("doc_id")["genre"]
    return pd.DataFrame(
        {
            "claim": checked["claim_id"],
            "text": checked["doc_id"],
            "genre": checked["doc_id"].map(genres),
            "speaker": checked["speaker"].map(names).fillna(""),
            "quote": checked["quote"],
            "nature": checked["nature"],
            "measure": checked["measure"],
            "claimed": [_claimed(r) for r in checked.itertuples()],
            "reference": [
                _reference_text(q, v, u)
                for q, v, u in zip(
                    checked["reference_qualifier"], checked["reference_value"], checked["unit"], strict=True
                )
            ],
            "ratio": checked["ratio"].map(_ratio_text),
            "verdict": [verdict_label(v, s) for v, s in zip(checked["verdict"], checked["strength"], strict=True)],
            "group": checked["group"],
            "reason": checked["explanation"],
            "source": [
                _source(a, p) for a, p in zip(checked["reference_address"], checked["reference_page"], strict=True)
            ],
            "context": checked["context"],
            "notes_assessment": checked["notes_assessment"],
            "departure": checked["departure"],
        }
    )


def _short(text: str, width: int) -> str:
    return textwrap.shorten(str(text), width, placeholder="...") if text else ""


def compact_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The verdict table as the book prints it (it fits the printed page): claim (with its anchor), text, what
    it measures (shortened), claimed figure, verdict and reference (the figure with its official publisher)."""
    publisher = [
        ("same text" if page == "same text" else _short(_acronym(p), 28))
        if isinstance(p, str) or page == "same text"
        else ""
        for p, page in zip(checked["official_publisher"], checked["reference_page"], strict=True)
    ]
    reference = [
        f"{_reference_text(q, v, u)} ({p})" if _reference_text(q, v, u) and p else _reference_text(q, v, u)
        for q, v, u, p in zip(
            checked["reference_qualifier"], checked["reference_value"], checked["unit"], publisher, strict=True
        )
    ]
    return pd.DataFrame(
        {
            "claim": [Anchor(c, claim_anchor(c)) for c in checked["claim_id"]],
            "text": checked["doc_id"],
            "measure": checked["measure"].map(lambda m: _short(m, 48)),
            "claimed": [_claimed(r) for r in checked.itertuples()],
            "verdict": [verdict_label(v, s) for v, s in zip(checked["verdict"], checked["strength"], strict=True)],
            "reference": reference,
        }
    )


def departures_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims whose verdict departs from the reference notes' own assessment, with the reason."""
    gone = checked[checked["departure"].fillna("") != ""]
    return pd.DataFrame(
        {
            "claim": gone["claim_id"],
            "verdict": gone["verdict"],
            "notes": gone["notes_assessment"],
            "why": gone["departure"],
        }
    ).reset_index(drop=True)


def unchecked_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims nobody searched for (:data:`NOT_CHECKED`), with what they say and why they were not checked."""
    left = checked[checked["verdict"] == NOT_CHECKED]
    return pd.DataFrame(
        {"claim": left["claim_id"], "text": left["doc_id"], "quote": left["quote"], "why": left["explanation"]}
    ).reset_index(drop=True)


def export_verdicts(table: pd.DataFrame, name: str = "claims-verdicts") -> str:
    """Write the full verdict table (:func:`verdict_table`) to ``tables/<name>.csv`` of the build folder; return
    the file's name."""
    from . import paths

    out = paths.build_dir() / "tables"
    out.mkdir(exist_ok=True)
    path = out / f"{name}.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    return path.name


#: The columns of :func:`ratio_points` exported with the ratio figure.
RATIO_FIGURE_COLUMNS = [
    "claim_id",
    "nature",
    "measure",
    "value",
    "unit",
    "reference_value",
    "ratio",
    "verdict",
    "reference_address",
]


def ratio_points(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims that have a ratio to a reference, from the lowest ratio to the highest (then by claim)."""
    plotted = checked[checked["ratio"].notna()].sort_values(["ratio", "claim_id"], kind="stable")
    return plotted.reset_index(drop=True)


def repeated_figure_references(ds, claim_ids) -> pd.DataFrame:
    """Every reference linked to the claims of one figure given in two texts (see :func:`two_accounts`).

    One row per claim and reference: the claim, its text and quote, the
    reference's role, item and period, its value in the claim's unit (or
    "not used (unconfirmed)"), the ratio claim / reference and the address.
    """
    claims = ds.claims.set_index("claim_id")
    rows = []
    for claim_id in claim_ids:
        for r in linked_references(ds, claim_id).itertuples():
            rows.append(
                {
                    "claim": claim_id,
                    "reference_id": r.reference_id,
                    "text": claims.loc[claim_id, "doc_id"],
                    "quote": claims.loc[claim_id, "quote"],
                    "role": r.role,
                    "reference": r.item,
                    "period": r.period,
                    "value": format_quantity(r.value, r.unit) if pd.notna(r.value) else "not used (unconfirmed)",
                    "ratio": f"{r.ratio:.3f}" if pd.notna(r.ratio) else "",
                    "address": r.address if isinstance(r.address, str) else "",
                }
            )
    return pd.DataFrame(rows)


def repeated_figure_facts(ds, claim_id: str, references: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about one repeated figure (the overdose count of 2017).

    ``references`` is :func:`repeated_figure_references`. The claimed value,
    the final count (a final, unrounded figure), the lowest and highest
    unconfirmed figures (never used), and by how many per cent the
    preliminary count exceeded the final one.
    """
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    linked = linked_references(ds, claim_id)
    usable_refs = linked[linked["value"].notna()]
    final = usable_refs[usable_refs["period"].str.contains("final") & ~usable_refs["item"].str.contains("rounded")]
    prelim = usable_refs[usable_refs["period"].str.contains("provisional|preliminary")]
    refs = ds.reference_stats
    unconfirmed = refs[
        refs["reference_id"].isin(references["reference_id"]) & ~refs["confirmed"].astype(bool) & refs["value"].notna()
    ]
    return {
        "od_value": f"{claim['value']:,.0f}",
        "od_final": f"{final['value'].iloc[0]:,.0f}",
        "od_unconfirmed_low": f"{unconfirmed['value'].min():,.0f}",
        "od_unconfirmed_high": f"{unconfirmed['value'].max():,.0f}",
        "od_revision": 100 * (prelim["value"].iloc[0] / final["value"].iloc[0] - 1),
    }


def baseline_claim(ds) -> str:
    """The first claimed percentage checked against a change from a baseline year (the homicide reduction)."""
    links = ds.claim_checks[ds.claim_checks["baseline_reference_id"].map(lambda r: not is_missing(r))]
    percent = set(ds.claims.loc[ds.claims["unit"] == "percent", "claim_id"])
    return links.loc[links["claim_id"].isin(percent), "claim_id"].iloc[0]


def meeting_year(ds, claim_id: str) -> int:
    """The year of the meeting at which a claim was made."""
    doc_id = ds.claims.set_index("claim_id").loc[claim_id, "doc_id"]
    return int(_meeting_dates(ds)[doc_id].year)


def shown_scenarios(scenarios: pd.DataFrame, year: int) -> pd.DataFrame:
    """The scenarios the chapter shows, from the smallest reduction to the largest.

    From :func:`reduction_scenarios`: the single figures (no baseline) and,
    for each series, the reductions from its first two years to the last full
    year before the meeting (``year``) and later.
    """
    first_years = scenarios.groupby("measure")["baseline_year"].transform(
        lambda y: y.isin(sorted(y.dropna().unique())[:2])
    )
    shown = scenarios[
        scenarios["baseline_year"].isna() | (first_years.astype(bool) & (scenarios["end_year"] >= year - 1))
    ].copy()
    return shown.sort_values(["reduction", "label"], kind="stable").reset_index(drop=True)


def scenario_series(ds, scenarios: pd.DataFrame) -> pd.DataFrame:
    """The confirmed reference rows of the series the scenarios are computed from."""
    refs = ds.reference_stats
    names = sorted(s for s in refs["series"].dropna().unique() if s in set(scenarios["measure"]))
    return refs[refs["series"].isin(names) & refs["confirmed"].astype(bool)]


def reduction_facts(ds, checked: pd.DataFrame, claim_id: str, scenarios: pd.DataFrame, shown: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about a claimed reduction (``hom_*``).

    INEGI's reduction from its first year to the last full year before the
    meeting (``hom_reference``, with ``hom_base_year`` and ``hom_end_year``),
    the claimed reduction, the year of the meeting, SESNSP's reduction from
    its first year to the same year, INEGI's from its first year to the
    meeting's year, the government's own metric, how many of the ``shown``
    scenarios are consistent or approximately so, and the claim's verdict
    with the range of the measures it rests on (``hom_range_low``,
    ``hom_range_high``).
    """
    year = meeting_year(ds, claim_id)
    first = scenarios.groupby("measure")["baseline_year"].transform("min")
    at_first = scenarios[scenarios["baseline_year"] == first]
    inegi = at_first[at_first["measure"].str.startswith("INEGI")]
    sesnsp = at_first[at_first["measure"].str.startswith("SESNSP")]
    before = inegi[inegi["end_year"] == year - 1].iloc[0]
    row = checked.set_index("claim_id").loc[claim_id]
    linked = linked_references(ds, claim_id)
    ranged = linked[(linked["role"] == "range") & linked["value"].notna()]["value"]
    return {
        "hom_reference": float(before["reduction"]),
        "hom_base_year": int(before["baseline_year"]),
        "hom_end_year": int(before["end_year"]),
        "hom_claim": float(ds.claims.set_index("claim_id").loc[claim_id, "value"]),
        "hom_meeting_year": year,
        "hom_sesnsp_last": float(sesnsp.loc[sesnsp["end_year"] == year - 1, "reduction"].iloc[0]),
        "hom_sesnsp_base": int(sesnsp["baseline_year"].min()),
        "hom_inegi_after": float(inegi.loc[inegi["end_year"] == year, "reduction"].iloc[0]),
        "hom_daily": float(scenarios.loc[scenarios["baseline_year"].isna(), "reduction"].iloc[0]),
        "hom_n_scenarios": len(shown),
        "hom_n_ok": int(shown["verdict"].isin([CONSISTENT, APPROXIMATE]).sum()),
        "hom_verdict": row["verdict"],
        "hom_range_low": float(ranged.min()) if len(ranged) else float("nan"),
        "hom_range_high": float(ranged.max()) if len(ranged) else float("nan"),
    }


def translation_facts(ds, checked: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about the translated texts and their largest tonnage discrepancy.

    Translated or interpreted texts; for the translated tonnage with the
    highest ratio, the largest figure of its context references (the Navy's
    later total), the official original and the English figure.
    """
    off = checked[(checked["verdict"] == TRANSLATION) & (checked["unit"] == "tonnes")]
    cocaine = off.sort_values("ratio").iloc[-1]
    context = linked_references(ds, cocaine["claim_id"])
    return {
        "n_translated_docs": int((ds.documents["translation"] != "original").sum()),
        "semar_cocaine": float(context.loc[context["role"] == "context", "value"].max()),
        "es_cocaine": float(cocaine["reference_value"]),
        "en_cocaine": float(cocaine["value"]),
    }


def claim_errata(ds, checked: pd.DataFrame) -> pd.DataFrame:
    """Errata of the texts that fall on a claim's quote (a wrong name, an overstated wording, a translated figure):
    the erratum, the claim, its verdict, what the text says and the correction."""
    rows = []
    for erratum in ds.errata.itertuples(index=False):
        # The claim the erratum concerns: its quote holds the erratum's text, and its verdict is a translation
        # discrepancy or its reason names the erratum (a quote may hold two claims, "four ... 53").
        named = checked["verdict"].eq(TRANSLATION) | checked["explanation"].str.contains(erratum.erratum_id)
        mine = checked[
            (checked["doc_id"] == erratum.doc_id)
            & named
            & checked["quote"].map(lambda q, said=erratum.text_as_written: said in q or q in said)
        ]
        for claim in mine.itertuples(index=False):
            rows.append(
                {
                    "erratum": erratum.erratum_id,
                    "claim": claim.claim_id,
                    "kind": erratum.kind,
                    "verdict": claim.verdict,
                    "as written": erratum.text_as_written,
                    "correction": erratum.correction,
                }
            )
    return pd.DataFrame(rows, columns=["erratum", "claim", "kind", "verdict", "as written", "correction"])
