"""The networks chapter's tables and the numbers it quotes, from the dataset's delegations.

:mod:`helpers.networks` builds the graphs and the measures (participations,
delegation sizes, composition, continuity, parity, centrality, coverage,
how the texts name each delegation); each function here takes the dataset
``ds``, a graph or one of those tables, and returns either a dict of the
values a section of the chapter quotes (``*_facts``, glued with
:func:`helpers.book.glue_all` under the prefix ``net_``; :func:`chapter_facts`
gathers them all) or a table shaped for print (:func:`helpers.tables.show_table`)
or for a figure. The chapter's figures are drawn by :mod:`helpers.charts.networks`
from the same tables.

An analysis module: it imports :mod:`helpers.networks` (and pandas, networkx),
never drawing code (:mod:`helpers.figures`, :mod:`helpers.charts`, matplotlib).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from .networks import (
    BILATERAL,
    COUNTRY_ORDER,
    FAMILIES,
    LEVELS,
    LIST,
    NOBODY,
    PERSON,
    PRINCIPALS,
    SECTOR_FAMILIES,
    SPEAKERS,
    by_sector,
    centrality,
    co_attendance_graph,
    continuity,
    counterpart_graph,
    coverage,
    delegation_naming,
    delegation_size,
    institutions,
    listed_meetings,
    meeting_table,
    optional_table,
    parity,
    participations,
    person_meeting_graph,
    recurring_institutions,
    recurring_people,
    representation,
    sector_family,
    short_label,
)

# --------------------------------------------------------------------------
# Genre: how each text names the people at the table
# --------------------------------------------------------------------------


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
