"""Numeric claims in the texts, checked against reported statistics.

Three tables of the dataset feed this module:

* ``claims``: one row per number in a cleaned text that states a quantity,
  with its verbatim quote, value, unit, qualifier, period and measure;
* ``reference_stats``: one row per reference figure read in a public page
  (publisher, title, address, quote, official page or secondary copy, and
  whether the figure was confirmed on the page);
* ``claim_checks``: which reference (or which other claim) each claim is
  compared with, and in what role.

The module decides the verdicts. It provides

* the verdict vocabulary (:data:`VERDICTS` in :data:`VERDICT_GROUPS`, the
  natures of a claim, :data:`SUPPORTING`);
* qualifier-aware comparison with stated tolerances (:class:`Tolerance`,
  :func:`compare`, :func:`compare_range`), on values in the units of
  :mod:`helpers.units`, and reference values in a claim's unit
  (:func:`reference_value`, :func:`usable`);
* :func:`check_claim` and :func:`check`, one verdict per claim with its reason
  and source.

The cross-checks of accounts and references, the tables the claims chapter
prints and the numbers it quotes are :mod:`helpers.claim_report`; the
candidate extractor is :mod:`helpers.quantities`; the schema.org
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
from dataclasses import dataclass

import pandas as pd

from . import units
from .quantities import stated_precision
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

#: The claim's own columns, carried into its row of the check.
CLAIM_COLUMNS = [
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
CHECK_COLUMNS = CLAIM_COLUMNS + [
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


def meeting_dates(ds) -> dict[str, pd.Timestamp]:
    """doc_id -> the date of the meeting the text reports."""
    docs = ds.documents.merge(ds.meetings[["meeting_id", "date"]], on="meeting_id", how="left")
    return dict(zip(docs["doc_id"], docs["date"], strict=True))


def baseline_reference(refs: pd.DataFrame, link):
    """The baseline reference row of a link (``refs`` indexed by reference_id), or None when the link names none."""
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
        base = baseline_reference(refs, link)
        try:
            value = reference_value(ref, claim.unit, baseline=base, meeting_date=meeting_date)
            shown = format_quantity(value, claim.unit)
        except ValueError:
            shown = ref["period"] if ref["unit"] == "date" else format_quantity(float(ref["value"]), ref["unit"])
        label = ref["item"] if base is None else f"{ref['item']}, {int(base['year'])} to {int(ref['year'])}"
        parts.append(f"{ref['reference_id']}: {label}, {shown} ({ref['period']})")
    return "; ".join(parts)


def _row(claim, verdict, explanation, *, ref=None, value=None, context="", address=None, strength=None) -> dict:
    row = {name: getattr(claim, name) for name in CLAIM_COLUMNS}
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
                ref, claim.unit, baseline=baseline_reference(refs, link), meeting_date=meeting_date
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
        base = baseline_reference(refs, link)
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
    dates = meeting_dates(ds)
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
