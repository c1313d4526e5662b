"""The networks chapter's tables and quoted numbers (helpers.network_report), on the small dataset.

The small_network constructed dataset is the fixture ``small_network`` of tests/conftest.py.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import network_report as nr
from helpers import networks as nw

from conftest import add_canada


def overview(ds) -> dict:
    """The chapter's overview facts of ``ds``, from the same views the chapter passes."""
    return nr.overview_facts(
        nw.participations(ds),
        nw.meeting_table(ds),
        nw.recurring_people(ds),
        nw.recurring_institutions(ds),
        nw.co_attendance_graph(ds),
    )


def test_overview_facts_count_meetings_people_and_institutions(small_network):
    facts = overview(small_network)
    assert facts == {
        "n_meetings": 3,
        "n_people": 4,
        "n_participations": 8,
        "n_institutions": 4,
        "n_no_agency": 1,
        "n_recurring_people": 4,
        "n_recurring_institutions": 3,
        "n_families": len(set(nw.SECTOR_FAMILIES.values())),
        "n_coattendance_components": 1,
        "recurring_people_pct": 100.0,
        "recurring_institutions_pct": 75.0,
        "isolated_meetings": "none",
        "n_isolated_meetings": 0,
        "more_recurring": "people than by institutions",
        "most_frequent": "Ann One, Bob Two, Carla Tres and Juan Pérez Cuatro",
        "most_frequent_n": 2,
        "agency_recorded": "1 participation has no recorded institution",
    }


def test_a_meeting_whose_people_attended_no_other_is_isolated(small_network):
    small_network.participants = pd.concat(
        [
            small_network.participants,
            pd.DataFrame(
                [
                    {
                        "meeting_id": "M-D",
                        "person_id": "p5",
                        "name_as_written": "Eve",
                        "country": "US",
                        "agency_id": "us-a",
                        "level": "cabinet",
                        "basis": "listed",
                        "title_as_written": "",
                        "doc_id": "m-d",
                        "name": "Eve Five",
                    }
                ]
            ),
        ]
    )
    small_network.people = pd.concat(
        [small_network.people, pd.DataFrame([{"person_id": "p5", "name": "Eve Five", "country": "US"}])]
    )
    small_network.meetings = pd.concat(
        [
            small_network.meetings,
            pd.DataFrame(
                [
                    {
                        "meeting_id": "M-D",
                        "date": pd.Timestamp("2021-01-01"),
                        "forum": "F4",
                        "host_country": "US",
                        "city": "d",
                    }
                ]
            ),
        ]
    )
    facts = overview(small_network)
    assert facts["isolated_meetings"] == "M-D" and facts["n_coattendance_components"] == 2


def test_size_and_level_facts():
    size = pd.DataFrame({"meeting_id": ["A", "A", "B"], "country": ["US", "MX", "US"], "people": [3, 5, 1]})
    assert nr.size_facts(size) == {
        "max_delegation": 5,
        "max_delegation_label": "A MX",
        "min_delegation": 1,
        "min_delegation_label": "B US",
    }
    levels = pd.DataFrame({"meeting_id": ["A", "B"], "cabinet": [2, 1], "head_of_state": [1, 0], "staff": [9, 9]})
    assert nr.level_facts(levels) == {"n_cabinet": 4}


def test_family_composition_is_wide_in_time_and_legend_order(small_network):
    table = nr.family_composition(small_network)
    assert list(zip(table["meeting_id"], table["country"], strict=True)) == [
        ("M-A", "US"),
        ("M-A", "MX"),
        ("M-B", "US"),
        ("M-B", "MX"),
        ("M-C", "US"),
        ("M-C", "MX"),
    ]
    assert list(table.columns[2:]) == ["diplomacy", "justice and law", "defence and navy", "other", "naming"]
    # The participant without an agency is counted under "other" (sector unknown).
    assert table.set_index(["meeting_id", "country"]).loc[("M-C", "US"), "other"] == 1
    assert table.iloc[:, 2:-1].to_numpy().sum() == 8
    assert list(table["naming"]) == [nw.LIST, nw.LIST, nw.SPEAKERS, nw.SPEAKERS, nw.LIST, nw.SPEAKERS]


def test_a_third_country_gets_its_own_bar_after_the_two_parties(small_network):
    add_canada(small_network)
    table = nr.family_composition(small_network)
    assert list(zip(table["meeting_id"], table["country"], strict=True))[-3:] == [
        ("M-C", "US"),
        ("M-C", "MX"),
        ("M-C", "CA"),
    ]


def test_continuity_rows_list_us_first_by_family_and_name_the_renamed(small_network):
    rows = nr.continuity_rows(small_network)
    assert list(rows["lineage_id"]) == ["us-a", "us-b", "mx-old", "mx-c"]
    assert list(rows["row_label"]) == ["DA", "DB", "NAO (earlier OAO)", "Secr. of Defence Things"]
    grid = nr.continuity_grid(small_network)
    assert list(grid.columns) == [*nw.continuity(small_network).columns, "family"]
    assert nr.continuity_facts(grid, rows, n_meetings=3) == {
        "renamed_example": "NAO (earlier OAO)",
        "n_all_meetings": 0,
        "n_single_institutions": 1,
        "single_top_meeting": "M-B",
        "single_top_n": 1,
        "single_top_institutions": 3,
        "most_meetings": 2,
        "most_persistent": "DA, NAO and Secr. of Defence Things",
    }


def test_continuity_facts_without_renamed_or_single_institutions():
    rows = pd.DataFrame({"label": ["A", "B"], "row_label": ["A", "B"], "meetings": [2, 2]})
    grid = pd.DataFrame({"meeting_id": ["m1", "m2", "m1", "m2"], "meetings": [2, 2, 2, 2]})
    facts = nr.continuity_facts(grid, rows, n_meetings=2)
    assert facts["renamed_example"] == "none" and facts["n_all_meetings"] == 2
    assert (facts["single_top_meeting"], facts["single_top_n"]) == ("none", 0)


def test_counterpart_facts_and_pairs(small_network):
    graph = nw.counterpart_graph(small_network)
    assert nr.counterpart_facts(graph) == {
        "n_counterpart_edges": 3,
        "max_counterpart_weight": 2,
        "n_counterpart_strong": 1,
        "strong_pairs": "1 pair",
    }
    pairs = nr.counterpart_pairs(graph)
    assert pairs.to_dict("records") == [
        {"U.S. institution": "DA", "Mexican institution": "NAO", "weight": 2, "meetings": "M-A;M-B"}
    ]
    everything = nr.counterpart_pairs(graph, minimum=1)
    assert list(everything["weight"]) == [2, 1, 1]
    assert list(everything["U.S. institution"]) == ["DA", "DA", "DB"]


def test_parity_facts_and_summary(small_network):
    assert nr.parity_facts(nw.parity(small_network)) == {
        "parity_both": 1,
        "parity_us_only": 2,
        "parity_mx_only": 3,
        "parity_both_pct": pytest.approx(100 / 6),
        "mx_only_top": "defence",
        "mx_only_n": 2,
        "us_only_top": "foreign affairs",
        "us_only_n": 2,
    }
    summary = nr.parity_summary(small_network)
    assert list(summary.columns) == ["meeting_id", "US named by", "MX named by", "both", "US only", "MX only"]
    assert summary.iloc[0].to_dict() == {
        "meeting_id": "M-A",
        "US named by": nw.LIST,
        "MX named by": nw.LIST,
        "both": "",
        "US only": "foreign affairs",
        "MX only": "defence, prosecution and justice",
    }
    assert list(summary["MX named by"]) == [nw.LIST, nw.SPEAKERS, nw.SPEAKERS]
    # Foreign affairs, U.S. only at M-B, faces a Mexican side named by its speakers only; the one-sided
    # sectors of M-A (both sides listed) and defence at M-C (facing a listed U.S. side) do not count.
    assert nr.one_sided_unlisted(nw.parity(small_network), nw.delegation_naming(small_network)) == 1
    listed = nr.parity_facts(nw.parity(small_network), prefix="listed_")
    assert listed["listed_parity_both"] == 1 and all(key.startswith("listed_") for key in listed)


def test_parity_facts_name_every_sector_of_a_tie_and_none_when_one_side_is_empty():
    table = pd.DataFrame(
        {"meeting_id": ["a", "a", "b"], "sector": ["x", "y", "x"], "status": ["MX only", "MX only", "both"]}
    )
    facts = nr.parity_facts(table)
    assert facts["mx_only_top"] == "x and y" and facts["mx_only_n"] == 1
    assert facts["us_only_top"] == "none" and facts["us_only_n"] == 0


def test_centrality_facts_and_table(small_network):
    people, counterparts = nw.person_meeting_graph(small_network), nw.counterpart_graph(small_network)
    facts = nr.centrality_facts(nw.centrality(people))
    assert facts["n_bridging_people"] == 4 and facts["top_person_degree"] == 2
    assert facts["top_person"] in {"Ann One", "Bob Two", "Carla Tres", "Juan Pérez Cuatro"}
    table = nr.centrality_table(people, counterparts, top=(3, 2))
    assert list(table["network"]) == ["people-meetings"] * 3 + ["counterparts"] * 2
    assert list(table.columns) == ["network", "name", "kind", "country", "degree", "weighted_degree", "betweenness"]
    assert (table["betweenness"] == table["betweenness"].round(3)).all()


def test_coverage_facts_and_table(small_network):
    coverage = nw.coverage(small_network)
    facts = nr.coverage_facts(coverage)
    assert facts["share_listed"] == pytest.approx(100 * 5 / 8)
    assert facts["weakest_meeting"] == "M-B" and facts["weakest_share"] == pytest.approx(100 / 3)
    assert facts["n_meetings_no_list"] == 0
    table = nr.coverage_table(small_network)
    assert table.columns[1] == "genre of the text"
    assert table.set_index(["meeting_id", "country"]).loc[("M-B", "US"), "genre of the text"] == "transcript"


def test_label_table_lists_the_institutions_that_took_part(small_network):
    table = nr.label_table(small_network)
    assert list(table.columns) == ["label", "name", "names over time", "country", "sector"]
    assert list(table["label"]) == ["DA", "DB", "NAO", "Secr. of Defence Things"]
    assert table.set_index("label").loc["NAO", "names over time"] == "OAO / NAO"


def test_chapter_facts_are_the_union_of_the_facts(small_network):
    facts = nr.chapter_facts(small_network)
    assert facts["n_meetings"] == 3 and facts["max_counterpart_weight"] == 2 and facts["weakest_meeting"] == "M-B"
    assert facts["listed_meetings"] == "M-A" and facts["n_listed_meetings"] == 1
    assert facts["series_hlsd"] == "none"
    assert facts["remits"] == "none" and facts["more_recurring"] == "people than by institutions"
    assert len(facts) == 92


def test_recurring_people_grid_keeps_people_at_two_meetings_us_first(small_network):
    parts = nw.participations(small_network)
    grid = nr.recurring_people_grid(parts)
    counts = parts.groupby("person_id")["meeting_id"].nunique()
    assert set(grid["person_id"]) == set(counts[counts >= 2].index)
    rows = grid.drop_duplicates("row").sort_values("row")
    assert list(rows["person_country"]) == sorted(rows["person_country"], key=lambda c: {"US": 0, "MX": 1}.get(c, 2))
    assert nr.recurring_people_grid(parts, minimum=99).empty


def test_genre_table_and_facts(small_network):
    small_network.documents = pd.concat(
        [small_network.documents, pd.DataFrame([{"doc_id": "m-c2", "meeting_id": "M-C", "genre": "joint statement"}])],
        ignore_index=True,
    )
    genres = nr.genre_table(small_network).set_index("genre")
    assert genres.loc[
        "joint statement", ["texts", "naming nobody", "with a delegation list", "people named", "in a list or leading"]
    ].tolist() == [2, 1, 1, 3, 3]
    assert genres.loc["transcript", ["hosting or meeting", "speaking or greeted"]].tolist() == [0, 2]
    facts = nr.genre_facts(nr.genre_table(small_network), nw.delegation_naming(small_network), ["M-A"], 3)
    assert facts["genres_always_list"] == "press release"
    assert facts["genres_never_list"] == "transcript"
    assert facts["genres_partly_list"] == "joint statement (1 of 2)"
    assert (facts["n_listed_meetings"], facts["n_unlisted_meetings"], facts["n_texts_nobody"]) == (1, 2, 1)
    assert (facts["n_principals_only"], facts["n_speakers_only"], facts["n_nobody_named"]) == (0, 3, 0)
    assert facts["nobody_named"] == "no side"


def test_naming_facts_compare_within_one_way_of_naming():
    naming = pd.DataFrame(
        {
            "meeting_id": ["A", "A", "B", "B"],
            "country": ["US", "MX", "US", "MX"],
            "naming": [nw.LIST, nw.LIST, nw.PRINCIPALS, nw.PRINCIPALS],
            "people": [4, 6, 1, 3],
        }
    )
    levels = pd.DataFrame(
        {
            "meeting_id": ["A", "A", "B", "B"],
            "country": ["US", "MX", "US", "MX"],
            "cabinet": [1, 2, 1, 1],
            "staff": [3, 4, 0, 2],
        }
    )
    facts = nr.naming_facts(naming, levels)
    assert (facts["max_listed"], facts["max_listed_label"], facts["min_listed"]) == (6, "A MX", 4)
    assert (facts["median_listed"], facts["median_principals"]) == (5.0, 2.0)
    assert facts["senior_listed_pct"] == pytest.approx(30.0) and facts["senior_principals_pct"] == pytest.approx(50.0)


def test_series_sizes_say_how_each_side_is_named():
    naming = pd.DataFrame(
        {
            "meeting_id": ["A", "A", "B"],
            "country": ["US", "MX", "US"],
            "naming": [nw.LIST, nw.PRINCIPALS, nw.SPEAKERS],
            "people": [4, 1, 2],
            "series_id": ["s", "s", "s"],
        }
    )
    assert nr.series_sizes(naming, "s") == (
        "A: U.S. 4 (delegation list), Mexican 1 (principals only); B: U.S. 2 (speakers only)"
    )
    assert nr.series_sizes(naming, "other") == "none"


def test_remit_facts_name_the_period_and_the_meetings_it_covers(small_network):
    assert nr.remit_facts(small_network) == {"remits": "none", "remit_meetings": "none"}
    small_network.agency_sectors = pd.DataFrame(
        {
            "agency_id": ["mx-c"],
            "sector": ["public security"],
            "valid_from": [pd.Timestamp("2009-01-02")],
            "valid_to": [pd.Timestamp("2012-11-30")],
        }
    )
    assert nr.remit_facts(small_network) == {
        "remits": "Secr. of Defence Things held public security from January 2009 to November 2012",
        "remit_meetings": "M-A",
    }


def test_parity_change_compares_the_share_on_both_sides():
    table = pd.DataFrame({"meeting_id": ["a", "a", "b", "b"], "status": ["both", "US only", "MX only", "MX only"]})
    assert nr.parity_change(table, ["a"]) == "changes"  # 50 per cent against 25
    assert nr.parity_change(table, ["a", "b"]) == "holds"
    assert nr.parity_change(table, []) == "changes"
