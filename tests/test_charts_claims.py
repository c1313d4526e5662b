"""The style of the claims chapter's figures."""

from __future__ import annotations

from helpers import claims as cl
from helpers.charts import claims as charts


def test_every_verdict_has_its_own_marker_shape():
    assert set(charts.VERDICT_STYLE) == set(cl.VERDICTS)
    shapes = [(marker, filled) for marker, _, filled in charts.VERDICT_STYLE.values()]
    assert len(set(shapes)) == len(shapes)
