"""Fixtures for the tests of the built book (`make test` builds it first)."""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import threading

import pytest

from helpers.text import normalise

from conftest import ROOT

HTML = ROOT / "_build" / "html"
PDF = ROOT / "_build" / "latex" / "us-mexico-security-dialogues.pdf"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/outputs" in str(item.fspath):
            item.add_marker(pytest.mark.outputs)


@pytest.fixture(scope="session")
def html_dir():
    if not (HTML / "index.html").is_file():
        pytest.fail("the HTML book is not built: run `make book` (or `make test`, which builds it)")
    return HTML


@pytest.fixture(scope="session")
def pdf_path():
    if not PDF.is_file():
        pytest.fail("the PDF book is not built: run `make book` (or `make test`, which builds it)")
    return PDF


@pytest.fixture(scope="session")
def pdf_text(pdf_path) -> str:
    """The PDF's text, normalised, de-hyphenated and with white space folded."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"-\n(?=[a-z])", "", normalise(text))  # words hyphenated across lines
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="session")
def served_book(html_dir):
    """Serve the HTML book on a free loopback port, as a reader's browser sees it."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass
