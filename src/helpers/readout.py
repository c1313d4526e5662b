"""Infer what a readout says about itself and its meeting.

Used by :mod:`helpers.ingest` to pre-fill the ``documents`` and ``meetings``
rows of a draft. Every guess comes with the verbatim text it rests on, and
anything the text does not state is left empty for the reviewer. Known
values (cities, forums, series, publishers, administrations) are read from
the dataset, never listed in code, so a new meeting of a known forum is
recognised and a new forum is simply left to the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress, count, filterfalse

import pandas as pd

from .text import fold_word
from .text.dates import find_dates

_ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"], start=1)}
_ORDINAL = re.compile(r"\b(?P<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
                      r"\b(?P<rest>(?:\s+[\w-]+){0,4}?\s+(?:edition|meeting|dialogue|round|session))\b", re.IGNORECASE)
#: Lines at the top of a page that give its genre, mapped onto the genres of the schema.
_GENRE_WORDS = [("transcript", "transcript"), ("remarks", "transcript"), ("blog", "blog post"),
                ("read time", "blog post"), ("fact sheet", "press release"), ("joint statement", "press release"),
                ("readout", "press release"), ("media note", "press release"), ("press release", "press release")]


@dataclass(frozen=True)
class Found:
    """A value read from the text, with the line it was read from."""

    value: object
    evidence: str
    start: int


def _line_at(text: str, position: int) -> str:
    """The whole line of ``text`` around ``position`` (the evidence of a value found there)."""
    begin = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[begin:end if end != -1 else len(text)].strip()


class Lines:
    """The lines of a text, found by position: :func:`_line_at` for many positions of one text.

    The line breaks are located once and each line is stripped once, where
    :func:`_line_at` searches the text around each position: on a text of
    one long line, that was the whole text for every date it gives.
    """

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.stripped: dict[int, str] = {}

    def at(self, position: int) -> str:
        """The whole line around ``position``, stripped (what ``_line_at(text, position)`` returns)."""
        index = bisect_left(self.breaks, position)  # the first line break at or after ``position``
        if index not in self.stripped:
            begin = self.breaks[index - 1] + 1 if index else 0
            end = self.breaks[index] if index < len(self.breaks) else len(self.text)
            self.stripped[index] = self.text[begin:end].strip()
        return self.stripped[index]


def dates_in(text: str) -> list[Found]:
    """Every full date written in ``text`` ("March 23, 2010", "14 December 2017", "2020-01-16"), in order."""
    lines = Lines(text)
    return [Found(day, lines.at(start), start) for day, start, _ in find_dates(text)]


def main_date(text: str) -> Found | None:
    """The date of the readout: a date in its first three lines (a dateline), else the latest date.

    Readouts mention earlier events ("his December 5, 2019 visit"); the
    meeting they report is normally the latest date they give.
    """
    found = dates_in(text)
    if not found:
        return None
    head = len("\n".join(text.strip().split("\n")[:3]))
    early = [f for f in found if f.start <= head]
    return early[0] if early else max(found, key=lambda f: (f.value, -f.start))


def _is_dateline(line: str) -> bool:
    """A first line such as "San Felipe, Baja, Mexico": a few capitalised words and commas."""
    words = line.replace(",", " ").split()
    return "," in line and 0 < len(words) <= 6 and all(w[0].isupper() for w in words)


def title_and_dateline(text: str) -> tuple[Found | None, Found | None]:
    """The title (first line that reads as a heading) and a dateline above it, if any."""
    lines = [(m.start(), m.group().strip()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    dateline = None
    if lines and _is_dateline(lines[0][1]):
        dateline, lines = Found(lines[0][1].split(",")[0].strip(), lines[0][1], lines[0][0]), lines[1:]
    if not lines:
        return None, dateline
    start, line = lines[0]
    is_heading = (len(line) <= 200 and len(line.split()) >= 2 and not line.endswith((".", ":", ";"))
                  and not re.match(r"[A-ZÀ-Þ .'-]+:", line) and not dates_in(line))
    return (Found(line, line, start) if is_heading else None), dateline


def genre(text: str, allowed: list[str], speaker_labels: int) -> Found:
    """The genre among the schema's ``allowed`` values: a transcript has speaker labels."""
    if speaker_labels >= 2 and "transcript" in allowed:
        return Found("transcript", f"{speaker_labels} speaker labels", 0)
    head = fold_word(" ".join(text.strip().split("\n")[:5]))
    for word, kind in _GENRE_WORDS:
        if word in head and kind in allowed:
            return Found(kind, f'"{word}" near the top of the text', head.index(word))
    default = "press release" if "press release" in allowed else allowed[0]
    return Found(default, "default: no genre is stated", 0)


_TRANSLATED = re.compile(r"\b(?:translation|translated|traducci[oó]n)\b", re.IGNORECASE)
_INTERPRETED = re.compile(r"\(\s*(?:via|through an?)\s+interpreter", re.IGNORECASE)


def translation(text: str) -> Found:
    """Whether the text is a translation (said near its top) or partly interpreted (a transcript)."""
    head = "\n".join(text.strip().split("\n")[:5])
    m = _TRANSLATED.search(head)
    if m:
        return Found("translation", _line_at(head, m.start()), m.start())
    m = _INTERPRETED.search(text)
    if m:
        return Found("partly interpreted", _line_at(text, m.start()), m.start())
    return Found("original", "default: no translation or interpreter is mentioned", 0)


def publisher(text: str, documents: pd.DataFrame) -> Found | None:
    """A publisher of an earlier document whose name (before any bracket) the text contains."""
    folded = fold_word(text)
    for row in documents.sort_values("doc_id", kind="stable").itertuples(index=False):
        name = row.publisher.split(" (")[0].strip()
        position = folded.find(fold_word(name))
        if name and position != -1:
            return Found((row.publisher, row.publisher_country, row.doc_id), _line_at(text, position), position)
    return None


def doc_id(publisher_doc: str | None, year: int | None, taken: set[str]) -> str:
    """An unused document id: the publisher's prefix ("state", "sre") or "doc", and the year."""
    prefix = publisher_doc.rsplit("-", 1)[0] if publisher_doc else "doc"
    base = f"{prefix}-{year}" if year else prefix
    candidate, suffix = base, ord("b")
    while candidate in taken:
        candidate, suffix = f"{base}{chr(suffix)}", suffix + 1
    return candidate


#: Words every U.S.-Mexico readout shares, which say nothing about the series.
_PARTY_WORDS = frozenset({"u", "s", "us", "united", "states", "mexico", "mexican", "american", "the", "of", "and"})


def _words(text: str) -> list[str]:
    # fold_word is strip_accents and casefold, cached: the text is folded once for the publisher and city too.
    # The party words are dropped by filterfalse, in C: a long text has a million words.
    return list(filterfalse(_PARTY_WORDS.__contains__, re.findall(r"[a-z0-9]+", fold_word(text))))


def word_places(words: list[str], wanted: set[str] | None = None) -> dict[str, list[int]]:
    """Where each word (of ``wanted``, default all) stands in ``words``, in order."""
    places: dict[str, list[int]] = {}
    # The places of the wanted words are picked in C (compress), then only they are visited.
    indexes = range(len(words)) if wanted is None else compress(count(), map(wanted.__contains__, words))
    for index in indexes:
        places.setdefault(words[index], []).append(index)
    return places


def _shared_run(a: list[str], b: list[str], places: dict[str, list[int]] | None = None) -> int:
    """Length of the longest run of words shared by ``a`` and ``b``.

    A run can only go on where a word of ``a`` stands in ``b``, so only
    those places are visited (``places``: :func:`word_places` of ``b``,
    built once for several ``a``), not every word of ``b`` for every word
    of ``a``: the short forum names are compared with a whole long text.
    """
    places = word_places(b, set(a)) if places is None else places
    best, previous = 0, {}
    for x in a:
        # Run ending at word j of b: one more than the run ending at j - 1 with the previous word of a.
        current = {j: previous.get(j - 1, 0) + 1 for j in places.get(x, ())}
        best = max(best, *current.values()) if current else best
        previous = current
    return best


def series(text: str, meetings: pd.DataFrame, minimum: int = 3) -> Found | None:
    """The series whose forum name shares the longest run of words (at least ``minimum``) with the text."""
    words = _words(text)
    forums = {forum: _words(forum) for forum in meetings["forum"]}
    places = word_places(words, {w for forum_words in forums.values() for w in forum_words})
    scored = []
    for row in meetings.sort_values(["date", "meeting_id"], kind="stable").itertuples(index=False):
        run = _shared_run(forums[row.forum], words, places)
        if run >= minimum:
            scored.append((run, row.date, row.series_id, row.forum, row.meeting_id))
    if not scored:
        return None
    run, _, series_id, forum, meeting_id = max(scored)
    return Found((series_id, forum, meeting_id.rsplit("-", 1)[0]), f"{run} words of the forum name of {meeting_id}", 0)


def series_number(text: str) -> Found | None:
    """An ordinal before "edition", "meeting", "dialogue"... ("the third edition of ...")."""
    m = _ORDINAL.search(text)
    if not m:
        return None
    word = m.group("n").lower()
    number = _ORDINALS.get(word) or int(re.match(r"\d+", word).group())
    return Found(number, _line_at(text, m.start()), m.start())


def city(text: str, meetings: pd.DataFrame, dateline: Found | None) -> Found | None:
    """The city of the dateline, else the first city of an earlier meeting named in the text."""
    if dateline is not None:
        return dateline
    folded = fold_word(text)
    found = [(folded.find(fold_word(c)), c) for c in sorted(set(meetings["city"])) if fold_word(c) in folded]
    if not found:
        return None
    position, name = min(found)
    return Found(name, _line_at(text, position), position)


def administrations(day: dt.date | None, meetings: pd.DataFrame) -> dict[str, str | None]:
    """The U.S. and Mexican administrations, when the meetings just before and after ``day`` agree."""
    out: dict[str, str | None] = {"us_administration": None, "mx_administration": None}
    if day is None or meetings.empty:
        return out
    stamp = pd.Timestamp(day)
    ordered = meetings.sort_values("date", kind="stable")
    before, after = ordered[ordered["date"] <= stamp], ordered[ordered["date"] >= stamp]
    for column in out:
        sides = [frame.iloc[-1 if frame is before else 0][column] for frame in (before, after) if not frame.empty]
        # One side only (a meeting after the last one known) proves nothing about a change of government.
        if len(sides) == 2 and sides[0] == sides[1]:
            out[column] = sides[0]
    return out
