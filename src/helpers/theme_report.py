"""The themes chapter's tables and the numbers it quotes, from the coded corpus.

:func:`helpers.themes.code` codes the corpus once (a :class:`helpers.themes.Coding`);
each function here takes that coding, or one of its tables, and returns
either a dict of the values a section of the chapter quotes (glued with
:func:`helpers.book.glue_all`) or a table shaped for print
(:func:`helpers.tables.show_table`). The chapter's figures are drawn by
:mod:`helpers.charts.themes` from the same tables.

The theme ids and the year some sentences of the chapter name (migration,
first mentioned in 2023; fentanyl in the short 2020 release) are keyword
defaults, so that each function can be tried on a small made-up corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .themes import (
    Coding,
    cell,
    changes,
    jaccard,
    jaccard_consecutive,
    kwic,
    leave_one_theme_out,
    rank_agreement,
    theme_similarity,
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
    """The corpus and codebook sizes, the themes present at every meeting and where ``new_theme`` first appears."""
    fl = coding.first_last
    persistent = fl.loc[fl["persistence"] == len(coding.meetings), "theme_id"]
    return {
        "n_documents": len(coding.documents), "n_meetings": len(coding.meetings), "n_themes": len(coding.book),
        "n_persistent": len(persistent), "persistent_labels": label_list(persistent, coding.labels),
        "migration_first": str(fl.set_index("theme_id").at[new_theme, "first"]),
    }


def codebook_facts(book: pd.DataFrame, labels: pd.Series) -> dict:
    """Themes under the CAP major topic "Law and Crime", and those under no CAP topic (count and names)."""
    no_cap = book["cap_major_code"].isna()
    return {"n_law_crime": int((book["cap_major_topic"] == "Law and Crime").sum()), "n_no_cap": int(no_cap.sum()),
            "no_cap_labels": label_list(book.loc[no_cap, "theme_id"], labels)}


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
    return {"n_sentences": len(coding.sentences), "n_matches": len(coding.matches), "n_hits": len(coding.hits),
            "max_words": int(coding.words.max()), "min_words": int(coding.words.min())}


def document_table(coding: Coding) -> pd.DataFrame:
    """Words, sentences, mentions, themes mentioned and mentions per 1,000 words of each document, in order."""
    documents = coding.documents

    def per_document(values: pd.Series):
        return values.reindex(documents).fillna(0).astype(int).to_numpy()

    table = pd.DataFrame({
        "doc_id": documents,
        "meeting_id": coding.docs.loc[documents, "meeting_id"].to_numpy(),
        "words": coding.words.reindex(documents).to_numpy(),
        "sentences": per_document(coding.sentences.groupby("doc_id").size()),
        "mentions": per_document(coding.hits.groupby("doc_id").size()),
        "themes mentioned": per_document(coding.hits.groupby("doc_id")["theme_id"].nunique()),
    })
    table["mentions per 1,000 words"] = (1000 * table["mentions"] / table["words"]).round(1)
    return table


def meeting_facts(coding: Coding, top_theme: str = "criminal_organisations") -> dict:
    """Meetings at which ``top_theme`` has the highest rate, and themes present at the last meeting."""
    top = coding.rates.idxmax(axis=0)
    return {"top_theme_meetings": int((top == top_theme).sum()),
            "n_themes_2023": int(coding.present[coding.meetings[-1]].sum())}


def heatmap_data(rates: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The theme x meeting rates (to 3 decimals) and counts as one long table: theme_id, meeting_id, both values."""
    long_rates = rates.round(3).reset_index().melt(id_vars="theme_id", var_name="meeting_id",
                                                    value_name="per_1000_words")
    long_counts = counts.reset_index().melt(id_vars="theme_id", var_name="meeting_id", value_name="mentions")
    return long_rates.merge(long_counts, on=["theme_id", "meeting_id"])


def continuity_facts(coding: Coding) -> dict:
    """Themes present at one meeting only, with gaps, and first present after the first meeting (counts, names)."""
    fl = coding.first_last
    once = fl.loc[fl["persistence"] == 1, "theme_id"]
    late = fl.loc[fl["first"].notna() & (fl["first"] != coding.meetings[0]), "theme_id"]
    return {"n_once": len(once), "once_labels": label_list(once, coding.labels),
            "n_gappy": int((fl["gaps"] > 0).sum()), "n_late": len(late), "late_labels": label_list(late, coding.labels)}


def timeline_table(first_last_rows: pd.DataFrame, present: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.themes.first_last` in drawing order, with a presence column per meeting.

    Themes are ordered by first appearance, then by persistence (highest
    first); meetings are the columns of ``present``, in order.
    """
    position = {m: i for i, m in enumerate(present.columns)}
    order = first_last_rows.sort_values(["first", "persistence"], kind="stable",
                                        key=lambda s: s.map(position) if s.name == "first" else -s)
    return order.merge(present.reset_index(), on="theme_id")


def overlap_facts(coding: Coding, short_year: int = 2020) -> dict:
    """The range of the Jaccard overlap of consecutive meetings, and the words of the meetings of ``short_year``."""
    jac = jaccard_consecutive(coding.present)
    return {"jaccard_min": float(jac["jaccard"].min()), "jaccard_max": float(jac["jaccard"].max()),
            "words_2020": int(coding.meeting_words[meetings_of_year(coding.dates, short_year)].sum())}


def jaccard_table(present: pd.DataFrame) -> pd.DataFrame:
    """:func:`jaccard_consecutive` with the overlap rounded to two decimals."""
    jac = jaccard_consecutive(present)
    return jac.assign(jaccard=jac["jaccard"].round(2))


def changes_table(present: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """:func:`changes` as one row per pair of consecutive meetings: the themes that appear and that drop ("; ")."""
    chg = changes(present)
    table = (chg.assign(theme=chg["theme_id"].map(labels))
             .groupby(["from", "to", "change"], sort=False)["theme"].agg("; ".join).unstack("change")
             .reindex(columns=["appears", "drops"]).fillna("").reset_index())
    table.columns.name = None
    return table


@dataclass
class Pair:
    """A meeting reported by more than one document: its id, its documents (in order), the U.S. and Mexican one."""

    meeting: str
    documents: list[str]
    us: str
    mx: str


def account_pair(coding: Coding) -> Pair:
    """The first meeting with several accounts, and the first U.S. and first Mexican account of it."""
    docs = coding.docs
    meeting = next(m for m in coding.meetings if (docs["meeting_id"] == m).sum() > 1)
    pair = [d for d in coding.documents if docs.at[d, "meeting_id"] == meeting]
    country = {d: docs.at[d, "publisher_country"] for d in pair}
    return Pair(meeting, pair, next(d for d in pair if country[d] == "US"), next(d for d in pair if country[d] == "MX"))


def pair_facts(coding: Coding, pair: Pair) -> dict:
    """Themes the two accounts share and those only one mentions, their Jaccard overlap and profile similarity."""
    counts = coding.doc_counts
    us, mx = (set(counts.index[counts[d] > 0]) for d in (pair.us, pair.mx))
    themes = list(coding.book["theme_id"])
    return {
        "2017_shared": len(us & mx),
        "2017_only_us": label_list([t for t in themes if t in us - mx], coding.labels),
        "2017_only_mx": label_list([t for t in themes if t in mx - us], coding.labels),
        "2017_jaccard": jaccard(us, mx),
        "2017_profile_cosine": float(theme_similarity(coding.doc_rates[[pair.us, pair.mx]]).iat[0, 1]),
    }


def pair_table(coding: Coding, pair: Pair) -> pd.DataFrame:
    """Mentions and mentions per 1,000 words of each theme in each account of ``pair`` (themes in neither left out)."""
    book, counts = coding.book, coding.doc_counts
    side = pd.DataFrame({"theme": [coding.labels[t] for t in book["theme_id"]]}, index=book["theme_id"])
    for d in pair.documents:
        country = coding.docs.at[d, "publisher_country"]
        side[f"{d} ({country}): mentions"] = counts[d]
        side[f"{d} ({country}): per 1,000 words"] = coding.doc_rates[d].round(1)
    return side[(counts[pair.documents] > 0).any(axis=1)].reset_index(drop=True)


def similarity_facts(sim: pd.DataFrame, pair: Pair) -> dict:
    """The similarity of the two accounts of ``pair``, whether they are the most similar pair, and the least similar."""
    n = len(sim)
    lower = pd.DataFrame([[i >= j for j in range(n)] for i in range(n)], index=sim.index, columns=sim.columns)
    pairs = sim.where(~lower).stack()
    most = pairs.idxmax() in {(pair.us, pair.mx), (pair.mx, pair.us)}
    return {"sim_pair": float(sim.at[pair.us, pair.mx]),
            "sim_most_is_2017": "are the most similar pair" if most else "are not the most similar pair",
            "sim_min": float(pairs.min()), "sim_least_pair": " / ".join(pairs.idxmin())}


def similarity_data(sim: pd.DataFrame) -> pd.DataFrame:
    """The similarity matrix to four decimals, with its row ids as a doc_id column."""
    return sim.round(4).rename_axis("doc_id").reset_index()


#: What the texts say about their own agenda: a phrase of the sentence, and the theme it should be coded as.
SELF_STATEMENTS = [
    ("first to include migration", "migration"),
    ("treat fentanyl as a common problem", "synthetic_drugs"),
    ("treat fentanyl as a common problem", "sovereignty_shared_responsibility"),
]


def validation_table(coding: Coding, statements=SELF_STATEMENTS) -> pd.DataFrame:
    """Each sentence holding a phrase of ``statements``: is it coded as its theme, by which terms; where is it."""
    sentence_rows_, hit_rows = coding.sentences, coding.hits
    firsts = coding.first_last.set_index("theme_id")["first"]
    rows = []
    for phrase, theme in statements:
        found = sentence_rows_[sentence_rows_["sentence"].str.contains(phrase, regex=False)]
        for s in found.itertuples(index=False):
            coded = hit_rows[(hit_rows["doc_id"] == s.doc_id) & (hit_rows["sentence_no"] == s.sentence_no)
                             & (hit_rows["theme_id"] == theme)]
            rows.append({"doc_id": s.doc_id, "meeting_id": s.meeting_id, "sentence": s.sentence, "theme": theme,
                         "sentence coded": "yes" if len(coded) else "no",
                         "terms matched": coded["terms"].iloc[0] if len(coded) else "",
                         "theme first present": firsts[theme],
                         "meetings with theme": int(coding.present.loc[theme].sum())})
    return pd.DataFrame(rows)


def validation_facts(coding: Coding, validation: pd.DataFrame, new_theme: str = "migration") -> dict:
    """Meetings before ``new_theme`` first appears, and whether every statement of ``validation`` is coded."""
    first = coding.first_last.set_index("theme_id").at[new_theme, "first"]
    return {"n_before_migration": coding.meetings.index(first),
            "validation_all_coded": bool((validation["sentence coded"] == "yes").all())}


def thin_cells(counts: pd.DataFrame) -> list[tuple[str, str]]:
    """The (theme, column) cells of a count matrix that rest on a single mention, row by row."""
    return [(t, m) for t in counts.index for m in counts.columns if counts.at[t, m] == 1]


def thin_kwic(coding: Coding, width: int = 50) -> pd.DataFrame:
    """Keyword in context (:func:`kwic`) of the mention behind every theme x meeting cell of one mention."""
    audit = pd.concat([cell(coding.hits, t, m) for t, m in thin_cells(coding.counts)], ignore_index=True)
    kw = kwic(audit, width=width)
    return kw.assign(theme=kw["theme_id"].map(coding.labels))[
        ["meeting_id", "doc_id", "sentence_no", "theme", "left", "matched", "right"]]


def measure_scores(coding: Coding) -> dict[str, pd.Series]:
    """Each theme's meetings present, total mentions and mean mentions per 1,000 words over the meetings."""
    return {"meetings present": coding.present.sum(axis=1), "mentions": coding.counts.sum(axis=1),
            "mean per 1,000 words": coding.rates.mean(axis=1)}


def measure_facts(coding: Coding) -> dict:
    """The last meeting's share of all mentions, the rank correlations of the three measures and the top theme(s)."""
    counts, rates = coding.counts, coding.rates
    rho = rank_agreement(measure_scores(coding))
    top_count, top_rate = counts.sum(axis=1).idxmax(), rates.mean(axis=1).idxmax()
    count_name, rate_name = label_list([top_count], coding.labels), label_list([top_rate], coding.labels)
    return {
        "share_2023": float(100 * counts[coding.meetings[-1]].sum() / counts.to_numpy().sum()),
        "rho_presence_rate": float(rho.at["meetings present", "mean per 1,000 words"]),
        "rho_presence_count": float(rho.at["meetings present", "mentions"]),
        "rho_count_rate": float(rho.at["mentions", "mean per 1,000 words"]),
        "top_phrase": f"Counts and mean rates agree on the top theme, {count_name}" if top_count == top_rate else
                      f"The top theme is {count_name} by counts but {rate_name} by mean rate",
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


def loto_facts(coding: Coding, loto: pd.DataFrame, new_theme: str = "migration", drug_theme: str = "synthetic_drugs",
               short_year: int = 2020) -> dict:
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
        "n_terms_used": len(used), "n_fragile_terms": len(fragile),
        "loto_migration": "depends" if (fragile["theme_id"] == new_theme).any() else "does not depend",
        "loto_fentanyl": "the single term " + " / ".join(f'"{t}"' for t in single["term"]) if len(single)
                         else "more than one term",
        "loto_theme_max": float(leave_one_theme_out(coding.present).loc[:, "difference"].abs().max()),
    }


def fragile_table(loto: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """The terms of :func:`leave_one_term_out` whose removal alone takes a theme out of a meeting, for print."""
    _, fragile = _fragile(loto)
    table = fragile.assign(theme=fragile["theme_id"].map(labels))[
        ["theme", "term", "term_matches", "cells_lost_in", "persistence_before", "persistence_after",
         "first_changes", "last_changes"]]
    yes = {True: "yes", False: ""}
    return table.assign(first_changes=table["first_changes"].map(yes),
                        last_changes=table["last_changes"].map(yes)).reset_index(drop=True)
