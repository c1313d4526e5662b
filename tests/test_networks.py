"""Delegation networks (helpers.networks): construction, merging, measures, the chapter's tables and numbers.

The small_network constructed dataset is the fixture ``small_network`` of tests/conftest.py.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from helpers import networks as nw

from conftest import add_canada


def _kinds(graph):
    return sorted(a["kind"] for _, a in graph.nodes(data=True))


def test_person_meeting_graph_counts(small_network):
    g = nw.person_meeting_graph(small_network)
    assert _kinds(g) == ["meeting"] * 3 + ["person"] * 4
    assert g.number_of_edges() == 8
    assert nx.is_bipartite(g)
    assert all(g.nodes[n]["kind"] != g.nodes[m]["kind"] for n, m in g.edges)


def test_every_node_has_a_label_meetings_their_id_and_date(small_network):
    for build in nw.GRAPHS.values():
        graph = build(small_network)
        assert all(attrs["label"] for _, attrs in graph.nodes(data=True)), build.__name__
    graph = nw.person_meeting_graph(small_network)
    assert graph.nodes["meeting:M-A"]["label"] == "M-A (2010-01-01)"
    assert graph.nodes["person:p4"]["label"] == "Juan Pérez Cuatro"


def test_meetings_are_ordered_by_date_not_by_table_order(small_network):
    g = nw.person_meeting_graph(small_network)
    order = {a["name"]: a["order"] for _, a in g.nodes(data=True) if a["kind"] == "meeting"}
    assert order == {"M-A": 0, "M-B": 1, "M-C": 2}


def test_alias_resolution_one_node_per_person(small_network):
    g = nw.person_meeting_graph(small_network)
    people = {n: a for n, a in g.nodes(data=True) if a["kind"] == "person"}
    # However the texts wrote the name, each alias leads to exactly one node
    # carrying the canonical name.
    for alias, person_id in small_network.aliases.itertuples(index=False):
        node = nw.node_id("person", person_id)
        assert node in people, alias
    assert people["person:p4"]["name"] == "Juan Pérez Cuatro"
    assert people["person:p4"]["names_as_written"] == "Juan Perez / Pérez"
    assert g.degree("person:p4") == 2


def test_institution_graph_follows_lineage(small_network):
    g = nw.institution_meeting_graph(small_network)
    institutions = {n: a for n, a in g.nodes(data=True) if a["kind"] == "institution"}
    # The renamed agency is one node named after its newest member.
    assert sorted(institutions) == ["institution:mx-c", "institution:mx-old", "institution:us-a", "institution:us-b"]
    assert institutions["institution:mx-old"]["label"] == "NAO"
    assert institutions["institution:mx-old"]["names"] == "OAO / NAO"
    assert institutions["institution:mx-old"]["meetings"] == 2
    assert g.edges["institution:mx-old", "meeting:M-A"]["agency"] == "OAO"
    assert g.edges["institution:mx-old", "meeting:M-B"]["agency"] == "NAO"
    # The participation without a recorded agency is left out: 8 - 1 edges.
    assert g.number_of_edges() == 7
    assert g.number_of_nodes() == 3 + 4


def test_counterpart_graph_weights(small_network):
    g = nw.counterpart_graph(small_network)
    assert g.number_of_nodes() == 4
    assert {frozenset(e) for e in g.edges} == {
        frozenset({"institution:us-a", "institution:mx-c"}),
        frozenset({"institution:us-a", "institution:mx-old"}),
        frozenset({"institution:us-b", "institution:mx-old"}),
    }
    assert g.edges["institution:us-a", "institution:mx-old"]["weight"] == 2
    assert g.edges["institution:us-a", "institution:mx-old"]["meetings"] == "M-A;M-B"
    assert all(g.nodes[u]["country"] != g.nodes[v]["country"] for u, v in g.edges)


def test_co_attendance_projection(small_network):
    g = nw.co_attendance_graph(small_network)
    assert g.number_of_nodes() == 4
    assert g.number_of_edges() == 6
    assert g.edges["person:p1", "person:p4"]["weight"] == 2
    assert g.edges["person:p2", "person:p3"]["meetings"] == "M-C"
    assert _kinds(g) == ["person"] * 4


def test_measures_on_fixture(small_network):
    size = nw.delegation_size(small_network).set_index(["meeting_id", "country"])
    assert size.loc[("M-A", "MX"), "people"] == 2
    assert size.loc[("M-C", "US"), "institutions"] == 0
    parity = nw.parity(small_network).set_index(["meeting_id", "sector"])
    assert parity.loc[("M-A", "defence"), "status"] == "MX only"
    assert parity.loc[("M-B", "prosecution and justice"), "status"] == "both"
    recurring = nw.recurring_people(small_network)
    assert list(recurring["person_id"]) == ["p3", "p4", "p1", "p2"]
    inst = nw.recurring_institutions(small_network)
    assert inst.set_index("institution").loc["NAO", "as_named"] == "OAO -> NAO"
    coverage = nw.coverage(small_network).set_index(["meeting_id", "country"])
    assert coverage.loc[("M-B", "MX"), "greeted"] == 1
    assert coverage.loc[("M-B", "MX"), "share_in_delegation_list"] == 0
    assert coverage["total"].sum() == len(small_network.participants)


def test_duplicate_reports_of_one_participation_count_once(small_network):
    extra = small_network.participants.iloc[[0]].assign(basis="spoke", doc_id="other-doc")
    small_network.participants = pd.concat([small_network.participants, extra], ignore_index=True)
    g = nw.person_meeting_graph(small_network)
    assert g.number_of_edges() == 8
    assert g.edges["person:p1", "meeting:M-A"]["basis"] == "listed"


def test_new_meeting_flows_through(small_network):
    small_network.meetings = pd.concat(
        [
            small_network.meetings,
            pd.DataFrame(
                {
                    "meeting_id": ["M-D"],
                    "date": pd.to_datetime(["2024-01-01"]),
                    "forum": ["F4"],
                    "host_country": ["US"],
                    "city": ["d"],
                }
            ),
        ],
        ignore_index=True,
    )
    new = small_network.participants.iloc[[0]].assign(meeting_id="M-D", doc_id="m-d")
    small_network.participants = pd.concat([small_network.participants, new], ignore_index=True)
    g = nw.person_meeting_graph(small_network)
    assert g.nodes["meeting:M-D"]["order"] == 3
    assert g.degree("person:p1") == 3


def test_centrality_is_deterministic_and_complete(small_network):
    g = nw.person_meeting_graph(small_network)
    first, second = nw.centrality(g), nw.centrality(g)
    pd.testing.assert_frame_equal(first, second)
    assert len(first) == g.number_of_nodes()
    assert first["betweenness"].between(0, 1).all()


def test_short_label():
    assert nw.short_label("Secretariat of the Navy", "SEMAR") == "SEMAR"
    assert nw.short_label("Short Name", None) == "Short Name"
    assert nw.short_label("Office of the Legal Counsel to the President", "") == "Off. of Legal Counsel to Pres."
    assert (
        nw.short_label("Technical Secretariat of the National Security Council", "")
        == "Tech. Secr. of Nat. Sec. Council"
    )
    assert nw.short_label("A Very Long Name Of Some Body That Keeps Going On", "") == "AVLNOSBTKGO"


def test_every_sector_of_the_vocabulary_has_a_family(ds):
    from helpers.schema import resources

    fields = {f["name"]: f for f in resources(ds.package)["agencies"]["schema"]["fields"]}
    vocabulary = fields["sector"].get("constraints", {}).get("enum") or sorted(set(ds.agencies["sector"].dropna()))
    assert set(vocabulary) <= set(nw.SECTOR_FAMILIES)
    assert nw.FAMILIES == [*dict.fromkeys(nw.SECTOR_FAMILIES.values()), "other"]
    assert nw.sector_family("a sector nobody declared") == "other"


# --------------------------------------------------------------------------
# The real dataset
# --------------------------------------------------------------------------


def test_real_person_nodes_match_people_who_took_part(ds):
    g = nw.person_meeting_graph(ds)
    people = {n for n, a in g.nodes(data=True) if a["kind"] == "person"}
    assert people == {nw.node_id("person", p) for p in ds.participants["person_id"].unique()}
    meetings = {n for n, a in g.nodes(data=True) if a["kind"] == "meeting"}
    assert meetings == {nw.node_id("meeting", m) for m in ds.meetings["meeting_id"]}
    assert g.number_of_edges() == len(ds.participants.drop_duplicates(["meeting_id", "person_id"]))
    names = ds.people.set_index("person_id")["name"]
    assert all(a["name"] == names[n.split(":", 1)[1]] for n, a in g.nodes(data=True) if a["kind"] == "person")


def test_real_aliases_resolve_to_one_node(ds):
    g = nw.person_meeting_graph(ds)
    in_graph = ds.aliases[ds.aliases["person_id"].isin(ds.participants["person_id"])]
    assert len(in_graph) > 0
    for alias, person_id in in_graph[["alias", "person_id"]].itertuples(index=False):
        assert nw.node_id("person", person_id) in g, alias
    # People written differently at different meetings are still one node.
    spellings = ds.participants.groupby("person_id")["name_as_written"].nunique()
    for person_id in spellings[spellings > 1].index:
        meetings = ds.participants.loc[ds.participants["person_id"] == person_id, "meeting_id"].nunique()
        assert g.degree(nw.node_id("person", person_id)) == meetings


def test_real_lineages_are_one_node(ds):
    g = nw.institution_meeting_graph(ds)
    lineages = ds.agencies.set_index("agency_id")["lineage_id"]
    used = set(lineages[ds.participants["agency_id"].dropna()])
    institutions = {n.split(":", 1)[1] for n, a in g.nodes(data=True) if a["kind"] == "institution"}
    assert institutions == used
    renamed = ds.agencies[ds.agencies["agency_id"] != ds.agencies["lineage_id"]]
    for row in renamed.itertuples():
        assert nw.node_id("institution", row.agency_id) not in g
        if row.agency_id in set(ds.participants["agency_id"]):
            assert nw.node_id("institution", row.lineage_id) in g


def test_real_counterparts_cross_the_border(ds):
    g = nw.counterpart_graph(ds)
    assert g.number_of_edges() > 0
    # Counterparts are institutions of two different countries (Canada's at the trilateral meeting too).
    assert all(g.nodes[u]["country"] != g.nodes[v]["country"] for u, v in g.edges)
    assert max(w for *_, w in g.edges(data="weight")) <= len(ds.meetings)


def test_real_coverage_adds_up(ds):
    table = nw.coverage(ds)
    assert table["total"].sum() == len(ds.participants.drop_duplicates(["meeting_id", "person_id"]))
    assert set(table["meeting_id"]) == set(ds.meetings["meeting_id"])


# --------------------------------------------------------------------------
# The chapter's tables and quoted numbers, on the small dataset
# --------------------------------------------------------------------------


def test_overview_facts_count_meetings_people_and_institutions(small_network):
    facts = nw.overview_facts(
        nw.participations(small_network),
        nw.meeting_table(small_network),
        nw.recurring_people(small_network),
        nw.recurring_institutions(small_network),
        nw.co_attendance_graph(small_network),
    )
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
    facts = nw.overview_facts(
        nw.participations(small_network),
        nw.meeting_table(small_network),
        nw.recurring_people(small_network),
        nw.recurring_institutions(small_network),
        nw.co_attendance_graph(small_network),
    )
    assert facts["isolated_meetings"] == "M-D" and facts["n_coattendance_components"] == 2


def test_size_and_level_facts():
    size = pd.DataFrame({"meeting_id": ["A", "A", "B"], "country": ["US", "MX", "US"], "people": [3, 5, 1]})
    assert nw.size_facts(size) == {
        "max_delegation": 5,
        "max_delegation_label": "A MX",
        "min_delegation": 1,
        "min_delegation_label": "B US",
    }
    levels = pd.DataFrame({"meeting_id": ["A", "B"], "cabinet": [2, 1], "head_of_state": [1, 0], "staff": [9, 9]})
    assert nw.level_facts(levels) == {"n_cabinet": 4}


def test_family_composition_is_wide_in_time_and_legend_order(small_network):
    table = nw.family_composition(small_network)
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
    table = nw.family_composition(small_network)
    assert list(zip(table["meeting_id"], table["country"], strict=True))[-3:] == [
        ("M-C", "US"),
        ("M-C", "MX"),
        ("M-C", "CA"),
    ]


def test_a_third_country_is_counted_but_left_out_of_the_bilateral_measures(small_network):
    before = (nw.counterpart_graph(small_network), nw.parity(small_network))
    add_canada(small_network)
    graph = nw.counterpart_graph(small_network)
    assert "institution:ca-x" not in graph and sorted(graph.edges) == sorted(before[0].edges)
    assert nw.parity(small_network).equals(before[1])
    assert "institution:ca-x" in nw.institution_meeting_graph(small_network)
    assert nw.third_country_facts(nw.participations(small_network)) == {
        "n_third_people": 1,
        "third_participations": "1 participation",
        "third_countries": "Canada",
        "third_meetings": "M-C",
    }
    size = nw.delegation_size(small_network)
    assert size[size["meeting_id"] == "M-C"]["country"].tolist() == ["US", "MX", "CA"]


def test_an_agency_counts_for_a_further_remit_held_on_the_day_of_the_meeting(small_network):
    # mx-c (defence) also held "public security" from 2015 to 2016: M-B (2015-06-01) only.
    small_network.agency_sectors = pd.DataFrame(
        {
            "agency_id": ["mx-c"],
            "sector": ["public security"],
            "valid_from": [pd.Timestamp("2015-01-01")],
            "valid_to": [pd.Timestamp("2016-12-31")],
        }
    )
    small_network.participants.loc[small_network.participants["meeting_id"] == "M-B", "agency_id"] = [
        "us-a",
        "us-b",
        "mx-c",
    ]
    parts = nw.participations(small_network).set_index(["meeting_id", "person_id"])
    assert parts.loc[("M-B", "p4"), "sectors"] == ("defence", "public security")
    assert parts.loc[("M-A", "p3"), "sectors"] == ("defence",)
    comp = nw.composition(small_network)
    assert set(comp.loc[comp["meeting_id"] == "M-B", "sector"]) == {
        "foreign affairs",
        "prosecution and justice",
        "defence",
        "public security",
    }
    size = nw.delegation_size(small_network).set_index(["meeting_id", "country"])
    assert (size.loc[("M-B", "MX"), "people"], size.loc[("M-B", "MX"), "sectors"]) == (1, 2)
    # One person in two sectors of one family counts once in the family.
    family = nw.family_composition(small_network).set_index(["meeting_id", "country"])
    assert family.loc[("M-B", "MX"), "defence and navy"] == 1
    edge = nw.institution_meeting_graph(small_network).edges["institution:mx-c", "meeting:M-B"]
    assert edge["sectors"] == "defence; public security"
    assert "public security" in set(nw.parity(small_network).query("meeting_id == 'M-B'")["sector"])


def test_continuity_rows_list_us_first_by_family_and_name_the_renamed(small_network):
    rows = nw.continuity_rows(small_network)
    assert list(rows["lineage_id"]) == ["us-a", "us-b", "mx-old", "mx-c"]
    assert list(rows["row_label"]) == ["DA", "DB", "NAO (earlier OAO)", "Secr. of Defence Things"]
    grid = nw.continuity_grid(small_network)
    assert list(grid.columns) == [*nw.continuity(small_network).columns, "family"]
    assert nw.continuity_facts(grid, rows, n_meetings=3) == {
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
    facts = nw.continuity_facts(grid, rows, n_meetings=2)
    assert facts["renamed_example"] == "none" and facts["n_all_meetings"] == 2
    assert (facts["single_top_meeting"], facts["single_top_n"]) == ("none", 0)


def test_counterpart_facts_and_pairs(small_network):
    graph = nw.counterpart_graph(small_network)
    assert nw.counterpart_facts(graph) == {
        "n_counterpart_edges": 3,
        "max_counterpart_weight": 2,
        "n_counterpart_strong": 1,
        "strong_pairs": "1 pair",
    }
    pairs = nw.counterpart_pairs(graph)
    assert pairs.to_dict("records") == [
        {"U.S. institution": "DA", "Mexican institution": "NAO", "weight": 2, "meetings": "M-A;M-B"}
    ]
    everything = nw.counterpart_pairs(graph, minimum=1)
    assert list(everything["weight"]) == [2, 1, 1]
    assert list(everything["U.S. institution"]) == ["DA", "DA", "DB"]


def test_parity_facts_and_summary(small_network):
    assert nw.parity_facts(nw.parity(small_network)) == {
        "parity_both": 1,
        "parity_us_only": 2,
        "parity_mx_only": 3,
        "parity_both_pct": pytest.approx(100 / 6),
        "mx_only_top": "defence",
        "mx_only_n": 2,
        "us_only_top": "foreign affairs",
        "us_only_n": 2,
    }
    summary = nw.parity_summary(small_network)
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
    assert nw.one_sided_unlisted(nw.parity(small_network), nw.delegation_naming(small_network)) == 1
    listed = nw.parity_facts(nw.parity(small_network), prefix="listed_")
    assert listed["listed_parity_both"] == 1 and all(key.startswith("listed_") for key in listed)


def test_parity_facts_name_every_sector_of_a_tie_and_none_when_one_side_is_empty():
    table = pd.DataFrame(
        {"meeting_id": ["a", "a", "b"], "sector": ["x", "y", "x"], "status": ["MX only", "MX only", "both"]}
    )
    facts = nw.parity_facts(table)
    assert facts["mx_only_top"] == "x and y" and facts["mx_only_n"] == 1
    assert facts["us_only_top"] == "none" and facts["us_only_n"] == 0


def test_centrality_facts_and_table(small_network):
    people, counterparts = nw.person_meeting_graph(small_network), nw.counterpart_graph(small_network)
    facts = nw.centrality_facts(nw.centrality(people))
    assert facts["n_bridging_people"] == 4 and facts["top_person_degree"] == 2
    assert facts["top_person"] in {"Ann One", "Bob Two", "Carla Tres", "Juan Pérez Cuatro"}
    table = nw.centrality_table(people, counterparts, top=(3, 2))
    assert list(table["network"]) == ["people-meetings"] * 3 + ["counterparts"] * 2
    assert list(table.columns) == ["network", "name", "kind", "country", "degree", "weighted_degree", "betweenness"]
    assert (table["betweenness"] == table["betweenness"].round(3)).all()


def test_coverage_facts_and_table(small_network):
    coverage = nw.coverage(small_network)
    facts = nw.coverage_facts(coverage)
    assert facts["share_listed"] == pytest.approx(100 * 5 / 8)
    assert facts["weakest_meeting"] == "M-B" and facts["weakest_share"] == pytest.approx(100 / 3)
    assert facts["n_meetings_no_list"] == 0
    table = nw.coverage_table(small_network)
    assert table.columns[1] == "genre of the text"
    assert table.set_index(["meeting_id", "country"]).loc[("M-B", "US"), "genre of the text"] == "transcript"


def test_label_table_lists_the_institutions_that_took_part(small_network):
    table = nw.label_table(small_network)
    assert list(table.columns) == ["label", "name", "names over time", "country", "sector"]
    assert list(table["label"]) == ["DA", "DB", "NAO", "Secr. of Defence Things"]
    assert table.set_index("label").loc["NAO", "names over time"] == "OAO / NAO"


def test_chapter_facts_are_the_union_of_the_facts(small_network):
    facts = nw.chapter_facts(small_network)
    assert facts["n_meetings"] == 3 and facts["max_counterpart_weight"] == 2 and facts["weakest_meeting"] == "M-B"
    assert facts["listed_meetings"] == "M-A" and facts["n_listed_meetings"] == 1
    assert facts["series_hlsd"] == "none"
    assert facts["remits"] == "none" and facts["more_recurring"] == "people than by institutions"
    assert len(facts) == 92


def test_recurring_people_grid_keeps_people_at_two_meetings_us_first(small_network):
    parts = nw.participations(small_network)
    grid = nw.recurring_people_grid(parts)
    counts = parts.groupby("person_id")["meeting_id"].nunique()
    assert set(grid["person_id"]) == set(counts[counts >= 2].index)
    rows = grid.drop_duplicates("row").sort_values("row")
    assert list(rows["person_country"]) == sorted(rows["person_country"], key=lambda c: {"US": 0, "MX": 1}.get(c, 2))
    assert nw.recurring_people_grid(parts, minimum=99).empty


# --------------------------------------------------------------------------
# Genre: how the texts name the delegations
# --------------------------------------------------------------------------


def test_naming_of_a_delegation():
    assert nw.naming_of(["listed", "spoke"]) == nw.LIST
    assert nw.naming_of(["led", "spoke", "greeted"]) == nw.SPEAKERS
    assert nw.naming_of(["hosted", "met"]) == nw.PRINCIPALS
    assert nw.naming_of(["led"]) == nw.PRINCIPALS
    assert nw.naming_of(["met", "spoke"]) == nw.PRINCIPALS


def test_delegation_naming_and_a_side_named_by_nobody(small_network):
    small_network.participants = small_network.participants[
        ~((small_network.participants["meeting_id"] == "M-C") & (small_network.participants["country"] == "MX"))
    ]
    naming = nw.delegation_naming(small_network)
    assert list(zip(naming["meeting_id"], naming["country"], naming["naming"], naming["people"], strict=True)) == [
        ("M-A", "US", nw.LIST, 1),
        ("M-A", "MX", nw.LIST, 2),
        ("M-B", "US", nw.SPEAKERS, 2),
        ("M-B", "MX", nw.SPEAKERS, 1),
        ("M-C", "US", nw.LIST, 1),
        ("M-C", "MX", nw.NOBODY, 0),
    ]
    assert naming.set_index(["meeting_id", "country"]).loc[("M-C", "MX"), "genres"] == "press release"
    assert nw.listed_meetings(small_network) == ["M-A"]
    table = nw.size_table(small_network).set_index(["meeting id", "country"])
    assert table.loc[("M-C", "MX"), ["people", "institutions", "sectors"]].tolist() == [0, 0, 0]
    assert table.loc[("M-B", "US"), "named by"] == nw.SPEAKERS
    family = nw.family_composition(small_network).set_index(["meeting_id", "country"])
    assert family.loc[("M-C", "MX"), "naming"] == nw.NOBODY and family.loc[("M-C", "MX")].iloc[:-1].sum() == 0


def test_genre_table_and_facts(small_network):
    small_network.documents = pd.concat(
        [small_network.documents, pd.DataFrame([{"doc_id": "m-c2", "meeting_id": "M-C", "genre": "joint statement"}])],
        ignore_index=True,
    )
    genres = nw.genre_table(small_network).set_index("genre")
    assert genres.loc[
        "joint statement", ["texts", "naming nobody", "with a delegation list", "people named", "in a list or leading"]
    ].tolist() == [2, 1, 1, 3, 3]
    assert genres.loc["transcript", ["hosting or meeting", "speaking or greeted"]].tolist() == [0, 2]
    facts = nw.genre_facts(nw.genre_table(small_network), nw.delegation_naming(small_network), ["M-A"], 3)
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
    facts = nw.naming_facts(naming, levels)
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
    assert nw.series_sizes(naming, "s") == (
        "A: U.S. 4 (delegation list), Mexican 1 (principals only); B: U.S. 2 (speakers only)"
    )
    assert nw.series_sizes(naming, "other") == "none"


def test_an_erratum_corrects_the_title_an_edge_carries(small_network):
    small_network.participants["title_as_written"] = "Chief"
    small_network.errata = pd.DataFrame(
        [
            {
                "erratum_id": "E09",
                "doc_id": "m-b",
                "kind": "wrong title",
                "text_as_written": "Chief Bob",
                "correction": "Deputy Bob",
            }
        ]
    )
    graph = nw.person_meeting_graph(small_network)
    edge = graph.edges["person:p2", "meeting:M-B"]
    assert (edge["title"], edge["title_corrected"], edge["erratum_id"]) == ("Chief", "Deputy", "E09")
    assert graph.edges["person:p2", "meeting:M-C"]["title_corrected"] == ""


def test_remit_facts_name_the_period_and_the_meetings_it_covers(small_network):
    assert nw.remit_facts(small_network) == {"remits": "none", "remit_meetings": "none"}
    small_network.agency_sectors = pd.DataFrame(
        {
            "agency_id": ["mx-c"],
            "sector": ["public security"],
            "valid_from": [pd.Timestamp("2009-01-02")],
            "valid_to": [pd.Timestamp("2012-11-30")],
        }
    )
    assert nw.remit_facts(small_network) == {
        "remits": "Secr. of Defence Things held public security from January 2009 to November 2012",
        "remit_meetings": "M-A",
    }


def test_parity_change_compares_the_share_on_both_sides():
    table = pd.DataFrame({"meeting_id": ["a", "a", "b", "b"], "status": ["both", "US only", "MX only", "MX only"]})
    assert nw.parity_change(table, ["a"]) == "changes"  # 50 per cent against 25
    assert nw.parity_change(table, ["a", "b"]) == "holds"
    assert nw.parity_change(table, []) == "changes"
