"""Each chart of helpers.charts drawn from a small table: what it shows is what the table holds."""

from __future__ import annotations

import pandas as pd

from helpers.charts import conclusions


def test_persistence_draws_a_pair_of_bars_per_level_labelled_with_the_counts():
    distribution = pd.DataFrame(
        {
            "meetings_present": [1, 2],
            "themes": [1, 3],
            "institutions": [4, 0],
            "themes_share": [0.25, 0.75],
            "institutions_share": [1.0, 0.0],
        }
    )
    fig = conclusions.persistence(distribution, n_themes=4, n_institutions=4, n_meetings=2)
    ax = fig.axes[0]
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert heights == [0, 25, 75, 100]
    assert sorted(t.get_text() for t in ax.texts) == ["1 | 4", "3 | 0"]
    assert "of 2" in ax.get_xlabel()
