"""accept changes data/ all at once and one at a time (helpers.journal).

A crash at any step leaves the old dataset or, once recovered, the new
one; a re-run after a crash finishes the job or says that it is done; two
accepts at once both land.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import DataError, ingest, journal, load_dataset
from helpers.ingest import IngestError

from conftest import ROOT
from test_ingest import SYNTHETIC, review

BULLETED = ROOT / "tests" / "fixtures" / "synthetic_readout_2025_bulleted.txt"


class Killed(BaseException):
    """Stands for the process dying: nothing in the code catches it."""


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_draft(readout: Path, data_dir: Path, out: Path) -> Path:
    draft = review(ingest.draft(readout, ds=load_dataset(data_dir)))
    out.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    return out


# The journal on its own ----------------------------------------------------------------


def test_a_change_killed_at_any_step_is_old_or_completed_by_recover(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    (folder / "raw").mkdir(parents=True)
    for name in ("a.csv", "b.csv", "raw/SUMS"):
        (folder / name).write_text(f"old {name}\n")
    old = digests(folder)
    change = {"a.csv": b"new a\n", "b.csv": b"new b\n", "raw/SUMS": b"new sums\n", "raw/c.txt": b"new c\n"}
    new = {**old, **{k: hashlib.sha256(v).hexdigest() for k, v in change.items()}}

    steps = []
    monkeypatch.setattr(journal, "_checkpoint", lambda: steps.append(1))
    probe = tmp_path / "probe"
    __import__("shutil").copytree(folder, probe)
    journal.commit(probe, change)
    assert digests(probe) == new and len(steps) >= 2 * len(change) + 2

    for kill_at in range(1, len(steps) + 1):
        trial = tmp_path / f"trial-{kill_at}"
        __import__("shutil").copytree(folder, trial)
        calls = []

        def checkpoint(calls=calls, kill_at=kill_at):
            calls.append(1)
            if len(calls) == kill_at:
                raise Killed

        monkeypatch.setattr(journal, "_checkpoint", checkpoint)
        with pytest.raises(Killed):
            journal.commit(trial, change)
        monkeypatch.setattr(journal, "_checkpoint", lambda: None)
        interrupted = (trial / journal.JOURNAL).exists()
        if interrupted:
            with pytest.raises(DataError, match="interrupted"):
                journal.refuse_if_interrupted(trial)
        said = journal.recover(trial)
        assert digests(trial) in (old, new), kill_at
        # Before the commit point the old state stays; after it, recovery completes the new one.
        assert digests(trial) == (new if interrupted or said and "completed" in said else digests(trial))
        assert not [p for p in trial.iterdir() if p.name.startswith(".")], kill_at


# A real accept --------------------------------------------------------------------------


@pytest.fixture
def draft_file(data_copy, tmp_path):
    return write_draft(SYNTHETIC, data_copy, tmp_path / "draft.json")


def test_an_accept_killed_at_each_step_leaves_old_or_new_and_a_rerun_finishes(
    data_copy, draft_file, tmp_path, monkeypatch
):
    old = digests(data_copy)
    pristine = tmp_path / "pristine"
    __import__("shutil").copytree(data_copy, pristine)
    steps = []
    monkeypatch.setattr(journal, "_checkpoint", lambda: steps.append(1))
    ingest.accept(draft_file, data_dir=data_copy)
    new = digests(data_copy)
    assert new != old
    load_dataset(data_copy)  # the new state loads: below, a folder with its digests is that state
    # Every step is tried: a crash before the commit point, at it, between two moves, at the end.
    for kill_at in range(1, len(steps) + 1):
        __import__("shutil").rmtree(data_copy)
        __import__("shutil").copytree(pristine, data_copy)
        calls = []

        def checkpoint(calls=calls, kill_at=kill_at):
            calls.append(1)
            if len(calls) == kill_at:
                raise Killed

        monkeypatch.setattr(journal, "_checkpoint", checkpoint)
        with pytest.raises(Killed):
            ingest.accept(draft_file, data_dir=data_copy)
        monkeypatch.setattr(journal, "_checkpoint", lambda: None)
        if (data_copy / journal.JOURNAL).exists():
            with pytest.raises(DataError, match=r"helpers.ingest recover"):
                load_dataset(data_copy)
        # The documented way on: accept again. It completes or redoes the change, or says it is done.
        try:
            ingest.accept(draft_file, data_dir=data_copy)
        except IngestError as exc:
            assert "already in the dataset" in str(exc) and "nothing to do" in str(exc)
        assert digests(data_copy) == new, kill_at


def _accept_in_subprocess(draft: Path, data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "USMX_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "helpers.ingest", "accept", str(draft)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_an_accept_killed_at_random_moments_is_recovered(data_copy, draft_file, tmp_path):
    pristine = tmp_path / "pristine"
    __import__("shutil").copytree(data_copy, pristine)
    old = digests(data_copy)
    finished = _accept_in_subprocess(draft_file, data_copy)
    started = time.monotonic()
    assert finished.wait(120) == 0, finished.stderr.read()
    duration = time.monotonic() - started
    new = digests(data_copy)
    rng = random.Random(20261129)
    for _ in range(3):
        __import__("shutil").rmtree(data_copy)
        __import__("shutil").copytree(pristine, data_copy)
        process = _accept_in_subprocess(draft_file, data_copy)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(60)
        recovered = subprocess.run(
            [sys.executable, "-m", "helpers.ingest", "recover"],
            capture_output=True,
            text=True,
            env={**os.environ, "USMX_DATA_DIR": str(data_copy)},
        )
        assert recovered.returncode == 0, recovered.stderr
        assert digests(data_copy) in (old, new)


def test_two_accepts_at_once_both_land(data_copy, tmp_path):
    before = len(load_dataset(data_copy).documents)
    first = write_draft(SYNTHETIC, data_copy, tmp_path / "first.json")
    second = write_draft(BULLETED, data_copy, tmp_path / "second.json")
    # Drafted against the same dataset, both drafts hold placeholder claim ids (NEW-1...): each accept
    # numbers its claims after those already accepted, under the lock.
    drafted = json.loads(second.read_text(encoding="utf-8"))
    for person in drafted["participants"]:
        person.update(agency_id=person["agency_id"] or "us-dos", country=person["country"] or "US")
    second.write_text(json.dumps(drafted, ensure_ascii=False), encoding="utf-8")
    runs = [_accept_in_subprocess(first, data_copy), _accept_in_subprocess(second, data_copy)]
    results = [(run.wait(120), run.stderr.read()) for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    grown = load_dataset(data_copy)
    added = [line.split(" as ")[0].split()[-1] for _, err in results for line in err.splitlines() if "added" in line]
    assert len(added) == 2 and set(added) <= set(grown.documents["doc_id"]) and len(grown.documents) == before + 2
    assert grown.claims["claim_id"].is_unique and not grown.claims["claim_id"].str.startswith("NEW").any()


def test_the_same_draft_twice_at_once_lands_once(data_copy, draft_file):
    before = len(load_dataset(data_copy).documents)
    runs = [_accept_in_subprocess(draft_file, data_copy) for _ in range(2)]
    results = sorted((run.wait(120), run.stderr.read()) for run in runs)
    assert results[0][0] == 0 and results[1][0] == 2 and "nothing to do" in results[1][1], results
    assert len(load_dataset(data_copy).documents) == before + 1
