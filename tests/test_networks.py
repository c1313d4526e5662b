"""Delegation networks (helpers.networks): construction, merging, layouts, exports."""

from __future__ import annotations

from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest

from helpers import networks as nw

# --------------------------------------------------------------------------
# A small fixture dataset: three meetings (given out of time order), two
# U.S. and two Mexican people, and a Mexican agency renamed between meetings.
# --------------------------------------------------------------------------

def _fixture():
    meetings = pd.DataFrame({
        "meeting_id": ["M-C", "M-A", "M-B"],
        "date": pd.to_datetime(["2020-01-01", "2010-01-01", "2015-06-01"]),
        "forum": ["F3", "F1", "F2"], "host_country": ["MX", "MX", "US"], "city": ["c", "a", "b"],
    })
    agencies = pd.DataFrame({
        "agency_id": ["us-a", "us-b", "mx-old", "mx-new", "mx-c"],
        "name_en": ["Department A", "Department B", "Old Attorney Office", "New Attorney Office",
                    "Secretariat of Defence Things"],
        "name_es": ["", "", "Vieja", "Nueva", "Defensa"],
        "acronym": ["DA", "DB", "OAO", "NAO", None],
        "country": ["US", "US", "MX", "MX", "MX"],
        "sector": ["foreign affairs", "prosecution and justice", "prosecution and justice",
                   "prosecution and justice", "defence"],
        "parent_id": [None] * 5,
        "predecessor_id": [None, None, None, "mx-old", None],
        "lineage_id": ["us-a", "us-b", "mx-old", "mx-old", "mx-c"],
        "established": [None, None, None, 2018, None],
    })
    people = pd.DataFrame({
        "person_id": ["p1", "p2", "p3", "p4"],
        "name": ["Ann One", "Bob Two", "Carla Tres", "Juan Pérez Cuatro"],
        "country": ["US", "US", "MX", "MX"],
    })
    rows = [
        # meeting, person, name as written, country, agency, level, basis
        ("M-A", "p1", "Ann One", "US", "us-a", "cabinet", "listed"),
        ("M-A", "p3", "Carla Tres", "MX", "mx-c", "cabinet", "listed"),
        ("M-A", "p4", "Juan Perez", "MX", "mx-old", "agency_head", "listed"),
        ("M-B", "p1", "Secretary One", "US", "us-a", "head_of_delegation", "led"),
        ("M-B", "p2", "Bob", "US", "us-b", "deputy", "spoke"),
        ("M-B", "p4", "Pérez", "MX", "mx-new", "cabinet", "greeted"),
        ("M-C", "p2", "Bob Two", "US", None, "staff", "listed"),
        ("M-C", "p3", "Carla", "MX", "mx-c", "cabinet", "spoke"),
    ]
    participants = pd.DataFrame(rows, columns=["meeting_id", "person_id", "name_as_written", "country",
                                               "agency_id", "level", "basis"])
    participants["title_as_written"] = ""
    participants["doc_id"] = participants["meeting_id"].str.lower()
    participants["name"] = participants["person_id"].map(people.set_index("person_id")["name"])
    aliases = pd.DataFrame({"alias": ["Juan Perez", "Pérez", "Bob", "Carla"],
                            "person_id": ["p4", "p4", "p2", "p3"]})
    return SimpleNamespace(meetings=meetings, agencies=agencies, people=people,
                           participants=participants, aliases=aliases)


@pytest.fixture
def small():
    return _fixture()


def _kinds(graph):
    return sorted(a["kind"] for _, a in graph.nodes(data=True))


def test_person_meeting_graph_counts(small):
    g = nw.person_meeting_graph(small)
    assert _kinds(g) == ["meeting"] * 3 + ["person"] * 4
    assert g.number_of_edges() == 8
    assert nx.is_bipartite(g)
    assert all(g.nodes[n]["kind"] != g.nodes[m]["kind"] for n, m in g.edges)


def test_meetings_are_ordered_by_date_not_by_table_order(small):
    g = nw.person_meeting_graph(small)
    order = {a["name"]: a["order"] for _, a in g.nodes(data=True) if a["kind"] == "meeting"}
    assert order == {"M-A": 0, "M-B": 1, "M-C": 2}


def test_alias_resolution_one_node_per_person(small):
    g = nw.person_meeting_graph(small)
    people = {n: a for n, a in g.nodes(data=True) if a["kind"] == "person"}
    # However the texts wrote the name, each alias leads to exactly one node
    # carrying the canonical name.
    for alias, person_id in small.aliases.itertuples(index=False):
        node = nw.node_id("person", person_id)
        assert node in people, alias
    assert people["person:p4"]["name"] == "Juan Pérez Cuatro"
    assert people["person:p4"]["names_as_written"] == "Juan Perez / Pérez"
    assert g.degree("person:p4") == 2


def test_institution_graph_follows_lineage(small):
    g = nw.institution_meeting_graph(small)
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


def test_counterpart_graph_weights(small):
    g = nw.counterpart_graph(small)
    assert g.number_of_nodes() == 4
    assert {frozenset(e) for e in g.edges} == {
        frozenset({"institution:us-a", "institution:mx-c"}),
        frozenset({"institution:us-a", "institution:mx-old"}),
        frozenset({"institution:us-b", "institution:mx-old"}),
    }
    assert g.edges["institution:us-a", "institution:mx-old"]["weight"] == 2
    assert g.edges["institution:us-a", "institution:mx-old"]["meetings"] == "M-A;M-B"
    assert all(g.nodes[u]["country"] != g.nodes[v]["country"] for u, v in g.edges)


def test_co_attendance_projection(small):
    g = nw.co_attendance_graph(small)
    assert g.number_of_nodes() == 4
    assert g.number_of_edges() == 6
    assert g.edges["person:p1", "person:p4"]["weight"] == 2
    assert g.edges["person:p2", "person:p3"]["meetings"] == "M-C"
    assert _kinds(g) == ["person"] * 4


def test_measures_on_fixture(small):
    size = nw.delegation_size(small).set_index(["meeting_id", "country"])
    assert size.loc[("M-A", "MX"), "people"] == 2
    assert size.loc[("M-C", "US"), "institutions"] == 0
    parity = nw.parity(small).set_index(["meeting_id", "sector"])
    assert parity.loc[("M-A", "defence"), "status"] == "MX only"
    assert parity.loc[("M-B", "prosecution and justice"), "status"] == "both"
    recurring = nw.recurring_people(small)
    assert list(recurring["person_id"]) == ["p3", "p4", "p1", "p2"]
    inst = nw.recurring_institutions(small)
    assert inst.set_index("institution").loc["NAO", "as_named"] == "OAO -> NAO"
    coverage = nw.coverage(small).set_index(["meeting_id", "country"])
    assert coverage.loc[("M-B", "MX"), "greeted"] == 1
    assert coverage.loc[("M-B", "MX"), "share_in_delegation_list"] == 0
    assert coverage["total"].sum() == len(small.participants)


def test_duplicate_reports_of_one_participation_count_once(small):
    extra = small.participants.iloc[[0]].assign(basis="spoke", doc_id="other-doc")
    small.participants = pd.concat([small.participants, extra], ignore_index=True)
    g = nw.person_meeting_graph(small)
    assert g.number_of_edges() == 8
    assert g.edges["person:p1", "meeting:M-A"]["basis"] == "listed"


def test_new_meeting_flows_through(small):
    small.meetings = pd.concat([small.meetings, pd.DataFrame({
        "meeting_id": ["M-D"], "date": pd.to_datetime(["2024-01-01"]), "forum": ["F4"],
        "host_country": ["US"], "city": ["d"]})], ignore_index=True)
    new = small.participants.iloc[[0]].assign(meeting_id="M-D", doc_id="m-d")
    small.participants = pd.concat([small.participants, new], ignore_index=True)
    g = nw.person_meeting_graph(small)
    assert g.nodes["meeting:M-D"]["order"] == 3
    assert g.degree("person:p1") == 3


def test_centrality_is_deterministic_and_complete(small):
    g = nw.person_meeting_graph(small)
    first, second = nw.centrality(g), nw.centrality(g)
    pd.testing.assert_frame_equal(first, second)
    assert len(first) == g.number_of_nodes()
    assert first["betweenness"].between(0, 1).all()


def test_layouts_are_deterministic(small):
    for build in (nw.person_meeting_graph, nw.institution_meeting_graph, nw.co_attendance_graph):
        assert nw.spring_layout(build(small), seed=7) == nw.spring_layout(build(small), seed=7)
        assert nw.timeline_layout(build(small)) == nw.timeline_layout(build(small))
    g = nw.counterpart_graph(small)
    assert nw.two_column_layout(g) == nw.two_column_layout(nw.counterpart_graph(small))


def test_spring_layout_does_not_depend_on_insertion_order(small):
    g = nw.co_attendance_graph(small)
    reversed_graph = nx.Graph()
    reversed_graph.add_nodes_from(reversed(list(g.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(g.edges(data=True))))
    assert nw.spring_layout(g, seed=3) == nw.spring_layout(reversed_graph, seed=3)


def test_timeline_layout_structure_and_no_label_overlap(small):
    g = nw.person_meeting_graph(small)
    pos = nw.timeline_layout(g, label_width=0.9)
    assert set(pos) == set(g.nodes)
    for node, attrs in g.nodes(data=True):
        x, y = pos[node]
        if attrs["kind"] == "meeting":
            assert (x, y) == (attrs["order"], 0.0)
        else:
            assert (y > 0) == (attrs["country"] == "US") and y != 0
    placed = [(x, y) for n, (x, y) in pos.items() if g.nodes[n]["kind"] != "meeting"]
    for i, (x1, y1) in enumerate(placed):
        for x2, y2 in placed[i + 1:]:
            assert y1 != y2 or abs(x1 - x2) >= 0.9


def _timeline_graph():
    """Three meetings; people at one meeting each, and one at two."""
    g = nx.Graph()
    for order, meeting in enumerate(["m1", "m2", "m3"]):
        g.add_node(meeting, kind="meeting", order=order, name=meeting)
    for person, country, attended in [("us-long", "US", ["m1"]), ("us-short", "US", ["m2"]),
                                      ("mx-a", "MX", ["m1"]), ("mx-b", "MX", ["m3"]),
                                      ("mx-both", "MX", ["m1", "m2"])]:
        g.add_node(person, kind="person", country=country, name=person)
        g.add_edges_from((person, meeting) for meeting in attended)
    widths = {"m1": 0.5, "m2": 0.5, "m3": 0.5, "us-long": 2.0, "us-short": 0.3,
              "mx-a": 1.0, "mx-b": 0.4, "mx-both": 0.6}
    return g, widths


def _assert_no_label_overlap(graph, pos, widths):
    placed = [(pos[n][0], pos[n][0] + widths[n], pos[n][1]) for n, a in graph.nodes(data=True)
              if a["kind"] != "meeting"]
    for i, (start, end, row) in enumerate(placed):
        for other_start, other_end, other_row in placed[i + 1:]:
            assert row != other_row or end <= other_start or other_end <= start


def test_timeline_columns_make_room_for_the_longest_label_of_each_meeting():
    g, widths = _timeline_graph()
    columns = nw.timeline_columns(g, widths, gap=0.1)
    # m1's column is as wide as 'us-long'; 'mx-both' (two meetings) belongs to no column.
    assert columns == pytest.approx({"m1": 0.0, "m2": 2.1, "m3": 2.7})
    pos = nw.timeline_layout(g, meeting_x=columns, label_widths=widths)
    for node, attrs in g.nodes(data=True):
        linked = list(g.neighbors(node))
        if attrs["kind"] == "person" and len(linked) == 1:
            later = [x for x in columns.values() if x > columns[linked[0]]]
            assert pos[node][0] == columns[linked[0]]
            assert all(pos[node][0] + widths[node] < x for x in later)
    assert pos["mx-both"][0] == pytest.approx((0.0 + 2.1) / 2)
    _assert_no_label_overlap(g, pos, widths)


def test_fit_timeline_shrinks_labels_only_when_the_columns_do_not_fit():
    g, widths = _timeline_graph()
    scale, pos = nw.fit_timeline(g, widths, available=10.0, gap=0.1)
    assert scale == 1.0
    assert pos == nw.timeline_layout(g, meeting_x=nw.timeline_columns(g, widths, 0.1), label_widths=widths)
    # The columns need 2.0 + 0.5 + 0.5 plus two gaps of 0.1 = 3.2: half of it fits in 1.6.
    scale, pos = nw.fit_timeline(g, widths, available=1.6, gap=0.1)
    assert scale == pytest.approx(0.5)
    scaled = {n: w * scale for n, w in widths.items()}
    assert max(pos[n][0] + scaled[n] for n in g.nodes) <= 1.6 + 1e-9
    _assert_no_label_overlap(g, pos, scaled)


def test_two_column_layout_puts_countries_apart(small):
    g = nw.counterpart_graph(small)
    pos = nw.two_column_layout(g, left="US")
    assert {pos[n][0] for n, a in g.nodes(data=True) if a["country"] == "US"} == {0.0}
    assert {pos[n][0] for n, a in g.nodes(data=True) if a["country"] == "MX"} == {1.0}


def test_every_node_has_kind_and_name_and_plain_attributes(small):
    for build in nw.GRAPHS.values():
        g = nw.exportable(build(small))
        for _, attrs in g.nodes(data=True):
            assert attrs["kind"] in {"person", "meeting", "institution"}
            assert attrs["name"]
        for _, attrs in list(g.nodes(data=True)) + [(None, d) for *_, d in g.edges(data=True)]:
            assert all(type(v) in (str, int, float) for v in attrs.values()), attrs


def test_exportable_unifies_mixed_number_types():
    g = nx.Graph()
    g.add_node("a", size=1, note=None, flag=True)
    g.add_node("b", size=2.5, note="x")
    out = nw.exportable(g)
    assert out.nodes["a"]["size"] == 1.0 and isinstance(out.nodes["a"]["size"], float)
    assert out.nodes["a"]["note"] == "" and out.nodes["a"]["flag"] == 1


def _check_exports(ds, out_dir):
    manifest = nw.write_exports(ds, out_dir)
    assert list(manifest["graph"]) == list(nw.GRAPHS)
    for row in manifest.itertuples():
        graph = nw.GRAPHS[row.graph](ds)
        assert (row.nodes, row.edges) == (graph.number_of_nodes(), graph.number_of_edges())
        back = nx.read_graphml(out_dir / row.graphml)
        assert (back.number_of_nodes(), back.number_of_edges()) == (row.nodes, row.edges)
        assert set(back.nodes) == set(graph.nodes)
        gexf = nx.read_gexf(out_dir / row.gexf)
        assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (row.nodes, row.edges)
        assert len(pd.read_csv(out_dir / row.nodes_csv)) == row.nodes
        assert len(pd.read_csv(out_dir / row.edges_csv)) == row.edges
        assert "lastmodifieddate" not in (out_dir / row.gexf).read_text(encoding="utf-8")
    return manifest


def test_exports_round_trip_on_fixture(small, tmp_path):
    _check_exports(small, tmp_path)
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    nw.write_exports(small, tmp_path)
    assert first == {p.name: p.read_bytes() for p in tmp_path.iterdir()}, "exports differ between runs"


def test_short_label():
    assert nw.short_label("Secretariat of the Navy", "SEMAR") == "SEMAR"
    assert nw.short_label("Short Name", None) == "Short Name"
    assert nw.short_label("Office of the Legal Counsel to the President", "") == "Off. of Legal Counsel to Pres."
    assert nw.short_label("Technical Secretariat of the National Security Council", "") == "Tech. Secr. of Nat. Sec. Council"
    assert nw.short_label("A Very Long Name Of Some Body That Keeps Going On", "") == "AVLNOSBTKGO"


def test_every_sector_of_the_vocabulary_has_a_family_and_colour(ds):
    from helpers.schema import resources
    fields = {f["name"]: f for f in resources(ds.package)["agencies"]["schema"]["fields"]}
    vocabulary = fields["sector"].get("constraints", {}).get("enum") or sorted(set(ds.agencies["sector"].dropna()))
    assert set(vocabulary) <= set(nw.SECTOR_FAMILIES)
    assert set(nw.SECTOR_FAMILIES.values()) | {"other"} == set(nw.FAMILY_COLOURS)
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
        assert g.degree(nw.node_id("person", person_id)) == ds.participants.query("person_id == @person_id")["meeting_id"].nunique()


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
    assert all({g.nodes[u]["country"], g.nodes[v]["country"]} == {"US", "MX"} for u, v in g.edges)
    assert max(w for *_, w in g.edges(data="weight")) <= len(ds.meetings)


def test_real_coverage_adds_up(ds):
    table = nw.coverage(ds)
    assert table["total"].sum() == len(ds.participants.drop_duplicates(["meeting_id", "person_id"]))
    assert set(table["meeting_id"]) == set(ds.meetings["meeting_id"])


def test_real_exports_round_trip(ds, tmp_path):
    _check_exports(ds, tmp_path)


def test_tie_opacity_stays_within_range_however_many_meetings():
    assert nw.tie_alpha(1, 4) == pytest.approx(0.34) and nw.tie_alpha(4, 4) == pytest.approx(1.0)
    assert all(0 < nw.tie_alpha(w, 9) <= 1 for w in range(1, 10))
    assert nw.tie_alpha(2, 2) < 1  # a corpus whose ties are all weak draws none opaque
