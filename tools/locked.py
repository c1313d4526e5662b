"""Run a command while holding the build lock: one build of the book at a time.

``python tools/locked.py CMD ARGS...`` takes an exclusive lock on
``_build/.build.lock`` (a second build waits for the first, instead of both
writing into ``_build/`` and leaving a search index of half the pages) and
a shared lock on ``data/`` (an ``accept`` never changes the dataset while
the chapters read it; see helpers.journal). It exits with the command's
exit status. Standard library only.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lock(path: Path, mode: int, waiting: str) -> int:
    handle = os.open(path, os.O_RDONLY | (os.O_CREAT if not path.is_dir() else 0), 0o644)
    try:
        fcntl.flock(handle, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        print(waiting, file=sys.stderr, flush=True)
        fcntl.flock(handle, mode)
    return handle


def main(command: list[str]) -> int:
    if not command:
        print("usage: python tools/locked.py CMD [ARGS...]", file=sys.stderr)
        return 2
    build = ROOT / "_build"
    build.mkdir(exist_ok=True)
    held = [
        _lock(build / ".build.lock", fcntl.LOCK_EX, "waiting for another build of the book to finish"),
        _lock(ROOT / "data", fcntl.LOCK_SH, "waiting for a change of data/ (an accept) to finish"),
    ]
    try:
        return subprocess.call(command)
    finally:
        for handle in held:
            os.close(handle)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
