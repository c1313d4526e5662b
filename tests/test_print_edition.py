"""The print edition's changes to the document tree (tools/sphinx_ext/print_edition.py), on small trees."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from docutils import nodes

from helpers import paths

_spec = importlib.util.spec_from_file_location(
    "print_edition", paths.project_root() / "tools" / "sphinx_ext" / "print_edition.py"
)
print_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(print_edition)


def _table(text: str, classes=("report-table", "colwidths-given", "colwidths-auto")) -> nodes.document:
    document = nodes.section()
    table = nodes.table(classes=list(classes))
    table += nodes.entry("", nodes.paragraph(text=text))
    document += table
    return document


def _app(builder_format: str):
    return SimpleNamespace(builder=SimpleNamespace(format=builder_format))


def test_an_address_in_a_table_becomes_a_link_in_print_only():
    tree = _table("Vox, https://www.vox.com/policy-and-politics/2017/9/5/1625 (secondary copy).")
    print_edition.prepare_for_print(_app("html"), tree, "page")
    assert not list(tree.findall(nodes.reference))
    print_edition.prepare_for_print(_app("latex"), tree, "page")
    links = list(tree.findall(nodes.reference))
    assert [link["refuri"] for link in links] == ["https://www.vox.com/policy-and-politics/2017/9/5/1625"]
    assert tree.astext() == "Vox, https://www.vox.com/policy-and-politics/2017/9/5/1625 (secondary copy)."


def test_a_report_table_is_a_long_table_in_print():
    tree = _table("text")
    print_edition.prepare_for_print(_app("latex"), tree, "page")
    assert "longtable" in next(tree.findall(nodes.table))["classes"]


def test_given_widths_win_over_the_automatic_ones_on_screen():
    tree = _table("text")
    print_edition.keep_given_widths(_app("html"), tree, "page")
    classes = next(tree.findall(nodes.table))["classes"]
    assert "colwidths-given" in classes and "colwidths-auto" not in classes


def test_a_long_path_in_a_table_may_break_after_its_slashes_in_print():
    tree = _table("Source: data/research/series_refs/reference_stats.csv and data/x.csv.")
    print_edition.prepare_for_print(_app("latex"), tree, "page")
    breaks = [node for node in tree.findall(nodes.raw) if "allowbreak" in node.astext()]
    assert len(breaks) == 5  # after data/, research/, series_, refs/ and reference_ (a short path is left alone)
    assert tree.astext().replace("\\allowbreak{}", "") == (
        "Source: data/research/series_refs/reference_stats.csv and data/x.csv."
    )
