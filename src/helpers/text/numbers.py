"""Numbers written in words ("four", "twenty-five", "two hundred and fifty") and scale words."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_DIGIT_WORD = "|".join(w for w, v in NUMBER_WORDS.items() if v < 10)
_TEENS_WORD = "|".join(w for w, v in NUMBER_WORDS.items() if 10 <= v < 20)
_TENS_WORD = "|".join(w for w, v in NUMBER_WORDS.items() if 20 <= v < 100)
_BELOW_100 = rf"(?:(?:{_TENS_WORD})(?:[-\s](?:{_DIGIT_WORD}))?|{_TEENS_WORD}|{_DIGIT_WORD})"


#: A cardinal written in words below a thousand ("four", "twenty-five", "two hundred and fifty").
WORD_NUMBER = rf"(?:(?:{_DIGIT_WORD})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100}|hundred)"


def word_value(word: str) -> float:
    """The value of a cardinal in words: "twenty-five" 25, "two hundred and fifty" 250."""
    value = 0
    for part in re.findall(r"[a-z]+", word.lower()):
        if part == "hundred":
            value = max(value, 1) * 100
        elif part != "and":
            value += NUMBER_WORDS[part]
    return float(value)
