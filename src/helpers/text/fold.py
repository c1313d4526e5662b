"""Fold text for comparison: lower case, no accents.

:func:`fold` keeps a map from the folded text back to the original, so a
match found in the folded text is cut verbatim from the original;
:func:`fold_word` folds a word or a short text (cached, the key of every
comparison of names and titles).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .normal import strip_accents


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


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """Lower-case ``word`` without accents (the key of every comparison here).

    Cached: the same names, titles and words are folded over and over, and
    the readout functions fold the same whole text several times.
    """
    return strip_accents(word).casefold()
