"""A hostile readout, added the documented way (draft, review, accept), cannot take over the book.

The readout's title, one of its sentences and the names a reviewer copies
from it carry every payload family of tests/hostile.py. It is drafted,
reviewed and accepted into a temporary copy of data/. The chapters that show
such text (the corpus chapter: titles, names, places; the claims chapter:
sentences, and titles in the ClaimReview records) are built into HTML and PDF
from that copy with the report's own configuration. Then: nothing ran, nothing
was included or copied, each payload reads as its own characters on the page
and in the PDF, and the new meeting is in every analysis.

The other chapters print none of the readout's text (their tables show ids,
counts, codebook labels and sentences of recurring themes; the payloads were
looked for there): building them would cost three quarters of the test and
check no escaping. That they take the new meeting in is checked on the
analyses they call, from the same copy of the data.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import claims, ingest, load_dataset, networks, themes

from conftest import ROOT
from hostile import MARKER, PAYLOADS
from test_escape import Page, collapse
from test_ingest import SYNTHETIC, review

#: The chapters that print text of a readout.
CHAPTERS = ["01_corpus", "04_claims"]
#: Where each kind of readout text lands: a title line, a quoted claim, a name and a place.
IN_TITLE = " ".join(PAYLOADS[k] for k in ("jinja-expression", "script", "role-download"))
IN_SENTENCE = " ".join(
    PAYLOADS[k]
    for k in (
        "jinja-exec",
        "img-onerror",
        "role-math",
        "latex-input",
        "dollar-math",
        "latex-specials",
        "emphasis",
        "javascript-link",
    )
)
IN_NAME = " ".join(PAYLOADS[k] for k in ("script", "jinja-expression", "latex-write18"))
NEW_PERSON = "Dana Whitcombe Ortega"  # fictional
IN_PLACE = " ".join(PAYLOADS[k] for k in ("role-include", "role-raw", "html-comment"))


def hostile_readout(folder: Path) -> Path:
    text = SYNTHETIC.read_text(encoding="utf-8").replace(
        "Fourth Meeting of the U.S.-Mexico High-Level Security Dialogue\n",
        f"Fourth Meeting of the U.S.-Mexico High-Level Security Dialogue {IN_TITLE}\n",
        1,
    )
    # A person the dataset does not know yet, so that the draft proposes a new record.
    text = text.replace(
        "Deputy Secretary of State Richard Verma.",
        f"Deputy Secretary of State Richard Verma and Special Envoy {NEW_PERSON}.",
        1,
    )
    assert NEW_PERSON in text, "the synthetic readout no longer has the sentence the test extends"
    text += f"\nMexico reported that 40 clandestine laboratories were dismantled {IN_SENTENCE} this year.\n"
    path = folder / "hostile-readout.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The hostile readout accepted into a copy of data/, and the chapters built from it."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(ROOT / "data", data)
    for path in data.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    readout = hostile_readout(root)
    draft = review(ingest.draft(readout, ds=load_dataset(data)))
    assert draft["warnings"], "the draft warns about the payloads"
    assert IN_TITLE in draft["document"]["title"]
    # The reviewer copies what the text says: a name and a place with the payloads in them.
    new = next(p for p in draft["people"] if p["name"] == NEW_PERSON)
    new["name"] = f"{NEW_PERSON} {IN_NAME}"
    for row in draft["participants"]:
        if row["person_id"] == new["person_id"] and not row["agency_id"]:
            row["agency_id"] = "us-dos"  # a special envoy of the State Department
    draft["meeting"]["venue"] = f"Department of State {IN_PLACE}"
    # The reviewer searched for the first number of the hostile sentence and found none: a reviewed claim,
    # whose ClaimReview record carries the text's title to machines. Its other numbers stay unchecked, so the
    # sentence itself is printed in the table of claims not checked.
    first = next(c["claim_id"] for c in draft["claims"] if "clandestine" in c["quote"])
    next(c for c in draft["claim_checks"] if c["claim_id"] == first)["searched"] = "Public records; no figure found."
    draft_path = root / "draft.json"
    draft_path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    added = ingest.accept(draft_path, data_dir=data)
    assert added["rows"]["claims"] >= 3

    source = root / "book"
    source.mkdir()
    for name in ("_config.yml", "references.bib"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "tools", source / "tools")
    (source / "chapters").mkdir()
    for name in CHAPTERS:
        shutil.copy(ROOT / "chapters" / f"{name}.ipynb", source / "chapters")
    (source / "index.md").write_text("# A book built from a hostile readout\n", encoding="utf-8")
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": f"chapters/{n}"} for n in CHAPTERS]}
    (source / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    env = {
        **os.environ,
        "USMX_DATA_DIR": str(data),
        "USMX_BUILD_DIR": str(root / "exports"),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    for builder in ("html", "pdflatex"):
        done = subprocess.run(
            [str(jupyter_book), "build", str(source), "--builder", builder, "--path-output", str(root / "out")],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return root


def page_of(book: Path, chapter: str) -> Page:
    parsed = Page()
    parsed.feed((book / "out" / "_build" / "html" / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"))
    return parsed


def test_nothing_ran_and_nothing_leaked(book):
    for folder in (book, ROOT, Path.cwd()):
        assert not list(folder.rglob(MARKER)) if folder == book else not (folder / MARKER).exists()
    outputs = [p for p in (book / "out").rglob("*") if p.is_file() and p.suffix in (".html", ".tex", ".txt", ".js")]
    assert not any("root:x:0:0" in p.read_text(errors="replace") for p in outputs)
    assert not list((book / "out").rglob("passwd")) and not list((book / "out").rglob("hostname"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_script_or_handler_from_the_readout(book, chapter):
    page = page_of(book, chapter)
    assert not any("alert" in script and "ClaimReview" not in script for script in page.scripts)
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") and "alert" in (value or "") for name, value in attrs.items())
        assert not any("javascript:" in (value or "") for value in attrs.values())
        assert not (tag == "img" and attrs.get("src") == "x")


def test_each_payload_reads_as_text_where_it_landed(book):
    corpus = collapse(
        html.unescape(
            re.sub(r"<[^>]+>", " ", (book / "out/_build/html/chapters/01_corpus.html").read_text(encoding="utf-8"))
        )
    )
    for text in (IN_NAME, IN_PLACE):
        assert collapse(text) in corpus, text
    claims = page_of(book, "04_claims")
    assert any(collapse(IN_SENTENCE) in cell for cell in claims.cells)
    # The title reaches machines through the ClaimReview JSON-LD, escaped for its script element.
    embedded = [json.loads(s) for s in claims.scripts if "ClaimReview" in s]
    assert any(IN_TITLE in r["itemReviewed"]["appearance"]["headline"] for r in embedded[0])


def test_the_pdf_shows_the_payloads_as_text(book):
    pdf = next((book / "out" / "_build" / "latex").glob("*.pdf"))
    text = collapse(
        subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert "root:x:0:0" not in text
    for fragment in (
        "{{ 7*7 }}",
        "<script>alert('xss')</script>",
        "\\immediate\\write18{touch",
        "{raw:html}",
        "\\input{/etc/passwd}",
        "50% of $3 & #1",
    ):
        assert collapse(fragment) in text.replace("- ", "-"), fragment


def test_the_new_meeting_is_in_every_analysis(book):
    for chapter in CHAPTERS:
        page = (book / "out/_build/html/chapters" / f"{chapter}.html").read_text(encoding="utf-8")
        assert "HLSD-2024" in page or "doc-2024" in page, chapter
    # The chapters not built, through the analyses they call.
    ds = load_dataset(book / "data")
    coded = themes.code(ds)
    assert "HLSD-2024" in coded.meetings and coded.counts["HLSD-2024"].sum() > 0  # themes, conclusions
    graph = networks.person_meeting_graph(ds)
    assert graph.degree(networks.node_id(networks.MEETING, "HLSD-2024")) > 0  # networks
    assert "HLSD-2024" in set(networks.composition(ds)["meeting_id"])  # networks, conclusions
    checked = claims.check(ds)
    assert (checked["doc_id"] == "doc-2024").any()  # claims, conclusions


def test_a_real_browser_runs_nothing_from_the_readout(book):
    """Debian's Chromium opens the pages (from disk): no alert dialog, and the payloads are visible text."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from outputs.test_html_browser import CHROMIUM_ARGS, chromium_path

    dialogs = []
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        seen = {}
        for chapter in CHAPTERS:
            page.goto((book / "out/_build/html/chapters" / f"{chapter}.html").as_uri())
            page.wait_for_load_state("load")
            seen[chapter] = collapse(page.inner_text("main"))
        browser.close()
    assert dialogs == []
    assert collapse(PAYLOADS["script"]) in seen["01_corpus"]
    assert collapse(PAYLOADS["img-onerror"]) in seen["04_claims"]
