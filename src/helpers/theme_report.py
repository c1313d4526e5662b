"""The themes chapter's tables and the numbers it quotes, from the coded corpus.

:func:`helpers.themes.code` codes the corpus once (a :class:`helpers.themes.Coding`);
each function here takes that coding, or one of its tables, and returns
either a dict of the values a section of the chapter quotes (glued with
:func:`helpers.book.glue_all`) or a table shaped for print
(:func:`helpers.tables.show_table`). The chapter's figures are drawn by
:mod:`helpers.charts.themes` from the same tables.

The theme ids, meeting ids and the year some sentences of the chapter name
(migration and the 2023 dialogue's claim to be the first to include it;
fentanyl in the short 2020 release; the two framings of the partnership)
are keyword defaults, so that each function can be tried on a small made-up
corpus.
"""

from __future__ import annotations

import pandas as pd

from .themes import (
    Coding,
    account_groups,
    cell,
    changes,
    columns_standing_for,
    compare_accounts,
    first_in_genre,
    first_sentence,
    genre_order,
    genre_profile,
    jaccard_consecutive,
    kwic,
    leave_one_theme_out,
    mean_similarity,
    rank_agreement,
)


def short_label(label: str) -> str:
    """A theme's label as the prose names it: lower case, without what follows a comma or a bracket."""
    return label.split(",")[0].split(" (")[0].lower()


def label_list(ids, labels: pd.Series) -> str:
    """The short labels of theme ``ids`` as a phrase ("a", "a and b", "a, b and c"; "none" when empty)."""
    names = [short_label(labels[i]) for i in ids]
    return "none" if not names else names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def meetings_of_year(dates: pd.Series, year: int) -> list[str]:
    """The meetings of ``dates`` (meeting_id -> date) held in ``year``, in the order of ``dates``."""
    return list(dates.index[dates.dt.year == year])


def overview_facts(coding: Coding, new_theme: str = "migration") -> dict:
    """The corpus and codebook sizes, the most persistent themes and where ``new_theme`` first appears.

    ``n_meetings`` counts every meeting a text reports; ``n_columns`` those
    with a text of their own, the columns of the theme x meeting matrices.
    """
    fl = coding.first_last
    persistent = fl.loc[fl["persistence"] == len(coding.meetings), "theme_id"]
    top = fl["persistence"].max()
    first = fl.set_index("theme_id").at[new_theme, "first"]
    leaders = fl.loc[fl["persistence"] == top, "theme_id"]
    most = label_list(leaders, coding.labels)
    if len(persistent):
        phrase = (
            f"{len(persistent)} of the themes {'is' if len(persistent) == 1 else 'are'} mentioned at every "
            f"meeting ({label_list(persistent, coding.labels)})"
        )
    else:
        phrase = (
            f"No theme is mentioned at every meeting: the most persistent, {most}, "
            f"{'is' if len(leaders) == 1 else 'are'} mentioned at {top} of the {len(coding.meetings)} "
            "meeting columns"
        )
    return {
        "persistence_phrase": phrase,
        "n_documents": len(coding.documents),
        "n_meetings": coding.reports["meeting_id"].nunique(),
        "n_columns": len(coding.meetings),
        "n_themes": len(coding.book),
        "n_genres": coding.genres.nunique(),
        "n_persistent": len(persistent),
        "persistent_labels": label_list(persistent, coding.labels),
        "max_persistence": int(top),
        "most_persistent_labels": most,
        "migration_first": str(first),
        "migration_first_date": f"{coding.dates[first]:%B %Y}",
    }


def standing_for_facts(coding: Coding) -> dict:
    """The meetings counted under another meeting of the same trip, as a phrase ("B (with A) and D (with C)")."""
    standing = columns_standing_for(coding.reports, coding.docs.reset_index(), coding.meetings)
    parts = [f"{', '.join(others)} (with {column})" for column, others in standing.items()]
    return {
        "n_standing_for": sum(len(o) for o in standing.values()),
        "standing_for": "none"
        if not parts
        else parts[0]
        if len(parts) == 1
        else ", ".join(parts[:-1]) + " and " + parts[-1],
    }


def column_names(coding: Coding) -> dict[str, str]:
    """Each meeting column's name in figures: its id, joined by the meetings its texts also report ("A + B")."""
    standing = columns_standing_for(coding.reports, coding.docs.reset_index(), coding.meetings)
    return {m: " + ".join([m, *standing.get(m, [])]) for m in coding.meetings}


def codebook_facts(book: pd.DataFrame, labels: pd.Series) -> dict:
    """Themes under the CAP major topic "Law and Crime", and those under no CAP topic (count and names)."""
    no_cap = book["cap_major_code"].isna()
    return {
        "n_law_crime": int((book["cap_major_topic"] == "Law and Crime").sum()),
        "n_no_cap": int(no_cap.sum()),
        "no_cap_labels": label_list(book.loc[no_cap, "theme_id"], labels),
    }


def codebook_table(book: pd.DataFrame) -> pd.DataFrame:
    """The codebook as the chapter prints it: terms and excluded phrases separated by "; ", CAP code and topic."""
    shown = book.assign(
        CAP=book["cap_major_code"].astype("string").fillna("") + " " + book["cap_major_topic"].fillna(""),
        terms=book["terms"].str.replace("|", "; ", regex=False),
        excluded=book["exclude_terms"].fillna("").str.replace("|", "; ", regex=False),
    )
    return shown[["theme_id", "label", "definition", "terms", "excluded", "CAP"]]


def coding_facts(coding: Coding) -> dict:
    """Sentences, term matches and mentions of the corpus, and the words of its longest and shortest text."""
    return {
        "n_sentences": len(coding.sentences),
        "n_matches": len(coding.matches),
        "n_hits": len(coding.hits),
        "max_words": int(coding.words.max()),
        "min_words": int(coding.words.min()),
    }


def document_table(coding: Coding) -> pd.DataFrame:
    """Words, sentences, mentions, themes mentioned and mentions per 1,000 words of each document, in order."""
    documents = coding.documents

    def per_document(values: pd.Series):
        return values.reindex(documents).fillna(0).astype(int).to_numpy()

    table = pd.DataFrame(
        {
            "doc_id": documents,
            "meeting_id": coding.docs.loc[documents, "meeting_id"].to_numpy(),
            "genre": coding.docs.loc[documents, "genre"].to_numpy(),
            "words": coding.words.reindex(documents).to_numpy(),
            "sentences": per_document(coding.sentences.groupby("doc_id").size()),
            "mentions": per_document(coding.hits.groupby("doc_id").size()),
            "themes mentioned": per_document(coding.hits.groupby("doc_id")["theme_id"].nunique()),
        }
    )
    table["mentions per 1,000 words"] = (1000 * table["mentions"] / table["words"]).round(1)
    return table


def meeting_facts(coding: Coding) -> dict:
    """The theme densest at the most meetings, and the meetings that mention the most and the fewest themes."""
    top = coding.rates.idxmax(axis=0)[coding.counts.sum(axis=0) > 0]
    leader = top.value_counts(sort=False).idxmax() if len(top) else None
    widths = coding.present.sum(axis=0)
    widest, narrowest = widths.idxmax(), widths.idxmin()
    return {
        "top_theme": label_list([leader], coding.labels) if leader else "none",
        "top_theme_meetings": int((top == leader).sum()),
        "widest_meeting": widest,
        "n_themes_widest": int(widths[widest]),
        "narrowest_meeting": narrowest,
        "n_themes_narrowest": int(widths[narrowest]),
        "narrowest_words": int(coding.meeting_words[narrowest]),
    }


def genre_strip(coding: Coding) -> pd.DataFrame:
    """Genre x meeting: does a text of that genre count under the meeting? Genres in order of their first text."""
    genres = coding.genres
    strip = pd.DataFrame(False, index=pd.Index(list(dict.fromkeys(genres)), name="genre"), columns=coding.meetings)
    for doc, genre in genres.items():
        strip.at[genre, coding.docs.at[doc, "meeting_id"]] = True
    return strip


def genre_table(coding: Coding) -> pd.DataFrame:
    """:func:`helpers.themes.genre_profile` for print: years, pooled rate, themes per text, themes in every text."""
    profile = genre_profile(coding.doc_counts, coding.words, coding.genres)
    years = {
        g: sorted({coding.dates[coding.docs.at[d, "meeting_id"]].year for d in docs.split("; ")})
        for g, docs in zip(profile["genre"], profile["documents"], strict=True)
    }
    return pd.DataFrame(
        {
            "genre": profile["genre"],
            "texts": profile["texts"],
            "years": [f"{y[0]}" if len(y) == 1 else f"{y[0]}-{y[-1]}" for y in years.values()],
            "words": profile["words"],
            "mentions per 1,000 words": profile["per_1000_words"].round(1),
            "themes per text": [
                f"{m:.1f}" if lo == hi else f"{m:.1f} ({lo}-{hi})"
                for m, lo, hi in zip(profile["themes_mean"], profile["themes_min"], profile["themes_max"], strict=True)
            ],
            "themes in every text": [
                label_list([t for t in ids.split("|") if t], coding.labels) if n > 1 else "(one text)"
                for ids, n in zip(profile["in_every_text"], profile["texts"], strict=True)
            ],
        }
    )


def genre_facts(coding: Coding, readouts: str = "readout", joint: str = "joint statement") -> dict:
    """The spread of pooled rates across genres (genres of two texts or more), and what every text of two genres shares.

    ``readouts`` and ``joint`` name the genres whose common themes the
    chapter quotes.
    """
    profile = genre_profile(coding.doc_counts, coding.words, coding.genres).set_index("genre")
    several = profile[profile["texts"] > 1]
    dense, sparse = several["per_1000_words"].idxmax(), several["per_1000_words"].idxmin()

    def common(genre):
        if genre not in profile.index:
            return "none"
        return label_list([t for t in profile.at[genre, "in_every_text"].split("|") if t], coding.labels)

    def count(genre):
        return int(profile.at[genre, "texts"]) if genre in profile.index else 0

    readout_texts = coding.genres.index[coding.genres == readouts]
    shortest = coding.words.reindex(readout_texts).idxmin() if len(readout_texts) else "none"
    common_readouts = common(readouts)
    return {
        "readout_common_phrase": "no theme is mentioned in all of them"
        if common_readouts == "none"
        else f"all of them mention {common_readouts}",
        "dense_genres": dense + "s",
        "sparse_genres": sparse + "s",
        "readout_shortest": shortest,
        "readout_shortest_words": int(coding.words[shortest]) if len(readout_texts) else 0,
        "n_genres_several": len(several),
        "dense_genre": dense,
        "dense_rate": float(several.at[dense, "per_1000_words"]),
        "sparse_genre": sparse,
        "sparse_rate": float(several.at[sparse, "per_1000_words"]),
        "rate_ratio": float(several.at[dense, "per_1000_words"] / several.at[sparse, "per_1000_words"]),
        "themes_dense": float(several.at[dense, "themes_mean"]),
        "themes_sparse": float(several.at[sparse, "themes_mean"]),
        "sparse_themes_relation": "more"
        if several.at[sparse, "themes_mean"] > several.at[dense, "themes_mean"]
        else "fewer"
        if several.at[sparse, "themes_mean"] < several.at[dense, "themes_mean"]
        else "as many",
        "n_readouts": count(readouts),
        "readout_common": common(readouts),
        "n_joint": count(joint),
        "joint_common": common(joint),
    }


#: The themes whose first text in each genre the chapter shows.
FOCUS_THEMES = ["migration", "sovereignty", "shared_responsibility", "synthetic_drugs"]


def genre_first_table(coding: Coding, themes=FOCUS_THEMES) -> pd.DataFrame:
    """:func:`helpers.themes.first_in_genre` for ``themes``, each text with its meeting's year ("-": never)."""
    table = first_in_genre(coding.doc_counts, coding.genres, themes)
    year = {d: coding.dates[coding.docs.at[d, "meeting_id"]].year for d in coding.documents}
    counts = coding.genres.value_counts()
    shown = pd.DataFrame({"genre": table["genre"], "texts": table["genre"].map(counts).astype(int)})
    for theme in themes:
        shown[short_label(coding.labels[theme])] = table[theme].map(lambda d: f"{d} ({year[d]})" if d else "-")
    return shown


def frame_facts(
    coding: Coding,
    sovereignty: str = "sovereignty",
    shared: str = "shared_responsibility",
    word: str = r"\bsovereignt(?:y|ies)\b",
) -> dict:
    """Where the two framings of the partnership appear: first meeting, meetings, genres; the first use of ``word``.

    ``sovereignty`` and ``shared`` are theme ids; ``word`` a regular
    expression for the word itself, found in the sentences in date order.
    """
    fl = coding.first_last.set_index("theme_id")
    present = coding.present

    def genres_of(theme):
        docs = [d for d in coding.documents if coding.doc_counts.at[theme, d] > 0]
        return label_free_list([g + "s" for g in dict.fromkeys(coding.genres[docs])]) if docs else "none"

    def absent_from(theme):
        genres = [
            g
            for g in dict.fromkeys(coding.genres)
            if not (coding.doc_counts.loc[theme, coding.genres.index[coding.genres == g]] > 0).any()
        ]
        return label_free_list([g + "s" for g in genres])

    first_word = first_sentence(coding.sentences, word, coding.documents)
    both = present.loc[sovereignty] & present.loc[shared]
    facts = {
        "sov_first": str(fl.at[sovereignty, "first"]),
        "sov_meetings": int(present.loc[sovereignty].sum()),
        "sov_genres": genres_of(sovereignty),
        "sov_mentions": int(coding.counts.loc[sovereignty].sum()),
        "sov_absent_genres": absent_from(sovereignty),
        "shared_absent_genres": absent_from(shared),
        "shared_first": str(fl.at[shared, "first"]),
        "shared_meetings": int(present.loc[shared].sum()),
        "shared_genres": genres_of(shared),
        "shared_mentions": int(coding.counts.loc[shared].sum()),
        "frames_both_meetings": int(both.sum()),
        "frames_both_sentences": int(
            coding.hits[coding.hits["theme_id"].isin([sovereignty, shared])]
            .groupby(["doc_id", "sentence_no"])["theme_id"]
            .nunique()
            .eq(2)
            .sum()
        ),
        "sov_before": label_free_list(
            [m for m in coding.meetings[: coding.meetings.index(fl.at[sovereignty, "first"])] if present.at[shared, m]]
        )
        if pd.notna(fl.at[sovereignty, "first"])
        else "none",
    }
    if first_word is None:
        facts.update(
            {
                "word_first_doc": "none",
                "word_first_meeting": "none",
                "word_first_genre": "none",
                "word_first_date": "never",
                "word_first_sentence": "",
            }
        )
    else:
        meeting = first_word["meeting_id"]
        facts.update(
            {
                "word_first_doc": first_word["doc_id"],
                "word_first_meeting": meeting,
                "word_first_genre": coding.docs.at[first_word["doc_id"], "genre"],
                "word_first_date": f"{coding.dates[meeting]:%B %Y}",
                "word_first_sentence": first_word["sentence"],
            }
        )
    return facts


def heatmap_data(rates: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The theme x meeting rates (to 3 decimals) and counts as one long table: theme_id, meeting_id, both values."""
    long_rates = (
        rates.round(3).reset_index().melt(id_vars="theme_id", var_name="meeting_id", value_name="per_1000_words")
    )
    long_counts = counts.reset_index().melt(id_vars="theme_id", var_name="meeting_id", value_name="mentions")
    return long_rates.merge(long_counts, on=["theme_id", "meeting_id"])


def continuity_facts(coding: Coding) -> dict:
    """Themes present at one meeting only, with gaps, and first present after the first meeting (counts, names).

    Also the meeting where most themes are missing between their first and
    last appearance (``gap_meeting``, ``gap_themes``) and its words.
    """
    fl = coding.first_last
    once = fl.loc[fl["persistence"] == 1, "theme_id"]
    late = fl.loc[fl["first"].notna() & (fl["first"] != coding.meetings[0]), "theme_id"]
    position = {m: i for i, m in enumerate(coding.meetings)}
    gaps = pd.Series(0, index=coding.meetings)
    for row in fl[fl["gaps"] > 0].itertuples(index=False):
        for m in coding.meetings[position[row.first] + 1 : position[row.last]]:
            gaps[m] += int(not coding.present.at[row.theme_id, m])
    gap_meeting = gaps.idxmax()
    once_phrase = (
        "No theme is present at only one meeting"
        if not len(once)
        else f"{len(once)} {'theme is' if len(once) == 1 else 'themes are'} present at only one meeting "
        f"({label_list(once, coding.labels)})"
    )
    return {
        "once_phrase": once_phrase,
        "n_once": len(once),
        "once_labels": label_list(once, coding.labels),
        "n_gappy": int((fl["gaps"] > 0).sum()),
        "n_late": len(late),
        "late_labels": label_list(late, coding.labels),
        "gap_meeting": gap_meeting,
        "gap_themes": int(gaps[gap_meeting]),
        "gap_words": int(coding.meeting_words[gap_meeting]),
    }


def timeline_table(first_last_rows: pd.DataFrame, present: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.themes.first_last` in drawing order, with a presence column per meeting.

    Themes are ordered by first appearance, then by persistence (highest
    first); meetings are the columns of ``present``, in order.
    """
    position = {m: i for i, m in enumerate(present.columns)}
    order = first_last_rows.sort_values(
        ["first", "persistence"], kind="stable", key=lambda s: s.map(position) if s.name == "first" else -s
    )
    return order.merge(present.reset_index(), on="theme_id")


def overlap_facts(coding: Coding) -> dict:
    """The range of the Jaccard overlap of consecutive meetings, the pair at its lowest and their fewest words."""
    jac = jaccard_consecutive(coding.present)
    low = jac.loc[jac["jaccard"].idxmin()]
    return {
        "jaccard_min": float(jac["jaccard"].min()),
        "jaccard_max": float(jac["jaccard"].max()),
        "jaccard_median": float(jac["jaccard"].median()),
        "jaccard_min_pair": f"{low['from']} and {low['to']}",
        "jaccard_min_words": int(coding.meeting_words[[low["from"], low["to"]]].min()),
    }


def jaccard_table(present: pd.DataFrame) -> pd.DataFrame:
    """:func:`jaccard_consecutive` with the overlap rounded to two decimals."""
    jac = jaccard_consecutive(present)
    return jac.assign(jaccard=jac["jaccard"].round(2))


def changes_table(present: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """:func:`changes` as one row per pair of consecutive meetings: the themes that appear and that drop ("; ")."""
    chg = changes(present)
    table = (
        chg.assign(theme=chg["theme_id"].map(labels))
        .groupby(["from", "to", "change"], sort=False)["theme"]
        .agg("; ".join)
        .unstack("change")
        .reindex(columns=["appears", "drops"])
        .fillna("")
        .reset_index()
    )
    table.columns.name = None
    return table


def accounts(coding: Coding) -> pd.DataFrame:
    """:func:`helpers.themes.compare_accounts` of every meeting reported by two texts or more."""
    groups = account_groups(coding.reports, coding.documents, coding.meetings)
    return compare_accounts(coding.doc_counts, coding.doc_rates, coding.docs, groups)


def same_genre_pairs(coding: Coding, meetings: list[str]) -> pd.DataFrame:
    """:func:`helpers.themes.compare_accounts` of the texts of one genre at different meetings of ``meetings``.

    For a series of meetings (the High-Level Security Dialogues), each genre
    with texts at two meetings or more gives one group; the pairs compare
    the same kind of text from one meeting to the next; ``meetings`` names
    the meetings of the two texts ("A / B").
    """
    docs = coding.docs
    chosen = [d for d in coding.documents if docs.at[d, "meeting_id"] in meetings]
    groups = []
    for genre in dict.fromkeys(docs.loc[chosen, "genre"]):
        texts_ = [d for d in chosen if docs.at[d, "genre"] == genre]
        if docs.loc[texts_, "meeting_id"].nunique() > 1:
            groups.append((list(dict.fromkeys(docs.loc[texts_, "meeting_id"])), texts_))
    pairs = compare_accounts(coding.doc_counts, coding.doc_rates, docs, groups)
    return pairs.assign(
        meetings=[
            f"{docs.at[a, 'meeting_id']} / {docs.at[b, 'meeting_id']}"
            for a, b in zip(pairs["text_a"], pairs["text_b"], strict=True)
        ]
    )


def accounts_table(pairs: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """:func:`accounts` (or :func:`same_genre_pairs`) for print: short theme names, two decimals."""

    def names(ids):
        return label_list([t for t in ids.split("|") if t], labels)

    def text(row, side):
        return f"{row['text_' + side]} ({row['genre_' + side]}, {row['country_' + side]})"

    return pd.DataFrame(
        {
            "meeting(s)": pairs["meetings"],
            "text A": [text(r, "a") for _, r in pairs.iterrows()],
            "text B": [text(r, "b") for _, r in pairs.iterrows()],
            "one government": pairs["same_government"].map({True: "yes", False: "no"}),
            "shared themes": pairs["shared"],
            "only in A": pairs["only_a"].map(names),
            "only in B": pairs["only_b"].map(names),
            "Jaccard": pairs["jaccard"].map("{:.2f}".format),
            "cosine": pairs["cosine"].map("{:.2f}".format),
        }
    )


def accounts_facts(coding: Coding, pairs: pd.DataFrame) -> dict:
    """How many meetings have several accounts and how alike the accounts are; the first account by both governments.

    The ``2017_*`` values describe the first pair of :func:`accounts` whose
    texts come from the two governments (the U.S. text as "us", the Mexican
    one as "mx"); they are empty when there is none.
    """
    cross = pairs[~pairs["same_government"]]
    same = pairs[pairs["same_government"]]
    facts = {
        "n_account_meetings": int(pairs["meetings"].str.split(" + ", regex=False).explode().nunique())
        if len(pairs)
        else 0,
        "n_account_groups": int(pairs["meetings"].nunique()),
        "n_account_pairs": len(pairs),
        "n_cross_pairs": len(cross),
        "account_meetings": label_free_list(list(dict.fromkeys(pairs["meetings"]))),
        "same_jaccard_min": float(same["jaccard"].min()) if len(same) else float("nan"),
        "same_jaccard_max": float(same["jaccard"].max()) if len(same) else float("nan"),
        "cross_meeting": "none",
        "2017_shared": 0,
        "2017_only_us": "none",
        "2017_only_mx": "none",
        "2017_jaccard": float("nan"),
        "2017_profile_cosine": float("nan"),
    }
    if len(cross):
        row = cross.iloc[0]
        us_side = "a" if row["country_a"] == "US" else "b"
        mx_side = "b" if us_side == "a" else "a"
        facts.update(
            {
                "cross_meeting": row["meetings"],
                "2017_shared": int(row["shared"]),
                "2017_only_us": label_list([t for t in row["only_" + us_side].split("|") if t], coding.labels),
                "2017_only_mx": label_list([t for t in row["only_" + mx_side].split("|") if t], coding.labels),
                "2017_jaccard": float(row["jaccard"]),
                "2017_profile_cosine": float(row["cosine"]),
            }
        )
    return facts


def label_free_list(items: list[str]) -> str:
    """Items as a phrase ("a", "a and b", "a, b and c"; "none" when empty), without relabelling them."""
    items = [str(i) for i in items]
    return "none" if not items else items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def same_genre_facts(coding: Coding, pairs: pd.DataFrame, meetings: list[str]) -> dict:
    """Which genres recur across ``meetings`` (a series), and which meetings have no text of a recurring genre."""
    docs = coding.docs
    chosen = docs[docs["meeting_id"].isin(meetings)]
    recurring = sorted(set(pairs["genre_a"]), key=list(dict.fromkeys(coding.genres)).index)
    alone = [m for m in meetings if not chosen.loc[chosen["meeting_id"] == m, "genre"].isin(recurring).any()]
    alone_genres = [", ".join(dict.fromkeys(chosen.loc[chosen["meeting_id"] == m, "genre"])) for m in alone]
    return {
        "series_genres": label_free_list([g + "s" for g in recurring]),
        "series_alone": label_free_list([f"{m} ({g})" for m, g in zip(alone, alone_genres, strict=True)]),
        "series_jaccards": label_free_list(
            [f"{j:.2f} for the {g}s" for j, g in zip(pairs["jaccard"], pairs["genre_a"], strict=True)]
        ),
        "series_jaccard_min": float(pairs["jaccard"].min()) if len(pairs) else float("nan"),
        "series_jaccard_max": float(pairs["jaccard"].max()) if len(pairs) else float("nan"),
    }


def similarity_facts(sim: pd.DataFrame, coding: Coding, pairs: pd.DataFrame) -> dict:
    """The similarity of the texts of one meeting and of one genre against the rest, and the most and least alike.

    ``pairs`` is :func:`accounts`; ``sim_pair`` is the similarity of its
    first pair from two governments (NaN when there is none).
    """
    n = len(sim)
    lower = pd.DataFrame([[i >= j for j in range(n)] for i in range(n)], index=sim.index, columns=sim.columns)
    stacked = sim.where(~lower).stack()
    cross = pairs[~pairs["same_government"]]
    most, least = stacked.idxmax(), stacked.idxmin()
    by_meeting = mean_similarity(sim, coding.docs["meeting_id"])
    by_genre = mean_similarity(sim, coding.docs["genre"])
    return {
        "sim_pair": float(sim.at[cross.iloc[0]["text_a"], cross.iloc[0]["text_b"]]) if len(cross) else float("nan"),
        "sim_max": float(stacked.max()),
        "sim_most_pair": " and ".join(most),
        "sim_most_genres": " and a ".join(dict.fromkeys(coding.docs.loc[list(most), "genre"])),
        "sim_most_meeting": "of the same meeting"
        if len(set(coding.docs.loc[list(most), "meeting_id"])) == 1
        else "of different meetings",
        "sim_min": float(stacked.min()),
        "sim_least_pair": " and ".join(least),
        "sim_within_meeting": by_meeting["within"],
        "sim_across_meeting": by_meeting["across"],
        "sim_within_genre": by_genre["within"],
        "sim_across_genre": by_genre["across"],
    }


def similarity_order(coding: Coding) -> list[str]:
    """The documents grouped by genre (genres in order of their first text), by date within a genre."""
    return genre_order(coding.genres)


def similarity_data(sim: pd.DataFrame) -> pd.DataFrame:
    """The similarity matrix to four decimals, with its row ids as a doc_id column."""
    return sim.round(4).rename_axis("doc_id").reset_index()


#: What the texts say about their own agenda: a phrase of the sentence, and a theme it should be coded as.
SELF_STATEMENTS = [
    ("four strategic areas requiring priority attention", "criminal_organisations"),
    ("four strategic areas requiring priority attention", "rule_of_law"),
    ("four strategic areas requiring priority attention", "border"),
    ("four strategic areas requiring priority attention", "prevention_root_causes"),
    ("treat fentanyl as a common problem", "synthetic_drugs"),
    ("treat fentanyl as a common problem", "shared_responsibility"),
    ("first to include migration", "migration"),
    ("formally adding the management of the historic migration flows", "migration"),
    ("range of topics of vital mutual interest", "migration"),
    ("range of topics of vital mutual interest", "drug_supply"),
    ("range of topics of vital mutual interest", "arms_trafficking"),
    ("We focused strictly on trilateral fentanyl cooperation", "synthetic_drugs"),
]


def validation_table(coding: Coding, statements=SELF_STATEMENTS) -> pd.DataFrame:
    """Each sentence holding a phrase of ``statements``: is it coded as its theme, by which terms; where is it.

    One row per statement and sentence found, with the sentence cut to the
    ``phrase`` and what follows it when the sentence is long.
    """
    sentence_rows_, hit_rows = coding.sentences, coding.hits
    rows = []
    for phrase, theme in statements:
        found = sentence_rows_[sentence_rows_["sentence"].str.contains(phrase, regex=False)]
        for s in found.itertuples(index=False):
            coded = hit_rows[
                (hit_rows["doc_id"] == s.doc_id)
                & (hit_rows["sentence_no"] == s.sentence_no)
                & (hit_rows["theme_id"] == theme)
            ]
            rows.append(
                {
                    "doc_id": s.doc_id,
                    "meeting_id": s.meeting_id,
                    "genre": coding.docs.at[s.doc_id, "genre"],
                    "sentence": _from_phrase(s.sentence, phrase),
                    "theme": short_label(coding.labels[theme]),
                    "sentence coded": "yes" if len(coded) else "no",
                    "terms matched": coded["terms"].iloc[0].replace("|", "; ") if len(coded) else "",
                }
            )
    return pd.DataFrame(
        rows, columns=["doc_id", "meeting_id", "genre", "sentence", "theme", "sentence coded", "terms matched"]
    )


def _from_phrase(sentence: str, phrase: str, limit: int = 160) -> str:
    """``sentence``, or if longer than ``limit`` characters "..." and its part from ``phrase`` on, cut at ``limit``."""
    if len(sentence) <= limit:
        return sentence
    part = sentence[sentence.index(phrase) :]
    part = part if len(part) <= limit else part[:limit].rsplit(" ", 1)[0] + " ..."
    return ("... " if not sentence.startswith(phrase) else "") + part


def validation_facts(
    coding: Coding,
    validation: pd.DataFrame,
    series: pd.Series,
    new_theme: str = "migration",
    claim_meeting: str = "HLSD-2023",
) -> dict:
    """What the corpus says of ``claim_meeting``'s claim to be the first of its series to include ``new_theme``.

    ``series`` maps meeting_id to series_id. Returns the meetings before the
    theme first appears, the meetings of the claim's series before it that
    mention the theme, the meetings of any series before it that do, and how
    many of the statements of ``validation`` are coded as their theme.
    """
    first = coding.first_last.set_index("theme_id").at[new_theme, "first"]
    before = coding.meetings[: coding.meetings.index(claim_meeting)]
    with_theme = [m for m in before if coding.present.at[new_theme, m]]
    same_series = [m for m in before if series.get(m) == series.get(claim_meeting)]
    return {
        "n_before_migration": coding.meetings.index(first),
        "claim_date": f"{coding.dates[claim_meeting]:%B %Y}",
        "n_meetings_before_claim": len(before),
        "n_migration_before_claim": len(with_theme),
        "migration_before_claim": label_free_list(with_theme),
        "series_before_claim": label_free_list(same_series),
        "series_with_migration": label_free_list([m for m in same_series if m in with_theme]),
        "series_without_migration": label_free_list([m for m in same_series if m not in with_theme]),
        "n_statements": len(validation),
        "n_missed": int((validation["sentence coded"] == "no").sum()),
        "n_statements_coded": int((validation["sentence coded"] == "yes").sum()),
        "validation_all_coded": bool((validation["sentence coded"] == "yes").all()),
        "statements_missed": label_free_list(
            [
                f"{t} in {d}"
                for t, d in validation.loc[validation["sentence coded"] == "no", ["theme", "doc_id"]].itertuples(
                    index=False
                )
            ]
        ),
    }


def theme_before_table(
    coding: Coding, theme: str = "migration", until: str = "HLSD-2023", width: int = 70
) -> pd.DataFrame:
    """Keyword in context of every mention of ``theme`` at the meetings before ``until``, with the text's genre."""
    before = coding.meetings[: coding.meetings.index(until)]
    chosen = coding.hits[(coding.hits["theme_id"] == theme) & coding.hits["meeting_id"].isin(before)]
    rank = {m: i for i, m in enumerate(coding.meetings)}
    chosen = chosen.assign(_rank=chosen["meeting_id"].map(rank)).sort_values(
        ["_rank", "doc_id", "sentence_no"], kind="stable"
    )
    kw = kwic(chosen.drop(columns="_rank"), width=width)
    return kw.assign(genre=kw["doc_id"].map(coding.docs["genre"]))[
        ["meeting_id", "doc_id", "genre", "left", "matched", "right"]
    ].reset_index(drop=True)


def thin_cells(counts: pd.DataFrame) -> list[tuple[str, str]]:
    """The (theme, column) cells of a count matrix that rest on a single mention, row by row."""
    return [(t, m) for t in counts.index for m in counts.columns if counts.at[t, m] == 1]


def thin_kwic(coding: Coding, width: int = 50) -> pd.DataFrame:
    """Keyword in context (:func:`kwic`) of the mention behind every theme x meeting cell of one mention."""
    audit = pd.concat([cell(coding.hits, t, m) for t, m in thin_cells(coding.counts)], ignore_index=True)
    kw = kwic(audit, width=width)
    return kw.assign(theme=kw["theme_id"].map(coding.labels))[
        ["meeting_id", "doc_id", "sentence_no", "theme", "left", "matched", "right"]
    ]


def measure_scores(coding: Coding) -> dict[str, pd.Series]:
    """Each theme's meetings present, total mentions and mean mentions per 1,000 words over the meetings."""
    return {
        "meetings present": coding.present.sum(axis=1),
        "mentions": coding.counts.sum(axis=1),
        "mean per 1,000 words": coding.rates.mean(axis=1),
    }


def measure_facts(coding: Coding) -> dict:
    """The meeting with the largest share of all mentions, the rank correlations of the measures, the top theme(s)."""
    counts, rates = coding.counts, coding.rates
    totals = counts.sum(axis=0)
    rho = rank_agreement(measure_scores(coding))
    top_count, top_rate = counts.sum(axis=1).idxmax(), rates.mean(axis=1).idxmax()
    count_name, rate_name = label_list([top_count], coding.labels), label_list([top_rate], coding.labels)
    return {
        "share_top": float(100 * totals.max() / totals.sum()),
        "share_top_meeting": totals.idxmax(),
        "share_top_words": int(coding.meeting_words[totals.idxmax()]),
        "rho_presence_rate": float(rho.at["meetings present", "mean per 1,000 words"]),
        "rho_presence_count": float(rho.at["meetings present", "mentions"]),
        "rho_count_rate": float(rho.at["mentions", "mean per 1,000 words"]),
        "top_phrase": f"Counts and mean rates agree on the top theme, {count_name}"
        if top_count == top_rate
        else f"The top theme is {count_name} by counts but {rate_name} by mean rate",
    }


def measure_table(coding: Coding) -> pd.DataFrame:
    """The three measures of :func:`measure_scores` and each theme's rank under each, by rank of the mean rate."""
    scores = measure_scores(coding)
    table = pd.DataFrame(scores).assign(**{"mean per 1,000 words": lambda t: t["mean per 1,000 words"].round(2)})
    for name in list(scores):
        table[f"rank ({name})"] = pd.Series(scores[name]).rank(ascending=False, method="min").astype(int)
    table.insert(0, "theme", coding.labels.reindex(table.index))
    return table.sort_values(["rank (mean per 1,000 words)", "theme"], kind="stable").reset_index(drop=True)


def _fragile(loto: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    used = loto[loto["term_matches"] > 0]
    return used, used[used["cells_lost"] > 0]


def loto_facts(
    coding: Coding,
    loto: pd.DataFrame,
    new_theme: str = "migration",
    drug_theme: str = "synthetic_drugs",
    short_year: int = 2020,
) -> dict:
    """What the leave-one-out checks quote.

    From :func:`leave_one_term_out` (``loto``): the terms that match and those
    whose removal takes a theme out of a meeting; whether ``new_theme`` hangs
    on one term; which single term ``drug_theme`` rests on at the meeting of
    ``short_year``. From :func:`leave_one_theme_out`: the largest change of a
    consecutive overlap.
    """
    used, fragile = _fragile(loto)
    meeting = meetings_of_year(coding.dates, short_year)[0]
    lost_there = fragile["cells_lost_in"].str.split("|").map(lambda c: meeting in c)
    single = fragile[(fragile["theme_id"] == drug_theme) & lost_there]
    return {
        "n_terms_used": len(used),
        "n_fragile_terms": len(fragile),
        "loto_migration": "depends" if (fragile["theme_id"] == new_theme).any() else "does not depend",
        "loto_fentanyl": "the single term " + " / ".join(f'"{t}"' for t in single["term"])
        if len(single)
        else "more than one term",
        "loto_theme_max": float(leave_one_theme_out(coding.present).loc[:, "difference"].abs().max()),
    }


def fragile_table(loto: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """The terms of :func:`leave_one_term_out` whose removal alone takes a theme out of a meeting, for print."""
    _, fragile = _fragile(loto)
    table = fragile.assign(theme=fragile["theme_id"].map(labels))[
        [
            "theme",
            "term",
            "term_matches",
            "cells_lost_in",
            "persistence_before",
            "persistence_after",
            "first_changes",
            "last_changes",
        ]
    ]
    yes = {True: "yes", False: ""}
    return table.assign(
        first_changes=table["first_changes"].map(yes), last_changes=table["last_changes"].map(yes)
    ).reset_index(drop=True)


def sources_facts(coding: Coding, cited: list[str]) -> dict:
    """The texts other than ``cited`` (cited one by one in the chapter): how many, and who published them.

    Also the number of Mexican texts and the year of the last, and the texts
    published after it.
    """
    docs = coding.docs
    others = [d for d in coding.documents if d not in cited]
    mx = [d for d in coding.documents if docs.at[d, "publisher_country"] == "MX"]
    last_mx = max((coding.dates[docs.at[d, "meeting_id"]] for d in mx), default=None)
    later = [d for d in coding.documents if last_mx is not None and coding.dates[docs.at[d, "meeting_id"]] > last_mx]
    return {
        "n_other_texts": len(others),
        "other_publishers": _publishers(docs.loc[others, "publisher"]),
        "n_mx_texts": len(mx),
        "mx_last_year": int(last_mx.year) if last_mx is not None else 0,
        "n_after_mx": len(later),
        "after_mx_publishers": _publishers(docs.loc[later, "publisher"]),
    }


def _publishers(names: pd.Series) -> str:
    """The publishers' names without what they add in brackets, each once, as a phrase."""
    plain = names.str.split(" (", regex=False).str[0].str.replace(r"^The ", "the ", regex=True)
    return label_free_list(list(dict.fromkeys(plain)))
