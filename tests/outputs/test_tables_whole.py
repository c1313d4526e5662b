"""Every table of the chapters is whole in both formats, and no PDF page runs into its footer.

The tables are read from what the chapters print (the Markdown of each
table, unescaped). In the HTML page the table with the same label has the
same column headers, in order, with the widths the chapter gives it, and its
first and last rows; in the PDF, the headers and those rows are found whole
(white space aside: a cell wraps within its column). A column dropped or a
row cut off fails the test.
"""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser

import pytest

from helpers.escape import unescape_myst
from helpers.text import normalise

from conftest import ROOT


def chapter_tables() -> list[dict]:
    """Every table the chapters print: page, label, headers and rows, as plain text."""
    found = []
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                markdown = "".join(output.get("data", {}).get("text/markdown", ""))
                for block in re.findall(r"^:::\{table\}.*?^:::$", markdown, re.M | re.S):
                    label = re.search(r"^:name: (\S+)$", block, re.M).group(1)
                    lines = [line for line in block.splitlines() if line.startswith("|")]
                    rows = [[unescape_myst(c.strip()) for c in _cells(line)] for line in lines]
                    found.append({"page": notebook.stem, "label": label, "headers": rows[0], "rows": rows[2:]})
    return found


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row, splitting on pipes that are not escaped, as a reader sees them:
    a link or an anchored span (``[text](url)``, ``[text]{#id}``) shows its text."""
    cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
    return [re.sub(r"(?<!\\)\[(.*?)(?<!\\)\](?:\((?:[^()]|\([^()]*\))*\)|\{#[^}]*\})", r"\1", cell) for cell in cells]


def squeeze(text: str) -> str:
    """Text with all white space and hyphens removed and typographic forms made plain: a cell wrapped or
    hyphenated within its column still matches."""
    return re.sub(r"[\s-]+", "", normalise(text))


class _Tables(HTMLParser):
    """The tables of an HTML page by id: their headers, cell texts and column widths."""

    def __init__(self):
        super().__init__()
        self.tables, self._current, self._cell = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._current = self.tables.setdefault(attrs["id"], {"headers": [], "cells": [], "cols": 0})
        elif self._current is not None and tag == "col":
            self._current["cols"] += 1
        elif self._current is not None and tag in ("th", "td"):
            self._cell = (tag, [])

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1].append(data)

    def handle_endtag(self, tag):
        if self._cell is not None and tag == self._cell[0]:
            text = " ".join("".join(self._cell[1]).split())
            self._current["headers" if tag == "th" else "cells"].append(text)
            self._cell = None
        elif tag == "table":
            self._current = None


TABLES = chapter_tables()


@pytest.fixture(scope="module")
def html_tables(html_dir):
    pages = {}
    for page in {t["page"] for t in TABLES}:
        parser = _Tables()
        parser.feed((html_dir / "chapters" / f"{page}.html").read_text(encoding="utf-8"))
        pages[page] = parser.tables
    return pages


@pytest.fixture(scope="module")
def pdf_squeezed(pdf_text):
    return squeeze(pdf_text)


def test_the_chapters_print_tables():
    assert len(TABLES) >= 30


@pytest.mark.parametrize("table", TABLES, ids=[t["label"] for t in TABLES])
def test_the_html_table_is_whole_with_its_widths(table, html_tables):
    shown = html_tables[table["page"]].get(table["label"])
    assert shown is not None, f"{table['label']} is not on the page"
    assert shown["headers"] == [" ".join(h.split()) for h in table["headers"]]
    assert shown["cols"] == len(table["headers"]), "the HTML table lost the column widths the chapter gives"
    cells = [" ".join(c.split()) for c in shown["cells"]]
    for row in (table["rows"][0], table["rows"][-1]):
        expected = [" ".join(c.split()) for c in row]
        assert any(cells[i : i + len(expected)] == expected for i in range(0, len(cells), len(expected))), expected


@pytest.mark.parametrize("table", TABLES, ids=[t["label"] for t in TABLES])
def test_the_pdf_table_is_whole(table, pdf_squeezed):
    assert squeeze("".join(table["headers"])) in pdf_squeezed, "a column header is missing or out of order"
    for row in (table["rows"][0], table["rows"][-1]):
        assert squeeze("".join(row)) in pdf_squeezed, f"row not found whole: {row}"


# Pages that run past their text area -----------------------------------------------------


def page_lines(pdf_path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """For every page of the PDF, its height and its lines of text as (top, bottom, text), in points."""
    return [(height, [line[:3] for line in lines]) for height, lines in _pages(pdf_path)]


def _pages(pdf_path) -> list[tuple[float, list[tuple[float, float, str, float]]]]:
    """Every page's height and its lines as (top, bottom, text, right edge), in points."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.S):
        lines = [
            (float(top), float(bottom), " ".join(re.findall(r">([^<]+)</word>", words)), float(right))
            for top, right, bottom, words in re.findall(
                r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" '
                r'yMax="([\d.]+)">(.*?)</line>',
                body,
                re.S,
            )
        ]
        pages.append((float(height), lines))
    return pages


def past_the_right_margin(pages) -> list[tuple[int, str]]:
    """Lines that end right of the text area: its right edge is where the running footer ends (the folio
    of a right-hand page, the running title of a left-hand one), the same on every page."""
    edges = [
        right
        for height, lines in pages
        for top, bottom, text, right in lines
        if top > 0.9 * height and re.fullmatch(r"\d+", text.strip())
    ]
    if not edges:
        return []
    edge = max(edges)
    return [
        (number, text[-60:])
        for number, (height, lines) in enumerate(pages, start=1)
        for top, bottom, text, right in lines
        if right > edge + 3
    ]


def overflowing_lines(pages) -> list[tuple[int, str]]:
    """Lines that reach the footer: the footer is the lowest page number at the foot of the page, with the
    running title level with it; any other line whose bottom is below the footer's top has run past the text
    area."""
    found = []
    for number, (height, lines) in enumerate(pages, start=1):
        folios = [
            top for top, bottom, text in lines if re.fullmatch(r"\d+|[ivxlcdm]+", text.strip()) and top > 0.85 * height
        ]
        if not folios:
            continue  # a page without a folio (title page, blank page)
        footer_top = max(folios)  # the lowest: a table of contents has page numbers above it
        # The footer line holds the folio and, level with it, the running title.
        found += [
            (number, text[:60]) for top, bottom, text in lines if bottom > footer_top - 1 and abs(top - footer_top) > 2
        ]
    return found


def test_a_line_in_the_footer_is_found():
    page = (
        842.0,
        [
            (100.0, 110.0, "body"),
            (790.0, 800.0, "37"),
            (790.0, 800.0, "Introduction"),
            (822.0, 832.0, "a table row past the foot"),
        ],
    )
    assert overflowing_lines([page]) == [(1, "a table row past the foot")]
    assert overflowing_lines([(842.0, page[1][:3])]) == []


def test_no_page_runs_into_its_footer(pdf_path):
    overflowing = overflowing_lines(page_lines(pdf_path))
    assert not overflowing, overflowing


def test_a_line_past_the_right_margin_is_found():
    page = (
        842.0,
        [
            (100.0, 110.0, "body", 520.0),
            (790.0, 800.0, "37", 523.0),
            (200.0, 210.0, "https://example.org/a-long-address-that-does-not-break", 597.0),
        ],
    )
    assert past_the_right_margin([page]) == [(1, "https://example.org/a-long-address-that-does-not-break")]


def test_no_line_runs_past_the_right_margin(pdf_path):
    overflowing = past_the_right_margin(_pages(pdf_path))
    assert not overflowing, overflowing
