"""Locate the repository, the dataset and the build folders.

Every path the project uses is resolved here, relative to the repository,
so that notebooks and tests work from any working directory and nothing
committed carries a machine path.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that points the helpers at another copy of ``data/``
#: (used by tests that corrupt a temporary copy of the dataset).
DATA_DIR_ENV = "USMX_DATA_DIR"
#: Environment variable that points the build outputs (figures, tables,
#: exports) elsewhere (used by tests that execute chapters on such a copy).
BUILD_DIR_ENV = "USMX_BUILD_DIR"


def project_root() -> Path:
    """Return the repository root: the first parent holding ``_config.yml``."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "_config.yml").is_file() and (parent / "data").is_dir():
            return parent
    raise RuntimeError(
        f"Cannot find the repository root above {here}: the helpers package "
        "must be installed in editable mode from a clone (`make venv`)."
    )


def data_dir() -> Path:
    """Return the dataset folder (``data/``, or ``$USMX_DATA_DIR`` when set)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).resolve() if override else project_root() / "data"


def build_dir() -> Path:
    """Return the build folder ``_build/`` (or ``$USMX_BUILD_DIR``; created on demand)."""
    override = os.environ.get(BUILD_DIR_ENV)
    path = Path(override).resolve() if override else project_root() / "_build"
    path.mkdir(parents=True, exist_ok=True)
    return path


def figures_dir() -> Path:
    """Return the folder that receives exported figures and their data."""
    path = build_dir() / "figures"
    path.mkdir(parents=True, exist_ok=True)
    return path


def relative_to_root(path: Path) -> str:
    """Return ``path`` relative to the repository (for messages and metadata)."""
    try:
        return Path(path).resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return Path(path).name
