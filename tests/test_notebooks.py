"""Chapters are committed with outputs, reach data only through helpers, and
carry no machine paths. (nbval, run by `make test`, proves that re-executing
each chapter reproduces those outputs.)"""

import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT


def machine_path_pattern() -> re.Pattern:
    """Absolute paths of the machine running the tests, and Windows drive paths.

    A leaked path names the machine that wrote it, which is the one that runs
    `make test` before committing: its checkout and the folder holding it, the
    user's home and the temporary folder. Derived here rather than listed, so
    the test itself names no machine.
    """
    places = {ROOT, ROOT.parent, Path.home(), Path(tempfile.gettempdir())}
    roots = sorted({str(place) for place in places if len(place.parts) > 1}, key=len, reverse=True)
    alternatives = [rf"(?<![\w.]){re.escape(root)}(?=[/\\])" for root in roots]
    return re.compile("|".join(alternatives + [r"\b[A-Z]:\\\\"]))


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def chapter_notebooks():
    return sorted((ROOT / "chapters").glob("*.ipynb"))


def test_every_chapter_is_in_the_toc():
    listed = set(toc_files())
    for notebook in chapter_notebooks():
        assert f"chapters/{notebook.stem}" in listed, notebook.name


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.name)
def test_chapter_is_committed_with_outputs(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code, "a chapter has code"
    unexecuted = [i for i, c in enumerate(code) if c.get("execution_count") is None]
    assert not unexecuted, f"code cells {unexecuted} have never been executed: run `make notebooks`"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "cells were executed out of order: run `make notebooks`"


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.name)
def test_chapter_reads_data_only_through_helpers(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "sys.path" not in source
    assert not re.search(r"read_csv\(|read_bytes\(|read_text\(|open\(|data_dir", source), (
        "chapters load data through helpers"
    )
    assert "to_csv(" not in source, "chapters never write files themselves"


def test_machine_path_pattern_finds_this_machine_and_spares_relative_paths():
    pattern = machine_path_pattern()
    for leaked in [
        ROOT / "data" / "people.csv",
        Path(tempfile.gettempdir()) / "x.png",
        Path.home() / "notes.txt",
        "C:" + "\\" + "x",
    ]:
        assert pattern.search(json.dumps(str(leaked))), leaked
    for fine in ["data/people.csv", "_build/figures/x.png", "https://example.org/data/x.csv"]:
        assert not pattern.search(fine), fine


def test_no_machine_paths_in_committed_files():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    machine_path = machine_path_pattern()
    offenders = []
    for name in files:
        path = ROOT / name
        if path.suffix in {".png", ".pdf"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for match in machine_path.finditer(text):
            line = text[: match.start()].count("\n") + 1
            offenders.append(f"{name}:{line}: {text[match.start() : match.start() + 40]!r}")
    assert not offenders, "\n".join(offenders[:20])


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.name)
def test_no_cell_shows_a_bare_value(notebook):
    """A value out of context ("8", "'HLSD-2023'") under a code cell means nothing to a reader."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    bare = [
        c.get("id")
        for c in cells
        if c["cell_type"] == "code"
        for o in c.get("outputs", [])
        if o["output_type"] == "execute_result" and set(o["data"]) == {"text/plain"}
    ]
    assert not bare, f"cells {bare} end with an expression whose value is shown"


#: A count of the corpus written out in words ("five texts", "Four meetings"). Smaller
#: numbers name subsets ("one or two texts" of a meeting) and are left alone.
CORPUS_COUNT_IN_WORDS = re.compile(
    r"\b(?:four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:(?:source|corpus|English)\s+)?(?:texts|documents|readouts|meetings)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("notebook", chapter_notebooks(), ids=lambda p: p.name)
def test_prose_does_not_type_the_size_of_the_corpus(notebook):
    """A meeting added to data/ must not leave 'five texts' or 'four meetings' behind: counts are glued."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    typed = [
        match.group(0)
        for c in cells
        if c["cell_type"] == "markdown"
        for match in CORPUS_COUNT_IN_WORDS.finditer("".join(c["source"]))
    ]
    assert not typed, f"{notebook.name}: counts typed in the prose: {typed}"
