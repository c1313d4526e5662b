"""Code sentences by a codebook: which themes' terms each sentence contains.

The theme codebook (``data/theme_codebook.csv``) gives each theme its terms
and the terms whose matches do not count. :func:`find_terms` matches terms
in a text (whole words, case- and accent-insensitive, simple English
plurals, ``*`` for further letters: "extradit*"); :func:`code_sentences`
codes every sentence of a table for every theme, one row per term match;
:func:`collapse` makes one mention per sentence and theme. The analyses
(:mod:`helpers.themes`) and the drafting command (:mod:`helpers.ingest`)
both code through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .text.fold import _fold_cached, fold
from .text.scan import _AFTER_WORD, _BEFORE_WORD, Marks, led_by_first, which_match


def _plural(stem: str) -> str:
    """Regex for a word's last letters with an optional English plural."""
    if re.search(r"[^aeiou]y$", stem):
        return re.escape(stem[:-1]) + "(?:y|ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", stem):
        return re.escape(stem) + "(?:es)?"
    return re.escape(stem) + "s?"


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
    body = term_pattern(term)[len(_BEFORE_WORD) : -len(_AFTER_WORD)]
    return re.compile(led_by_first(body, r"\w") + _AFTER_WORD)


@lru_cache(maxsize=1024)
def _any_of(terms: tuple[str, ...]) -> re.Pattern:
    """One pattern for all ``terms``: most sentences match none, and one search tells."""
    if not terms:
        return re.compile(r"(?!)")
    # The word boundaries are shared, so the regex engine tests them once per position.
    bodies = [term_pattern(t)[len(_BEFORE_WORD) : -len(_AFTER_WORD)] for t in terms]
    return re.compile(_BEFORE_WORD + "(?:" + "|".join(bodies) + ")" + _AFTER_WORD)


@lru_cache(maxsize=4096)
def _term_bodies(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The pattern of each term without its word boundaries (what :func:`_any_of` joins)."""
    return tuple(term_pattern(t)[len(_BEFORE_WORD) : -len(_AFTER_WORD)] for t in terms)


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
        for theme, groups in enumerate(zip(terms_by_theme, excluded_by_theme, strict=True)):
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
def _term_scan(
    terms_by_theme: tuple[tuple[str, ...], ...], excluded_by_theme: tuple[tuple[str, ...], ...] | None = None
) -> _TermScan:
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


def _matches_of(
    text: str, terms: tuple[str, ...], present: list[int], exclude_terms, excluded_present: list[int] | None = None
) -> list[TermMatch]:
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


MATCH_COLUMNS = ["doc_id", "meeting_id", "sentence_no", "sentence", "theme_id", "term", "start", "end", "matched"]


HIT_COLUMNS = [
    "doc_id",
    "meeting_id",
    "sentence_no",
    "sentence",
    "theme_id",
    "term",
    "matched",
    "start",
    "end",
    "terms",
    "n_terms",
]


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
    for doc_id, meeting_id, sentence_no, sentence in zip(*columns, strict=True):
        # Only the terms found in the sentence (one scan for all themes, with their excluded terms) can
        # match: search them, theme by theme.
        found = scan.found(sentence)
        for index in sorted(found):
            theme_id, _, excluded = themes[index]
            present, excluded_present = found[index]
            for m in _matches_of(sentence, terms_by_theme[index], present, excluded, excluded_present):
                rows.append((doc_id, meeting_id, sentence_no, sentence, theme_id, m.term, m.start, m.end, m.matched))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def collapse(match_rows: pd.DataFrame) -> pd.DataFrame:
    """Collapse term matches to one mention per sentence and theme.

    The mention keeps the first match in the sentence (``term``,
    ``matched``, ``start``, ``end``) and lists every distinct term matched
    (``terms``, pipe-separated, in order of first appearance).
    """
    if match_rows.empty:
        return pd.DataFrame(columns=HIT_COLUMNS)
    ordered = match_rows.sort_values(
        ["doc_id", "sentence_no", "theme_id", "start", "end"], ascending=[True, True, True, True, False], kind="stable"
    )
    keys = ["doc_id", "sentence_no", "theme_id"]
    first = ordered.drop_duplicates(keys, keep="first")
    # Distinct terms per mention, in order of first appearance (a plain loop:
    # a pandas group-by with a Python function is slow in the robustness checks).
    # Columns are read as lists: iterating rows of string columns one value at a time is slow in pandas.
    terms: dict[tuple, list[str]] = {}
    for doc_id, sentence_no, theme_id, term in zip(*(ordered[c].tolist() for c in [*keys, "term"]), strict=True):
        found = terms.setdefault((doc_id, sentence_no, theme_id), [])
        if term not in found:
            found.append(term)
    per_row = [terms[key] for key in zip(*(first[c].tolist() for c in keys), strict=True)]
    first = first.assign(terms=["|".join(t) for t in per_row], n_terms=[len(t) for t in per_row])
    return first[HIT_COLUMNS].reset_index(drop=True)
