"""Text handling, in one place: every module reads text through here.

- :mod:`.normal`: Unicode normalisation, white space, quotes found verbatim,
  accents, word counts, content digests;
- :mod:`.fold`: folding for comparison (lower case, no accents), with a map
  back to the original;
- :mod:`.segment`: sentences as verbatim spans, and the abbreviations that
  do not end one;
- :mod:`.scan`: which of many patterns match a text, in one scan;
- :mod:`.dates`: dates written in words or digits;
- :mod:`.numbers`: numbers written in words.
"""

from .fold import fold, fold_view, fold_word
from .normal import (
    cell_text,
    contains_quote,
    digest,
    fold_whitespace,
    is_missing,
    normalise,
    strip_accents,
    word_count,
)
from .segment import ABBREVIATIONS, SENTENCE_STARTERS, is_abbreviation, sentence_at, sentences

__all__ = [
    "ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "cell_text",
    "contains_quote",
    "digest",
    "is_missing",
    "fold",
    "fold_view",
    "fold_whitespace",
    "fold_word",
    "is_abbreviation",
    "normalise",
    "sentence_at",
    "sentences",
    "strip_accents",
    "word_count",
]
