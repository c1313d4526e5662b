"""Delegation networks: who sat at the table, for which institution, facing whom.

Every graph is built from the dataset's tables (``ds.participants``,
``ds.people``, ``ds.agencies``, ``ds.meetings``) and nothing else, so a new
meeting added to ``data/`` flows through with no code change.

Node identifiers carry their kind as a prefix (``person:<person_id>``,
``meeting:<meeting_id>``, ``institution:<lineage_id>``) so that ids of
different tables can never collide. Every node has the attributes ``kind``
(``person``, ``meeting`` or ``institution``), ``name`` (readable) and
``label`` (what a drawing or another tool shows: a person's name, an
institution's acronym or short name, a meeting's id and date), and people
and institutions also ``country`` and ``sector``.

* People are nodes once, keyed by ``person_id``: however a text spells a
  name (``name_as_written``), the node's ``name`` is the canonical one from
  ``ds.people``.
* Institutions are keyed by ``agencies.lineage_id``: a renamed or
  reorganised agency (PGR -> FGR, CISEN -> CNI) stays one node, whose
  ``name`` is that of the newest member of the lineage and whose ``names``
  attribute lists every name it had.

All attribute values are ``str``, ``int`` or ``float`` (never ``None``), so
that every graph can be written to GraphML and GEXF as it is
(:mod:`helpers.network_export`). The layouts of the figures are in
:mod:`helpers.network_layout`, the figures in :mod:`helpers.charts.networks`.

The last section shapes the tables the networks chapter prints and gathers
the numbers it quotes (``*_facts``, dicts glued with
:func:`helpers.book.glue_all` under the prefix ``net_``).
"""

from __future__ import annotations

import re
from itertools import combinations

import networkx as nx
import pandas as pd

from .agencies import lineages as agency_lineages
from .agencies import sectors_at
from .errata import title_corrections
from .text import cell_text
from .vocabulary import BASES

#: Levels of representation, from the most to the least senior.
LEVELS = ["head_of_state", "head_of_delegation", "cabinet", "agency_head", "deputy", "ambassador", "staff"]
#: How each basis is reported in the coverage measures.
BASIS_GROUPS = {
    "led": "named in the delegation",
    "listed": "named in the delegation",
    "hosted": "hosted or received",
    "spoke": "only speaking",
    "greeted": "only greeted",
}
#: Sector given to a participation whose agency is not recorded.
UNKNOWN = "unknown"
#: The two countries of the bilateral measures (counterparts, parity), in the order tables list them.
BILATERAL = ("US", "MX")
#: Order in which tables and figures list the countries: the two parties, then third countries (Canada).
COUNTRY_ORDER = {"US": 0, "MX": 1, "CA": 2}
#: How a text names a delegation, from the fullest to the thinnest (see :func:`delegation_naming`).
LIST, PRINCIPALS, SPEAKERS = "delegation list", "principals only", "speakers only"
#: A side of a bilateral meeting of which the texts name nobody.
NOBODY = "nobody named"
NAMINGS = [LIST, PRINCIPALS, SPEAKERS, NOBODY]

PERSON, MEETING, INSTITUTION = "person", "meeting", "institution"

#: Sector families used to colour the drawings: fifteen sectors cannot be told
#: apart by colour, eight families can (one Okabe-Ito colour each, in
#: :data:`helpers.charts.networks.FAMILY_COLOURS`). Any sector not listed here
#: is drawn as "other"; the tables keep the full sector.
SECTOR_FAMILIES = {
    "foreign affairs": "diplomacy",
    "embassy": "diplomacy",
    "interior": "interior and security",
    "public security": "interior and security",
    "homeland security": "interior and security",
    "prosecution and justice": "justice and law",
    "legal counsel": "justice and law",
    "defence": "defence and navy",
    "navy": "defence and navy",
    "intelligence": "intelligence",
    "financial intelligence": "finance",
    "tax and customs": "finance",
    "financial regulation": "finance",
    "drug policy": "drug policy",
    "public health": "public health",
    "presidency": "presidency",
}
#: The sector families in the order the figures list them (legend order),
#: then "other" for any sector not in :data:`SECTOR_FAMILIES`.
FAMILIES = [*dict.fromkeys(SECTOR_FAMILIES.values()), "other"]


def sector_family(sector: str) -> str:
    """The family of a sector (see :data:`SECTOR_FAMILIES`); ``"other"`` if unknown."""
    return SECTOR_FAMILIES.get(cell_text(sector), "other")


# --------------------------------------------------------------------------
# Identifiers and tidy inputs
# --------------------------------------------------------------------------


def node_id(kind: str, key: str) -> str:
    """Return the graph id of a ``person``, ``meeting`` or ``institution``."""
    if kind not in {PERSON, MEETING, INSTITUTION}:
        raise ValueError(f"unknown node kind {kind!r}")
    return f"{kind}:{key}"


def meeting_table(ds) -> pd.DataFrame:
    """Meetings in time order (date, then id), with an ``order`` column 0, 1, ...

    ``label`` is a short readable name: the meeting id, which already holds
    the forum and the year.
    """
    meetings = ds.meetings.sort_values(["date", "meeting_id"], kind="stable").reset_index(drop=True)
    meetings = meetings.assign(order=range(len(meetings)), label=meetings["meeting_id"].astype(str))
    return meetings


_ABBREVIATIONS = {
    "Embassy": "Emb.",
    "Office": "Off.",
    "President": "Pres.",
    "Republic": "Rep.",
    "Secretariat": "Secr.",
    "Technical": "Tech.",
    "National": "Nat.",
    "Security": "Sec.",
    "Department": "Dept.",
    "Administration": "Admin.",
    "Federal": "Fed.",
}


def short_label(name: str, acronym: str | None = None, limit: int = 24) -> str:
    """A compact label for an institution: its acronym, else a short form of its name.

    Names up to ``limit`` characters are kept; longer ones drop "the", turn
    "United States" into "U.S." and abbreviate common words (Embassy ->
    Emb., Office -> Off., ...); if that is still longer than ``limit + 8``
    characters, the initials of the capitalised words are used.

    >>> short_label("Secretariat of the Navy", "SEMAR")
    'SEMAR'
    >>> short_label("Embassy of Mexico in the United States")
    'Emb. of Mexico in U.S.'
    >>> short_label("Technical Secretariat of the National Security Council")
    'Tech. Secr. of Nat. Sec. Council'
    """
    acronym = cell_text(acronym)
    if acronym:
        return acronym
    name = cell_text(name)
    if len(name) <= limit:
        return name
    short = name.replace("United States", "U.S.")
    words = [_ABBREVIATIONS.get(w, w) for w in short.split() if w.lower() != "the"]
    short = " ".join(words)
    if len(short) <= limit + 8:
        return short
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())
    # One capital ("President-elect's transition team") makes no acronym: keep the shortened name.
    return initials if len(initials) > 1 else short


def institutions(ds) -> pd.DataFrame:
    """One row per institution lineage, named after its newest member.

    Columns: ``lineage_id``, ``name`` (English name of the newest member),
    ``name_es``, ``acronym``, ``label`` (acronym, or a short form of the
    name), ``country``, ``sector``, ``members`` (agency ids, oldest first,
    ';'-joined) and ``names`` (every acronym or name the lineage had,
    oldest first, ' / '-joined).

    The newest member is the one that no other member names as its
    predecessor; ties are broken by the later ``established`` year, then by
    ``agency_id``.
    """
    # Plain records rather than a pandas sort per lineage: this runs for
    # every graph a chapter builds.
    agencies = ds.agencies.to_dict("records")
    predecessors = {cell_text(a["predecessor_id"]) for a in agencies} - {""}
    lineage_of = agency_lineages(ds.agencies)
    lineages: dict[str, list[dict]] = {}
    for agency in agencies:
        lineages.setdefault(lineage_of[agency["agency_id"]], []).append(agency)

    def newest_first(agency: dict):
        year = pd.to_numeric(agency["established"], errors="coerce")
        return (agency["agency_id"] in predecessors, -(-1 if pd.isna(year) else year), agency["agency_id"])

    rows = []
    for lineage_id in sorted(lineages):
        group = sorted(lineages[lineage_id], key=newest_first)
        newest, oldest_first = group[0], group[::-1]
        names = [short_label(a["name_en"], a["acronym"]) for a in oldest_first]
        rows.append(
            {
                "lineage_id": lineage_id,
                "name": cell_text(newest["name_en"]),
                "name_es": cell_text(newest["name_es"]),
                "acronym": cell_text(newest["acronym"]),
                "label": short_label(newest["name_en"], newest["acronym"]),
                "country": cell_text(newest["country"]),
                "sector": cell_text(newest["sector"]) or UNKNOWN,
                "members": ";".join(a["agency_id"] for a in oldest_first),
                "names": " / ".join(dict.fromkeys(names)),
            }
        )
    return pd.DataFrame(
        rows, columns=["lineage_id", "name", "name_es", "acronym", "label", "country", "sector", "members", "names"]
    )


def optional_table(ds, name: str) -> pd.DataFrame | None:
    """``ds``'s table ``name``, or None when the dataset has no such table.

    A dataset that has the table but did not declare it in
    ``load_dataset(uses=...)`` still raises, so that a chapter cannot miss
    it silently; a constructed dataset without it (a test's) gets None.
    """
    try:
        return getattr(ds, name)
    except AttributeError:
        return None


def participations(ds) -> pd.DataFrame:
    """Participants joined to people, agencies, lineages and meetings.

    One row per person per meeting. Should a meeting report the same person
    twice (two texts of one meeting), the row with the strongest basis
    (:data:`BASES` order) and the most senior level is kept. Added columns:
    ``person_name`` (canonical), ``person_country``, ``agency_label`` (the
    institution as named at that meeting), ``lineage_id``, ``institution``
    (lineage label), ``sector`` (``"unknown"`` without an agency),
    ``sectors`` (a tuple: ``sector``, then any further remit the agency held
    on the day of the meeting, from ``data/agency_sectors.csv``, e.g. SEGOB's
    public security in 2017), ``basis_group``, ``date`` and ``order`` (the
    meeting's rank in time).
    """
    parts = ds.participants.copy()
    parts["_basis_rank"] = parts["basis"].map({b: i for i, b in enumerate(BASES)}).fillna(len(BASES))
    parts["_level_rank"] = parts["level"].map({lv: i for i, lv in enumerate(LEVELS)}).fillna(len(LEVELS))
    parts = parts.sort_values(
        ["meeting_id", "person_id", "_basis_rank", "_level_rank", "doc_id"], kind="stable"
    ).drop_duplicates(["meeting_id", "person_id"], keep="first")

    people = ds.people.set_index("person_id")
    parts["person_name"] = parts["person_id"].map(people["name"])
    parts["person_country"] = parts["person_id"].map(people["country"]).where(lambda s: s.notna(), parts["country"])

    agencies = ds.agencies.set_index("agency_id")
    inst = institutions(ds).set_index("lineage_id")
    labels = {
        a: short_label(row.name_en, row.acronym) for a, row in zip(agencies.index, agencies.itertuples(), strict=True)
    }
    parts["agency_label"] = [labels.get(cell_text(a), "") for a in parts["agency_id"]]
    parts["lineage_id"] = parts["agency_id"].map(agency_lineages(ds.agencies))
    parts["institution"] = parts["lineage_id"].map(inst["label"])
    parts["sector"] = parts["lineage_id"].map(inst["sector"]).fillna(UNKNOWN)
    parts["basis_group"] = parts["basis"].map(BASIS_GROUPS).fillna(parts["basis"])

    meetings = meeting_table(ds).set_index("meeting_id")
    parts["date"] = parts["meeting_id"].map(meetings["date"])
    parts["order"] = parts["meeting_id"].map(meetings["order"]).astype(int)
    own = agencies["sector"].map(cell_text)
    held = sectors_at(ds.agencies, optional_table(ds, "agency_sectors"), parts["agency_id"], parts["date"])
    parts["sectors"] = [
        (sector, *(h for h in held_then if h != own.get(cell_text(agency)) and h != sector))
        for sector, agency, held_then in zip(parts["sector"], parts["agency_id"], held, strict=True)
    ]
    parts = parts.sort_values(["order", "country", "_level_rank", "person_id"], kind="stable")
    return parts.drop(columns=["_basis_rank", "_level_rank"]).reset_index(drop=True)


# --------------------------------------------------------------------------
# Graphs
# --------------------------------------------------------------------------


def _add_meetings(graph: nx.Graph, ds) -> None:
    """Add every meeting, in time order; its ``label`` is its id and date ("HLCG-2010 (2010-03-23)")."""
    for m in meeting_table(ds).itertuples():
        date = m.date.date().isoformat() if pd.notna(m.date) else ""
        graph.add_node(
            node_id(MEETING, m.meeting_id),
            kind=MEETING,
            name=m.label,
            bipartite=0,
            date=date,
            year=int(m.date.year) if pd.notna(m.date) else 0,
            order=int(m.order),
            forum=cell_text(getattr(m, "forum", "")),
            host_country=cell_text(getattr(m, "host_country", "")),
            city=cell_text(getattr(m, "city", "")),
            country="",
            sector="",
            label=f"{m.label} ({date})" if date else m.label,
        )


def _person_attributes(parts: pd.DataFrame) -> dict[str, dict]:
    """Attributes of each person node: country, latest institution and sector, meetings."""
    attributes = {}
    for person_id, group in parts.groupby("person_id", sort=True):
        latest = group.sort_values("order", kind="stable").iloc[-1]
        attributes[person_id] = dict(
            kind=PERSON,
            name=cell_text(latest["person_name"]),
            label=cell_text(latest["person_name"]),
            bipartite=1,
            country=cell_text(latest["person_country"]),
            sector=cell_text(latest["sector"]),
            institution=cell_text(latest["institution"]),
            level=cell_text(latest["level"]),
            meetings=int(group["meeting_id"].nunique()),
            names_as_written=" / ".join(sorted(set(group["name_as_written"].map(cell_text)))),
        )
    return attributes


def person_meeting_graph(ds) -> nx.Graph:
    """Bipartite graph of people and the meetings they took part in.

    Meetings come first, in time order, then people by ``person_id``. An
    edge ``person - meeting`` carries the participation: ``basis``,
    ``level``, ``institution`` (lineage label), ``agency`` (the institution
    as named then), ``sector``, ``title`` (as written), ``title_corrected``
    and ``erratum_id`` (where an erratum of ``data/errata.csv`` corrects the
    title, :func:`helpers.errata.title_corrections`; else empty) and
    ``doc_id``.
    """
    parts = participations(ds)
    errata = optional_table(ds, "errata")
    fixes = (
        {}
        if errata is None
        else {
            (f["meeting_id"], f["person_id"], f["doc_id"]): f
            for f in title_corrections(ds.participants, errata).to_dict("records")
        }
    )
    graph = nx.Graph(name="person_meeting")
    _add_meetings(graph, ds)
    for person_id, attrs in _person_attributes(parts).items():
        graph.add_node(node_id(PERSON, person_id), **attrs)
    for row in parts.sort_values(["person_id", "order"], kind="stable").itertuples():
        graph.add_edge(
            node_id(PERSON, row.person_id),
            node_id(MEETING, row.meeting_id),
            basis=cell_text(row.basis),
            level=cell_text(row.level),
            institution=cell_text(row.institution),
            agency=cell_text(row.agency_label),
            sector=cell_text(row.sector),
            title=cell_text(row.title_as_written),
            title_corrected=fixes.get((row.meeting_id, row.person_id, row.doc_id), {}).get("title_corrected", ""),
            erratum_id=fixes.get((row.meeting_id, row.person_id, row.doc_id), {}).get("erratum_id", ""),
            doc_id=cell_text(row.doc_id),
            weight=1,
        )
    return graph


def institution_meeting_graph(ds) -> nx.Graph:
    """Bipartite graph of institutions (lineage-merged) and meetings.

    An edge carries ``weight`` (people of the institution at the meeting),
    ``people`` (their ids), ``agency`` (the name the institution had then,
    e.g. PGR in 2010 and FGR in 2020 on one lineage node), ``sectors`` (the
    sectors its people represented then, "; "-joined: the institution's own,
    then any further remit it held that day), ``level`` (the most senior
    level present) and ``basis`` (the strongest basis present).
    Participants without a recorded agency are left out of this graph.
    """
    parts = participations(ds)
    parts = parts[parts["lineage_id"].notna()]
    graph = nx.Graph(name="institution_meeting")
    _add_meetings(graph, ds)
    meetings_attended = parts.groupby("lineage_id")["meeting_id"].nunique()
    for inst in institutions(ds).itertuples():
        if inst.lineage_id not in meetings_attended.index:
            continue
        graph.add_node(
            node_id(INSTITUTION, inst.lineage_id),
            kind=INSTITUTION,
            name=inst.name,
            label=inst.label,
            bipartite=1,
            country=inst.country,
            sector=inst.sector,
            names=inst.names,
            members=inst.members,
            meetings=int(meetings_attended[inst.lineage_id]),
        )
    level_rank = {lv: i for i, lv in enumerate(LEVELS)}
    basis_rank = {b: i for i, b in enumerate(BASES)}
    # One pass over the rows (a pandas group-by per edge is slow on large corpora).
    ties: dict[tuple[str, str], list] = {}
    columns = ["lineage_id", "meeting_id", "person_id", "agency_label", "level", "basis", "sectors"]
    for row in parts[columns].itertuples(index=False):
        ties.setdefault((row.lineage_id, row.meeting_id), []).append(row)
    for (lineage_id, meeting_id), rows in sorted(ties.items()):
        graph.add_edge(
            node_id(INSTITUTION, lineage_id),
            node_id(MEETING, meeting_id),
            weight=len(rows),
            people=";".join(sorted(r.person_id for r in rows)),
            agency=" / ".join(sorted({r.agency_label for r in rows})),
            sectors="; ".join(dict.fromkeys(s for r in rows for s in r.sectors)),
            level=min((cell_text(r.level) for r in rows), key=lambda lv: level_rank.get(lv, len(LEVELS))),
            basis=min((cell_text(r.basis) for r in rows), key=lambda b: basis_rank.get(b, len(BASES))),
        )
    return graph


def counterpart_graph(ds, countries: tuple[str, str] = BILATERAL) -> nx.Graph:
    """U.S. institutions linked to Mexican institutions met at the same meetings.

    Nodes are the institutions of :func:`institution_meeting_graph` of the
    two ``countries`` (a third country's, such as Canada's at the Trilateral
    Fentanyl Committee, are left out: the network is bilateral); an edge
    joins an institution of one country to an institution of the other with
    ``weight`` = the number of meetings both attended and ``meetings`` = their
    ids in time order. Institutions of the same country are never linked.
    """
    bipartite = institution_meeting_graph(ds)
    graph = nx.Graph(name="counterpart")
    for node, attrs in bipartite.nodes(data=True):
        if attrs["kind"] == INSTITUTION and attrs["country"] in countries:
            graph.add_node(node, **attrs)
    for meeting, attrs in bipartite.nodes(data=True):
        if attrs["kind"] != MEETING:
            continue
        present = sorted(n for n in bipartite.neighbors(meeting) if n in graph)
        for a, b in combinations(present, 2):
            if graph.nodes[a]["country"] == graph.nodes[b]["country"]:
                continue
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += 1
                graph.edges[a, b]["meetings"] += ";" + attrs["name"]
            else:
                graph.add_edge(a, b, weight=1, meetings=attrs["name"])
    return graph


def co_attendance_graph(ds) -> nx.Graph:
    """One-mode projection of :func:`person_meeting_graph` onto people.

    Two people are linked when they attended at least one meeting together
    (either delegation); ``weight`` is the number of such meetings and
    ``meetings`` their ids in time order.
    """
    bipartite = person_meeting_graph(ds)
    graph = nx.Graph(name="co_attendance")
    for node, attrs in bipartite.nodes(data=True):
        if attrs["kind"] == PERSON:
            graph.add_node(node, **attrs)
    meetings = sorted(
        (n for n, a in bipartite.nodes(data=True) if a["kind"] == MEETING), key=lambda n: bipartite.nodes[n]["order"]
    )
    for meeting in meetings:
        present = sorted(bipartite.neighbors(meeting))
        for a, b in combinations(present, 2):
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += 1
                graph.edges[a, b]["meetings"] += ";" + bipartite.nodes[meeting]["name"]
            else:
                graph.add_edge(a, b, weight=1, meetings=bipartite.nodes[meeting]["name"])
    return graph


#: The graphs exported by :func:`helpers.network_export.write_exports`, by file name.
GRAPHS = {
    "person_meeting": person_meeting_graph,
    "institution_meeting": institution_meeting_graph,
    "counterpart": counterpart_graph,
    "co_attendance": co_attendance_graph,
}


# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------


def by_sector(parts: pd.DataFrame) -> pd.DataFrame:
    """``parts`` (:func:`participations`) with one row per participation and sector held (``sector``).

    A participation whose agency held a further remit that day (SEGOB's
    public security from 2013 to 2018) gives a row for each sector.
    """
    return parts.drop(columns="sector").rename(columns={"sectors": "sector"}).explode("sector").reset_index(drop=True)


def delegation_size(ds) -> pd.DataFrame:
    """People, institutions and sectors of each delegation (meeting x country), countries in :data:`COUNTRY_ORDER`.

    Institutions and sectors count lineages with at least one named person
    (a sector also when the institution held its remit that day); people
    without a recorded agency count as people only.
    """
    parts = participations(ds).assign(_c=lambda t: t["country"].map(COUNTRY_ORDER))
    known = by_sector(parts[parts["lineage_id"].notna()])
    keys = ["order", "meeting_id", "_c", "country"]
    size = parts.groupby(keys, sort=True).agg(people=("person_id", "nunique"))
    size["institutions"] = known.groupby(keys)["lineage_id"].nunique()
    size["sectors"] = known.groupby(keys)["sector"].nunique()
    size = size.fillna(0).astype(int).reset_index().drop(columns=["order", "_c"])
    return size


def composition(ds) -> pd.DataFrame:
    """People per meeting, country and sector (long form, zero rows omitted).

    A person counts for every sector their institution held on the day
    (:func:`by_sector`), so the people of one delegation may add up to more
    than its size.
    """
    parts = by_sector(participations(ds))
    table = (
        parts.groupby(["order", "meeting_id", "country", "sector"], sort=True)
        .agg(people=("person_id", "nunique"), institutions=("lineage_id", "nunique"))
        .reset_index()
        .drop(columns="order")
    )
    return table


def representation(ds) -> pd.DataFrame:
    """People per meeting, country and level of representation (wide, levels in rank order)."""
    parts = participations(ds)
    table = parts.pivot_table(
        index=["order", "meeting_id", "country"], columns="level", values="person_id", aggfunc="nunique", fill_value=0
    )
    levels = [lv for lv in LEVELS if lv in table.columns] + [c for c in table.columns if c not in LEVELS]
    table = table[levels].reset_index().drop(columns="order")
    table.columns.name = None
    return table


def recurring_people(ds, minimum: int = 2) -> pd.DataFrame:
    """People who attended at least ``minimum`` meetings, most meetings first."""
    parts = participations(ds)
    rows = []
    for person_id, group in parts.groupby("person_id", sort=True):
        group = group.sort_values("order", kind="stable")
        if group["meeting_id"].nunique() < minimum:
            continue
        rows.append(
            {
                "person_id": person_id,
                "name": group["person_name"].iloc[-1],
                "country": group["country"].iloc[-1],
                "meetings": int(group["meeting_id"].nunique()),
                "meeting_ids": ", ".join(group["meeting_id"]),
                "institutions": " -> ".join(dict.fromkeys(group["agency_label"].replace("", UNKNOWN))),
                "levels": " -> ".join(dict.fromkeys(group["level"].map(cell_text))),
            }
        )
    frame = pd.DataFrame(
        rows, columns=["person_id", "name", "country", "meetings", "meeting_ids", "institutions", "levels"]
    )
    return frame.sort_values(["meetings", "country", "name"], ascending=[False, True, True], kind="stable").reset_index(
        drop=True
    )


def continuity(ds) -> pd.DataFrame:
    """Institution x meeting presence, lineage-merged (long form).

    One row per institution lineage and meeting it attended: ``label`` (the
    lineage's current label), ``as_named`` (what the institution was called
    at that meeting), ``people``, ``sectors`` (held that day, "; "-joined),
    ``basis`` (strongest), ``sector``,
    ``country``, ``meetings`` (how many meetings the lineage attended in
    all) and ``order`` (the meeting's rank in time).
    """
    graph = institution_meeting_graph(ds)
    rows = []
    for inst, meeting, data in graph.edges(data=True):
        if graph.nodes[inst]["kind"] != INSTITUTION:
            inst, meeting = meeting, inst
        node = graph.nodes[inst]
        rows.append(
            {
                "lineage_id": inst.split(":", 1)[1],
                "label": node["label"],
                "country": node["country"],
                "sector": node["sector"],
                "meetings": node["meetings"],
                "meeting_id": graph.nodes[meeting]["name"],
                "order": graph.nodes[meeting]["order"],
                "as_named": data["agency"],
                "people": data["weight"],
                "sectors": data["sectors"],
                "basis": data["basis"],
                "level": data["level"],
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["country", "sector", "label", "order"], kind="stable").reset_index(drop=True)


def recurring_institutions(ds, minimum: int = 2) -> pd.DataFrame:
    """Institution lineages present at ``minimum`` meetings or more, with the names they had."""
    frame = continuity(ds)
    rows = []
    for _, group in frame.groupby("lineage_id", sort=True):
        group = group.sort_values("order", kind="stable")
        if len(group) < minimum:
            continue
        rows.append(
            {
                "institution": group["label"].iloc[0],
                "country": group["country"].iloc[0],
                "sector": group["sector"].iloc[0],
                "meetings": int(len(group)),
                "meeting_ids": ", ".join(group["meeting_id"]),
                "as_named": " -> ".join(dict.fromkeys(group["as_named"])),
                "people": int(group["people"].sum()),
            }
        )
    out = pd.DataFrame(
        rows, columns=["institution", "country", "sector", "meetings", "meeting_ids", "as_named", "people"]
    )
    return out.sort_values(
        ["meetings", "country", "institution"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def centrality(graph: nx.Graph, weight: str | None = None) -> pd.DataFrame:
    """Degree, weighted degree and betweenness of every node, most central first.

    Betweenness is exact and normalised (``networkx.betweenness_centrality``
    with ``k=None``), so the result is deterministic. ``weight`` is used for
    the weighted degree only; betweenness treats edges as unweighted, since
    a higher weight means a *stronger* tie, not a longer path.
    """
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    rows = [
        {
            "node": node,
            "kind": attrs.get("kind", ""),
            "name": attrs.get("name", ""),
            "country": attrs.get("country", ""),
            "degree": int(graph.degree(node)),
            "weighted_degree": float(graph.degree(node, weight=weight)) if weight else float(graph.degree(node)),
            "betweenness": round(float(betweenness[node]), 6),
        }
        for node, attrs in graph.nodes(data=True)
    ]
    frame = pd.DataFrame(rows)
    return frame.sort_values(
        ["betweenness", "degree", "node"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def parity(ds, countries: tuple[str, str] = BILATERAL) -> pd.DataFrame:
    """Sectors each delegation brought to each meeting, and those without a counterpart.

    One row per meeting and sector present on either side: people of each
    country in that sector and ``status`` = ``both``, ``<A> only`` or
    ``<B> only``. Participations without a recorded agency, and those of any
    third country (Canada), are left out: parity is bilateral.
    """
    a, b = countries
    table = composition(ds)
    table = table[(table["sector"] != UNKNOWN) & table["country"].isin(countries)]
    wide = table.pivot_table(
        index=["meeting_id", "sector"], columns="country", values="people", aggfunc="sum", fill_value=0
    )
    for country in countries:
        if country not in wide.columns:
            wide[country] = 0
    wide = wide[[a, b]].reset_index()
    wide.columns.name = None
    wide["status"] = [
        "both" if x and y else (f"{a} only" if x else f"{b} only") for x, y in zip(wide[a], wide[b], strict=True)
    ]
    order = meeting_table(ds).set_index("meeting_id")["order"]
    wide["_order"] = wide["meeting_id"].map(order)
    return wide.sort_values(["_order", "sector"], kind="stable").drop(columns="_order").reset_index(drop=True)


def coverage(ds) -> pd.DataFrame:
    """How each meeting's participants are known: counts by basis and country (wide).

    Columns are the bases in :data:`BASES` order, then ``total`` and
    ``share_in_delegation_list`` (per cent named as led or listed).
    """
    parts = participations(ds)
    table = parts.pivot_table(
        index=["order", "meeting_id", "country"], columns="basis", values="person_id", aggfunc="nunique", fill_value=0
    )
    for basis in BASES:
        if basis not in table.columns:
            table[basis] = 0
    table = table[BASES + [c for c in table.columns if c not in BASES]]
    table["total"] = table.sum(axis=1)
    table["share_in_delegation_list"] = (100 * (table["led"] + table["listed"]) / table["total"]).round(1)
    table = table.reset_index().drop(columns="order")
    table.columns.name = None
    return table


# --------------------------------------------------------------------------
# Genre: how each text names the people at the table
# --------------------------------------------------------------------------


def naming_of(bases) -> str:
    """How a set of bases names a delegation: a list, its principals only, or its speakers only.

    A delegation of which one person is ``listed`` has a :data:`LIST`; one
    known only through people who ``spoke`` or were ``greeted`` (and at most
    the person who led it) has :data:`SPEAKERS`; any other (people who led,
    hosted or met the other side) :data:`PRINCIPALS`.

    >>> naming_of(["led", "listed"]), naming_of(["led", "spoke", "greeted"]), naming_of(["hosted", "met"])
    ('delegation list', 'speakers only', 'principals only')
    """
    bases = set(bases)
    if "listed" in bases:
        return LIST
    if bases & {"spoke", "greeted"} and not bases & {"hosted", "met"}:
        return SPEAKERS
    return PRINCIPALS


def delegation_naming(ds) -> pd.DataFrame:
    """How the texts name each delegation (meeting x country, in time order, countries in :data:`COUNTRY_ORDER`).

    Columns: ``meeting_id``, ``country``, ``naming`` (:func:`naming_of` over
    every text of the meeting), ``people``, ``genres`` (of the texts that
    name its people, ", "-joined; else of all the meeting's texts) and
    ``series_id`` of the meeting. A side of the two :data:`BILATERAL`
    countries of which no text names anyone is a row with :data:`NOBODY`.
    """
    rows = ds.participants.merge(ds.documents[["doc_id", "genre"]], on="doc_id", how="left")
    meetings = meeting_table(ds).set_index("meeting_id")
    table = (
        rows.groupby(["meeting_id", "country"])
        .agg(
            naming=("basis", naming_of),
            people=("person_id", "nunique"),
            genres=("genre", lambda g: ", ".join(sorted(set(g.dropna())))),
        )
        .reset_index()
    )
    all_genres = ds.documents.groupby("meeting_id")["genre"].agg(lambda g: ", ".join(sorted(set(g))))
    missing = [
        {"meeting_id": m, "country": c, "naming": NOBODY, "people": 0, "genres": all_genres.get(m, "")}
        for m in meetings.index
        for c in BILATERAL
        if not ((table["meeting_id"] == m) & (table["country"] == c)).any()
    ]
    table = pd.concat([table, pd.DataFrame(missing, columns=table.columns)], ignore_index=True)
    table["series_id"] = table["meeting_id"].map(meetings["series_id"]) if "series_id" in meetings else ""
    table["_o"] = table["meeting_id"].map(meetings["order"])
    table["_c"] = table["country"].map(COUNTRY_ORDER)
    return table.sort_values(["_o", "_c"], kind="stable").drop(columns=["_o", "_c"]).reset_index(drop=True)


def listed_meetings(ds, countries: tuple[str, str] = BILATERAL) -> list[str]:
    """The meetings, in time order, whose texts list the delegations of both ``countries`` (:data:`LIST`)."""
    naming = delegation_naming(ds)
    listed = naming[(naming["naming"] == LIST) & naming["country"].isin(countries)]
    both = listed.groupby("meeting_id")["country"].nunique()
    return [m for m in meeting_table(ds)["meeting_id"] if both.get(m, 0) == len(countries)]


def genre_table(ds) -> pd.DataFrame:
    """What each genre of text tells about the people at the table, one row per genre (most texts first).

    Columns: ``genre``, ``texts``, ``naming nobody`` (texts of the genre with
    no participant), ``with a delegation list`` (texts that list someone),
    ``people named`` (participant rows of the genre's texts), and how they
    are named: ``in a list or leading`` (listed, led), ``hosting or meeting``
    (hosted, met), ``speaking or greeted`` (spoke, greeted).
    """
    rows = ds.participants.merge(ds.documents[["doc_id", "genre"]], on="doc_id")
    groups = {
        "in a list or leading": {"listed", "led"},
        "hosting or meeting": {"hosted", "met"},
        "speaking or greeted": {"spoke", "greeted"},
    }
    table = []
    for genre, docs in ds.documents.groupby("genre", sort=True)["doc_id"]:
        mine = rows[rows["genre"] == genre]
        listing = mine[mine["basis"] == "listed"]["doc_id"].nunique()
        table.append(
            {
                "genre": genre,
                "texts": len(docs),
                "naming nobody": len(set(docs) - set(mine["doc_id"])),
                "with a delegation list": listing,
                "people named": len(mine),
                **{name: int(mine["basis"].isin(bases).sum()) for name, bases in groups.items()},
            }
        )
    frame = pd.DataFrame(table)
    return frame.sort_values(["texts", "genre"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _count(n: int, noun: str) -> str:
    """ "1 side", "2 sides", "no side" """
    return f"no {noun}" if n == 0 else f"{n} {noun}" + ("" if n == 1 else "s")


def _join(words) -> str:
    """ "a", "a and b", "a, b and c"; "none" for no words."""
    words = list(words)
    if not words:
        return "none"
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def genre_facts(genres: pd.DataFrame, naming: pd.DataFrame, listed: list[str], n_meetings: int) -> dict:
    """What the chapter says of the genres (:func:`genre_table`) and the naming of the delegations.

    ``naming`` is :func:`delegation_naming`, ``listed`` :func:`listed_meetings`.
    Keys: the texts, the genres with a delegation list in every text and in
    none (names joined by "and"), the texts that name nobody, the meetings
    with both delegations listed (count, ids and the genres of their
    texts), and the delegations named by principals only and by speakers
    only.
    """
    every = genres[genres["with a delegation list"] == genres["texts"]]["genre"]
    never = genres[genres["with a delegation list"] == 0]["genre"]
    partly = genres[(genres["with a delegation list"] > 0) & (genres["with a delegation list"] < genres["texts"])]
    partly = [
        f"{genre} ({n} of {texts})"
        for genre, n, texts in zip(partly["genre"], partly["with a delegation list"], partly["texts"], strict=True)
    ]
    return {
        "n_texts": int(genres["texts"].sum()),
        "n_texts_nobody": int(genres["naming nobody"].sum()),
        "n_texts_listing": int(genres["with a delegation list"].sum()),
        "genres_always_list": _join(every),
        "genres_never_list": _join(never),
        "genres_partly_list": _join(partly),
        "n_listed_meetings": len(listed),
        "listed_meetings": _join(listed),
        "listed_genres": _join(
            sorted(
                {
                    g
                    for genres in naming.loc[naming["meeting_id"].isin(listed), "genres"]
                    for g in genres.split(", ")
                    if g
                }
            )
        ),
        "n_unlisted_meetings": n_meetings - len(listed),
        "n_delegations": len(naming),
        "n_principals_only": int((naming["naming"] == PRINCIPALS).sum()),
        "n_speakers_only": int((naming["naming"] == SPEAKERS).sum()),
        "n_nobody_named": int((naming["naming"] == NOBODY).sum()),
        "nobody_named": _count(int((naming["naming"] == NOBODY).sum()), "side")
        + (
            " ("
            + _join(
                naming.loc[naming["naming"] == NOBODY, "meeting_id"]
                + " "
                + naming.loc[naming["naming"] == NOBODY, "country"]
            )
            + ")"
            if (naming["naming"] == NOBODY).any()
            else ""
        ),
        "n_list_delegations": int((naming["naming"] == LIST).sum()),
    }


#: The series whose meetings the chapter compares among themselves (fact key -> ``meetings.series_id``).
SERIES_COMPARED = {"hlsd": "hlsd", "visits": "security-visits", "bfi": "bf-implementation"}
#: How the comparison tables and sentences name the countries.
COUNTRY_NAMES = {"US": "U.S.", "MX": "Mexican", "CA": "Canadian"}


def series_sizes(naming: pd.DataFrame, series_id: str) -> str:
    """One phrase per meeting of ``series_id``: each bilateral side's people and how the texts name them.

    ``naming`` is :func:`delegation_naming`. For example "HLSD-2021: U.S. 6
    (delegation list), Mexican 1 (principals only)"; meetings are joined by
    "; " in time order, "none" if the series has no meeting.
    """
    rows = naming[(naming["series_id"] == series_id) & naming["country"].isin(BILATERAL)]
    phrases = []
    for meeting, group in rows.groupby("meeting_id", sort=False):
        sides = [f"{COUNTRY_NAMES[r.country]} {r.people} ({r.naming})" for r in group.itertuples()]
        phrases.append(f"{meeting}: " + ", ".join(sides))
    return "; ".join(phrases) or "none"


def size_table(ds) -> pd.DataFrame:
    """:func:`delegation_size` with how the texts name each delegation and their genres, as the chapter prints it.

    Columns: ``meeting id``, ``country``, ``named by`` (:func:`delegation_naming`),
    ``genre of the texts``, ``people``, ``institutions``, ``sectors``. A
    bilateral side of which the texts name nobody is a row of zeros.
    """
    naming = delegation_naming(ds)
    table = naming.merge(delegation_size(ds).drop(columns="people"), on=["meeting_id", "country"], how="left")
    table[["institutions", "sectors"]] = table[["institutions", "sectors"]].fillna(0).astype(int)
    return table.rename(columns={"meeting_id": "meeting id", "naming": "named by", "genres": "genre of the texts"})[
        ["meeting id", "country", "named by", "genre of the texts", "people", "institutions", "sectors"]
    ]


def naming_facts(naming: pd.DataFrame, levels: pd.DataFrame) -> dict:
    """Sizes and levels of the delegations compared within one way of naming them.

    ``naming`` is :func:`delegation_naming`, ``levels`` :func:`representation`.
    Keys: the largest and smallest delegation of those the texts list
    (people, "<meeting> <country>" labels), the people named per listed and
    per principals-only delegation (median), and the share at cabinet level
    or above (heads of state, heads of delegation, cabinet) among the people
    of listed and of principals-only delegations (per cent).
    """
    listed = naming[naming["naming"] == LIST]
    label = listed["meeting_id"] + " " + listed["country"]
    top = [lv for lv in ("head_of_state", "head_of_delegation", "cabinet") if lv in levels.columns]
    levels = levels.merge(naming[["meeting_id", "country", "naming"]], on=["meeting_id", "country"])
    every = [c for c in levels.columns if c in LEVELS or c not in ("meeting_id", "country", "naming")]

    def senior(kind: str) -> float:
        mine = levels[levels["naming"] == kind]
        total = mine[every].to_numpy().sum()
        return 100 * float(mine[top].to_numpy().sum()) / float(total) if total else float("nan")

    return {
        "max_listed": int(listed["people"].max()),
        "max_listed_label": label[listed["people"].idxmax()],
        "min_listed": int(listed["people"].min()),
        "min_listed_label": label[listed["people"].idxmin()],
        "median_listed": float(listed["people"].median()),
        "median_principals": float(naming.loc[naming["naming"] == PRINCIPALS, "people"].median()),
        "senior_listed_pct": senior(LIST),
        "senior_principals_pct": senior(PRINCIPALS),
    }


def remit_facts(ds) -> dict:
    """The further remits of ``data/agency_sectors.csv`` that count at a meeting, as the chapter states them.

    Keys: ``remits`` (e.g. "SEGOB held public security from January 2013 to
    November 2018", "; "-joined; "none") and ``remit_meetings`` (the
    meetings where an official of such an agency took part in the period,
    "and"-joined; "none").
    """
    periods = optional_table(ds, "agency_sectors")
    if periods is None or periods.empty:
        return {"remits": "none", "remit_meetings": "none"}
    labels = {
        a: short_label(n, c)
        for a, n, c in zip(ds.agencies["agency_id"], ds.agencies["name_en"], ds.agencies["acronym"], strict=True)
    }
    phrases = [
        f"{labels[p.agency_id]} held {p.sector} from {pd.Timestamp(p.valid_from):%B %Y} to "
        f"{pd.Timestamp(p.valid_to):%B %Y}"
        for p in periods.itertuples()
    ]
    parts = participations(ds)
    return {
        "remits": "; ".join(phrases),
        "remit_meetings": _join(dict.fromkeys(parts.loc[parts["sectors"].map(len) > 1, "meeting_id"])),
    }


def third_country_facts(parts: pd.DataFrame, countries: tuple[str, str] = BILATERAL) -> dict:
    """The participants of any country other than the two parties (Canada at the Trilateral Fentanyl Committee).

    ``parts`` is :func:`participations`. Keys: ``n_third_people``
    (participations), ``third_countries`` (names, "and"-joined; "none") and
    ``third_meetings`` (their meetings, "and"-joined; "none").
    """
    third = parts[~parts["country"].isin(countries)]
    names = {"CA": "Canada"}
    return {
        "n_third_people": len(third),
        "third_participations": _count(len(third), "participation"),
        "third_countries": _join(dict.fromkeys(names.get(c, c) for c in third["country"])),
        "third_meetings": _join(dict.fromkeys(third["meeting_id"])),
    }


# --------------------------------------------------------------------------
# The chapter's tables and quoted numbers
# --------------------------------------------------------------------------


def overview_facts(
    parts: pd.DataFrame,
    meetings: pd.DataFrame,
    people: pd.DataFrame,
    institutions: pd.DataFrame,
    co_attendance: nx.Graph,
) -> dict:
    """The counts the chapter opens with.

    ``parts`` is :func:`participations`, ``meetings`` :func:`meeting_table`,
    ``people`` and ``institutions`` :func:`recurring_people` and
    :func:`recurring_institutions`, ``co_attendance``
    :func:`co_attendance_graph`: meetings, people, participations,
    institutions (lineages), participations without an agency, recurring
    people and institutions (counts, and per cent of all; ``more_recurring``
    says which recur more, "institutions than by people" or the reverse), sector families,
    the separate groups of the co-attendance network, the meetings none of
    whose people attended another (ids joined by "and", "none"), the people
    at the most meetings (names, "and"-joined) and how many, and a sentence
    on the participations without a recorded institution.
    """
    n_people, n_institutions = parts["person_id"].nunique(), parts["lineage_id"].nunique()
    meetings_of = parts.groupby("person_id")["meeting_id"].nunique()
    shared = set(parts.loc[parts["person_id"].map(meetings_of) > 1, "meeting_id"])
    isolated = [m for m in meetings["meeting_id"] if m in set(parts["meeting_id"]) and m not in shared]
    most = int(people["meetings"].max()) if len(people) else 0
    no_agency = int(parts["lineage_id"].isna().sum())
    return {
        "most_frequent": _join(sorted(people.loc[people["meetings"] == most, "name"])) if most else "none",
        "most_frequent_n": most,
        "agency_recorded": (
            "every participation has a recorded institution"
            if not no_agency
            else f"{_count(no_agency, 'participation')} {'has' if no_agency == 1 else 'have'} no recorded institution"
        ),
        "isolated_meetings": _join(isolated),
        "n_isolated_meetings": len(isolated),
        "n_meetings": len(meetings),
        "recurring_people_pct": 100 * len(people) / n_people if n_people else 0.0,
        "recurring_institutions_pct": 100 * len(institutions) / n_institutions if n_institutions else 0.0,
        "more_recurring": (
            "institutions than by people"
            if len(institutions) * n_people >= len(people) * n_institutions
            else "people than by institutions"
        ),
        "n_people": n_people,
        "n_participations": len(parts),
        "n_institutions": n_institutions,
        "n_no_agency": int(parts["lineage_id"].isna().sum()),
        "n_recurring_people": len(people),
        "n_recurring_institutions": len(institutions),
        "n_families": len(set(SECTOR_FAMILIES.values())),
        "n_coattendance_components": nx.number_connected_components(co_attendance),
    }


def size_facts(size: pd.DataFrame) -> dict:
    """The largest and the smallest delegation of :func:`delegation_size`, with their labels ("<meeting> <country>")."""
    label = size["meeting_id"] + " " + size["country"]
    return {
        "max_delegation": int(size["people"].max()),
        "max_delegation_label": label[size["people"].idxmax()],
        "min_delegation": int(size["people"].min()),
        "min_delegation_label": label[size["people"].idxmin()],
    }


def level_facts(levels: pd.DataFrame) -> dict:
    """Participations at cabinet level or above (heads of state, heads of delegation, cabinet) in ``levels``.

    ``levels`` is :func:`representation`.
    """
    top = [lv for lv in ("head_of_state", "head_of_delegation", "cabinet") if lv in levels.columns]
    return {"n_cabinet": int(levels[top].to_numpy().sum())}


def family_composition(ds) -> pd.DataFrame:
    """People per delegation and sector family (wide): what the composition figure draws.

    One row per meeting (in time order) and country (U.S., Mexico, then a
    third country), one column per sector family present, in
    :data:`FAMILIES` order, then ``naming`` (:func:`delegation_naming`). A
    person counts once in each family of the sectors their institution held
    that day. A bilateral side of which the texts name nobody is a row of
    zeros (naming :data:`NOBODY`).
    """
    parts = by_sector(participations(ds))
    parts["family"] = parts["sector"].map(sector_family)
    drawn = (
        parts.groupby(["meeting_id", "country", "family"], sort=False)["person_id"]
        .nunique()
        .unstack("family", fill_value=0)
    )
    families = [f for f in FAMILIES if f in drawn.columns]
    naming = delegation_naming(ds).set_index(["meeting_id", "country"])["naming"]
    table = drawn.reindex(naming.index, fill_value=0)[families].astype(int)
    table.columns.name = None
    return table.assign(naming=naming).reset_index()


def continuity_rows(ds) -> pd.DataFrame:
    """The institutions of :func:`continuity`, one row each, in the order the continuity figure lists them.

    U.S. institutions first, then Mexican ones, then a third country's; within a country by sector
    family (:data:`FAMILIES` order), then label. ``row_label`` is the label,
    followed by the lineage's first name when the institution was renamed
    (``"FGR (earlier PGR)"``). Columns: ``lineage_id``, ``label``,
    ``row_label``, ``country``, ``sector``, ``family`` and ``meetings`` (how
    many it attended).
    """
    presence = continuity(ds)
    rank = {f: i for i, f in enumerate(FAMILIES)}
    rows = (
        presence.assign(family=presence["sector"].map(sector_family))
        .drop_duplicates("lineage_id")
        .assign(_c=lambda t: t["country"].map(COUNTRY_ORDER), _f=lambda t: t["family"].map(rank))
        .sort_values(["_c", "_f", "label"], kind="stable")
    )
    names = institutions(ds).set_index("lineage_id")["names"]
    rows["row_label"] = [
        f"{label} (earlier {names[lineage].split(' / ')[0]})" if " / " in names[lineage] else label
        for label, lineage in zip(rows["label"], rows["lineage_id"], strict=True)
    ]
    return rows[["lineage_id", "label", "row_label", "country", "sector", "family", "meetings"]].reset_index(drop=True)


def continuity_grid(ds) -> pd.DataFrame:
    """:func:`continuity` with each institution's sector ``family``: what the continuity figure draws."""
    presence = continuity(ds)
    return presence.assign(family=presence["sector"].map(sector_family))


def continuity_facts(grid: pd.DataFrame, rows: pd.DataFrame, n_meetings: int) -> dict:
    """What the chapter says of :func:`continuity_grid` and :func:`continuity_rows` (``grid`` and ``rows``).

    Up to two renamed institutions as examples (``"none"`` if none was
    renamed), the most meetings an institution attended and which
    institutions did, the institutions present at all ``n_meetings``
    meetings and at one only, and the meeting with the most institutions
    seen at no other meeting, with their number and the institutions it
    had in all.
    """
    renamed = rows[rows["row_label"].str.contains("earlier")]
    single = grid[grid["meetings"] == 1].groupby("meeting_id").size()
    most = int(rows["meetings"].max()) if len(rows) else 0
    return {
        "most_meetings": most,
        "most_persistent": _join(sorted(rows.loc[rows["meetings"] == most, "label"])),
        "renamed_example": ", ".join(renamed["row_label"].head(2)) or "none",
        "n_all_meetings": int((rows["meetings"] == n_meetings).sum()),
        "n_single_institutions": int((rows["meetings"] == 1).sum()),
        "single_top_meeting": single.idxmax() if len(single) else "none",
        "single_top_n": int(single.max()) if len(single) else 0,
        "single_top_institutions": int((grid["meeting_id"] == single.idxmax()).sum()) if len(single) else 0,
    }


def counterpart_facts(graph: nx.Graph) -> dict:
    """Links of :func:`counterpart_graph`, the most meetings a pair shared, and the pairs that shared that many."""
    weights = [d["weight"] for *_, d in graph.edges(data=True)]
    strongest = max(weights, default=0)
    strong = sum(w == strongest for w in weights)
    return {
        "n_counterpart_edges": len(weights),
        "max_counterpart_weight": strongest,
        "n_counterpart_strong": strong,
        "strong_pairs": _count(strong, "pair"),
    }


def counterpart_pairs(graph: nx.Graph, minimum: int = 2) -> pd.DataFrame:
    """Pairs of :func:`counterpart_graph` that sat together at ``minimum`` meetings or more, strongest first.

    Columns: ``U.S. institution`` and ``Mexican institution`` (labels),
    ``weight`` (meetings together) and ``meetings`` (their ids).
    """
    rows = []
    for u, v, data in graph.edges(data=True):
        us, mx = (u, v) if graph.nodes[u]["country"] == "US" else (v, u)
        rows.append(
            {
                "U.S. institution": graph.nodes[us]["label"],
                "Mexican institution": graph.nodes[mx]["label"],
                "weight": data["weight"],
                "meetings": data["meetings"],
            }
        )
    columns = ["U.S. institution", "Mexican institution", "weight", "meetings"]
    pairs = pd.DataFrame(rows, columns=columns).sort_values(
        ["weight", "U.S. institution", "Mexican institution"], ascending=[False, True, True], kind="stable"
    )
    return pairs[pairs["weight"] >= minimum].reset_index(drop=True)


def parity_facts(table: pd.DataFrame, countries: tuple[str, str] = BILATERAL, prefix: str = "") -> dict:
    """Meeting-sector pairs of :func:`parity` (``table``) on both sides and on one side, and the most one-sided sectors.

    Keys: ``parity_both``, ``parity_<c>_only`` (``c`` a country, lower
    case), and for each country ``<c>_only_top`` (the sector, or sectors
    joined by "and", most often brought without a counterpart; ``"none"``)
    and ``<c>_only_n`` (at how many meetings), ``parity_both_pct`` (per cent
    of the pairs on both sides); each key starts with
    ``prefix`` (``"listed_"`` for the meetings whose texts list both sides).
    """
    counts = table["status"].value_counts()
    facts = {
        "parity_both": int(counts.get("both", 0)),
        "parity_both_pct": 100 * float(counts.get("both", 0)) / len(table) if len(table) else 0.0,
    }
    for country in countries:
        facts[f"parity_{country.lower()}_only"] = int(counts.get(f"{country} only", 0))
    one_sided = table[table["status"] != "both"].groupby(["status", "sector"]).size()
    for country in countries[::-1]:
        side = one_sided.get(f"{country} only", pd.Series(dtype=int))
        most = int(side.max()) if len(side) else 0
        facts[f"{country.lower()}_only_top"] = " and ".join(sorted(side[side == most].index)) if most else "none"
        facts[f"{country.lower()}_only_n"] = most
    return {prefix + key: value for key, value in facts.items()}


def parity_change(table: pd.DataFrame, listed: list[str], tolerance: float = 5.0) -> str:
    """Whether the share of sectors on both sides holds within the ``listed`` meetings: "holds" or "changes".

    ``table`` is :func:`parity`; the share "holds" when it differs from the
    share over all meetings by less than ``tolerance`` percentage points.
    """
    within = table[table["meeting_id"].isin(listed)]
    if within.empty or table.empty:
        return "changes"
    difference = 100 * abs((within["status"] == "both").mean() - (table["status"] == "both").mean())
    return "holds" if difference < tolerance else "changes"


def one_sided_unlisted(table: pd.DataFrame, naming: pd.DataFrame, countries: tuple[str, str] = BILATERAL) -> int:
    """How many one-sided pairs of :func:`parity` (``table``) face a side the texts do not list.

    ``naming`` is :func:`delegation_naming`: a sector "US only" at a
    meeting whose Mexican side is not a :data:`LIST` (or the reverse) counts.
    """
    named = naming.set_index(["meeting_id", "country"])["naming"]
    other = {f"{a} only": b for a, b in (countries, countries[::-1])}
    return int(
        sum(
            named.get((m, other[status]), NOBODY) != LIST
            for m, status in zip(table["meeting_id"], table["status"], strict=True)
            if status in other
        )
    )


def parity_summary(ds, countries: tuple[str, str] = BILATERAL) -> pd.DataFrame:
    """:func:`parity` as one row per meeting, in time order: the sectors on both sides and on one side only.

    Columns: ``meeting_id``, then for each country how its texts name its
    delegation (``<c> named by``, :func:`delegation_naming`), ``both`` and
    ``<c> only`` for each country. A sector "only" on one side means only
    that none of the other side's named people represented it: read against
    the other side's ``named by``.
    """
    statuses = ["both"] + [f"{country} only" for country in countries]
    summary = (
        parity(ds, countries)
        .groupby(["meeting_id", "status"], sort=False)["sector"]
        .agg(lambda s: ", ".join(s))
        .unstack("status")
        .reindex(index=meeting_table(ds)["meeting_id"], columns=statuses)
        .fillna("")
        .reset_index()
    )
    summary.columns.name = None
    naming = delegation_naming(ds).set_index(["meeting_id", "country"])["naming"]
    for position, country in enumerate(countries, start=1):
        summary.insert(
            position, f"{country} named by", [naming.get((m, country), NOBODY) for m in summary["meeting_id"]]
        )
    return summary


def centrality_facts(table: pd.DataFrame) -> dict:
    """People with a betweenness above zero in ``table``, the :func:`centrality` of the people-meeting graph.

    Also the most central person (``top_person``, "none" without people)
    and the meetings they attended (``top_person_degree``).
    """
    people = table[table["kind"] == PERSON]
    return {
        "n_bridging_people": int((people["betweenness"] > 0).sum()),
        "top_person": people["name"].iloc[0] if len(people) else "none",
        "top_person_degree": int(people["degree"].iloc[0]) if len(people) else 0,
    }


def centrality_table(people: nx.Graph, counterparts: nx.Graph, top: tuple[int, int] = (8, 6)) -> pd.DataFrame:
    """The most central nodes (:func:`centrality`) of the people-meeting and the counterpart networks.

    ``top`` gives how many nodes of ``people`` (:func:`person_meeting_graph`)
    and of ``counterparts`` (:func:`counterpart_graph`, degree weighted by
    the meetings a pair shared) are kept; the column ``network`` says which
    network a row belongs to. Betweenness is rounded to 3 decimals.
    """
    shown = pd.concat(
        [
            centrality(people).head(top[0]).assign(network="people-meetings"),
            centrality(counterparts, weight="weight").head(top[1]).assign(network="counterparts"),
        ]
    )
    shown["betweenness"] = shown["betweenness"].round(3)
    return shown[["network", "name", "kind", "country", "degree", "weighted_degree", "betweenness"]]


def coverage_facts(table: pd.DataFrame) -> dict:
    """Per cent of the participations named in a delegation list, overall and at the weakest meeting.

    ``table`` is :func:`coverage`; the keys are ``share_listed``,
    ``weakest_meeting``, ``weakest_share`` and ``n_meetings_no_list`` (meetings
    of which no participant is listed or leads).
    """
    totals = table[["led", "listed", "total"]].sum()
    per_meeting = table.groupby("meeting_id", sort=False)[["led", "listed", "total"]].sum()
    share = 100 * (per_meeting["led"] + per_meeting["listed"]) / per_meeting["total"]
    return {
        "n_meetings_no_list": int((share == 0).sum()),
        "share_listed": 100 * float(totals["led"] + totals["listed"]) / float(totals["total"]),
        "weakest_meeting": share.idxmin(),
        "weakest_share": float(share.min()),
    }


def coverage_table(ds) -> pd.DataFrame:
    """:func:`coverage` with, second, the genres of the texts each meeting's participants come from."""
    genres = (
        participations(ds)
        .merge(ds.documents[["doc_id", "genre"]], on="doc_id")
        .groupby("meeting_id")["genre"]
        .agg(lambda g: ", ".join(sorted(set(g))))
    )
    table = coverage(ds)
    table.insert(1, "genre of the text", table["meeting_id"].map(genres))
    return table


def label_table(ds) -> pd.DataFrame:
    """The institutions (:func:`institutions`) that took part, U.S. first, by label.

    Columns: ``label``, ``name``, ``names over time``, ``country``, ``sector``.
    """
    lineages = institutions(ds)
    legend = lineages[lineages["lineage_id"].isin(participations(ds)["lineage_id"])]
    legend = legend[["label", "name", "names", "country", "sector"]].sort_values(
        ["country", "label"], ascending=[False, True], kind="stable"
    )
    return legend.rename(columns={"names": "names over time"})


def chapter_facts(ds) -> dict:
    """Every number the networks chapter quotes, by name (the chapter glues them with the prefix ``net_``).

    The union of :func:`overview_facts`, :func:`size_facts`,
    :func:`level_facts`, :func:`genre_facts`, :func:`naming_facts`,
    :func:`series_sizes` (for each series of :data:`SERIES_COMPARED`),
    :func:`continuity_facts`, :func:`counterpart_facts`, :func:`parity_facts`
    (over all meetings, and with the prefix ``listed_`` over those whose
    texts list both delegations), :func:`third_country_facts`, :func:`remit_facts`,
    :func:`centrality_facts` and :func:`coverage_facts` on the dataset ``ds``.
    """
    meetings, parts, naming, levels = meeting_table(ds), participations(ds), delegation_naming(ds), representation(ds)
    overview = overview_facts(
        parts, meetings, recurring_people(ds), recurring_institutions(ds), co_attendance_graph(ds)
    )
    listed = listed_meetings(ds)
    sides = parity(ds)
    return {
        **overview,
        **size_facts(delegation_size(ds)),
        **level_facts(levels),
        **genre_facts(genre_table(ds), naming, listed, len(meetings)),
        **naming_facts(naming, levels),
        **{f"series_{key}": series_sizes(naming, series) for key, series in SERIES_COMPARED.items()},
        **continuity_facts(continuity_grid(ds), continuity_rows(ds), len(meetings)),
        **counterpart_facts(counterpart_graph(ds)),
        **parity_facts(sides),
        "one_sided_unlisted": one_sided_unlisted(sides, naming),
        "listed_parity_change": parity_change(sides, listed),
        **parity_facts(sides[sides["meeting_id"].isin(listed)], prefix="listed_"),
        **third_country_facts(parts),
        **remit_facts(ds),
        **centrality_facts(centrality(person_meeting_graph(ds))),
        **coverage_facts(coverage(ds)),
    }


def recurring_people_grid(parts: pd.DataFrame, minimum: int = 2) -> pd.DataFrame:
    """The participations of the people at ``minimum`` meetings or more, in drawing order.

    ``parts`` is :func:`participations`. One row per person and meeting, with
    ``row`` (U.S. people first, then Mexican, then others; within a country
    by first meeting, then name) for a people-by-meeting chart.
    """
    counts = parts.groupby("person_id")["meeting_id"].nunique()
    kept = parts[parts["person_id"].isin(counts[counts >= minimum].index)].copy()
    country_rank = {"US": 0, "MX": 1}
    first = kept.groupby("person_id")["order"].min()
    people = (
        kept.drop_duplicates("person_id")[["person_id", "person_name", "person_country"]]
        .assign(
            _country=lambda t: t["person_country"].map(country_rank).fillna(2),
            _first=lambda t: t["person_id"].map(first),
        )
        .sort_values(["_country", "_first", "person_name"], kind="stable")
        .reset_index(drop=True)
    )
    rows = {p: i for i, p in enumerate(people["person_id"])}
    return (
        kept.assign(row=kept["person_id"].map(rows))
        .sort_values(["row", "order"], kind="stable")[
            ["row", "person_id", "person_name", "person_country", "meeting_id", "order", "basis", "agency_label"]
        ]
        .reset_index(drop=True)
    )
