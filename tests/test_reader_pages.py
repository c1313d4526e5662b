"""The reader's pages speak to a policy reader: no developer vocabulary outside one appendix.

Every page of the book except "Reproducing this report" is read as the reader
sees it: the Markdown of the pages and of the chapters' text cells, the
captions, table cells and source lines the chapters print, and the key
findings. Code cells themselves are hidden in the HTML and absent from the
PDF, so they are not read; what they print is.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers import paths

ROOT = paths.project_root()
#: The one page allowed to speak of code, tests and build tools.
REPRODUCING = "chapters/appendix_reproducing"

#: Developer words a policy reader should not meet (issue 17): tests, helpers, modules, glue, make, Python,
#: function names and the loader. "test" alone is English ("a statistical test"); the test suite is not.
DEVELOPER_WORDS = {
    "the tests": r"\b(the|our|unit|a) tests?\b(?! of significance)",
    "test suite": r"\btest suite\b",
    "pytest or nbval": r"\bpytest\b|\bnbval\b",
    "helpers": r"\bhelpers\b",
    "module": r"\bmodules?\b",
    "glue": r"\bglue\b|\bglued from\b",
    "make target": r"`make\b|\bmake (book|test|html|pdf|notebooks|key-figures|lab|venv|bench|clean)\b",
    "Python": r"\bpython\b",
    "a file of code": r"\b\w+\.py\b",
    "the loader": r"\b(the )?loader\b|load_dataset",
    "notebook cell": r"\bnotebook cells?\b|\bcode cells?\b",
    "a function name": r"\b[a-z_]+\.[a-z_]+\([^)]*\)",
}


def reader_pages() -> list[str]:
    """Every page of the table of contents except the reproducing appendix, as paths without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return [page for page in pages if page != REPRODUCING]


def reader_text(page: str) -> str:
    """What a reader of ``page`` sees: Markdown, and for a notebook the text of its text cells and of the
    outputs its code cells print (tables, captions, source lines), never the code."""
    markdown = ROOT / f"{page}.md"
    if markdown.exists():
        text = markdown.read_text(encoding="utf-8")
        # Code and raw blocks for one output format (the LaTeX of the key findings' headings) are markup.
        return re.sub(r"```\{raw\}.*?```", "", text, flags=re.S)
    notebook = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
            continue
        for key in ("caption", "source"):
            parts.append(str(cell["metadata"].get(key, "")))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/markdown", "text/plain"):
                if mime in data:
                    parts.append("".join(data[mime]))
            if output.get("output_type") == "stream":
                parts.append("".join(output["text"]))
    return "\n".join(parts)


#: MyST roles (`{glue:text}`key``, `{numref}`label``, `{cite:p}`key``) are markup: the reader sees their result.
ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")


def developer_words(text: str) -> list[str]:
    """Each developer word of :data:`DEVELOPER_WORDS` in ``text``, with its context."""
    text = ROLE.sub("", text)
    found = []
    for name, pattern in DEVELOPER_WORDS.items():
        for match in re.finditer(pattern, text, flags=re.I):
            line = text[max(0, match.start() - 60) : match.end() + 40].replace("\n", " ")
            found.append(f"{name}: ...{line}...")
    return found


@pytest.mark.parametrize("page", reader_pages())
def test_a_reader_page_has_no_developer_vocabulary(page):
    assert developer_words(reader_text(page)) == []


def test_the_reproducing_appendix_is_in_the_book_and_may_speak_of_code():
    assert (ROOT / f"{REPRODUCING}.md").exists() and REPRODUCING not in reader_pages()
    assert developer_words((ROOT / f"{REPRODUCING}.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The tests find every quote.",
        "the loader checks it",
        "computed by `helpers.themes.hits(ds)`",
        "run `make test`",
        "make book builds it",
        "see src/helpers/claims.py",
        "glued from the data",
        "written in Python",
        "the claims module",
        "in a notebook cell",
    ],
)
def test_each_kind_of_developer_word_is_caught(sentence):
    assert developer_words(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Tolerances are a stated convention, not a statistical test.",
        "to make a citation exact",
        "the Mérida Initiative's four pillars",
        "U.S. Department of Homeland Security",
        "one per 1,000 words",
    ],
)
def test_ordinary_english_is_not_caught(sentence):
    assert developer_words(sentence) == []
