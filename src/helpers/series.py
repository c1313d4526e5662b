"""The dialogue series the meetings belong to (``data/dialogue_series.csv``).

One row per meeting of each series, whether the corpus has a text of it or
not, each dated by a quoted source page. The background chapter reads it
through these functions; nothing here knows which series exist.
"""

from __future__ import annotations

import pandas as pd

#: The columns the series timeline draws (exported with the figure).
TIMELINE_COLUMNS = ["event_id", "series_id", "series_name", "series_number", "date", "city", "host_country",
                    "meeting_id", "covered"]


def events(ds) -> pd.DataFrame:
    """Every meeting of every series, in date order, with ``covered`` (the corpus has a text of it)."""
    frame = ds.dialogue_series.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    return frame.assign(covered=frame["meeting_id"].notna())


def summary(events: pd.DataFrame) -> pd.DataFrame:
    """One row per series, by its first meeting: name, first and last date, meetings and those covered."""
    return (events.groupby("series_id", sort=False)
            .agg(name=("series_name", "first"), first=("date", "min"), last=("date", "max"),
                 meetings=("event_id", "size"), covered=("covered", "sum"))
            .sort_values("first", kind="stable"))


def month(events: pd.DataFrame, series_id: str, rank: int) -> str:
    """The month of the ``rank``-th meeting of a series (1 = first), as "Month Year"."""
    dates = events.loc[events["series_id"] == series_id, "date"].sort_values()
    return f"{dates.iloc[rank - 1]:%B %Y}"


def _label(row) -> str:
    number = f" no. {int(row.series_number)}" if pd.notna(row.series_number) else ""
    return f"{row.series_name}{number} ({row.date:%B %Y}, {row.city})"


def facts(events: pd.DataFrame) -> dict:
    """The numbers the background chapter quotes: meetings, series, coverage, the missing ones, the gaps."""
    missing = events[~events["covered"]]
    covered_dates = events.loc[events["covered"], "date"].sort_values()
    gaps = covered_dates.diff().dropna().dt.days / 365.25
    inaugural = events[events["series_number"] == 1]
    return {
        "n_events": len(events), "n_series": events["series_id"].nunique(),
        "n_covered": int(events["covered"].sum()), "n_missing": len(missing),
        "first": f"{events['date'].min():%B %Y}", "last": f"{events['date'].max():%B %Y}",
        "n_mx_hosted": int((events["host_country"] == "MX").sum()),
        "missing_list": "; ".join(_label(row) for row in missing.itertuples()),
        "n_inaugural": len(inaugural), "n_inaugural_missing": int((~inaugural["covered"]).sum()),
        "gap_min": float(gaps.min()), "gap_max": float(gaps.max()),
    }


def source_table(events: pd.DataFrame, link) -> pd.DataFrame:
    """Every meeting with the page that dates it, as the background chapter prints it.

    ``link(text, url)`` renders the source with its address (``helpers.tables.link``).
    """
    table = events.assign(
        rank=events["series_number"].map(lambda n: "" if pd.isna(n) else str(int(n))),
        date=events["date"].dt.strftime("%Y-%m-%d"),
        corpus=events["meeting_id"].fillna("not covered"),
        source=[link(f"{p}, \"{t}\"", u) for p, t, u in
                zip(events["source_publisher"], events["source_title"], events["source_url"], strict=True)],
    )[["series_name", "rank", "date", "city", "corpus", "source"]]
    table.columns = ["series", "no.", "date", "city", "corpus meeting", "source (publisher, title, address)"]
    return table
