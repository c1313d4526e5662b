"""The fact-check table of the report's statements (review/statements.csv) still matches the pages it checks.

Each row quotes a statement verbatim from the source of its page (the Markdown of intro.md, or the text cells of a
chapter's notebook, glue roles included) with the check made of it. These tests fail when a checked sentence is
changed or removed (its row must then be re-read), when a sentence of the key findings or of the conclusions has no
row, when a row is malformed, and when a glued value a row's basis names no longer has the value the row records.
Whitespace is compared collapsed: a line break in the source is a space in the table.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest

from helpers import paths

TABLE = Path("review") / "statements.csv"
KEY_FIGURES = Path("key_figures.csv")

COLUMNS = ["statement_id", "page", "statement", "kind", "basis", "status", "note"]
KINDS = {"computed", "sourced", "interpretation", "mixed"}
STATUSES = {"verified", "corrected", "marked as interpretation", "removed"}
PAGES = {
    "intro",
    "chapters/00_background",
    "chapters/01_corpus",
    "chapters/02_themes",
    "chapters/03_networks",
    "chapters/04_claims",
    "chapters/05_conclusions",
    "chapters/appendix_methods",
}
#: The pages every sentence of which must have a row (the key findings list of intro.md, the conclusions' text).
COVERED = ("intro", "chapters/05_conclusions")
#: A glued value named in a basis: ``key=value`` (a number as shown, or a string in single quotes).
BASIS_KEY = re.compile(r"\b([a-z][a-z0-9_]*)=('(?:[^'\\]|\\.)*'|-?[0-9][0-9.]*)")
#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("U.S.", "e.g.", "i.e.", "Dr.", "No.", "Mr.", "Ms.")
#: Where a sentence ends: after a full stop, question or exclamation mark, closed or not by emphasis, a quote or a
#: bracket, before a space and a capital, a role, emphasis, a quote or a bracket.
SENTENCE_END = re.compile(r"(?:(?<=[.?!])|(?<=[.?!]\*\*)|(?<=[.?!]\*)|(?<=[.?!]\")|(?<=[.?!]\))) (?=[A-Z{*\"(])")
#: A run-in label ("**Overview.**"), part of the sentence it introduces.
LABEL = re.compile(r"\*\*\S+(?: \S+){0,2}\*\*")


def collapse(text: str) -> str:
    """``text`` with every run of whitespace made one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def page_source(page: str, root: Path | None = None) -> str:
    """The prose source of ``page``: the Markdown file, or the text cells of the notebook joined by blank lines."""
    root = root or paths.project_root()
    markdown = root / f"{page}.md"
    if markdown.exists():
        return markdown.read_text(encoding="utf-8")
    notebook = json.loads((root / f"{page}.ipynb").read_text(encoding="utf-8"))
    return "\n\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


def key_findings(text: str) -> str:
    """The numbered list under the "Key findings" heading of intro.md."""
    section = text.split("## Key findings", 1)[1].split("\n## ", 1)[0]
    items = re.findall(r"^\d+\. .+?(?=^\d+\. |^\S|\Z)", section, flags=re.S | re.M)
    return "\n\n".join(items)


def blocks(text: str) -> list[str]:
    """The paragraphs and list items of Markdown ``text``, without headings, labels, directives and fenced blocks."""
    text = re.sub(r"^(```|:::).*?^\1\s*$", "", text, flags=re.S | re.M)
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if re.match(r"#{1,6} |\(.+\)=$|:[a-z]+:|<", stripped):
            kept.append("")
        elif re.match(r"(-|\*|\d+\.) ", stripped):
            kept += ["", re.sub(r"^(-|\*|\d+\.) ", "", stripped)]
        else:
            kept.append(stripped)
    return [collapse(block) for block in "\n".join(kept).split("\n\n") if collapse(block)]


def sentences(text: str) -> list[str]:
    """The sentences of Markdown ``text``: each block cut at :data:`SENTENCE_END`, a run-in label kept with its
    sentence."""
    found = []
    for block in blocks(text):
        for abbreviation in ABBREVIATIONS:
            block = block.replace(abbreviation, abbreviation.replace(".", "\0"))
        parts = [part.replace("\0", ".").strip() for part in SENTENCE_END.split(block) if part.strip()]
        for i, part in enumerate(parts):
            if LABEL.fullmatch(part) and i + 1 < len(parts):
                parts[i + 1] = f"{part} {parts[i + 1]}"
            else:
                found.append(part)
    return found


def required_sentences(root: Path | None = None) -> dict[str, list[str]]:
    """The sentences that must each have a row: the key findings list and the conclusions' text cells."""
    root = root or paths.project_root()
    return {
        "intro": sentences(key_findings(page_source("intro", root))),
        "chapters/05_conclusions": sentences(page_source("chapters/05_conclusions", root)),
    }


def read_rows(root: Path | None = None) -> list[dict]:
    """The rows of the statements table."""
    root = root or paths.project_root()
    with open(root / TABLE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_key_figures(root: Path | None = None) -> dict[str, str]:
    """Every glued value of the book by key (keys are unique across chapters)."""
    root = root or paths.project_root()
    with open(root / KEY_FIGURES, encoding="utf-8", newline="") as handle:
        return {row["name"]: row["value"] for row in csv.DictReader(handle)}


def missing_statements(rows: list[dict], root: Path | None = None) -> list[str]:
    """The rows whose statement is no longer found verbatim (whitespace collapsed) in the source of their page."""
    root = root or paths.project_root()
    sources = {page: collapse(page_source(page, root)) for page in {row["page"] for row in rows}}
    return [
        f"{row['statement_id']} ({row['page']}): {row['statement'][:80]}"
        for row in rows
        if row["status"] != "removed" and collapse(row["statement"]) not in sources[row["page"]]
    ]


def uncovered_sentences(rows: list[dict], root: Path | None = None) -> list[str]:
    """The sentences of the key findings and the conclusions that neither contain nor lie within a statement."""
    root = root or paths.project_root()
    gaps = []
    for page, required in required_sentences(root).items():
        statements = [collapse(row["statement"]) for row in rows if row["page"] == page and row["status"] != "removed"]
        for sentence in required:
            if not any(s in sentence or sentence in s for s in statements):
                gaps.append(f"{page}: {sentence[:100]}")
    return gaps


def basis_keys(basis: str) -> list[tuple[str, str]]:
    """The ``(key, value)`` pairs of glued values a basis names."""
    return BASIS_KEY.findall(basis)


def same_value(recorded: str, written: str) -> bool:
    """Whether the value ``written`` in a basis agrees with the ``recorded`` key figure (a number to the precision
    written; a string whole, or its beginning when the basis cuts it with "...")."""
    if written.startswith("'"):
        text = written[1:-1].replace("\\'", "'")
        value = recorded[1:-1].replace("\\'", "'") if recorded.startswith("'") else recorded
        return value.startswith(text[:-3]) if text.endswith("...") else value == text
    try:
        number = float(recorded)
    except ValueError:
        return False
    decimals = len(written.split(".")[1]) if "." in written else 0
    return math.isclose(round(number, decimals), float(written), abs_tol=10**-decimals / 2)


def stale_values(rows: list[dict], figures: dict[str, str]) -> list[str]:
    """Rows whose basis names a glued key that is not in key_figures.csv or has another value there now."""
    stale = []
    for row in rows:
        for key, written in basis_keys(row["basis"]):
            if key not in figures:
                stale.append(f"{row['statement_id']}: {key} is not a key figure")
            elif not same_value(figures[key], written):
                stale.append(f"{row['statement_id']}: {key}={written} but key_figures.csv has {figures[key]}")
    return stale


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return read_rows()


def test_the_table_has_its_columns(rows):
    with open(paths.project_root() / TABLE, encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS
    assert rows


def test_ids_are_unique_and_well_formed(rows):
    ids = [row["statement_id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"S\d{3,}", i) for i in ids), [i for i in ids if not re.fullmatch(r"S\d{3,}", i)]


def test_pages_kinds_and_statuses_are_in_their_vocabularies(rows):
    assert {row["page"] for row in rows} <= PAGES
    assert {row["kind"] for row in rows} <= KINDS
    assert {row["status"] for row in rows} <= STATUSES


def test_every_row_has_a_basis_and_every_correction_a_note(rows):
    assert [row["statement_id"] for row in rows if not row["basis"].strip()] == []
    assert [row["statement_id"] for row in rows if row["status"] == "corrected" and not row["note"].strip()] == []
    assert [row["statement_id"] for row in rows if row["status"] == "verified" and row["note"].strip()] == []


def test_every_statement_is_found_verbatim_in_its_page(rows):
    assert missing_statements(rows) == []


def test_every_sentence_of_the_key_findings_and_the_conclusions_has_a_row(rows):
    required = required_sentences()
    assert len(required["intro"]) >= 5 and len(required["chapters/05_conclusions"]) >= 10
    assert uncovered_sentences(rows) == []


def test_every_glued_key_of_a_basis_is_a_key_figure_with_the_value_recorded(rows):
    assert any(basis_keys(row["basis"]) for row in rows)
    assert stale_values(rows, read_key_figures()) == []


def test_a_changed_sentence_is_reported(rows, tmp_path, monkeypatch):
    """The checks can fail: change one sentence of the conclusions in a copy of the book."""
    root = paths.project_root()
    (tmp_path / "chapters").mkdir()
    for page in PAGES:
        name = f"{page}.md" if (root / f"{page}.md").exists() else f"{page}.ipynb"
        (tmp_path / name).write_text((root / name).read_text(encoding="utf-8"), encoding="utf-8")
    notebook = json.loads((root / "chapters/05_conclusions.ipynb").read_text(encoding="utf-8"))
    target = next(row for row in rows if row["page"] == "chapters/05_conclusions" and row["status"] != "removed")
    words = collapse(target["statement"]).split(" ")
    old, new = " ".join(words[:4]), " ".join(words[:3] + ["CHANGED"])
    changed = False
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and old in text:
            cell["source"] = text.replace(old, new, 1)
            changed = True
            break
    assert changed, f"no cell holds {old!r} on one line"
    (tmp_path / "chapters/05_conclusions.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    monkeypatch.setattr(paths, "project_root", lambda: tmp_path)
    assert [line for line in missing_statements(rows) if line.startswith(target["statement_id"] + " ")]
    assert any("CHANGED" in gap for gap in uncovered_sentences(rows))


def test_a_stale_value_is_reported(rows):
    row = next(row for row in rows if basis_keys(row["basis"]))
    key, written = basis_keys(row["basis"])[0]
    figures = read_key_figures() | {key: "'another value'" if written.startswith("'") else "123456789"}
    assert any(line.startswith(row["statement_id"] + ":") for line in stale_values([row], figures))
    assert stale_values([row | {"basis": "no_such_key_figure=1"}], figures)


def test_the_sentence_splitter_on_a_constructed_page():
    text = (
        "(x)=\n## A heading\n\n**Overview.** The U.S. side sent {glue:text}`n:d` people. Mexico sent more;\n"
        'it said "so." *Caveat:* we read it so.\n\n- An item, e.g. this one.\n- Another item.\n\n'
        "```{figure} a.png\n:name: fig-a\nA caption. Two sentences.\n```\n"
    )
    assert sentences(text) == [
        "**Overview.** The U.S. side sent {glue:text}`n:d` people.",
        'Mexico sent more; it said "so."',
        "*Caveat:* we read it so.",
        "An item, e.g. this one.",
        "Another item.",
    ]


def test_the_summary_counts_a_constructed_table(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "statements_summary", paths.project_root() / "tools/statements_summary.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = tmp_path / "statements.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for i, (page, kind, status) in enumerate(
            [("intro", "computed", "verified"), ("intro", "sourced", "corrected")]
        ):
            writer.writerow(
                dict.fromkeys(COLUMNS, "x")
                | {"statement_id": f"S{i:03d}", "page": page, "kind": kind, "status": status}
            )
    text = module.summary(table)
    assert text.startswith("2 statements")
    assert "- intro: 2" in text and "- computed: 1" in text and "- corrected: 1" in text
