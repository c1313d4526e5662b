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


# --------------------------------------------------------------------------
# What the chapter prints and quotes
# --------------------------------------------------------------------------


def inventory(ds) -> pd.DataFrame:
    """Claims per text by kind of quantity, with their total (texts in order of publication, none left out)."""
    order = ds.documents.sort_values(["publication_date", "doc_id"])["doc_id"]
    per_doc = (ds.claims.pivot_table(index="doc_id", columns="kind", values="claim_id", aggfunc="count", fill_value=0)
               .reindex(order, fill_value=0))
    per_doc["claims"] = per_doc.sum(axis=1)
    per_doc = per_doc.reset_index()
    per_doc.columns.name = None
    return per_doc


def extra_candidates(ds) -> int:
    """Quantities :func:`helpers.quantities.extract_quantities` finds in the cleaned texts that are not curated claims.

    A candidate is curated when a claim of the same text has its value.
    """
    extra = 0
    for doc_id in ds.documents["doc_id"]:
        curated = ds.claims.loc[ds.claims["doc_id"] == doc_id, "value"].astype(float).tolist()
        extra += sum(not any(abs(c.value - v) < 1e-9 * max(1.0, v) for v in curated)
                     for c in quantities.extract_quantities(ds.text(doc_id)))
    return extra


def inventory_facts(ds, per_doc: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about the claims table and the extractor.

    ``per_doc`` is :func:`inventory`. Claims in all, curated claims the
    extractor finds in their quotes (count and per cent), other candidates in
    the texts, texts without a claim, and the text with most claims with its
    share of all.
    """
    found, total, _ = quantities.recall(ds.claims)
    return {
        "n": len(ds.claims),
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
    """Reference rows: in all, unconfirmed, and confirmed ones read on the official page or in a secondary copy."""
    confirmed = refs["confirmed"].astype(bool)
    return {
        "n_refs": len(refs),
        "n_refs_unconfirmed": int((~confirmed).sum()),
        "n_refs_official": int((confirmed & (refs["page"] == "official publication")).sum()),
        "n_refs_secondary": int((confirmed & (refs["page"] == "secondary copy")).sum()),
    }


#: Short names of the verdicts in the keys of :func:`verdict_facts`.
VERDICT_KEYS = {CONSISTENT: "consistent", APPROXIMATE: "approx", OVERSTATED: "over", UNDERSTATED: "under",
                INTERNAL: "internal", TRANSLATION: "translation", NOT_VERIFIABLE: "nv"}


def verdict_facts(checked: pd.DataFrame) -> dict:
    """Claims per verdict (``n_consistent``, ``n_approx``... ``n_nv``) and the checkable ones (``n_checked``).

    ``checked`` is :func:`check`; a checkable claim has a verdict other than
    not verifiable.
    """
    counts = checked["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
    facts = {f"n_{VERDICT_KEYS[verdict]}": int(counts[verdict]) for verdict in VERDICTS}
    facts["n_checked"] = int(len(checked) - counts[NOT_VERIFIABLE])
    return facts


def outlier_facts(checked: pd.DataFrame) -> dict:
    """The outliers the chapter names: the internal inconsistency, the "-plus" bound, the translated tonnage.

    ``internal_ratio``: the largest claim / figure ratio of an internally
    inconsistent claim (formatted); ``coalition_ref``: the reference of the
    first "X-plus" claim; ``cocaine_excess``: the largest excess, in tonnes,
    of a translated figure over the official original.
    """
    internal = checked[checked["verdict"] == INTERNAL]
    plus = checked[checked["qualifier"] == "-plus"]
    translation = checked[(checked["verdict"] == TRANSLATION) & checked["unit"].isin(["tonnes"])]
    return {
        "internal_ratio": f"{internal['ratio'].max():,.0f}",
        "coalition_ref": int(plus["reference_value"].iloc[0]),
        "cocaine_excess": int(round((translation["value"] - translation["reference_value"]).max())),
    }


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


def verdict_table(checked: pd.DataFrame, ds) -> pd.DataFrame:
    """:func:`check` as the chapter prints it: one row per claim, with the speaker's name and the page read.

    Columns: claim (its id, carrying the anchor :func:`claim_anchor` on the
    page), text, speaker, quote, claimed (qualifier, value, unit),
    reference (in the claim's unit), ratio, verdict, reason, and source (the
    address of the page and whether it is the official publication or a
    secondary copy; the text's address for an internal check).
    """
    names = ds.people.set_index("person_id")["name"]
    return pd.DataFrame({
        "claim": [Anchor(c, claim_anchor(c)) for c in checked["claim_id"]],
        "text": checked["doc_id"],
        "speaker": checked["speaker"].map(names).fillna(""),
        "quote": checked["quote"],
        "claimed": [_claimed(r) for r in checked.itertuples()],
        "reference": [_reference_text(q, v, u) for q, v, u in
                      zip(checked["reference_qualifier"], checked["reference_value"], checked["unit"],
                          strict=True)],
        "ratio": checked["ratio"].map(_ratio_text),
        "verdict": checked["verdict"],
        "reason": checked["explanation"],
        "source": [f"{a} ({p})" if isinstance(a, str) and a.startswith("http") else (a or "")
                   for a, p in zip(checked["reference_address"], checked["reference_page"], strict=True)],
    })


#: The columns of :func:`ratio_points` exported with the ratio figure.
RATIO_FIGURE_COLUMNS = ["claim_id", "measure", "value", "unit", "reference_value", "ratio", "verdict",
                        "reference_address"]


def ratio_points(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims that have a ratio to a reference, from the lowest ratio to the highest (then by claim)."""
    plotted = checked[checked["ratio"].notna()].sort_values(["ratio", "claim_id"], kind="stable")
    return plotted.reset_index(drop=True)


def repeated_figure_references(ds) -> pd.DataFrame:
    """Every reference linked to a figure repeated in more than one text (:func:`repeated_figures`).

    One row per claim and reference: the claim, its text and quote, the
    reference's role, item and period, its value in the claim's unit (or
    "not used (unconfirmed)"), the ratio claim / reference and the address.
    """
    repeated = repeated_figures(ds.claims).set_index("claim_id")
    rows = []
    for claim_id in repeated.index:
        for r in linked_references(ds, claim_id).itertuples():
            rows.append({"claim": claim_id, "reference_id": r.reference_id, "text": repeated.loc[claim_id, "doc_id"],
                         "quote": repeated.loc[claim_id, "quote"], "role": r.role,
                         "reference": r.item, "period": r.period,
                         "value": format_quantity(r.value, r.unit) if pd.notna(r.value) else "not used (unconfirmed)",
                         "ratio": f"{r.ratio:.3f}" if pd.notna(r.ratio) else "",
                         "address": r.address if isinstance(r.address, str) else ""})
    return pd.DataFrame(rows)


def repeated_figure_facts(ds, references: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about the first repeated figure (the overdose count).

    ``references`` is :func:`repeated_figure_references`. The claimed value,
    the final count (a final, unrounded figure), the lowest and highest
    unconfirmed figures (never used), and by how many per cent the
    preliminary count exceeded the final one.
    """
    repeated = repeated_figures(ds.claims)
    linked = linked_references(ds, repeated["claim_id"].iloc[0])
    usable_refs = linked[linked["value"].notna()]
    final = usable_refs[usable_refs["period"].str.contains("final") & ~usable_refs["item"].str.contains("rounded")]
    prelim = usable_refs[usable_refs["period"].str.contains("provisional|preliminary")]
    refs = ds.reference_stats
    unconfirmed = refs[refs["reference_id"].isin(references["reference_id"])
                       & ~refs["confirmed"].astype(bool) & refs["value"].notna()]
    return {
        "od_value": f"{repeated['value'].iloc[0]:,.0f}",
        "od_final": f"{final['value'].iloc[0]:,.0f}",
        "od_unconfirmed_low": f"{unconfirmed['value'].min():,.0f}",
        "od_unconfirmed_high": f"{unconfirmed['value'].max():,.0f}",
        "od_revision": 100 * (prelim["value"].iloc[0] / final["value"].iloc[0] - 1),
    }


def baseline_claim(ds) -> str:
    """The first claim checked against a change from a baseline year (the homicide reduction)."""
    with_baseline = ds.claim_checks[ds.claim_checks["baseline_reference_id"].notna()]
    return with_baseline["claim_id"].iloc[0]


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
        lambda y: y.isin(sorted(y.dropna().unique())[:2]))
    shown = scenarios[scenarios["baseline_year"].isna()
                      | (first_years.astype(bool) & (scenarios["end_year"] >= year - 1))].copy()
    return shown.sort_values(["reduction", "label"], kind="stable").reset_index(drop=True)


def scenario_series(ds, scenarios: pd.DataFrame) -> pd.DataFrame:
    """The confirmed reference rows of the series the scenarios are computed from."""
    refs = ds.reference_stats
    names = sorted(s for s in refs["series"].dropna().unique() if s in set(scenarios["measure"]))
    return refs[refs["series"].isin(names) & refs["confirmed"].astype(bool)]


def reduction_facts(ds, checked: pd.DataFrame, claim_id: str, scenarios: pd.DataFrame,
                    shown: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about a claimed reduction (``hom_*``).

    The verdict's reference reduction and its baseline and end years, the
    claimed reduction, the year of the meeting, SESNSP's reduction from its
    first year to the year before the meeting, INEGI's from its first year to
    the meeting's year, the government's own metric, and how many of the
    ``shown`` scenarios are consistent or approximately so.
    """
    year = meeting_year(ds, claim_id)
    links = ds.claim_checks
    link = links[(links["claim_id"] == claim_id) & (links["role"] == "statistic")
                 & links["baseline_reference_id"].notna()].iloc[0]
    by_id = ds.reference_stats.set_index("reference_id")
    sesnsp = scenarios[scenarios["measure"].str.startswith("SESNSP") & (scenarios["end_year"] == year - 1)]
    inegi_after = scenarios[scenarios["measure"].str.startswith("INEGI") & (scenarios["end_year"] == year)]
    return {
        "hom_reference": float(checked.set_index("claim_id").loc[claim_id, "reference_value"]),
        "hom_base_year": int(by_id.loc[link["baseline_reference_id"], "year"]),
        "hom_end_year": int(by_id.loc[link["reference_id"], "year"]),
        "hom_claim": float(ds.claims.set_index("claim_id").loc[claim_id, "value"]),
        "hom_meeting_year": year,
        "hom_sesnsp_last": float(sesnsp.sort_values("baseline_year")["reduction"].iloc[0]),
        "hom_sesnsp_base": int(sesnsp["baseline_year"].min()),
        "hom_inegi_after": float(inegi_after.sort_values("baseline_year")["reduction"].iloc[0]),
        "hom_daily": float(scenarios.loc[scenarios["baseline_year"].isna(), "reduction"].iloc[0]),
        "hom_n_scenarios": len(shown),
        "hom_n_ok": int(shown["verdict"].isin([CONSISTENT, APPROXIMATE]).sum()),
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
