"""Tests of helpers.schema's description of the dataset for readers (the data appendix), and of length limits."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from helpers import escape, schema
from helpers.errors import DataError

from hostile import PAYLOADS

PEOPLE = {
    "name": "people",
    "path": "people.csv",
    "description": "One row per person.",
    "schema": {
        "primaryKey": "person_id",
        "fields": [
            {"name": "person_id", "type": "string", "description": "Id.", "constraints": {"required": True}},
            {"name": "country", "description": "Country.", "constraints": {"enum": ["US", "MX"]}},
            {"name": "born", "type": "year"},
        ],
    },
}
ROLES = {
    "name": "roles",
    "path": "roles.csv",
    "description": "Who held which office.",
    "schema": {
        "primaryKey": ["person_id", "office"],
        "fields": [{"name": "person_id"}, {"name": "office"}, {"name": "successor"}],
        "foreignKeys": [
            {"fields": "person_id", "reference": {"resource": "people", "fields": "person_id"}},
            {"fields": ["successor", "office"], "reference": {"resource": "", "fields": ["person_id", "office"]}},
        ],
    },
}
PACKAGE = {"resources": [PEOPLE, ROLES]}


def test_overview_has_one_row_per_resource_with_its_rows_and_key():
    tables = {"people": pd.DataFrame({"person_id": ["a", "b"]}), "roles": pd.DataFrame({"person_id": []})}
    table = schema.overview(PACKAGE, tables)
    assert table.to_dict("records") == [
        {
            "table": "people",
            "file": "data/people.csv",
            "rows": 2,
            "primary key": "person_id",
            "description": "One row per person.",
        },
        {
            "table": "roles",
            "file": "data/roles.csv",
            "rows": 0,
            "primary key": "person_id, office",
            "description": "Who held which office.",
        },
    ]


def test_fields_table_lists_type_requirement_and_allowed_values():
    table = schema.fields_table(PEOPLE)
    assert list(table.columns) == ["field", "type", "required", "allowed values", "description"]
    assert table.values.tolist() == [
        ["person_id", "string", "yes", "", "Id."],
        ["country", "string", "", "US, MX", "Country."],
        ["born", "year", "", "", ""],
    ]
    empty = schema.fields_table({"schema": {"fields": []}})
    assert empty.empty and list(empty.columns) == list(table.columns)


def test_foreign_keys_name_the_referenced_table_or_the_table_itself():
    assert schema.foreign_keys("people", PEOPLE) == "none"
    assert schema.foreign_keys("roles", ROLES) == (
        "person_id → people.person_id; successor, office → roles.person_id, office"
    )


def test_resource_note_says_file_keys_and_description():
    note = schema.resource_note("roles", ROLES)
    assert note.startswith(r"**The roles table.** Who held which office\.")
    assert escape.unescape_myst(note.split("\n\n")[1]) == (
        "File data/roles.csv; primary key: person_id, office; foreign keys: person_id → people.person_id; "
        "successor, office → roles.person_id, office."
    )


@pytest.mark.parametrize("family", sorted(PAYLOADS))
def test_resource_note_prints_every_word_of_the_package_as_text(family):
    payload = PAYLOADS[family]
    hostile = json.loads(json.dumps(ROLES))
    hostile["description"] = payload
    hostile["path"] = f"x{payload}.csv"
    hostile["schema"]["primaryKey"] = payload
    hostile["schema"]["foreignKeys"][0]["reference"]["resource"] = payload
    note = schema.resource_note(payload, hostile)
    heading, description_and_facts = note.split(" table.** ", 1)
    # Only the bold "The ... table." is markup: every punctuation mark of the data is escaped.
    assert heading == "**The " + escape.myst(payload)
    description, facts = description_and_facts.split("\n\n")
    assert description == escape.myst(payload)
    keys = f"person_id → {payload}.person_id; successor, office → {payload}.person_id, office"
    assert facts == escape.myst(f"File data/x{payload}.csv; primary key: {payload}; foreign keys: {keys}.")
    assert not re.search(r"(?<!\\)[`{}<>$\[\]*_|]", heading[2:] + description_and_facts)


def test_length_limits_name_the_row_and_field(tmp_path):
    resource = {
        "name": "t",
        "path": "t.csv",
        "schema": {"fields": [{"name": "code", "constraints": {"minLength": 2, "maxLength": 3}}]},
    }
    for value, says in (("a", "shorter than 2"), ("abcd", "longer than 3")):
        (tmp_path / "t.csv").write_text(f"code\nab\n{value}\n", encoding="utf-8")
        with pytest.raises(DataError, match=says) as error:
            schema.read_table(tmp_path, resource)
        assert error.value.row == 2 and error.value.field == "code"
    (tmp_path / "t.csv").write_text("code\nab\nabc\n", encoding="utf-8")
    assert schema.read_table(tmp_path, resource)["code"].tolist() == ["ab", "abc"]


def test_the_line_numbers_follow_a_frame_without_being_copied_item_by_item(tmp_path):
    """pandas deep-copies attrs into every derived frame: the line numbers must survive it, shared."""
    import copy

    resource = {"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "code"}, {"name": "note"}]}}
    (tmp_path / "t.csv").write_text('code,note\na,"two\nlines"\nb,one\n', encoding="utf-8")
    frame = schema.read_table(tmp_path, resource)
    assert list(frame.attrs["lines"]) == [2, 4]
    assert schema.line_of(frame, 2) == 4
    derived = frame[frame["code"] == "b"].sort_values("code")
    assert derived.attrs["lines"] is frame.attrs["lines"]
    assert copy.deepcopy(frame.attrs)["lines"] is frame.attrs["lines"]
