"""Figures of the claims chapter, and the style that tells verdicts apart.

Verdicts are drawn with a marker shape and a colour each
(:data:`VERDICT_STYLE`): the shape alone distinguishes every verdict, so no
figure relies on colour.
"""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.ticker import FixedLocator, NullLocator

from ..claims import (
    APPROXIMATE,
    COMMITMENT,
    COMMITMENT_MET,
    COMMITMENT_NOT_MET,
    CONFIRMED,
    CONSISTENT,
    DEFAULT_TOLERANCE,
    DIFFERS,
    INTERNAL,
    NOT_CHECKED,
    NOT_FOUND,
    NOT_RATED,
    NOT_VERIFIABLE,
    OVERSTATED,
    PARTLY_CONFIRMED,
    TRANSLATION,
    UNDERSTATED,
    VERDICTS,
    Tolerance,
)
from ..figures import new_figure

#: verdict -> (matplotlib marker, Okabe-Ito colour, filled?). Shape alone
#: distinguishes every verdict, so the figures never rely on colour.
VERDICT_STYLE = {
    CONSISTENT: ("o", "#009E73", True),
    APPROXIMATE: ("s", "#56B4E9", True),
    OVERSTATED: ("^", "#D55E00", True),
    UNDERSTATED: ("v", "#CC79A7", True),
    INTERNAL: ("X", "#000000", True),
    TRANSLATION: ("D", "#E69F00", True),
    NOT_VERIFIABLE: ("o", "#999999", False),
    CONFIRMED: ("P", "#009E73", True),
    PARTLY_CONFIRMED: ("h", "#56B4E9", True),
    DIFFERS: ("<", "#D55E00", True),
    NOT_FOUND: ("s", "#999999", False),
    COMMITMENT_MET: ("*", "#0072B2", True),
    COMMITMENT_NOT_MET: (">", "#0072B2", True),
    COMMITMENT: ("*", "#999999", False),
    NOT_RATED: ("d", "#999999", False),
    NOT_CHECKED: ("p", "#999999", False),
}

#: Height of one claim's row in the ratio figure, and the room for the axis and the legend (inches).
ROW_HEIGHT, RATIO_MARGIN = 0.16, 1.3

#: Ticks of the ratio axis (log scale).
RATIO_TICKS = [0.1, 0.5, 1, 2, 10, 100, 1000]


#: Size, layer and edge width of a verdict's marker, the same in every claims figure.
VERDICT_MARKER = {"s": 40, "zorder": 3, "linewidths": 1.2}


def _ratio_label(ratio: float) -> str:
    return f"{ratio:,.0f}" if ratio >= 100 else f"{ratio:.3g}"


def ratios(plotted: pd.DataFrame, tolerance: Tolerance = DEFAULT_TOLERANCE):
    """Dot plot of claimed / reference figure on a log scale, one row per claim, marked by verdict.

    ``plotted`` is :func:`helpers.claim_report.ratio_points` (claim_id, measure,
    ratio, verdict; rows from bottom to top). Each row is labelled with the
    claim and its measure, each dot with its ratio; the grey band is the
    tolerance for approximate consistency around 1.
    """
    plotted = plotted.assign(
        label=plotted["claim_id"] + "  " + plotted["measure"].map(lambda m: textwrap.shorten(m, 44, placeholder="...")),
        verdict_order=plotted["verdict"].map(VERDICTS.index),
    )
    fig, ax = new_figure(width=6.5, height=RATIO_MARGIN + ROW_HEIGHT * max(len(plotted), 8))
    ax.axvspan(
        1 - tolerance.approximate,
        1 + tolerance.approximate,
        color="#eeeeee",
        zorder=0,
        label=f"within ±{tolerance.approximate:.0%}",
    )
    ax.axvline(1, color="#555555", linewidth=0.8, zorder=1)
    for verdict, group in plotted.groupby("verdict_order", sort=True):
        name = VERDICTS[verdict]
        marker, colour, filled = VERDICT_STYLE[name]
        ax.scatter(
            group["ratio"],
            group.index,
            marker=marker,
            **VERDICT_MARKER,
            facecolors=colour if filled else "white",
            edgecolors=colour,
            label=name,
        )
    for row in plotted.itertuples():
        ax.annotate(
            _ratio_label(row.ratio),
            (row.ratio, row.Index),
            xytext=(7, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    ax.set_xscale("log")
    ax.set_xlim(0.05, 6000)
    ax.xaxis.set_major_locator(FixedLocator(RATIO_TICKS))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticks(RATIO_TICKS, [f"{t:g}" for t in RATIO_TICKS])
    ax.set_yticks(plotted.index, plotted["label"], fontsize=6.5)
    ax.set_ylim(-0.7, len(plotted) - 0.3)
    ax.set_xlabel("Claimed figure / reference figure (log scale)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.5, which="major")
    ax.legend(loc="lower right", fontsize=6.5, title="Verdict", title_fontsize=7)
    return fig


def _series_panel(ax, series: pd.DataFrame, year: int) -> None:
    """Left panel: each series by year, hollow markers for preliminary figures, a line at the claim."""
    styles = zip(series.groupby("series", sort=True), ["o", "s"], ["#0072B2", "#D55E00"], strict=False)
    for (name, group), marker, colour in styles:  # two series; a third would not be drawn
        group = group.sort_values("year")
        ax.plot(group["year"], group["value"] / 1000, color=colour, linewidth=1.2, label=textwrap.fill(name, 28))
        final_rows = ~group["period"].str.contains("prelim")
        ax.scatter(
            group.loc[final_rows, "year"], group.loc[final_rows, "value"] / 1000, marker=marker, color=colour, zorder=3
        )
        ax.scatter(
            group.loc[~final_rows, "year"],
            group.loc[~final_rows, "value"] / 1000,
            marker=marker,
            facecolors="white",
            edgecolors=colour,
            zorder=3,
        )
    ax.axvline(year + 0.75, color="#555555", linestyle=":", linewidth=0.9)
    ax.annotate(
        "claim made\nOct " + str(year),
        (year + 0.75, ax.get_ylim()[1]),
        xytext=(-3, -2),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=7,
    )
    years = sorted(series["year"].astype(int).unique())
    ax.set_xticks(years, [f"{y}" for y in years], rotation=45, fontsize=7)
    ax.set_ylabel("Homicides (thousands)")
    ax.set_title("Two official series (hollow: preliminary)", fontsize=8)


def _scenario_panel(ax, shown: pd.DataFrame, claimed: float, tolerance: Tolerance) -> None:
    """Right panel: the reduction of each scenario against the claimed one, marked by verdict."""
    # References r for which the claim c is within the approximate band: |c - r| <= tolerance * r.
    ax.axvspan(claimed / (1 + tolerance.approximate), claimed / (1 - tolerance.approximate), color="#eeeeee", zorder=0)
    ax.axvline(claimed, color="#555555", linewidth=0.9)
    ax.annotate(
        f"claimed {claimed:.0f}%", (claimed, -0.6), xytext=(3, 0), textcoords="offset points", fontsize=7, va="bottom"
    )
    for verdict, group in shown.groupby("verdict", sort=True):
        marker, colour, _ = VERDICT_STYLE[verdict]
        for after, part in group.groupby("after_claim", sort=True):
            ax.scatter(
                part["reduction"],
                part.index,
                marker=marker,
                **VERDICT_MARKER,
                facecolors="white" if after else colour,
                edgecolors=colour,
                label=f"{verdict}{' (data after the claim)' if after else ''}",
            )
    ax.set_yticks(shown.index, shown["label"].map(lambda t: textwrap.fill(t, 30)), fontsize=7)
    ax.set_ylim(-0.7, len(shown) + 2.0)  # room for the legend above the top row
    ax.set_xlim(0, max(25, shown["reduction"].max() + 3))
    ax.set_xlabel("Reduction (%)")
    ax.set_title("Reduction by measure and baseline", fontsize=8)


def reduction(
    series: pd.DataFrame, shown: pd.DataFrame, claimed: float, year: int, tolerance: Tolerance = DEFAULT_TOLERANCE
):
    """Two panels: the series by year (left) and the reduction of each scenario against the claim (right).

    ``series`` is :func:`helpers.claim_report.scenario_series` (series, year,
    value, period); ``shown`` is :func:`helpers.claim_report.shown_scenarios`
    (label, reduction, verdict, after_claim); ``claimed`` the claimed
    reduction in per cent, ``year`` the year of the meeting. Hollow markers:
    preliminary figures (left), data published after the claim (right).
    """
    fig, (left, right) = new_figure(width=6.5, height=3.8, ncols=2, gridspec_kw={"width_ratios": [1, 1.15]})
    _series_panel(left, series, year)
    _scenario_panel(right, shown, claimed, tolerance)
    left.legend(loc="lower left", fontsize=6.5)
    right.legend(loc="upper left", fontsize=6.5)
    return fig
