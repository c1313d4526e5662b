"""The drafting command: quality on the five texts, bad input, and accepting a reviewed draft.

The end-to-end test (a sixth, hostile readout accepted and the analysis chapters built from it)
is tests/test_hostile_readout.py.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ingest, load_dataset
from helpers import names as nm
from helpers.cleaning import prepare
from helpers.ingest import IngestError

from conftest import ROOT

SYNTHETIC = ROOT / "tests" / "fixtures" / "synthetic_readout_2024.txt"
#: Written to try the command as a new user would: a communiqué in translation with a
#: bulleted delegation list (name, then office), ranks, new people and numbers in words.
BULLETED = ROOT / "tests" / "fixtures" / "synthetic_readout_2025_bulleted.txt"
#: A second try, a readout with "Participants:" and one line per country ("U.S.: A, title; B, title").
COUNTRY_LINES = ROOT / "tests" / "fixtures" / "synthetic_readout_2026_participants_list.txt"
#: Floors over the corpus texts, each drafted as if the dataset did not know it (its own people and
#: aliases held out; the other texts' people are known): a guard against regressions, a little below
#: the scores measured when the series texts were added (participants P 0.90 R 0.89, claims P 0.89
#: R 0.96, country 0.94, agency 0.80). The first-try scores of the series texts, drafted before any
#: of them was known, are in the methods appendix (helpers.draft_scores).
FLOORS = {
    "participant_precision": 0.85,
    "participant_recall": 0.85,
    "claim_precision": 0.85,
    "claim_recall": 0.9,
    "country": 0.9,
    "agency": 0.75,
}


@pytest.fixture(scope="module")
def held_out_drafts(ds) -> dict[str, dict]:
    """The draft of each corpus text, made as if the text were new (its own rows held out)."""
    return {
        doc.doc_id: ingest.draft(ds.data_dir / "raw" / doc.file, ds=ds, hold_out=doc.doc_id)
        for doc in ds.documents.itertuples()
    }


def score(ds, doc_id: str, draft: dict) -> dict:
    """Count what the held-out ``draft`` of ``doc_id`` matches of the curated participants and claims."""
    curated = ds.participants[ds.participants["doc_id"] == doc_id]
    canonical = ds.people.set_index("person_id")["name"]
    matched = {}
    for row in draft["participants"]:
        hit = next(
            (
                c
                for c in curated.itertuples()
                if c.person_id not in matched
                and any(
                    nm.same_person(form, c.name_as_written) or nm.same_person(form, canonical[c.person_id])
                    for form in row["_forms"]
                )
            ),
            None,
        )
        if hit is not None:
            matched[hit.person_id] = (row, hit)
    values = list(ds.claims.loc[ds.claims["doc_id"] == doc_id, "value"].astype(float))
    claims_found = 0
    for claim in draft["claims"]:
        same = next((i for i, v in enumerate(values) if abs(v - claim["value"]) <= 1e-9 * max(1.0, abs(v))), None)
        if same is not None:
            values.pop(same)
            claims_found += 1
    return {
        "drafted": len(draft["participants"]),
        "curated": len(curated),
        "matched": len(matched),
        "country": sum(r["country"] == c.country for r, c in matched.values()),
        "agency": sum(r["agency_id"] == c.agency_id for r, c in matched.values()),
        "claims_drafted": len(draft["claims"]),
        "claims_curated": int((ds.claims["doc_id"] == doc_id).sum()),
        "claims_matched": claims_found,
    }


@pytest.fixture(scope="module")
def scores(ds, held_out_drafts):
    return {doc_id: score(ds, doc_id, held_out_drafts[doc_id]) for doc_id in sorted(ds.documents["doc_id"])}


def test_drafting_finds_the_curated_participants_and_claims(scores):
    total = {k: sum(s[k] for s in scores.values()) for k in next(iter(scores.values()))}
    print("\ndocument     participants P / R       claims P / R")
    for doc_id, s in scores.items():
        print(
            f"{doc_id:12} {s['matched']:>3}/{s['drafted']:<3} {s['matched']:>3}/{s['curated']:<3}"
            f"   {s['claims_matched']:>3}/{s['claims_drafted']:<3} {s['claims_matched']:>3}/{s['claims_curated']:<3}"
        )
    measured = {
        "participant_precision": total["matched"] / total["drafted"],
        "participant_recall": total["matched"] / total["curated"],
        "claim_precision": total["claims_matched"] / total["claims_drafted"],
        "claim_recall": total["claims_matched"] / total["claims_curated"],
        "country": total["country"] / total["matched"],
        "agency": total["agency"] / total["matched"],
    }
    print({k: round(v, 3) for k, v in measured.items()})
    assert {k: v for k, v in measured.items() if v < FLOORS[k]} == {}


def test_every_draft_quote_is_verbatim_in_the_text(ds, held_out_drafts):
    for doc in ds.documents.itertuples():
        draft = held_out_drafts[doc.doc_id]
        # A new text has no cleaning rules yet: the draft quotes its prepared raw text.
        text = prepare(ds.text(doc.doc_id, cleaned=False), doc.format)
        for row in draft["participants"] + draft["mentions"]:
            assert row["evidence"] in text and row["name_as_written"] in row["evidence"], (doc.doc_id, row)
        for claim in draft["claims"]:
            assert claim["quote"] in text, (doc.doc_id, claim["quote"])


def test_a_text_never_seen_is_drafted_with_its_meeting(ds):
    draft = ingest.draft(SYNTHETIC, ds=ds)
    assert draft["meeting"]["_new"] and draft["meeting"]["date"] == "2024-03-14"
    assert draft["meeting"]["series_id"] == "hlsd" and draft["meeting"]["series_number"] == 4
    people = {p["person_id"]: p for p in draft["participants"]}
    assert {"antony-blinken", "alicia-barcena", "rosa-icela-rodriguez", "alejandro-gertz-manero"} <= set(people)
    # Richard Verma took part in meetings of the series: known by his exact name.
    assert people["richard-verma"]["_status"] == "known (exact)" and people["richard-verma"]["country"] == "US"
    assert [c["value"] for c in draft["claims"]] == [1200, 30]
    assert {t["theme_id"] for t in draft["themes"]} >= {"synthetic_drugs", "arms_trafficking", "migration"}


def test_a_bulleted_communique_is_drafted_as_a_reviewer_would_write_it(ds):
    draft = ingest.draft(BULLETED, ds=ds)
    rows = {p["name_as_written"]: (p["country"], p["agency_id"], p["basis"]) for p in draft["participants"]}
    assert rows == {
        "Juan Ramón de la Fuente": ("MX", "mx-sre", "led"),
        "Omar García Harfuch": ("MX", "mx-sspc", "listed"),
        "Ernestina Godoy Ramos": ("MX", "mx-fgr", "listed"),
        "Ricardo Trevilla Trejo": ("MX", "mx-sedena", "listed"),
        "Raymundo Pedro Morales Ángeles": ("MX", "mx-semar", "listed"),
        "Marco Rubio": ("US", "us-dos", "led"),
        "Ronald Johnson": ("US", "us-embassy-mx", "listed"),
        "Troy Edgar": ("US", "us-dhs", "listed"),
        "Terrance Cole": ("US", "us-dea", "listed"),
        # As President Calderón in 2010: receiving the delegations is hosting them.
        "Claudia Sheinbaum Pardo": ("MX", "mx-presidencia", "hosted"),
    }
    assert draft["mentions"] == []
    claims = [(c["value"], c["unit"], c["qualifier"]) for c in draft["claims"]]
    assert claims[:4] == [
        (1500, "kg", "more than"),
        (200, "laboratories", "none"),
        (50, "percent", "none"),
        (3000, "firearms", "about"),
    ]
    assert draft["document"]["translation"] == "translation"
    assert (draft["meeting"]["series_id"], draft["meeting"]["series_number"]) == ("hlsd", 5)
    assert (draft["meeting"]["date"], draft["meeting"]["city"]) == ("2025-09-09", "Mexico City")


def test_a_participants_list_by_country_is_drafted(ds):
    draft = ingest.draft(COUNTRY_LINES, ds=ds)
    rows = {p["name_as_written"]: (p["country"], p["agency_id"]) for p in draft["participants"]}
    assert rows == {
        # Known as ambassador (2020); his title now names the Department of State.
        "Christopher Landau": ("US", "us-dos"),
        "María Teresa Mercado": ("MX", ""),
        # "Senior Director ..., National Security Council": the series taught the NSC's senior directors.
        "Sebastian Gorka": ("US", "us-nsc"),
        "Robert Alvarez": ("US", ""),
        "Pablo Vázquez Camacho": ("MX", "mx-sspc"),
        "Raquel Buenrostro Sánchez": ("MX", "mx-uif"),
    }
    assert {m["name_as_written"] for m in draft["mentions"]} == {"Trump", "Sheinbaum"}
    assert [c["value"] for c in draft["claims"]][:3] == [26, 40, 25]
    # "U.S.-Mexico" and "Security" alone do not make it a meeting of a known series.
    assert draft["meeting"]["series_id"] == "" and draft["meeting"]["meeting_id"] == "MTG-2026"


# Bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"Caf\xe9 con leche\n", "not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(tmp_path, capsys, content, message):
    readout, out = tmp_path / "new.txt", tmp_path / "draft.json"
    readout.write_bytes(content)
    assert ingest.main(["draft", str(readout), "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert str(readout) in error and message in error
    assert not out.exists() and list(tmp_path.iterdir()) == [readout]


def test_a_missing_path_and_a_bad_date_are_refused(tmp_path, capsys):
    out = tmp_path / "draft.json"
    assert ingest.main([str(tmp_path / "nope.txt"), "--out", str(out)]) == 2
    assert "nope.txt: no such file" in capsys.readouterr().err
    assert ingest.main([str(SYNTHETIC), "--meeting-date", "14/03/2024", "--out", str(out)]) == 2
    assert "--meeting-date: '14/03/2024' is not a date written YYYY-MM-DD" in capsys.readouterr().err
    assert ingest.main([str(SYNTHETIC), "--meeting-date", "2024-02-30", "--out", str(out)]) == 2
    assert not out.exists()


# Accepting a reviewed draft -------------------------------------------------------------


def review(draft: dict) -> dict:
    """What an analyst fills in after reading the synthetic text."""
    draft["document"].update(
        publisher="U.S. Department of State", publisher_country="US", source_url="https://example.org/synthetic-readout"
    )
    draft["meeting"].update(host_country="US", us_administration="Biden", mx_administration="López Obrador")
    for claim in draft["claims"]:
        claim.update(period="since the last meeting", measure="synthetic test figure")
        claim["unit"] = claim["unit"] or "firearms"
        claim["kind"] = claim["kind"] or "count"
        claim["nature"] = claim["nature"] or "statistic"
    return draft


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def accepted(data_copy, tmp_path, monkeypatch):
    """data_copy with the synthetic sixth document accepted into it."""
    monkeypatch.setenv("USMX_DATA_DIR", str(data_copy))
    draft = review(ingest.draft(SYNTHETIC, ds=load_dataset(data_copy)))
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    assert ingest.main(["accept", str(path)]) == 0
    return data_copy


def test_an_accepted_draft_adds_the_meeting_to_the_dataset(accepted, ds):
    grown = load_dataset(accepted)
    assert len(grown.documents) == len(ds.documents) + 1 and len(grown.meetings) == len(ds.meetings) + 1
    new = grown.documents.set_index("doc_id").loc["doc-2024"]
    assert grown.text("doc-2024").startswith("Fourth Meeting")
    assert (accepted / "raw" / new["file"]).read_bytes() == SYNTHETIC.read_bytes()
    assert "richard-verma" in set(grown.people["person_id"])
    assert set(grown.participants.loc[grown.participants["doc_id"] == "doc-2024", "meeting_id"]) == {"HLSD-2024"}
    recorded = grown.texts_considered.set_index("doc_id").loc["doc-2024"]
    assert (recorded["collection"], recorded["decision"]) == ("added", "included")
    assert recorded["original_file"] == SYNTHETIC.name
    assert recorded["sha256"] == hashlib.sha256(SYNTHETIC.read_bytes()).hexdigest()


def test_a_draft_left_incomplete_is_refused_and_data_is_untouched(data_copy, tmp_path, capsys):
    draft = review(ingest.draft(SYNTHETIC, ds=load_dataset(data_copy)))
    draft["claims"][0]["period"] = ""
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    before = _digests(data_copy)
    # The error names the draft's entry (where the reviewer fixes it) and the row it would have become.
    with pytest.raises(IngestError, match=r"draft entry claims\[0\], field 'period' \(would be claims.csv row \d+\)"):
        ingest.accept(path, data_dir=data_copy)
    assert _digests(data_copy) == before


def test_a_changed_text_or_a_broken_draft_is_refused(data_copy, tmp_path):
    draft = review(ingest.draft(SYNTHETIC, ds=load_dataset(data_copy)))
    draft["source"]["sha256"] = "0" * 64
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft), encoding="utf-8")
    with pytest.raises(IngestError, match="SHA-256 differs"):
        ingest.accept(path, data_dir=data_copy)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError, match=r"draft.json: not valid JSON \(line 1"):
        ingest.accept(path, data_dir=data_copy)


# Hostile and malformed input ---------------------------------------------------------------


def test_utf16_and_a_byte_order_mark_are_handled(tmp_path, capsys, ds):
    readout = tmp_path / "utf16.txt"
    readout.write_bytes(SYNTHETIC.read_text(encoding="utf-8").encode("utf-16"))
    assert ingest.main(["draft", str(readout), "--out", str(tmp_path / "d.json")]) == 2
    assert "UTF-16 text; save it as UTF-8" in capsys.readouterr().err
    readout = tmp_path / "bom.txt"
    readout.write_bytes(b"\xef\xbb\xbf" + SYNTHETIC.read_bytes())
    assert ingest.draft(readout, ds=ds)["document"]["title"] == ingest.draft(SYNTHETIC, ds=ds)["document"]["title"]


def test_the_draft_warns_about_what_no_readout_needs(tmp_path, ds):
    from hostile import PAYLOADS

    readout = tmp_path / "hostile.txt"
    readout.write_text(
        SYNTHETIC.read_text(encoding="utf-8")
        + "\n"
        + "\n".join(PAYLOADS.values())
        + "\nbidi \u202e here and a bell \x07\n",
        encoding="utf-8",
    )
    warnings = " ".join(ingest.draft(readout, ds=ds)["warnings"])
    for kind in (
        "HTML tag",
        "template braces",
        "MyST or Sphinx role",
        "directive fence",
        "LaTeX command",
        "javascript: or data: address",
        "a control character",
        "bidirectional control",
    ):
        assert kind in warnings, kind
    assert ingest.draft(SYNTHETIC, ds=ds)["warnings"] == []


def test_a_spanish_text_is_flagged(tmp_path, ds):
    readout = tmp_path / "es.txt"
    readout.write_text(
        "La Secretaría de Relaciones Exteriores informa que el día de hoy se llevó a cabo la "
        "reunión de seguridad entre los gobiernos de México y de los Estados Unidos, en la que "
        "participaron los titulares de las dependencias del gabinete de seguridad para revisar "
        "los avances del Entendimiento Bicentenario.\n",
        encoding="utf-8",
    )
    assert any("does not read as English" in w for w in ingest.draft(readout, ds=ds)["warnings"])


@pytest.mark.parametrize(
    "change, says",
    [
        (lambda d: d.update(participants={"a": 1}), "participants must be a list of rows"),
        (lambda d: d["participants"].__setitem__(0, "Richard Verma"), "participants[0] must be an object"),
        (lambda d: d["participants"][0].update(evidence=["a", "list"]), "participants[0], field 'evidence': list"),
        (lambda d: d.update(document=None), "document must be an object"),
        (lambda d: d.update(source="x"), "source must be an object"),
        (lambda d: d.update(draft_version=99), "draft_version 99"),
    ],
)
def test_a_malformed_draft_is_refused_with_its_entry(data_copy, tmp_path, ds, change, says):
    draft = review(ingest.draft(SYNTHETIC, ds=ds))
    change(draft)
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(IngestError, match=re.escape(says)):
        ingest.accept(path, data_dir=data_copy)


@pytest.mark.parametrize(
    "table, field, value, says",
    [
        ("people", "person_id", "Richard Verma!!", "does not match the pattern"),
        ("people", "person_id", "../../evil", "does not match the pattern"),
        ("participants", "person_id", "../../evil", "unknown person_id"),
        ("participants", "name_as_written", "Richard\u202eVerma", "control character U+202E"),
        ("claims", "value", float("nan"), "not a finite number"),
    ],
)
def test_a_bad_value_in_a_draft_entry_names_the_entry(data_copy, tmp_path, ds, table, field, value, says):
    draft = review(ingest.draft(SYNTHETIC, ds=ds))
    draft["people"].insert(0, {"person_id": "ana-nueva", "name": "Ana Nueva", "country": "MX", "notes": ""})
    draft[table][0][field] = value
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    before = _digests(data_copy)
    with pytest.raises(IngestError, match=rf"{table}\[0\].*'{field}'.*{re.escape(says)}"):
        ingest.accept(path, data_dir=data_copy)
    assert _digests(data_copy) == before


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["us-dos", "us-doj", "us-dhs"]), st.sampled_from([None, 1, 2, 3])),
        min_size=1,
        max_size=8,
    )
)
def test_the_agency_most_recorded_is_what_a_group_by_ranks_first(rows):
    # _most_recorded replaces a pandas group-by (count, then latest date, then id) that drafting asked for
    # every person; both must rank the same agency first, NaT dates included.
    days = {None: pd.NaT, 1: pd.Timestamp("2021-10-08"), 2: pd.Timestamp("2022-10-13"), 3: pd.Timestamp("2023-10-05")}
    table = pd.DataFrame({"agency_id": [a for a, _ in rows], "date": [days[d] for _, d in rows]})
    counts = table.groupby("agency_id").agg(n=("date", "size"), latest=("date", "max"))
    expected = counts.sort_values(["n", "latest"], ascending=False, kind="stable").index[0]
    assert ingest._most_recorded(table) == expected
