"""The one error type raised for bad input data."""

from __future__ import annotations


class DataError(ValueError):
    """A data file is missing or malformed.

    The message names the file, and where it applies the row (1-based data
    row, with the CSV line number) and the field, so that a reader can go
    straight to the cell to fix.
    """

    def __init__(
        self, file: str, message: str, *, row: int | None = None, field: str | None = None, line: int | None = None
    ):
        self.file = file
        self.row = row
        self.field = field
        self.detail = message
        # Data row N sits on line N + 1 (line 1 is the header) unless a record
        # above it spans several lines: the reader then gives the line.
        self.line = line if line is not None or row is None else row + 1
        where = [file]
        if row is not None:
            where.append(f"row {row} (line {self.line})")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}")


class UndeclaredTable(LookupError):
    """A notebook reads a table it did not declare in ``load_dataset(uses=...)``.

    Not an ``AttributeError``, so that Python does not mistake it for a
    missing attribute and hide the message.
    """
