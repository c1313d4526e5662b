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

The tables the networks chapter prints and the numbers it quotes
(``*_facts``, dicts glued with :func:`helpers.book.glue_all` under the
prefix ``net_``) are in :mod:`helpers.network_report`, built from the
graphs and measures here.
"""

from __future__ import annotations

import functools
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
# Results kept for the tables they were computed from
# --------------------------------------------------------------------------


def _tables_of(ds) -> tuple:
    """Every table of ``ds``, by name: those it loaded and any a caller set on it (a test's dataset)."""
    found = dict(vars(ds).get("tables") or {})
    found.update((name, value) for name, value in vars(ds).items() if isinstance(value, pd.DataFrame))
    return tuple(sorted(found.items(), key=lambda item: item[0]))


def kept_for_its_tables(compute):
    """Keep the last result of ``compute(ds)`` for the tables of ``ds`` it was computed from; hand out copies.

    A chapter asks for the same graph or table several times. The tables
    are known by identity and kept with the result (so that no other table
    can take an identity's place); a dataset's tables are replaced, never
    changed in place, so a replaced or added table, or a dataset with other
    tables, computes again. The result is a DataFrame or a graph, and the
    caller gets a copy it may change.
    """
    last: list = []

    @functools.wraps(compute)
    def kept(ds):
        tables = _tables_of(ds)
        same = bool(last) and len(last[0]) == len(tables)
        same = same and all(a[0] == b[0] and a[1] is b[1] for a, b in zip(last[0], tables, strict=True))
        if not same:
            last[:] = [tables, compute(ds)]
        return last[1].copy()

    return kept


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


@kept_for_its_tables
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


@kept_for_its_tables
def participations(ds) -> pd.DataFrame:
    """Participants joined to people, agencies, lineages and meetings (:func:`_participations`).

    A chapter asks for them some thirty times (every graph and most tables
    start from them), so the result is kept for the dataset's tables
    (:func:`kept_for_its_tables`) and handed out as a copy.
    """
    return _participations(ds)


def _participations(ds) -> pd.DataFrame:
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
    # One pass over the participations in (person, meeting order): the last row of a person is the latest.
    latest, meetings, names = {}, {}, {}
    for row in parts.sort_values(["person_id", "order"], kind="stable").itertuples(index=False):
        latest[row.person_id] = row
        meetings.setdefault(row.person_id, set()).add(row.meeting_id)
        names.setdefault(row.person_id, set()).add(cell_text(row.name_as_written))
    return {
        person_id: dict(
            kind=PERSON,
            name=cell_text(row.person_name),
            label=cell_text(row.person_name),
            bipartite=1,
            country=cell_text(row.person_country),
            sector=cell_text(row.sector),
            institution=cell_text(row.institution),
            level=cell_text(row.level),
            meetings=len(meetings[person_id]),
            names_as_written=" / ".join(sorted(names[person_id])),
        )
        for person_id, row in latest.items()
    }


@kept_for_its_tables
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


@kept_for_its_tables
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


@kept_for_its_tables
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
# How the texts name each delegation (the measure the genre tables and the conclusions read)
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


@kept_for_its_tables
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
    named = set(zip(table["meeting_id"], table["country"], strict=True))
    missing = [
        {"meeting_id": m, "country": c, "naming": NOBODY, "people": 0, "genres": all_genres.get(m, "")}
        for m in meetings.index
        for c in BILATERAL
        if (m, c) not in named
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
