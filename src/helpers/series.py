"""The dialogue series the meetings belong to (``data/dialogue_series.csv``).

One row per meeting of each series, whether the corpus has a text of it or
not, each dated by a quoted source page. The background chapter reads it
through these functions; nothing here knows which series exist.
"""

from __future__ import annotations

import pandas as pd

from . import escape

#: The columns the series timeline draws (exported with the figure).
TIMELINE_COLUMNS = [
    "event_id",
    "series_id",
    "series_name",
    "series_number",
    "date",
    "city",
    "host_country",
    "meeting_id",
    "covered",
]


def events(ds) -> pd.DataFrame:
    """Every meeting of every series, in date order, with ``covered`` (the corpus has a text of it)."""
    frame = ds.dialogue_series.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    return frame.assign(covered=frame["meeting_id"].notna())


def summary(events: pd.DataFrame) -> pd.DataFrame:
    """One row per series, by its first meeting: name, first and last date, meetings and those covered."""
    return (
        events.groupby("series_id", sort=False)
        .agg(
            name=("series_name", "first"),
            first=("date", "min"),
            last=("date", "max"),
            meetings=("event_id", "size"),
            covered=("covered", "sum"),
        )
        .sort_values("first", kind="stable")
    )


def day(date) -> str:
    """A date as the prose writes it: "5 December 2019"."""
    return f"{date.day} {date:%B %Y}"


def _label(row) -> str:
    number = f" no. {int(row.series_number)}" if pd.notna(row.series_number) else ""
    return f"{row.series_name}{number} ({row.date:%B %Y}, {row.city})"


def _join(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _meeting(row) -> str:
    """One meeting of a series as the overview lists it: month, city, rank, and the corpus meeting or none."""
    rank = f"no. {int(row.series_number)}, " if pd.notna(row.series_number) else ""
    corpus = row.meeting_id if row.covered else "no text in the corpus"
    return f"{row.date:%B %Y} in {row.city} ({rank}{corpus})"


def overview(events: pd.DataFrame) -> list[tuple[str, str]]:
    """One ``(series name, sentence)`` per series, by first meeting: how many meetings, when, where, covered."""
    out = []
    for series_id, row in summary(events).iterrows():
        part = events[events["series_id"] == series_id]
        count = _count(len(part))
        out.append((row["name"], f"{count}, {_join([_meeting(r) for r in part.itertuples()])}."))
    return out


def overview_markdown(events: pd.DataFrame) -> str:
    """:func:`overview` as a Markdown list, every value printed as text."""
    return "\n".join(f"- **{escape.myst(name)}**: {escape.myst(text)}" for name, text in overview(events)) + "\n"


def coverage(events: pd.DataFrame) -> list[tuple[str, str]]:
    """Per series: which of its meetings the corpus has a text of and which it has not (``(name, sentence)``).

    A series whose meetings are all dated by the corpus texts themselves
    (``reference_id`` 'doc:...') says so: meetings without a text would not
    be listed. A numbered series whose first listed meeting is not no. 1
    says how many earlier meetings are not listed.
    """
    out = []
    for series_id, row in summary(events).iterrows():
        part = events[events["series_id"] == series_id]
        have = [f"{r.meeting_id} ({r.date:%B %Y})" for r in part[part["covered"]].itertuples()]
        miss = [f"{r.date:%B %Y}" for r in part[~part["covered"]].itertuples()]
        if not miss:
            text = f"the corpus has a text of every listed meeting: {_join(have)}"
        elif not have:
            text = f"the corpus has no text of its meetings ({_join(miss)})"
        else:
            text = f"the corpus has {_join(have)}; it has no text of the meeting of {_join(miss)}"
        earlier = part["series_number"].min()
        if pd.notna(earlier) and earlier > 1:
            text += f"; the {_ordinals(int(earlier) - 1)} meetings of the series are not listed"
        if part["reference_id"].str.startswith("doc:").all():
            text += (
                "; these meetings are dated only by the corpus texts, so a meeting of the series without a text "
                "would not be listed"
            )
        out.append((row["name"], text + "."))
    return out


def _ordinals(n: int) -> str:
    """ "first", "first two", "first three", ..."""
    return "first" if n == 1 else f"first {({2: 'two', 3: 'three', 4: 'four'}).get(n, str(n))}"


def coverage_markdown(events: pd.DataFrame) -> str:
    """:func:`coverage` as a Markdown list, every value printed as text."""
    return "\n".join(f"- **{escape.myst(name)}**: {escape.myst(text)}" for name, text in coverage(events)) + "\n"


def month(events: pd.DataFrame, series_id: str, rank: int) -> str:
    """The month of the ``rank``-th meeting of a series (1 = first), as "Month Year"."""
    dates = events.loc[events["series_id"] == series_id, "date"].sort_values()
    return f"{dates.iloc[rank - 1]:%B %Y}"


def gap_facts(events: pd.DataFrame, meetings: pd.DataFrame) -> dict:
    """The intervals between consecutive meetings of the corpus, and how they fall by U.S. administration.

    ``by_administration`` counts the corpus meetings under each U.S.
    administration (from ``meetings.us_administration``), in date order;
    ``last_admin_max_months`` is the longest interval between two
    consecutive meetings of the last one, ``gap_max`` (years) the longest of
    all, between ``gap_max_from`` and ``gap_max_to``, and ``gap_min_days``
    the shortest. ``n_same_series`` intervals join two meetings of one series.
    """
    covered = (
        events[events["covered"]]
        .merge(meetings[["meeting_id", "us_administration"]], on="meeting_id")
        .sort_values(["date", "meeting_id"], kind="stable")
        .reset_index(drop=True)
    )
    gaps = covered["date"].diff().iloc[1:]
    widest = int(gaps.idxmax())
    admins = covered.groupby("us_administration", sort=False).agg(
        n=("meeting_id", "size"), first=("date", "min"), last=("date", "max")
    )
    parts = []
    for admin, row in admins.iterrows():
        years = f"{row['first']:%Y}" if row["first"].year == row["last"].year else f"{row['first']:%Y}-{row['last']:%Y}"
        parts.append(f"{_count(row['n'])} under {admin} ({years})")
    last = covered["us_administration"].iloc[-1]
    within = gaps[
        (covered["us_administration"].iloc[1:] == last) & (covered["us_administration"].shift().iloc[1:] == last)
    ]
    same = covered["series_id"].eq(covered["series_id"].shift()).iloc[1:]
    early = covered[covered["us_administration"] != last]
    return {
        "n_early": len(early),
        "n_early_series": int(early["series_id"].nunique()),
        "n_gaps": len(gaps),
        "gap_max": float(gaps.max().days / 365.25),
        "gap_min_days": int(gaps.min().days),
        "gap_max_from": covered.loc[widest - 1, "meeting_id"],
        "gap_max_to": covered.loc[widest, "meeting_id"],
        "by_administration": _join(parts),
        "last_admin": last,
        "n_last_admin": int(admins.loc[last, "n"]),
        "last_admin_max_months": float(within.max().days / 30.44) if len(within) else 0.0,
        "n_same_series": int(same.sum()),
    }


def _count(n: int) -> str:
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    return "one meeting" if int(n) == 1 else f"{words.get(int(n), int(n))} meetings"


def facts(events: pd.DataFrame, meetings: pd.DataFrame) -> dict:
    """The numbers the background chapter quotes: meetings, series, coverage, the missing ones, the gaps."""
    missing = events[~events["covered"]]
    inaugural = events[events["series_number"] == 1]
    return {
        "n_events": len(events),
        "n_series": events["series_id"].nunique(),
        "n_covered": int(events["covered"].sum()),
        "n_missing": len(missing),
        "first": f"{events['date'].min():%B %Y}",
        "last": f"{events['date'].max():%B %Y}",
        "n_mx_hosted": int((events["host_country"] == "MX").sum()),
        "missing_list": "; ".join(_label(row) for row in missing.itertuples()),
        "n_inaugural": len(inaugural),
        "n_inaugural_covered": int(inaugural["covered"].sum()),
        "inaugural_covered": _join([_label(r) for r in inaugural[inaugural["covered"]].itertuples()] or ["none"]),
        "inaugural_missing": _join([_label(r) for r in inaugural[~inaugural["covered"]].itertuples()] or ["none"]),
        **gap_facts(events, meetings),
    }


def barr_facts(
    events: pd.DataFrame,
    participants: pd.DataFrame,
    notes: str,
    *,
    person: str = "alejandro-gertz-manero",
    name: str = "Gertz Manero",
    series_id: str = "barr-followup",
) -> dict:
    """The talks after Attorney General Barr's visit: the visit, the follow-up, and whom the notes add.

    ``notes`` is the text of the reference notes (``data/reference/README.md``);
    ``quote`` is its first bullet line that names ``name`` and the year of
    the follow-up meeting (the covered meeting of ``series_id``), and
    ``named`` says whether the corpus lists ``person`` as a participant of
    that meeting.
    """
    part = events[events["series_id"] == series_id].sort_values("date", kind="stable")
    followup = part[part["covered"]].iloc[0]
    bullets = [line.strip()[2:] for line in notes.splitlines() if line.strip().startswith("- ")]
    quote = next(line for line in bullets if f"{followup['date']:%Y}" in line and name in line)
    people = participants.loc[participants["meeting_id"] == followup["meeting_id"], "person_id"]
    return {
        "visit": day(part.iloc[0]["date"]),
        "followup": day(followup["date"]),
        "followup_meeting": followup["meeting_id"],
        "quote": quote,
        "named": "names" if person in set(people) else "does not name",
    }


def reference_notes(ds) -> str:
    """The project's reference notes (``data/reference/README.md``, kept unchanged), as text."""
    return (ds.data_dir / "reference" / "README.md").read_text(encoding="utf-8")


def source_table(events: pd.DataFrame, link) -> pd.DataFrame:
    """Every meeting with the page that dates it, as the background chapter prints it.

    ``link(text, url)`` renders the source with its address (``helpers.tables.link``). A meeting dated by
    the corpus text that reports it (``reference_id`` 'doc:<doc_id>') names that text, which the corpus
    chapter lists with its address.
    """

    def source(row) -> object:
        if str(row.reference_id).startswith("doc:"):
            return f"corpus text {row.reference_id.removeprefix('doc:')}"
        return link(f'{row.source_publisher}, "{row.source_title}"', row.source_url)

    table = events.assign(
        rank=events["series_number"].map(lambda n: "" if pd.isna(n) else str(int(n))),
        date=events["date"].dt.strftime("%Y-%m-%d"),
        corpus=events["meeting_id"].fillna("not covered"),
        source=[source(row) for row in events.itertuples()],
    )[["series_name", "rank", "date", "city", "corpus", "source"]]
    table.columns = ["series", "no.", "date", "city", "corpus meeting", "dated by (publisher, title, address)"]
    return table
