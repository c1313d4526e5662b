"""Read a Markdown readout as plain text: its statement without its page code.

Readouts copied from web pages often come as Markdown: YAML front matter
(title, date, address), hard-wrapped lines, emphasis, links, escaped
characters and a few inline HTML tags left by the conversion. None of that
is the statement. :func:`plain` turns such a text into the form every
analysis reads: one paragraph per line, one line per list item, the words
without their markup. :func:`front_matter` reads the metadata block.

The rules are CommonMark's, kept to what press texts use, and applied in
code: the raw file is never edited.
"""

from __future__ import annotations

import re

import yaml

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_BLANK = re.compile(r"\n[ \t\u00a0]*\n")
_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
#: Inline formatting tags a converter leaves (their text is kept) and HTML comments.
_FORMAT_TAG = re.compile(
    r"</?(?:u|sup|sub|span|em|strong|b|i|small|mark|font|a)\b[^>]*>|<br\s*/?>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{2,3}|_{2,3}(?!\w)")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_SPACES = re.compile(r"[ \t]+")


def is_format_tag(tag: str) -> bool:
    """Whether ``tag`` is one of the formatting tags (or a comment) :func:`plain` removes."""
    return bool(_FORMAT_TAG.fullmatch(tag))


def has_front_matter(text: str) -> bool:
    """Whether ``text`` opens with a YAML front-matter block (``---`` lines)."""
    return bool(_FENCE.match(text))


def front_matter(text: str) -> dict:
    """The metadata of the front-matter block (empty when there is none or it is not YAML mapping)."""
    m = _FENCE.match(text)
    if not m:
        return {}
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def body(text: str) -> str:
    """``text`` without its front-matter block."""
    m = _FENCE.match(text)
    return text[m.end() :] if m else text


def inline(text: str) -> str:
    """One line of Markdown as its words: links, images, emphasis, formatting tags and escapes resolved."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _FORMAT_TAG.sub("", text)
    # Escaped characters are protected from the emphasis rule, then restored.
    protected = _ESCAPE.sub(lambda m: f"\x00{ord(m.group(1))}\x00", text)
    protected = _EMPHASIS.sub("", protected)
    text = re.sub(r"\x00(\d+)\x00", lambda m: chr(int(m.group(1))), protected)
    return _SPACES.sub(" ", text).strip()


def _block_lines(block: str) -> list[str]:
    """A block of Markdown as lines of text: list items one per line, everything else one paragraph."""
    lines, current, in_item = [], [], False
    for raw in block.split("\n"):
        item = _ITEM.match(raw)
        heading = _HEADING.match(raw)
        if item or heading:
            if current:
                lines.append(" ".join(current))
            marker = "- " if item else ""
            current, in_item = [marker + raw[(item or heading).end() :].strip()], bool(item)
            if heading:  # a heading is a line of its own
                lines.append(" ".join(current))
                current, in_item = [], False
            continue
        stripped = raw.strip()
        if not stripped:
            continue
        if raw.endswith(("  ", "\\")) and not in_item:
            # A hard line break: the line ends here.
            current.append(stripped.rstrip("\\").rstrip())
            lines.append(" ".join(current))
            current = []
            continue
        current.append(stripped)
    if current:
        lines.append(" ".join(current))
    return lines


def plain(text: str) -> str:
    """The statement of a Markdown text: no front matter, one paragraph or list item per line, no markup."""
    out = []
    for block in _BLANK.split("\n" + body(text).replace("\r\n", "\n") + "\n"):
        for line in _block_lines(block):
            words = inline(line)
            if words and words != "-":
                out.append(words)
    return "\n".join(out) + "\n"
