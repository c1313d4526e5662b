"""The frameworks the meetings worked under and what each meeting agreed or launched.

Reads ``data/frameworks.csv`` (each framework and its pillars, goals or
phases, with a verbatim quote), ``data/meeting_frameworks.csv`` (which
framework each meeting's text names) and ``data/outcomes.csv`` (what each
meeting agreed, launched, committed to or announced, with a verbatim quote)
for the background chapter. Nothing here knows which frameworks or meetings
exist.
"""

from __future__ import annotations

import pandas as pd

#: The kinds of outcome, in the order the chapter counts them ("none": the texts record no outcome).
KINDS = ["agreement", "launch", "commitment", "announcement"]
#: What a meeting whose texts name no framework shows in the meeting table.
NO_FRAMEWORK = "none named in its texts"


def _join(items: list[str]) -> str:
    items = list(items)
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _number_word(n: int) -> str:
    return {
        0: "no",
        1: "one",
        2: "two",
        3: "three",
        4: "four",
        5: "five",
        6: "six",
        7: "seven",
        8: "eight",
        9: "nine",
        10: "ten",
    }.get(int(n), str(int(n)))


def components(frameworks: pd.DataFrame) -> pd.DataFrame:
    """The pillars, goals and phases (component > 0), with the framework's own label as ``framework``."""
    names = frameworks[frameworks["component"] == 0].set_index("framework_id")["label"]
    parts = frameworks[frameworks["component"] > 0]
    return parts.assign(framework=parts["framework_id"].map(names)).sort_values(
        ["framework_id", "component"], kind="stable"
    )


def _source(row, documents: pd.DataFrame, link) -> object:
    if pd.notna(row.doc_id) and row.doc_id is not None:
        return f"{row.doc_id} ({documents.loc[row.doc_id, 'genre']})"
    return link(f'{row.source_publisher}, "{row.source_title}" (reference notes)', row.source_url)


def framework_table(frameworks: pd.DataFrame, documents: pd.DataFrame, order: list[str], link) -> pd.DataFrame:
    """Each framework (in ``order``) then its components, with the verbatim evidence and its source.

    ``documents`` is indexed by ``doc_id``; ``link(text, url)`` renders a
    reference page with its address (``helpers.tables.link``).
    """
    rank = {framework_id: i for i, framework_id in enumerate(order)}
    frame = frameworks.assign(rank=frameworks["framework_id"].map(rank)).sort_values(
        ["rank", "component"], kind="stable"
    )
    rows = []
    for row in frame.itertuples():
        # Pillars and goals are numbered as their source numbers them; a phase names itself ("Phase II").
        numbered = row.component > 0 and row.kind != "phase"
        part = f"{row.kind.capitalize()} {row.component}: {row.label}" if numbered else row.label
        rows.append(
            {
                "framework": row.label if row.component == 0 else "",
                "framework or component": part if row.component else "(the framework)",
                "evidence (verbatim)": f'"{row.quote}"',
                "source": _source(row, documents, link),
            }
        )
    return pd.DataFrame(rows, columns=["framework", "framework or component", "evidence (verbatim)", "source"])


def framework_order(meeting_frameworks: pd.DataFrame, meetings: pd.DataFrame, frameworks: pd.DataFrame) -> list[str]:
    """Framework ids by the date of the first meeting whose text names them (frameworks named by none last)."""
    dated = meeting_frameworks.merge(meetings[["meeting_id", "date"]], on="meeting_id")
    first = dated.groupby("framework_id")["date"].min().sort_values(kind="stable")
    rest = [f for f in dict.fromkeys(frameworks["framework_id"]) if f not in first.index]
    return list(first.index) + rest


def meeting_table(meetings: pd.DataFrame, meeting_frameworks: pd.DataFrame, frameworks: pd.DataFrame) -> pd.DataFrame:
    """Every meeting in date order with the frameworks its texts name and the evidence (or none named)."""
    names = frameworks[frameworks["component"] == 0].set_index("framework_id")["label"]
    ordered = meetings.sort_values(["date", "meeting_id"], kind="stable")
    rows = []
    for meeting in ordered.itertuples():
        links = meeting_frameworks[meeting_frameworks["meeting_id"] == meeting.meeting_id]
        if links.empty:
            rows.append([meeting.meeting_id, f"{meeting.date:%Y-%m-%d}", NO_FRAMEWORK, "", ""])
        for link in links.itertuples():
            rows.append(
                [
                    meeting.meeting_id,
                    f"{meeting.date:%Y-%m-%d}",
                    names[link.framework_id],
                    f'"{link.quote}"',
                    link.doc_id,
                ]
            )
    return pd.DataFrame(rows, columns=["meeting", "date", "framework", "evidence (verbatim)", "text"])


def framework_facts(
    meetings: pd.DataFrame, meeting_frameworks: pd.DataFrame, frameworks: pd.DataFrame, series_names: dict | None = None
) -> dict:
    """The numbers the frameworks section quotes.

    Meetings whose texts name a framework or none (with the list of the
    latter and, from ``series_names`` (series_id -> name), the series they
    belong to), and per framework (key: its id with dashes as underscores):
    ``n_<key>`` meetings under it and ``<key>_meetings`` listing them, and for
    each kind of component the count in words (``<key>_<kind>s``) and the
    labels (``<key>_<kind>_labels``, in the source's order).
    """
    named = set(meeting_frameworks["meeting_id"])
    ordered = meetings.sort_values(["date", "meeting_id"], kind="stable")
    none = ordered[~ordered["meeting_id"].isin(named)]
    series = list(dict.fromkeys(none["series_id"]))
    out = {
        "n_frameworks": int((frameworks["component"] == 0).sum()),
        "n_meetings": len(meetings),
        "n_named": len(named & set(meetings["meeting_id"])),
        "n_none": len(none),
        "none_list": _join(none["meeting_id"]),
        "none_series": _join([(series_names or {}).get(s, s) for s in series]),
    }
    rank = {m: i for i, m in enumerate(ordered["meeting_id"])}
    for framework_id in dict.fromkeys(frameworks["framework_id"]):
        key = framework_id.replace("-", "_")
        ids = sorted(
            meeting_frameworks.loc[meeting_frameworks["framework_id"] == framework_id, "meeting_id"], key=rank.get
        )
        out[f"n_{key}"] = len(ids)
        out[f"{key}_meetings"] = _join(ids)
        parts = frameworks[(frameworks["framework_id"] == framework_id) & (frameworks["component"] > 0)]
        for kind, group in parts.sort_values("component").groupby("kind", sort=False):
            out[f"{key}_{kind}s"] = _number_word(len(group))
            out[f"{key}_{kind}_labels"] = "; ".join(group["label"])
    return out


def outcomes(ds) -> pd.DataFrame:
    """Every outcome with its meeting's date and its text's genre, in meeting order."""
    frame = ds.outcomes.merge(ds.meetings[["meeting_id", "date"]], on="meeting_id").merge(
        ds.documents[["doc_id", "genre"]], on="doc_id"
    )
    return frame.sort_values(["date", "meeting_id", "outcome_id"], kind="stable").reset_index(drop=True)


def outcome_table(outcomes: pd.DataFrame) -> pd.DataFrame:
    """The outcomes as the chapter prints them: meeting, kind, what, the verbatim evidence and its text."""
    table = outcomes.assign(
        quote='"' + outcomes["quote"] + '"', kind=outcomes["kind"].replace({"none": "no outcome recorded"})
    )
    table = table[["meeting_id", "kind", "what", "quote", "doc_id"]]
    table.columns = ["meeting", "kind", "what", "evidence (verbatim)", "text"]
    return table


def genre_table(outcomes: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per genre of text: the texts of that genre, the outcomes they record by kind, and the total.

    Every genre of ``documents`` has a row, also one that records none.
    """
    real = outcomes[outcomes["kind"] != "none"]
    counts = pd.crosstab(real["genre"], real["kind"]).reindex(columns=KINDS, fill_value=0)
    texts = documents.groupby("genre").size().rename("texts")
    table = counts.reindex(texts.index, fill_value=0).join(texts)
    table["outcomes"] = table[KINDS].sum(axis=1)
    table = table.sort_values(["outcomes", "texts"], ascending=False, kind="stable").reset_index()
    return table[["genre", "texts", *KINDS, "outcomes"]]


def outcome_facts(outcomes: pd.DataFrame, documents: pd.DataFrame) -> dict:
    """The numbers the outcomes section quotes.

    Outcomes by kind (``n_<kind>``), the meetings that record one and those
    that record none (their list and the genres of their texts), the meeting
    with most outcomes, the launches, and the share recorded by the genre that
    records most (``top_genre``, ``top_genre_share``).
    """
    real = outcomes[outcomes["kind"] != "none"]
    none = outcomes.loc[outcomes["kind"] == "none", "meeting_id"].drop_duplicates().tolist()
    per_meeting = real.groupby("meeting_id", sort=False).size()
    top = per_meeting.idxmax()
    by_genre = real.groupby("genre").size().sort_values(ascending=False, kind="stable")
    none_docs = outcomes.loc[outcomes["kind"] == "none", "doc_id"].unique()
    none_genres = sorted(documents.set_index("doc_id").loc[none_docs, "genre"].unique())
    launches = real[real["kind"] == "launch"]
    return {
        "n_outcomes": len(real),
        **{f"n_{kind}": int((real["kind"] == kind).sum()) for kind in KINDS},
        "n_meetings_with": int(per_meeting.size),
        "n_meetings_none": len(none),
        "none_list": _join(none),
        "none_genres": _join([f"{g}s" for g in none_genres]),
        "top_meeting": top,
        "top_meeting_n": int(per_meeting.max()),
        "launches": _join([f"{w} ({m})" for w, m in zip(launches["what"], launches["meeting_id"], strict=True)]),
        "top_genre": f"{by_genre.index[0]}s",
        "top_genre_n": int(by_genre.iloc[0]),
        "top_genre_share": float(100 * by_genre.iloc[0] / len(real)),
    }
