"""Add a meeting: draft dataset rows from a new readout, then accept the reviewed draft.

Two steps, both from the command line (see the README, "Adding a meeting")::

    python -m helpers.ingest draft NEW.txt [--meeting-date YYYY-MM-DD] [--out draft.json]
    python -m helpers.ingest accept draft.json

``draft`` reads a plain-text readout and writes a JSON draft: the document
and meeting rows it can infer (each inferred value with the line it rests
on), the participants (matched to known people and agencies, new ones
marked new), the people only mentioned, the candidate numeric claims and
the theme hits. Nothing is written to ``data/``. The analyst corrects the
draft, fills what it leaves empty (the ``todo`` list) and deletes what is
wrong.

``accept`` appends the reviewed rows to the tables of ``data/``, copies the
raw text verbatim under ``data/raw/`` with its SHA-256 in the manifest, and
checks the whole dataset with :func:`helpers.load_dataset` on a scratch copy
first: if anything is wrong (a required field left empty, an unknown id, a
quote not in the text) the error names the table, the row and the field,
and ``data/`` is left untouched.

Keys of a draft row that start with ``_`` are notes for the reviewer and
are dropped on accept. Nothing here knows the documents, meetings or people
of the dataset: every list comes from the tables.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from . import (
    agencies,
    coding,
    forked,
    journal,
    paths,
    quantities,
    readout,
    schema,
    screen,
    units,
)
from . import names as nm
from .cleaning import prepare
from .dataset import MANIFEST, RAW_DIR, load_dataset
from .errors import DataError
from .text import digest, markdown, sentence_at, sentences, strip_accents

DRAFT_VERSION = 1
#: The prefix of a drafted claim's placeholder id ("NEW-3"): accept numbers it after the claims then known.
NEW_CLAIM = "NEW-"
#: The tables a draft appends to, in the order they are written.
TABLES = ["documents", "meetings", "people", "aliases", "participants", "mentions", "claims", "claim_checks"]
#: Words of a forum name left out of a new meeting id's acronym.
_MINOR_WORDS = {"of", "on", "the", "and", "for", "to", "in", "u.s.-mexico", "us-mexico", "u.s.", "mexico"}


class IngestError(ValueError):
    """Bad input to the ingest command; the message names the file (and the row and field)."""


# --------------------------------------------------------------------------
# Reading the input
# --------------------------------------------------------------------------


def read_readout(path: str | Path) -> str:
    """The text of a plain-text readout, or an :class:`IngestError` saying what is wrong with the file."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a file")
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{path}: UTF-16 text; save it as UTF-8 first, e.g. `iconv -f UTF-16 -t UTF-8`")
    if b"\x00" in data:
        raise IngestError(f"{path}: a binary file (it contains NUL bytes), not a plain-text readout")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    if not text.strip():
        raise IngestError(f"{path}: the file is empty")
    return text


def document_format(path: str | Path, raw: str) -> str:
    """``markdown`` for a file named .md/.markdown or opening with YAML front matter, else ``text``."""
    if Path(path).suffix.lower() in (".md", ".markdown") or markdown.has_front_matter(raw):
        return "markdown"
    return "text"


def parse_date(value: str | None, what: str = "--meeting-date") -> dt.date | None:
    """A date written YYYY-MM-DD, or an :class:`IngestError` naming ``what``."""
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise IngestError(f"{what}: {value!r} is not a date written YYYY-MM-DD") from None


# --------------------------------------------------------------------------
# Drafting
# --------------------------------------------------------------------------


def slug(name: str) -> str:
    """A person id from a name: lower case, no accents, words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", strip_accents(name).casefold()))


def _value(found: readout.Found | None):
    return None if found is None else found.value


def _evidence(found: readout.Found | None) -> str:
    return "" if found is None else found.evidence


def meeting_acronym(forum: str) -> str:
    """The capitals of a forum's significant words ("High-Level Security Dialogue" -> "HLSD")."""
    words = [w for w in re.split(r"[\s]+", forum) if w.casefold() not in _MINOR_WORDS]
    letters = "".join(part[0] for w in words for part in w.split("-") if part[:1].isalpha())
    return letters.upper() or "MTG"


def _existing_date(ds, meeting: dict) -> str:
    """The date of the known meeting a draft reports (``_existing``), as YYYY-MM-DD, or ''."""
    known = ds.meetings.loc[ds.meetings["meeting_id"] == meeting.get("_existing"), "date"]
    return known.iloc[0].date().isoformat() if not known.empty else ""


def _known_cities(ds) -> list[str]:
    """Cities of the meetings the dataset knows, of the corpus and of the series."""
    cities = set(ds.meetings["city"].dropna())
    if "dialogue_series" in ds.tables:
        cities |= set(ds.dialogue_series["city"].dropna())
    return sorted(cities)


def _todo_if_unsure(todo: list[str], field: str, found) -> None:
    if found is not None and found.confidence != "high":
        todo.append(f"{field} (confidence {found.confidence}; it rests on: {found.evidence[:160]!r})")


def _document_and_meeting(
    text: str, ds, meeting_date: dt.date | None, labels: int, front: dict | None = None
) -> tuple[dict, dict, list[str]]:
    """The documents row and the meetings row (an existing meeting or a new one), and what is left to fill.

    The publication date is the document's (front matter, else a dateline at
    the top); the meeting's date and place are read from the sentences that
    report the meeting (:func:`helpers.readout.meeting_date`), never from a
    later meeting, an extradition or a quotation. A value the rules are not
    sure of is proposed with its evidence and listed in the todo.
    """
    front = front or {}
    todo = []
    heading, dateline = readout.title_and_dateline(text)
    title = front.get("title") or heading
    published = front.get("publication_date") or readout.publication_date(text)
    published_day = published.value if published else None
    if meeting_date:
        when = readout.Found(meeting_date, "given with --meeting-date", 0, status="inferred")
    else:
        when = readout.meeting_date(text, published_day)
    day = when.value if when else None
    allowed_genres = schema.resources(ds.package)["documents"]["schema"]["fields"]
    genres = next(f for f in allowed_genres if f["name"] == "genre")["constraints"]["enum"]
    kind = readout.genre(text, genres, labels, _value(title))
    translated = readout.translation(text)
    publisher = readout.publisher(text, ds.documents)
    lead = f"{_value(title) or ''}\n{when.evidence if when else ''}"
    series = readout.series(f"{_value(title) or ''}\n{text}", ds.meetings, lead=lead)
    existing = ds.meetings[ds.meetings["date"] == pd.Timestamp(day)] if day else ds.meetings.iloc[0:0]

    year = (published_day or day).year if (published_day or day) else None
    doc_id = readout.doc_id(publisher.value[2] if publisher else None, year, set(ds.documents["doc_id"]))
    document = {
        "doc_id": doc_id,
        "file": "",
        "format": "text",
        "title": _value(title) or "",
        "publisher": publisher.value[0] if publisher else "",
        "publisher_country": publisher.value[1] if publisher else "",
        "genre": kind.value,
        "language": "en",
        "translation": translated.value,
        "publication_date": published_day.isoformat() if published_day else "",
        "publication_date_status": "stated" if published else "",
        "publication_date_evidence": _evidence(published),
        "meeting_id": "",
        "source_url": _value(front.get("source_url")) or "",
        "notes": "",
        "_evidence": {
            "title": _evidence(title),
            "publisher": _evidence(publisher),
            "genre": kind.evidence,
            "translation": translated.evidence,
            "publication_date": _evidence(published),
            "source_url": _evidence(front.get("source_url")),
        },
    }
    if not existing.empty:
        meeting = existing.iloc[0]
        document["meeting_id"] = meeting["meeting_id"]
        return document, {"_existing": meeting["meeting_id"]}, todo

    forum = series.value[1] if series else ""
    prefix = series.value[2] if series else (meeting_acronym(forum) if forum else "MTG")
    meeting_id = ""
    if day:  # never an id without a year: the reviewer names the meeting once its date is known
        meeting_id, taken = f"{prefix}-{day.year}", set(ds.meetings["meeting_id"])
        for letter in "bcdefghij":
            if meeting_id not in taken:
                break
            meeting_id = f"{prefix}-{day.year}{letter}"
    city, venue = readout.meeting_place(text, _known_cities(ds), at=when.start if when and not meeting_date else None)
    if city is None and dateline is not None:
        city = readout.Found(dateline.value, dateline.evidence, dateline.start, confidence="low")
    number = readout.series_number(text)
    admins = readout.administrations(day, ds.meetings)
    document["meeting_id"] = meeting_id
    meeting = {
        "meeting_id": meeting_id,
        "date": day.isoformat() if day else "",
        "date_status": when.status if when else "",
        "date_evidence": _evidence(when),
        "city": _value(city) or "",
        "venue": _value(venue) or "",
        "venue_evidence": _evidence(venue or city),
        "forum": forum,
        "series_id": series.value[0] if series else "",
        "series_number": _value(number) or "",
        "host_country": "",
        "us_administration": admins["us_administration"] or "",
        "mx_administration": admins["mx_administration"] or "",
        "notes": "",
        "_new": True,
        "_confidence": {
            "date": when.confidence if when else "",
            "city": city.confidence if city else "",
            "venue": venue.confidence if venue else "",
        },
        "_evidence": {"city": _evidence(city), "series": _evidence(series), "series_number": _evidence(number)},
    }
    _todo_if_unsure(todo, "meeting.date", when)
    _todo_if_unsure(todo, "meeting.city", city)
    _todo_if_unsure(todo, "meeting.venue", venue)
    _todo_if_unsure(todo, "meeting.series_id", series)
    if not meeting_date:
        for other in readout.other_meeting_dates(text, published_day, day):
            todo.append(
                f"the text also reports a meeting on {other.value.isoformat()} ({other.evidence[:120]!r}): "
                "if it is another meeting, make 'meeting' a list with a row for it and move its "
                "participants to it (their meeting_id)"
            )
    for field, value in meeting.items():
        if not field.startswith("_") and value == "" and field not in ("venue", "notes", "series_number"):
            todo.append(f"meeting.{field}")
    return document, meeting, todo


def _participants(
    occurrences: list[nm.Occurrence], ds, lexicon: nm.Lexicon, document: dict, year: int | None
) -> tuple[list, list, list, list]:
    """Participant rows, mention rows, new people and aliases, from the people the text names.

    ``occurrences`` are :func:`helpers.names.find_occurrences` of the text.
    """
    people = nm.group_people(occurrences, lexicon)
    participants, mentions, new_people, aliases = [], [], [], []
    taken = set(ds.people["person_id"])
    known_aliases = set(zip(ds.aliases["alias"], ds.aliases["person_id"], strict=True))
    for person in people:
        form = next((f for f in person.forms if not f.isupper()), person.forms[0])
        # The evidence is where the text shows the basis, in running text rather than a speaker label
        # when it can; the name as written is the one in that evidence.
        basis = person.basis  # a property that reads every occurrence: once, not once per occurrence
        shown = [o for o in person.occurrences if o.basis == basis] or person.occurrences
        first = next((o for o in shown if not o.form.isupper()), shown[0])
        title = next((o.title for o in person.occurrences if o.title), None)
        if person.person_id:
            person_id, status = person.person_id, f"known ({person.match})"
            canonical = lexicon.people[person_id]["name"]
        else:
            person_id, status, canonical = slug(form), "new", form
            if person_id in taken:
                person_id = f"{person_id}-{document['doc_id']}"
        # The country first (known person, else the text's cues), so that "Secretary of National
        # Defense" finds the agency of the right government.
        country = nm.country_of(person, None, lexicon) or country_from_titles(title, lexicon)
        agency = agency_for(title, country, person.person_id, lexicon, year)
        country = country or nm.country_of(person, agency, lexicon) or ""
        if person.person_id is None and person.basis:
            new_people.append(
                {
                    "person_id": person_id,
                    "name": canonical,
                    "country": country,
                    "notes": f"Added from {document['doc_id']}.",
                    "_status": "new",
                }
            )
        if person.basis is None:
            mentions.append(
                {
                    "doc_id": document["doc_id"],
                    "name_as_written": first.form,
                    "person_id": person_id,
                    "role": "head of state referred to"
                    if re.search(r"\bPresident\b", first.evidence)
                    else "official referred to",
                    "evidence": first.evidence,
                    "notes": "",
                    "_status": status,
                }
            )
            continue
        name_as_written = first.form
        if (
            person.person_id
            and nm.name_tokens(name_as_written) != nm.name_tokens(canonical)
            and (name_as_written, person_id) not in known_aliases
        ):
            aliases.append(
                {
                    "alias": name_as_written,
                    "person_id": person_id,
                    "kind": "short form",
                    "doc_id": document["doc_id"],
                    "note": "Added with the readout.",
                    "_status": "check the kind",
                }
            )
        participants.append(
            {
                "meeting_id": document["meeting_id"],
                "person_id": person_id,
                "name_as_written": name_as_written,
                "country": country,
                "title_as_written": title or "",
                "agency_id": agency or "",
                "level": nm.guess_level(title, person.basis),
                "basis": person.basis,
                "doc_id": document["doc_id"],
                "evidence": first.evidence,
                "notes": "",
                "_status": status,
                "_organisation": "known" if agency else "new: add it to agencies.csv or pick one",
                "_forms": person.forms,
            }
        )
    return participants, mentions, _unique(new_people, "person_id"), _unique(aliases, "alias")


_TITLE_STOP = {
    "the",
    "of",
    "for",
    "and",
    "to",
    "in",
    "at",
    "us",
    "u.s.",
    "united",
    "states",
    "mexican",
    "mexico",
    "mexico's",
    "american",
    "de",
    "del",
    "la",
    "y",
    "el",
}


@functools.lru_cache(maxsize=4096)
def title_words(title: str | None) -> frozenset[str]:
    """Significant words of a title, folded, plurals made singular ("Secretaries of Security" -> secretary, security).

    Cached: each person's title is compared with every earlier title.
    """
    words = set()
    for word in re.findall(r"[^\W\d_][\w'-]*", title or ""):
        word = nm.fold_word(word)
        if word in _TITLE_STOP:
            continue
        words.add(re.sub(r"ies$", "y", word) if len(word) > 4 else word)
        words = {re.sub(r"(?<=[^s])s$", "", w) if len(w) > 4 else w for w in words}
    return frozenset(words)


def country_from_titles(title: str | None, lexicon: nm.Lexicon) -> str | None:
    """The country of every earlier participant with the same title, or a like one, when they all agree."""
    words = title_words(title)
    if not words:
        return None
    history = lexicon.history.dropna(subset=["title_as_written"])
    like = history[
        history["title_as_written"].map(
            lambda t: title_words(t) == words or len(words & title_words(t)) / len(words | title_words(t)) >= 0.5
        )
    ]
    countries = set(like["country"])
    return countries.pop() if len(countries) == 1 else None


def agency_for(
    title: str | None, country: str | None, person_id: str | None, lexicon: nm.Lexicon, year: int | None
) -> str | None:
    """The agency of a participant, by the first rule that gives one.

    1. a known person's latest agency, unless the title names an institution of another lineage;
    2. the same title (as written) in earlier participations of the same country: the agency it was
       recorded with most often (the newest on a tie);
    3. the agency whose distinctive name words or acronym the title contains;
    4. the earlier title most like this one (shared significant words, at least half of them).

    The agency found is then the member of its lineage that existed in ``year``.
    """
    key = ("agency_for", title, country, person_id, year)
    if key not in lexicon.answers:
        found = _agency_by_rules(title, country, person_id, lexicon, year)
        lexicon.answers[key] = agencies.as_of(found, year, lexicon.agencies) if found else None
    return lexicon.answers[key]


def _agency_by_rules(title, country, person_id, lexicon, year) -> str | None:
    # A person the dataset knows keeps the agency of their latest participation: earlier
    # titles can be mistranslated ("Attorney General" for the federal tax attorney).
    # Unless the title names another institution: people change jobs between meetings
    # (an ambassador of 2020 is a deputy secretary of state in 2026).
    # Earlier titles are compared only within one country: "Attorney General" is two offices.
    empty = lexicon.history.iloc[0:0].assign(folded="")
    history = lexicon.titled_history.get(country, empty) if country else empty
    same_title = None
    if title:
        same = history[history["folded"] == nm.fold_word(title)]
        if not same.empty:
            same_title = _most_recorded(same)
    known = nm.latest_agency(person_id, lexicon) if person_id else None
    if known:
        # The title as written names the office held now: another institution's name, or a title
        # that others held in another institution ("President" after "President-elect").
        if ("lineages",) not in lexicon.answers:
            lexicon.answers[("lineages",)] = agencies.lineages(lexicon.agencies)
        lineage_of = lexicon.answers[("lineages",)]
        for other in (nm.match_agency(title, country, lexicon, year), same_title):
            if other and lineage_of.get(other, other) != lineage_of.get(known, known):
                return other
        return known
    if same_title:
        return same_title
    by_name = nm.match_agency(title, country, lexicon, year)
    if by_name:
        return by_name
    words = title_words(title)
    if words:
        scored = []
        for row in history.itertuples(index=False):
            other = title_words(row.title_as_written)
            overlap = len(words & other) / len(words | other) if other else 0.0
            if overlap >= 0.5:
                scored.append((overlap, row.date, row.agency_id))
        if scored:
            return max(scored)[2]
    return None


def _most_recorded(rows: pd.DataFrame) -> str:
    """The agency most of ``rows`` were recorded with; on a tie the one recorded latest, then by id.

    (What ranking a group-by of agencies by row count and latest date gives, written out: a draft asks
    it for every person it meets, and a pandas group-by costs milliseconds each time.)
    """
    seen: dict[str, tuple[int, object]] = {}
    for agency, date in zip(rows["agency_id"], rows["date"], strict=True):
        count, latest = seen.get(agency, (0, None))
        if pd.notna(date) and (latest is None or date > latest):
            latest = date
        seen[agency] = (count + 1, latest)
    ranked = sorted(seen)  # by id, kept among equals by the stable sorts below
    ranked.sort(key=lambda a: (seen[a][1] is not None, seen[a][1] if seen[a][1] is not None else 0), reverse=True)
    ranked.sort(key=lambda a: seen[a][0], reverse=True)
    return ranked[0]


def _unique(rows: list[dict], key: str) -> list[dict]:
    return list({row[key]: row for row in rows}.values())


def _claims(text: str, ds, document: dict, spans: list[tuple[int, int, str]]) -> tuple[list, list]:
    """Candidate claims (with the sentence of ``spans`` they stand in), and a not-yet-checked claim_checks row
    for each."""
    rows, checks = [], []
    for offset, candidate in enumerate(quantities.extract_quantities(text)):
        found = sentence_at(spans, candidate.start)
        sentence = found[2] if found else candidate.text
        # A placeholder: accept gives the claim its number (the next free one when it is accepted).
        claim_id = f"{NEW_CLAIM}{offset + 1}"
        unit, noun = candidate.unit, counted_noun(text[candidate.end : candidate.end + 60])
        if not unit and noun:
            unit = noun  # a count of what the noun names: its own unit
        rows.append(
            {
                "claim_id": claim_id,
                "doc_id": document["doc_id"],
                "speaker": "",
                "quote": sentence,
                "number_as_written": candidate.text if candidate.qualifier == "none" else _number_only(candidate.text),
                "value": candidate.value,
                "unit": unit,
                "qualifier": candidate.qualifier,
                "period": "",
                "measure": "",
                "kind": _kind(unit),
                "nature": "",
                "_todo": "fill period, measure and nature (statistic, programme output, commitment or other), check "
                "the unit; delete the row if it is not a claim",
            }
        )
        checks.append(
            {
                "check_id": f"{claim_id}-1",
                "claim_id": claim_id,
                "role": "none",
                "reference_id": "",
                "baseline_reference_id": "",
                "other_claim_id": "",
                "match": "same",
                "note": "Added with the readout; not yet checked against a reference.",
            }
        )
    return rows, checks


_NOT_NOUNS = frozenset({"is", "was", "has", "this", "its", "his", "as", "across", "less", "plus", "towards"})


def counted_noun(after: str) -> str:
    """The plural noun a bare number counts ("two hundred clandestine laboratories" -> "laboratories")."""
    for word in re.findall(r"[A-Za-z-]+|[^\sA-Za-z-]", after)[:3]:
        if not word.isalpha() or not word.islower():
            return ""
        if word.endswith("s") and word not in _NOT_NOUNS and not word.endswith("ss"):
            return word
    return ""


def _number_only(text: str) -> str:
    match = re.search(r"\$?[\d,.]+(?:\s*(?:million|billion|thousand|trillion))?|\b[a-z-]+\b$", text)
    return match.group(0) if match else text


def _kind(unit: str) -> str:
    try:
        dimension = units.dimension(unit)
    except (KeyError, ValueError):
        return ""
    return {
        "mass": "mass",
        "money": "money",
        "money per time": "rate",
        "length": "length",
        "time": "duration",
        "percent": "percent",
    }.get(dimension, "count")


def _themes(ds, document: dict, spans: list[tuple[int, int, str]]) -> list[dict]:
    """The theme hits of the sentences ``spans``."""
    if not spans:
        return []
    rows = pd.DataFrame(
        {
            "doc_id": document["doc_id"],
            "meeting_id": document["meeting_id"],
            "sentence_no": range(1, len(spans) + 1),
            "sentence": [s for _, _, s in spans],
        }
    )
    hits = coding.collapse(coding.code_sentences(rows, ds.theme_codebook.reset_index(drop=True)))
    labels = dict(zip(ds.theme_codebook["theme_id"], ds.theme_codebook["label"], strict=True))  # theme ids are unique
    # Columns as lists: reading a table of strings row by row is slow in pandas.
    columns = (hits[c].tolist() for c in ("theme_id", "sentence_no", "terms", "sentence"))
    return [
        {
            "theme_id": theme_id,
            "label": labels[theme_id],
            "sentence_no": int(number),
            "terms": terms,
            "sentence": sentence,
        }
        for theme_id, number, terms, sentence in zip(*columns, strict=True)
    ]


def draft(path: str | Path, meeting_date: str | dt.date | None = None, ds=None, hold_out: str | None = None) -> dict:
    """Draft the dataset rows of the readout at ``path`` (see the module docstring).

    ``hold_out`` drafts as if the dataset did not know document ``hold_out``
    (its own people and aliases): used to measure the drafting on texts the
    dataset already has.
    """
    raw = read_readout(path)
    if isinstance(meeting_date, str):
        meeting_date = parse_date(meeting_date)
    ds = load_dataset() if ds is None else ds
    fmt = document_format(path, raw)
    text = prepare(raw, fmt)
    front = readout.front_matter(raw) if fmt == "markdown" else {}
    lexicon = nm.Lexicon.from_dataset(ds, hold_out=hold_out)
    labels = sum(1 for line in text.splitlines() if nm.label_occurrence(line + "\n", 0, lexicon))
    spans = sentences(text)  # split once: the meeting, people, claims and themes all read the sentences
    # Finding the people named (the longest part) needs none of the rest: for a long text the rest is read in a
    # copy of this process on the second core meanwhile (see helpers.forked).
    rest = functools.partial(_all_but_the_people, text, raw, fmt, ds, meeting_date, labels, front, spans)
    with forked.beside(rest, parallel=len(text) >= PARALLEL_FROM) as rest_result:
        occurrences = nm.find_occurrences(text, lexicon, spans)
        document, meeting, todo, claims, checks, themes, warnings = rest_result()
    # The year that names an institution (PGR until 2018, FGR after): the meeting's, else the publication's.
    dated = meeting.get("date") or _existing_date(ds, meeting) or document["publication_date"]
    year = int(dated[:4]) if dated else None
    participants, mentions, people, aliases = _participants(occurrences, ds, lexicon, document, year)
    for field in (
        "title",
        "publisher",
        "publisher_country",
        "publication_date",
        "publication_date_evidence",
        "source_url",
    ):
        if not document[field]:
            todo.append(f"document.{field}")
    # An English text from a Mexican publisher is most often a translation the text does not announce.
    if document["publisher_country"] == "MX" and document["translation"] == "original":
        todo.append("document.translation (an English text from a Mexican publisher: translated?)")
    todo += [f"participants[{i}].agency_id" for i, p in enumerate(participants) if not p["agency_id"]]
    todo += [f"participants[{i}].country" for i, p in enumerate(participants) if not p["country"]]
    todo += [f"claims[{i}].period, measure and nature" for i in range(len(claims))]
    return {
        "draft_version": DRAFT_VERSION,
        "source": {"path": str(path), "file": Path(path).name, "sha256": digest(raw), "characters": len(raw)},
        "document": document,
        "meeting": meeting,
        "people": people,
        "aliases": aliases,
        "participants": participants,
        "mentions": mentions,
        "claims": claims,
        "claim_checks": checks,
        "themes": themes,
        "todo": todo,
        "warnings": warnings,
    }


#: From this many characters of text on, a draft reads all but the people beside them (a second process
#: costs about 6 ms; a 5 MB text spends about 5 s on the rest).
PARALLEL_FROM = 500_000


def _all_but_the_people(text: str, raw: str, fmt: str, ds, meeting_date, labels: int, front: dict, spans) -> tuple:
    """What a draft reads apart from the people named: document, meeting and todo, claims and their checks,
    theme mentions, warnings."""
    document, meeting, todo = _document_and_meeting(text, ds, meeting_date, labels, front)
    document["format"] = fmt
    claims, checks = _claims(text, ds, document, spans)
    return document, meeting, todo, claims, checks, _themes(ds, document, spans), screen.findings(raw, fmt)


def write_json(data: dict, out: Path | None) -> None:
    """Write ``data`` as stable, readable JSON to ``out`` (or standard output), whole or not at all."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = out.with_name(out.name + ".part")
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, out)


# --------------------------------------------------------------------------
# Accepting
# --------------------------------------------------------------------------


def read_draft(path: str | Path) -> dict:
    """A draft written by :func:`draft` and reviewed, or an :class:`IngestError` naming what is wrong."""
    path = Path(path)
    text = read_readout(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise IngestError(f"{path}: not a draft of helpers.ingest (the top level is not an object)")
    missing = [key for key in ("draft_version", "source", "document", "meeting", *TABLES[2:]) if key not in data]
    if missing:
        raise IngestError(f"{path}: not a draft of helpers.ingest (missing {', '.join(missing)})")
    if data["draft_version"] != DRAFT_VERSION:
        raise IngestError(
            f"{path}: draft_version {data['draft_version']!r}; this command reads version "
            f"{DRAFT_VERSION}: draft the text again"
        )
    source = data["source"]
    if not (isinstance(source, dict) and isinstance(source.get("path"), str) and isinstance(source.get("sha256"), str)):
        raise IngestError(f"{path}: source must be an object with the readout's path and sha256")
    _check_entry(path, "document", data["document"])
    meetings = data["meeting"] if isinstance(data["meeting"], list) else [data["meeting"]]
    for number, meeting in enumerate(meetings):
        _check_entry(path, "meeting" if len(meetings) == 1 else f"meeting[{number}]", meeting)
    for table in TABLES[2:]:
        if not isinstance(data[table], list):
            raise IngestError(f"{path}: {table} must be a list of rows (it is a {type(data[table]).__name__})")
        for number, row in enumerate(data[table]):
            _check_entry(path, f"{table}[{number}]", row)
    return data


def _check_entry(path: Path, where: str, row) -> None:
    """A draft row is an object whose fields (other than ``_`` notes) hold text, numbers or nothing."""
    if not isinstance(row, dict):
        raise IngestError(f"{path}: {where} must be an object of fields (it is a {type(row).__name__})")
    for field, value in row.items():
        if not isinstance(field, str):
            raise IngestError(f"{path}: {where} has a field name that is not text")
        if field.startswith("_"):
            continue
        if value is not None and not isinstance(value, (str, int, float)):
            raise IngestError(
                f"{path}: {where}, field '{field}': {type(value).__name__} where text or a number is expected"
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise IngestError(f"{path}: {where}, field '{field}': {value} is not a finite number")


def draft_rows(data: dict) -> dict[str, list[dict]]:
    """The rows a draft appends, table by table (reviewer notes dropped)."""
    # One text can report several meetings (the days of one trip): "meeting" may be a list.
    meetings = data["meeting"] if isinstance(data["meeting"], list) else [data["meeting"]]
    rows = {"documents": [data["document"]], "meetings": [m for m in meetings if "_existing" not in m]}
    for table in TABLES[2:]:
        rows[table] = data[table]
    return {t: [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows[t]] for t in TABLES}


def _draft_entry(table: str, index: int) -> str:
    """Where a row appended to ``table`` stands in the draft ("participants[2]", "document")."""
    return {"documents": "document", "meetings": f"meeting (entry {index})"}.get(table, f"{table}[{index}]")


def _csv_rows(path: Path, fields: list[str], rows: list[dict], table: str) -> str:
    for number, row in enumerate(rows):
        unknown = sorted(set(row) - set(fields))
        if unknown:
            raise IngestError(
                f"draft {_draft_entry(table, number)}: field {unknown[0]!r} is not a column of {path.name}"
            )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    for row in rows:
        writer.writerow({f: "" if row.get(f) is None else _cell(row.get(f, "")) for f in fields})
    return buffer.getvalue()


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _from_draft(exc: DataError, counts: dict[str, int], resources: dict, draft_path) -> str:
    """The trial load's error, told as the draft entry it comes from when it is a new row."""
    table = next((name for name, res in resources.items() if res["path"] == exc.file), None)
    if table in counts and exc.row is not None and exc.row > counts[table]:
        index = exc.row - counts[table] - 1
        field = f", field '{exc.field}'" if exc.field else ""
        return (
            f"{draft_path}: draft entry {_draft_entry(table, index)}{field} (would be {exc.file} row "
            f"{exc.row}): {exc.detail}"
        )
    return f"the reviewed draft {draft_path} does not fit the dataset: {exc}"


def _number_new_claims(rows: dict[str, list[dict]], taken) -> None:
    """Give the draft's placeholder claims ("NEW-3") the next free numbers, and their checks with them.

    Done at accept, under the lock, so that two drafts made side by side never claim the same number.
    """
    numbers = [int(c[1:]) for c in taken if re.fullmatch(r"N\d+", c)]
    next_number = max(numbers, default=0) + 1
    renamed = {}
    for claim in rows["claims"]:
        if str(claim.get("claim_id", "")).startswith(NEW_CLAIM):
            renamed[claim["claim_id"]] = f"N{next_number:02d}"
            next_number += 1
            claim["claim_id"] = renamed[claim["claim_id"]]
    for check in rows["claim_checks"]:
        for field in ("claim_id", "other_claim_id"):
            if check.get(field) in renamed:
                check[field] = renamed[check[field]]
        old_id = str(check.get("check_id", ""))
        for placeholder, number in renamed.items():
            if old_id.startswith(placeholder + "-"):
                check["check_id"] = number + old_id[len(placeholder) :]


def accept(draft_path: str | Path, data_dir: str | Path | None = None, raw_path: str | Path | None = None) -> dict:
    """Add a reviewed draft to the dataset in ``data_dir`` (default ``data/``); return what was added.

    The raw text is the file the draft was made from (``source.path``,
    relative to the draft's folder if not found as given), checked against
    the draft's SHA-256. The whole new dataset is built and loaded on a
    scratch copy first; then its changed files replace the old ones as one
    change (:mod:`helpers.journal`), under a lock that a second accept or a
    build waits for. An accept interrupted earlier is completed first.
    """
    data = read_draft(draft_path)
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    raw_file = Path(raw_path or data["source"]["path"])
    if not raw_file.exists() and not raw_file.is_absolute():
        raw_file = Path(draft_path).parent / raw_file
    raw = read_readout(raw_file)
    sha = digest(raw)
    if sha != data["source"]["sha256"]:
        raise IngestError(
            f"{raw_file}: its SHA-256 differs from the draft's source.sha256: the text changed "
            "after drafting; draft it again"
        )
    rows = draft_rows(data)
    with journal.lock(data_dir, wait_message=f"waiting for another change of {data_dir.name}/ to finish"):
        recovered = journal.recover(data_dir)
        if recovered:
            print(f"{data_dir.name}/: {recovered}", file=sys.stderr)
        package = schema.read_package(data_dir)
        schema.require_resources(package, TABLES)
        resources = schema.resources(package)
        manifest = (data_dir / MANIFEST).read_text(encoding="utf-8")
        listed = dict(reversed(line.split()) for line in manifest.splitlines() if len(line.split()) == 2)
        if sha in listed.values():
            file = next(f for f, d in listed.items() if d == sha)
            raise IngestError(
                f"{raw_file}: this text is already in the dataset, as {RAW_DIR}/{file.lstrip('*')} "
                f"(listed in {MANIFEST}): an earlier accept added it; nothing to do"
            )
        _number_new_claims(rows, schema.read_table(data_dir, resources["claims"])["claim_id"])
        extension = "md" if rows["documents"][0].get("format") == "markdown" else "txt"
        file_name = f"{len(listed):03d}_{sha[:16]}.{extension}"
        rows["documents"][0]["file"] = file_name
        tables = list(TABLES)
        if "texts_considered" in resources:
            # The record of texts considered grows with the corpus: the text as received, included.
            tables.append("texts_considered")
            rows["texts_considered"] = [
                {
                    "original_file": raw_file.name,
                    "collection": "added",
                    "sha256": sha,
                    "decision": "included",
                    "doc_id": rows["documents"][0]["doc_id"],
                    "reason": "Added through the drafting workflow (drafted, reviewed, accepted).",
                }
            ]

        new_files = {
            f"{RAW_DIR}/{file_name}": raw.encode("utf-8"),
            MANIFEST: (
                manifest + ("" if manifest.endswith("\n") or not manifest else "\n") + f"{sha}  {file_name}\n"
            ).encode("utf-8"),
        }
        counts = {}
        for table in tables:
            if rows[table]:
                resource = resources[table]
                existing = (data_dir / resource["path"]).read_text(encoding="utf-8")
                counts[table] = len(schema.read_table(data_dir, resource))
                fields = [f["name"] for f in resource["schema"]["fields"]]
                added = _csv_rows(data_dir / resource["path"], fields, rows[table], table)
                new_files[resource["path"]] = (existing + ("" if existing.endswith("\n") else "\n") + added).encode(
                    "utf-8"
                )
        with tempfile.TemporaryDirectory() as scratch:
            trial = Path(scratch) / "data"
            shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(".*"))
            for path in trial.rglob("*"):
                path.chmod(0o644 if path.is_file() else 0o755)
            for relative, content in new_files.items():
                (trial / relative).write_bytes(content)
            try:
                load_dataset(trial)
            except DataError as exc:
                raise IngestError(
                    _from_draft(exc, counts, resources, draft_path) + " (nothing was written to data/)"
                ) from None
        journal.commit(data_dir, new_files)
    return {
        "file": file_name,
        "doc_id": rows["documents"][0]["doc_id"],
        "rows": {t: len(rows[t]) for t in tables if rows[t]},
    }


def recover(data_dir: str | Path | None = None) -> str:
    """Complete or undo an accept that a crash interrupted; say what was done."""
    data_dir = Path(data_dir) if data_dir else paths.data_dir()
    with journal.lock(data_dir, wait_message=f"waiting for another change of {data_dir.name}/ to finish"):
        return journal.recover(data_dir) or f"{data_dir.name}/ is whole: no interrupted accept to finish"


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in ("draft", "accept", "recover", "-h", "--help"):
        argv.insert(0, "draft")  # `python -m helpers.ingest PATH` drafts
    parser = argparse.ArgumentParser(prog="python -m helpers.ingest", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    drafting = commands.add_parser("draft", help="draft the dataset rows of a new readout (writes JSON)")
    drafting.add_argument("path", help="plain-text readout (UTF-8)")
    drafting.add_argument("--meeting-date", help="date of the meeting, YYYY-MM-DD, when the text does not give it")
    drafting.add_argument("--out", type=Path, help="write the draft here (default: standard output)")
    accepting = commands.add_parser("accept", help="add a reviewed draft to data/")
    accepting.add_argument("draft", help="the reviewed JSON draft")
    accepting.add_argument("--raw", help="the readout, if not at the draft's source.path")
    commands.add_parser("recover", help="complete (or undo) an accept that a crash interrupted")
    args = parser.parse_args(argv)
    try:
        if args.command == "draft":
            meeting_date = parse_date(args.meeting_date)
            drafted = draft(args.path, meeting_date)
            drafted_warnings = drafted["warnings"]
            write_json(drafted, args.out)
            if args.out:
                print(f"draft written to {args.out}", file=sys.stderr)
            for warning in drafted_warnings:
                print(f"warning: {warning}", file=sys.stderr)
        elif args.command == "recover":
            print(recover(), file=sys.stderr)
        else:
            done = accept(args.draft, raw_path=args.raw)
            print(
                f"added {done['doc_id']} as data/{RAW_DIR}/{done['file']}: "
                + ", ".join(f"{n} {t}" for t, n in done["rows"].items()),
                file=sys.stderr,
            )
    except (IngestError, DataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that cannot be written, a disk that is full
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
