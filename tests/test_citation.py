"""CITATION.cff is valid Citation File Format 1.2.0 and agrees with the book.

The schema is the official CFF 1.2.0 JSON Schema, vendored from cffconvert 2.0.0
(tests/schemas/README.md): cffconvert itself cannot be installed beside this
project's locked packages (it requires jsonschema < 4).
"""

import json

import jsonschema
import pytest
import yaml

from helpers import paths

ROOT = paths.project_root()
SCHEMA = ROOT / "tests" / "schemas" / "citation-file-format-1.2.0.json"


@pytest.fixture(scope="module")
def citation():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def validate(document) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return sorted(f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in validator.iter_errors(document))


def test_citation_file_is_valid_cff(citation):
    assert validate(citation) == []


def test_the_validator_rejects_a_broken_citation(citation):
    broken = dict(citation, authors=[], **{"cff-version": "1.2.0", "date-released": "24 November 2026"})
    problems = validate(broken)
    assert any(p.startswith("authors") for p in problems)
    assert any(p.startswith("date-released") for p in problems)


def test_citation_agrees_with_the_book(citation):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert citation["title"] == config["title"]
    assert [a["name"] for a in citation["authors"]] == [config["author"]]
    assert str(citation["date-released"]).startswith(str(config["copyright"]))


def test_how_to_cite_page_agrees_with_the_citation_file(citation):
    page = (ROOT / "how_to_cite.md").read_text(encoding="utf-8")
    author = citation["authors"][0]["name"]
    assert f"author       = {{{{{author}}}}}" in page
    assert f"version      = {{{citation['version']}}}" in page
    assert f"year         = {{{str(citation['date-released'])[:4]}}}" in page
    assert f"> {author} ({str(citation['date-released'])[:4]})" in page


def test_the_title_spans_the_meetings_of_the_corpus(citation, ds):
    """The years in the title are the first and last years of the meetings in the data, in every record."""
    years = ds.meetings["date"].dt.year
    span = f"{years.min()}–{years.max()}"
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"].endswith(span) and citation["title"].endswith(span)
    assert span.replace("–", "-") in json.loads((ROOT / "data" / "datapackage.json").read_text("utf-8"))["title"]
    assert span in (ROOT / "how_to_cite.md").read_text(encoding="utf-8")
