"""Read the tables of the data package and check them against its schema.

``data/datapackage.json`` (Frictionless Data Package) is the single
description of every table: its file, fields, types, required fields,
controlled vocabularies, primary key and foreign keys. This module reads
each CSV with pandas and enforces that description with errors that name
the file, the row and the field. ``frictionless validate`` checks the same
package independently in the test suite.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from . import escape
from .errors import DataError

PACKAGE_FILE = "datapackage.json"


def read_package(data_dir: Path) -> dict:
    """Return the parsed ``datapackage.json`` of ``data_dir``, its resources checked."""
    path = data_dir / PACKAGE_FILE
    if not path.is_file():
        raise DataError(PACKAGE_FILE, f"the data package descriptor is missing (looked in {data_dir.name}/)")
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(PACKAGE_FILE, f"is not valid UTF-8 JSON: {exc}") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise DataError(PACKAGE_FILE, "has no list of resources")
    for number, resource in enumerate(package["resources"]):
        _check_resource(resource, number)
    return package


def _check_resource(resource, number: int) -> None:
    """A resource names a CSV file of ``data/`` itself and describes its fields."""
    where = f"resources[{number}]"
    if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
        raise DataError(PACKAGE_FILE, f"{where} has no name")
    where = f"resources[{number}] ({resource['name']})"
    file = resource.get("path")
    if not isinstance(file, str) or not _TABLE_FILE.fullmatch(file):
        raise DataError(
            PACKAGE_FILE, f"{where}: path {file!r} is not the name of a .csv file in data/ (no folders, no '..')"
        )
    fields = (resource.get("schema") or {}).get("fields")
    if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
        raise DataError(PACKAGE_FILE, f"{where}: schema.fields is not a list of named fields")
    for field in fields:
        kind = field.get("type", "string")
        if kind not in _TYPES:
            raise DataError(
                PACKAGE_FILE,
                f"{where}: field {field['name']!r} has type {kind!r}, which the loader "
                f"does not know ({', '.join(sorted(_TYPES))})",
            )


def require_resources(package: Mapping, names: Iterable[str]) -> None:
    """Fail with a clear error when the package lacks one of the tables ``names``."""
    missing = [name for name in names if name not in resources(package)]
    if missing:
        raise DataError(
            PACKAGE_FILE,
            f"the resource {missing[0]!r} is missing: the report reads it "
            f"(resources present: {', '.join(sorted(resources(package)))})",
        )


def resources(package: Mapping) -> dict[str, dict]:
    """Return the package's resources keyed by name."""
    return {res["name"]: res for res in package.get("resources", [])}


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


#: A table file: a plain name in data/ itself, so no resource can point outside it.
_TABLE_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.csv")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
#: An address a reader may follow: http(s), with no space, quote or angle bracket in it.
_URI = re.compile(r"https?://[^\s<>\"'`{}|\\^]+")
#: Characters no readout needs and that hide or reorder text: C0/C1 controls other than
#: tab and line break, and the bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def _parse_value(value: str, field: dict):
    """Convert one non-empty cell; raise ``ValueError`` with a reason."""
    kind = field.get("type", "string")
    if kind == "date":
        if not _DATE.fullmatch(value):
            raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
        return dt.date.fromisoformat(value)
    if kind == "integer":
        if not _INTEGER.fullmatch(value):
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    if kind == "year":
        if not (value.isdigit() and len(value) == 4):
            raise ValueError(f"{value!r} is not a four-digit year")
        return int(value)
    if kind == "number":
        # float() also reads "nan", "inf" and "1_000": none of them is a measured quantity.
        if not _NUMBER.fullmatch(value):
            raise ValueError(f"{value!r} is not a finite number written in digits")
        return float(value)
    if kind == "boolean":
        if value not in {"true", "false"}:
            raise ValueError(f"{value!r} is not true or false")
        return value == "true"
    if field.get("format") == "uri" and not _URI.fullmatch(value):
        raise ValueError(f"{value!r} is not an http(s) address without spaces, quotes or brackets")
    return value


_TYPES = {"string", "date", "integer", "year", "number", "boolean"}


def _records(file: str, text: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, records and the line each record starts on (records may span lines)."""
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise DataError(
            file,
            f"line {line} ends with a carriage return (Windows line endings, CRLF): "
            "save the file with Unix line endings (LF), e.g. `dos2unix " + file + "`",
        )
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    starts, records = [], []
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(file, "the file is empty: it needs at least a header line")
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            if record == []:  # a blank line
                continue
            starts.append(start)
            records.append(record)
    except csv.Error as exc:
        raise DataError(file, f"cannot be read as CSV near line {reader.line_num}: {exc}") from None
    for record, start in zip(records, starts, strict=True):
        if len(record) != len(header):
            raise DataError(
                file,
                f"line {start} has {len(record)} fields, the header {len(header)}",
                row=len([s for s in starts if s <= start]),
                line=start,
            )
    return header, records, starts


class LineNumbers(tuple):
    """The line of its file that each row starts on, kept in a frame's ``attrs``.

    pandas deep-copies a frame's attrs into every frame derived from it, and
    a list of a few hundred numbers was copied item by item at every filter,
    sort and column read (1.5 million copy calls in one run of the networks
    chapter). The numbers never change once read, so every copy can be this
    one.
    """

    __slots__ = ()

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def read_table(data_dir: Path, resource: dict) -> pd.DataFrame:
    """Read one resource and check fields, types, every declared constraint and its primary key.

    The frame's ``attrs["lines"]`` holds the line each row starts on, for
    messages about rows that span several lines.
    """
    file = resource["path"]
    path = data_dir / file
    if not path.is_file():
        raise DataError(file, "the file is missing")
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(file, "is UTF-16 text: save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(file, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    header, records, lines = _records(file, text.removeprefix("\ufeff"))

    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    for name in names:
        if name not in header:
            raise DataError(file, "the column is missing from the header", field=name)
    extra = [c for c in header if c not in names]
    if extra:
        raise DataError(file, "the header has a column the schema does not describe", field=extra[0])
    if len(set(header)) != len(header):
        raise DataError(file, "the header names a column twice", field=next(c for c in header if header.count(c) > 1))

    columns = {name: [record[header.index(name)] for record in records] for name in names}
    frame = pd.DataFrame(
        {field["name"]: _convert_column(file, columns[field["name"]], field, lines) for field in fields}, columns=names
    )
    frame.attrs["lines"] = LineNumbers(lines)
    _check_primary_key(file, frame, _as_list(resource["schema"].get("primaryKey")), lines)
    return frame


def line_of(frame: pd.DataFrame, row: int) -> int | None:
    """The line of its file that data row ``row`` (1-based) starts on, when known."""
    lines = frame.attrs.get("lines")
    return lines[row - 1] if lines and 0 < row <= len(lines) else None


def _cell_error(file: str, message: str, row: int, field: str, lines: list[int]) -> DataError:
    return DataError(file, message, row=row, field=field, line=lines[row - 1])


def _convert_column(file: str, column: list[str], field: dict, lines: list[int]) -> pd.Series:
    name = field["name"]
    constraints = field.get("constraints", {})
    # Looked up once, not for every cell: a load checks some ten thousand cells.
    required = constraints.get("required")
    allowed = constraints.get("enum")
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    min_length, max_length = constraints.get("minLength"), constraints.get("maxLength")
    minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
    values = []
    for row, raw in enumerate(column, start=1):
        cell = raw.strip()
        if cell != raw:
            raise _cell_error(file, f"the value {raw!r} has leading or trailing spaces", row, name, lines)
        bad = _CONTROL.search(cell)
        if bad:
            raise _cell_error(
                file,
                f"the value contains the control character U+{ord(bad.group()):04X} at position "
                f"{bad.start()}: no text of the dataset needs one",
                row,
                name,
                lines,
            )
        if cell == "":
            if required:
                raise _cell_error(file, "a value is required but the cell is empty", row, name, lines)
            values.append(None)
            continue
        if allowed is not None and cell not in allowed:
            raise _cell_error(file, f"{cell!r} is not one of {allowed}", row, name, lines)
        if pattern is not None and not pattern.fullmatch(cell):
            raise _cell_error(file, f"{cell[:80]!r} does not match the pattern {pattern.pattern!r}", row, name, lines)
        if min_length is not None and len(cell) < min_length:
            raise _cell_error(file, f"the value is shorter than {min_length} characters", row, name, lines)
        if max_length is not None and len(cell) > max_length:
            raise _cell_error(file, f"the value is longer than {max_length} characters", row, name, lines)
        try:
            value = _parse_value(cell, field)
        except ValueError as exc:
            raise _cell_error(file, f"bad {field.get('type', 'string')}: {exc}", row, name, lines) from None
        if minimum is not None and value < minimum:
            raise _cell_error(file, f"{cell} is below the minimum {minimum}", row, name, lines)
        if maximum is not None and value > maximum:
            raise _cell_error(file, f"{cell} is above the maximum {maximum}", row, name, lines)
        values.append(value)
    if constraints.get("unique"):
        seen: dict = {}
        for row, value in enumerate(values, start=1):
            if value is not None and value in seen:
                raise DataError(
                    file,
                    f"{value!r} is already the value of row {seen[value]}: it must be unique",
                    row=row,
                    field=name,
                    line=lines[row - 1],
                )
            seen.setdefault(value, row)
    kind = field.get("type", "string")
    if kind == "date":
        return pd.Series(pd.to_datetime(values), name=name)
    if kind in {"integer", "year"}:
        return pd.Series(values, name=name, dtype="Int64")
    if kind == "number":
        return pd.Series(values, name=name, dtype="Float64")
    if kind == "boolean":
        return pd.Series(values, name=name, dtype="boolean")
    return pd.Series(values, name=name, dtype=object)


def _check_primary_key(file: str, frame: pd.DataFrame, key: list[str], lines: list[int]) -> None:
    if not key:
        return
    duplicated = frame.duplicated(subset=key, keep="first")
    if duplicated.any():
        row = int(duplicated.to_numpy().nonzero()[0][0]) + 1
        values = ", ".join(f"{k}={frame.iloc[row - 1][k]!r}" for k in key)
        raise DataError(file, f"duplicate primary key ({values})", row=row, field=key[0], line=lines[row - 1])


def check_foreign_keys(package: Mapping, tables: Mapping[str, pd.DataFrame]) -> None:
    """Check every foreign key of every resource against the referenced table."""
    for name, resource in resources(package).items():
        frame = tables[name]
        for fk in resource["schema"].get("foreignKeys", []):
            fields = _as_list(fk["fields"])
            target_name = fk["reference"]["resource"] or name
            target_fields = _as_list(fk["reference"]["fields"])
            if target_name not in tables:
                raise DataError(
                    PACKAGE_FILE,
                    f"resource {name!r}: a foreign key refers to the resource "
                    f"{target_name!r}, which the package does not have",
                )
            target = tables[target_name]
            known = set(target[target_fields].itertuples(index=False, name=None))
            for row, values in enumerate(frame[fields].itertuples(index=False, name=None), start=1):
                if any(v is None or (isinstance(v, float) and pd.isna(v)) for v in values):
                    continue
                if values not in known:
                    shown = values[0] if len(values) == 1 else values
                    target_file = resources(package)[target_name]["path"]
                    raise DataError(
                        resource["path"],
                        f"unknown {'/'.join(target_fields)} {shown!r}: not in {target_file}",
                        row=row,
                        field=fields[0],
                        line=line_of(frame, row),
                    )


def describe_fields(resource: Mapping) -> Iterable[dict]:
    """Yield one dict per field (name, type, required, allowed, description)."""
    for field in resource["schema"]["fields"]:
        constraints = field.get("constraints", {})
        yield {
            "field": field["name"],
            "type": field.get("type", "string"),
            "required": bool(constraints.get("required")),
            "allowed values": ", ".join(constraints.get("enum", [])),
            "description": field.get("description", ""),
        }


# --- the dataset described for readers (the data appendix) --------------------------------


def _keys(value) -> str:
    return ", ".join(_as_list(value))


def overview(package: Mapping, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per resource of ``package``: table, file, rows (of ``tables``), primary key and description."""
    return pd.DataFrame(
        [
            {
                "table": name,
                "file": f"data/{res['path']}",
                "rows": len(tables[name]),
                "primary key": _keys(res["schema"].get("primaryKey")),
                "description": res.get("description", ""),
            }
            for name, res in resources(package).items()
        ]
    )


def fields_table(resource: Mapping) -> pd.DataFrame:
    """:func:`describe_fields` of ``resource`` as a table, "yes" for a required field and "" otherwise."""
    fields = pd.DataFrame(
        list(describe_fields(resource)), columns=["field", "type", "required", "allowed values", "description"]
    )
    fields["required"] = fields["required"].map({True: "yes", False: ""})
    return fields


def foreign_keys(name: str, resource: Mapping) -> str:
    """The foreign keys of resource ``name`` as "fields → table.fields", separated by "; " ("none" if it has none)."""
    return (
        "; ".join(
            f"{_keys(fk['fields'])} → {(fk['reference']['resource'] or name)}.{_keys(fk['reference']['fields'])}"
            for fk in resource["schema"].get("foreignKeys", [])
        )
        or "none"
    )


def resource_note(name: str, resource: Mapping) -> str:
    """MyST text introducing resource ``name``: its description, file, primary key and foreign keys.

    The package's words are data: every one of them is printed as text,
    never as markup (:func:`helpers.escape.myst`); only the bold "The ...
    table." is markup.
    """
    facts = (
        f"File data/{resource['path']}; primary key: {_keys(resource['schema'].get('primaryKey'))}; "
        f"foreign keys: {foreign_keys(name, resource)}."
    )
    return f"**The {escape.myst(name)} table.** {escape.myst(resource.get('description', ''))}\n\n" + escape.myst(facts)
