"""Figure of the background chapter: the dialogue series on one time axis."""

from __future__ import annotations

import pandas as pd

from ..figures import COUNTRY_COLOURS, new_figure


def timeline(events: pd.DataFrame, series_names: pd.Series):
    """One row per series (``series_names``, by first meeting, top to bottom), one marker per meeting.

    Filled markers are the meetings the corpus covers (labelled with their
    meeting id), hollow ones those it does not; shape and colour give the
    host. ``events`` is :func:`helpers.series.events`.
    """
    rows = {series_id: position for position, series_id in enumerate(reversed(series_names.index))}
    timeline = events.assign(row=events["series_id"].map(rows))
    fig, ax = new_figure(width=6.5, height=3.9)
    pad = pd.Timedelta(days=420)
    start = timeline["date"].min() - pad
    for series_id, position in rows.items():
        part = timeline[timeline["series_id"] == series_id]
        ax.plot(part["date"], [position] * len(part), color="#bbbbbb", linewidth=1, zorder=1)
        ax.text(start, position + 0.36, series_names[series_id], fontsize=7.5, fontweight="bold", va="bottom")
    for (host, covered), part in timeline.groupby(["host_country", "covered"], sort=True):
        colour = COUNTRY_COLOURS[host]
        ax.scatter(part["date"], part["row"], s=70, marker="o" if host == "MX" else "s",
                   facecolors=colour if covered else "white", edgecolors=colour, linewidths=1.6, zorder=3,
                   label=f"hosted by {host}, {'in the corpus' if covered else 'not in the corpus'}")
    for _, part in timeline.groupby("series_id", sort=False):
        last = len(part) - 1
        dates = list(part["date"])
        for i, item in enumerate(part.itertuples()):
            # Meetings of a series can be weeks apart: the first label goes left, the last right, others
            # below, and a meeting closer than a year to a neighbour is left to the table (its labels would
            # run into each other).
            crowded = 0 < i < last and min(dates[i] - dates[i - 1], dates[i + 1] - dates[i]) < pd.Timedelta(days=365)
            if crowded:
                continue
            label = f"{item.date:%b %Y}" + (f" ({item.meeting_id})" if item.covered else "")
            dx, ha = (-7, "right") if i == 0 else (7, "left") if i == last else (0, "center")
            ax.annotate(label, (item.date, item.row), xytext=(dx, -2 if ha != "center" else -8),
                        textcoords="offset points", ha=ha, va="top", fontsize=6.5)
    ax.set_yticks([])
    ax.set_ylim(-0.6, len(rows) - 0.1)
    ax.set_xlim(start, timeline["date"].max() + pad)
    ax.set_xlabel("Meeting date")
    ax.spines["left"].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncols=2, fontsize=7, frameon=False)
    return fig
