"""A Markdown readout read as its statement (helpers.text.markdown), on short constructed texts."""

from __future__ import annotations

import datetime as dt

from helpers.cleaning import prepare
from helpers.text import markdown

PAGE = """---
title: "FACT SHEET: A Meeting of\\_Two Delegations"
date: '2025-02-07'
source_url: https://example.org/briefing/2024/02/07/fact-sheet/
published_time: 2025-02-07 18:00:00-05:00
---

Today, Secretary of State Jane Doe, Attorney General John
Roe, and other officials met with their **Mexican** counterparts.  
  
**<u>GOAL 1:  PROTECT</u>** The two countries agreed to
[a plan](https://example.org/plan) costing \\$3.4 billion.<!-- -->

-   The U.S. delegation was led by Secretary Jane Doe and included
    Deputy Secretary of State for Management and Resources Rick Row;
    Ambassador Ken Sal.
-   A second item.

## A heading
The 21<sup>st</sup> century, *emphasis* and 5 \\* 3.
"""


def test_front_matter_gives_title_date_and_address():
    meta = markdown.front_matter(PAGE)
    assert meta["title"] == "FACT SHEET: A Meeting of\u00a0Two Delegations"
    assert meta["date"] == "2025-02-07" and meta["source_url"].startswith("https://example.org/")
    assert markdown.front_matter("No front matter here.") == {}
    assert markdown.has_front_matter(PAGE) and not markdown.has_front_matter("---x")


def test_plain_joins_wrapped_lines_and_drops_markup():
    lines = markdown.plain(PAGE).splitlines()
    assert lines[0] == (
        "Today, Secretary of State Jane Doe, Attorney General John Roe, and other officials met "
        "with their Mexican counterparts."
    )
    assert lines[1] == "GOAL 1: PROTECT The two countries agreed to a plan costing $3.4 billion."
    assert lines[2] == (
        "- The U.S. delegation was led by Secretary Jane Doe and included Deputy Secretary of State "
        "for Management and Resources Rick Row; Ambassador Ken Sal."
    )
    assert lines[3] == "- A second item."
    assert lines[4] == "A heading"
    assert lines[5] == "The 21st century, emphasis and 5 * 3."


def test_a_hard_line_break_ends_a_line():
    assert markdown.plain("Participants:  \nJane Doe  \nJohn Roe\n").splitlines() == [
        "Participants:",
        "Jane Doe",
        "John Roe",
    ]


def test_other_html_is_kept_as_text():
    # Only formatting tags a converter leaves are dropped; anything else stays, and is printed as text.
    assert markdown.plain("A <script>alert(1)</script> b.\n") == "A <script>alert(1)</script> b.\n"


def test_prepare_reads_markdown_then_normalises():
    assert prepare("**Caf\u00e9**\u00a0today  \nnext\n", "markdown") == "Café today\nnext\n"
    assert prepare("**Caf\u00e9**\u00a0today\n", "text") == "**Café** today\n"


def test_the_draft_reads_the_front_matter(tmp_path, ds):
    from helpers import ingest

    path = tmp_path / "readout.md"
    path.write_text(PAGE, encoding="utf-8")
    draft = ingest.draft(path, ds=ds)
    document = draft["document"]
    assert (document["format"], document["title"]) == ("markdown", "FACT SHEET: A Meeting of Two Delegations")
    assert document["publication_date"] == "2025-02-07" and document["source_url"].endswith("/fact-sheet/")
    assert document["genre"] == "fact sheet"
    # "Today" in the sentence that reports the meeting: the publication day, worked out, not written.
    assert (draft["meeting"]["date"], draft["meeting"]["date_status"]) == (dt.date(2025, 2, 7).isoformat(), "inferred")


def test_the_draft_does_not_warn_about_a_markdown_text_s_own_formatting():
    from helpers import screen

    assert screen.findings("a <u>b</u> <!-- --> 21<sup>st</sup>\n", "markdown") == []
    assert screen.findings("a <u>b</u>\n", "text") != []
    assert "script" in " ".join(screen.findings("a <script>x</script>\n", "markdown"))
