"""Figures and tables are citable: one numbering in HTML and PDF, exported files, sidecars."""

from __future__ import annotations

import html
import json
import re

import pytest

from helpers.text import normalise

from conftest import ROOT

FIGURES = ROOT / "_build" / "figures"
CAPTION = re.compile(
    r'<span class="caption-number">((?:Fig\.|Table) \d+\.\d+) </span><span class="caption-text">(.*?)</span>', re.S
)


def html_captions(html_dir) -> dict[str, str]:
    """Number -> the start of the caption, for every figure and table of the HTML book."""
    found = {}
    for page in sorted(html_dir.glob("*.html")) + sorted((html_dir / "chapters").glob("*.html")):
        for number, caption in CAPTION.findall(page.read_text(encoding="utf-8")):
            text = normalise(html.unescape(re.sub(r"<[^>]+>", "", caption)))
            assert number not in found, f"{number} is used twice ({page.name})"
            found[number] = re.sub(r"\s+", " ", text).strip()[:40]
    return found


@pytest.fixture(scope="module")
def numbered(html_dir):
    found = html_captions(html_dir)
    assert len(found) >= 20
    return found


def test_html_and_pdf_give_each_caption_the_same_number(numbered, pdf_text):
    text = pdf_text
    disagree = [f"{number}: {caption}" for number, caption in numbered.items() if f"{number}: {caption}" not in text]
    assert not disagree, disagree


def test_the_registry_lists_every_numbered_figure_and_table(numbered, html_dir):
    page = (html_dir / "figures_and_tables.html").read_text(encoding="utf-8")
    listed = set(re.findall(r"(?:Fig\.|Table) \d+\.\d+", re.sub(r"<[^>]+>", "", page)))
    assert listed == set(numbered)


def test_every_figure_has_its_files_and_a_complete_sidecar(html_dir):
    sidecars = sorted(FIGURES.glob("fig-*.json"))
    assert sidecars, "no figure was exported"
    for path in sidecars:
        sidecar = json.loads(path.read_text(encoding="utf-8"))
        label = path.stem
        assert sidecar["label"] == label
        for key in ("number", "caption", "chapter", "notebook", "source", "suggested_citation", "commit"):
            assert sidecar.get(key), f"{path.name}: {key} is missing"
        assert (ROOT / sidecar["notebook"]).is_file()
        assert f"Figure {sidecar['number']}: " in sidecar["suggested_citation"]
        for ext in ("png", "svg", "csv", "json"):
            assert (html_dir / "downloads" / "figures" / f"{label}.{ext}").is_file(), f"{label}.{ext} not in the site"
        png = (FIGURES / f"{label}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_figure_png_is_print_resolution():
    for path in sorted(FIGURES.glob("fig-*.png")):
        data = path.read_bytes()
        # pHYs chunk: pixels per metre; 300 dpi is 11811 px/m.
        at = data.find(b"pHYs")
        assert at > 0, f"{path.name} has no resolution"
        ppm = int.from_bytes(data[at + 4 : at + 8], "big")
        assert round(ppm * 0.0254) == 300, f"{path.name}: {ppm * 0.0254:.0f} dpi"


def test_network_exports_are_linked_from_the_networks_chapter(html_dir):
    page = (html_dir / "chapters" / "03_networks.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="\.\./downloads/networks/([^"]+)"', page))
    written = {p.name for p in (ROOT / "_build" / "networks").iterdir()}
    assert linked == written and any(n.endswith(".graphml") for n in linked)


def test_every_claimreview_links_to_an_anchor_of_the_claims_page(html_dir):
    """Each embedded ClaimReview's url is the claims page on the site, at an id that page has."""
    from helpers import claimreview

    page = (html_dir / "chapters" / "04_claims.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    records = [r for s in scripts for r in json.loads(s) if r.get("@type") == "ClaimReview"]
    assert records
    address = claimreview.site_address() + claimreview.CLAIMS_PAGE + "#"
    for record in records:
        assert record["url"].startswith(address), record["url"]
        assert record["url"].removeprefix(address) in ids, record["url"]
