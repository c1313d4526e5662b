"""Drawing helpers of the networks chapter (helpers.charts.networks)."""

from __future__ import annotations

import pytest

from helpers import networks as nw
from helpers.charts import networks as charts


def test_tie_opacity_stays_within_range_however_many_meetings():
    assert charts.tie_alpha(1, 4) == pytest.approx(0.34) and charts.tie_alpha(4, 4) == pytest.approx(1.0)
    assert all(0 < charts.tie_alpha(w, 9) <= 1 for w in range(1, 10))
    assert charts.tie_alpha(2, 2) < 1  # a corpus whose ties are all weak draws none opaque


def test_every_family_has_a_colour_in_legend_order():
    assert list(charts.FAMILY_COLOURS) == nw.FAMILIES
    assert len(set(charts.FAMILY_COLOURS.values())) == len(charts.FAMILY_COLOURS)
