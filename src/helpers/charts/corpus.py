"""Figure of the corpus chapter: the meetings on a time axis."""

from __future__ import annotations

import pandas as pd

from ..figures import COUNTRY_COLOURS, new_figure


def timeline(meetings: pd.DataFrame):
    """One marker per meeting, labelled with its id, date, city and number of texts.

    Colour and shape give the host (squares: United States; circles:
    Mexico); a hollow marker means the date is inferred. Labels alternate
    above and below the axis so that neighbours never collide.
    """
    fig, ax = new_figure(width=6.5, height=2.5)
    ax.axhline(0, color="#999999", linewidth=0.8, zorder=1)
    for (host, status), part in meetings.groupby(["host_country", "date_status"], sort=True):
        colour = COUNTRY_COLOURS[host]
        ax.scatter(part["date"], [0] * len(part), s=80, marker="o" if host == "MX" else "s",
                   facecolors=colour if status == "stated" else "white", edgecolors=colour,
                   linewidths=1.8, label=f"hosted by {host}, date {status}", zorder=3)
    for i, item in enumerate(meetings.itertuples()):
        above = i % 2 == 0
        texts = "text" if item.documents == 1 else "texts"
        ax.annotate(f"{item.meeting_id}\n{item.date:%d %b %Y}, {item.city}\n{item.documents} {texts}",
                    (item.date, 0), xytext=(0, 14 if above else -14), textcoords="offset points",
                    ha="center", va="bottom" if above else "top", fontsize=7.5)
    pad = pd.Timedelta(days=550)
    ax.set_xlim(meetings["date"].min() - pad, meetings["date"].max() + pad)
    ax.set_ylim(-1, 1)
    ax.yaxis.set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("Meeting date")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncols=3, fontsize=7)
    return fig
