"""Exports of the delegation networks for other tools: GraphML, GEXF and CSV.

:func:`write_exports` writes every graph of :data:`helpers.networks.GRAPHS`
as GraphML and GEXF (for Gephi, Cytoscape or NetworkX) and as a pair of CSV
files of nodes and edges. Attribute values are made plain first
(:func:`exportable`), and the files are byte-identical from run to run.
"""

from __future__ import annotations

import re
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


def _write_gexf(graph: nx.Graph, path: Path) -> None:
    """Write GEXF without the ``lastmodifieddate`` stamp (byte-identical reruns)."""
    text = "\n".join(nx.generate_gexf(graph, prettyprint=True))
    text = re.sub(r'\s+lastmodifieddate="[^"]*"', "", text, count=1)
    path.write_text(text + "\n", encoding="utf-8")


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
        rows.append({"graph": name, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                     "graphml": f"{name}.graphml", "gexf": f"{name}.gexf",
                     "nodes_csv": f"{name}_nodes.csv", "edges_csv": f"{name}_edges.csv"})
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
