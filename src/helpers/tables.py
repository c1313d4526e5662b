"""Show a DataFrame as a numbered, captioned, labelled table in the book.

The table is emitted as MyST Markdown (a ``{table}`` directive in a colon fence), which the
book renders as a real table in both HTML and PDF and numbers like any other
table, so prose can refer to it with ``{numref}``. The table is also saved
as CSV under ``_build/tables/`` for readers who cite or reuse it.
"""

from __future__ import annotations

import re

import pandas as pd
from docutils import nodes
from IPython.display import Markdown

from . import escape, paths


class Myst(str):
    """MyST text already made safe by :mod:`helpers.escape` (printed as it is)."""


class Anchor(Myst):
    """A cell's text with an anchor on it: ``[text]{#target}`` (MyST ``attrs_inline``), an ``id`` in the HTML.

    Readers see ``text``; the page can be linked to at ``#target`` (e.g. a
    ClaimReview's address). ``target`` must already be in the form docutils
    gives an id (lower case letters, digits and single hyphens, as
    ``docutils.nodes.make_id`` makes it), so that the id on the built page is
    exactly ``target``. The CSV copy of the table and the column widths use
    ``text``.
    """

    def __new__(cls, text, target: str):
        target = str(target)
        if not target or nodes.make_id(target) != target:
            raise ValueError(f"not an id as docutils writes it: {target!r} (it would be {nodes.make_id(target)!r})")
        anchored = super().__new__(cls, f"[{escape.myst(text)}]{{#{target}}}")
        anchored.text, anchored.target = str(text), target
        return anchored


def link(text, url) -> Myst:
    """``text`` followed by ``url`` as a link, both as text when the address is not a plain http(s) one."""
    return Myst(f"{escape.myst(text)} {escape.myst_url(url)}".strip())


def _cell(value) -> str:
    if isinstance(value, Myst):
        return str(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Every value is text: escaped so that no role, substitution, tag or formula can start in it.
    return escape.myst(value)


def heading(column) -> str:
    """A column's heading for readers: the dataset's field name with its underscores as spaces."""
    return str(column).replace("_", " ")


def to_markdown(frame: pd.DataFrame) -> str:
    """Return ``frame`` as a Markdown pipe table (no index, every cell escaped as text)."""
    header = "| " + " | ".join(_cell(heading(c)) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


#: Characters of 10-point text that fit across the PDF's text block; a table whose
#: columns need more is set in a smaller size (the class is read by the LaTeX
#: writer in tools/sphinx_ext/publication.py), and in the HTML it wraps.
LINE_CHARACTERS = 95
#: The largest share of the line any single column asks for, in characters.
COLUMN_CAP = 60
#: Print sizes, from the normal one down, and the line each gives (in characters).
PRINT_SIZES = [("normal", 1.0), ("small", 1.11), ("footnotesize", 1.25), ("scriptsize", 1.43)]


def _texts(frame: pd.DataFrame) -> dict[str, list[str]]:
    return {heading(c): [_plain(v) for v in frame[c]] for c in frame.columns}


def _plain(value) -> str:
    if isinstance(value, Anchor):
        return value.text
    if isinstance(value, Myst):
        return escape.unescape_myst(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


#: Where a long token may break in print: an address after its slashes (links are set
#: as URLs, which LaTeX breaks there), any text after a hyphen.
_BREAKS = re.compile(r"(?<=-)|(?<=/)(?=[^/])")


def _longest_word(texts: list[str]) -> int:
    return max((len(part) for t in texts for w in t.split() for part in _BREAKS.split(w)), default=1)


#: Room around a column's text (cell padding and rule), in characters.
PADDING = 3


def _needs(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """Per column: the width it must have (its longest word) and the width it would like (its typical text)."""
    out = []
    for header, texts in _texts(frame).items():
        need = max(_longest_word(texts), _longest_word([header]), 3) + PADDING
        typical = sorted(len(t) for t in texts)[int(0.75 * (len(texts) - 1))] + PADDING if texts else need
        out.append((need, max(need, min(typical, COLUMN_CAP))))
    return out


def print_size(frame: pd.DataFrame) -> str:
    """The LaTeX size at which the table's longest words fit side by side on the page."""
    need = sum(n for n, _ in _needs(frame))
    for size, gain in PRINT_SIZES:
        if need <= LINE_CHARACTERS * gain:
            return size
    return PRINT_SIZES[-1][0]


def column_widths(frame: pd.DataFrame) -> list[int]:
    """Relative widths (summing to about 100) from what each column holds.

    Every column first gets its longest word, so that no word is cut (at
    the print size of :func:`print_size`); what is left of the line goes to
    the columns whose typical text is longer, so that a column of quotes
    does not squeeze a column of short codes.
    """
    needs = _needs(frame)
    line = LINE_CHARACTERS * dict(PRINT_SIZES)[print_size(frame)]
    must = sum(n for n, _ in needs)
    extra = sum(w - n for n, w in needs)
    spare = max(0.0, line - must)
    share = min(1.0, spare / extra) if extra else 0.0
    widths = [n + share * (w - n) for n, w in needs]
    total = sum(widths)
    return [max(1, round(100 * w / total)) for w in widths]


def _without_anchors(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each :class:`Anchor` replaced by its text (columns without one are left as they are)."""
    anchored = [c for c in frame.columns if frame[c].map(lambda v: isinstance(v, Anchor)).any()]
    if not anchored:
        return frame
    plain = frame.copy()
    for column in anchored:
        plain[column] = frame[column].map(lambda v: v.text if isinstance(v, Anchor) else v)
    return plain


def show_table(
    frame: pd.DataFrame,
    name: str,
    caption: str,
    *,
    source: str | None = None,
    widths: list[int] | None = None,
    long: bool = False,
) -> Markdown:
    """Return a displayable numbered table labelled ``name`` (``tbl-...``).

    Every value is printed as text. Column widths are given to the table
    (``widths``, relative, or else :func:`column_widths`), so that in the PDF
    every column wraps within the page instead of running off it, and the
    print size is chosen by :func:`print_size`. The full table is also
    saved as CSV under ``_build/tables/``. ``long`` lets the PDF break the
    table across pages (a LaTeX longtable; Sphinx does so by itself beyond
    30 rows), for a table whose rows are tall.
    """
    if not name.startswith("tbl-"):
        raise ValueError(f"table names start with 'tbl-': {name!r}")
    if widths is not None and len(widths) != len(frame.columns):
        raise ValueError(f"{name}: {len(widths)} widths for {len(frame.columns)} columns")
    out = paths.build_dir() / "tables"
    out.mkdir(exist_ok=True)
    _without_anchors(frame).to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    title = escape.myst(caption if source is None else f"{caption} Source: {source}")
    widths = widths or column_widths(frame)
    options = (
        f":name: {name}\n:widths: {' '.join(map(str, widths))}\n"
        f":class: report-table colwidths-given print-{print_size(frame)}{' longtable' if long else ''}\n"
    )
    # A colon fence: the caption may hold escaped backticks, which end a backtick fence's info string.
    return Markdown(f":::{{table}} {title}\n{options}\n{to_markdown(frame)}\n:::\n")
