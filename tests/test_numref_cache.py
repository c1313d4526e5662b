"""Numbered references resolved with one doctree per page (tools/sphinx_ext/numref_cache.py)."""

from __future__ import annotations

from types import SimpleNamespace

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from helpers import paths

from conftest import sphinx_extension

EXTENSIONS = paths.project_root() / "tools" / "sphinx_ext"


def test_the_environment_loads_a_page_once_and_is_otherwise_the_environments_own():
    loads = []
    env = SimpleNamespace(get_doctree=lambda name: loads.append(name) or object(), config="the config")
    cached = sphinx_extension("numref_cache").CachingEnvironment(env, {})
    assert cached.get_doctree("a") is cached.get_doctree("a")
    assert cached.get_doctree("b") is not cached.get_doctree("a")
    assert loads == ["a", "b"] and cached.config == "the config"


def test_a_book_numbers_every_reference_and_reads_the_target_page_once(tmp_path, monkeypatch):
    # Three references from two pages to two tables of a third: each reference resolved, the numbers
    # Sphinx gives, and the target page unpickled once for the resolver (three times without the cache).
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXTENSIONS)!r})\nextensions = ['numref_cache']\nnumfig = True\n"
    )
    (source / "index.rst").write_text(".. toctree::\n\n   tables\n   one\n   two\n")
    table = "\n.. _{0}:\n\n.. table:: {1}\n\n   ==  ==\n   a   b\n   ==  ==\n   1   2\n   ==  ==\n"
    (source / "tables.rst").write_text("Tables\n======\n" + table.format("tbl-x", "X") + table.format("tbl-y", "Y"))
    (source / "one.rst").write_text("One\n===\n\nSee :numref:`tbl-x` and :numref:`tbl-y`.\n")
    (source / "two.rst").write_text("Two\n===\n\nSee :numref:`tbl-y`.\n")
    loads = []
    real = BuildEnvironment.get_doctree
    monkeypatch.setattr(BuildEnvironment, "get_doctree", lambda env, name: loads.append(name) or real(env, name))
    app = Sphinx(str(source), str(source), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html", status=None)
    app.build()
    one = (tmp_path / "html" / "one.html").read_text()
    two = (tmp_path / "html" / "two.html").read_text()
    assert "Table 1" in one and "Table 2" in one and "Table 2" in two
    assert 'href="tables.html#tbl-x"' in one and 'href="tables.html#tbl-y"' in two
    # Once for its own page, once for the references into it.
    assert loads.count("tables") == 2
