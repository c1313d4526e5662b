"""Figures of the conclusions chapter."""

from __future__ import annotations

import pandas as pd

from ..figures import OKABE_ITO, new_figure


def persistence(distribution: pd.DataFrame, n_themes: int, n_institutions: int, n_meetings: int):
    """Side-by-side bars: the share of themes and of institutions present at 1, 2, ... n meetings.

    ``distribution`` is :func:`helpers.synthesis.persistence_distribution`;
    each pair of bars is labelled with the two counts (themes | institutions).
    """
    fig, ax = new_figure(width=6.5, height=2.9)
    x = distribution["meetings_present"].to_numpy()
    width = 0.38
    ax.bar(
        x - width / 2,
        100 * distribution["themes_share"],
        width,
        color=OKABE_ITO["blue"],
        label=f"agenda themes (n = {n_themes})",
    )
    ax.bar(
        x + width / 2,
        100 * distribution["institutions_share"],
        width,
        color=OKABE_ITO["orange"],
        hatch="//",
        edgecolor="white",
        label=f"institutions (n = {n_institutions})",
    )
    for xi, themes, insts in zip(x, distribution["themes"], distribution["institutions"], strict=True):
        top = 100 * max(themes / n_themes, insts / n_institutions)
        ax.annotate(
            f"{themes} | {insts}", (xi, top), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=7
        )
    ax.set_xticks(x)
    ax.set_xlabel(f"Meetings present at (of {n_meetings})")
    ax.set_ylabel("Share (%)")
    ax.set_ylim(0, 100 * max(distribution[["themes_share", "institutions_share"]].max()) + 10)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=7.5, frameon=False)
    return fig
