"""Delegation networks (helpers.networks): construction, merging, measures, how the texts name a delegation.

The small_network constructed dataset is the fixture ``small_network`` of tests/conftest.py.
"""

from __future__ import annotations

import copy

import networkx as nx
import pandas as pd

from helpers import network_report as nr
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


def test_a_third_country_is_counted_but_left_out_of_the_bilateral_measures(small_network):
    before = (nw.counterpart_graph(small_network), nw.parity(small_network))
    add_canada(small_network)
    graph = nw.counterpart_graph(small_network)
    assert "institution:ca-x" not in graph and sorted(graph.edges) == sorted(before[0].edges)
    assert nw.parity(small_network).equals(before[1])
    assert "institution:ca-x" in nw.institution_meeting_graph(small_network)
    assert nr.third_country_facts(nw.participations(small_network)) == {
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
    family = nr.family_composition(small_network).set_index(["meeting_id", "country"])
    assert family.loc[("M-B", "MX"), "defence and navy"] == 1
    edge = nw.institution_meeting_graph(small_network).edges["institution:mx-c", "meeting:M-B"]
    assert edge["sectors"] == "defence; public security"
    assert "public security" in set(nw.parity(small_network).query("meeting_id == 'M-B'")["sector"])


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
    table = nr.size_table(small_network).set_index(["meeting id", "country"])
    assert table.loc[("M-C", "MX"), ["people", "institutions", "sectors"]].tolist() == [0, 0, 0]
    assert table.loc[("M-B", "US"), "named by"] == nw.SPEAKERS
    family = nr.family_composition(small_network).set_index(["meeting_id", "country"])
    assert family.loc[("M-C", "MX"), "naming"] == nw.NOBODY and family.loc[("M-C", "MX")].iloc[:-1].sum() == 0


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


def test_participations_are_computed_once_per_set_of_tables_and_handed_out_as_copies(small_network, monkeypatch):
    computed = []
    real = nw._participations
    monkeypatch.setattr(nw, "_participations", lambda ds: computed.append(1) or real(ds))
    first = nw.participations(small_network)
    first.loc[:, "person_name"] = "changed by a caller"
    again = nw.participations(small_network)
    assert len(computed) == 1
    assert "changed by a caller" not in set(again["person_name"])
    # A table replaced (a new meeting, a corrected row): computed again, from the new table.
    small_network.participants = small_network.participants.iloc[1:]
    assert len(nw.participations(small_network)) == len(again) - 1
    assert len(computed) == 2


def test_a_kept_result_is_computed_once_per_set_of_tables_and_handed_out_as_copies(small_network):
    computed = []

    @nw.kept_for_its_tables
    def graph(ds):
        computed.append(1)
        g = nx.Graph()
        g.add_nodes_from((p, {"name": n}) for p, n in zip(ds.people["person_id"], ds.people["name"], strict=True))
        return g

    first = graph(small_network)
    first.nodes["p1"]["name"] = "changed by a caller"
    first.add_node("added by a caller")
    again = graph(small_network)
    assert len(computed) == 1
    assert again.nodes["p1"]["name"] != "changed by a caller" and "added by a caller" not in again
    # A table replaced or added computes again; a dataset holding the very same tables does not.
    small_network.meetings = small_network.meetings.copy()
    graph(small_network)
    assert len(computed) == 2
    small_network.errata = pd.DataFrame({"erratum_id": []})
    graph(small_network)
    assert len(computed) == 3
    graph(copy.copy(small_network))
    assert len(computed) == 3
    small_network.people = small_network.people.iloc[1:]
    assert "p1" not in graph(small_network) and len(computed) == 4
