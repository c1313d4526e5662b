"""The figures of the networks chapter (helpers.charts.networks), drawn from the small dataset: what they show."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from helpers import network_report as nr
from helpers import networks as nw
from helpers.charts import networks as charts

from conftest import add_canada


def test_tie_opacity_stays_within_range_however_many_meetings():
    assert charts.tie_alpha(1, 4) == pytest.approx(0.34) and charts.tie_alpha(4, 4) == pytest.approx(1.0)
    assert all(0 < charts.tie_alpha(w, 9) <= 1 for w in range(1, 10))
    assert charts.tie_alpha(2, 2) < 1  # a corpus whose ties are all weak draws none opaque


def test_every_family_has_a_colour_in_legend_order():
    assert list(charts.FAMILY_COLOURS) == nw.FAMILIES
    assert len(set(charts.FAMILY_COLOURS.values())) == len(charts.FAMILY_COLOURS)


def test_people_layout_fits_the_page_and_keeps_the_attributes(small_network):
    graph = nw.person_meeting_graph(small_network)
    placed = charts.people_layout(graph)
    assert 0 < placed.scale <= 1
    assert list(placed.nodes["node"]) == list(graph.nodes)
    assert "bipartite" not in placed.nodes and {"x", "y", "kind", "name"} <= set(placed.nodes)
    meetings = placed.nodes[placed.nodes["kind"] == "meeting"]
    assert (meetings["y"] == 0).all() and meetings["x"].is_monotonic_increasing
    assert placed.nodes["x"].max() < charts.FIG_WIDTH - charts.LEFT_MARGIN
    us = placed.nodes[placed.nodes["country"] == "US"]
    assert (us["y"] > 0).all()


def test_people_draws_every_participation_and_names_every_node(small_network):
    graph = nw.person_meeting_graph(small_network)
    fig = charts.people(graph, charts.people_layout(graph))
    ax = fig.axes[0]
    links = [line for line in ax.get_lines() if line.get_linewidth() == 0.5]
    assert len(links) == graph.number_of_edges()
    dashed = [line for line in links if line.get_linestyle() != "-"]
    weak = [d for *_, d in graph.edges(data=True) if d["basis"] not in charts.STRONG_BASES]
    assert len(dashed) == len(weak) == 3
    names = {t.get_text() for t in ax.texts}
    assert {"Ann One", "Bob Two", "Carla Tres", "Juan Pérez Cuatro", "M-A\n2010-01-01"} <= names
    assert [t.get_text() for t in ax.get_legend().get_texts()][:3] == [
        "U.S. participant",
        "Mexican participant",
        "meeting",
    ]


def test_composition_stacks_one_bar_per_delegation_and_family(small_network):
    table = nr.family_composition(small_network)
    fig = charts.composition(table)
    ax = fig.axes[0]
    families = list(table.columns[2:-1])
    assert len(ax.patches) == len(table) * len(families)
    assert sum(p.get_width() for p in ax.patches) == table[families].to_numpy().sum()
    ticks = ax.get_yticklabels()
    assert [t.get_text() for t in ticks] == ["M-A US", "M-A MX", "M-B US", "M-B MX", "M-C US", "M-C MX"]
    assert ticks[0].get_position()[1] == len(table) - 1  # the first meeting on top
    assert {to_hex(t.get_color()) for t in ticks} == {"#0072b2", "#d55e00"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [*families, "not a delegation list"]
    # The delegations the texts do not list are hatched and say so at the end of their bar.
    hatched = {round(p.get_y() + p.get_height() / 2) for p in ax.patches if p.get_hatch()}
    unlisted = {len(table) - 1 - i for i, kind in enumerate(table["naming"]) if kind != nw.LIST}
    assert hatched == unlisted and len(unlisted) == 3
    assert [t.get_text() for t in ax.texts] == ["speakers only"] * 3


def test_continuity_draws_a_dot_per_presence_hollow_when_weak(small_network):
    grid, rows = nr.continuity_grid(small_network), nr.continuity_rows(small_network)
    fig = charts.continuity(grid, rows, nw.meeting_table(small_network))
    ax = fig.axes[0]
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == len(grid)
    hollow = sum(
        len(c.get_offsets())
        for c in ax.collections
        if len(c.get_offsets()) and to_hex(c.get_facecolor()[0]) == "#ffffff"
    )
    assert hollow == int((~grid["basis"].isin(charts.NAMED_BASES)).sum()) == 3
    assert [t.get_text() for t in ax.get_yticklabels()] == list(rows["row_label"])
    assert {t.get_text() for t in ax.texts} == {"as OAO"}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["M-A\nJan 2010", "M-B\nJun 2015", "M-C\nJan 2020"]
    assert not any(isinstance(p, Rectangle) for p in ax.patches)


def test_continuity_shades_the_sides_the_texts_do_not_list_and_names_a_renaming_once(small_network):
    parts = small_network.participants
    parts.loc[(parts["meeting_id"] == "M-B") & (parts["person_id"] == "p4"), "agency_id"] = "mx-old"
    grid, rows, meetings = (
        nr.continuity_grid(small_network),
        nr.continuity_rows(small_network),
        nw.meeting_table(small_network),
    )
    naming = nw.delegation_naming(small_network)
    # Rows 0-1 are U.S., 2-3 Mexican; M-B (order 1) lists neither side, M-C (2) lists the U.S. side only.
    assert charts.unlisted_cells(rows, naming, meetings) == [(1, 0, 1), (1, 2, 3), (2, 2, 3)]
    fig = charts.continuity(grid, rows, meetings, naming)
    ax = fig.axes[0]
    shaded = [p for p in ax.patches if isinstance(p, Rectangle) and to_hex(p.get_facecolor()) == charts.UNLISTED_SHADE]
    assert len(shaded) == 3
    # The NAO lineage is named OAO at M-A and M-B: "as OAO" is written once, at the first.
    assert [t.get_text() for t in ax.texts] == ["as OAO"]
    assert ax.get_legend().get_texts()[-1].get_text() == "side not listed in the texts"


def test_a_third_country_is_shaded_only_where_it_took_part(small_network):
    add_canada(small_network)
    rows, naming = nr.continuity_rows(small_network), nw.delegation_naming(small_network)
    assert list(rows["country"])[-1] == "CA"
    cells = charts.unlisted_cells(rows, naming, nw.meeting_table(small_network))
    assert [c for c in cells if c[1] == len(rows) - 1] == [(2, 4, 4)]


def test_counterpart_layout_faces_the_countries_by_family(small_network):
    graph = nw.counterpart_graph(small_network)
    pos = charts.counterpart_layout(graph)
    assert {pos[n][0] for n, a in graph.nodes(data=True) if a["country"] == "US"} == {0.0}
    assert {pos[n][0] for n, a in graph.nodes(data=True) if a["country"] == "MX"} == {1.0}
    # Justice and law comes before defence and navy in the legend, so NAO sits above the defence secretariat.
    assert pos["institution:mx-old"][1] > pos["institution:mx-c"][1]


def test_counterparts_draws_a_line_per_pair_darker_when_stronger(small_network):
    graph = nw.counterpart_graph(small_network)
    fig = charts.counterparts(graph)
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert len(lines) == graph.number_of_edges()
    assert sorted(line.get_alpha() for line in lines) == pytest.approx([0.34, 0.34, 0.34 + 0.66 / 3])
    assert {t.get_text() for t in ax.texts} >= {"DA", "DB", "NAO", "United States", "Mexico"}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-2:] == ["1 meeting together", "2 meetings together"]


def test_recurring_people_draws_one_row_per_person_and_upright_labels_for_many_meetings(small_network):
    from helpers.figures import MEETINGS_ACROSS

    grid = nr.recurring_people_grid(nw.participations(small_network))
    meetings = nw.meeting_table(small_network)
    fig = charts.recurring_people(grid, meetings)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(grid.drop_duplicates("row")["person_name"])
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == len(grid)
    rotation = ax.get_xticklabels()[0].get_rotation()
    assert rotation == (90 if len(meetings) > MEETINGS_ACROSS else 0)
