"""Agencies whose remit changed over time (helpers.agencies: data/agency_sectors.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import agencies as ag
from helpers import load_dataset
from helpers.errors import DataError


def _agencies():
    return pd.DataFrame(
        {
            "agency_id": ["mx-int", "mx-sec", "us-a"],
            "sector": ["interior", "public security", "foreign affairs"],
            "established": [None, 2018, None],
            "notes": ["From 2013 to 2018 it also held public security.", "", ""],
        }
    )


def _periods(**change):
    row = {
        "agency_id": "mx-int",
        "sector": "public security",
        "valid_from": pd.Timestamp("2013-01-02"),
        "valid_to": pd.Timestamp("2018-11-30"),
        "via": "a commission",
        "source": "data/agencies.csv",
        "quote": "From 2013 to 2018 it also held public security.",
        "notes": "",
    }
    return pd.DataFrame([{**row, **change}])


def test_sectors_follow_the_date_of_the_meeting():
    held = ag.sectors_at(
        _agencies(),
        _periods(),
        ["mx-int", "mx-int", "mx-int", "mx-int", "us-a"],
        ["2012-12-31", "2013-01-02", "2018-11-30", "2018-12-01", "2017-01-01"],
    )
    assert held == [
        ("interior",),
        ("interior", "public security"),
        ("interior", "public security"),
        ("interior",),
        ("foreign affairs",),
    ]


def test_no_periods_no_date_or_no_agency():
    assert ag.sectors_at(_agencies(), None, ["mx-int"], ["2015-01-01"]) == [("interior",)]
    assert ag.sectors_at(_agencies(), _periods(), ["mx-int"], [None]) == [("interior",)]
    assert ag.sectors_at(_agencies(), _periods(), [None, "mx-unknown"], ["2015-01-01", "2015-01-01"]) == [(), ()]


def test_a_valid_period_passes():
    ag.check_sector_periods(_periods(), _agencies())


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"agency_id": "mx-nowhere"}, "agency_id", "unknown agency"),
        ({"sector": "interior"}, "sector", "already the sector"),
        ({"valid_to": pd.Timestamp("2012-01-01")}, "valid_to", "ends"),
        (
            {"agency_id": "mx-sec", "sector": "interior", "source": "DOF", "valid_from": pd.Timestamp("2015-01-01")},
            "valid_from",
            "before mx-sec was established",
        ),
        ({"quote": "a sentence the notes do not have"}, "quote", "not found in the notes"),
    ],
)
def test_bad_periods_are_refused(change, field, words):
    with pytest.raises(DataError) as caught:
        ag.check_sector_periods(_periods(**change), _agencies())
    assert caught.value.field == field and words in str(caught.value)


def test_overlapping_periods_are_refused():
    both = pd.concat(
        [
            _periods(),
            _periods(valid_from=pd.Timestamp("2018-01-01"), valid_to=pd.Timestamp("2019-01-01"), source="elsewhere"),
        ],
        ignore_index=True,
    )
    with pytest.raises(DataError, match="overlaps that of row 1"):
        ag.check_sector_periods(both, _agencies())


def test_the_loader_checks_the_periods(data_copy):
    path = data_copy / "agency_sectors.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("From January 2013 to 2018 it also held", "From 2013 it held"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert caught.value.file == "agency_sectors.csv" and caught.value.field == "quote"


def test_segob_held_public_security_at_the_2017_dialogue(ds):
    meetings = ds.meetings.set_index("meeting_id")["date"]
    held = ag.sectors_at(
        ds.agencies,
        ds.agency_sectors,
        ["mx-segob"] * 3,
        [meetings["HLCG-2010"], meetings["SDTCO-2017"], meetings["SEC-2020"]],
    )
    assert held == [("interior",), ("interior", "public security"), ("interior",)]
