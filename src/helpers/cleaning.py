"""Derive the cleaned text of a document from its raw text.

Cleaning is two steps: preparation (a Markdown text read as its statement,
:func:`helpers.text.markdown.plain`; Unicode normalisation,
:func:`helpers.text.normalise`) and the declared page-furniture rules of ``data/cleaning_rules.csv``. Each
rule names its document and the exact text it removes; a rule that matches
zero times or more than once is an error, so a rule can never silently drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .errors import DataError
from .schema import line_of
from .text import markdown, normalise

RULES_FILE = "cleaning_rules.csv"


@dataclass(frozen=True)
class Removal:
    """One application of a cleaning rule."""

    rule_id: str
    doc_id: str
    action: str
    removed: str
    reason: str


#: The formats of ``documents.format``: plain text, or Markdown (read as :func:`helpers.text.markdown.plain`).
FORMATS = ("text", "markdown")


@lru_cache(maxsize=128)
def prepare(raw: str, fmt: str = "text") -> str:
    """The raw text as every quote and rule reads it: a Markdown text as its statement, then normalised.

    Kept for the texts last prepared (a pure function of its arguments): loading the dataset prepares each
    text twice, for the cleaning rules and for the quotes of the raw text, and a process that loads it
    again (an accept, a test) finds them ready.
    """
    if fmt == "markdown":
        raw = markdown.plain(raw)
    elif fmt != "text":
        raise ValueError(f"unknown document format {fmt!r}: one of {FORMATS}")
    return normalise(raw)


def apply_rules(doc_id: str, raw: str, rules: pd.DataFrame, fmt: str = "text") -> tuple[str, list[Removal]]:
    """Return the cleaned text of ``doc_id`` and the removals made.

    The raw text is first prepared (:func:`prepare`: Markdown read as
    text, then normalised). ``rules`` is the cleaning-rules table; only the
    rows of ``doc_id`` apply, in ``rule_id`` order. ``remove`` deletes its
    exact text; ``truncate`` deletes from its marker to the end of the
    document.
    """
    text = prepare(raw, fmt)
    removals: list[Removal] = []
    own = rules[rules["doc_id"] == doc_id].sort_values("rule_id", kind="stable")
    for row_number, rule in zip(own.index + 1, own.itertuples(index=False), strict=True):
        count = text.count(rule.text)
        if count != 1:
            found = "does not occur" if count == 0 else f"occurs {count} times"
            raise DataError(
                RULES_FILE,
                f"rule {rule.rule_id}: the text {rule.text[:60]!r} {found} in the normalised text of "
                f"{doc_id}; a rule must match exactly once",
                row=int(row_number),
                field="text",
                line=line_of(rules, int(row_number)),
            )
        start = text.index(rule.text)
        if rule.action == "truncate":
            removed, text = text[start:], text[:start]
        else:
            removed = rule.text
            text = text[:start] + text[start + len(rule.text) :]
        removals.append(Removal(rule.rule_id, doc_id, rule.action, removed, rule.reason))
    return _tidy(text), removals


def _tidy(text: str) -> str:
    """Collapse the blank lines a removal leaves behind."""
    lines = text.split("\n")
    tidy: list[str] = []
    for line in lines:
        if line.strip() == "" and (not tidy or tidy[-1] == ""):
            continue
        tidy.append(line.strip() if line.strip() == "" else line)
    return "\n".join(tidy).strip() + "\n"
