"""Split a text into sentences, each a verbatim span of it.

One set of abbreviations serves every module that reads sentences or names
(the drafting command, the theme coding).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter

#: Abbreviations (lower case, without the final full stop) after which a full
#: stop does not end a sentence. Multi-letter abbreviations with inner stops
#: ("U.S.", "D.C.", "U.N.") and single initials ("J.") are recognised by
#: pattern; "No." is an abbreviation only before a number.
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "adm",
        "lt",
        "col",
        "capt",
        "cmdr",
        "maj",
        "sgt",
        "gov",
        "sen",
        "rep",
        "amb",
        "sec",
        "pres",
        "hon",
        "rev",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "vs",
        "etc",
        "approx",
        "dept",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "art",
        "para",
        "fig",
        "vol",
    }
)
_BEFORE_NUMBER = frozenset({"no", "nos", "art", "para", "p", "pp", "vol"})
#: Words that, after "U.S." or "D.C.", show that the abbreviation also ends
#: the sentence ("... in Washington, D.C. At the meeting ...").
SENTENCE_STARTERS = frozenset(
    {
        "a",
        "after",
        "an",
        "and",
        "as",
        "at",
        "before",
        "but",
        "during",
        "he",
        "her",
        "his",
        "i",
        "in",
        "it",
        "its",
        "on",
        "our",
        "she",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "today",
        "we",
    }
)
_INNER_STOPS = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # U.S. / D.C. / e.g.
_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")  # Antony J.
_LAST_WORD = re.compile(r"([A-Za-z]+)\.$")
_NEXT_WORD = re.compile(r"[\"']?([A-Za-z]+)")
#: How many characters around a full stop the abbreviation rules read. Each
#: rule is decided by a few of them (an initial: 3; "U.S.": 4 and the one
#: before; the longest abbreviation or sentence opener: 7 letters), so a
#: window this wide answers as the whole line would, and splitting stays
#: linear in the length of a line (reading the whole line prefix at every
#: full stop made a long line quadratic).
ABBREVIATION_WINDOW = 32
#: A candidate boundary: end punctuation, optional closing quotes/brackets,
#: white space (no line break), then what can start a sentence.
_CANDIDATE = re.compile(r"[.!?]+[\"')\]]*[ \t]+(?=[\"']?[A-Z0-9\u00C0-\u00DE$])")


def sentences(text: str) -> list[tuple[int, int, str]]:
    """Split ``text`` into sentences; return ``(start, end, sentence)`` triples.

    Each sentence is ``text[start:end]``, stripped of surrounding white
    space, so it is always a verbatim substring of ``text``. A line break
    ends a sentence (paragraphs, headlines and speaker turns are one per
    line in the cleaned texts); so does ``.``, ``!`` or ``?`` followed by
    white space and a capital, digit or opening quote, unless the full stop
    belongs to an abbreviation ("U.S.", "D.C.", "Dr.", "Gen.", "Adm.",
    "Mr.", "No. 5") or an initial ("Antony J. Blinken"). An abbreviation
    with inner stops ("U.S.", "D.C.") does end the sentence when the next
    word is a typical sentence opener (:data:`SENTENCE_STARTERS`).
    """
    global _LAST
    if _LAST is not None and _LAST[0] is text:
        return list(_LAST[1])
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for candidate in _CANDIDATE.finditer(line):
            stop = candidate.start()
            if line[stop] == "." and _is_abbreviation(line, stop + 1, candidate.end()):
                continue
            end = candidate.end()
            _append(spans, line, offset, start, end)
            start = end
        _append(spans, line, offset, start, len(line))
        offset += len(line) + 1
    _LAST = (text, tuple(spans))
    return spans


#: The last text split and its sentences: a draft splits one text for its people, its dates and its
#: claims, and a text of megabytes takes a second each time. Kept by identity, so that no other
#: text can match it, and handed out as a new list, so that no caller can change it.
_LAST: tuple[str, tuple[tuple[int, int, str], ...]] | None = None


def _is_abbreviation(line: str, end: int, following: int) -> bool:
    """Tell whether the full stop ending ``line[:end]`` belongs to an abbreviation.

    ``following`` is where the next word starts. Only
    :data:`ABBREVIATION_WINDOW` characters on either side are read: the
    patterns are searched with ``pos``/``endpos`` rather than on slices, so
    ``\\b`` and ``^`` still see the real line around the window.
    """
    window = max(0, end - ABBREVIATION_WINDOW)
    if _INNER_STOPS.search(line, window, end):
        next_word = _NEXT_WORD.match(line, following, following + ABBREVIATION_WINDOW)
        return not (next_word and next_word.group(1).lower() in SENTENCE_STARTERS)
    if _INITIAL.search(line, window, end):
        return True
    # A word cut by the window is longer than any abbreviation, as is the whole word.
    word = _LAST_WORD.search(line, window, end)
    if not word:
        return False
    token = word.group(1).lower()
    if token in _BEFORE_NUMBER and line[following : following + 1].isdigit():
        return True
    return token in ABBREVIATIONS


def sentence_at(spans: list[tuple[int, int, str]], position: int) -> tuple[int, int, str] | None:
    """The span of ``spans`` (from :func:`sentences`) that holds offset ``position``, or None.

    The spans are in text order and do not overlap, so only the last one
    starting at or before ``position`` can hold it: a binary search, where
    a scan of every sentence per lookup made drafting quadratic.
    """
    index = bisect_right(spans, position, key=itemgetter(0)) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return None


def _append(spans, line, offset, start, end) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        begin = offset + start + lead
        spans.append((begin, begin + len(stripped), stripped))


_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


def is_abbreviation(word: str) -> bool:
    """Whether the full stop after ``word`` belongs to it: "Dr", "Gen", "Sen", "U.S", "D.C" (given without
    their last stop)."""
    folded = word.lower()
    return folded in ABBREVIATIONS or bool(_DOTTED.fullmatch(folded))
