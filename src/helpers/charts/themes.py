"""Figures of the themes chapter: the theme x meeting heat map, the continuity timeline, document similarity."""

from __future__ import annotations

import pandas as pd

from ..figures import OKABE_ITO, new_figure, set_meeting_ticks


def _colour_bar(fig, ax, image, label: str, **where) -> None:
    bar = fig.colorbar(image, ax=ax, **where)
    bar.set_label(label, fontsize=7.5)
    bar.ax.tick_params(labelsize=7)


def _no_frame(ax) -> None:
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def heatmap(rates: pd.DataFrame, counts: pd.DataFrame, labels: pd.Series, dates: pd.Series):
    """Theme x meeting heat map: shade and upper number the rate per 1,000 words, in brackets the mentions.

    ``rates`` and ``counts`` are theme x meeting matrices in drawing order
    (:class:`helpers.themes.Coding`); a cell without mentions shows a dash.
    Rows are labelled with ``labels`` (theme_id -> label), columns with the
    meeting id and its date from ``dates``.
    """
    fig, ax = new_figure(width=6.5, height=5.6)
    image = ax.imshow(rates.to_numpy(), cmap="Blues", aspect="auto", vmin=0)
    for i, theme in enumerate(rates.index):
        for j, meeting in enumerate(rates.columns):
            n = int(counts.at[theme, meeting])
            value = rates.at[theme, meeting]
            colour = "white" if value > 0.6 * rates.to_numpy().max() else "black"
            ax.text(j, i, f"{value:.1f}\n({n})" if n else "-", ha="center", va="center",
                    fontsize=6.5 if len(rates.columns) <= 8 else 5.3, color=colour)
    set_meeting_ticks(ax, range(len(rates.columns)), list(rates.columns), [dates[m] for m in rates.columns],
                      fontsize=7.5)
    ax.set_yticks(range(len(rates.index)), [labels[t] for t in rates.index], fontsize=7)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    _colour_bar(fig, ax, image, "Mentions per 1,000 words", shrink=0.5, pad=0.02)
    return fig


def timeline(table: pd.DataFrame, labels: pd.Series, dates: pd.Series):
    """First and last appearance of each theme: one row per theme, one column per meeting, evenly spaced.

    ``table`` is :func:`helpers.theme_report.timeline_table` (rows in drawing
    order, top to bottom, with theme_id, first, last, persistence and a
    boolean column per meeting); ``dates`` gives the meetings, in column
    order, and their dates. A filled marker means the theme is mentioned,
    a hollow one that it is not; a grey bar spans first to last appearance.
    """
    meetings = list(dates.index)
    fig, ax = new_figure(width=6.5, height=4.6)
    x = {m: i for i, m in enumerate(meetings)}
    for row, item in enumerate(table.to_dict("records")):
        if item["persistence"]:
            ax.plot([x[item["first"]], x[item["last"]]], [row, row], color="#bbbbbb", linewidth=2.5, zorder=1,
                    solid_capstyle="round")
        for m in meetings:
            on = bool(item[m])
            ax.scatter(x[m], row, s=36 if on else 14, zorder=2,
                       facecolors=OKABE_ITO["blue"] if on else "white",
                       edgecolors=OKABE_ITO["blue"] if on else "#999999", linewidths=1)
    ax.set_yticks(range(len(table)), [labels[t] for t in table["theme_id"]], fontsize=7)
    ax.invert_yaxis()
    set_meeting_ticks(ax, [x[m] for m in meetings], meetings, [dates[m] for m in meetings], fontsize=7.5)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_xlim(-0.4, len(meetings) - 0.6)
    ax.scatter([], [], s=36, facecolors=OKABE_ITO["blue"], edgecolors=OKABE_ITO["blue"], label="mentioned")
    ax.scatter([], [], s=14, facecolors="white", edgecolors="#999999", label="not mentioned")
    ax.plot([], [], color="#bbbbbb", linewidth=2.5, label="first to last appearance")
    ax.legend(loc="upper center", bbox_to_anchor=(0.4, -0.12), ncols=3, fontsize=7)
    return fig


def similarity(sim: pd.DataFrame, meeting_of: pd.Series):
    """Square matrix of document similarities (0 to 1), each cell labelled with its value to two decimals.

    ``sim`` is :func:`helpers.themes.similarity` (documents in order);
    ``meeting_of`` maps each doc_id to its meeting, shown under the id.
    """
    documents = list(sim.index)
    fig, ax = new_figure(width=5.0, height=4.0)
    image = ax.imshow(sim.to_numpy(), cmap="Blues", vmin=0, vmax=1)
    for i in range(len(documents)):
        for j in range(len(documents)):
            v = sim.iat[i, j]
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7.5, color="white" if v > 0.6 else "black")
    ticks = [f"{d}\n({meeting_of[d]})" for d in documents]
    ax.set_xticks(range(len(documents)), ticks, fontsize=7, rotation=0)
    ax.set_yticks(range(len(documents)), ticks, fontsize=7)
    _no_frame(ax)
    _colour_bar(fig, ax, image, "TF-IDF cosine similarity", shrink=0.7)
    return fig
