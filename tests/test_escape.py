"""Text from the data is printed as text in every format (helpers.escape).

The payloads of tests/hostile.py go through the report's own table
function into a small Sphinx project built with MyST-NB, as the book's
chapters are, in HTML and LaTeX: each must come out as its literal
characters, and nothing may run, load or include anything.
"""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from helpers import escape, figures
from helpers.tables import Anchor, link, show_table
from helpers.text import normalise

from hostile import MARKER, PAYLOADS


def collapse(text: str) -> str:
    # Sphinx's smart quotes turn ' and " into curly ones and -- into a dash: typography, not markup.
    return re.sub(r"\s+", " ", normalise(text)).replace("--", "-").strip()


class Page(html.parser.HTMLParser):
    """The table cells' text, every tag with its attributes, and the text of script elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells, self.tags, self.scripts = [], [], []
        self._cell = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("td", "th"):
            self._cell = []
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append(collapse("".join(self._cell)))
            self._cell = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_script:
            self.scripts.append(data)


#: Inline attributes (MyST attrs_inline, on in the book) written in the data: text, never an id or a handler.
ATTRS_PAYLOAD = '[x]{#evil .cls onclick="alert(1)"}'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A one-page MyST-NB project whose notebook shows every payload in a table and its caption."""
    root = tmp_path_factory.mktemp("escape-book")
    source = root / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        "extensions = ['myst_nb']\n"
        "myst_enable_extensions = ['colon_fence', 'deflist', 'attrs_inline']\n"  # as in _config.yml
        "nb_execution_mode = 'off'\n"
        "nb_render_markdown_format = 'myst'\n"
        "numfig = True\n"
        "master_doc = 'index'\n"
        "latex_documents = [('index', 'book.tex', 'Book', 'Team', 'manual')]\n",
        encoding="utf-8",
    )
    frame = pd.DataFrame({"family": list(PAYLOADS), "value": list(PAYLOADS.values())})
    shown = show_table(
        frame,
        "tbl-hostile",
        "Caption with " + PAYLOADS["jinja-exec"] + PAYLOADS["script"],
        source=PAYLOADS["role-download"],
    )
    links = show_table(
        pd.DataFrame(
            {
                "source": [
                    link("Safe page", "https://example.org/a?b=1#c"),
                    link("Bad page", "javascript:alert('xss')"),
                    Anchor("N02", "claim-n02"),
                    ATTRS_PAYLOAD,
                ]
            }
        ),
        "tbl-links",
        "Links.",
    )
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Payloads\n\nSee {numref}`tbl-hostile`."),
        nbformat.v4.new_code_cell("show_table(...)"),
        nbformat.v4.new_code_cell("show_table(...)"),
    ]
    for cell, output in zip(notebook.cells[1:], (shown, links), strict=True):
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"text/markdown": output.data, "text/plain": "<table>"})
        ]
    nbformat.write(notebook, source / "index.ipynb")
    for builder in ("html", "latex"):
        done = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-W", str(source), str(root / builder)],
            cwd=root,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def page(built):
    parsed = Page()
    parsed.feed((built / "html" / "index.html").read_text(encoding="utf-8"))
    return parsed


@pytest.mark.parametrize("family", list(PAYLOADS))
def test_each_payload_shows_as_its_own_characters_in_html(page, family):
    assert collapse(PAYLOADS[family]) in page.cells


def test_nothing_ran_was_injected_or_copied(built, page):
    assert not list(built.rglob(MARKER)) and not (Path.cwd() / MARKER).exists()
    assert not any("alert" in script for script in page.scripts)
    for tag, attrs in page.tags:
        assert tag not in ("img", "style", "iframe", "object") or "example" in str(attrs), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any((value or "").strip().lower().startswith(("javascript:", "data:")) for value in attrs.values())
    assert not (built / "html" / "_downloads").exists()
    everything = "".join(
        p.read_text(errors="replace")
        for p in built.rglob("*")
        if p.is_file() and p.suffix in (".html", ".tex", ".txt", ".js")
    )
    assert "root:x:0:0" not in everything


def test_the_caption_is_text_too(page, built):
    html_text = (built / "html" / "index.html").read_text(encoding="utf-8")
    assert "Caption with {{ env.app" in html_text
    assert "{download}`../../../../etc/passwd`" in html_text


def test_only_plain_http_addresses_become_links(page):
    hrefs = [attrs.get("href", "") for tag, attrs in page.tags if tag == "a"]
    assert "https://example.org/a?b=1#c" in hrefs
    assert not any("javascript" in href for href in hrefs)
    assert "Bad page javascript:alert('xss')" in page.cells


def test_an_anchor_is_an_id_and_attributes_in_the_data_are_text(page):
    assert ("span", {"id": "claim-n02"}) in page.tags and "N02" in page.cells
    assert ATTRS_PAYLOAD in page.cells
    assert not any(attrs.get("id") == "evil" or "cls" in (attrs.get("class") or "") for _, attrs in page.tags)


def test_latex_gets_no_command_from_the_data(built):
    tex = (built / "latex" / "book.tex").read_text(encoding="utf-8")
    assert re.search(r"(?<!textbackslash\{\})\\(?:input|include|openin|write18|immediate|read)\b", tex) is None
    assert "textbackslash{}input" in tex  # the payload is there, as text


def test_myst_escapes_every_ascii_punctuation_and_joins_lines():
    assert escape.myst("a*b {c}`d`\n$e$") == r"a\*b \{c\}\`d\` \$e\$"
    assert escape.myst("Dr. Liz Sherwood-Randall") == r"Dr\. Liz Sherwood\-Randall"


def test_latex_and_html_escape_their_specials():
    assert escape.latex(r"50% \input{x} $1 & #2 ^ ~ _") == (
        r"50\% \textbackslash{}input\{x\} \$1 \& \#2 \textasciicircum{} \textasciitilde{} \_"
    )
    assert escape.html("<a href='x'>&</a>") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&lt;/a&gt;"


def test_json_in_html_cannot_close_its_script_element():
    text = escape.json_in_html({"quote": "</script><script>alert(1)</script> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"quote": "</script><script>alert(1)</script> & \u2028"}


def test_a_dollar_pair_in_a_figure_label_is_no_formula(tmp_path):
    figures.apply_style()
    fig, ax = plt.subplots()
    ax.set_title(r"$\input{/etc/passwd}$ costs $3 and $4")  # mathtext would raise on \input
    fig.savefig(tmp_path / "label.svg")
    plt.close(fig)
    assert r"$\input{/etc/passwd}$" in (tmp_path / "label.svg").read_text(encoding="utf-8")
