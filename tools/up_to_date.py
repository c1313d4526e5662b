"""Tell whether a builder's output is up to date with the book's sources.

``python tools/up_to_date.py html`` exits 0 when no source of the book
(chapters, pages, data, helpers, extensions, configuration, lock) changed
since the last successful ``html`` build, 1 otherwise;
``python tools/up_to_date.py html --record`` records the current sources
after a successful build. The Makefile uses it as ``make`` uses timestamps,
but on contents: a rebuild with nothing changed does not start Sphinx (the
HTML and LaTeX builders share Sphinx's saved environment, so each would
otherwise re-read every page after the other ran). Standard library only.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Files that are not sources of the book: its tests, benchmarks and CI.
NOT_SOURCES = ("tests/", "benchmarks/", ".ci/", ".github/", "_build/")


def source_files() -> list[Path]:
    """The repository's files (tracked or new, not ignored) that the book is built from."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    return sorted(ROOT / name for name in listed if name and not name.startswith(NOT_SOURCES))


def sources_digest() -> str:
    sha = hashlib.sha256()
    for path in source_files():
        if path.is_file():
            sha.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


def main(argv: list[str]) -> int:
    builder, record = argv[0], "--record" in argv[1:]
    stamp = ROOT / "_build" / f".{builder}.sources.sha256"
    try:
        current = sources_digest()
    except (OSError, subprocess.CalledProcessError):
        return 1  # not a git checkout: always build
    if record:
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(current + "\n")
        return 0
    return 0 if stamp.exists() and stamp.read_text().strip() == current else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
