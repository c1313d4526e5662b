"""Layouts of the delegation networks (helpers.network_layout): deterministic, and labels never overlap."""

from __future__ import annotations

import networkx as nx
import pytest

from helpers import network_layout as layout
from helpers import networks as nw


def test_layouts_are_deterministic(small_network):
    for build in (nw.person_meeting_graph, nw.institution_meeting_graph, nw.co_attendance_graph):
        assert layout.spring_layout(build(small_network), seed=7) == layout.spring_layout(build(small_network), seed=7)
        assert layout.timeline_layout(build(small_network)) == layout.timeline_layout(build(small_network))
    g = nw.counterpart_graph(small_network)
    assert layout.two_column_layout(g) == layout.two_column_layout(nw.counterpart_graph(small_network))


def test_spring_layout_does_not_depend_on_insertion_order(small_network):
    g = nw.co_attendance_graph(small_network)
    reversed_graph = nx.Graph()
    reversed_graph.add_nodes_from(reversed(list(g.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(g.edges(data=True))))
    assert layout.spring_layout(g, seed=3) == layout.spring_layout(reversed_graph, seed=3)


def test_timeline_layout_structure_and_no_label_overlap(small_network):
    g = nw.person_meeting_graph(small_network)
    pos = layout.timeline_layout(g, label_width=0.9)
    assert set(pos) == set(g.nodes)
    for node, attrs in g.nodes(data=True):
        x, y = pos[node]
        if attrs["kind"] == "meeting":
            assert (x, y) == (attrs["order"], 0.0)
        else:
            assert (y > 0) == (attrs["country"] == "US") and y != 0
    placed = [(x, y) for n, (x, y) in pos.items() if g.nodes[n]["kind"] != "meeting"]
    for i, (x1, y1) in enumerate(placed):
        for x2, y2 in placed[i + 1 :]:
            assert y1 != y2 or abs(x1 - x2) >= 0.9


def _timeline_graph():
    """Three meetings; people at one meeting each, and one at two."""
    g = nx.Graph()
    for order, meeting in enumerate(["m1", "m2", "m3"]):
        g.add_node(meeting, kind="meeting", order=order, name=meeting)
    for person, country, attended in [
        ("us-long", "US", ["m1"]),
        ("us-short", "US", ["m2"]),
        ("mx-a", "MX", ["m1"]),
        ("mx-b", "MX", ["m3"]),
        ("mx-both", "MX", ["m1", "m2"]),
    ]:
        g.add_node(person, kind="person", country=country, name=person)
        g.add_edges_from((person, meeting) for meeting in attended)
    widths = {
        "m1": 0.5,
        "m2": 0.5,
        "m3": 0.5,
        "us-long": 2.0,
        "us-short": 0.3,
        "mx-a": 1.0,
        "mx-b": 0.4,
        "mx-both": 0.6,
    }
    return g, widths


def _assert_no_label_overlap(graph, pos, widths):
    placed = [
        (pos[n][0], pos[n][0] + widths[n], pos[n][1]) for n, a in graph.nodes(data=True) if a["kind"] != "meeting"
    ]
    for i, (start, end, row) in enumerate(placed):
        for other_start, other_end, other_row in placed[i + 1 :]:
            assert row != other_row or end <= other_start or other_end <= start


def test_timeline_columns_make_room_for_the_longest_label_of_each_meeting():
    g, widths = _timeline_graph()
    columns = layout.timeline_columns(g, widths, gap=0.1)
    # m1's column is as wide as 'us-long'; 'mx-both' (two meetings) belongs to no column.
    assert columns == pytest.approx({"m1": 0.0, "m2": 2.1, "m3": 2.7})
    pos = layout.timeline_layout(g, meeting_x=columns, label_widths=widths)
    for node, attrs in g.nodes(data=True):
        linked = list(g.neighbors(node))
        if attrs["kind"] == "person" and len(linked) == 1:
            later = [x for x in columns.values() if x > columns[linked[0]]]
            assert pos[node][0] == columns[linked[0]]
            assert all(pos[node][0] + widths[node] < x for x in later)
    assert pos["mx-both"][0] == pytest.approx((0.0 + 2.1) / 2)
    _assert_no_label_overlap(g, pos, widths)


def test_fit_timeline_shrinks_labels_only_when_the_columns_do_not_fit():
    g, widths = _timeline_graph()
    scale, pos = layout.fit_timeline(g, widths, available=10.0, gap=0.1)
    assert scale == 1.0
    assert pos == layout.timeline_layout(g, meeting_x=layout.timeline_columns(g, widths, 0.1), label_widths=widths)
    # The columns need 2.0 + 0.5 + 0.5 plus two gaps of 0.1 = 3.2: half of it fits in 1.6.
    scale, pos = layout.fit_timeline(g, widths, available=1.6, gap=0.1)
    assert scale == pytest.approx(0.5)
    scaled = {n: w * scale for n, w in widths.items()}
    assert max(pos[n][0] + scaled[n] for n in g.nodes) <= 1.6 + 1e-9
    _assert_no_label_overlap(g, pos, scaled)


def test_two_column_layout_puts_countries_apart(small_network):
    g = nw.counterpart_graph(small_network)
    pos = layout.two_column_layout(g, left="US")
    assert {pos[n][0] for n, a in g.nodes(data=True) if a["country"] == "US"} == {0.0}
    assert {pos[n][0] for n, a in g.nodes(data=True) if a["country"] == "MX"} == {1.0}


def test_timeline_layout_puts_a_label_in_the_first_row_with_room():
    g = nx.Graph()
    g.add_node("m1", kind="meeting", order=0)
    g.add_node("m2", kind="meeting", order=1)
    for person, country, meeting in [("a", "US", "m1"), ("c", "US", "m1"), ("b", "US", "m2"), ("d", "MX", "m2")]:
        g.add_node(person, kind="person", country=country)
        g.add_edge(person, meeting)
    pos = layout.timeline_layout(g, label_width=0.5)
    assert pos == {
        "m1": (0.0, 0.0),
        "m2": (1.0, 0.0),
        "a": (0.0, 1.0),
        "c": (0.0, 2.0),
        "b": (1.0, 1.0),
        "d": (1.0, -1.0),
    }
