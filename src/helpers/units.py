"""Units of the quantities the texts state, and conversion between them.

Counts of different things are different dimensions (deaths never compare
with countries); mass, money, length, time and percentages have a base unit
each. Used by the drafting command (a counted noun becomes a claim's unit)
and by the verdicts of :mod:`helpers.claims`.
"""

from __future__ import annotations

import re

#: Minutes in a (365-day) year, used for rates "per minute" vs "per year".
MINUTES_PER_YEAR = 365 * 24 * 60


#: Days in an average year and month, used for durations.
DAYS_PER_YEAR = 365.25


DAYS_PER_MONTH = DAYS_PER_YEAR / 12


#: unit -> (dimension, factor to the dimension's base unit). Counts of
#: different things are different dimensions: deaths never compare with
#: countries. "tons" in the interpreted English stands for "toneladas"
#: (metric tonnes).
UNITS: dict[str, tuple[str, float]] = {
    "kg": ("mass", 1.0),
    "kilograms": ("mass", 1.0),
    "tonnes": ("mass", 1000.0),
    "tons": ("mass", 1000.0),
    "t": ("mass", 1000.0),
    "pounds": ("mass", 0.45359237),
    "USD": ("money", 1.0),
    "USD per year": ("money per time", 1.0),
    "USD per day": ("money per time", 365.0),
    "USD per minute": ("money per time", float(MINUTES_PER_YEAR)),
    "km": ("length", 1.0),
    "kilometers": ("length", 1.0),
    "miles": ("length", 1.609344),
    "days": ("time", 1.0),
    "weeks": ("time", 7.0),
    "months": ("time", DAYS_PER_MONTH),
    "years": ("time", DAYS_PER_YEAR),
    "minutes": ("time", 1 / 1440),
    "hours": ("time", 1 / 24),
    "percent": ("percent", 1.0),
}


#: Base unit of each dimension (what :func:`to_base` returns).
BASE_UNITS = {
    "mass": "kg",
    "money": "USD",
    "money per time": "USD per year",
    "length": "km",
    "time": "days",
    "percent": "percent",
}


#: Count nouns: each is its own dimension with factor 1.
COUNT_UNITS = ["deaths", "persons", "agencies", "laboratories", "firearms", "countries", "jobs", "areas"]
for _noun in COUNT_UNITS:
    UNITS[_noun] = (_noun, 1.0)
    BASE_UNITS[_noun] = _noun


#: A count noun: what a number of things counts ("officers", "pills", "arrest warrants").
COUNT_NOUN = re.compile(r"[A-Za-z][A-Za-z' -]*[a-z]")


def dimension(unit: str) -> str:
    """Return the dimension of ``unit`` (``mass``, ``money``, ``time``...); a count noun is its own.

    Counts of different things never compare: "pills" is a dimension of its own, as "deaths" is.
    """
    if unit in UNITS:
        return UNITS[unit][0]
    if isinstance(unit, str) and COUNT_NOUN.fullmatch(unit):
        return unit
    raise ValueError(f"unknown unit {unit!r}: a unit of {sorted(UNITS)} or a count noun in lower case")


def to_base(value: float, unit: str) -> tuple[float, str]:
    """Return ``value`` in the base unit of its dimension, and that unit.

    >>> to_base(7.4, "tonnes")
    (7400.0, 'kg')
    """
    kind, factor = UNITS[unit] if unit in UNITS else (dimension(unit), 1.0)
    return value * factor, BASE_UNITS.get(kind, kind)


def from_base(value: float, unit: str) -> float:
    """Inverse of :func:`to_base`: express a base-unit ``value`` in ``unit``."""
    dimension(unit)
    return value / (UNITS[unit][1] if unit in UNITS else 1.0)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert ``value`` between two units of the same dimension.

    Raises ``ValueError`` across dimensions (e.g. deaths to countries).
    """
    if dimension(from_unit) != dimension(to_unit):
        raise ValueError(f"cannot convert {from_unit!r} ({dimension(from_unit)}) to {to_unit!r} ({dimension(to_unit)})")
    base, _ = to_base(value, from_unit)
    return from_base(base, to_unit)
