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

#: Verdict groups of the reliability measure.
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
    frame = pd.DataFrame({
        "meetings_present": list(levels),
        "themes": [int((themes == k).sum()) for k in levels],
        "institutions": [int((institution_meetings == k).sum()) for k in levels],
    })
    frame["themes_share"] = frame["themes"] / max(len(themes), 1)
    frame["institutions_share"] = frame["institutions"] / max(len(institution_meetings), 1)
    return frame


def sector_alignment(sector_themes: pd.DataFrame, theme_presence: pd.DataFrame,
                     sectors_present: pd.DataFrame, known_sectors) -> pd.DataFrame:
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
        raise DataError("sector_themes.csv", f"sector {unknown[0]!r} is not a sector of agencies.csv", row=row,
                        field="sector")
    attended = sectors_present.groupby("sector")["meeting_id"].agg(set)
    rows = []
    for sector, group in sector_themes.groupby("sector", sort=True):
        themes = list(group["theme_id"])
        on_agenda = {m for m in meetings if theme_presence.loc[themes, m].any()}
        at_table = attended.get(sector, set()) & set(meetings)
        sets = {"at_table": at_table, "on_agenda": on_agenda, "both": at_table & on_agenda,
                "agenda_only": on_agenda - at_table, "table_only": at_table - on_agenda}
        row = {"sector": sector, "themes": "|".join(themes)}
        for name, found in sets.items():
            row[name] = len(found)
            row[f"{name}_meetings"] = "|".join(m for m in meetings if m in found)
        rows.append(row)
    return pd.DataFrame(rows)


def reliability_by_meeting(checked: pd.DataFrame, claim_meeting: pd.Series, meetings: list[str]) -> pd.DataFrame:
    """Verdicts of the claims made at each meeting, in ``meetings`` order.

    ``checked`` is :func:`helpers.claims.check`; ``claim_meeting`` maps a
    claim_id to the meeting of its document. Columns: claims, checkable
    (a verdict other than not verifiable), consistent (consistent or
    approximately so), off (overstated, understated, internally
    inconsistent or a translation discrepancy), not_verifiable and
    ``consistent_share`` (consistent / checkable, empty when none is).
    """
    verdicts = checked.assign(meeting_id=checked["claim_id"].map(claim_meeting))
    if verdicts["meeting_id"].isna().any():
        missing = verdicts.loc[verdicts["meeting_id"].isna(), "claim_id"].iloc[0]
        raise KeyError(f"claim {missing!r} has no meeting")
    rows = []
    for meeting in meetings:
        mine = verdicts.loc[verdicts["meeting_id"] == meeting, "verdict"]
        checkable = int((mine != cl.NOT_VERIFIABLE).sum())
        consistent = int(mine.isin(CHECKED_OK).sum())
        rows.append({
            "meeting_id": meeting, "claims": int(len(mine)), "checkable": checkable, "consistent": consistent,
            "off": int(mine.isin(CHECKED_OFF).sum()), "not_verifiable": int((mine == cl.NOT_VERIFIABLE).sum()),
            "consistent_share": consistent / checkable if checkable else float("nan"),
        })
    return pd.DataFrame(rows)


def _names(labels: list[str]) -> str:
    """ "a", "a and b", "a, b and c" """
    return ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else "".join(labels)


def persistence_facts(distribution: pd.DataFrame, institution_meetings: pd.Series, lineage_labels: pd.Series,
                      n_meetings: int) -> dict:
    """The numbers the conclusions quote from :func:`persistence_distribution`.

    Themes and institutions present at every meeting and at a single one
    (counts and per cent), and the names of the institutions present at all.
    """
    at_all = distribution[distribution["meetings_present"] == n_meetings].iloc[0]
    once = distribution[distribution["meetings_present"] == 1].iloc[0]
    every = sorted(lineage_labels[institution_meetings[institution_meetings == n_meetings].index])
    return {
        "themes_all": int(at_all["themes"]), "themes_all_pct": 100 * float(at_all["themes_share"]),
        "inst_all": int(at_all["institutions"]), "inst_all_pct": 100 * float(at_all["institutions_share"]),
        "inst_all_names": _names(every),
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
        "pairs_agenda": on_agenda, "pairs_absent": absent, "pairs_absent_pct": 100 * absent / on_agenda,
        "pairs_table_only": int(alignment["table_only"].sum()),
        "gap_sector": str(widest["sector"]), "gap_at_table": int(widest["at_table"]),
        "gap_on_agenda": int(widest["on_agenda"]),
    }


def reliability_facts(reliability: pd.DataFrame) -> dict:
    """The numbers the conclusions quote from :func:`reliability_by_meeting`.

    The meeting with the most claims against all the others: its claims
    (count, per cent of all), its rank in time, its checkable and consistent
    claims, and the checkable and consistent claims of the other meetings.
    """
    busiest = int(reliability["claims"].idxmax())
    last, before = reliability.loc[busiest], reliability.drop(index=busiest)
    total = int(reliability["claims"].sum())
    return {
        "claims_all": total, "claims_last": int(last["claims"]),
        "claims_last_pct": 100 * float(last["claims"]) / float(total),
        "last_meeting": str(last["meeting_id"]), "last_rank": busiest + 1,
        "last_checkable": int(last["checkable"]), "last_consistent": int(last["consistent"]),
        "last_consistent_pct": 100 * float(last["consistent_share"]) if last["checkable"] else float("nan"),
        "before_checkable": int(before["checkable"].sum()), "before_consistent": int(before["consistent"].sum()),
    }


def alignment_table(alignment: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """:func:`sector_alignment` as the conclusions print it: theme labels, meeting lists, readers' headings."""
    shown = alignment.assign(themes=alignment["themes"].map(lambda t: "; ".join(labels[x] for x in t.split("|"))))
    shown = shown[["sector", "themes", "at_table_meetings", "on_agenda_meetings", "agenda_only_meetings",
                   "table_only_meetings"]]
    shown.columns = ["sector", "themes in its remit", "at the table", "its themes on the agenda",
                     "agenda without the sector", "sector without its themes"]
    for column in shown.columns[2:]:
        shown[column] = shown[column].str.replace("|", ", ", regex=False)
    return shown


def reliability_table(reliability: pd.DataFrame) -> pd.DataFrame:
    """:func:`reliability_by_meeting` as the conclusions print it (the consistent share in per cent)."""
    shown = reliability.assign(consistent_share=reliability["consistent_share"].map(
        lambda v: "" if v != v else f"{100 * v:.0f}%"))
    shown.columns = ["meeting", "claims", "checkable", "consistent or approximately",
                     "overstated, understated or discrepant", "not verifiable", "consistent share of checkable"]
    return shown
