"""What a rebuild re-does: declared tables, per-chapter invalidation, up-to-date checks."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess

import pytest

from helpers import load_dataset
from helpers.dataset import TEXTS, declared_files
from helpers.errors import UndeclaredTable
from helpers.paths import project_root

ROOT = project_root()


def _tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


invalidate = _tool("invalidate_cache")
up_to_date = _tool("up_to_date")


# The dataset refuses what a chapter did not declare -------------------------


def test_a_declared_dataset_holds_only_the_declared_tables():
    ds = load_dataset(uses=["meetings"])
    assert list(ds.tables) == ["meetings"]
    with pytest.raises(UndeclaredTable, match="'claims' is not among the tables this notebook declared"):
        _ = ds.claims
    with pytest.raises(UndeclaredTable, match="'texts' is not among"):
        ds.text(ds.meetings.iloc[0]["meeting_id"])
    with pytest.raises(UndeclaredTable, match="'texts' is not among"):
        _ = ds.manifest


def test_declaring_texts_gives_the_texts_and_their_provenance():
    ds = load_dataset(uses=[TEXTS])
    assert len(ds.manifest) == len(load_dataset().documents) and not ds.cleaning_log.empty
    assert all(ds.text(doc_id) for doc_id in ds.files)


def test_an_unknown_table_in_uses_is_an_error():
    with pytest.raises(KeyError, match="unknown tables \\['claimz'\\]"):
        load_dataset(uses=["claimz"])


def test_declared_files_follow_the_package(ds):
    assert declared_files(ds.package, ["claims"]) == ["claims.csv", "datapackage.json"]
    assert declared_files(ds.package, [TEXTS]) == ["cleaning_rules.csv", "datapackage.json", "documents.csv", "raw"]
    everything = declared_files(ds.package, None)
    assert {"raw", "claims.csv", "meetings.csv"} <= set(everything)


# Reading the declarations of the chapters -------------------------------------


def _notebook(path, *sources):
    cells = [
        {"cell_type": "code", "source": s, "metadata": {}, "outputs": [], "execution_count": None} for s in sources
    ]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_declared_uses_reads_the_literal_list(tmp_path):
    nb = _notebook(tmp_path / "a.ipynb", "%matplotlib inline\nds = load_dataset(uses=['meetings', 'texts'])")
    assert invalidate.declared_uses(nb) == ["meetings", "texts"]
    assert invalidate.declared_uses(_notebook(tmp_path / "b.ipynb", "ds = load_dataset()")) is None
    assert invalidate.declared_uses(_notebook(tmp_path / "c.ipynb", "x = 1")) is False
    with pytest.raises(invalidate.UsesNotLiteral):
        invalidate.declared_uses(_notebook(tmp_path / "d.ipynb", "ds = load_dataset(uses=TABLES)"))


def test_every_chapter_declaration_names_real_tables(ds):
    known = set(ds.tables) | {TEXTS}
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        uses = invalidate.declared_uses(notebook)
        assert uses is None or set(uses) <= known, notebook.name


def test_a_data_change_reaches_only_the_chapters_that_read_it(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters", ignore=shutil.ignore_patterns("_build", ".*"))
    monkeypatch.setattr(invalidate, "ROOT", tmp_path)
    before = invalidate.chapter_digests()
    codebook = tmp_path / "data" / "theme_codebook.csv"
    codebook.write_text(codebook.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = invalidate.chapter_digests()
    changed = sorted(n for n in before if before[n] != after[n])
    readers = sorted(
        n
        for n in before
        if invalidate.declared_uses(tmp_path / n) in (None,)
        or "theme_codebook" in (invalidate.declared_uses(tmp_path / n) or [])
    )
    assert changed == readers
    assert "chapters/02_themes.ipynb" in changed and "chapters/03_networks.ipynb" not in changed


# Skipping a build when no source changed -------------------------------------


def test_up_to_date_is_false_until_recorded_and_after_a_source_changes(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("x = 1\n")
    monkeypatch.setattr(up_to_date, "ROOT", tmp_path)
    assert up_to_date.main(["html"]) == 1
    assert up_to_date.main(["html", "--record"]) == 0
    assert up_to_date.main(["html"]) == 0 and up_to_date.main(["pdf"]) == 1
    (tmp_path / "tests" / "test_x.py").write_text("x = 2\n")  # tests are not sources of the book
    assert up_to_date.main(["html"]) == 0
    (tmp_path / "new_page.md").write_text("# New\n")  # new, untracked sources count
    assert up_to_date.main(["html"]) == 1
    os.remove(tmp_path / "new_page.md")
    assert up_to_date.main(["html"]) == 0


# Executing the missing chapters before the build -------------------------------

prefetch = _tool("prefetch_executions")


def test_prefetch_finds_the_chapters_without_a_cached_run(tmp_path):
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.cache.main import CacheBundleIn

    cache = get_cache(tmp_path / "cache")
    paths = []
    for name, code in [("a", "x = 1"), ("b", "y = 2")]:
        nb = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(code)],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        )
        path = tmp_path / f"{name}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    assert prefetch.uncached(cache, paths) == paths
    cache.cache_notebook_bundle(
        CacheBundleIn(nbformat.read(paths[0], as_version=4), str(paths[0])), check_validity=False
    )
    assert prefetch.uncached(cache, paths) == [paths[1]]


def test_prefetch_runs_a_notebook_in_its_own_folder(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import os; print(os.path.basename(os.getcwd()))")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    folder = tmp_path / "chapter_folder"
    folder.mkdir()
    nbformat.write(nb, folder / "n.ipynb")
    path, executed, seconds, error = prefetch.execute(folder / "n.ipynb")
    assert error is None and seconds > 0
    assert executed.cells[0].outputs[0]["text"].strip() == "chapter_folder"
