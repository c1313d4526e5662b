"""The claims chapter's cross-checks, tables and the numbers it quotes, from the checked claims.

:func:`helpers.claims.check` decides one verdict per claim (a table, ``checked``);
each function here takes the dataset and that table and returns either a dict
of the values a section of the chapter quotes (glued with
:func:`helpers.book.glue_all`) or a table shaped for print
(:func:`helpers.tables.show_table`) or for download. It holds

* the cross-checks of accounts and references: the same figure in two texts
  of a meeting (:func:`two_accounts`), every reference linked to a claim
  (:func:`linked_references`), the reductions implied by every baseline and
  end year of a series (:func:`reduction_scenarios`), and the errata that
  fall on a claim (:func:`claim_errata`);
* the inventory of the claims and the counts of the verdicts
  (:func:`inventory`, :func:`verdict_summary`, the ``*_facts`` functions);
* the book's tables and exports (:func:`verdict_table`, :func:`compact_table`,
  :func:`export_verdicts`, :func:`ratio_points`, :func:`claim_anchor`).

What decides a verdict (the verdicts, tolerances, comparison rules and
reference values) stays in :mod:`helpers.claims`; the figures are drawn by
:mod:`helpers.charts.claims` from the tables here. This is an analysis module:
it imports :mod:`helpers.claims`, :mod:`helpers.quantities`,
:mod:`helpers.units`, :mod:`helpers.tables` (the :class:`~helpers.tables.Anchor`
of a table cell) and :mod:`helpers.text`, and no drawing code (no matplotlib,
:mod:`helpers.figures` or :mod:`helpers.charts`).
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd

from . import quantities, units
from .claims import (
    APPROXIMATE,
    COMMITMENT,
    COMMITMENT_MET,
    COMMITMENT_NOT_MET,
    CONFIRMED,
    CONSISTENT,
    DEFAULT_TOLERANCE,
    DIFFERS,
    GROUP_OF,
    INTERNAL,
    NATURES,
    NOT_CHECKED,
    NOT_FOUND,
    NOT_RATED,
    NOT_VERIFIABLE,
    OVERSTATED,
    PARTLY_CONFIRMED,
    SUPPORTING,
    TRANSLATION,
    UNDERSTATED,
    VERDICT_GROUPS,
    VERDICTS,
    Tolerance,
    baseline_reference,
    compare,
    format_quantity,
    meeting_dates,
    reference_value,
    usable,
)
from .quantities import stated_precision
from .tables import Anchor
from .text import is_missing

# --------------------------------------------------------------------------
# Cross-source checks
# --------------------------------------------------------------------------


def _linked_ids(links: pd.DataFrame) -> dict[str, set]:
    """claim_id -> the reference ids its links name (any role)."""
    named = links[links["reference_id"].map(lambda r: not is_missing(r))]
    return named.groupby("claim_id")["reference_id"].agg(set).to_dict()


def two_accounts(ds) -> pd.DataFrame:
    """Figures that two texts of the same meeting both give: the same value, linked to the same reference.

    One row per claim of such a figure (``figure`` numbers the figures in
    meeting order), with its meeting, text, genre, quote, period and measure.
    Claims with the same value but no common reference (two different
    "$1.5 billion") are not the same figure.
    """
    docs = ds.documents.merge(ds.meetings[["meeting_id", "date"]], on="meeting_id", how="left")
    claims = ds.claims.merge(docs[["doc_id", "meeting_id", "genre", "date"]], on="doc_id", how="left")
    linked = _linked_ids(ds.claim_checks)
    rows, seen = [], set()
    for (meeting, value), group in claims.groupby(["meeting_id", "value"], sort=False):
        for a in group.itertuples(index=False):
            mates = [
                b
                for b in group.itertuples(index=False)
                if b.doc_id != a.doc_id and linked.get(a.claim_id, set()) & linked.get(b.claim_id, set())
            ]
            if mates and a.claim_id not in seen:
                members = [a, *mates]
                seen.update(m.claim_id for m in members)
                rows += [
                    {
                        "meeting_id": meeting,
                        "date": m.date,
                        "value": value,
                        "claim_id": m.claim_id,
                        "doc_id": m.doc_id,
                        "genre": m.genre,
                        "quote": m.quote,
                        "period": m.period,
                        "measure": m.measure,
                        "unit": m.unit,
                    }
                    for m in members
                ]
    frame = pd.DataFrame(
        rows,
        columns=["meeting_id", "date", "value", "claim_id", "doc_id", "genre", "quote", "period", "measure", "unit"],
    )
    frame = frame.sort_values(["date", "meeting_id", "value", "doc_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "figure", frame.groupby(["meeting_id", "value"], sort=False).ngroup() + 1)
    return frame.drop(columns="date")


def two_accounts_table(two: pd.DataFrame, checked: pd.DataFrame) -> pd.DataFrame:
    """:func:`two_accounts` as the chapter prints it: the figure, each text's wording, its period and verdict."""
    verdicts = checked.set_index("claim_id")
    return pd.DataFrame(
        {
            "figure": [format_quantity(v, u) for v, u in zip(two["value"], two["unit"], strict=True)],
            "meeting": two["meeting_id"],
            "claim": two["claim_id"],
            "text": two["doc_id"],
            "genre": two["genre"],
            "as written": two["quote"],
            "period": two["period"],
            "verdict": [
                verdict_label(verdicts.loc[c, "verdict"], verdicts.loc[c, "strength"]) for c in two["claim_id"]
            ],
        }
    )


def two_accounts_facts(two: pd.DataFrame, checked: pd.DataFrame) -> dict:
    """Figures given by two texts of one meeting, the meetings they come from, and how many get one verdict."""
    verdicts = checked.set_index("claim_id")["verdict"]
    same = two.assign(verdict=two["claim_id"].map(verdicts)).groupby("figure")["verdict"].nunique().eq(1)
    periods = two.groupby("figure")["period"].nunique().gt(1)
    return {
        "two_n": int(two["figure"].nunique()),
        "two_meetings": int(two["meeting_id"].nunique()),
        "two_same_verdict": int(same.sum()),
        "two_period_differs": int(periods.sum()),
    }


def linked_references(ds, claim_id: str) -> pd.DataFrame:
    """Every reference linked to a claim, with its value in the claim's unit (None when unusable) and the ratio."""
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    refs = ds.reference_stats.set_index("reference_id", drop=False)
    dates = meeting_dates(ds)
    rows = []
    for link in ds.claim_checks[ds.claim_checks["claim_id"] == claim_id].itertuples(index=False):
        if is_missing(link.reference_id):
            continue
        ref = refs.loc[link.reference_id]
        ok, why = usable(ref)
        base = baseline_reference(refs, link)
        value = None
        if ok:
            try:
                value = reference_value(ref, claim["unit"], baseline=base, meeting_date=dates.get(claim["doc_id"]))
            except ValueError:
                value = None  # another unit: shown in the context, not comparable
        rows.append(
            {
                "claim_id": claim_id,
                "role": link.role,
                "reference_id": ref["reference_id"],
                "item": ref["item"],
                "period": ref["period"],
                "value": value,
                "unit": claim["unit"],
                "confirmed": bool(ref["confirmed"]),
                "ratio": float(claim["value"]) / value if value else None,
                "page": ref["page"],
                "publisher": ref["publisher"],
                "address": ref["url"],
            }
        )
    return pd.DataFrame(rows)


def _acronym(name: str) -> str:
    """The acronym in parentheses of an agency name ("... (SSPC), Mexico" -> "SSPC"), else the name."""
    found = re.search(r"\(([^)]+)\)", name or "")
    return found.group(1) if found else name


def reduction_scenarios(ds, claim_id: str) -> pd.DataFrame:
    """Percentage reductions implied by every baseline and end year of the series a claim is checked against.

    For each series named in ``reference_stats.series`` that a link of the
    claim uses (statistic, range or context), every pair of years
    ``baseline < end`` gives ``reduction = 100 * (1 - end / baseline)``.
    Linked percentage references without a series (e.g. a government's own
    metric) are added as single scenarios. ``after_claim`` marks figures for
    a year that had not ended when the claim was made.
    """
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    meeting_year = int(meeting_dates(ds)[claim["doc_id"]].year)
    refs = ds.reference_stats
    links = ds.claim_checks[
        (ds.claim_checks["claim_id"] == claim_id) & ds.claim_checks["role"].isin(["statistic", "range", "context"])
    ]
    by_id = refs.set_index("reference_id", drop=False)
    series = sorted({by_id.loc[r, "series"] for r in links["reference_id"] if not is_missing(by_id.loc[r, "series"])})
    rows = []
    for name in series:
        points = refs[(refs["series"] == name) & refs["confirmed"].astype(bool)].sort_values("year", kind="stable")
        for base in points.itertuples(index=False):
            for end in points.itertuples(index=False):
                if int(end.year) <= int(base.year):
                    continue
                rows.append(
                    {
                        "measure": name,
                        "label": f"{name.split(' ')[0]} {int(base.year)}-{int(end.year)}",
                        "baseline_year": int(base.year),
                        "end_year": int(end.year),
                        "baseline": float(base.value),
                        "end": float(end.value),
                        "reduction": 100.0 * (1 - float(end.value) / float(base.value)),
                        "end_status": "preliminary" if "prelim" in end.period else "definitive",
                        "after_claim": int(end.year) >= meeting_year,
                    }
                )
    for link in links.itertuples(index=False):
        ref = by_id.loc[link.reference_id]
        if ref["unit"] == "percent" and is_missing(ref["series"]) and usable(ref)[0]:
            rows.append(
                {
                    "measure": ref["item"],
                    "label": f"{_acronym(ref['official_publisher'])}: {ref['period']}",
                    "baseline_year": None,
                    "end_year": int(ref["year"]),
                    "baseline": None,
                    "end": None,
                    "reduction": float(ref["value"]),
                    "end_status": "reported",
                    "after_claim": int(ref["year"]) >= meeting_year,
                }
            )
    frame = pd.DataFrame(rows)
    frame["claimed"] = float(claim["value"])
    precision = stated_precision(claim["number_as_written"])
    frame["verdict"] = [
        compare(float(claim["value"]), r, claim["qualifier"], precision=precision) if r > 0 else OVERSTATED
        for r in frame["reduction"]
    ]
    return frame


# --------------------------------------------------------------------------
# What the chapter prints and quotes
# --------------------------------------------------------------------------


def inventory(ds) -> pd.DataFrame:
    """Claims per text by nature, with the text's genre and the total (texts in order of publication, none left out)."""
    docs = ds.documents.sort_values(["publication_date", "doc_id"], kind="stable")
    per_doc = ds.claims.pivot_table(
        index="doc_id", columns="nature", values="claim_id", aggfunc="count", fill_value=0
    ).reindex(index=docs["doc_id"], columns=NATURES, fill_value=0)
    per_doc["claims"] = per_doc.sum(axis=1)
    per_doc = per_doc.reset_index()
    per_doc.columns.name = None
    per_doc.insert(1, "genre", docs["genre"].to_numpy())
    return per_doc


def nature_by_genre(ds) -> pd.DataFrame:
    """Claims by genre of text and nature, with the number of texts of each genre and a total row.

    Genres from the most claims to the fewest (then by name).
    """
    per_doc = inventory(ds)
    table = per_doc.groupby("genre")[[*NATURES, "claims"]].sum()
    table.insert(0, "texts", per_doc.groupby("genre").size())
    table = table.sort_values(["claims", "texts"], ascending=False, kind="stable")
    table = table.reset_index()
    total = table.drop(columns="genre").sum().to_dict()
    return pd.concat([table, pd.DataFrame([{"genre": "all", **total}])], ignore_index=True)


def genre_facts(by_genre: pd.DataFrame) -> dict:
    """The genre with most claims (:func:`nature_by_genre`): its name, texts, claims and shares of all texts, claims
    and programme outputs."""
    total = by_genre[by_genre["genre"] == "all"].iloc[0]
    top = by_genre[by_genre["genre"] != "all"].iloc[0]
    return {
        "top_genre": f"{top['genre']}s",
        "top_genre_texts": int(top["texts"]),
        "top_genre_claims": int(top["claims"]),
        "top_genre_share": 100 * top["claims"] / total["claims"],
        "top_genre_text_share": 100 * top["texts"] / total["texts"],
        "top_genre_programme_share": 100 * top["programme output"] / total["programme output"],
        "n_texts": int(total["texts"]),
        "n_genres": int((by_genre["genre"] != "all").sum()),
    }


def extra_candidates(ds) -> int:
    """Quantities :func:`helpers.quantities.extract_quantities` finds in the cleaned texts that are not curated claims.

    A candidate is curated when a claim of the same text has its value.
    """
    extra = 0
    for doc_id in ds.documents["doc_id"]:
        curated = ds.claims.loc[ds.claims["doc_id"] == doc_id, "value"].astype(float).tolist()
        extra += sum(
            not any(abs(c.value - v) < 1e-9 * max(1.0, v) for v in curated)
            for c in quantities.extract_quantities(ds.text(doc_id))
        )
    return extra


def inventory_facts(ds, per_doc: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about the claims table and the extractor.

    ``per_doc`` is :func:`inventory`. Claims in all and of each nature,
    curated claims the extractor finds in their quotes (count and per cent),
    other candidates in the texts, texts without a claim, and the text with
    most claims with its share of all.
    """
    found, total, _ = quantities.recall(ds.claims)
    natures = {f"n_{nature.split()[0]}": int(per_doc[nature].sum()) for nature in NATURES}
    return {
        "n": len(ds.claims),
        **natures,
        "recall_found": found,
        "recall_pct": 100 * found / total,
        "extra": extra_candidates(ds),
        "docs_without": int((per_doc["claims"] == 0).sum()),
        "top_doc": per_doc.sort_values(["claims", "doc_id"], ascending=[False, True])["doc_id"].iloc[0],
        "top_share": 100 * per_doc["claims"].max() / len(ds.claims),
    }


def rule_facts(tolerance: Tolerance = DEFAULT_TOLERANCE) -> dict:
    """The tolerances (per cent) and unit conventions the chapter states with its rules."""
    return {
        "tol_consistent": 100 * tolerance.consistent,
        "tol_about": 100 * tolerance.about,
        "tol_approx": 100 * tolerance.approximate,
        "minutes_per_year": f"{units.MINUTES_PER_YEAR:,}",
        "days_week": int(units.convert(1, "weeks", "days")),
        "days_month": units.DAYS_PER_MONTH,
        "days_year": units.DAYS_PER_YEAR,
    }


def reference_facts(refs: pd.DataFrame) -> dict:
    """Reference rows: in all, unconfirmed, confirmed ones read on the official page or in a secondary copy, and
    those from the project's research on the 2021-2024 texts."""
    confirmed = refs["confirmed"].astype(bool)
    research = refs["origin"].fillna("").str.startswith("project research")
    return {
        "n_refs": len(refs),
        "n_refs_unconfirmed": int((~confirmed).sum()),
        "n_refs_official": int((confirmed & (refs["page"] == "official publication")).sum()),
        "n_refs_secondary": int((confirmed & (refs["page"] == "secondary copy")).sum()),
        "n_refs_research": int(research.sum()),
    }


#: Short names of the verdicts in the keys of :func:`verdict_facts`.
VERDICT_KEYS = {
    CONSISTENT: "consistent",
    APPROXIMATE: "approx",
    OVERSTATED: "over",
    UNDERSTATED: "under",
    INTERNAL: "internal",
    TRANSLATION: "translation",
    NOT_VERIFIABLE: "nv",
    CONFIRMED: "confirmed",
    PARTLY_CONFIRMED: "partly",
    DIFFERS: "differs",
    NOT_FOUND: "not_found",
    COMMITMENT_MET: "met",
    COMMITMENT_NOT_MET: "not_met",
    COMMITMENT: "pledges",
    NOT_RATED: "not_rated",
    NOT_CHECKED: "not_checked",
}

#: Short names of the verdict groups in the keys of :func:`verdict_facts`.
GROUP_KEYS = {
    "statistics rated against a reference": "checked",
    "errors of the text": "errors",
    "statistics not verifiable": "stat_nv",
    "programme outputs": "programme_checked",
    "commitments": "commitments",
    "not rated": "unrated",
    "not checked": "unchecked",
}


def verdict_summary(checked: pd.DataFrame) -> pd.DataFrame:
    """The one verdict table every count of the chapter comes from: claims by verdict (rows, in groups) and
    nature (columns), with row totals and a total row. Verdicts no claim has are left out."""
    counts = checked.pivot_table(
        index="verdict", columns="nature", values="claim_id", aggfunc="count", fill_value=0
    ).reindex(index=VERDICTS, columns=NATURES, fill_value=0)
    counts["all"] = counts.sum(axis=1)
    counts = counts[counts["all"] > 0]
    table = counts.reset_index().rename(columns={"index": "verdict"})
    table.columns.name = None
    table.insert(0, "group", table["verdict"].map(GROUP_OF))
    total = {"group": "all", "verdict": "all claims", **counts.sum().to_dict()}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def verdict_facts(checked: pd.DataFrame) -> dict:
    """Every count the chapter quotes about the verdicts, from :func:`check` through :func:`verdict_summary`.

    ``n_<verdict>`` for each verdict (:data:`VERDICT_KEYS`), ``n_<group>``
    for each group (:data:`GROUP_KEYS`; ``n_checked`` is the statistics
    rated against a reference), ``n_supported`` (statistics consistent or
    approximately), ``n_supporting`` (every verdict that supports its claim:
    :data:`SUPPORTING`), ``n_secondary`` (those resting on a secondary copy), ``n_self_reported``
    (programme outputs) and
    ``n_departures`` (verdicts that depart from the notes' assessment). The
    groups add up to all claims.
    """
    summary = verdict_summary(checked)
    rows = summary[summary["group"] != "all"].set_index("verdict")["all"]
    facts = {f"n_{key}": int(rows.get(verdict, 0)) for verdict, key in VERDICT_KEYS.items()}
    for group, key in GROUP_KEYS.items():
        facts[f"n_{key}"] = int(sum(rows.get(v, 0) for v in VERDICT_GROUPS[group]))
    if sum(facts[f"n_{key}"] for key in GROUP_KEYS.values()) != len(checked):
        raise ValueError("the verdict groups do not add up to all claims")
    supporting = checked["verdict"].isin(SUPPORTING)
    facts["n_supported"] = facts["n_consistent"] + facts["n_approx"]
    facts["n_supporting"] = int(supporting.sum())
    facts["n_secondary"] = int((supporting & (checked["strength"] == "secondary copy")).sum())
    facts["n_self_reported"] = int((checked["nature"] == "programme output").sum())
    facts["n_departures"] = int((checked["departure"].fillna("") != "").sum())
    return facts


def outlier_facts(ds, checked: pd.DataFrame) -> dict:
    """The outliers the chapter names: the internal inconsistency, the "-plus" coalition, the translated tonnage.

    ``internal_ratio``: the largest claim / figure ratio of an internally
    inconsistent claim (formatted); ``coalition_launch`` and
    ``coalition_ref``: for the first "X-plus" claim, the smallest count of
    its linked references (the launch) and the reference its verdict rests
    on; ``cocaine_excess``: the largest excess, in tonnes, of a translated
    figure over the official original.
    """
    internal = checked[checked["verdict"] == INTERNAL]
    plus = checked[checked["qualifier"] == "-plus"].iloc[0]
    linked = linked_references(ds, plus["claim_id"])
    translation = checked[(checked["verdict"] == TRANSLATION) & checked["unit"].isin(["tonnes"])]
    return {
        "internal_ratio": f"{internal['ratio'].max():,.0f}",
        "coalition_launch": int(linked["value"].min()),
        "coalition_ref": int(plus["reference_value"]),
        "cocaine_excess": int(round((translation["value"] - translation["reference_value"]).max())),
    }


def verdict_label(verdict: str, strength: str) -> str:
    """The verdict as the tables show it: a supporting verdict resting on a secondary copy says so.

    "consistent (secondary source)", "confirmed (self-reported; secondary source)".
    """
    if verdict not in SUPPORTING or strength != "secondary copy":
        return verdict
    return verdict[:-1] + "; secondary source)" if verdict.endswith(")") else verdict + " (secondary source)"


def _claimed(row) -> str:
    """The claim as stated: its qualifier and value with the unit ("more than 64,000 deaths", "100-plus countries")."""
    if row.qualifier == "-plus":
        return row.number_as_written + " " + row.unit
    said = format_quantity(row.value, row.unit)
    return said if row.qualifier == "none" else f"{row.qualifier} {said}"


def _reference_text(qualifier, value, unit) -> str:
    """The reference figure with its qualifier, in the claim's unit ("" when there is none)."""
    if pd.isna(value):
        return ""
    bound = "" if qualifier in (None, "none") or pd.isna(qualifier) else qualifier + " "
    return bound + format_quantity(value, unit)


def _ratio_text(ratio) -> str:
    """A ratio to three significant digits, or to the unit from 100 up ("" when there is none)."""
    if pd.isna(ratio):
        return ""
    return f"{ratio:,.0f}" if ratio >= 100 else f"{ratio:.3g}"


def claim_anchor(claim_id: str) -> str:
    """The anchor of a claim's row in the verdict table (``N02`` -> ``claim-n02``, the id the built page has)."""
    if not re.fullmatch(r"[A-Za-z0-9]+", str(claim_id)):
        raise ValueError(f"a claim id is letters and digits: {claim_id!r}")
    return f"claim-{str(claim_id).lower()}"


def _source(address, page) -> str:
    """The page read, with whether it is the official publication or a secondary copy."""
    return f"{address} ({page})" if isinstance(address, str) and address.startswith("http") else (address or "")


def verdict_table(checked: pd.DataFrame, ds) -> pd.DataFrame:
    """The full verdict table (the downloadable file): one row per claim, every column a reader needs to check it.

    Columns: claim, text, genre, speaker, quote, nature, claimed (qualifier,
    value, unit), reference (in the claim's unit), ratio, verdict (with
    "secondary source" where it rests on a secondary copy), group, reason,
    source (the address of the page and whether it is the official
    publication or a secondary copy), the notes' assessment and why the
    verdict departs from it.
    """
    names = ds.people.set_index("person_id")["name"]
    genres = ds.documents.set_index("doc_id")["genre"]
    return pd.DataFrame(
        {
            "claim": checked["claim_id"],
            "text": checked["doc_id"],
            "genre": checked["doc_id"].map(genres),
            "speaker": checked["speaker"].map(names).fillna(""),
            "quote": checked["quote"],
            "nature": checked["nature"],
            "measure": checked["measure"],
            "claimed": [_claimed(r) for r in checked.itertuples()],
            "reference": [
                _reference_text(q, v, u)
                for q, v, u in zip(
                    checked["reference_qualifier"], checked["reference_value"], checked["unit"], strict=True
                )
            ],
            "ratio": checked["ratio"].map(_ratio_text),
            "verdict": [verdict_label(v, s) for v, s in zip(checked["verdict"], checked["strength"], strict=True)],
            "group": checked["group"],
            "reason": checked["explanation"],
            "source": [
                _source(a, p) for a, p in zip(checked["reference_address"], checked["reference_page"], strict=True)
            ],
            "context": checked["context"],
            "notes_assessment": checked["notes_assessment"],
            "departure": checked["departure"],
        }
    )


def _short(text: str, width: int) -> str:
    return textwrap.shorten(str(text), width, placeholder="...") if text else ""


def compact_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The verdict table as the book prints it (it fits the printed page): claim (with its anchor), text, what
    it measures (shortened), claimed figure, verdict and reference (the figure with its official publisher)."""
    publisher = [
        ("same text" if page == "same text" else _short(_acronym(p), 28))
        if isinstance(p, str) or page == "same text"
        else ""
        for p, page in zip(checked["official_publisher"], checked["reference_page"], strict=True)
    ]
    reference = [
        f"{_reference_text(q, v, u)} ({p})" if _reference_text(q, v, u) and p else _reference_text(q, v, u)
        for q, v, u, p in zip(
            checked["reference_qualifier"], checked["reference_value"], checked["unit"], publisher, strict=True
        )
    ]
    return pd.DataFrame(
        {
            "claim": [Anchor(c, claim_anchor(c)) for c in checked["claim_id"]],
            "text": checked["doc_id"],
            "measure": checked["measure"].map(lambda m: _short(m, 48)),
            "claimed": [_claimed(r) for r in checked.itertuples()],
            "verdict": [verdict_label(v, s) for v, s in zip(checked["verdict"], checked["strength"], strict=True)],
            "reference": reference,
        }
    )


def departures_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims whose verdict departs from the reference notes' own assessment, with the reason."""
    gone = checked[checked["departure"].fillna("") != ""]
    return pd.DataFrame(
        {
            "claim": gone["claim_id"],
            "verdict": gone["verdict"],
            "notes": gone["notes_assessment"],
            "why": gone["departure"],
        }
    ).reset_index(drop=True)


def unchecked_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims nobody searched for (:data:`NOT_CHECKED`), with what they say and why they were not checked."""
    left = checked[checked["verdict"] == NOT_CHECKED]
    return pd.DataFrame(
        {"claim": left["claim_id"], "text": left["doc_id"], "quote": left["quote"], "why": left["explanation"]}
    ).reset_index(drop=True)


def export_verdicts(table: pd.DataFrame, name: str = "claims-verdicts") -> str:
    """Write the full verdict table (:func:`verdict_table`) to ``tables/<name>.csv`` of the build folder; return
    the file's name."""
    from . import paths

    out = paths.build_dir() / "tables"
    out.mkdir(exist_ok=True)
    path = out / f"{name}.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    return path.name


#: The columns of :func:`ratio_points` exported with the ratio figure.
RATIO_FIGURE_COLUMNS = [
    "claim_id",
    "nature",
    "measure",
    "value",
    "unit",
    "reference_value",
    "ratio",
    "verdict",
    "reference_address",
]


def ratio_points(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims that have a ratio to a reference, from the lowest ratio to the highest (then by claim)."""
    plotted = checked[checked["ratio"].notna()].sort_values(["ratio", "claim_id"], kind="stable")
    return plotted.reset_index(drop=True)


def repeated_figure_references(ds, claim_ids) -> pd.DataFrame:
    """Every reference linked to the claims of one figure given in two texts (see :func:`two_accounts`).

    One row per claim and reference: the claim, its text and quote, the
    reference's role, item and period, its value in the claim's unit (or
    "not used (unconfirmed)"), the ratio claim / reference and the address.
    """
    claims = ds.claims.set_index("claim_id")
    rows = []
    for claim_id in claim_ids:
        for r in linked_references(ds, claim_id).itertuples():
            rows.append(
                {
                    "claim": claim_id,
                    "reference_id": r.reference_id,
                    "text": claims.loc[claim_id, "doc_id"],
                    "quote": claims.loc[claim_id, "quote"],
                    "role": r.role,
                    "reference": r.item,
                    "period": r.period,
                    "value": format_quantity(r.value, r.unit) if pd.notna(r.value) else "not used (unconfirmed)",
                    "ratio": f"{r.ratio:.3f}" if pd.notna(r.ratio) else "",
                    "address": r.address if isinstance(r.address, str) else "",
                }
            )
    return pd.DataFrame(rows)


def repeated_figure_facts(ds, claim_id: str, references: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about one repeated figure (the overdose count of 2017).

    ``references`` is :func:`repeated_figure_references`. The claimed value,
    the final count (a final, unrounded figure), the lowest and highest
    unconfirmed figures (never used), and by how many per cent the
    preliminary count exceeded the final one.
    """
    claim = ds.claims.set_index("claim_id").loc[claim_id]
    linked = linked_references(ds, claim_id)
    usable_refs = linked[linked["value"].notna()]
    final = usable_refs[usable_refs["period"].str.contains("final") & ~usable_refs["item"].str.contains("rounded")]
    prelim = usable_refs[usable_refs["period"].str.contains("provisional|preliminary")]
    refs = ds.reference_stats
    unconfirmed = refs[
        refs["reference_id"].isin(references["reference_id"]) & ~refs["confirmed"].astype(bool) & refs["value"].notna()
    ]
    return {
        "od_value": f"{claim['value']:,.0f}",
        "od_final": f"{final['value'].iloc[0]:,.0f}",
        "od_unconfirmed_low": f"{unconfirmed['value'].min():,.0f}",
        "od_unconfirmed_high": f"{unconfirmed['value'].max():,.0f}",
        "od_revision": 100 * (prelim["value"].iloc[0] / final["value"].iloc[0] - 1),
    }


def baseline_claim(ds) -> str:
    """The first claimed percentage checked against a change from a baseline year (the homicide reduction)."""
    links = ds.claim_checks[ds.claim_checks["baseline_reference_id"].map(lambda r: not is_missing(r))]
    percent = set(ds.claims.loc[ds.claims["unit"] == "percent", "claim_id"])
    return links.loc[links["claim_id"].isin(percent), "claim_id"].iloc[0]


def meeting_year(ds, claim_id: str) -> int:
    """The year of the meeting at which a claim was made."""
    doc_id = ds.claims.set_index("claim_id").loc[claim_id, "doc_id"]
    return int(meeting_dates(ds)[doc_id].year)


def shown_scenarios(scenarios: pd.DataFrame, year: int) -> pd.DataFrame:
    """The scenarios the chapter shows, from the smallest reduction to the largest.

    From :func:`reduction_scenarios`: the single figures (no baseline) and,
    for each series, the reductions from its first two years to the last full
    year before the meeting (``year``) and later.
    """
    first_years = scenarios.groupby("measure")["baseline_year"].transform(
        lambda y: y.isin(sorted(y.dropna().unique())[:2])
    )
    shown = scenarios[
        scenarios["baseline_year"].isna() | (first_years.astype(bool) & (scenarios["end_year"] >= year - 1))
    ].copy()
    return shown.sort_values(["reduction", "label"], kind="stable").reset_index(drop=True)


def scenario_series(ds, scenarios: pd.DataFrame) -> pd.DataFrame:
    """The confirmed reference rows of the series the scenarios are computed from."""
    refs = ds.reference_stats
    names = sorted(s for s in refs["series"].dropna().unique() if s in set(scenarios["measure"]))
    return refs[refs["series"].isin(names) & refs["confirmed"].astype(bool)]


def reduction_facts(ds, checked: pd.DataFrame, claim_id: str, scenarios: pd.DataFrame, shown: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about a claimed reduction (``hom_*``).

    INEGI's reduction from its first year to the last full year before the
    meeting (``hom_reference``, with ``hom_base_year`` and ``hom_end_year``),
    the claimed reduction, the year of the meeting, SESNSP's reduction from
    its first year to the same year, INEGI's from its first year to the
    meeting's year, the government's own metric, how many of the ``shown``
    scenarios are consistent or approximately so, and the claim's verdict
    with the range of the measures it rests on (``hom_range_low``,
    ``hom_range_high``).
    """
    year = meeting_year(ds, claim_id)
    first = scenarios.groupby("measure")["baseline_year"].transform("min")
    at_first = scenarios[scenarios["baseline_year"] == first]
    inegi = at_first[at_first["measure"].str.startswith("INEGI")]
    sesnsp = at_first[at_first["measure"].str.startswith("SESNSP")]
    before = inegi[inegi["end_year"] == year - 1].iloc[0]
    row = checked.set_index("claim_id").loc[claim_id]
    linked = linked_references(ds, claim_id)
    ranged = linked[(linked["role"] == "range") & linked["value"].notna()]["value"]
    return {
        "hom_reference": float(before["reduction"]),
        "hom_base_year": int(before["baseline_year"]),
        "hom_end_year": int(before["end_year"]),
        "hom_claim": float(ds.claims.set_index("claim_id").loc[claim_id, "value"]),
        "hom_meeting_year": year,
        "hom_sesnsp_last": float(sesnsp.loc[sesnsp["end_year"] == year - 1, "reduction"].iloc[0]),
        "hom_sesnsp_base": int(sesnsp["baseline_year"].min()),
        "hom_inegi_after": float(inegi.loc[inegi["end_year"] == year, "reduction"].iloc[0]),
        "hom_daily": float(scenarios.loc[scenarios["baseline_year"].isna(), "reduction"].iloc[0]),
        "hom_n_scenarios": len(shown),
        "hom_n_ok": int(shown["verdict"].isin([CONSISTENT, APPROXIMATE]).sum()),
        "hom_verdict": row["verdict"],
        "hom_range_low": float(ranged.min()) if len(ranged) else float("nan"),
        "hom_range_high": float(ranged.max()) if len(ranged) else float("nan"),
    }


def translation_facts(ds, checked: pd.DataFrame) -> dict:
    """The numbers the chapter quotes about the translated texts and their largest tonnage discrepancy.

    Translated or interpreted texts; for the translated tonnage with the
    highest ratio, the largest figure of its context references (the Navy's
    later total), the official original and the English figure.
    """
    off = checked[(checked["verdict"] == TRANSLATION) & (checked["unit"] == "tonnes")]
    cocaine = off.sort_values("ratio").iloc[-1]
    context = linked_references(ds, cocaine["claim_id"])
    return {
        "n_translated_docs": int((ds.documents["translation"] != "original").sum()),
        "semar_cocaine": float(context.loc[context["role"] == "context", "value"].max()),
        "es_cocaine": float(cocaine["reference_value"]),
        "en_cocaine": float(cocaine["value"]),
    }


def claim_errata(ds, checked: pd.DataFrame) -> pd.DataFrame:
    """Errata of the texts that fall on a claim's quote (a wrong name, an overstated wording, a translated figure):
    the erratum, the claim, its verdict, what the text says and the correction."""
    rows = []
    for erratum in ds.errata.itertuples(index=False):
        # The claim the erratum concerns: its quote holds the erratum's text, and its verdict is a translation
        # discrepancy or its reason names the erratum (a quote may hold two claims, "four ... 53").
        named = checked["verdict"].eq(TRANSLATION) | checked["explanation"].str.contains(erratum.erratum_id)
        mine = checked[
            (checked["doc_id"] == erratum.doc_id)
            & named
            & checked["quote"].map(lambda q, said=erratum.text_as_written: said in q or q in said)
        ]
        for claim in mine.itertuples(index=False):
            rows.append(
                {
                    "erratum": erratum.erratum_id,
                    "claim": claim.claim_id,
                    "kind": erratum.kind,
                    "verdict": claim.verdict,
                    "as written": erratum.text_as_written,
                    "correction": erratum.correction,
                }
            )
    return pd.DataFrame(rows, columns=["erratum", "claim", "kind", "verdict", "as written", "correction"])
