"""Unicode normalisation and verbatim-quote matching.

The raw texts mix non-breaking spaces, curly quotes and dashes. Quotes in
the dataset are written in *normalised* form, and a quote is "found" in a
document when it occurs in the normalised text with all runs of white space
(newlines included) folded to one space.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

import pandas as pd

_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2026": "...",
        "\ufeff": None,  # a byte-order mark is no character of the text
    }
)

#: The characters of ``_CHAR_MAP``: found by one pattern and replaced one by one, which is much
#: faster than ``str.translate`` on a long text that is not ASCII.
_MAPPED = re.compile("[" + re.escape("".join(map(chr, _CHAR_MAP))) + "]")
#: Runs of spaces and tabs that collapsing changes: a single space is left alone (on a long
#: text, rewriting every space with itself took most of the time).
_SPACES = re.compile(r"[ \t]{2,}|\t")
#: A space at the end of a line, once runs are collapsed (the pattern starts with a literal,
#: so the engine skips to the spaces).
_TRAILING = re.compile(r" (?=\n|$)")
_ALL_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return ``text`` in NFC with typographic characters made plain.

    Non-breaking spaces become spaces, curly quotes straight quotes, dashes
    hyphens; runs of spaces and tabs collapse to one space and spaces at the
    ends of lines go. Line breaks are kept, so paragraphs survive.
    """
    text = _MAPPED.sub(lambda m: _CHAR_MAP[ord(m.group())], unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return _TRAILING.sub("", text)


def fold_whitespace(text: str) -> str:
    """Normalise ``text`` and fold every run of white space to one space."""
    return _ALL_WS.sub(" ", normalise(text)).strip()


def contains_quote(document: str, quote: str) -> bool:
    """Tell whether ``quote`` occurs verbatim (after normalisation) in ``document``."""
    needle = fold_whitespace(quote)
    return bool(needle) and needle in _folded_document(document)


@functools.lru_cache(maxsize=32)
def _folded_document(document: str) -> str:
    # Hundreds of quotes are checked against the same few documents.
    return fold_whitespace(document)


def strip_accents(text: str) -> str:
    """Return ``text`` without diacritics (for accent-insensitive matching).

    The combining marks are looked up among the distinct characters of the
    text and deleted by one pattern: a loop in Python over every character
    took seconds on a long readout (and ``str.translate`` half a second).
    """
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    marks = tuple(sorted(ch for ch in set(decomposed) if unicodedata.combining(ch)))
    return _any_of_chars(marks).sub("", decomposed) if marks else decomposed


@functools.lru_cache(maxsize=256)
def _any_of_chars(chars: tuple[str, ...]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]")


def word_count(text: str) -> int:
    """Count words: maximal runs of letters, digits, apostrophes and hyphens."""
    return len(re.findall(r"[\w'’-]+", text))


def digest(data: bytes | str) -> str:
    """The SHA-256 of ``data`` (text is hashed as UTF-8), as 64 hexadecimal digits."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def is_missing(value) -> bool:
    """Whether a table cell is empty: None, NaN, pandas' NA or NaT, or the empty string."""
    if isinstance(value, str):
        return value == ""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is a value, not a missing one
        return False


def cell_text(value) -> str:
    """A table cell as plain text: ``""`` when it is missing."""
    return "" if is_missing(value) else str(value)
