"""Figure of the corpus chapter: the meetings on a time axis."""

from __future__ import annotations

import pandas as pd

from ..figures import COUNTRY_COLOURS, new_figure


def timeline(meetings: pd.DataFrame):
    """One row per meeting, in date order from the top, its marker at its date on a shared time axis.

    Each row is labelled with the meeting id, date, city and number of
    texts; colour and shape give the host (squares: United States; circles:
    Mexico), and a hollow marker means the date is inferred. Rows keep
    meetings a few weeks apart legible, however many there are.
    """
    fig, ax = new_figure(width=6.5, height=0.26 * len(meetings) + 1.3)
    rows = list(range(len(meetings)))
    ax.hlines(rows, meetings["date"].min(), meetings["date"], color="#e2e2e2", linewidth=0.8, zorder=1)
    for (host, status), part in meetings.assign(row=rows).groupby(["host_country", "date_status"], sort=True):
        colour = COUNTRY_COLOURS[host]
        ax.scatter(
            part["date"],
            part["row"],
            s=45,
            marker="o" if host == "MX" else "s",
            facecolors=colour if status == "stated" else "white",
            edgecolors=colour,
            linewidths=1.5,
            label=f"hosted by {host}, date {status}",
            zorder=3,
        )
    for row, item in zip(rows, meetings.itertuples(), strict=True):
        texts = "text" if item.documents == 1 else "texts"
        ax.annotate(
            f"{item.meeting_id}  {item.date:%d %b %Y}, {item.city}, {item.documents} {texts}",
            (item.date, row),
            xytext=(7, 0),
            textcoords="offset points",
            va="center",
            fontsize=6.8,
        )
    pad = pd.Timedelta(days=365)
    ax.set_xlim(meetings["date"].min() - pad, meetings["date"].max() + pad * 3.5)
    ax.set_ylim(len(meetings) - 0.4, -0.6)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("Meeting date")
    # The early years have room: the legend goes under the first rows.
    ax.legend(loc="lower left", fontsize=7, frameon=False)
    return fig
