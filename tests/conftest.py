"""Shared fixtures: the real dataset, and disposable copies of data/ to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import load_dataset
from helpers.paths import project_root

ROOT = project_root()
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def ds():
    """The dataset as the chapters load it."""
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (raw texts made writable too)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target
