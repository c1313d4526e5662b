"""Government bodies (``data/agencies.csv``): lineages and the glossary.

A body renamed or merged keeps its lineage (PGR -> FGR, CISEN -> CNI,
SSP -> SSPC), so that the analyses count it as one institution over time.
"""

from __future__ import annotations

import pandas as pd

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
