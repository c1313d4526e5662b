"""Print the counts of the fact-check table (review/statements.csv): rows by page, by kind and by status."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "review" / "statements.csv"


def summary(path: Path = TABLE) -> str:
    """The counts of the table at ``path`` as a Markdown list, one section per column counted."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lines = [f"{len(rows)} statements"]
    for column in ("page", "kind", "status"):
        lines.append(f"\nBy {column}:")
        lines += [f"- {value}: {n}" for value, n in sorted(Counter(r[column] for r in rows).items())]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE))
