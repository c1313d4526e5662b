"""Government bodies (``data/agencies.csv``): lineages, the glossary and remits that changed over time.

A body renamed or merged keeps its lineage (PGR -> FGR, CISEN -> CNI,
SSP -> SSPC), so that the analyses count it as one institution over time.
A body's remit may also change while it keeps its name: ``data/agency_sectors.csv``
records the periods in which an agency held a further sector (SEGOB held the
federal public-security remit from 2013 to 2018), and :func:`sectors_at` gives
the sectors an official represented on the day of a meeting.
"""

from __future__ import annotations

import pandas as pd

from .errors import DataError
from .text import cell_text

#: The glossary's columns and their headings.
GLOSSARY_COLUMNS = {"acronym": "acronym", "name_en": "name (English)", "name_es": "name (Spanish)", "sector": "sector"}


def glossary(agencies: pd.DataFrame) -> pd.DataFrame:
    """Every body by acronym, with its English and Spanish names; a renamed body names the one it replaced."""
    acronym_of = agencies.set_index("agency_id")["acronym"].fillna(agencies.set_index("agency_id")["name_en"])
    replaced = agencies["predecessor_id"].map(acronym_of)
    return agencies.assign(
        acronym=agencies["acronym"].fillna("—"),
        name_en=agencies["name_en"].where(replaced.isna(), agencies["name_en"] + " (replaced " + replaced + ")"),
        name_es=agencies["name_es"].fillna(""),
    ).sort_values(["acronym", "name_en"], kind="stable")


def lineages(agencies: pd.DataFrame) -> dict[str, str]:
    """Each agency's ``lineage_id``, or its own ``agency_id`` when it has none."""
    return {
        row["agency_id"]: cell_text(row["lineage_id"]) or row["agency_id"]
        for row in agencies[["agency_id", "lineage_id"]].to_dict("records")
    }


def as_of(agency_id: str, year: int | None, agencies: pd.DataFrame) -> str:
    """The member of ``agency_id``'s lineage that existed in ``year`` (PGR in 2017, FGR in 2023).

    Without a year (a text that dates nothing), the newest member: a readout added now is most
    likely recent.
    """
    if year is None:
        year = 9999
    lineage = agencies.loc[agencies["agency_id"] == agency_id, "lineage_id"]
    if lineage.empty:
        return agency_id
    members = agencies[agencies["lineage_id"] == lineage.iloc[0]]
    established = pd.to_numeric(members["established"], errors="coerce").fillna(0)
    existing = members[established <= year].assign(_year=established[established <= year])
    if existing.empty:
        return agency_id
    return existing.sort_values(["_year", "agency_id"], kind="stable").iloc[-1]["agency_id"]


#: Where a remit period may be sourced from the agencies table itself: its row's notes.
AGENCIES_SOURCE = "data/agencies.csv"
#: The columns of ``data/agency_sectors.csv`` that :func:`sectors_at` reads.
PERIOD_COLUMNS = ["agency_id", "sector", "valid_from", "valid_to"]


def check_sector_periods(periods: pd.DataFrame, agencies: pd.DataFrame, file: str = "agency_sectors.csv") -> None:
    """Check the remit periods of ``data/agency_sectors.csv`` against ``agencies``; raise :class:`DataError`.

    A period names a known agency and a sector other than the agency's own,
    ends no earlier than it starts, does not overlap another period of the
    same agency and sector, and starts no earlier than the year the agency
    was established. A row whose ``source`` is ``data/agencies.csv`` must
    quote the agency's notes there.
    """
    rows = agencies.set_index("agency_id")
    seen: dict[tuple[str, str], list[tuple]] = {}
    for row, period in enumerate(periods.to_dict("records"), start=1):
        agency = period["agency_id"]
        if agency not in rows.index:
            raise DataError(file, f"unknown agency {agency!r}: not in agencies.csv", row=row, field="agency_id")
        if period["sector"] == cell_text(rows.at[agency, "sector"]):
            raise DataError(
                file,
                f"{period['sector']!r} is already the sector of {agency} in agencies.csv: "
                "a period records a further remit",
                row=row,
                field="sector",
            )
        start, end = pd.Timestamp(period["valid_from"]), pd.Timestamp(period["valid_to"])
        if end < start:
            raise DataError(
                file, f"the period ends ({end.date()}) before it starts ({start.date()})", row=row, field="valid_to"
            )
        established = pd.to_numeric(rows.at[agency, "established"], errors="coerce")
        if pd.notna(established) and start.year < established:
            raise DataError(
                file,
                f"the period starts in {start.year}, before {agency} was established ({int(established)})",
                row=row,
                field="valid_from",
            )
        for other_row, other_start, other_end in seen.get((agency, period["sector"]), []):
            if start <= other_end and other_start <= end:
                raise DataError(
                    file,
                    f"the period overlaps that of row {other_row} for the same agency and sector",
                    row=row,
                    field="valid_from",
                )
        seen.setdefault((agency, period["sector"]), []).append((row, start, end))
        if cell_text(period["source"]) == AGENCIES_SOURCE and cell_text(period["quote"]) not in cell_text(
            rows.at[agency, "notes"]
        ):
            raise DataError(
                file, f"the quote is not found in the notes of {agency} in agencies.csv", row=row, field="quote"
            )


def sectors_at(agencies: pd.DataFrame, periods: pd.DataFrame | None, agency_ids, dates) -> list[tuple[str, ...]]:
    """The sectors each agency held on each date: its own sector, then the remits of ``periods`` in force.

    ``agency_ids`` and ``dates`` are parallel sequences (one participation
    each); ``periods`` is ``data/agency_sectors.csv`` (None or empty: every
    agency has its own sector only). An unknown or missing agency gives an
    empty tuple; a missing date gives the agency's own sector only.

    >>> agencies = pd.DataFrame({"agency_id": ["mx-segob"], "sector": ["interior"]})
    >>> periods = pd.DataFrame({"agency_id": ["mx-segob"], "sector": ["public security"],
    ...                         "valid_from": ["2013-01-02"], "valid_to": ["2018-11-30"]})
    >>> sectors_at(agencies, periods, ["mx-segob", "mx-segob"], ["2017-12-14", "2020-01-16"])
    [('interior', 'public security'), ('interior',)]
    """
    own = {a: cell_text(s) for a, s in zip(agencies["agency_id"], agencies["sector"], strict=True)}
    further: dict[str, list[tuple]] = {}
    if periods is not None:
        for period in periods[PERIOD_COLUMNS].to_dict("records"):
            further.setdefault(period["agency_id"], []).append(
                (period["sector"], pd.Timestamp(period["valid_from"]), pd.Timestamp(period["valid_to"]))
            )
    result = []
    for agency, date in zip(agency_ids, dates, strict=True):
        agency = cell_text(agency)
        if agency not in own:
            result.append(())
            continue
        held = [own[agency]] if own[agency] else []
        if date is not None and not pd.isna(date):
            day = pd.Timestamp(date)
            held += sorted(s for s, start, end in further.get(agency, []) if start <= day <= end and s not in held)
        result.append(tuple(held))
    return result
