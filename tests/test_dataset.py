"""The public contract of load_dataset() and the provenance of its rows."""

import subprocess
import sys

import pandas as pd

from helpers.text import contains_quote, normalise, strip_accents

CONTRACT = {
    "documents": ["doc_id", "file", "meeting_id"],
    "meetings": ["meeting_id", "date"],
    "participants": [
        "meeting_id",
        "person_id",
        "name",
        "name_as_written",
        "country",
        "title_as_written",
        "agency_id",
        "doc_id",
        "evidence",
    ],
    "people": ["person_id", "name"],
    "agencies": ["agency_id", "name_en", "name_es", "acronym", "country", "sector", "lineage_id"],
}


def test_public_contract_columns(ds):
    for table, columns in CONTRACT.items():
        frame = getattr(ds, table)
        assert isinstance(frame, pd.DataFrame)
        missing = set(columns) - set(frame.columns)
        assert not missing, f"{table} lacks {missing}"
        assert len(frame) > 0


def test_meeting_dates_are_dates(ds):
    assert pd.api.types.is_datetime64_any_dtype(ds.meetings["date"])


def test_load_dataset_works_from_any_working_directory(tmp_path):
    code = "from helpers import load_dataset; ds = load_dataset(); print(len(ds.participants))"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 0


def test_every_participant_quote_is_in_the_cleaned_and_raw_text(ds):
    for row in ds.participants.itertuples():
        assert contains_quote(ds.text(row.doc_id), row.evidence), row
        assert contains_quote(normalise(ds.text(row.doc_id, cleaned=False)), row.evidence), row
        assert contains_quote(row.evidence, row.name_as_written), row


def test_one_row_per_person_per_meeting(ds):
    assert not ds.participants.duplicated(["meeting_id", "person_id"]).any()


def test_every_meeting_has_participants(ds):
    # A text may name one side only (the 2022 fact sheet names no Mexican participant): every meeting
    # has someone, and at a trilateral meeting a third country is its own.
    by_meeting = ds.participants.groupby("meeting_id")["country"].agg(set)
    assert set(by_meeting.index) == set(ds.meetings["meeting_id"])
    assert all(countries <= {"US", "MX", "CA"} for countries in by_meeting)
    assert sum(countries >= {"US", "MX"} for countries in by_meeting) >= len(by_meeting) - 2


def test_participant_country_matches_person_and_agency(ds):
    merged = ds.participants.merge(ds.people[["person_id", "country"]], on="person_id", suffixes=("", "_person"))
    merged = merged.merge(ds.agencies[["agency_id", "country"]], on="agency_id", suffixes=("", "_agency"))
    assert (merged["country"] == merged["country_person"]).all()
    assert (merged["country"] == merged["country_agency"]).all()


def test_a_text_never_makes_one_person_both_participant_and_mention(ds):
    # A person only referred to in a text is no participant on that text's strength (a president
    # referred to); the same person may take part in a meeting another text reports.
    participating = set(zip(ds.participants["doc_id"], ds.participants["person_id"], strict=True))
    mentioned = set(zip(ds.mentions["doc_id"], ds.mentions["person_id"], strict=True))
    assert not participating & mentioned
    names = ds.people.set_index("person_id")["name"].map(strip_accents).str.lower()
    for fragment in ["obama", "trump", "ovidio", "goldberg", "sison", "harris", "caro quintero"]:
        ids = set(names[names.str.contains(fragment)].index)
        assert ids and ids <= set(ds.mentions["person_id"]) and not ids & set(ds.participants["person_id"]), fragment


def test_known_participants_are_present(ds):
    expected = {
        ("HLCG-2010", "hillary-clinton"),
        ("HLCG-2010", "felipe-calderon"),
        ("SDTCO-2017", "kirstjen-nielsen"),
        ("SDTCO-2017", "luis-videgaray"),
        ("SEC-2020", "william-barr"),
        ("SEC-2020", "carlos-romero-aranda"),
        ("HLSD-2023", "antony-blinken"),
        ("HLSD-2023", "ken-salazar"),
        ("HLSD-2023", "rosa-icela-rodriguez"),
        ("HLSD-2023", "elizabeth-sherwood-randall"),
    }
    present = set(ds.participants[["meeting_id", "person_id"]].itertuples(index=False, name=None))
    missing = {pair for pair in expected if pair[1] in set(ds.people["person_id"])} - present
    assert not missing
    # Guard against an id convention drifting away from the pairs above.
    assert {p for _, p in expected} <= set(ds.people["person_id"])


def test_aliases_resolve_to_one_person(ds):
    aliases = ds.aliases.set_index("alias")["person_id"]
    assert aliases["Liz"] == aliases["Elizabeth"] == "elizabeth-sherwood-randall"
    assert aliases["Rosa Icela"] == aliases["Roderíguez"] == "rosa-icela-rodriguez"
    assert aliases["Luis Crescencio"] == aliases["Luis Crescencio Sandoval"] == "luis-cresencio-sandoval"
    assert aliases["Fernando Gomez Mont Urueta"] == "fernando-gomez-mont"


def test_people_appear_once_however_spelt(ds):
    folded = ds.people["name"].map(lambda n: strip_accents(n).lower())
    assert not folded.duplicated().any()


def test_agency_lineage_links_renamed_institutions(ds):
    lineage = ds.agencies.set_index("agency_id")["lineage_id"]
    assert lineage["mx-fgr"] == lineage["mx-pgr"]
    assert lineage["mx-cni"] == lineage["mx-cisen"]
    assert lineage["mx-sspc"] == lineage["mx-ssp"]
