"""Print a value from the dataset as text, never as markup.

A name, a title or a quote comes from a readout that anyone could have
written. Wherever such a value is printed into something that a program
will parse (the MyST Markdown of a table, an HTML page, a LaTeX file, a
JSON-LD block inside HTML) it goes through the one
function here for that format, which makes every character stand for
itself: no role, directive, substitution, tag, command or formula can be
formed from data. (Figures switch matplotlib's mathtext off instead, in
:func:`helpers.figures.apply_style`, so a ``$`` pair in a label stays text.)
"""

from __future__ import annotations

import html as _html
import json
import re

#: Every ASCII punctuation character: CommonMark (and so MyST) lets a
#: backslash make each of them literal, and markup needs at least one of
#: them (``{role}`x```, ``{{ sub }}``, ``<tag>``, ``$x$``, ``[a](b)``, ``*x*``).
_ASCII_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
#: An address that can be a link: http(s), then only characters that cannot end or
#: break out of an autolink or an attribute (no space, quote, bracket, brace or backslash).
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}
_LATEX = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))

#: Characters that would end a ``<script>`` element or an HTML comment, or
#: that JavaScript reads as line ends, written as JSON escapes instead.
_JSON_IN_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def myst(value) -> str:
    """``value`` as MyST inline text that renders as exactly its characters.

    Line breaks become spaces (a table cell or a caption is one line).
    Every ASCII punctuation character is backslash-escaped, which CommonMark
    defines as literal, so that roles, substitutions, raw HTML, links,
    emphasis and maths cannot start inside it.
    """
    text = _LINE_BREAKS.sub(" ", str(value)).strip()
    return _ASCII_PUNCTUATION.sub(r"\\\1", text)


def unescape_myst(text: str) -> str:
    """The characters a reader sees of MyST made by :func:`myst` or :func:`myst_url`."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"<(https?://[^>]+)>", r"\1", str(text)))


def myst_url(url) -> str:
    """``url`` as a MyST autolink when it is a plain http(s) address, else as text."""
    url = str(url).strip()
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else myst(url)


def html(value) -> str:
    """``value`` as HTML text (``<``, ``>``, ``&`` and both quotes escaped)."""
    return _html.escape(str(value), quote=True)


def latex(value) -> str:
    """``value`` as LaTeX text: the ten special characters made literal."""
    return _LATEX.sub(lambda m: _LATEX_SPECIALS[m.group()], str(value))


def json_in_html(data, **dumps) -> str:
    """``data`` as JSON safe to place inside an HTML ``<script>`` element."""
    text = json.dumps(data, **dumps)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_IN_HTML[m.group()], text)
