"""Bad input gets a clear error naming the file, the row and the field.

Each test breaks one thing in a temporary copy of data/ and checks the
message; the real data/ is never touched.
"""

import re
from pathlib import Path

import pytest

from helpers import DataError, load_dataset


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def first_data_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[1]


def load_error(data_dir: Path) -> DataError:
    with pytest.raises(DataError) as err:
        load_dataset(data_dir)
    return err.value


def test_missing_table_file(data_copy):
    (data_copy / "agencies.csv").unlink()
    err = load_error(data_copy)
    assert err.file == "agencies.csv" and "missing" in str(err)


def test_missing_descriptor(data_copy):
    (data_copy / "datapackage.json").unlink()
    assert load_error(data_copy).file == "datapackage.json"


def test_missing_column(data_copy):
    path = data_copy / "meetings.csv"
    edit(path, "date_status", "status_of_date")
    err = load_error(data_copy)
    assert (err.file, err.field) == ("meetings.csv", "date_status")
    assert "meetings.csv, field 'date_status': the column is missing" in str(err)


def test_bad_date(data_copy):
    edit(data_copy / "meetings.csv", "2017-12-14", "2017-13-14")
    err = load_error(data_copy)
    assert (err.file, err.field) == ("meetings.csv", "date")
    assert err.row is not None and re.search(r"row \d+ \(line \d+\)", str(err))


def test_unknown_id_in_a_reference(data_copy):
    path = data_copy / "participants.csv"
    line = first_data_line(path)
    meeting_id = line.split(",")[0]
    edit(path, line, line.replace(meeting_id, "NO-SUCH-MEETING", 1))
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("participants.csv", 1, "meeting_id")
    assert "unknown meeting_id 'NO-SUCH-MEETING'" in str(err)


def test_unknown_agency(data_copy):
    path = data_copy / "participants.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    assert "agency_id" in header
    # Replace the agency of the first row by swapping its known id for a bogus one.
    agency = next(tok for tok in lines[1].split(",") if tok.startswith(("us-", "mx-")))
    edit(path, lines[1], lines[1].replace(f",{agency},", ",mx-nowhere,", 1))
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("participants.csv", 1, "agency_id")


def test_duplicate_key(data_copy):
    path = data_copy / "people.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:2] + [lines[1]] + lines[2:]), encoding="utf-8")
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("people.csv", 2, "person_id")
    assert "duplicate primary key" in str(err)


def test_required_value_missing(data_copy):
    path = data_copy / "documents.csv"
    line = first_data_line(path)
    doc_id = line.split(",")[0]
    edit(path, line, line.replace(doc_id + ",", ",", 1))
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("documents.csv", 1, "doc_id")


def test_value_outside_the_vocabulary(data_copy):
    path = data_copy / "participants.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",cabinet,", ",minister,", 1), encoding="utf-8")
    err = load_error(data_copy)
    assert (err.file, err.field) == ("participants.csv", "level") and "'minister' is not one of" in str(err)


def test_evidence_quote_not_in_its_document(data_copy, ds):
    path = data_copy / "participants.csv"
    quote = ds.participants["evidence"].iloc[0]
    word = quote.split()[-1]
    edit(path, quote, quote.replace(word, word + "ZZZ"))
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("participants.csv", 1, "evidence")
    assert "is not found in the cleaned text" in str(err)


def test_quote_found_only_in_page_furniture_is_rejected(data_copy, ds):
    path = data_copy / "participants.csv"
    quote = ds.participants.loc[ds.participants["doc_id"] == "state-2017", "evidence"].iloc[0]
    # The contributor bio survives in the raw text but not in the cleaned text.
    edit(path, quote, "the United States Senate confirmed Philip Goldberg")
    err = load_error(data_copy)
    assert err.field in {"evidence", "name_as_written"} and err.file == "participants.csv"


def test_raw_text_edited(data_copy):
    raw = sorted((data_copy / "raw").glob("*.txt"))[0]
    raw.write_bytes(raw.read_bytes() + b" ")
    err = load_error(data_copy)
    assert err.file == f"raw/{raw.name}" and "does not match" in str(err)


def test_raw_text_missing(data_copy):
    raw = sorted((data_copy / "raw").glob("*.txt"))[0]
    raw.unlink()
    assert load_error(data_copy).file == f"raw/{raw.name}"


def test_non_utf8_table(data_copy):
    path = data_copy / "agencies.csv"
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9", 1))
    err = load_error(data_copy)
    assert err.file == "agencies.csv" and "UTF-8" in str(err)


def test_cleaning_rule_that_no_longer_matches(data_copy, ds):
    path = data_copy / "cleaning_rules.csv"
    rule = ds.cleaning_rules.iloc[-1]
    line = next(l for l in path.read_text(encoding="utf-8").splitlines() if l.startswith(f"{rule.rule_id},"))
    edit(path, line, line.replace(rule.text[:12], "Nothing like", 1))
    err = load_error(data_copy)
    assert err.file == "cleaning_rules.csv" and err.field == "text"


def test_loading_never_writes(data_copy):
    before = {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")}
    load_dataset(data_copy)
    assert {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")} == before
