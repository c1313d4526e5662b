"""The figures of the claims chapter drawn from small tables: what they show is what the tables hold."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import claims as cl
from helpers.charts import claims as charts


def test_every_verdict_has_its_own_marker_shape():
    assert set(charts.VERDICT_STYLE) == set(cl.VERDICTS)
    shapes = [(marker, filled) for marker, _, filled in charts.VERDICT_STYLE.values()]
    assert len(set(shapes)) == len(shapes)


def test_ratios_draw_one_marker_per_claim_in_its_verdict_shape_with_labels():
    plotted = pd.DataFrame(
        {
            "claim_id": ["N1", "N2", "N3"],
            "measure": ["firearms", "trade", "deaths"],
            "ratio": [0.1, 1.0, 1844.2],
            "verdict": [cl.TRANSLATION, cl.CONSISTENT, cl.INTERNAL],
        }
    )
    fig = charts.ratios(plotted, cl.Tolerance(approximate=0.2))
    ax = fig.axes[0]
    by_label = {c.get_label(): c for c in ax.collections}
    assert set(by_label) == {cl.TRANSLATION, cl.CONSISTENT, cl.INTERNAL}
    assert by_label[cl.INTERNAL].get_offsets().tolist() == [[1844.2, 2.0]]
    assert sorted(t.get_text() for t in ax.texts) == ["0.1", "1", "1,844"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["N1  firearms", "N2  trade", "N3  deaths"]
    assert ax.get_xscale() == "log"
    band = ax.patches[0]  # the tolerance band around 1
    assert (band.get_x(), band.get_x() + band.get_width()) == pytest.approx((0.8, 1.2))
    assert [t.get_text() for t in ax.get_legend().get_texts()][1:] == [cl.CONSISTENT, cl.TRANSLATION, cl.INTERNAL]


def test_reduction_draws_the_series_and_each_scenario_against_the_claim():
    series = pd.DataFrame(
        {
            "series": ["A", "A", "B", "B"],
            "year": [2018, 2023, 2019, 2023],
            "value": [36000.0, 30000.0, 34000.0, 29000.0],
            "period": ["2018", "2023 (preliminary)", "2019", "2023"],
        }
    )
    shown = pd.DataFrame(
        {
            "label": ["A 2018-2022", "B 2019-2023"],
            "reduction": [9.0, 15.0],
            "verdict": [cl.OVERSTATED, cl.APPROXIMATE],
            "after_claim": [False, True],
        }
    )
    fig = charts.reduction(series, shown, claimed=17.0, year=2023)
    left, right = fig.axes
    assert [line.get_label() for line in left.lines if not line.get_label().startswith("_")] == ["A", "B"]
    hollow = [c for c in left.collections if (c.get_facecolor()[:, :3] == 1).all()]
    assert len(hollow) == 2 and hollow[0].get_offsets().tolist() == [[2023, 30.0]]  # A's preliminary 2023
    assert "Oct 2023" in left.texts[0].get_text()
    labels = {c.get_label(): c.get_offsets().tolist() for c in right.collections}
    assert labels == {cl.APPROXIMATE + " (data after the claim)": [[15.0, 1.0]], cl.OVERSTATED: [[9.0, 0.0]]}
    assert right.texts[0].get_text() == "claimed 17%"
    assert [t.get_text() for t in right.get_yticklabels()] == ["A 2018-2022", "B 2019-2023"]


def test_the_ratio_figure_grows_with_the_claims_and_draws_every_verdict():
    small = pd.DataFrame({"claim_id": ["N1"], "measure": ["m"], "ratio": [1.0], "verdict": [cl.CONSISTENT]})
    verdicts = [v for v in cl.VERDICTS]
    large = pd.DataFrame(
        {
            "claim_id": [f"N{i}" for i in range(len(verdicts))],
            "measure": ["m"] * len(verdicts),
            "ratio": [1.0] * len(verdicts),
            "verdict": verdicts,
        }
    )
    fig_small, fig_large = charts.ratios(small), charts.ratios(large)
    assert fig_large.get_size_inches()[1] > fig_small.get_size_inches()[1]
    assert len(fig_large.axes[0].collections) == len(verdicts)
