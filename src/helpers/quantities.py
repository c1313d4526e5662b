"""Find the quantities a text states: candidate numeric claims.

Numbers in digits ("64,000", "7.4", "$855 billion", "17 percent",
"100-plus") and cardinal number words ("four", "three weeks"), with the
qualifier in front ("more than", "about") and the unit after. Dates, years,
ordinals, identifiers and references to the two parties are not
quantities. Used by the drafting command (candidates for review) and by
the claims chapter (to check that every curated claim is found).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .text.dates import MONTH_NAMES
from .text.numbers import NUMBER_WORDS, SCALES, WORD_NUMBER, word_value

_UNIT_WORDS = {
    "tons": "tonnes",
    "tonnes": "tonnes",
    "kilograms": "kg",
    "kg": "kg",
    "kilometers": "km",
    "km": "km",
    "miles": "miles",
    "minutes": "minutes",
    "weeks": "weeks",
    "months": "months",
    "years": "years",
    "days": "days",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
}
_QUALIFIER_WORDS = [
    ("more than", "more than"),
    ("over", "over"),
    ("about", "about"),
    ("nearly", "nearly"),
    ("almost", "almost"),
    ("at least", "at least"),
    # Other ways to say "about" ("some 3,000 firearms").
    ("some", "about"),
    ("approximately", "about"),
    ("around", "about"),
    ("roughly", "about"),
]


#: Each qualifier as the words that end the text before a number (compiled once: read for every number).
_QUALIFIER_BEFORE = [(re.compile(rf"\b{phrase}\s*$", re.IGNORECASE), name) for phrase, name in _QUALIFIER_WORDS]
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = "|".join(SCALES)
_UNIT = r"tons|tonnes|kilograms|kg|kilometers|km|miles|minutes|weeks|months|years|days|percent|per cent|%"
_PATTERN = re.compile(
    rf"(?P<dollar>\$\s?)?"
    rf"(?:(?P<num>{_NUM})|(?P<word>\b{WORD_NUMBER}\b))"
    rf"(?P<plus>-plus)?"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"(?:\s?(?P<unit>{_UNIT}))?",
    re.IGNORECASE,
)


def _case_variants(letters: str) -> str:
    """``letters`` and every character a case-insensitive pattern takes for one of them ("S", "ſ" for "s").

    Only the Basic Multilingual Plane is read: no character beyond it folds to a Latin letter.
    """
    same = re.compile(f"[{re.escape(letters)}]", re.IGNORECASE).fullmatch
    return "".join(ch for ch in map(chr, range(0x10000)) if same(ch))


#: Where a match of ``_PATTERN`` can start: a dollar sign, a digit, or the first letter of a
#: number word at the start of a word, followed by the next two letters of one (in any case, as
#: ``_PATTERN`` reads them). The pattern starts with a character class, so the engine skips to
#: those characters; ``_PATTERN`` itself (which starts with an optional group) tried every
#: position of the text.
_QUANTITY_START = re.compile(
    r"[$\d" + re.escape(_case_variants("".join(sorted({w[0] for w in NUMBER_WORDS})))) + r"]"
    r"(?:(?<=[$\d])|(?<!\w.)(?i:"
    + "|".join(f"(?<={re.escape(p[0])})(?={re.escape(p[1:])})" for p in sorted({w[:3] for w in NUMBER_WORDS}))
    + "))"
)


#: What excludes a number (compiled once: read for every number of a long text): more digits after a
#: dot (an identifier), an ordinal suffix, a year.
_DECIMAL_AFTER, _ORDINAL_SUFFIX, _YEAR = (
    re.compile(r"\.\d"),
    re.compile(r"(?:st|nd|rd|th)\b"),
    re.compile(r"(19|20)\d\d"),
)


#: Party references ("the two countries", "both nations") name the parties, not a quantity.
_PARTY = re.compile(r"^\s*(?:countries|nations|governments|sides|delegations|presidents|peoples)\b", re.IGNORECASE)
#: A section label before a number ("GOAL 1", "Pillar 2", "Section 3"): a name, not a quantity.
_LABEL_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,}|\b(?:Goal|Pillar|Phase|Section|Article|Chapter|Item|Step|Annex|Part|"
    r"Objective|Priority|Point|Line|Title|Appendix|Table|Figure|No\.?|Number))\s*$"
)
#: A determiner before a small number refers back to a set already named ("the three leaders",
#: "all three goals", "these two agencies"): a reference, not a statement of quantity.
_REFERENTIAL_BEFORE = re.compile(r"\b(?:the|these|those|our|their|its|his|her|all|both|each of the)\s+$", re.IGNORECASE)
#: Below this a number after a determiner is a reference; a statistic is rarely so small.
REFERENTIAL_BELOW = 20
_DATE_BEFORE = re.compile(rf"(?:{MONTH_NAMES})\.?\s*$")
_DATE_AFTER = re.compile(rf"^\s+(?:{MONTH_NAMES})\b")


@dataclass(frozen=True)
class Candidate:
    """One candidate quantity found in a text."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str
    precision: float


def _precision(number: str, scale: float) -> float:
    """Half of the implied rounding unit is tolerated; return the unit.

    "7.4" -> 0.1; "64,000" -> 1000; "855" -> 1; "80" -> 10; times ``scale``.
    """
    digits = number.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1]) * scale
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    return 10.0**zeros * scale


def _quantity_matches(text: str):
    """The matches of ``_PATTERN`` in ``text``, as ``_PATTERN.finditer(text)`` gives them.

    ``_PATTERN`` is tried only where a match can start (``_QUANTITY_START``),
    left to right, and after a match only from its end.
    """
    end = 0
    for start in _QUANTITY_START.finditer(text):
        if start.start() >= end and (match := _PATTERN.match(text, start.start())):
            end = match.end()
            yield match


def extract_quantities(text: str) -> list[Candidate]:
    """Return candidate quantities in ``text``, in order of appearance.

    Finds numbers in digits ("64,000", "7.4", "$855 billion", "17 percent",
    "100-plus") and cardinal number words ("four", "three weeks"), with the
    qualifier in front ("more than", "over", "about", "nearly") or the
    suffix "-plus". Excluded by rule:

    * years and dates: four-digit numbers from 1900 to 2099 without a thousands
      separator, and day numbers next to a month name ("December 14",
      "9 September");
    * ordinals ("21st", "second", "third": word ordinals are never matched);
    * identifiers: digits glued to letters, slashes, underscores or other
      digits by dots ("3.59.02", "556990/");
    * party references ("the two countries", "both nations") and the pronoun
      "one" unless a unit follows;
    * section labels ("GOAL 1", "Pillar 2") and references back to a set
      already named: a small number after a determiner ("the three
      leaders", "all three goals").
    """
    found: list[Candidate] = []
    for match in _quantity_matches(text):
        start, end = match.span()
        before, after = text[max(0, start - 12) : start], text[end : end + 20]
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_/.-"):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] in "_/") or _DECIMAL_AFTER.match(after):
            continue
        if _ORDINAL_SUFFIX.match(after):
            continue
        number, word = match.group("num"), match.group("word")
        scale = SCALES[match.group("scale").lower()] if match.group("scale") else 1.0
        unit_word = (match.group("unit") or "").lower()
        if not match.group("dollar") and _LABEL_BEFORE.search(before):
            continue
        small = (float(number.replace(",", "")) if number is not None else word_value(word)) * scale < REFERENTIAL_BELOW
        if small and not match.group("dollar") and not unit_word and _REFERENTIAL_BEFORE.search(before):
            continue
        if number is not None:
            plain = number.replace(",", "")
            if _YEAR.fullmatch(number) and not match.group("dollar") and not unit_word and not match.group("plus"):
                continue
            if (_DATE_BEFORE.search(before) or _DATE_AFTER.match(after)) and not match.group("dollar"):
                continue
            value = float(plain) * scale
            precision = _precision(number, scale)
        else:
            if (word.lower() == "two" and _PARTY.match(after)) or (word.lower() == "one" and not unit_word):
                continue
            value = word_value(word) * scale
            precision = scale
        if match.group("dollar"):
            unit = "USD"
        else:
            unit = _UNIT_WORDS.get(unit_word, "")
        qualifier = "-plus" if match.group("plus") else "none"
        for pattern, name in _QUALIFIER_BEFORE:
            if pattern.search(before):
                qualifier = name
        found.append(Candidate(start, end, match.group(0).strip(), value, unit, qualifier, precision))
    return found


def stated_precision(number_as_written: str) -> float:
    """Return the rounding unit implied by a number as written (in its own unit)."""
    candidates = extract_quantities(number_as_written)
    return candidates[0].precision if candidates else 0.0


def recall(claims: pd.DataFrame) -> tuple[int, int, list[str]]:
    """How many curated claims :func:`extract_quantities` finds in their own quote.

    A claim is found when a candidate in its quote has the claim's value.
    Returns (found, total, ids of the claims missed).
    """
    missed = []
    for row in claims.itertuples(index=False):
        values = [c.value for c in extract_quantities(row.quote)]
        if not any(math.isclose(v, float(row.value), rel_tol=1e-9) for v in values):
            missed.append(row.claim_id)
    return len(claims) - len(missed), len(claims), missed
