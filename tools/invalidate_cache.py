"""Throw away cached notebook executions when their inputs change.

Jupyter Book's execution cache keys a notebook on its code cells only, so a
change to data/ or src/helpers/ would otherwise leave stale numbers in the
book. Before every build this script hashes those inputs (and the lock and
book configuration); when the hash differs from the last build's, it deletes
the execution cache and Sphinx's saved environment, so that every chapter is
re-executed and re-read. Standard library only: it runs before the venv has
anything else.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ["data", "src/helpers", "tools/sphinx_ext", "requirements.lock", "_config.yml", "_toc.yml"]
STAMP = ROOT / "_build" / ".inputs.sha256"
STALE = ["_build/.jupyter_cache", "_build/.doctrees", "_build/jupyter_execute"]


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for entry in INPUTS:
        path = ROOT / entry
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or not file.exists():
                continue
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def main() -> int:
    current = inputs_digest()
    previous = STAMP.read_text().strip() if STAMP.exists() else None
    if previous == current:
        print("inputs unchanged: the execution cache is kept")
        return 0
    for entry in STALE:
        shutil.rmtree(ROOT / entry, ignore_errors=True)
    STAMP.parent.mkdir(exist_ok=True)
    STAMP.write_text(current + "\n")
    print("data, helpers or configuration changed: every chapter will be re-executed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
