"""Figures of the themes chapter: the theme x meeting heat map with the texts' genres, the continuity timeline,
the themes of each text grouped by genre, and document similarity."""

from __future__ import annotations

import pandas as pd

from ..figures import OKABE_ITO, new_figure, set_meeting_ticks

#: Grey of the lines that separate groups of columns (genres).
RULE = "#555555"


def _colour_bar(fig, ax, image, label: str, **where) -> None:
    bar = fig.colorbar(image, ax=ax, **where)
    bar.set_label(label, fontsize=7.5)
    bar.ax.tick_params(labelsize=7)


def _no_frame(ax) -> None:
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _names(columns, names: dict | None) -> list[str]:
    return [names.get(c, c) if names else c for c in columns]


def heatmap(
    rates: pd.DataFrame,
    counts: pd.DataFrame,
    labels: pd.Series,
    dates: pd.Series,
    genres: pd.DataFrame | None = None,
    names: dict | None = None,
):
    """Theme x meeting heat map: shade and upper number the rate per 1,000 words, in brackets the mentions.

    ``rates`` and ``counts`` are theme x meeting matrices in drawing order
    (:class:`helpers.themes.Coding`); a cell without mentions shows a dash.
    Rows are labelled with ``labels`` (theme_id -> label), columns with the
    meeting id (or its entry in ``names``) and its date from ``dates``.
    ``genres`` (genre x meeting, boolean; :func:`helpers.theme_report.genre_strip`)
    adds a strip under the map with a square where a text of that genre
    counts under the meeting.
    """
    many = len(rates.columns) > 8
    if genres is None:
        fig, ax = new_figure(width=6.5, height=5.6)
    else:
        fig, (ax, strip) = new_figure(
            width=6.5, height=7.4, nrows=2, gridspec_kw={"height_ratios": [len(rates.index), 0.75 * len(genres.index)]}
        )
    image = ax.imshow(rates.to_numpy(), cmap="Blues", aspect="auto", vmin=0)
    top = rates.to_numpy().max()
    for i, theme in enumerate(rates.index):
        for j, meeting in enumerate(rates.columns):
            n = int(counts.at[theme, meeting])
            value = rates.at[theme, meeting]
            colour = "white" if value > 0.6 * top else "black"
            ax.text(
                j,
                i,
                f"{value:.1f}\n({n})" if n else "-",
                ha="center",
                va="center",
                fontsize=5.3 if many else 6.5,
                color=colour,
                in_layout=False,
            )
    set_meeting_ticks(
        ax,
        range(len(rates.columns)),
        _names(rates.columns, names),
        [dates[m] for m in rates.columns],
        fontsize=7.5,
        top=True,
    )
    ax.set_yticks(range(len(rates.index)), [labels[t] for t in rates.index], fontsize=7)
    _no_frame(ax)
    _colour_bar(fig, ax, image, "Mentions per 1,000 words", shrink=0.5, pad=0.02)
    if genres is not None:
        for i, genre in enumerate(genres.index):
            columns = [j for j, m in enumerate(rates.columns) if genres.at[genre, m]]
            strip.scatter(columns, [i] * len(columns), marker="s", s=28, color=OKABE_ITO["reddish purple"])
        strip.set_yticks(range(len(genres.index)), [f"text: {g}" for g in genres.index], fontsize=7)
        strip.set_ylim(len(genres.index) - 0.5, -0.5)
        strip.set_xlim(ax.get_xlim())
        strip.set_xticks(range(len(rates.columns)))
        strip.grid(axis="both", color="#e5e5e5", linewidth=0.6)
        strip.set_axisbelow(True)
        strip.tick_params(axis="x", bottom=False, labelbottom=False)
        _no_frame(strip)
        fig.colorbar(image, ax=strip, shrink=0.5, pad=0.02).ax.set_visible(False)  # keeps the two widths equal
    return fig


def timeline(table: pd.DataFrame, labels: pd.Series, dates: pd.Series, names: dict | None = None):
    """First and last appearance of each theme: one row per theme, one column per meeting, evenly spaced.

    ``table`` is :func:`helpers.theme_report.timeline_table` (rows in drawing
    order, top to bottom, with theme_id, first, last, persistence and a
    boolean column per meeting); ``dates`` gives the meetings, in column
    order, and their dates; ``names`` optional column names. A filled
    marker means the theme is mentioned, a hollow one that it is not; a
    grey bar spans first to last appearance.
    """
    meetings = list(dates.index)
    fig, ax = new_figure(width=6.5, height=5.4 if len(meetings) > 8 else 4.6)
    x = {m: i for i, m in enumerate(meetings)}
    cells = {True: ([], []), False: ([], [])}  # mentioned or not: the x and y of its markers
    for row, item in enumerate(table.to_dict("records")):
        if item["persistence"]:
            ax.plot(
                [x[item["first"]], x[item["last"]]],
                [row, row],
                color="#bbbbbb",
                linewidth=2.5,
                zorder=1,
                solid_capstyle="round",
            )
        for m in meetings:
            cells[bool(item[m])][0].append(x[m])
            cells[bool(item[m])][1].append(row)
    # One marker collection per kind: a collection per cell made the figure slow to build and to draw.
    for on, (xs, ys) in cells.items():
        ax.scatter(
            xs,
            ys,
            s=36 if on else 14,
            zorder=2,
            facecolors=OKABE_ITO["blue"] if on else "white",
            edgecolors=OKABE_ITO["blue"] if on else "#999999",
            linewidths=1,
        )
    ax.set_yticks(range(len(table)), [labels[t] for t in table["theme_id"]], fontsize=7)
    ax.invert_yaxis()
    set_meeting_ticks(ax, [x[m] for m in meetings], _names(meetings, names), [dates[m] for m in meetings], fontsize=7.5)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_xlim(-0.4, len(meetings) - 0.6)
    ax.scatter([], [], s=36, facecolors=OKABE_ITO["blue"], edgecolors=OKABE_ITO["blue"], label="mentioned")
    ax.scatter([], [], s=14, facecolors="white", edgecolors="#999999", label="not mentioned")
    ax.plot([], [], color="#bbbbbb", linewidth=2.5, label="first to last appearance")
    ax.legend(loc="lower center", bbox_to_anchor=(0.4, 1.0), ncols=3, fontsize=7, frameon=False)
    return fig


def _genre_rules(ax, genres: pd.Series, *, triangle: bool = False) -> None:
    """Lines between the genres of consecutive documents: across the columns, or (``triangle``) around the
    blocks of a lower-triangular matrix, each line stopping at the diagonal."""
    values = list(genres)
    n = len(values)
    for i in range(1, n):
        if values[i] != values[i - 1]:
            if triangle:
                ax.plot([i - 0.5, i - 0.5], [i - 0.5, n - 0.5], color=RULE, linewidth=0.8)
                ax.plot([-0.5, i - 0.5], [i - 0.5, i - 0.5], color=RULE, linewidth=0.8)
            else:
                ax.axvline(i - 0.5, color=RULE, linewidth=0.8)


def _genre_heads(ax, genres: pd.Series, y: float, fontsize: float = 6.5) -> None:
    """The genre's name over its run of columns, upright, at height ``y`` in axes coordinates."""
    values, start = list(genres), 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            ax.text(
                (start + i - 1) / 2,
                y,
                values[start],
                ha="center",
                va="bottom",
                fontsize=fontsize,
                rotation=90,
                transform=ax.get_xaxis_transform(),
            )
            start = i


def genre_matrix(counts: pd.DataFrame, rates: pd.DataFrame, labels: pd.Series, genres: pd.Series, years: pd.Series):
    """Theme x document heat map, documents grouped by genre: shade the rate per 1,000 words, number the mentions.

    ``counts`` and ``rates`` are theme x document matrices; ``genres``
    (doc_id -> genre) gives the documents in drawing order, grouped by
    genre; ``years`` (doc_id -> year) labels them. Genre names head their
    columns and lines separate the genres; a cell without mentions is blank.
    """
    documents = list(genres.index)
    rates, counts = rates[documents], counts[documents]
    fig, ax = new_figure(width=6.5, height=6.2)
    image = ax.imshow(rates.to_numpy(), cmap="Blues", aspect="auto", vmin=0)
    top = rates.to_numpy().max()
    for i, theme in enumerate(rates.index):
        for j, doc in enumerate(documents):
            n = int(counts.at[theme, doc])
            if n:
                ax.text(
                    j,
                    i,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=5.8,
                    color="white" if rates.at[theme, doc] > 0.6 * top else "black",
                    in_layout=False,
                )
    ax.set_xticks(range(len(documents)), [f"{d}, {years[d]}" for d in documents], fontsize=6.5, rotation=90)
    ax.set_yticks(range(len(rates.index)), [labels[t] for t in rates.index], fontsize=7)
    _genre_rules(ax, genres)
    _genre_heads(ax, genres, 1.01)
    _no_frame(ax)
    _colour_bar(fig, ax, image, "Mentions per 1,000 words", shrink=0.5, pad=0.02)
    return fig


def similarity(sim: pd.DataFrame, meeting_of: pd.Series, genres: pd.Series | None = None):
    """Document similarities (0 to 1): the lower triangle of the square matrix, each cell with its value.

    ``sim`` is :func:`helpers.themes.similarity`; ``meeting_of`` maps each
    doc_id to its meeting, shown after the id. With ``genres`` (doc_id ->
    genre, documents in drawing order grouped by genre) the documents follow
    that order and lines separate the genres, whose names head the columns.
    """
    documents = list(genres.index) if genres is not None else list(sim.index)
    sim = sim.loc[documents, documents]
    n = len(documents)
    big = n > 8
    fig, ax = new_figure(width=6.5 if big else 5.0, height=6.4 if big else 4.0)
    shown = sim.to_numpy().copy()
    for i in range(n):
        for j in range(i + 1, n):
            shown[i, j] = float("nan")
    image = ax.imshow(shown, cmap="Blues", vmin=0, vmax=1)
    for i in range(n):
        for j in range(i + 1):
            v = sim.iat[i, j]
            ax.text(
                j,
                i,
                f"{v:.2f}",
                ha="center",
                va="center",
                fontsize=5.2 if big else 7.5,
                color="white" if v > 0.6 else "black",
                in_layout=False,
            )
    ticks = [f"{d} ({meeting_of[d]})" if big else f"{d}\n({meeting_of[d]})" for d in documents]
    ax.set_xticks(range(n), ticks, fontsize=6 if big else 7, rotation=90 if big else 0)
    ax.set_yticks(range(n), ticks, fontsize=6 if big else 7)
    if genres is not None:
        _genre_rules(ax, genres, triangle=True)
        _genre_heads(ax, genres, 1.01, fontsize=6)
    _no_frame(ax)
    _colour_bar(fig, ax, image, "TF-IDF cosine similarity", shrink=0.6)
    return fig
