"""The HTML book in a real browser (Debian's Chromium driven by Playwright).

Every page opens without console errors and without reaching outside the
machine, every image loads, every internal link and cross-reference lands on
an existing page and anchor, and the search page finds "fentanyl".
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SKIP_PAGES = {"genindex.html", "search.html"}


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("no Chromium on PATH: `make test` installs Debian's chromium (tools/system-deps.sh browser)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: Every request that does not go to the loopback server (a request that does is never routed through Python,
#: which took a quarter of the test's time).
NOT_LOOPBACK = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)(:\d+)?/)")


def _record_and_block(outside: list):
    """A route handler for requests that would leave the machine: record the address, send nothing."""

    def handle(route):
        outside.append(route.request.url)
        route.abort()

    return handle


@pytest.fixture(scope="module")
def page_reports(browser, served_book, html_dir):
    """Open every page once and record what a reader's browser saw."""
    reports = {}
    context = browser.new_context()
    for html in sorted(html_dir.rglob("*.html")):
        rel = html.relative_to(html_dir).as_posix()
        if (
            rel in SKIP_PAGES
            or rel.startswith("_")
            or 'http-equiv="refresh"' in html.read_text(encoding="utf-8").lower()
        ):
            continue  # redirect stubs (index.html) are followed by the link test
        page = context.new_page()
        errors, outside = [], []
        page.on("console", lambda msg, errors=errors: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))

        page.route(NOT_LOOPBACK, _record_and_block(outside))
        page.goto(f"{served_book}/{rel}", wait_until="load")
        images = page.eval_on_selector_all(
            "img", "imgs => imgs.map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])"
        )
        links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        reports[rel] = {"errors": errors, "outside": outside, "images": images, "links": links, "ids": set(ids)}
        page.close()
    context.close()
    assert len(reports) >= 3, "the book has pages"
    return reports


def test_no_console_errors(page_reports):
    bad = {page: r["errors"] for page, r in page_reports.items() if r["errors"]}
    assert not bad


def test_no_request_leaves_the_machine(page_reports):
    bad = {page: r["outside"] for page, r in page_reports.items() if r["outside"]}
    assert not bad


def test_a_request_that_would_leave_the_machine_is_recorded(browser, served_book):
    """What the test above relies on: the route sees outside requests, and only those."""
    page = browser.new_page()
    outside = []
    page.route(NOT_LOOPBACK, _record_and_block(outside))
    page.goto(f"{served_book}/intro.html", wait_until="load")
    page.evaluate("fetch('https://example.org/tracker.gif').catch(() => null)")
    page.evaluate("fetch('http://127.0.0.1.example.org/x').catch(() => null)")
    page.close()
    assert outside == ["https://example.org/tracker.gif", "http://127.0.0.1.example.org/x"]


def test_every_image_loads(page_reports):
    bad = {page: [src for src, ok in r["images"] if not ok] for page, r in page_reports.items()}
    assert not {page: srcs for page, srcs in bad.items() if srcs}
    assert any(r["images"] for r in page_reports.values()), "the book shows figures"


def test_internal_links_and_cross_references_resolve(page_reports, html_dir):
    broken = []
    for page, report in page_reports.items():
        for href in report["links"]:
            if not href or urlparse(href).scheme in {"http", "https", "mailto", "javascript"}:
                continue
            target, anchor = urldefrag(urljoin(page, href))
            target = target or page
            path = html_dir / target
            if not path.exists():
                broken.append(f"{page}: {href} (no {target})")
            elif anchor and target in page_reports and anchor not in page_reports[target]["ids"]:
                broken.append(f"{page}: {href} (no #{anchor} in {target})")
    assert not broken, "\n".join(broken[:30])


def test_search_finds_fentanyl(browser, served_book):
    page = browser.new_page()
    page.goto(f"{served_book}/search.html?q=fentanyl", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    hits = page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.textContent)")
    page.close()
    assert hits, "search for 'fentanyl' found nothing"
