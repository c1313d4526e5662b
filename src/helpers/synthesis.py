"""What the three analyses say together: the measures of the conclusions.

Each function takes the tables the analyses already produce (the theme x
meeting presence matrix of :mod:`helpers.themes`, the institution
continuity of :mod:`helpers.networks`, the verdicts of
:func:`helpers.claims.check`) and combines them, so the conclusions rest on
the same numbers as the chapters they draw on. Nothing here knows how many
meetings there are.
"""

from __future__ import annotations

import pandas as pd

from . import claims as cl
from .errors import DataError

#: Verdicts that support a statistic, and the errors of the text (the claims chapter's rules).
CHECKED_OK = (cl.CONSISTENT, cl.APPROXIMATE)
CHECKED_OFF = (cl.OVERSTATED, cl.UNDERSTATED, cl.INTERNAL, cl.TRANSLATION)


def persistence_distribution(theme_presence: pd.DataFrame, institution_meetings: pd.Series) -> pd.DataFrame:
    """How many themes and institutions appear at 1, 2, ... n of the n meetings.

    ``theme_presence`` is the boolean theme x meeting matrix (its columns are
    the meetings); ``institution_meetings`` the number of meetings each
    institution lineage attended. Themes never present are counted at 0.
    One row per number of meetings, with counts and shares of each kind.
    """
    n_meetings = theme_presence.shape[1]
    themes = theme_presence.sum(axis=1).astype(int)
    # A row for 0 only when some theme of the codebook was never found.
    levels = range(0 if (themes == 0).any() else 1, n_meetings + 1)
    frame = pd.DataFrame(
        {
            "meetings_present": list(levels),
            "themes": [int((themes == k).sum()) for k in levels],
            "institutions": [int((institution_meetings == k).sum()) for k in levels],
        }
    )
    frame["themes_share"] = frame["themes"] / max(len(themes), 1)
    frame["institutions_share"] = frame["institutions"] / max(len(institution_meetings), 1)
    return frame


def sector_alignment(
    sector_themes: pd.DataFrame, theme_presence: pd.DataFrame, sectors_present: pd.DataFrame, known_sectors
) -> pd.DataFrame:
    """For each specialist sector: the meetings it attended and those where its themes were on the agenda.

    ``sector_themes`` maps sectors to the themes in their remit;
    ``theme_presence`` is the theme x meeting presence matrix;
    ``sectors_present`` has one row per meeting and sector at the table
    (either delegation: columns ``meeting_id``, ``sector``). Returns one row
    per sector: ``themes`` (its themes), ``at_table`` (meetings it attended),
    ``on_agenda`` (meetings where any of its themes was present), ``both``,
    ``agenda_only`` and ``table_only``, in meeting order, as counts and
    ``|``-joined meeting ids.
    """
    meetings = list(theme_presence.columns)
    unknown = sorted(set(sector_themes["sector"]) - set(known_sectors))
    if unknown:
        row = int(sector_themes.index[sector_themes["sector"] == unknown[0]][0]) + 1
        raise DataError(
            "sector_themes.csv", f"sector {unknown[0]!r} is not a sector of agencies.csv", row=row, field="sector"
        )
    attended = sectors_present.groupby("sector")["meeting_id"].agg(set)
    rows = []
    for sector, group in sector_themes.groupby("sector", sort=True):
        themes = list(group["theme_id"])
        on_agenda = {m for m in meetings if theme_presence.loc[themes, m].any()}
        at_table = attended.get(sector, set()) & set(meetings)
        sets = {
            "at_table": at_table,
            "on_agenda": on_agenda,
            "both": at_table & on_agenda,
            "agenda_only": on_agenda - at_table,
            "table_only": at_table - on_agenda,
        }
        row = {"sector": sector, "themes": "|".join(themes)}
        for name, found in sets.items():
            row[name] = len(found)
            row[f"{name}_meetings"] = "|".join(m for m in meetings if m in found)
        rows.append(row)
    return pd.DataFrame(rows)


def names(labels: list[str]) -> str:
    """Labels as a phrase: "a", "a and b", "a, b and c"."""
    return ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else "".join(labels)


def scope_facts(meetings: pd.DataFrame, documents: pd.DataFrame, reporting: pd.DataFrame, listed: list[str]) -> dict:
    """What the like-for-like comparison covers: the meetings, the texts, the meetings whose texts list both
    delegations (``listed``, in order) and the genres of those texts, and how many of the High-Level Security
    Dialogues (series ``hlsd``) are among them. ``reporting`` links texts to meetings (``meeting_id``,
    ``doc_id``)."""
    texts = reporting.loc[reporting["meeting_id"].isin(listed), "doc_id"]
    genres = sorted(set(documents.set_index("doc_id").loc[texts, "genre"]))
    dialogues = set(meetings.loc[meetings["series_id"] == "hlsd", "meeting_id"])
    return {
        "n_meetings": len(meetings),
        "n_listed": len(listed),
        "listed_meetings": names(list(listed)),
        "listed_genres": names(genres),
        "n_hlsd": len(dialogues),
        "n_hlsd_listed": len(dialogues & set(listed)),
        "n_documents": len(documents),
    }


def persistence_facts(
    distribution: pd.DataFrame, institution_meetings: pd.Series, lineage_labels: pd.Series, n_meetings: int
) -> dict:
    """The numbers the conclusions quote from :func:`persistence_distribution`.

    Themes and institutions present at every meeting and at a single one
    (counts and per cent), and the names of the institutions present at all.
    """
    at_all = distribution[distribution["meetings_present"] == n_meetings].iloc[0]
    once = distribution[distribution["meetings_present"] == 1].iloc[0]
    every = sorted(lineage_labels[institution_meetings[institution_meetings == n_meetings].index])
    return {
        "themes_all": int(at_all["themes"]),
        "themes_all_pct": 100 * float(at_all["themes_share"]),
        "inst_all": int(at_all["institutions"]),
        "inst_all_pct": 100 * float(at_all["institutions_share"]),
        "inst_all_names": names(every),
        "inst_once_pct": 100 * float(once["institutions_share"]),
        "themes_once_pct": 100 * float(once["themes_share"]),
    }


def alignment_facts(alignment: pd.DataFrame) -> dict:
    """The numbers the conclusions quote from :func:`sector_alignment`.

    Sector-and-meeting pairs with the sector's themes on the agenda, those
    where the sector was absent (count and per cent), those where it sat
    without its themes, and the sector with the widest such gap.
    """
    on_agenda = int(alignment["on_agenda"].sum())
    absent = int(alignment["agenda_only"].sum())
    widest = alignment.sort_values(["agenda_only", "sector"], ascending=[False, True], kind="stable").iloc[0]
    return {
        "pairs_agenda": on_agenda,
        "pairs_absent": absent,
        "pairs_absent_pct": 100 * absent / on_agenda,
        "pairs_table_only": int(alignment["table_only"].sum()),
        "gap_sector": str(widest["sector"]),
        "gap_at_table": int(widest["at_table"]),
        "gap_on_agenda": int(widest["on_agenda"]),
    }


def alignment_table(alignment: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """:func:`sector_alignment` as the conclusions print it: theme labels, meeting lists, readers' headings."""
    shown = alignment.assign(themes=alignment["themes"].map(lambda t: "; ".join(labels[x] for x in t.split("|"))))
    shown = shown[
        ["sector", "themes", "at_table_meetings", "on_agenda_meetings", "agenda_only_meetings", "table_only_meetings"]
    ]
    shown.columns = [
        "sector",
        "themes in its remit",
        "at the table",
        "its themes on the agenda",
        "agenda without the sector",
        "sector without its themes",
    ]
    for column in shown.columns[2:]:
        shown[column] = shown[column].str.replace("|", ", ", regex=False)
    return shown


def like_for_like(theme_presence: pd.DataFrame, continuity: pd.DataFrame, meetings: list[str]):
    """The presence matrix and the institutions' meeting counts restricted to ``meetings``.

    ``continuity`` has one row per institution lineage and meeting
    (:func:`helpers.networks.continuity`). Used with the meetings whose texts
    list both delegations, so that an institution absent from a meeting is
    absent from a list, not from a text that names nobody.
    """
    missing = [m for m in meetings if m not in theme_presence.columns]
    if missing:
        raise KeyError(f"meeting {missing[0]!r} has no column in the theme presence matrix")
    institutions = continuity[continuity["meeting_id"].isin(meetings)].groupby("lineage_id")["meeting_id"].nunique()
    return theme_presence[meetings], institutions


def spread_facts(theme_presence: pd.DataFrame, institution_meetings: pd.Series, n_meetings: int) -> dict:
    """The mean share of the meetings at which a theme, and an institution, is present (per cent)."""
    return {
        "themes_mean_share": 100 * float(theme_presence.mean(axis=1).mean()),
        "inst_mean_share": 100 * float((institution_meetings / n_meetings).mean()),
    }


def verdicts_by_genre(checked: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The claims of each genre of text by nature and verdict group, genres with most claims first.

    Columns: ``genre``, ``texts``, ``claims``, ``statistics``, ``rated``
    (statistics rated against an independent reference), ``supported``
    (consistent or approximately), ``errors of the text``, ``statistics not
    verifiable``, ``programme outputs`` and ``outputs found`` (confirmed or
    partly confirmed in the programme's own record).
    """
    genre = checked["doc_id"].map(documents.set_index("doc_id")["genre"])
    if genre.isna().any():
        raise KeyError(f"claim {checked.loc[genre.isna(), 'claim_id'].iloc[0]!r} has no document")
    frame = checked.assign(genre=genre)
    texts = documents.groupby("genre").size()
    rows = []
    for name, group in frame.groupby("genre", sort=True):
        verdict = group["verdict"]
        rows.append(
            {
                "genre": name,
                "texts": int(texts[name]),
                "claims": len(group),
                "statistics": int((group["nature"] == "statistic").sum()),
                "rated": int((group["group"] == "statistics rated against a reference").sum()),
                "supported": int(verdict.isin(CHECKED_OK).sum()),
                "errors of the text": int((group["group"] == "errors of the text").sum()),
                "statistics not verifiable": int((verdict == cl.NOT_VERIFIABLE).sum()),
                "programme outputs": int((group["nature"] == "programme output").sum()),
                "outputs found": int(verdict.isin([cl.CONFIRMED, cl.PARTLY_CONFIRMED]).sum()),
            }
        )
    table = pd.DataFrame(rows).sort_values(["claims", "genre"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def genre_verdict_facts(by_genre: pd.DataFrame, checked: pd.DataFrame, documents: pd.DataFrame) -> dict:
    """What the conclusions quote from :func:`verdicts_by_genre`: the genre with most claims and its share,
    the texts with no number, the statistics rated and supported, the errors of the text and where they are,
    and the programme outputs found in a public record."""
    top = by_genre.iloc[0]
    total = int(by_genre["claims"].sum())
    errors = checked[checked["group"] == "errors of the text"]
    error_docs = sorted(set(errors["doc_id"]))
    return {
        "claims_all": total,
        "top_genre": str(top["genre"]),
        "top_genre_texts": int(top["texts"]),
        "top_genre_claims": int(top["claims"]),
        "top_genre_share": 100 * float(top["claims"]) / total,
        "texts_without_numbers": int(len(documents) - checked["doc_id"].nunique()),
        "statistics": int(by_genre["statistics"].sum()),
        "rated": int(by_genre["rated"].sum()),
        "supported": int(by_genre["supported"].sum()),
        "errors": len(errors),
        "error_docs": names(error_docs) if error_docs else "none",
        "outputs": int(by_genre["programme outputs"].sum()),
        "outputs_found": int(by_genre["outputs found"].sum()),
    }


def gap_sectors(alignment: pd.DataFrame, at_least: int = 2) -> str:
    """The sectors whose themes were on the agenda without them at ``at_least`` meetings or more, widest gap
    first, as a phrase ("tax and customs and public health"; "none")."""
    wide = alignment[alignment["agenda_only"] >= at_least].sort_values(
        ["agenda_only", "sector"], ascending=[False, True], kind="stable"
    )
    return names(list(wide["sector"])) or "none"
