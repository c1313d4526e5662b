"""Code the cleaned texts for agenda themes, sentence by sentence.

The theme codebook (``data/theme_codebook.csv``, ``ds.theme_codebook``) gives
each theme its terms. Coding is deliberately simple and auditable:

1. :func:`sentences` splits a cleaned text into sentences, each a verbatim
   substring of the text (abbreviations such as "U.S.", "D.C.", "Dr." or
   "Gen." and initials such as "J." do not end a sentence; a line break
   always does).
2. :func:`find_terms` matches a theme's terms in a sentence: whole words
   only, case- and accent-insensitive, with simple English plurals; ``*``
   in a term stands for any further letters of the word ("extradit*").
   A match that lies inside one of the theme's ``exclude_terms`` (an agency
   name, a figure of speech) is discarded.
3. :func:`matches` keeps every term match as evidence; :func:`hits`
   collapses them to one *mention* per sentence and theme, so overlapping
   terms ("chemical precursors" and "precursors") count once.

Counts are then summed per document and per meeting and divided by the
words of the cleaned texts (:func:`helpers.text.word_count`) to give
mentions per 1,000 words (:func:`by_meeting`). The continuity measures
(:func:`presence`, :func:`first_last`, :func:`jaccard_consecutive`,
:func:`changes`), the codebook-free similarity (:func:`similarity`) and the
robustness checks (:func:`leave_one_term_out`, :func:`leave_one_theme_out`)
take these tables as input, so they are tested on small fixtures.

Nothing here knows how many documents or meetings there are: every function
iterates over the tables it is given.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import is_not, itemgetter

import numpy as np
import pandas as pd

from .text import strip_accents, word_count

#: Abbreviations (lower case, without the final full stop) after which a full
#: stop does not end a sentence. Multi-letter abbreviations with inner stops
#: ("U.S.", "D.C.", "U.N.") and single initials ("J.") are recognised by
#: pattern; "No." is an abbreviation only before a number.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "adm", "lt", "col", "capt", "cmdr", "maj", "sgt",
        "gov", "sen", "rep", "amb", "sec", "pres", "hon", "rev", "st", "mt", "ft", "jr", "sr",
        "vs", "etc", "approx", "dept", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "art", "para", "fig", "vol",
    }
)
_BEFORE_NUMBER = frozenset({"no", "nos", "art", "para", "p", "pp", "vol"})
#: Words that, after "U.S." or "D.C.", show that the abbreviation also ends
#: the sentence ("... in Washington, D.C. At the meeting ...").
SENTENCE_STARTERS = frozenset(
    {
        "a", "after", "an", "and", "as", "at", "before", "but", "during", "he", "her", "his", "i", "in",
        "it", "its", "on", "our", "she", "that", "the", "their", "there", "these", "they", "this",
        "those", "today", "we",
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
    return spans


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
    if token in _BEFORE_NUMBER and line[following:following + 1].isdigit():
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


# --- term matching -----------------------------------------------------------------


def fold(text: str) -> tuple[str, list[int]]:
    """Return ``text`` lower-cased without accents, and a map to the original.

    ``mapping[i]`` is the index in ``text`` of the character that produced
    position ``i`` of the folded string, so a match in the folded text can
    be cut verbatim from the original.
    """
    folded, mapping = _fold_cached(text)
    return folded, list(mapping)


def fold_view(text: str) -> tuple[str, tuple[int, ...]]:
    """:func:`fold` without copying the map (a tuple, shared with the cache: read it, never change it)."""
    return _fold_cached(text)


@lru_cache(maxsize=1 << 16)
def _fold_cached(text: str) -> tuple[str, tuple[int, ...]]:
    # Every theme folds the same sentences: fold each text once. ASCII text
    # (most of the corpus) folds to its lower case, one character for one.
    if text.isascii():
        return text.lower(), tuple(range(len(text)))
    folded: list[str] = []
    mapping: list[int] = []
    for index, char in enumerate(text):
        plain = _fold_char(char)
        folded.append(plain)
        mapping.extend([index] * len(plain))
    return "".join(folded), tuple(mapping)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return strip_accents(unicodedata.normalize("NFC", char)).casefold()


def _plural(stem: str) -> str:
    """Regex for a word's last letters with an optional English plural."""
    if re.search(r"[^aeiou]y$", stem):
        return re.escape(stem[:-1]) + "(?:y|ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", stem):
        return re.escape(stem) + "(?:es)?"
    return re.escape(stem) + "s?"


_BEFORE_WORD, _AFTER_WORD = r"(?<![\w])", r"(?![\w])"


def term_pattern(term: str) -> str:
    """Translate a codebook term into a regular expression on folded text.

    A term is literal text, matched as whole words. ``*`` stands for any
    further letters of a word ("dismantl*" matches "dismantle",
    "dismantling"); a space or hyphen matches any run of spaces and hyphens;
    a term that ends in a letter also matches its plural ("cartel" matches
    "cartels", "community" matches "communities").
    """
    folded, _ = fold(term.strip())
    if not folded or "|" in folded:
        raise ValueError(f"a term is non-empty text without '|': {term!r}")
    words = re.split(r"[\s-]+", folded)
    parts = []
    for position, word in enumerate(words):
        last = position == len(words) - 1
        pieces = word.split("*")
        body = r"\w*".join(re.escape(p) for p in pieces)
        if last and not word.endswith("*") and word[-1:].isalpha():
            body = r"\w*".join([*(re.escape(p) for p in pieces[:-1]), _plural(pieces[-1])])
        parts.append(body)
    return _BEFORE_WORD + r"[\s-]+".join(parts) + _AFTER_WORD


@lru_cache(maxsize=4096)
def _compiled(term: str) -> re.Pattern:
    """:func:`term_pattern` compiled, led by the term's first letter when it has one.

    ``(?<![\\w])c...`` and ``c(?<![\\w]c)...`` match the same text (no word
    character before the ``c``), but a pattern that starts with a letter
    lets the engine skip to that letter instead of trying every position.
    """
    body = term_pattern(term)[len(_BEFORE_WORD):-len(_AFTER_WORD)]
    return re.compile(led_by_first(body, r"\w") + _AFTER_WORD)


def led_by_first(body: str, not_before: str) -> str:
    """``(?<!not_before)body`` written to start with the body's first character, when it is a plain one."""
    first = _first_character(body)
    if first is None:
        return f"(?<!{not_before})" + body
    return re.escape(first) + f"(?<!{not_before}{re.escape(first)})" + body[1:]


@lru_cache(maxsize=1024)
def _any_of(terms: tuple[str, ...]) -> re.Pattern:
    """One pattern for all ``terms``: most sentences match none, and one search tells."""
    if not terms:
        return re.compile(r"(?!)")
    # The word boundaries are shared, so the regex engine tests them once per position.
    bodies = [term_pattern(t)[len(_BEFORE_WORD):-len(_AFTER_WORD)] for t in terms]
    return re.compile(_BEFORE_WORD + "(?:" + "|".join(bodies) + ")" + _AFTER_WORD)


def _first_character(body: str) -> str | None:
    """The character every match of ``body`` starts with, when its pattern starts with a plain one.

    A letter or digit not followed by a quantifier; ``body`` is one
    alternative (no ``|`` outside a group), as :func:`which_match` asks.
    """
    if body[:1].isalnum() and body[1:2] not in ("*", "+", "?", "{"):
        return body[0]
    return None


class Marks:
    """Which of several patterns match somewhere in a text, in one scan (see :func:`which_match`).

    Built once for a set of patterns and kept by its user: looking a
    cached one up by its hundreds of patterns costs more than a short scan.
    """

    def __init__(self, bodies: tuple[str, ...], before: str = _BEFORE_WORD, after: str = _AFTER_WORD):
        # The bodies are grouped by their first character ("a(?:rest|rest)"): the engine tries the
        # alternatives of a branch one after the other, so a word start is then compared with one
        # character per group instead of with every body (hundreds of terms, or of known names).
        by_first: dict[str | None, list[int]] = {}
        for index, body in enumerate(bodies):
            by_first.setdefault(_first_character(body), []).append(index)
        others = by_first.pop(None, [])
        alternatives = [re.escape(first) + "(?:" + "|".join(bodies[i][1:] for i in group) + ")"
                        for first, group in by_first.items()] + [bodies[i] for i in others]
        anywhere = "(?=(?:" + "|".join(alternatives) + ")" + after + ")"
        marks, order = [], []
        for first, group in by_first.items():  # a body's mark is only tried where its first character stands
            marks.append(f"(?:(?={re.escape(first)})"
                         + "".join(f"(?:(?=(?:{bodies[i]}){after})()|)" for i in group) + "|)")
            order += group
        marks += [f"(?:(?=(?:{bodies[i]}){after})()|)" for i in others]
        order += others
        self.pattern = re.compile(before + anywhere + "".join(marks))
        self.order = tuple(order)  # the body of each group of the pattern

    def present(self, folded: str) -> list[int]:
        """Indexes (in order) of the bodies that match somewhere in ``folded``."""
        found: set[int] = set()
        for m in self.pattern.finditer(folded):
            # The bodies whose mark is set (not None), picked in C: a match has one mark per body.
            found.update(compress(self.order, map(is_not, m.groups(), repeat(None))))
        return sorted(found)


@lru_cache(maxsize=256)
def marks_of(bodies: tuple[str, ...], before: str = _BEFORE_WORD, after: str = _AFTER_WORD) -> Marks:
    """The :class:`Marks` of ``bodies``, built once."""
    return Marks(bodies, before, after)


def which_match(folded: str, bodies: tuple[str, ...], before: str = _BEFORE_WORD,
                after: str = _AFTER_WORD) -> list[int]:
    """Indexes (in order) of the ``bodies`` for which ``before + body + after`` matches somewhere in ``folded``.

    ``before`` and ``after`` are zero-width assertions (word boundaries);
    each body is one alternative (wrap alternatives in ``(?:...)``). One
    scan answers for every body: its pattern matches the empty string
    wherever some body matches and marks, in one group per body, each body
    that matches there. Empty matches never hide one another, so no body is
    missed where another matched. A search per body paid the engine's cost
    per character once per body: sixteen themes, hundreds of terms and the
    known names were searched in every sentence.
    """
    return marks_of(bodies, before, after).present(folded)


@lru_cache(maxsize=4096)
def _term_bodies(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The pattern of each term without its word boundaries (what :func:`_any_of` joins)."""
    return tuple(term_pattern(t)[len(_BEFORE_WORD):-len(_AFTER_WORD)] for t in terms)


@lru_cache(maxsize=64)
def _theme_bodies(terms_by_theme: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    return tuple("(?:" + "|".join(_term_bodies(terms)) + ")" if terms else "(?!)" for terms in terms_by_theme)


def themes_in(text: str, terms_by_theme: tuple[tuple[str, ...], ...]) -> list[int]:
    """Indexes (in order) of the themes with a term somewhere in ``text`` (folded, whole words)."""
    return which_match(_fold_cached(text)[0], _theme_bodies(terms_by_theme))


class _TermScan:
    """Every term (and excluded term) of every theme: one scan of a text finds them all."""

    def __init__(self, terms_by_theme: tuple[tuple[str, ...], ...], excluded_by_theme: tuple[tuple[str, ...], ...]):
        flat, self.owners = [], []
        for theme, groups in enumerate(zip(terms_by_theme, excluded_by_theme)):
            for kind, terms in enumerate(groups):  # kind 0: terms, 1: excluded terms
                flat += terms
                self.owners += [(theme, kind, index) for index in range(len(terms))]
        self.marks = Marks(_term_bodies(tuple(flat)))

    def found(self, text: str) -> dict[int, tuple[list[int], list[int]]]:
        """Theme index -> indexes of its terms and of its excluded terms with a match in ``text``."""
        present: dict[int, tuple[list[int], list[int]]] = {}
        for position in self.marks.present(_fold_cached(text)[0]):
            theme, kind, index = self.owners[position]
            present.setdefault(theme, ([], []))[kind].append(index)
        return present

    def terms_in(self, text: str) -> dict[int, list[int]]:
        return {theme: terms for theme, (terms, _) in self.found(text).items() if terms}


@lru_cache(maxsize=64)
def _term_scan(terms_by_theme: tuple[tuple[str, ...], ...],
               excluded_by_theme: tuple[tuple[str, ...], ...] | None = None) -> _TermScan:
    return _TermScan(terms_by_theme, excluded_by_theme or tuple(() for _ in terms_by_theme))


def terms_in(text: str, terms_by_theme: tuple[tuple[str, ...], ...]) -> dict[int, list[int]]:
    """The terms with a match somewhere in ``text``: theme index -> indexes of its terms (in order).

    One scan of the text for every term of every theme.
    """
    return _term_scan(terms_by_theme).terms_in(text)


def split_terms(cell) -> list[str]:
    """Split a pipe-separated codebook cell into its terms (empty cell: none)."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return []
    return [t.strip() for t in str(cell).split("|") if t.strip()]


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a term in a text: the term and the verbatim span."""

    term: str
    start: int
    end: int
    matched: str


def find_terms(text: str, terms, exclude_terms=()) -> list[TermMatch]:
    """Return every match of ``terms`` in ``text``, by position.

    Matching is on folded text (case and accents ignored). A match lying
    wholly inside a match of an ``exclude_terms`` entry is dropped. Matches
    of different terms may overlap; :func:`hits` counts them once.
    """
    terms = tuple(terms)
    # The terms with a match, by one scan (not one search per term); only they are searched one by one.
    return _matches_of(text, terms, which_match(_fold_cached(text)[0], _term_bodies(terms)), exclude_terms)


def _matches_of(text: str, terms: tuple[str, ...], present: list[int], exclude_terms,
                excluded_present: list[int] | None = None) -> list[TermMatch]:
    """:func:`find_terms` for the ``terms`` at indexes ``present`` (those with a match somewhere in ``text``).

    ``excluded_present``: the indexes of the ``exclude_terms`` with a match, when the caller knows them.
    """
    if not present:
        return []
    folded, mapping = _fold_cached(text)
    excluded = tuple(exclude_terms)
    if excluded_present is None:
        excluded_present = which_match(folded, _term_bodies(excluded)) if excluded else []
    blocked = [(m.start(), m.end()) for i in excluded_present for m in _compiled(excluded[i]).finditer(folded)]
    found = []
    for term in (terms[i] for i in present):
        for m in _compiled(term).finditer(folded):
            if any(a <= m.start() and m.end() <= b for a, b in blocked):
                continue
            start, end = mapping[m.start()], mapping[m.end() - 1] + 1
            found.append(TermMatch(term, start, end, text[start:end]))
    return sorted(found, key=lambda t: (t.start, -(t.end - t.start), t.term))


# --- evidence tables -----------------------------------------------------------------

MATCH_COLUMNS = ["doc_id", "meeting_id", "sentence_no", "sentence", "theme_id", "term", "start", "end", "matched"]
HIT_COLUMNS = ["doc_id", "meeting_id", "sentence_no", "sentence", "theme_id", "term", "matched", "start", "end",
               "terms", "n_terms"]


def codebook(ds) -> pd.DataFrame:
    """Return the theme codebook (``ds.theme_codebook``) in its file order."""
    return ds.theme_codebook.reset_index(drop=True)


def sentence_table(ds) -> pd.DataFrame:
    """One row per sentence of every cleaned document: doc_id, meeting_id, sentence_no, start, end, sentence."""
    rows = []
    for doc in ds.documents.sort_values("doc_id", kind="stable").itertuples(index=False):
        for number, (start, end, sentence) in enumerate(sentences(ds.text(doc.doc_id)), start=1):
            rows.append((doc.doc_id, doc.meeting_id, number, start, end, sentence))
    return pd.DataFrame(rows, columns=["doc_id", "meeting_id", "sentence_no", "start", "end", "sentence"])


def code_sentences(sentence_rows: pd.DataFrame, book: pd.DataFrame) -> pd.DataFrame:
    """Match every theme's terms in every sentence; one row per term match.

    ``sentence_rows`` needs doc_id, meeting_id, sentence_no and sentence;
    ``book`` needs theme_id, terms and (optionally) exclude_terms. ``start``
    and ``end`` are character offsets of the match within the sentence.
    """
    themes = [
        (row["theme_id"], split_terms(row["terms"]), split_terms(row.get("exclude_terms")))
        for row in book.to_dict("records")
    ]
    terms_by_theme = tuple(tuple(terms) for _, terms, _ in themes)
    scan = _term_scan(terms_by_theme, tuple(tuple(excluded) for _, _, excluded in themes))
    rows = []
    # Columns as lists: iterating rows of string columns one value at a time is slow in pandas.
    columns = [sentence_rows[c].tolist() for c in ("doc_id", "meeting_id", "sentence_no", "sentence")]
    for doc_id, meeting_id, sentence_no, sentence in zip(*columns):
        # Only the terms found in the sentence (one scan for all themes, with their excluded terms) can
        # match: search them, theme by theme.
        found = scan.found(sentence)
        for index in sorted(found):
            theme_id, _, excluded = themes[index]
            present, excluded_present = found[index]
            for m in _matches_of(sentence, terms_by_theme[index], present, excluded, excluded_present):
                rows.append((doc_id, meeting_id, sentence_no, sentence, theme_id, m.term, m.start, m.end, m.matched))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def matches(ds, book: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every term match in the cleaned texts (see :func:`code_sentences`)."""
    return code_sentences(sentence_table(ds), codebook(ds) if book is None else book)


def collapse(match_rows: pd.DataFrame) -> pd.DataFrame:
    """Collapse term matches to one mention per sentence and theme.

    The mention keeps the first match in the sentence (``term``,
    ``matched``, ``start``, ``end``) and lists every distinct term matched
    (``terms``, pipe-separated, in order of first appearance).
    """
    if match_rows.empty:
        return pd.DataFrame(columns=HIT_COLUMNS)
    ordered = match_rows.sort_values(["doc_id", "sentence_no", "theme_id", "start", "end"],
                                     ascending=[True, True, True, True, False], kind="stable")
    keys = ["doc_id", "sentence_no", "theme_id"]
    first = ordered.drop_duplicates(keys, keep="first")
    # Distinct terms per mention, in order of first appearance (a plain loop:
    # a pandas group-by with a Python function is slow in the robustness checks).
    # Columns are read as lists: iterating rows of string columns one value at a time is slow in pandas.
    terms: dict[tuple, list[str]] = {}
    for doc_id, sentence_no, theme_id, term in zip(*(ordered[c].tolist() for c in [*keys, "term"])):
        found = terms.setdefault((doc_id, sentence_no, theme_id), [])
        if term not in found:
            found.append(term)
    per_row = [terms[key] for key in zip(*(first[c].tolist() for c in keys))]
    first = first.assign(terms=["|".join(t) for t in per_row], n_terms=[len(t) for t in per_row])
    return first[HIT_COLUMNS].reset_index(drop=True)


def hits(ds, book: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence: one row per sentence and theme with at least one term.

    Columns: doc_id, meeting_id, sentence_no, sentence (verbatim from the
    cleaned text), theme_id, term (first term matched), matched (its
    verbatim text), start/end (its offsets in the sentence), terms (all
    terms matched, pipe-separated) and n_terms.
    """
    return collapse(matches(ds, book))


# --- counts and rates ------------------------------------------------------------------


def words_per_document(ds) -> pd.Series:
    """Words of each cleaned document, indexed by doc_id."""
    ids = ds.documents["doc_id"]
    return pd.Series([word_count(ds.text(d)) for d in ids], index=ids.to_numpy(), name="words").sort_index()


def meeting_order(ds) -> list[str]:
    """Meeting ids that have at least one document, in date order."""
    used = set(ds.documents["meeting_id"])
    meetings = ds.meetings[ds.meetings["meeting_id"].isin(used)]
    return list(meetings.sort_values(["date", "meeting_id"], kind="stable")["meeting_id"])


def document_order(ds) -> list[str]:
    """Document ids by meeting date, then doc_id."""
    dates = ds.meetings.set_index("meeting_id")["date"]
    docs = ds.documents.assign(date=ds.documents["meeting_id"].map(dates))
    return list(docs.sort_values(["date", "doc_id"], kind="stable")["doc_id"])


def count_matrix(hit_rows: pd.DataFrame, unit: str, themes, units) -> pd.DataFrame:
    """Mentions per theme (rows, in ``themes`` order) and ``unit`` column values."""
    counts = hit_rows.groupby(["theme_id", unit]).size()
    matrix = counts.unstack(unit).reindex(index=list(themes), columns=list(units)).fillna(0).astype(int)
    matrix.index.name, matrix.columns.name = "theme_id", unit
    return matrix


def rate_matrix(counts: pd.DataFrame, words: pd.Series) -> pd.DataFrame:
    """Mentions per 1,000 words: ``counts`` divided column-wise by ``words``."""
    return counts.div(words.reindex(counts.columns).astype(float), axis=1) * 1000


def by_document(ds, measure: str = "rate", hit_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Theme x document matrix of ``measure`` ("count", "rate" per 1,000 words or "presence")."""
    hit_rows = hits(ds) if hit_rows is None else hit_rows
    counts = count_matrix(hit_rows, "doc_id", codebook(ds)["theme_id"], document_order(ds))
    return _measure(counts, words_per_document(ds), measure)


def words_per_meeting(ds) -> pd.Series:
    """Words of the cleaned documents of each meeting, in date order."""
    docs = ds.documents.assign(words=ds.documents["doc_id"].map(words_per_document(ds)))
    return docs.groupby("meeting_id")["words"].sum().reindex(meeting_order(ds)).rename("words")


def by_meeting(ds, measure: str = "rate", hit_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Theme x meeting matrix, indexed by theme id, one column per meeting_id in date order.

    ``measure="rate"`` (default) gives mentions per 1,000 words of the
    meeting's cleaned documents pooled; ``"count"`` the mentions; and
    ``"presence"`` whether the theme is mentioned at all.
    """
    hit_rows = hits(ds) if hit_rows is None else hit_rows
    counts = count_matrix(hit_rows, "meeting_id", codebook(ds)["theme_id"], meeting_order(ds))
    return _measure(counts, words_per_meeting(ds), measure)


def _measure(counts: pd.DataFrame, words: pd.Series, measure: str) -> pd.DataFrame:
    if measure == "count":
        return counts
    if measure == "rate":
        return rate_matrix(counts, words)
    if measure == "presence":
        return counts > 0
    raise ValueError(f"measure is 'count', 'rate' or 'presence', not {measure!r}")


# --- continuity ---------------------------------------------------------------------------


def presence(matrix: pd.DataFrame) -> pd.DataFrame:
    """Boolean theme x meeting matrix: is the value above zero?"""
    return matrix.astype(float) > 0


def first_last(matrix: pd.DataFrame) -> pd.DataFrame:
    """First and last meeting (column order) in which each theme is present.

    Returns theme_id, first, last, persistence (meetings present), share of
    meetings present and gaps (meetings absent between first and last).
    Themes never present have empty first/last and persistence 0.
    """
    present = presence(matrix)
    columns = list(present.columns)
    rows = []
    for theme, row in present.iterrows():
        where = [i for i, flag in enumerate(row) if flag]
        first = columns[where[0]] if where else None
        last = columns[where[-1]] if where else None
        gaps = (where[-1] - where[0] + 1 - len(where)) if where else 0
        rows.append((theme, first, last, len(where), len(where) / len(columns) if columns else np.nan, gaps))
    return pd.DataFrame(rows, columns=["theme_id", "first", "last", "persistence", "share", "gaps"])


def jaccard(a, b) -> float:
    """Jaccard overlap |a & b| / |a | b| of two sets (1.0 when both are empty)."""
    a, b = set(a), set(b)
    return 1.0 if not a | b else len(a & b) / len(a | b)


def theme_sets(matrix: pd.DataFrame) -> dict[str, set]:
    """The set of themes present in each column."""
    present = presence(matrix)
    return {column: set(present.index[present[column]]) for column in present.columns}


def jaccard_consecutive(matrix: pd.DataFrame) -> pd.DataFrame:
    """Jaccard overlap of the theme sets of each pair of consecutive columns."""
    sets = theme_sets(matrix)
    columns = list(sets)
    rows = []
    for before, after in zip(columns, columns[1:]):
        a, b = sets[before], sets[after]
        rows.append((before, after, len(a), len(b), len(a & b), len(a | b), jaccard(a, b)))
    return pd.DataFrame(rows, columns=["from", "to", "themes_from", "themes_to", "shared", "union", "jaccard"])


def changes(matrix: pd.DataFrame) -> pd.DataFrame:
    """Themes that appear or drop out between consecutive columns.

    One row per (from, to, theme_id) with ``change`` "appears" (absent
    before, present after) or "drops" (present before, absent after), in
    the matrix's row order.
    """
    present = presence(matrix)
    columns = list(present.columns)
    rows = []
    for before, after in zip(columns, columns[1:]):
        for theme in present.index:
            was, now = bool(present.at[theme, before]), bool(present.at[theme, after])
            if was != now:
                rows.append((before, after, theme, "appears" if now else "drops"))
    return pd.DataFrame(rows, columns=["from", "to", "theme_id", "change"])


# --- codebook-free similarity ---------------------------------------------------------


def similarity(texts: dict[str, str]) -> pd.DataFrame:
    """TF-IDF cosine similarity between texts (scikit-learn), as a square DataFrame.

    Texts are folded (lower case, no accents); English stop words are
    dropped; words of two or more letters are the features. Row and column
    order follow ``texts``.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    ids = list(texts)
    vectoriser = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
                                 preprocessor=lambda t: fold(t)[0])
    tfidf = vectoriser.fit_transform([texts[i] for i in ids])
    return pd.DataFrame(cosine_similarity(tfidf), index=ids, columns=ids)


def theme_similarity(matrix: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity between the columns of a theme matrix (e.g. rates per document)."""
    values = matrix.astype(float).to_numpy().T
    norms = np.linalg.norm(values, axis=1)
    norms[norms == 0] = 1.0
    unit = values / norms[:, None]
    return pd.DataFrame(unit @ unit.T, index=matrix.columns, columns=matrix.columns)


# --- robustness -----------------------------------------------------------------------------


def _summary(present: pd.DataFrame) -> dict:
    fl = first_last(present).set_index("theme_id")
    return {"persistence": fl["persistence"], "first": fl["first"], "last": fl["last"]}


def leave_one_term_out(match_rows: pd.DataFrame, book: pd.DataFrame, columns, unit: str = "meeting_id") -> pd.DataFrame:
    """Drop each term in turn and report what changes in the presence matrix.

    ``match_rows`` are term matches (:func:`code_sentences`), ``book`` the
    codebook and ``columns`` the units in order. One row per theme and term:
    mentions lost, cells of the theme x unit presence matrix that flip to
    absent, and whether the theme's persistence, first or last appearance
    changes.
    """
    themes = list(book["theme_id"])
    base = presence(count_matrix(collapse(match_rows), unit, themes, columns))
    base_summary = _summary(base)
    keys = ["doc_id", "sentence_no"]
    rows = []
    for record in book.to_dict("records"):
        theme = record["theme_id"]
        # Dropping a term changes only its own theme's mentions and presence.
        mine = match_rows[match_rows["theme_id"] == theme]
        mentions_before = len(mine.drop_duplicates(keys))
        for term in split_terms(record["terms"]):
            is_term = mine["term"] == term
            kept = mine[~is_term]
            units = set(kept[unit])
            present = pd.DataFrame([[c in units for c in columns]], index=pd.Index([theme], name="theme_id"),
                                   columns=columns)
            summary = _summary(present)
            flipped = [c for c in columns if base.at[theme, c] and c not in units]
            rows.append({
                "theme_id": theme,
                "term": term,
                "term_matches": int(is_term.sum()),
                "mentions_lost": mentions_before - len(kept.drop_duplicates(keys)),
                "cells_lost": len(flipped),
                "cells_lost_in": "|".join(flipped),
                "persistence_before": int(base_summary["persistence"][theme]),
                "persistence_after": int(summary["persistence"][theme]),
                "first_changes": summary["first"][theme] != base_summary["first"][theme],
                "last_changes": summary["last"][theme] != base_summary["last"][theme],
            })
    return pd.DataFrame(rows)


def leave_one_theme_out(matrix: pd.DataFrame) -> pd.DataFrame:
    """Jaccard overlap of consecutive columns with each theme removed in turn.

    One row per (theme dropped, from, to) with the overlap with and without
    the theme and the difference.
    """
    base = jaccard_consecutive(matrix).set_index(["from", "to"])["jaccard"]
    rows = []
    for theme in matrix.index:
        reduced = jaccard_consecutive(matrix.drop(index=theme)).set_index(["from", "to"])["jaccard"]
        for (before, after), value in reduced.items():
            rows.append((theme, before, after, base[(before, after)], value, value - base[(before, after)]))
    return pd.DataFrame(rows, columns=["theme_dropped", "from", "to", "jaccard", "jaccard_without", "difference"])


def rank_agreement(measures: dict[str, pd.Series]) -> pd.DataFrame:
    """Spearman rank correlation between theme scores under several measures."""
    frame = pd.DataFrame(measures)
    return frame.rank(method="average").corr(method="pearson")


# --- auditing -----------------------------------------------------------------------------


def kwic(hit_rows: pd.DataFrame, width: int = 60) -> pd.DataFrame:
    """Keyword in context: the ``width`` characters left and right of each hit's first match."""
    def left(row):
        text = row["sentence"][: row["start"]]
        return ("..." + text[-width:].lstrip()) if len(text) > width else text

    def right(row):
        text = row["sentence"][row["end"]:]
        return (text[:width].rstrip() + "...") if len(text) > width else text

    frame = hit_rows.copy()
    frame["left"] = frame.apply(left, axis=1) if len(frame) else []
    frame["right"] = frame.apply(right, axis=1) if len(frame) else []
    return frame[["doc_id", "meeting_id", "sentence_no", "theme_id", "left", "matched", "right", "terms"]]


def cell(hit_rows: pd.DataFrame, theme_id: str, column: str, unit: str = "meeting_id") -> pd.DataFrame:
    """The hits behind one cell of a theme x unit matrix (for auditing)."""
    chosen = hit_rows[(hit_rows["theme_id"] == theme_id) & (hit_rows[unit] == column)]
    return chosen.sort_values(["doc_id", "sentence_no"], kind="stable").reset_index(drop=True)


def export_evidence(hit_rows: pd.DataFrame, name: str = "themes-evidence") -> str:
    """Write the evidence table to ``tables/<name>.csv`` of the build folder; return the file's name.

    One row per mention (see :func:`hits`), so a reader can audit any cell
    of the theme matrices outside the book.
    """
    from . import paths

    out = paths.build_dir() / "tables"
    out.mkdir(exist_ok=True)
    path = out / f"{name}.csv"
    hit_rows.to_csv(path, index=False, lineterminator="\n")
    return path.name
