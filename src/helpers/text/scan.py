"""Tell which of many patterns match a text, in one scan.

Used to find the terms of a codebook and the known names of the dataset in
every sentence: one search per pattern paid the regular-expression engine's
cost per character once per pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, repeat
from operator import is_not

_BEFORE_WORD, _AFTER_WORD = r"(?<![\w])", r"(?![\w])"


def led_by_first(body: str, not_before: str) -> str:
    """``(?<!not_before)body`` written to start with the body's first character, when it is a plain one."""
    first = _first_character(body)
    if first is None:
        return f"(?<!{not_before})" + body
    return re.escape(first) + f"(?<!{not_before}{re.escape(first)})" + body[1:]


def _first_character(body: str) -> str | None:
    """The character every match of ``body`` starts with, when its pattern starts with a plain one.

    A letter or digit not followed by a quantifier; ``body`` is one
    alternative (no ``|`` outside a group), as :func:`which_match` asks.
    """
    if body[:1].isalnum() and body[1:2] not in ("*", "+", "?", "{"):
        return body[0]
    return None


def any_word(alternatives: list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    r"""``\b(?:a|b|...)\b``, compiled to be tried only where a word starts as one of the alternatives does.

    Each alternative is a pattern starting with a plain letter or digit. The engine
    tries every alternative at every word start; a look-ahead on the set of
    first letters, one character test, passes over the other words: twice as
    fast over a whole readout. Same matches as the plain alternation.
    """
    firsts = [_first_character(a) for a in alternatives]
    if not alternatives or None in firsts:
        raise ValueError(f"every alternative starts with a plain letter or digit: {alternatives!r}")
    letters = "".join(sorted(set(firsts)))
    return re.compile(rf"\b(?=[{letters}])(?:{'|'.join(alternatives)})\b", flags)


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
        alternatives = [
            re.escape(first) + "(?:" + "|".join(bodies[i][1:] for i in group) + ")" for first, group in by_first.items()
        ] + [bodies[i] for i in others]
        anywhere = "(?=(?:" + "|".join(alternatives) + ")" + after + ")"
        marks, order = [], []
        for first, group in by_first.items():  # a body's mark is only tried where its first character stands
            marks.append(
                f"(?:(?={re.escape(first)})" + "".join(f"(?:(?=(?:{bodies[i]}){after})()|)" for i in group) + "|)"
            )
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


def which_match(
    folded: str, bodies: tuple[str, ...], before: str = _BEFORE_WORD, after: str = _AFTER_WORD
) -> list[int]:
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
