"""Deterministic layouts of the delegation networks: each returns ``{node: (x, y)}``.

The layouts place the nodes of the graphs built by :mod:`helpers.networks`
by their attributes (a meeting's ``order``, a node's ``country`` and
``level``) and, for the timeline, by the widths of their labels, which the
caller measures (:mod:`helpers.charts.networks` measures them in inches with
the report's font). Nothing here draws, and nothing is random: the force
layout is seeded and rounded, so a layout is the same on every run.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from .networks import LEVELS, MEETING


def _column_widths(graph: nx.Graph, label_widths: Mapping[str, float]) -> list[tuple[str, float]]:
    """Meetings in ``order``, each with the widest label of its column."""
    meetings = sorted((attrs["order"], node) for node, attrs in graph.nodes(data=True) if attrs.get("kind") == MEETING)
    width = {node: label_widths.get(node, 0.0) for _, node in meetings}
    for node, attrs in graph.nodes(data=True):
        linked = [n for n in graph.neighbors(node) if n in width]
        if attrs.get("kind") != MEETING and len(linked) == 1:
            width[linked[0]] = max(width[linked[0]], label_widths.get(node, 0.0))
    return [(node, width[node]) for _, node in meetings]


def timeline_columns(graph: nx.Graph, label_widths: Mapping[str, float], gap: float = 0.1) -> dict[str, float]:
    """x of each meeting, so that no label of a meeting's column reaches the next meeting.

    A meeting's column holds the meeting and every node linked to that meeting
    alone; its width is the widest of their labels (``label_widths``, in
    x-units such as inches; a node not listed counts as 0). The first meeting
    (by ``order``) sits at 0 and each next one ``gap`` after the widest label
    of the column before it, so a meeting with long names gets the room they
    need however many meetings the dataset holds.
    """
    columns, x = {}, 0.0
    for node, width in _column_widths(graph, label_widths):
        columns[node] = x
        x += width + gap
    return columns


def fit_timeline(
    graph: nx.Graph, label_widths: Mapping[str, float], available: float, top: str = "US", gap: float = 0.1
) -> tuple[float, dict[str, tuple[float, float]]]:
    """Lay out a timeline whose columns and labels fit in ``available`` x-units.

    ``label_widths`` are the labels' widths at full size (e.g. in inches).
    Columns are spaced as in :func:`timeline_columns`; when the last one would
    end beyond ``available``, every label and the gap are scaled down by one
    factor. Returns that factor (at most 1: multiply font sizes and label
    offsets by it) and the :func:`timeline_layout` built with the scaled
    widths.
    """
    columns = _column_widths(graph, label_widths)
    span = sum(width for _, width in columns) + gap * (len(columns) - 1)
    scale = min(1.0, available / span) if span > 0 else 1.0
    widths = {node: width * scale for node, width in label_widths.items()}
    meeting_x = timeline_columns(graph, widths, gap * scale)
    return scale, timeline_layout(graph, top, meeting_x=meeting_x, label_widths=widths)


def timeline_layout(
    graph: nx.Graph,
    top: str = "US",
    label_width: float = 0.85,
    row_gap: float = 1.0,
    *,
    meeting_x: Mapping[str, float] | None = None,
    label_widths: Mapping[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Meetings in time order along x at y = 0; other nodes above or below.

    Meeting nodes need an ``order`` attribute (as built here) and sit at x =
    ``order``, or at ``meeting_x[node]`` when given (see
    :func:`timeline_columns`). Every other node sits at the mean x of the
    meetings it is linked to, above the axis when its ``country`` is ``top``
    and below it otherwise, in the first row (1, 2, ... away from the axis)
    where its label, ``label_widths[node]`` (default ``label_width``) x-units
    long and starting at the node, overlaps no label already placed. Nodes
    are placed by x, then by level of representation, then by id, so the
    layout is the same on every run and no two labels of the same side
    overlap.
    """
    widths = label_widths or {}
    positions: dict[str, tuple[float, float]] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") == MEETING:
            x = meeting_x[node] if meeting_x is not None else attrs["order"]
            positions[node] = (float(x), 0.0)
    level_rank = {lv: i for i, lv in enumerate(LEVELS)}
    others = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") == MEETING:
            continue
        xs = [positions[n][0] for n in graph.neighbors(node) if n in positions]
        x = sum(xs) / len(xs) if xs else -1.0
        side = 1.0 if attrs.get("country") == top else -1.0
        others.append((side, x, level_rank.get(attrs.get("level", ""), len(LEVELS)), node))
    rows: dict[float, list[list[tuple[float, float]]]] = {1.0: [], -1.0: []}
    for side, x, _, node in sorted(others):
        end = x + widths.get(node, label_width)
        taken = rows[side]
        free = [i for i, used in enumerate(taken) if all(end <= start or other_end <= x for start, other_end in used)]
        index = free[0] if free else len(taken)
        if not free:
            taken.append([])
        taken[index].append((x, end))
        positions[node] = (x, side * (index + 1) * row_gap)
    return {node: positions[node] for node in graph.nodes}


def two_column_layout(
    graph: nx.Graph, attribute: str = "country", left: str = "US", sort_by: tuple[str, ...] = ("sector", "label")
) -> dict[str, tuple[float, float]]:
    """Nodes with ``attribute == left`` at x = 0, the others at x = 1.

    Each column is sorted by ``sort_by`` (then node id) from top to bottom
    and centred vertically, so that a sector faces its counterpart.
    """
    columns: dict[float, list] = {0.0: [], 1.0: []}
    for node, attrs in graph.nodes(data=True):
        key = tuple(str(attrs.get(a, "")) for a in sort_by) + (node,)
        columns[0.0 if attrs.get(attribute) == left else 1.0].append((key, node))
    height = max((len(c) for c in columns.values()), default=1)
    positions = {}
    for x, members in columns.items():
        members.sort()
        offset = (height - len(members)) / 2
        for index, (_, node) in enumerate(members):
            positions[node] = (x, -(offset + index))
    return {node: positions[node] for node in graph.nodes}


def spring_layout(
    graph: nx.Graph, seed: int = 20101, weight: str | None = "weight", iterations: int = 200
) -> dict[str, tuple[float, float]]:
    """A seeded force-directed layout, rounded to 6 decimals (same result on every run)."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True)))
    raw = nx.spring_layout(ordered, seed=seed, weight=weight, iterations=iterations)
    return {node: (round(float(raw[node][0]), 6), round(float(raw[node][1]), 6)) for node in graph.nodes}
