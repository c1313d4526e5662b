"""The PDF book as a reader meets it: complete, resolved, embedded fonts, accents."""

from __future__ import annotations

import json
import re
import subprocess

from helpers.escape import unescape_myst
from helpers.text import normalise

from conftest import ROOT


def captions() -> list[str]:
    """Every figure caption (cell metadata) and table caption (show_table output) of the chapters."""
    found = []
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
            if caption:
                found.append(caption)
            for output in cell.get("outputs", []):
                markdown = "".join(output.get("data", {}).get("text/markdown", ""))
                found += [unescape_myst(c) for c in re.findall(r"^:::\{table\} (.+)$", markdown, re.MULTILINE)]
    return found


def plain(caption: str) -> str:
    """The start of a caption as typeset: markup stripped, white space folded."""
    caption = re.sub(r"\{[a-z:]+\}`([^`]*)`", r"\1", caption)
    caption = re.sub(r"[`*]", "", normalise(caption))
    return re.sub(r"\s+", " ", caption).strip()[:45]


def test_pdf_has_pages(pdf_path):
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 10


def test_every_caption_is_in_the_pdf(pdf_text):
    text = pdf_text
    wanted = captions()
    assert len(wanted) >= 40  # every figure and table of the chapters
    missing = [c for c in wanted if plain(c) not in text]
    assert not missing, missing


def test_no_unresolved_references(pdf_text):
    text = pdf_text
    assert "??" not in text


def test_fonts_are_embedded(pdf_path):
    lines = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout.splitlines()[
        2:
    ]
    assert lines
    not_embedded = [line for line in lines if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_accents_survive(pdf_text, html_dir):
    text = pdf_text
    for name in ["Bárcena", "Mérida", "Gertz Manero", "Gómez Mont", "Secretaría de Relaciones Exteriores"]:
        assert name in text, name
    # Every accented word the HTML book prints is also in the PDF, intact.
    html_words = set()
    for page in html_dir.rglob("*.html"):
        if page.parts[-2] in {"_static", "_sources"}:
            continue
        # What a reader sees: not the machine-readable data of <script> blocks (the ClaimReview JSON-LD).
        body = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        body = re.sub(r"<[^>]+>", " ", body)
        html_words |= set(re.findall(r"\b\w*[À-ÿ]\w*\b", body))
    assert len(html_words) > 10
    missing = sorted(word for word in html_words if word not in text)
    assert not missing, missing[:30]


def test_the_pdf_declares_its_language_and_bookmarks_the_front_matter(pdf_path):
    """Read by pypdf, a reader the project did not write: /Lang, and the introduction in the outline."""
    import pypdf

    reader = pypdf.PdfReader(pdf_path)
    assert reader.trailer["/Root"]["/Lang"] == "en-US"

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))
    assert bookmarks[:2] == ["Introduction", "Key findings"], bookmarks[:5]
    first = next(i for i, page in enumerate(reader.pages) if "Key findings" in page.extract_text())
    assert "CONTENTS" not in reader.pages[first].extract_text().split("\n")[0]
