"""Exports of the delegation networks (helpers.network_export): plain attributes, files that read back.

The GEXF files are validated against the official GEXF 1.3 RELAX NG grammar
vendored in tests/schemas/gexf-1.3 (see tests/schemas/README.md), with lxml.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest
from lxml import etree

from helpers import network_export as export
from helpers import networks as nw

from conftest import ROOT

RELAXNG = "{http://relaxng.org/ns/structure/1.0}"


@pytest.fixture(scope="module")
def gexf_schema():
    """The GEXF 1.3 grammar, less its viz module (not vendored: the exports draw nothing, so use none of it)."""
    tree = etree.parse(str(ROOT / "tests" / "schemas" / "gexf-1.3" / "gexf.rng"))
    for include in tree.getroot().findall(f"{RELAXNG}include[@href='viz.rng']"):
        tree.getroot().remove(include)
    return etree.RelaxNG(tree)


def _assert_valid(schema, path):
    assert schema.validate(etree.parse(str(path))), f"{path.name}: {schema.error_log}"


def test_every_node_has_kind_and_name_and_plain_attributes(small_network):
    for build in nw.GRAPHS.values():
        g = export.exportable(build(small_network))
        for _, attrs in g.nodes(data=True):
            assert attrs["kind"] in {"person", "meeting", "institution"}
            assert attrs["name"]
        for _, attrs in list(g.nodes(data=True)) + [(None, d) for *_, d in g.edges(data=True)]:
            assert all(type(v) in (str, int, float) for v in attrs.values()), attrs


def test_exportable_unifies_mixed_number_types():
    g = nx.Graph()
    g.add_node("a", size=1, note=None, flag=True)
    g.add_node("b", size=2.5, note="x")
    out = export.exportable(g)
    assert out.nodes["a"]["size"] == 1.0 and isinstance(out.nodes["a"]["size"], float)
    assert out.nodes["a"]["note"] == "" and out.nodes["a"]["flag"] == 1


def _check_exports(ds, out_dir, schema):
    manifest = export.write_exports(ds, out_dir)
    assert list(manifest["graph"]) == list(nw.GRAPHS)
    for row in manifest.itertuples():
        graph = nw.GRAPHS[row.graph](ds)
        assert (row.nodes, row.edges) == (graph.number_of_nodes(), graph.number_of_edges())
        back = nx.read_graphml(out_dir / row.graphml)
        assert (back.number_of_nodes(), back.number_of_edges()) == (row.nodes, row.edges)
        assert set(back.nodes) == set(graph.nodes)
        assert all(back.nodes[n].get("label") for n in back.nodes), f"{row.graphml}: a node without a label"
        _assert_valid(schema, out_dir / row.gexf)
        gexf = nx.read_gexf(out_dir / row.gexf)
        assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (row.nodes, row.edges)
        assert all(gexf.nodes[n]["label"] for n in gexf.nodes)
        assert len(pd.read_csv(out_dir / row.nodes_csv)) == row.nodes
        assert len(pd.read_csv(out_dir / row.edges_csv)) == row.edges
        assert "lastmodifieddate" not in (out_dir / row.gexf).read_text(encoding="utf-8")
    return manifest


def test_exports_round_trip_on_fixture(small_network, tmp_path, gexf_schema):
    _check_exports(small_network, tmp_path, gexf_schema)
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    export.write_exports(small_network, tmp_path)
    assert first == {p.name: p.read_bytes() for p in tmp_path.iterdir()}, "exports differ between runs"


def test_real_exports_round_trip(ds, tmp_path, gexf_schema):
    _check_exports(ds, tmp_path, gexf_schema)


def test_node_and_edge_tables_list_every_attribute():
    g = nx.Graph()
    g.add_node("a", kind="x")
    g.add_node("b", kind="y", size=2)
    g.add_edge("a", "b", weight=3)
    assert export.node_table(g).to_dict("records") == [
        {"id": "a", "kind": "x", "size": ""},
        {"id": "b", "kind": "y", "size": 2},
    ]
    assert export.edge_list(g).to_dict("records") == [{"source": "a", "target": "b", "weight": 3}]


def test_write_exports_defaults_to_the_build_folder(small_network, tmp_path, monkeypatch):
    monkeypatch.setenv("USMX_BUILD_DIR", str(tmp_path))
    manifest = export.write_exports(small_network)
    assert {p.name for p in (tmp_path / "networks").iterdir()} == {
        name for row in manifest.itertuples() for name in (row.graphml, row.gexf, row.nodes_csv, row.edges_csv)
    }


def test_verify_exports_names_a_file_that_does_not_read_back(small_network, tmp_path):
    manifest = export.write_exports(small_network, tmp_path)
    export.verify_exports(manifest, tmp_path)
    wrong = manifest.assign(edges=manifest["edges"] + 1)
    with pytest.raises(ValueError, match="person_meeting.graphml"):
        export.verify_exports(wrong, tmp_path)


def test_graphml_is_laid_out_the_same_with_or_without_lxml(small_network, tmp_path):
    manifest = export.write_exports(small_network, tmp_path)
    text = (tmp_path / manifest["graphml"].iloc[0]).read_text(encoding="utf-8")
    # The layout of networkx's xml.etree writer: two-space indents and "<key ... />" with a space.
    assert '\n  <key id="d0"' in text and '" />' in text


def test_gexf_document_declares_every_attribute_it_gives():
    g = nx.Graph(name="tiny")
    g.add_node("a", label="A", kind="x", size=2)
    g.add_node("b", kind="y", share=0.5)
    g.add_edge("a", "b", weight=3, note="met")
    root = export.gexf_document(g)
    assert root.attrib == {"xmlns": "http://gexf.net/1.3", "version": "1.3"}
    assert root.find("meta/description").text == "tiny"
    graph = root.find("graph")
    assert graph.attrib == {"defaultedgetype": "undirected"}
    declared = {
        (block.get("class"), a.get("title"), a.get("type"), a.get("id"))
        for block in graph.findall("attributes")
        for a in block.findall("attribute")
    }
    assert declared == {
        ("node", "kind", "string", "0"),
        ("node", "size", "long", "1"),
        ("node", "share", "double", "2"),
        ("edge", "note", "string", "3"),
    }
    a, b = graph.findall("nodes/node")
    assert (a.get("label"), b.get("label")) == ("A", "b")  # a node without a label is labelled by its id
    assert [(v.get("for"), v.get("value")) for v in a.findall("attvalues/attvalue")] == [("0", "x"), ("1", "2")]
    (edge,) = graph.findall("edges/edge")
    assert edge.attrib == {"id": "0", "source": "a", "target": "b", "weight": "3"}
    assert [(v.get("for"), v.get("value")) for v in edge.findall("attvalues/attvalue")] == [("3", "met")]
    assert graph.find("nodes").get("count") == "2" and graph.find("edges").get("count") == "1"


def test_the_schema_check_rejects_what_the_exports_used_to_be(small_network, tmp_path, gexf_schema):
    graph = export.exportable(nw.counterpart_graph(small_network))
    # networkx's GEXF 1.2draft, as written before: another namespace and an undeclared name on <graph>.
    old = tmp_path / "old.gexf"
    old.write_text("\n".join(nx.generate_gexf(graph)), encoding="utf-8")
    assert not gexf_schema.validate(etree.parse(str(old)))
    # The document written now, with the one attribute GEXF 1.3 does not declare put back.
    root = export.gexf_document(graph)
    root.find("graph").set("name", "counterpart")
    named = tmp_path / "named.gexf"
    named.write_bytes(ET.tostring(root, encoding="utf-8"))
    assert not gexf_schema.validate(etree.parse(str(named)))
    root.find("graph").attrib.pop("name")
    named.write_bytes(ET.tostring(root, encoding="utf-8"))
    _assert_valid(gexf_schema, named)
