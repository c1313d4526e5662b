"""Exports of the delegation networks for other tools: GraphML, GEXF and CSV.

:func:`write_exports` writes every graph of :data:`helpers.networks.GRAPHS`
as GraphML and GEXF (for Gephi, Cytoscape or NetworkX) and as a pair of CSV
files of nodes and edges. Attribute values are made plain first
(:func:`exportable`), and the files are byte-identical from run to run.
GEXF is written here (:func:`gexf_document`) as GEXF 1.3 with only the
attributes its schema declares; networkx's writer adds a ``name`` attribute
to ``<graph>`` and a misspelt XML Schema namespace, which the schema rejects.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pandas as pd

from .networks import GRAPHS
from .paths import build_dir


def _plain(value):
    """An attribute value GraphML and GEXF accept: str, int or float (no None)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and pd.isna(value):
        return ""
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (list, tuple, set)):
        return ";".join(str(v) for v in value)
    return str(value)


def exportable(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attribute values are all str, int or float.

    An attribute that holds ints on some nodes and floats on others becomes
    float everywhere, because GraphML declares one type per attribute.
    """
    out = nx.Graph(name=graph.graph.get("name", ""))
    for node, attrs in graph.nodes(data=True):
        out.add_node(node, **{k: _plain(v) for k, v in attrs.items()})
    for u, v, attrs in graph.edges(data=True):
        out.add_edge(u, v, **{k: _plain(val) for k, val in attrs.items()})
    for items in (lambda: (d for _, d in out.nodes(data=True)), lambda: (d for *_, d in out.edges(data=True))):
        kinds: dict[str, set] = {}
        for data in items():
            for key, value in data.items():
                kinds.setdefault(key, set()).add(type(value))
        for data in items():
            for key, value in data.items():
                if kinds[key] == {int, float}:
                    data[key] = float(value)
                elif len(kinds[key]) > 1:
                    data[key] = str(value)
    return out


def node_table(graph: nx.Graph) -> pd.DataFrame:
    """Nodes and their attributes, one row each (column ``id`` first)."""
    keys = list(dict.fromkeys(k for _, attrs in graph.nodes(data=True) for k in attrs))
    rows = [{"id": node, **{k: attrs.get(k, "") for k in keys}} for node, attrs in graph.nodes(data=True)]
    return pd.DataFrame(rows, columns=["id"] + keys)


def edge_table(graph: nx.Graph) -> pd.DataFrame:
    """Edges and their attributes, one row each (``source``, ``target`` first)."""
    keys = list(dict.fromkeys(k for *_, attrs in graph.edges(data=True) for k in attrs))
    rows = [{"source": u, "target": v, **{k: attrs.get(k, "") for k in keys}} for u, v, attrs in graph.edges(data=True)]
    return pd.DataFrame(rows, columns=["source", "target"] + keys)


def edge_list(graph: nx.Graph) -> pd.DataFrame:
    """The edges of ``graph`` as the edge CSV export writes them: :func:`edge_table` of :func:`exportable`."""
    return edge_table(exportable(graph))


#: The GEXF version written, and its namespace.
GEXF_VERSION, GEXF_NAMESPACE = "1.3", "http://gexf.net/1.3"
#: GEXF attribute type of each type of value :func:`exportable` leaves.
GEXF_TYPES = {str: "string", int: "long", float: "double"}


def _gexf_attributes(block: ET.Element, data: dict, ids: dict[str, str]) -> None:
    """Add ``<attvalues>`` to ``block`` for the attributes of ``data`` declared in ``ids`` (title -> id)."""
    values = [(ids[key], value) for key, value in data.items() if key in ids]
    if values:
        attvalues = ET.SubElement(block, "attvalues")
        for key, value in values:
            ET.SubElement(attvalues, "attvalue", {"for": key, "value": str(value)})


def gexf_document(graph: nx.Graph) -> ET.Element:
    """``graph`` (made :func:`exportable`) as a GEXF 1.3 document, with only the XML attributes GEXF declares.

    The graph's name is the ``<meta>`` description. Every node and edge
    attribute is declared once (``<attributes class="node|edge">``, typed
    ``string``, ``long`` or ``double``) and given in ``<attvalues>``, except
    a node's ``label`` and an edge's ``weight``, which are the XML attributes
    GEXF has for them. Edges are numbered from 0 in the graph's order.
    """
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": GEXF_VERSION})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "helpers.network_export"
    ET.SubElement(meta, "description").text = str(graph.graph.get("name", ""))
    body = ET.SubElement(root, "graph", {"defaultedgetype": "undirected"})
    ids: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for kind, items, own in (("node", graph.nodes(data=True), "label"), ("edge", graph.edges(data=True), "weight")):
        types: dict[str, str] = {}
        for *_, data in items:
            for key, value in data.items():
                if key != own:
                    types.setdefault(key, GEXF_TYPES[type(value)])
        if types:
            declared = ET.SubElement(body, "attributes", {"class": kind})
            for title, gexf_type in types.items():
                ids[kind][title] = str(len(ids["node"]) + len(ids["edge"]))  # the next free id
                ET.SubElement(declared, "attribute", {"id": ids[kind][title], "title": title, "type": gexf_type})
    nodes = ET.SubElement(body, "nodes", {"count": str(graph.number_of_nodes())})
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": str(node), "label": str(data.get("label", node))})
        _gexf_attributes(element, data, ids["node"])
    edges = ET.SubElement(body, "edges", {"count": str(graph.number_of_edges())})
    for index, (u, v, data) in enumerate(graph.edges(data=True)):
        attributes = {"id": str(index), "source": str(u), "target": str(v)}
        if "weight" in data:
            attributes["weight"] = str(data["weight"])
        _gexf_attributes(ET.SubElement(edges, "edge", attributes), data, ids["edge"])
    return root


def _write_gexf(graph: nx.Graph, path: Path) -> None:
    """Write :func:`gexf_document` of ``graph``, indented, with no date in it (byte-identical reruns)."""
    root = gexf_document(graph)
    ET.indent(root, space="  ")
    path.write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")


def write_exports(ds, out_dir: str | Path | None = None) -> pd.DataFrame:
    """Write every graph of :data:`GRAPHS` as GraphML, GEXF, node CSV and edge CSV.

    ``out_dir`` is by default ``networks/`` in the build folder
    (:func:`helpers.paths.build_dir`), from which the book offers the files
    for download. Files are ``<out_dir>/<graph>.graphml``, ``.gexf``, ``_nodes.csv`` and
    ``_edges.csv``. Returns one row per graph: its name, node and edge
    counts and the four file names (relative to ``out_dir``), once every
    GraphML file has been read back (:func:`verify_exports`).
    """
    out = build_dir() / "networks" if out_dir is None else Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, build in GRAPHS.items():
        graph = exportable(build(ds))
        # networkx's own xml.etree writer: nx.write_graphml takes lxml's when lxml is installed, whose
        # layout differs, and the files must not depend on what else is installed.
        nx.write_graphml_xml(graph, out / f"{name}.graphml", encoding="utf-8", prettyprint=True)
        _write_gexf(graph, out / f"{name}.gexf")
        node_table(graph).to_csv(out / f"{name}_nodes.csv", index=False, lineterminator="\n")
        edge_table(graph).to_csv(out / f"{name}_edges.csv", index=False, lineterminator="\n")
        rows.append(
            {
                "graph": name,
                "nodes": graph.number_of_nodes(),
                "edges": graph.number_of_edges(),
                "graphml": f"{name}.graphml",
                "gexf": f"{name}.gexf",
                "nodes_csv": f"{name}_nodes.csv",
                "edges_csv": f"{name}_edges.csv",
            }
        )
    manifest = pd.DataFrame(rows)
    verify_exports(manifest, out)
    return manifest


def verify_exports(manifest: pd.DataFrame, out_dir: str | Path) -> None:
    """Read every GraphML file of ``manifest`` (:func:`write_exports`) back and check its size.

    Raises ``ValueError`` naming the first file whose node and edge counts
    read back differ from those the manifest gives.
    """
    for row in manifest.itertuples():
        back = nx.read_graphml(Path(out_dir) / row.graphml)
        found = (back.number_of_nodes(), back.number_of_edges())
        if found != (row.nodes, row.edges):
            raise ValueError(f"{row.graphml}: read back {found} nodes and edges, written {(row.nodes, row.edges)}")
