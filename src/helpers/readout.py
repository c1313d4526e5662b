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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress, count, filterfalse
from typing import NamedTuple

import pandas as pd

from .text import fold_word, markdown, normalise, sentences
from .text.dates import A_YEAR, MONTH_NAMES, MONTHS, find_dates
from .text.scan import any_word

_ORDINALS = {
    w: i
    for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"], start=1
    )
}
_ORDINAL = re.compile(
    r"\b(?P<n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
    r"\b(?P<rest>(?:\s+[\w-]+){0,4}?\s+(?:edition|meeting|dialogue|round|session))\b",
    re.IGNORECASE,
)
#: Lines at the top of a page that give its genre, mapped onto the genres of the schema.
#: Words at the top of a page (or in its title) that give its genre, with the schema's genres they
#: map to, most specific first: a schema without "fact sheet" files one as a press release.
_GENRE_WORDS = [
    ("transcript", ["transcript"]),
    ("press call", ["transcript"]),
    ("remarks", ["transcript"]),
    ("blog", ["blog post"]),
    ("read time", ["blog post"]),
    ("fact sheet", ["fact sheet", "press release"]),
    ("joint statement", ["joint statement", "press release"]),
    ("joint communique", ["joint statement", "press release"]),
    ("readout", ["readout", "press release"]),
    ("media note", ["press release"]),
    ("press release", ["press release"]),
]


@dataclass(frozen=True)
class Found:
    """A value read from the text, with the line (or sentence) it was read from.

    ``status`` says whether the text states the value (``stated``) or it was
    worked out (``inferred``: "yesterday" from the publication date, say);
    ``confidence`` (high, medium, low) how sure the rule is: anything below
    high becomes a todo of the draft.
    """

    value: object
    evidence: str
    start: int
    status: str = "stated"
    confidence: str = "high"


def _line_at(text: str, position: int) -> str:
    """The whole line of ``text`` around ``position`` (the evidence of a value found there)."""
    begin = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[begin : end if end != -1 else len(text)].strip()


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


#: A line of thirteen words or more (a sentence, not a header line).
_THIRTEEN_WORDS = re.compile(r"\s*(?:\S+\s+){12}\S")


def publication_date(text: str) -> Found | None:
    """The date a readout gives at its top: a date in its first three lines ("Tuesday, March 23, 2010 |
    Press Release") or a dateline sentence in its first paragraphs ("Washington, D.C., March 14, 2024.")."""
    lines = text.strip().split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    head = len("\n".join(lines[: filled[2] + 1])) if len(filled) >= 3 else len(text)
    # A header line, not a sentence of the statement that happens to give a date: only lines of twelve
    # words or fewer are searched (a pattern that stops at the thirteenth word counts them, for on a text
    # of one line that line is the whole text), and the first date in them wins.
    offset = 0
    for line in text.split("\n"):
        if offset > head:
            break
        if not _THIRTEEN_WORDS.match(line):
            for day, start, _ in find_dates(line):
                if offset + start <= head:
                    return Found(day, line.strip(), offset + start)
        offset += len(line) + 1
    top = "\n".join(lines[:10])
    for start, _, sentence in sentences(top):
        if _is_dateline_sentence(sentence):
            return Found(find_dates(sentence)[0][0], sentence, start)
    return None


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
    label = re.match(r"([A-ZÀ-Þ .'-]+):", line)
    # "FACT SHEET: ..." opens a title; "SECRETARY BLINKEN: ..." a speaker's turn.
    genre_label = label is not None and any(fold_word(label.group(1).strip()) == word for word, _ in _GENRE_WORDS)
    is_heading = (
        len(line) <= 200
        and len(line.split()) >= 2
        and not line.endswith((".", ":", ";"))
        and (label is None or genre_label)
        and not dates_in(line)
    )
    return (Found(line, line, start) if is_heading else None), dateline


def genre(text: str, allowed: list[str], speaker_labels: int, title: str | None = None) -> Found:
    """The genre among the schema's ``allowed`` values: a transcript has speaker labels; else the title or top says."""
    if speaker_labels >= 2 and "transcript" in allowed:
        return Found("transcript", f"{speaker_labels} speaker labels", 0)
    head = fold_word(" ".join([title or "", *text.strip().split("\n")[:5]]))
    for word, kinds in _GENRE_WORDS:
        kind = next((k for k in kinds if k in allowed), None)
        if word in head and kind:
            return Found(kind, f'"{word}" in the title or near the top of the text', head.index(word))
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


def series(text: str, meetings: pd.DataFrame, minimum: int = 3, lead: str | None = None) -> Found | None:
    """The series whose forum name the text names whole, else shares the longest run of words with (at least
    ``minimum``). Its confidence is high when the ``lead`` (the title and the sentence that reports the
    meeting) names the forum whole."""
    words = _words(text)
    forums = {forum: _words(forum) for forum in meetings["forum"]}
    places = word_places(words, {w for forum_words in forums.values() for w in forum_words})
    scored = []
    for row in meetings.sort_values(["date", "meeting_id"], kind="stable").itertuples(index=False):
        run = _shared_run(forums[row.forum], words, places)
        if run >= minimum:
            # A forum named whole beats a longer name of which the text shares only a part.
            whole = run == len(forums[row.forum])
            scored.append((whole, run, row.date, row.series_id, row.forum, row.meeting_id))
    if not scored:
        return None
    whole, run, _, series_id, forum, meeting_id = max(scored)
    # A forum named in the title or in the sentence that reports the meeting is the meeting's; named
    # elsewhere, it may be another meeting's ("next steps toward ... a High-Level Security Dialogue").
    sure = whole and lead is not None and _shared_run(forums[forum], _words(lead)) == len(forums[forum])
    return Found(
        (series_id, forum, meeting_id.rsplit("-", 1)[0]),
        f"{run} words of the forum name of {meeting_id}",
        0,
        confidence="high" if sure else "medium",
    )


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


# --------------------------------------------------------------------------
# Front matter: what a Markdown readout says about itself
# --------------------------------------------------------------------------


def front_matter(raw: str) -> dict[str, Found]:
    """Title, publication date and address from a Markdown readout's front matter, each with its line."""
    meta = markdown.front_matter(raw)
    out: dict[str, Found] = {}
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        out["title"] = Found(" ".join(normalise(title).split()), f"front matter: title: {title.strip()}", 0)
    for key in ("date", "published_time", "published"):
        value = meta.get(key)
        day = value.date() if isinstance(value, dt.datetime) else value if isinstance(value, dt.date) else None
        if day is None and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            day = dt.date.fromisoformat(value.strip())
        if day is not None:
            out["publication_date"] = Found(day, f"front matter: {key}: {value}", 0)
            break
    for key in ("source_url", "url", "canonical_url"):
        value = meta.get(key)
        if isinstance(value, str) and re.fullmatch(r"https?://\S+", value.strip()):
            out["source_url"] = Found(value.strip(), f"front matter: {key}: {value.strip()}", 0)
            break
    return out


# --------------------------------------------------------------------------
# The meeting: when and where
# --------------------------------------------------------------------------

#: A sentence reports a meeting when it has one of these words.
_MEETING_WORDS = any_word(
    "met|meet|meets|meeting|meetings|dialogue|talks|visit|visited|visits|travell?ed|trip|hosted|hosts|"
    r"received|receives|welcom\w*|convened|gathered|held|took part|participated|consultations?|concluded".split("|")
)
#: A later meeting ("will meet again", "the next meeting"): its date and place are not this one's.
_LATER_MEETING = any_word(["again", "next", "upcoming", "subsequent", "follow-on", "follow-up"])
#: A sentence that refers back to an earlier meeting ("followed up on his December 5 visit"): its dates are
#: that meeting's unless the sentence dates this one otherwise.
_EARLIER_MEETING = re.compile(
    r"\b(?:follow(?:ed|s|ing)? up on|follow-up to|following up|previous|prior|earlier|"
    r"last year's)\b",
    re.IGNORECASE,
)
#: Events that are not a meeting: a date beside them is theirs.
_OTHER_EVENT = re.compile(
    r"\b(?:extradit\w*|arrest\w*|captur\w*|sentenc\w*|convict\w*|indict\w*|charg(?:ed|es)|seiz\w*|signed|"
    r"enact\w*|released|publish\w*|designat\w*|sanction\w*|killed|died|adopted|launched|decree\w*|"
    r"announced|passed|born|elected)\b",
    re.IGNORECASE,
)
#: Words before a date that make it a bound or a reference, not the meeting's day.
_NOT_THE_DAY = re.compile(r"\b(?:since|until|till|through|by|before|after|from|as of|between)\s+$", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b(?P<month>{MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})\b(?!,?\s+(?:19|20)\d{{2}})(?!\d)")
_RELATIVE = re.compile(
    r"\b(?P<word>today|this morning|this afternoon|this evening|tonight|yesterday|last night)\b", re.IGNORECASE
)
_WEEKDAY = re.compile(
    r"\b(?:on|this|last)\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.IGNORECASE
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_QUOTED = re.compile(r"\"[^\"]*\"")


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(sentence)]


def _inside(spans, position: int) -> bool:
    return any(a <= position < b for a, b in spans)


def _reports_this_meeting(sentence: str) -> bool:
    """A sentence about the meeting the text reports: a meeting word, no later meeting."""
    return bool(_MEETING_WORDS.search(sentence)) and not _LATER_MEETING.search(sentence)


class _Sentences(NamedTuple):
    """The sentences of a text, each told as reporting this meeting (:func:`_reports_this_meeting`) or as a
    dateline (:func:`_is_dateline_sentence`)."""

    spans: list[tuple[int, int, str]]
    reports: list[bool]
    datelines: list[bool]


_TOLD: tuple[str, _Sentences] | None = None


def _told(text: str) -> _Sentences:
    """:class:`_Sentences` of ``text``, kept for the last text (by identity): the date, the other dates and
    the place of a draft read the same sentences. Each pattern is run once over the whole text and its
    matches placed in their sentences (a sentence never spans the white space between two), so that the
    sentences without a meeting word or a year, most of them, cost nothing."""
    global _TOLD
    if _TOLD is not None and _TOLD[0] is text:
        return _TOLD[1]
    spans = sentences(text)
    starts = [start for start, _, _ in spans]

    def holding(pattern: re.Pattern) -> set[int]:
        found = set()
        for m in pattern.finditer(text):
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.end() <= spans[i][1]:
                found.add(i)
        return found

    meeting, later, years = holding(_MEETING_WORDS), holding(_LATER_MEETING), holding(A_YEAR)
    told = _Sentences(
        spans,
        [i in meeting and i not in later for i in range(len(spans))],
        [i in years and _is_dateline_sentence(span[2]) for i, span in enumerate(spans)],
    )
    _TOLD = (text, told)
    return told


def _year_for(month: int, day: int, published: dt.date | None, future: bool = False) -> int | None:
    """The year of "On <Month> <Day>" in a text published on ``published``.

    The latest such day not after the publication; in a sentence about what
    will happen ("On October 8, a delegation will travel ..."), the first
    such day not before it.
    """
    if published is None:
        return None
    year = published.year
    try:
        if future:
            return year if dt.date(year, month, day) >= published else year + 1
        return year if dt.date(year, month, day) <= published else year - 1
    except ValueError:
        return None


_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|plans? to|is scheduled to|are scheduled to)\b", re.IGNORECASE)


def _dates_of(sentence: str, published: dt.date | None) -> list[tuple[dt.date, int, str, str]]:
    """Dates a sentence gives for an event of its own: (date, offset, status, kind).

    ``kind`` is ``full`` (a full date written), ``month-day`` (the year is
    the publication's) or ``relative`` ("today", "yesterday", "on Tuesday",
    counted from the publication date). Dates inside a quotation, and dates
    after "since", "until", "by"... are left out.
    """
    quoted = _quoted_spans(sentence)
    found: list[tuple[dt.date, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for day, start, end in find_dates(sentence):
        taken.append((start, end))
        if not _inside(quoted, start) and not _NOT_THE_DAY.search(sentence[:start]):
            found.append((day, start, "stated", "full"))
    for m in _MONTH_DAY.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken) or _inside(quoted, m.start()):
            continue
        if _NOT_THE_DAY.search(sentence[: m.start()]):
            continue
        month, number = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
        year = _year_for(month, number, published, future=bool(_FUTURE.search(sentence)))
        if year is not None:
            found.append((dt.date(year, month, number), m.start(), "stated", "month-day"))
    if published is not None:
        for m in _RELATIVE.finditer(sentence):
            if _inside(quoted, m.start()):
                continue
            back = 1 if m.group("word").lower() in ("yesterday", "last night") else 0
            found.append((published - dt.timedelta(days=back), m.start(), "inferred", "relative"))
        for m in _WEEKDAY.finditer(sentence):
            if _inside(quoted, m.start()):
                continue
            back = (published.weekday() - _WEEKDAYS.index(m.group("day").lower())) % 7
            found.append((published - dt.timedelta(days=back), m.start(), "inferred", "relative"))
    return sorted(found, key=lambda f: f[1])


def meeting_date(text: str, published: dt.date | None) -> Found | None:
    """The date of the meeting the text reports, told apart from the other dates it gives.

    Only sentences that report a meeting count (a meeting word, and no
    later meeting: "will meet again in ..."); in them, a date next to
    another event (an extradition, an arrest, a signature), inside a
    quotation or after "since", "until", "by" is not the meeting's. A date
    written in full or as "On <Month> <Day>" is ``stated``; "today",
    "yesterday" or a weekday is ``inferred`` from the publication date.
    The first sentence that dates a meeting wins (a date written in it over
    "today"); its confidence is
    ``high`` when it is written and no other meeting sentence gives another
    day, ``medium`` otherwise, and ``low`` when only the publication date is
    left.
    """
    candidates = []
    dateline = None  # the date of a dateline sentence ("Washington, D.C., March 14, 2024.") just before
    told = _told(text)
    for (start, _end, sentence), reports, is_dateline in zip(told.spans, told.reports, told.datelines, strict=True):
        if is_dateline:
            dateline = find_dates(sentence)[0][0]
            continue
        if not reports:
            dateline = None
            continue
        if dateline is not None and not _dates_of(sentence, published):
            # A release's dateline, then the meeting told without a date of its own: that day.
            candidates.append((2, start, dateline, "stated", sentence))
        dateline = None
        weaker = bool(_OTHER_EVENT.search(sentence)) or bool(_EARLIER_MEETING.search(sentence))
        for day, offset, status, kind in _dates_of(sentence, published):
            strength = {"full": 3, "month-day": 3, "relative": 2}[kind]
            if (
                weaker and kind != "relative"
            ):  # "today" stays this meeting's day; a written date may be the other event's
                strength -= 2
            candidates.append((strength, start + offset, day, status, sentence))
    candidates = [c for c in candidates if c[0] >= 2]
    if not candidates:
        if published is None:
            return None
        return Found(
            published,
            "no sentence of the text dates the meeting: the publication date",
            0,
            status="inferred",
            confidence="low",
        )
    # The first sentence that dates a meeting reports it (a readout leads with its event); within
    # it, a written date wins over "today".
    lead = min(c[1] for c in candidates)
    lead_sentence = next(c[4] for c in candidates if c[1] == lead)
    best = max((c for c in candidates if c[4] == lead_sentence), key=lambda c: (c[0], -c[1]))
    strength, position, day, status, sentence = best
    others = {c[2] for c in candidates if c[0] >= 2 and c[2] != day}
    confidence = "high" if strength == 3 and not others else "medium"
    return Found(day, sentence, position, status=status, confidence=confidence)


def other_meeting_dates(text: str, published: dt.date | None, day: dt.date | None) -> list[Found]:
    """Other days on which the text reports a meeting (the days of one trip): one per day, first sentence."""
    seen, found = {day}, []
    told = _told(text)
    for (start, _, sentence), reports in zip(told.spans, told.reports, strict=True):
        if not reports or _OTHER_EVENT.search(sentence) or _EARLIER_MEETING.search(sentence):
            continue
        for other, offset, status, _ in _dates_of(sentence, published):
            if other not in seen:
                seen.add(other)
                found.append(Found(other, sentence, start + offset, status=status, confidence="medium"))
    return found


def _is_dateline_sentence(sentence: str) -> bool:
    """A dateline: a place and a full date, nothing else ("Washington, D.C., March 14, 2024.")."""
    found = find_dates(sentence)
    if len(found) != 1:
        return False
    _, a, b = found[0]
    rest = (sentence[:a] + sentence[b:]).replace(",", " ").strip(" .-—:|")
    return all(word[:1].isupper() for word in rest.split()) and len(rest.split()) <= 6


_VENUE = re.compile(r"\bat the (?P<venue>(?:[A-Z][\w'’.-]*|of|the|for|and)(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and))*)")
#: Words that make a name after "at the" a place to meet (a building), not an event ("the U.N. General Assembly").
_VENUE_HEADS = re.compile(
    r"\b(?:Palace|House|Department|Ministry|Secretariat|Secretaría|Embassy|Residence|Building|"
    r"Hall|Center|Centre|Office|Headquarters|Chancellery|Cancillería|Palacio)\b"
)


def meeting_place(text: str, cities, at: int | None = None) -> tuple[Found | None, Found | None]:
    """The city and the venue of the meeting, from the sentences that report it.

    ``cities`` are the cities the dataset knows (a new city is left to the
    reviewer). The sentence at offset ``at`` (the one that dated the
    meeting) is read first; a later meeting's place ("will meet again in
    Washington") never counts. The venue is a capitalised name after "at
    the" ("at the National Palace") in such a sentence.
    """
    told = _told(text)
    reporting = list(compress(told.spans, told.reports))
    if at is not None:
        reporting.sort(key=lambda span: not (span[0] <= at < span[1]))
    # Last, a release's dateline ("Washington, D.C., March 14, 2024."): the place it was issued.
    reporting += list(compress(told.spans, told.datelines))
    city = venue = None
    for rank, (start, _, sentence) in enumerate(reporting):
        folded = fold_word(sentence)
        if city is None:
            found = sorted((folded.find(fold_word(c)), c) for c in cities if c and fold_word(c) in folded)
            if found:
                city = Found(
                    found[0][1],
                    sentence,
                    start + found[0][0],
                    confidence="high" if rank == 0 and at is not None else "medium",
                )
        if venue is None:
            for m in _VENUE.finditer(sentence):
                name = m.group("venue").rstrip(".,")
                if _VENUE_HEADS.search(name):
                    venue = Found(name, sentence, start + m.start("venue"), confidence="medium")
                    break
    return city, venue
