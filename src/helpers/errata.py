"""Titles the texts get wrong (``data/errata.csv``), shown beside the title as written.

A participant's ``title_as_written`` keeps the text's wording, errors
included. An erratum of a title kind (:data:`TITLE_KINDS`) corrects it when
it concerns the same document and its ``text_as_written`` holds both the
row's title and the name as written ("the Secretary of National Security
Alejandro Mayorkas"). The corrected title is the erratum's correction with
the words around the title removed ("the Secretary of Homeland Security
Alejandro Mayorkas" -> "Secretary of Homeland Security"), so a table can
show the title as written and its correction side by side.
"""

from __future__ import annotations

import pandas as pd

from .errors import DataError
from .text import cell_text

#: Kinds of erratum that correct a person's title.
TITLE_KINDS = ("wrong title", "interpreting error", "mistranslation")


def corrected_title(title: str, text_as_written: str, correction: str) -> str:
    """The corrected title: ``correction`` without the words that surround ``title`` in ``text_as_written``.

    >>> corrected_title("Attorney General", "Attorney General Carlos Romero Aranda",
    ...                 "Federal Tax Attorney Carlos Romero Aranda")
    'Federal Tax Attorney'

    Raises ``ValueError`` when the correction does not keep those words.
    """
    start = text_as_written.index(title)
    before, after = text_as_written[:start], text_as_written[start + len(title) :]
    if not (correction.startswith(before) and correction.endswith(after)) or len(correction) <= len(before + after):
        raise ValueError(f"the correction {correction!r} does not keep the words around {title!r}")
    return correction[len(before) : len(correction) - len(after)].strip()


def title_corrections(participants: pd.DataFrame, errata: pd.DataFrame) -> pd.DataFrame:
    """One row per participation whose title an erratum corrects.

    Columns: ``meeting_id``, ``person_id``, ``doc_id``, ``title_as_written``,
    ``erratum_id`` and ``title_corrected``. Raises :class:`DataError` (on
    errata.csv) when an erratum that concerns a title cannot be turned into
    a corrected title, or when two errata correct the same participation.
    """
    # The title errata of each document, read once (not once per participation: a table of thousands).
    by_doc: dict[str, list[dict]] = {}
    for erratum in errata[errata["kind"].isin(TITLE_KINDS)].to_dict("records"):
        if cell_text(erratum["doc_id"]):  # a missing document matches no participation
            by_doc.setdefault(erratum["doc_id"], []).append(erratum)
    rows = []
    for part in participants.to_dict("records"):
        title, name = cell_text(part.get("title_as_written")), cell_text(part.get("name_as_written"))
        if not title:
            continue
        found = [
            e
            for e in by_doc.get(part["doc_id"], [])
            if title in e["text_as_written"] and name and name in e["text_as_written"]
        ]
        if len(found) > 1:
            raise DataError(
                "errata.csv",
                f"{found[0]['erratum_id']} and {found[1]['erratum_id']} both correct the "
                f"title of {part['person_id']} in {part['doc_id']}",
                field="text_as_written",
            )
        for erratum in found:
            try:
                fixed = corrected_title(title, erratum["text_as_written"], erratum["correction"])
            except ValueError as exc:
                raise DataError("errata.csv", f"{erratum['erratum_id']}: {exc}", field="correction") from None
            rows.append(
                {
                    "meeting_id": part["meeting_id"],
                    "person_id": part["person_id"],
                    "doc_id": part["doc_id"],
                    "title_as_written": title,
                    "erratum_id": erratum["erratum_id"],
                    "title_corrected": fixed,
                }
            )
    return pd.DataFrame(
        rows, columns=["meeting_id", "person_id", "doc_id", "title_as_written", "erratum_id", "title_corrected"]
    )


def titles_shown(participants: pd.DataFrame, errata: pd.DataFrame) -> pd.Series:
    """Each participation's title as written, followed by its correction where an erratum gives one.

    Aligned with ``participants``: "Secretary of National Security (erratum
    E04: Secretary of Homeland Security)"; an uncorrected title is shown as
    written, a missing one as an empty string.
    """
    fixes = title_corrections(participants, errata).set_index(["meeting_id", "person_id", "doc_id"])
    shown = []
    for part in participants.to_dict("records"):
        title = cell_text(part.get("title_as_written"))
        key = (part["meeting_id"], part["person_id"], part["doc_id"])
        if key in fixes.index:
            fix = fixes.loc[key]
            title = f"{title} (erratum {fix['erratum_id']}: {fix['title_corrected']})"
        shown.append(title)
    return pd.Series(shown, index=participants.index, name="title_as_written")
