"""Data flows one way: drafting never imports an analysis, analyses never import drawing.

The import graph of src/helpers is read from the source (ast), so the test
sees every import, including those inside functions.
"""

from __future__ import annotations

import ast

from conftest import ROOT

HELPERS = ROOT / "src" / "helpers"
#: The command that drafts and accepts a new readout, and what it reads text with.
DRAFTING = {"ingest", "names", "readout", "screen", "quantities", "coding", "units", "agencies"}
#: The analyses of the chapters.
ANALYSES = {
    "themes",
    "theme_report",
    "networks",
    "network_report",
    "network_layout",
    "network_export",
    "claims",
    "claim_report",
    "claimreview",
    "synthesis",
    "sources",
    "series",
    "corpus",
    "background",
}
#: What draws: the figure style and the charts, and the plotting libraries.
DRAWING = {"figures", "charts", "matplotlib", "PIL"}


def module_name(path) -> str:
    return ".".join(path.relative_to(HELPERS).with_suffix("").parts).removesuffix(".__init__")


def imports() -> dict[str, set[str]]:
    """Module (relative to helpers, e.g. 'text.fold') -> the helpers modules and top-level packages it imports."""
    graph = {}
    for path in HELPERS.rglob("*.py"):
        name = module_name(path)
        package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                    found.add(target if node.module else target)
                    if not node.module:
                        found |= {".".join([*base, alias.name]) for alias in node.names}
                elif node.module:
                    found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
        graph[name] = {f for f in found if f}
    return graph


def reachable(graph, start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def top(name: str) -> str:
    return name.split(".")[0]


def test_the_drafting_command_imports_no_analysis():
    graph = imports()
    for module in DRAFTING:
        reached = {top(m) for m in reachable(graph, module)}
        assert not reached & ANALYSES, f"{module} imports {sorted(reached & ANALYSES)}"
        assert not reached & DRAWING, f"{module} imports {sorted(reached & DRAWING)}"


def test_the_analyses_import_no_drawing():
    graph = imports()
    for module in ANALYSES:
        reached = {top(m) for m in reachable(graph, module)}
        assert not reached & DRAWING, f"{module} imports {sorted(reached & DRAWING)}"


def test_the_graph_is_read():
    graph = imports()
    assert "text.fold" in graph["text"] and "themes" in graph["sources"] and "networkx" in graph["networks"]


def test_a_transitive_import_is_seen():
    graph = {"ingest": {"names"}, "names": {"text", "themes"}, "themes": {"pandas"}}
    assert {"themes", "pandas"} <= reachable(graph, "ingest")
