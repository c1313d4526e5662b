"""Government bodies (``data/agencies.csv``): lineages and the glossary.

A body renamed or merged keeps its lineage (PGR -> FGR, CISEN -> CNI,
SSP -> SSPC), so that the analyses count it as one institution over time.
"""

from __future__ import annotations

import pandas as pd

from .text import cell_text

#: The glossary's columns and their headings.
GLOSSARY_COLUMNS = {"acronym": "acronym", "name_en": "name (English)", "name_es": "name (Spanish)",
                    "sector": "sector"}


def glossary(agencies: pd.DataFrame) -> pd.DataFrame:
    """Every body by acronym, with its English and Spanish names; a renamed body names the one it replaced."""
    acronym_of = agencies.set_index("agency_id")["acronym"].fillna(agencies.set_index("agency_id")["name_en"])
    replaced = agencies["predecessor_id"].map(acronym_of)
    return (agencies.assign(
                acronym=agencies["acronym"].fillna("—"),
                name_en=agencies["name_en"].where(replaced.isna(),
                                                  agencies["name_en"] + " (replaced " + replaced + ")"),
                name_es=agencies["name_es"].fillna(""))
            .sort_values(["acronym", "name_en"], kind="stable"))


def lineages(agencies: pd.DataFrame) -> dict[str, str]:
    """Each agency's ``lineage_id``, or its own ``agency_id`` when it has none."""
    return {row["agency_id"]: cell_text(row["lineage_id"]) or row["agency_id"]
            for row in agencies[["agency_id", "lineage_id"]].to_dict("records")}


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
