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
    line = next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith(f"{rule.rule_id},"))
    edit(path, line, line.replace(rule.text[:12], "Nothing like", 1))
    err = load_error(data_copy)
    assert err.file == "cleaning_rules.csv" and err.field == "text"


def test_loading_never_writes(data_copy):
    before = {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")}
    load_dataset(data_copy)
    assert {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")} == before


# Every constraint of datapackage.json is enforced on load ------------------------------


def set_cell(data_dir: Path, file: str, row: int, field: str, value: str) -> None:
    """Write ``value`` into data row ``row`` (1-based), column ``field``, keeping the CSV valid."""
    import csv
    import io

    path = data_dir / file
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    records[row][records[0].index(field)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.mark.parametrize(
    "file, field, value, says",
    [
        ("people.csv", "person_id", "Richard Verma!!", "does not match the pattern"),
        ("people.csv", "person_id", "../../evil", "does not match the pattern"),
        ("meetings.csv", "meeting_id", "hlsd 2023", "does not match the pattern"),
        ("documents.csv", "file", "../../../etc/hostname", "does not match the pattern"),
        ("meetings.csv", "date", "20171214", "not a date written YYYY-MM-DD"),
        ("meetings.csv", "series_number", "0", "below the minimum 1"),
        ("theme_codebook.csv", "cap_major_code", "24", "above the maximum 23"),
        ("claims.csv", "value", "NaN", "not a finite number"),
        ("claims.csv", "value", "inf", "not a finite number"),
        ("claims.csv", "value", "1_000", "not a finite number"),
        ("documents.csv", "source_url", "javascript:alert(1)", "not an http(s) address"),
        ("reference_stats.csv", "url", "https://example.org/a b", "not an http(s) address"),
        ("people.csv", "name", "Liz\u202eSherwood", "control character U+202E"),
        ("people.csv", "name", "Liz\x00Sherwood", "control character U+0000"),
        ("people.csv", "notes", "bell\x07", "control character U+0007"),
    ],
)
def test_a_declared_constraint_is_enforced(data_copy, file, field, value, says):
    set_cell(data_copy, file, 1, field, value)
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == (file, 1, field) and says in str(err)


def test_a_unique_field_is_unique(data_copy, ds):
    theme = ds.theme_codebook["theme_id"].iloc[0]
    set_cell(data_copy, "theme_codebook.csv", 2, "theme_id", theme)
    err = load_error(data_copy)
    assert (err.file, err.field) == ("theme_codebook.csv", "theme_id")
    assert "must be unique" in str(err) or "duplicate primary key" in str(err)


def test_a_raw_file_outside_raw_is_refused_even_without_the_pattern(data_copy):
    import json

    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    documents = next(r for r in package["resources"] if r["name"] == "documents")
    field = next(f for f in documents["schema"]["fields"] if f["name"] == "file")
    field["constraints"].pop("pattern")
    (data_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    set_cell(data_copy, "documents.csv", 1, "file", "../datapackage.json")
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("documents.csv", 1, "file") and "not a file of raw/" in str(err)


@pytest.mark.parametrize("path", ["../../etc/passwd.csv", "/etc/passwd", "sub/people.csv"])
def test_a_resource_path_outside_data_is_refused(data_copy, path):
    text = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    (data_copy / "datapackage.json").write_text(
        text.replace('"path": "people.csv"', f'"path": "{path}"'), encoding="utf-8"
    )
    err = load_error(data_copy)
    assert err.file == "datapackage.json" and "(people): path" in str(err) and "no folders" in str(err)


def test_a_resource_missing_from_the_package_is_named(data_copy):
    import json

    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "people"]
    for resource in package["resources"]:
        resource["schema"]["foreignKeys"] = [
            fk for fk in resource["schema"].get("foreignKeys", []) if fk["reference"]["resource"] != "people"
        ]
    (data_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    err = load_error(data_copy)
    assert err.file == "datapackage.json" and "the resource 'people' is missing" in str(err)


def test_windows_line_endings_are_named(data_copy):
    path = data_copy / "cleaning_rules.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    err = load_error(data_copy)
    assert err.file == "cleaning_rules.csv" and "CRLF" in str(err) and "line 1" in str(err)


def test_utf16_is_called_utf16(data_copy):
    path = data_copy / "people.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    err = load_error(data_copy)
    assert err.file == "people.csv" and "UTF-16" in str(err)


def test_the_line_of_a_row_after_a_multi_line_record(data_copy):
    # Row 1 spans three lines; row 2's error must point at its own line, 5.
    set_cell(data_copy, "people.csv", 1, "notes", "first line\nsecond line\nthird line")
    set_cell(data_copy, "people.csv", 2, "person_id", "Bad Id")
    err = load_error(data_copy)
    assert (err.row, err.line) == (2, 5) and "row 2 (line 5)" in str(err)


def test_a_record_with_too_many_fields_is_named_by_its_line(data_copy):
    path = data_copy / "people.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ",extra\n"
    path.write_text("".join(lines), encoding="utf-8")
    err = load_error(data_copy)
    assert err.file == "people.csv" and "line 3 has" in str(err)


# The record of texts considered ----------------------------------------------------------


def test_an_included_text_must_be_the_raw_file_as_received(data_copy, ds):
    path = data_copy / "texts_considered.csv"
    sha = ds.texts_considered["sha256"].iloc[2]
    edit(path, sha, "0" * 64)
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("texts_considered.csv", 3, "sha256")
    assert "not the text as received" in str(err)


def test_an_excluded_text_is_no_document(data_copy):
    path = data_copy / "texts_considered.csv"
    edit(path, ",included,pres-2010,", ",excluded,pres-2010,")
    err = load_error(data_copy)
    assert (err.file, err.row, err.field) == ("texts_considered.csv", 1, "doc_id")
    assert "excluded text cannot be document 'pres-2010'" in str(err)


def test_every_document_was_considered(data_copy):
    path = data_copy / "texts_considered.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if ",sre-2020," not in line), encoding="utf-8")
    err = load_error(data_copy)
    assert err.file == "texts_considered.csv" and "'sre-2020'" in str(err) and "not recorded" in str(err)
