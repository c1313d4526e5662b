"""Dates written in a text: "March 23, 2010", "14 December 2017", "2020-01-16"."""

from __future__ import annotations

import datetime as dt
import re

_FULL = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
#: Month names and their abbreviations (lower case) -> month number.
MONTHS = {name: number for number, name in enumerate(_FULL, start=1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
#: The month names as a pattern (capitalised, full names first so that "June" is not read as "Jun").
MONTH_NAMES = "|".join(
    [m.capitalize() for m in _FULL] + sorted((m.capitalize() for m in MONTHS if m not in _FULL), key=lambda m: -len(m))
)
_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
#: What every full date holds: a year of the 1900s or 2000s.
A_YEAR = re.compile(r"(?:19|20)\d{2}")

DATE_PATTERNS = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})(?!\d)"),
    # "No digit before" is tested after the first digit ((?<!\d\d)), so that the pattern starts with a
    # digit and the engine skips to the digits of a long text instead of trying every position.
    re.compile(r"(?P<day>\d(?<!\d\d)\d?)\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})(?!\d)"),
    # An ISO date inside a name ("image_2020-01-16_at.jpeg", "/2020-01-16/") is part of an identifier.
    re.compile(r"(?P<year>(?:19|20)(?<![\w/]\d\d)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w/])"),
]


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full date written in ``text``: (date, start, end), in order; impossible dates are skipped."""
    if not A_YEAR.search(text):  # every pattern has one; most sentences have none
        return []
    found = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m.group("month")
            month = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            try:
                day = dt.date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                continue
            found.append((day, m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])
