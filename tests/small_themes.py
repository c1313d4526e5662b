"""A small made-up corpus coded by a six-theme codebook, shared by the tests of the themes chapter.

Four meetings have documents (M2 two, a U.S. blog post and a Mexican press
release; M3 one sentence-long release), one meeting (M0) has none. The
Mexican texts are press releases, the 2023 text a transcript. What each
text mentions:

======  ==========================================================
M1      criminal organisations (2 sentences), arms (2), border (1)
M2 US   synthetic drugs (2), criminal organisations, shared responsibility
M2 MX   criminal organisations, arms, shared responsibility (the border
        only in an excluded figure of speech)
M3      synthetic drugs and shared responsibility (one sentence), criminal organisations
M4      migration, criminal organisations, synthetic drugs, arms, border
======  ==========================================================
"""

from __future__ import annotations

import pandas as pd

from helpers import themes as th

BOOK = pd.DataFrame(
    {
        "theme_id": [
            "criminal_organisations",
            "arms_trafficking",
            "synthetic_drugs",
            "shared_responsibility",
            "migration",
            "border",
        ],
        "label": [
            "Dismantling criminal organisations",
            "Arms trafficking",
            "Synthetic drugs (fentanyl), precursors",
            "Shared responsibility, sovereignty",
            "Migration",
            "Border",
        ],
        "definition": ["Cartels.", "Arms.", "Fentanyl.", "Shared.", "Migration.", "The border."],
        "terms": [
            "cartel*",
            "arms|weapon",
            "fentanyl|synthetic drug",
            "shared responsibility|common problem",
            "migra*",
            "border",
        ],
        "exclude_terms": [None, None, None, None, None, "both sides of the border"],
        "cap_major_code": pd.array([12, 12, 12, None, 9, None], dtype="Int64"),
        "cap_major_topic": ["Law and Crime", "Law and Crime", "Law and Crime", None, "Immigration", None],
    }
)

MEETINGS = pd.DataFrame(
    {
        "meeting_id": ["M4", "M1", "M0", "M2", "M3"],
        "date": pd.to_datetime(["2023-05-01", "2010-01-01", "2012-01-01", "2015-06-01", "2020-02-01"]),
    }
)

DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["d2023", "us-2015", "d2010", "mx-2015", "d2020"],
        "meeting_id": ["M4", "M2", "M1", "M2", "M3"],
        "publisher_country": ["US", "US", "MX", "MX", "MX"],
        "publisher": ["U.S. Department of State", "U.S. Department of State (DipNote blog)", "SRE", "SRE", "SRE"],
        "genre": ["transcript", "blog post", "press release", "press release", "press release"],
    }
)

TEXTS = {
    "d2010": "We will dismantle the cartels. Cartels traffic arms across the border. Weapons are seized.",
    "us-2015": "Fentanyl kills. The cartels sell fentanyl. Shared responsibility matters.",
    "mx-2015": "The cartels buy arms. This is a shared responsibility. On both sides of the border we act.",
    "d2020": "We agreed to treat fentanyl as a common problem. Cartels were discussed.",
    "d2023": "This dialogue is the first to include migration as part of its agenda. "
    "The cartels traffic fentanyl and arms. The border is long.",
}


def coding() -> th.Coding:
    """The small corpus coded by its codebook."""
    return th.code_corpus(BOOK, DOCUMENTS, MEETINGS, TEXTS)
