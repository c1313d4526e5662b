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
  :func:`reduction_scenarios`).

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
from dataclasses import dataclass

import pandas as pd

from .quantities import stated_precision
from .text import is_missing
from .units import convert

# --------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------

CONSISTENT = "consistent"
APPROXIMATE = "approximately consistent"
OVERSTATED = "overstated"
UNDERSTATED = "understated"
INTERNAL = "internally inconsistent"
TRANSLATION = "translation discrepancy"
NOT_VERIFIABLE = "not verifiable"

#: Every verdict, in the order the chapter shows them.
VERDICTS = [CONSISTENT, APPROXIMATE, OVERSTATED, UNDERSTATED, INTERNAL, TRANSLATION, NOT_VERIFIABLE]

#: Severity of the numeric verdicts (higher = further from the reference).
SEVERITY = {CONSISTENT: 0, APPROXIMATE: 1, OVERSTATED: 2, UNDERSTATED: 2}


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


def compare(claim: float, reference: float, qualifier: str = "none", *, precision: float = 0.0,
            tolerance: Tolerance = DEFAULT_TOLERANCE) -> str:
    """Return the numeric verdict of ``claim`` against ``reference`` (same unit).

    * "more than X", "over X", "X-plus" (lower bounds) hold when the reference
      is at least X: consistent when ``reference >= X * (1 - consistent)``,
      approximately consistent when ``reference >= X * (1 - approximate)``,
      otherwise overstated. A reference far above the bound still satisfies it.
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
    "claim_id", "doc_id", "speaker", "quote", "number_as_written", "value", "unit", "qualifier", "period", "measure",
    "reference_id", "reference_qualifier", "reference_value", "reference_unit", "reference_item", "reference_period", "ratio", "verdict",
    "explanation", "reference_publisher", "official_publisher", "reference_title", "reference_address",
    "reference_quote", "reference_page", "cite_key", "context",
]


def _sentence(text: str) -> str:
    text = (text or "").strip()
    return text if not text or text.endswith(".") else text + "."


def reference_value(ref: pd.Series, claim_unit: str, *, baseline: pd.Series | None = None,
                    meeting_date: pd.Timestamp | None = None) -> float:
    """Return a reference figure expressed in ``claim_unit``.

    * with a ``baseline`` row of the same series: the percentage reduction
      ``100 * (1 - value / baseline)``;
    * for a dated event (``unit == "date"``): the interval from the event to
      ``meeting_date``, in the claim's time unit;
    * otherwise the value converted to the claim's unit.
    """
    if baseline is not None:
        if claim_unit != "percent":
            raise ValueError("a baseline gives a percentage change; the claim must be in percent")
        return 100.0 * (1.0 - float(ref["value"]) / float(baseline["value"]))
    if ref["unit"] == "date":
        if meeting_date is None or is_missing(ref["event_date"]):
            raise ValueError(f"{ref['reference_id']}: a dated reference needs an event date and a meeting date")
        days = (pd.Timestamp(meeting_date) - pd.Timestamp(ref["event_date"])).days
        return convert(float(days), "days", claim_unit)
    return convert(float(ref["value"]), ref["unit"], claim_unit)


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
        base = refs.loc[link.baseline_reference_id] if not is_missing(link.baseline_reference_id) else None
        try:
            value = reference_value(ref, claim.unit, baseline=base, meeting_date=meeting_date)
            shown = format_quantity(value, claim.unit)
        except ValueError:
            shown = format_quantity(float(ref["value"]), ref["unit"])
        label = ref["item"] if base is None else f"{ref['item']}, {int(base['year'])} to {int(ref['year'])}"
        parts.append(f"{ref['reference_id']}: {label}, {shown} ({ref['period']})")
    return "; ".join(parts)


def _row(claim, verdict, explanation, *, ref=None, value=None, context="", address=None) -> dict:
    row = {name: getattr(claim, name) for name in
           ["claim_id", "doc_id", "speaker", "quote", "number_as_written", "value", "unit", "qualifier", "period", "measure"]}
    row.update({
        "reference_id": ref["reference_id"] if ref is not None else None,
        "reference_qualifier": ref["qualifier"] if ref is not None else None,
        "reference_value": value,
        "reference_unit": claim.unit if value is not None else None,
        "reference_item": ref["item"] if ref is not None else None,
        "reference_period": ref["period"] if ref is not None else None,
        "ratio": float(claim.value) / value if value else None,
        "verdict": verdict,
        "explanation": explanation,
        "reference_publisher": ref["publisher"] if ref is not None else None,
        "official_publisher": ref["official_publisher"] if ref is not None else None,
        "reference_title": ref["title"] if ref is not None else None,
        "reference_address": address if address is not None else (ref["url"] if ref is not None else None),
        "reference_quote": ref["quote"] if ref is not None else None,
        "reference_page": ref["page"] if ref is not None else None,
        "cite_key": ref["cite_key"] if ref is not None else None,
        "context": context,
    })
    return row


def check_claim(claim, links: pd.DataFrame, refs: pd.DataFrame, claims: pd.DataFrame, *,
                meeting_date=None, document_address=None, tolerance: Tolerance = DEFAULT_TOLERANCE) -> dict:
    """Return the verdict row of one claim (see :func:`check` for the rules)."""
    precision = stated_precision(claim.number_as_written)
    context = _context(links, refs, claim, meeting_date)
    roles = {role: group for role, group in links.groupby("role", sort=False)}
    said = format_quantity(float(claim.value), claim.unit)
    bound = "" if claim.qualifier in ("none", "-plus") else f"{claim.qualifier} "
    if claim.qualifier == "-plus":
        said = said.replace(_number(float(claim.value)), _number(float(claim.value)) + "-plus", 1)

    # 1. Internal consistency: another number of the same text.
    for link in roles.get("internal", links.iloc[0:0]).itertuples(index=False):
        other = claims.set_index("claim_id").loc[link.other_claim_id]
        implied = convert(float(other["value"]), other["unit"], claim.unit)
        verdict = compare(float(claim.value), implied, claim.qualifier, precision=precision, tolerance=tolerance)
        if verdict != CONSISTENT:
            explanation = (f"The same text gives {format_quantity(float(other['value']), other['unit'])} "
                           f"({link.other_claim_id}), which is {format_quantity(implied, claim.unit)}; the claim of "
                           f"{said} is {float(claim.value) / implied:,.0f} times that. {_sentence(link.note)}")
            row = _row(claim, INTERNAL, explanation, value=implied, context=context,
                       address=document_address or "")
            row.update(reference_id=link.other_claim_id, reference_qualifier=other["qualifier"], reference_item=f"{other['measure']} (same text)",
                       reference_period=other["period"], reference_publisher="the same text", reference_page="same text")
            return row

    # 2. Translation: the official original of the same statement.
    original_note = ""
    for link in roles.get("original", links.iloc[0:0]).itertuples(index=False):
        ref = refs.loc[link.reference_id]
        ok, why = usable(ref)
        if not ok:
            continue
        original = reference_value(ref, claim.unit)
        if abs(float(claim.value) - original) > precision / 2 + 1e-9 * max(1.0, original):
            explanation = (f"The English text says {bound}{said}; the official original of the same statement says "
                           f"{format_quantity(original, claim.unit)} ({ref['publisher']}). {_sentence(link.note)}").strip()
            return _row(claim, TRANSLATION, explanation, ref=ref, value=original, context=context)
        original_note = (f"Matches the official original ({format_quantity(original, claim.unit)}, "
                         f"{ref['publisher']}). {_sentence(link.note)}").strip()

    # 3. An independent statistic.
    for link in roles.get("statistic", links.iloc[0:0]).itertuples(index=False):
        ref = refs.loc[link.reference_id]
        ok, why = usable(ref)
        if not ok:
            explanation = f"Not verifiable: {why} {_sentence(link.note)}".strip()
            return _row(claim, NOT_VERIFIABLE, explanation, ref=ref, context=context)
        base = refs.loc[link.baseline_reference_id] if not is_missing(link.baseline_reference_id) else None
        value = reference_value(ref, claim.unit, baseline=base, meeting_date=meeting_date)
        verdict = cap(compare(float(claim.value), value, claim.qualifier, precision=precision, tolerance=tolerance),
                      link.match)
        what = ref["item"] if base is None else f"{ref['item']}, {int(base['year'])} to {int(ref['year'])}"
        if ref["unit"] == "date":
            day = pd.Timestamp(ref["event_date"])
            what = f"{what}, {day.day} {day:%B %Y}, to the date of the meeting"
        scope = " The reference measures only approximately the same thing." if link.match == "approximate" else ""
        ref_bound = "" if ref["qualifier"] in (None, "none") else f"{ref['qualifier']} "
        explanation = (f"Claimed {bound}{said}; {what}: {ref_bound}{format_quantity(value, claim.unit)} "
                       f"(ratio {float(claim.value) / value:.3f}).{scope} {_sentence(link.note)} {original_note}").strip()
        return _row(claim, verdict, re.sub(r"\s+", " ", explanation), ref=ref, value=value, context=context)

    # 4. Nothing to check against.
    reasons = [link.note for link in roles.get("none", links.iloc[0:0]).itertuples(index=False) if link.note]
    if original_note:
        reasons.insert(0, original_note)
    explanation = "Not verifiable: " + " ".join(_sentence(r) for r in reasons) if reasons else "Not verifiable."
    return _row(claim, NOT_VERIFIABLE, re.sub(r"\s+", " ", explanation), context=context)


def check(ds, tolerance: Tolerance = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Return one row per claim: the value, the reference, the ratio and the verdict.

    Rules, applied in this order to the links of ``ds.claim_checks``:

    1. ``internal``: the claim is converted against another number of the same
       text (e.g. a per-minute rate against an annual total); a mismatch
       beyond the tolerances is *internally inconsistent*.
    2. ``original``: when the text is a translation or interpretation and the
       official original of the same statement gives another figure (beyond
       the rounding of the number as written), the verdict is *translation
       discrepancy*.
    3. ``statistic``: the verdict of :func:`compare` against the reference,
       capped by :func:`cap` when the reference measures only approximately
       the same thing. A reference that is unconfirmed or was not found makes
       the claim *not verifiable*.
    4. otherwise *not verifiable*, with the reason recorded in the link.

    ``reference_value`` is in the claim's unit and ``ratio`` is claim /
    reference. ``reference_address`` is the page read (the official page or
    the secondary copy, as ``reference_page`` says).
    """
    claims = ds.claims.sort_values("claim_id", kind="stable")
    refs = ds.reference_stats.set_index("reference_id", drop=False)
    links = ds.claim_checks
    dates = _meeting_dates(ds)
    addresses = dict(zip(ds.documents["doc_id"], ds.documents["source_url"], strict=True))
    rows = []
    for claim in claims.itertuples(index=False):
        mine = links[links["claim_id"] == claim.claim_id]
        if mine.empty:
            raise ValueError(f"claim {claim.claim_id} has no row in claim_checks")
        rows.append(check_claim(claim, mine, refs, claims, meeting_date=dates.get(claim.doc_id),
                                document_address=addresses.get(claim.doc_id) or f"corpus text {claim.doc_id}",
                                tolerance=tolerance))
    frame = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    frame["ratio"] = frame["ratio"].astype(float)
    frame["reference_value"] = frame["reference_value"].astype(float)
    return frame


# --------------------------------------------------------------------------
# Cross-source checks
# --------------------------------------------------------------------------


def repeated_figures(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims of the same measure and period made in more than one document.

    Returns one row per claim in such a group, with ``same_value`` telling
    whether all documents give the same number.
    """
    groups = claims.groupby(["measure", "period"])["doc_id"].transform("nunique")
    repeated = claims[groups > 1].copy()
    repeated["same_value"] = repeated.groupby(["measure", "period"])["value"].transform("nunique").eq(1)
    return repeated.sort_values(["measure", "doc_id"], kind="stable").reset_index(drop=True)


def linked_references(ds, claim_id: str) -> pd.DataFrame:
    """Every confirmed reference linked to a claim, with the claim / reference ratio."""
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    refs = ds.reference_stats.set_index("reference_id", drop=False)
    dates = _meeting_dates(ds)
    rows = []
    for link in ds.claim_checks[ds.claim_checks["claim_id"] == claim_id].itertuples(index=False):
        if is_missing(link.reference_id):
            continue
        ref = refs.loc[link.reference_id]
        ok, why = usable(ref)
        base = refs.loc[link.baseline_reference_id] if not is_missing(link.baseline_reference_id) else None
        value = reference_value(ref, claim["unit"], baseline=base, meeting_date=dates.get(claim["doc_id"])) if ok else None
        rows.append({"claim_id": claim_id, "role": link.role, "reference_id": ref["reference_id"], "item": ref["item"],
                     "period": ref["period"], "value": value, "unit": claim["unit"], "confirmed": bool(ref["confirmed"]),
                     "ratio": float(claim["value"]) / value if value else None, "page": ref["page"],
                     "publisher": ref["publisher"], "address": ref["url"]})
    return pd.DataFrame(rows)


def _acronym(name: str) -> str:
    """The acronym in parentheses of an agency name ("... (SSPC), Mexico" -> "SSPC"), else the name."""
    found = re.search(r"\(([^)]+)\)", name or "")
    return found.group(1) if found else name


def reduction_scenarios(ds, claim_id: str) -> pd.DataFrame:
    """Percentage reductions implied by every baseline and end year of the series a claim is checked against.

    For each series named in ``reference_stats.series`` that a link of the
    claim uses (through a baseline), every pair of years ``baseline < end``
    gives ``reduction = 100 * (1 - end / baseline)``. Linked percentage
    references without a series (e.g. a government's own metric) are added
    as single scenarios. ``after_claim`` marks figures for a year that had
    not ended when the claim was made.
    """
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    meeting_year = int(_meeting_dates(ds)[claim["doc_id"]].year)
    refs = ds.reference_stats
    links = ds.claim_checks[(ds.claim_checks["claim_id"] == claim_id) & ds.claim_checks["role"].isin(["statistic", "context"])]
    by_id = refs.set_index("reference_id", drop=False)
    series = sorted({by_id.loc[r, "series"] for r in links["reference_id"] if not is_missing(by_id.loc[r, "series"])})
    rows = []
    for name in series:
        points = refs[(refs["series"] == name) & refs["confirmed"].astype(bool)].sort_values("year", kind="stable")
        for base in points.itertuples(index=False):
            for end in points.itertuples(index=False):
                if int(end.year) <= int(base.year):
                    continue
                rows.append({"measure": name, "label": f"{name.split(' ')[0]} {int(base.year)}-{int(end.year)}",
                             "baseline_year": int(base.year), "end_year": int(end.year),
                             "baseline": float(base.value), "end": float(end.value),
                             "reduction": 100.0 * (1 - float(end.value) / float(base.value)),
                             "end_status": "preliminary" if "prelim" in end.period else "definitive",
                             "after_claim": int(end.year) >= meeting_year})
    for link in links.itertuples(index=False):
        ref = by_id.loc[link.reference_id]
        if ref["unit"] == "percent" and is_missing(ref["series"]) and usable(ref)[0]:
            rows.append({"measure": ref["item"], "label": f"{_acronym(ref['official_publisher'])}: {ref['period']}",
                         "baseline_year": None, "end_year": int(ref["year"]),
                         "baseline": None, "end": None, "reduction": float(ref["value"]),
                         "end_status": "reported", "after_claim": int(ref["year"]) >= meeting_year})
    frame = pd.DataFrame(rows)
    frame["claimed"] = float(claim["value"])
    precision = stated_precision(claim["number_as_written"])
    frame["verdict"] = [compare(float(claim["value"]), r, claim["qualifier"], precision=precision) if r > 0 else OVERSTATED
                        for r in frame["reduction"]]
    return frame

