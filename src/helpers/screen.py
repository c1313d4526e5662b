"""Tell a reviewer what in a readout no readout needs.

A press release does not contain HTML tags, template braces, MyST roles or
LaTeX commands, nor control characters. The book prints every value as text
(:mod:`helpers.escape`), so such things cannot run; but their presence says
the text was copied with its page code or was written to attack the build,
and the reviewer should look before accepting it. The drafting command also
warns when the text does not look like English, the only language its rules
read.
"""

from __future__ import annotations

import re

from .text import markdown

#: (what it is, pattern): each finding is reported with its line.
_SUSPECT = [
    ("an HTML tag or comment", re.compile(r"<\s*/?\s*[A-Za-z][^>\n]{0,200}>|<!--[^\n]*?-->|<!--")),
    ("template braces (Jinja)", re.compile(r"\{\{|\}\}|\{%|%\}")),
    ("a MyST or Sphinx role", re.compile(r"\{[A-Za-z][\w:+-]*\}`")),
    ("a MyST directive fence", re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{", re.MULTILINE)),
    (
        "a LaTeX command",
        re.compile(
            r"\\(?:input|include|openin|openout|write|read|immediate|catcode|def|"
            r"usepackage|documentclass|csname|lstinputlisting|verbatiminput)\b|"
            r"\\[A-Za-z]{2,}\s*\{"
        ),
    ),
    (
        "a javascript: or data: address",
        re.compile(r"\b(?:javascript|vbscript)\s*:|\bdata:[a-z]+/[\w.+-]+[;,]", re.IGNORECASE),
    ),
    ("a control character", re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")),
    ("a bidirectional control character", re.compile("[\u202a-\u202e\u2066-\u2069]")),
]

_ENGLISH = frozenset("the of and to in that is for with on as by are was this be have from".split())
_SPANISH = frozenset("el la los las de del que y en por para con se una es al lo como su".split())


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def findings(text: str, fmt: str = "text") -> list[str]:
    """One warning per kind of suspect content, with the line of its first occurrence.

    In a Markdown text (``fmt``), the formatting tags a converter leaves (``<u>``, ``<sup>``, comments)
    are its page code, removed when the text is read: they are not reported.
    """
    out = []
    for what, pattern in _SUSPECT:
        matches = list(pattern.finditer(text))
        if fmt == "markdown" and what == "an HTML tag or comment":
            matches = [m for m in matches if not markdown.is_format_tag(m.group())]
        if matches:
            first = matches[0]
            more = f" (and {len(matches) - 1} more)" if len(matches) > 1 else ""
            out.append(
                f"line {_line(text, first.start())}: {what}, {first.group()[:40]!r}{more}: "
                "no readout needs it; check the text before accepting it (it is kept and shown as text)"
            )
    language = likely_language(text)
    if language != "en":
        out.append(
            f"the text does not read as English (it looks like {language}): the drafting rules read "
            "English, so expect to review every row by hand"
        )
    return out


def likely_language(text: str) -> str:
    """``"en"``, ``"es"`` or ``"unknown"``, by the commonest function words of each language."""
    words = re.findall(r"[a-záéíóúñü]+", text[:200_000].casefold())
    if len(words) < 20:
        return "en"  # too short to tell; do not warn
    english = sum(w in _ENGLISH for w in words)
    spanish = sum(w in _SPANISH for w in words)
    if english >= spanish and english >= 0.08 * len(words):
        return "en"
    return "es" if spanish > english else "unknown"
