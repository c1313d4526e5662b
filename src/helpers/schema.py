"""Read the tables of the data package and check them against its schema.

``data/datapackage.json`` (Frictionless Data Package) is the single
description of every table: its file, fields, types, required fields,
controlled vocabularies, primary key and foreign keys. This module reads
each CSV with pandas and enforces that description with errors that name
the file, the row and the field. ``frictionless validate`` checks the same
package independently in the test suite.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .errors import DataError

PACKAGE_FILE = "datapackage.json"


def read_package(data_dir: Path) -> dict:
    """Return the parsed ``datapackage.json`` of ``data_dir``."""
    path = data_dir / PACKAGE_FILE
    if not path.is_file():
        raise DataError(PACKAGE_FILE, f"the data package descriptor is missing (looked in {data_dir.name}/)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(PACKAGE_FILE, f"is not valid UTF-8 JSON: {exc}") from None


def resources(package: Mapping) -> dict[str, dict]:
    """Return the package's resources keyed by name."""
    return {res["name"]: res for res in package.get("resources", [])}


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _parse_value(value: str, field: dict):
    """Convert one non-empty cell; raise ``ValueError`` with a reason."""
    kind = field.get("type", "string")
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "integer":
        if not value.lstrip("-").isdigit():
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    if kind == "year":
        if not (value.isdigit() and len(value) == 4):
            raise ValueError(f"{value!r} is not a four-digit year")
        return int(value)
    if kind == "number":
        return float(value)
    if kind == "boolean":
        if value not in {"true", "false"}:
            raise ValueError(f"{value!r} is not true or false")
        return value == "true"
    return value


def read_table(data_dir: Path, resource: dict) -> pd.DataFrame:
    """Read one resource and check fields, types, constraints and its primary key."""
    file = resource["path"]
    path = data_dir / file
    if not path.is_file():
        raise DataError(file, "the file is missing")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(file, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(file, f"cannot be read as CSV: {exc}") from None

    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    for name in names:
        if name not in frame.columns:
            raise DataError(file, "the column is missing from the header", field=name)
    extra = [c for c in frame.columns if c not in names]
    if extra:
        raise DataError(file, f"the header has a column the schema does not describe", field=extra[0])

    for field in fields:
        frame[field["name"]] = _convert_column(file, frame[field["name"]], field)

    _check_primary_key(file, frame, _as_list(resource["schema"].get("primaryKey")))
    return frame[names]


def _convert_column(file: str, column: pd.Series, field: dict) -> pd.Series:
    name = field["name"]
    constraints = field.get("constraints", {})
    allowed = constraints.get("enum")
    values = []
    for row, raw in enumerate(column, start=1):
        cell = raw.strip()
        if cell != raw:
            raise DataError(file, f"the value {raw!r} has leading or trailing spaces", row=row, field=name)
        if cell == "":
            if constraints.get("required"):
                raise DataError(file, "a value is required but the cell is empty", row=row, field=name)
            values.append(None)
            continue
        if allowed is not None and cell not in allowed:
            raise DataError(file, f"{cell!r} is not one of {allowed}", row=row, field=name)
        try:
            values.append(_parse_value(cell, field))
        except ValueError as exc:
            raise DataError(file, f"bad {field.get('type', 'string')}: {exc}", row=row, field=name) from None
    kind = field.get("type", "string")
    if kind == "date":
        return pd.Series(pd.to_datetime(values), index=column.index, name=name)
    if kind in {"integer", "year"}:
        return pd.Series(values, index=column.index, name=name, dtype="Int64")
    if kind == "number":
        return pd.Series(values, index=column.index, name=name, dtype="Float64")
    if kind == "boolean":
        return pd.Series(values, index=column.index, name=name, dtype="boolean")
    return pd.Series(values, index=column.index, name=name, dtype=object)


def _check_primary_key(file: str, frame: pd.DataFrame, key: list[str]) -> None:
    if not key:
        return
    duplicated = frame.duplicated(subset=key, keep="first")
    if duplicated.any():
        row = int(duplicated.to_numpy().nonzero()[0][0]) + 1
        values = ", ".join(f"{k}={frame.iloc[row - 1][k]!r}" for k in key)
        raise DataError(file, f"duplicate primary key ({values})", row=row, field=key[0])


def check_foreign_keys(package: Mapping, tables: Mapping[str, pd.DataFrame]) -> None:
    """Check every foreign key of every resource against the referenced table."""
    for name, resource in resources(package).items():
        frame = tables[name]
        for fk in resource["schema"].get("foreignKeys", []):
            fields = _as_list(fk["fields"])
            target_name = fk["reference"]["resource"] or name
            target_fields = _as_list(fk["reference"]["fields"])
            target = tables[target_name]
            known = set(target[target_fields].itertuples(index=False, name=None))
            for row, values in enumerate(frame[fields].itertuples(index=False, name=None), start=1):
                if any(v is None or (isinstance(v, float) and pd.isna(v)) for v in values):
                    continue
                if values not in known:
                    shown = values[0] if len(values) == 1 else values
                    raise DataError(
                        resource["path"],
                        f"unknown {'/'.join(target_fields)} {shown!r}: not in {resources(package)[target_name]['path']}",
                        row=row,
                        field=fields[0],
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
