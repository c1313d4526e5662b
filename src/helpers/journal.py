"""Change ``data/`` all at once, one writer at a time.

``accept`` replaces several files of ``data/`` (a raw text, the manifest
and up to eight tables). Replacing them one after another is not atomic: a
crash in between would leave a dataset that refers to a meeting it does not
have. Here the new files are first written whole into a staging folder
beside them, then a journal listing them is committed with one atomic
rename, and only then are they moved into place. So at any moment:

- without a journal, ``data/`` holds the old dataset (a staging folder
  left by a crash is garbage and is removed by :func:`recover`);
- with a journal, every new file is complete in the staging folder, and
  :func:`recover` finishes the move (a move that already happened is not
  repeated). Until then the loader refuses to read the half-moved dataset.

Writers take an exclusive lock on the ``data/`` folder and readers a
shared one (:func:`lock`), so a build never reads a dataset in the middle
of a change and two accepts never interleave.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from pathlib import Path

from .errors import DataError

JOURNAL = ".accept-journal.json"
STAGING_PREFIX = ".accept-staging-"


def _checkpoint() -> None:
    """A point between two steps of a change (tests kill the process here)."""


@contextlib.contextmanager
def lock(data_dir: Path, *, shared: bool = False, wait_message: str | None = None):
    """Hold a lock on the folder ``data_dir`` (shared for readers, exclusive for writers).

    The lock is taken on the folder itself, so no lock file is added to
    the dataset. Where the folder cannot be opened for locking (another
    operating system) the block runs unlocked.
    """
    try:
        handle = os.open(data_dir, os.O_RDONLY)
    except OSError:
        yield
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if wait_message:
                print(wait_message, flush=True)
            fcntl.flock(handle, mode)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _fsync_dir(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def commit(data_dir: Path, files: dict[str, bytes]) -> None:
    """Replace or add the files ``files`` (paths relative to ``data_dir``) as one change.

    The caller holds the exclusive :func:`lock`.
    """
    data_dir = Path(data_dir)
    staging = data_dir / f"{STAGING_PREFIX}{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    moves = []
    for number, (relative, data) in enumerate(sorted(files.items())):
        target = (data_dir / relative).resolve()
        if data_dir.resolve() not in target.parents:
            raise ValueError(f"{relative!r} is not inside {data_dir}")
        staged = staging / f"{number:03d}"
        _write_durably(staged, data)
        moves.append({"staged": staged.relative_to(data_dir).as_posix(), "target": relative})
        _checkpoint()
    _fsync_dir(staging)
    # The commit point: once the journal's rename is on disk, the change will be completed.
    scratch = data_dir / (JOURNAL + ".part")
    _write_durably(scratch, json.dumps({"staging": staging.name, "moves": moves}, indent=1).encode("utf-8"))
    _checkpoint()
    os.replace(scratch, data_dir / JOURNAL)
    _fsync_dir(data_dir)
    _checkpoint()
    _finish(data_dir)


def _finish(data_dir: Path) -> None:
    """Move every staged file of the journal into place, then drop the journal and the staging folder."""
    journal = json.loads((data_dir / JOURNAL).read_text(encoding="utf-8"))
    for move in journal["moves"]:
        staged, target = data_dir / move["staged"], data_dir / move["target"]
        if staged.exists():  # else moved before a crash
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            _checkpoint()
    for folder in sorted({(data_dir / move["target"]).parent for move in journal["moves"]}):
        _fsync_dir(folder)
    (data_dir / JOURNAL).unlink()
    _checkpoint()
    shutil.rmtree(data_dir / journal["staging"], ignore_errors=True)


def recover(data_dir: Path) -> str | None:
    """Complete a change a crash interrupted, or drop one that never committed; say what was done.

    The caller holds the exclusive :func:`lock`.
    """
    data_dir = Path(data_dir)
    done = None
    if (data_dir / JOURNAL).exists():
        try:
            _finish(data_dir)
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(
                JOURNAL,
                f"an interrupted change of {data_dir.name}/ could not be completed ({exc}); "
                f"restore the folder from version control (git checkout -- {data_dir.name}) and "
                "delete the journal",
            ) from None
        done = "completed an accept that was interrupted after its commit point"
    leftovers = [p for p in data_dir.iterdir() if p.name.startswith(STAGING_PREFIX) or p.name == JOURNAL + ".part"]
    for path in leftovers:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    if leftovers and done is None:
        done = "removed the files of an accept that was interrupted before its commit point (data/ unchanged)"
    return done


def refuse_if_interrupted(data_dir: Path) -> None:
    """Stop a reader before it reads a dataset whose change a crash interrupted."""
    if (Path(data_dir) / JOURNAL).exists():
        raise DataError(
            JOURNAL,
            f"an accept into {Path(data_dir).name}/ was interrupted while it replaced files; "
            "run `python -m helpers.ingest recover` to complete it (or run the accept again)",
        )
