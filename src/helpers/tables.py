"""Show a DataFrame as a numbered, captioned, labelled table in the book.

The table is emitted as MyST Markdown (a ``{table}`` directive), which the
book renders as a real table in both HTML and PDF and numbers like any other
table, so prose can refer to it with ``{numref}``. The table is also saved
as CSV under ``_build/tables/`` for readers who cite or reuse it.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from . import paths


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Cells are parsed as MyST: an escaped "$" stays a literal dollar sign even
    # if dollar maths is switched on ("$855 billion ... $3 billion" is no formula).
    text = str(value).replace("\n", " ").replace("|", "\\|").replace("$", "\\$")
    return text.strip()


def to_markdown(frame: pd.DataFrame) -> str:
    """Return ``frame`` as a Markdown pipe table (no index, cells escaped)."""
    header = "| " + " | ".join(_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def show_table(frame: pd.DataFrame, name: str, caption: str, *, source: str | None = None,
               widths: list[int] | None = None) -> Markdown:
    """Return a displayable numbered table labelled ``name`` (``tbl-...``).

    ``widths`` gives relative column widths, for tables whose automatic
    layout in the PDF would squeeze a column of short codes.
    """
    if not name.startswith("tbl-"):
        raise ValueError(f"table names start with 'tbl-': {name!r}")
    if widths is not None and len(widths) != len(frame.columns):
        raise ValueError(f"{name}: {len(widths)} widths for {len(frame.columns)} columns")
    out = paths.build_dir() / "tables"
    out.mkdir(exist_ok=True)
    frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    title = caption if source is None else f"{caption} Source: {source}"
    options = f":name: {name}\n" + (f":widths: {' '.join(map(str, widths))}\n" if widths else "")
    return Markdown(f"```{{table}} {title}\n{options}\n{to_markdown(frame)}\n```\n")
