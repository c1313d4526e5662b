"""Figures of the networks chapter: people at the meetings, composition, continuity, counterparts.

Each function takes a graph or table of :mod:`helpers.networks` or a table
shaped by :mod:`helpers.network_report` and returns a matplotlib figure; the
chapter publishes it. The positions come from :mod:`helpers.network_layout`,
with the labels measured here in the report's font.
"""

from __future__ import annotations

from typing import NamedTuple

import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from .. import network_layout as layout
from .. import networks as nw
from ..figures import COUNTRY_COLOURS, new_figure, set_meeting_ticks, text_width

#: Colour of each sector family (Okabe & Ito 2008), in legend order (:data:`helpers.networks.FAMILIES`).
FAMILY_COLOURS = {
    "diplomacy": "#56B4E9",
    "interior and security": "#E69F00",
    "justice and law": "#009E73",
    "defence and navy": "#0072B2",
    "intelligence": "#CC79A7",
    "finance": "#F0E442",
    "drug policy": "#D55E00",
    "public health": "#8C564B",
    "presidency": "#000000",
    "other": "#999999",
}
#: The people timeline: figure width and left margin (inches), font sizes of names and of meetings.
FIG_WIDTH, LEFT_MARGIN, NAME_SIZE, MEETING_SIZE = 6.9, 0.75, 5.6, 6.5
#: Bases drawn as a solid line: the person is named in a delegation list or hosted.
STRONG_BASES = {"led", "listed", "hosted"}
#: Bases drawn as a filled dot in the dot matrices: the text names the person as a delegate, leader, host or as
#: meeting the other side; a hollow dot is a person the text only has speak or greets.
NAMED_BASES = STRONG_BASES | {"met"}
#: Hatching of a delegation the texts do not list (principals or speakers only), and shading of the cells of a
#: side whose delegation the texts do not list.
UNLISTED_HATCH, UNLISTED_SHADE = "////", "#eeeeee"
#: Short notes written at the end of a bar: how the texts name that delegation.
NAMING_NOTES = {nw.LIST: "", nw.PRINCIPALS: "principals only", nw.SPEAKERS: "speakers only", nw.NOBODY: "nobody named"}


def tie_alpha(weight: float, strongest: float) -> float:
    """Opacity of a tie drawn with ``weight`` meetings, when the strongest tie has ``strongest``.

    A single meeting is drawn at 0.34 and the strongest tie opaque; the scale
    spans at least four meetings, so that adding a meeting to the corpus
    never pushes the opacity past 1.
    """
    return 0.34 + 0.66 * (weight - 1) / max(strongest - 1, 3)


class PeopleLayout(NamedTuple):
    """Where :func:`people_layout` puts the people-meeting graph."""

    #: Factor (at most 1) applied to every label's font size and offset so that the columns fit the page.
    scale: float
    #: One row per node: ``node``, its attributes (but ``bipartite``), ``x`` and ``y`` (in inches).
    nodes: pd.DataFrame


def people_layout(graph: nx.Graph) -> PeopleLayout:
    """Place the people-meeting graph on a timeline that fits the page.

    Each label is measured in inches (:func:`helpers.figures.text_width`):
    a meeting's column is as wide as its longest label, and all labels
    shrink by ``scale`` if the columns would not fit
    (:func:`helpers.network_layout.fit_timeline`).
    """
    label_inches = {
        n: 7 / 72 + text_width(f"{a['name']}\n{a['date']}", MEETING_SIZE, "bold")
        if a["kind"] == nw.MEETING
        else 3 / 72 + text_width(a["name"], NAME_SIZE)
        for n, a in graph.nodes(data=True)
    }
    scale, pos = layout.fit_timeline(graph, label_inches, available=FIG_WIDTH - LEFT_MARGIN, top="US", gap=0.12)
    nodes = pd.DataFrame([{"node": n, **a, "x": pos[n][0], "y": pos[n][1]} for n, a in graph.nodes(data=True)])
    return PeopleLayout(scale, nodes.drop(columns=["bipartite"]))


def people(graph: nx.Graph, placed: PeopleLayout):
    """The people-meeting network on a timeline: meetings on the axis, U.S. people above, Mexican below.

    ``placed`` is :func:`people_layout` of ``graph`` (one x unit is one
    inch). A dashed link means the person is known only as a speaker or as
    greeted.
    """
    scale, nodes = placed
    pos = {node: (x, y) for node, x, y in zip(nodes["node"], nodes["x"], nodes["y"], strict=True)}
    rows = int(nodes["y"].abs().max())
    fig, ax = new_figure(width=FIG_WIDTH, height=0.17 * (2 * rows + 3))
    fig.set_layout_engine("none")
    ax.set_position([0, 0, 1, 1])  # so that one x unit is one inch
    for u, v, d in graph.edges(data=True):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot(
            [x1, x2],
            [y1, y2],
            color="#9a9a9a" if d["basis"] in STRONG_BASES else "#555555",
            linewidth=0.5,
            linestyle="-" if d["basis"] in STRONG_BASES else (0, (2, 1.5)),
            zorder=1,
        )
    for country, colour in COUNTRY_COLOURS.items():
        shown = nodes[(nodes["kind"] == nw.PERSON) & (nodes["country"] == country)]
        ax.scatter(shown["x"], shown["y"], s=14, color=colour, zorder=2, linewidths=0)
        for item in shown.itertuples():
            ax.annotate(
                item.name,
                (item.x, item.y),
                xytext=(3 * scale, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=NAME_SIZE * scale,
                zorder=2.5,
                bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            )
    meetings = nodes[nodes["kind"] == nw.MEETING]
    ax.scatter(
        meetings["x"], meetings["y"], s=90, marker="s", color="white", edgecolors="black", linewidths=1.2, zorder=3
    )
    for item in meetings.itertuples():
        ax.annotate(
            f"{item.name}\n{item.date}",
            (item.x, item.y),
            xytext=(7 * scale, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=MEETING_SIZE * scale,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
            zorder=4,
        )
    ax.axhline(0, color="#dddddd", linewidth=0.6, zorder=0)
    ax.set_xlim(-LEFT_MARGIN, FIG_WIDTH - LEFT_MARGIN)
    ax.set_ylim(-rows - 0.8, rows + 0.8)
    ax.set_axis_off()
    ax.text(
        -0.1, 1.0, "United\nStates", ha="right", va="bottom", color=COUNTRY_COLOURS["US"], fontsize=8, fontweight="bold"
    )
    ax.text(-0.1, -1.0, "Mexico", ha="right", va="top", color=COUNTRY_COLOURS["MX"], fontsize=8, fontweight="bold")
    ax.legend(
        handles=[
            Line2D([], [], marker="o", linestyle="", color=COUNTRY_COLOURS["US"], label="U.S. participant"),
            Line2D([], [], marker="o", linestyle="", color=COUNTRY_COLOURS["MX"], label="Mexican participant"),
            Line2D([], [], marker="s", linestyle="", markerfacecolor="white", markeredgecolor="black", label="meeting"),
            Line2D([], [], color="#9a9a9a", label="named in the delegation or host"),
            Line2D([], [], color="#555555", linestyle=(0, (2, 1.5)), label="only speaking or greeted"),
        ],
        loc="upper right",
        fontsize=6,
        ncols=1,
    )
    return fig


def composition(table: pd.DataFrame):
    """Stacked horizontal bars: people of each delegation by sector family, first meeting on top.

    ``table`` is :func:`helpers.network_report.family_composition`; the tick
    labels are coloured by country. A delegation the texts do not list
    (column ``naming``: principals or speakers only) is hatched, with a note
    at the end of its bar; a line separates the meetings.
    """
    drawn = table.set_index(["meeting_id", "country"])
    naming = drawn.pop("naming") if "naming" in drawn else pd.Series(nw.LIST, index=drawn.index)
    fig, ax = new_figure(width=6.5, height=0.13 * len(drawn) + 1.2)
    labels = [f"{m} {c}" for m, c in drawn.index]
    ypos = list(range(len(labels)))[::-1]
    hatch = [UNLISTED_HATCH if n != nw.LIST else "" for n in naming]
    left = pd.Series(0, index=drawn.index)
    for family in drawn.columns:
        bars = ax.barh(
            ypos,
            drawn[family],
            left=left,
            color=FAMILY_COLOURS[family],
            edgecolor="#333333",
            linewidth=0.4,
            label=family,
            height=0.72,
        )
        for bar, pattern in zip(bars, hatch, strict=True):
            bar.set_hatch(pattern)
        left = left + drawn[family]
    for y, end, kind in zip(ypos, left, naming, strict=True):
        if NAMING_NOTES.get(kind):
            ax.annotate(
                NAMING_NOTES[kind],
                (end, y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=5.5,
                color="#555555",
            )
    meetings = [m for m, _ in drawn.index]
    for y, (above, below) in zip(ypos[1:], zip(meetings, meetings[1:], strict=False), strict=True):
        if above != below:
            ax.axhline(y + 0.5, color="#cccccc", linewidth=0.5)
    ax.set_yticks(ypos, labels, fontsize=6.3)
    for tick, (_, country) in zip(ax.get_yticklabels(), drawn.index, strict=True):
        tick.set_color(COUNTRY_COLOURS.get(country, "#666666"))
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_xlim(0, max(float(left.max()), 1) * 1.18)
    ax.set_xlabel("People named in the texts")
    handles, names = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="white", edgecolor="#333333", hatch=UNLISTED_HATCH, linewidth=0.4))
    names.append("not a delegation list")
    ax.legend(
        handles,
        names,
        title="Sector family",
        fontsize=6.5,
        title_fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
    )
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


def unlisted_cells(rows: pd.DataFrame, naming: pd.DataFrame, meetings: pd.DataFrame) -> list[tuple[int, int, int]]:
    """The blocks of the continuity figure to shade: (meeting order, first row, last row) of each side not listed.

    ``rows`` is :func:`helpers.network_report.continuity_rows` (rows of one country
    are contiguous), ``naming`` :func:`helpers.networks.delegation_naming`
    and ``meetings`` :func:`helpers.networks.meeting_table`. A party's rows
    are shaded at every meeting where the texts give no list of its
    delegation (principals or speakers only, or nobody named); a third
    country's only at the meetings it took part in.
    """
    listed = set(zip(*naming.loc[naming["naming"] == nw.LIST, ["meeting_id", "country"]].T.values, strict=True))
    present = set(zip(naming["meeting_id"], naming["country"], strict=True))
    spans = {
        c: (int(idx.min()), int(idx.max()))
        for c, idx in rows.reset_index(drop=True).groupby("country", sort=False).groups.items()
    }
    return [
        (int(order), *spans[country])
        for meeting, order in zip(meetings["meeting_id"], meetings["order"], strict=True)
        for country in spans
        if (meeting, country) not in listed and (country in nw.BILATERAL or (meeting, country) in present)
    ]


def continuity(grid: pd.DataFrame, rows: pd.DataFrame, meetings: pd.DataFrame, naming: pd.DataFrame | None = None):
    """Dot matrix of institutions (rows) by meeting (columns), dots coloured by sector family.

    ``grid`` and ``rows`` are :func:`helpers.network_report.continuity_grid` and
    :func:`~helpers.network_report.continuity_rows` (one row of the figure per row
    of ``rows``, in that order), ``meetings``
    :func:`helpers.networks.meeting_table`. A hollow dot: the institution is
    known only from a speaker or a greeting; "as ..." gives the name the
    institution had then (at the first meeting of each name), "+ ..." a
    further remit it held that day; a line joins the meetings of one
    institution. With ``naming`` (:func:`helpers.networks.delegation_naming`)
    the cells of a side whose delegation the texts do not list are shaded
    (:func:`unlisted_cells`): an empty cell there says nothing.
    """
    row_of = {lineage: i for i, lineage in enumerate(rows["lineage_id"])}
    grid = grid.assign(row=grid["lineage_id"].map(row_of))
    fig, ax = new_figure(width=6.5, height=0.2 * len(rows) + 1.2)
    for order, first, last in unlisted_cells(rows, naming, meetings) if naming is not None else []:
        ax.add_patch(
            Rectangle(
                (order - 0.5, first - 0.5), 1, last - first + 1, facecolor=UNLISTED_SHADE, edgecolor="none", zorder=0
            )
        )
    strong = grid["basis"].isin(NAMED_BASES)
    for family, group in grid.groupby("family", sort=False):
        colour = FAMILY_COLOURS[family]
        full, weak = group[strong[group.index]], group[~strong[group.index]]
        ax.scatter(full["order"], full["row"], s=40, color=colour, edgecolors="#333333", linewidths=0.5, zorder=3)
        ax.scatter(weak["order"], weak["row"], s=40, facecolors="white", edgecolors=colour, linewidths=1.6, zorder=3)
    previous: dict[str, str] = {}
    for item in grid.sort_values("order", kind="stable").itertuples():
        notes = []
        if item.as_named != item.label and previous.get(item.lineage_id) != item.as_named:
            notes.append(f"as {item.as_named}")
        previous[item.lineage_id] = item.as_named
        further = [s for s in str(getattr(item, "sectors", "")).split("; ") if s and s != item.sector]
        notes += [f"+ {s}" for s in further]
        if notes:  # above the dot, between the rows, so that it hides no other dot
            ax.annotate(
                ", ".join(notes),
                (item.order, item.row),
                xytext=(4, 6.5),
                textcoords="offset points",
                fontsize=5.2,
                va="center",
                ha="left",
                zorder=2,
                color="#333333",
            )
    for _, group in grid.groupby("lineage_id"):
        if len(group) > 1:
            ax.plot(group["order"], group["row"], color="#bbbbbb", linewidth=0.8, zorder=1)
    countries = list(rows["country"])
    for i in range(1, len(countries)):
        if countries[i] != countries[i - 1]:
            ax.axhline(i - 0.5, color="#666666", linewidth=0.6)
    ax.set_yticks(range(len(rows)), rows["row_label"], fontsize=6.5)
    for tick, country in zip(ax.get_yticklabels(), rows["country"], strict=True):
        tick.set_color(COUNTRY_COLOURS.get(country, "#666666"))
    set_meeting_ticks(ax, meetings["order"], meetings["meeting_id"], meetings["date"], top=True)
    ax.set_xlim(-0.4, len(meetings) - 0.3)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.grid(axis="x", color="#eeeeee")
    used = [f for f in FAMILY_COLOURS if f in set(grid["family"])]
    handles = [Patch(facecolor=FAMILY_COLOURS[f], edgecolor="#333333", label=f) for f in used]
    handles += _basis_handles("#333333")
    if naming is not None:
        handles.append(Patch(facecolor=UNLISTED_SHADE, edgecolor="none", label="side not listed in the texts"))
    ax.legend(handles=handles, fontsize=6, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def counterpart_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """U.S. institutions in the left column, Mexican in the right, each by sector family then label.

    Families are in legend order (:data:`FAMILY_COLOURS`), so that a family
    faces its counterpart (:func:`helpers.network_layout.two_column_layout`).
    """
    rank = {f: i for i, f in enumerate(FAMILY_COLOURS)}
    ordered = nx.Graph()
    for node, attrs in graph.nodes(data=True):
        ordered.add_node(node, **attrs, family=f"{rank[nw.sector_family(attrs['sector'])]:02d}")
    ordered.add_edges_from(graph.edges(data=True))
    return layout.two_column_layout(ordered, left="US", sort_by=("family", "label"))


def counterparts(graph: nx.Graph):
    """The counterpart network in two columns (:func:`counterpart_layout`).

    A line's width and opacity grow with the meetings a pair shared
    (:func:`tie_alpha`), a dot's size with the institution's meetings; dots
    are coloured by sector family and labels by country.
    """
    pos = counterpart_layout(graph)
    weights = [d["weight"] for *_, d in graph.edges(data=True)]
    strongest = max(weights)
    height = max(-y for _, y in pos.values()) + 1
    fig, ax = new_figure(width=6.0, height=0.24 * height + 1.0)
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: e[2]["weight"]):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        ax.plot(
            [x1, x2],
            [y1, y2],
            color="#555555",
            alpha=tie_alpha(d["weight"], strongest),
            linewidth=0.4 + 0.9 * (d["weight"] - 1),
            zorder=1,
        )
    families = set()
    for node, attrs in graph.nodes(data=True):
        x, y = pos[node]
        family = nw.sector_family(attrs["sector"])
        families.add(family)
        ax.scatter(
            [x],
            [y],
            s=22 + 14 * attrs["meetings"],
            color=FAMILY_COLOURS[family],
            edgecolors="#333333",
            linewidths=0.5,
            zorder=3,
        )
        ax.annotate(
            attrs["label"],
            (x, y),
            xytext=(-7 if x == 0 else 7, 0),
            textcoords="offset points",
            ha="right" if x == 0 else "left",
            va="center",
            fontsize=6.5,
            color=COUNTRY_COLOURS[attrs["country"]],
        )
    ax.text(0, 0.9, "United States", ha="center", fontsize=8, fontweight="bold", color=COUNTRY_COLOURS["US"])
    ax.text(1, 0.9, "Mexico", ha="center", fontsize=8, fontweight="bold", color=COUNTRY_COLOURS["MX"])
    ax.set_xlim(-0.5, 1.6)
    ax.set_ylim(-height, 1.4)
    ax.set_axis_off()
    handles = [
        Patch(facecolor=FAMILY_COLOURS[f], edgecolor="#333333", label=f) for f in FAMILY_COLOURS if f in families
    ]
    handles += [
        Line2D(
            [],
            [],
            color="#555555",
            linewidth=0.4 + 0.9 * (w - 1),
            alpha=tie_alpha(w, strongest),
            label=f"{w} meeting{'s' if w > 1 else ''} together",
        )
        for w in sorted(set(weights))
    ]
    ax.legend(handles=handles, fontsize=6, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=3)
    return fig


def recurring_people(grid: pd.DataFrame, meetings: pd.DataFrame):
    """Dot matrix: the people at two meetings or more (rows) by meeting (columns).

    ``grid`` is :func:`helpers.network_report.recurring_people_grid`; ``meetings``
    :func:`helpers.networks.meeting_table`. Names are coloured by country; a
    filled dot means the person is named in a delegation, led, hosted or met
    the other side, a hollow one that the text only has them speak or
    greets them; a line joins one person's meetings.
    """
    people = grid.drop_duplicates("row").sort_values("row")
    fig, ax = new_figure(width=6.5, height=0.17 * len(people) + 1.6)
    for _, group in grid.groupby("person_id"):
        ax.plot(group["order"], group["row"], color="#cccccc", linewidth=0.8, zorder=1)
    for country, group in grid.groupby("person_country"):
        colour = COUNTRY_COLOURS.get(country, "#666666")
        full = group["basis"].isin(NAMED_BASES)
        ax.scatter(group.loc[full, "order"], group.loc[full, "row"], s=22, color=colour, zorder=3)
        ax.scatter(
            group.loc[~full, "order"],
            group.loc[~full, "row"],
            s=22,
            facecolors="white",
            edgecolors=colour,
            linewidths=1.2,
            zorder=3,
        )
    ax.set_yticks(people["row"], people["person_name"], fontsize=6.3)
    for tick, country in zip(ax.get_yticklabels(), people["person_country"], strict=True):
        tick.set_color(COUNTRY_COLOURS.get(country, "#666666"))
    set_meeting_ticks(ax, meetings["order"], meetings["meeting_id"], meetings["date"], top=True, fontsize=6.8)
    ax.set_xlim(-0.5, len(meetings) - 0.5)
    ax.set_ylim(len(people) - 0.5, -0.5)
    ax.grid(axis="x", color="#eeeeee")
    handles = [
        Line2D([], [], marker="o", linestyle="", color=COUNTRY_COLOURS[c], label=name)
        for c, name in (("US", "United States"), ("MX", "Mexico"))
        if c in set(people["person_country"])
    ]
    handles += _basis_handles("#888888")
    ax.legend(handles=handles, fontsize=6, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def _basis_handles(filled_edge: str) -> list[Line2D]:
    """Legend entries of the two ways of taking part: a filled dot (in the delegation, led, hosted or met)
    with edge ``filled_edge``, and an open dot (only speaking or greeted)."""
    return [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="#888888",
            markeredgecolor=filled_edge,
            label="in the delegation, led, hosted or met",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor="#888888",
            label="only speaking or greeted",
        ),
    ]
