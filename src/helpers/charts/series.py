"""Figure of the background chapter: every meeting of the dialogue series on one time axis."""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from ..figures import COUNTRY_COLOURS, new_figure

#: Height of one row (a meeting or a series heading), in inches.
ROW = 0.2


def rows(events: pd.DataFrame, series_names: pd.Series) -> pd.DataFrame:
    """The figure's rows from the top: each series (``series_names``, by first meeting) heads its meetings.

    One row per series heading (``kind`` "series") and per meeting (``kind``
    "meeting", with the event's fields), ``y`` counting down from the top.
    """
    out = []
    for series_id, name in series_names.items():
        out.append({"kind": "series", "label": name, "series_id": series_id})
        part = events[events["series_id"] == series_id].sort_values(["date", "event_id"], kind="stable")
        out.extend({"kind": "meeting", **row} for row in part.to_dict("records"))
    frame = pd.DataFrame(out)
    return frame.assign(y=range(len(frame) - 1, -1, -1))


def timeline(events: pd.DataFrame, series_names: pd.Series):
    """One row per meeting, grouped under its series (``series_names``, by first meeting), on a shared time axis.

    A marker at the meeting's date: filled when the corpus covers it, hollow
    when not; shape and colour give the host (circle Mexico, square United
    States). Left of the axis, the meeting's date and rank; right of it, its
    meeting id in the corpus (or "not covered"). Each meeting has its own row,
    so meetings days apart never overlap. ``events`` is :func:`helpers.series.events`.
    """
    table = rows(events, series_names)
    fig, ax = new_figure(width=6.5, height=ROW * len(table) + 0.9)
    meetings = table[table["kind"] == "meeting"]
    pad = pd.Timedelta(days=200)
    start, end = meetings["date"].min() - pad, meetings["date"].max() + pad
    right = blended_transform_factory(ax.transAxes, ax.transData)
    for row in table[table["kind"] == "series"].itertuples():
        ax.text(start, row.y, row.label, fontsize=7.5, fontweight="bold", va="center", ha="left")
        ax.axhline(row.y + 0.5, color="#dddddd", linewidth=0.6, zorder=0)
    for row in meetings.itertuples():
        ax.plot([start, row.date], [row.y, row.y], color="#eeeeee", linewidth=0.6, zorder=1)
        colour = COUNTRY_COLOURS[row.host_country]
        ax.scatter(
            [row.date],
            [row.y],
            s=34,
            marker="o" if row.host_country == "MX" else "s",
            facecolors=colour if row.covered else "white",
            edgecolors=colour,
            linewidths=1.3,
            zorder=3,
        )
        ax.text(
            1.01,
            row.y,
            row.meeting_id if row.covered else "not covered",
            transform=right,
            fontsize=6.5,
            va="center",
            ha="left",
            color="black" if row.covered else "#666666",
        )
    ticks = [
        f"{r.date.day} {r.date:%b %Y}" + (f" (no. {int(r.series_number)})" if pd.notna(r.series_number) else "")
        for r in meetings.itertuples()
    ]
    ax.set_yticks(list(meetings["y"]), ticks, fontsize=6.5)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, len(table) - 0.3)
    ax.set_xlim(start, end)
    ax.set_xlabel("Meeting date")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o" if host == "MX" else "s",
            markersize=6,
            markerfacecolor=COUNTRY_COLOURS[host] if covered else "white",
            markeredgecolor=COUNTRY_COLOURS[host],
            markeredgewidth=1.3,
            label=f"hosted by {host}, {'in the corpus' if covered else 'not in the corpus'}",
        )
        for host in sorted(meetings["host_country"].unique())
        for covered in (True, False)
    ]
    # Above the plot: the source line goes below it (helpers.figures.publish).
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7, frameon=False)
    return fig
