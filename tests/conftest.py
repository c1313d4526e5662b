"""Shared fixtures: the real dataset, disposable copies of data/ to break, and a small dataset for the networks."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers import load_dataset
from helpers.paths import project_root

ROOT = project_root()


def sphinx_extension(name: str):
    """Import the book's Sphinx extension ``tools/sphinx_ext/<name>.py`` (not an installed package)."""
    folder = str(ROOT / "tools" / "sphinx_ext")
    sys.path.insert(0, folder)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(folder)


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


# --------------------------------------------------------------------------
# A small fixture dataset: three meetings (given out of time order), two
# U.S. and two Mexican people, and a Mexican agency renamed between meetings.
# --------------------------------------------------------------------------


def _small_network():
    meetings = pd.DataFrame(
        {
            "meeting_id": ["M-C", "M-A", "M-B"],
            "date": pd.to_datetime(["2020-01-01", "2010-01-01", "2015-06-01"]),
            "forum": ["F3", "F1", "F2"],
            "host_country": ["MX", "MX", "US"],
            "city": ["c", "a", "b"],
        }
    )
    agencies = pd.DataFrame(
        {
            "agency_id": ["us-a", "us-b", "mx-old", "mx-new", "mx-c"],
            "name_en": [
                "Department A",
                "Department B",
                "Old Attorney Office",
                "New Attorney Office",
                "Secretariat of Defence Things",
            ],
            "name_es": ["", "", "Vieja", "Nueva", "Defensa"],
            "acronym": ["DA", "DB", "OAO", "NAO", None],
            "country": ["US", "US", "MX", "MX", "MX"],
            "sector": [
                "foreign affairs",
                "prosecution and justice",
                "prosecution and justice",
                "prosecution and justice",
                "defence",
            ],
            "parent_id": [None] * 5,
            "predecessor_id": [None, None, None, "mx-old", None],
            "lineage_id": ["us-a", "us-b", "mx-old", "mx-old", "mx-c"],
            "established": [None, None, None, 2018, None],
        }
    )
    people = pd.DataFrame(
        {
            "person_id": ["p1", "p2", "p3", "p4"],
            "name": ["Ann One", "Bob Two", "Carla Tres", "Juan Pérez Cuatro"],
            "country": ["US", "US", "MX", "MX"],
        }
    )
    rows = [
        # meeting, person, name as written, country, agency, level, basis
        ("M-A", "p1", "Ann One", "US", "us-a", "cabinet", "listed"),
        ("M-A", "p3", "Carla Tres", "MX", "mx-c", "cabinet", "listed"),
        ("M-A", "p4", "Juan Perez", "MX", "mx-old", "agency_head", "listed"),
        ("M-B", "p1", "Secretary One", "US", "us-a", "head_of_delegation", "led"),
        ("M-B", "p2", "Bob", "US", "us-b", "deputy", "spoke"),
        ("M-B", "p4", "Pérez", "MX", "mx-new", "cabinet", "greeted"),
        ("M-C", "p2", "Bob Two", "US", None, "staff", "listed"),
        ("M-C", "p3", "Carla", "MX", "mx-c", "cabinet", "spoke"),
    ]
    participants = pd.DataFrame(
        rows, columns=["meeting_id", "person_id", "name_as_written", "country", "agency_id", "level", "basis"]
    )
    participants["title_as_written"] = ""
    participants["doc_id"] = participants["meeting_id"].str.lower()
    participants["name"] = participants["person_id"].map(people.set_index("person_id")["name"])
    aliases = pd.DataFrame({"alias": ["Juan Perez", "Pérez", "Bob", "Carla"], "person_id": ["p4", "p4", "p2", "p3"]})
    documents = pd.DataFrame(
        {
            "doc_id": ["m-a", "m-b", "m-c"],
            "meeting_id": ["M-A", "M-B", "M-C"],
            "genre": ["joint statement", "transcript", "press release"],
        }
    )
    return SimpleNamespace(
        meetings=meetings,
        agencies=agencies,
        people=people,
        participants=participants,
        aliases=aliases,
        documents=documents,
    )


def add_canada(ds):
    """A Canadian official at M-C (as at the Trilateral Fentanyl Committee)."""
    ds.agencies = pd.concat(
        [
            ds.agencies,
            pd.DataFrame(
                [
                    {
                        "agency_id": "ca-x",
                        "name_en": "Canadian Office",
                        "name_es": "",
                        "acronym": "CO",
                        "country": "CA",
                        "sector": "presidency",
                        "parent_id": None,
                        "predecessor_id": None,
                        "lineage_id": "ca-x",
                        "established": None,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    ds.people = pd.concat([ds.people, pd.DataFrame([{"person_id": "p9", "name": "Nat Nine", "country": "CA"}])])
    ds.participants = pd.concat(
        [
            ds.participants,
            pd.DataFrame(
                [
                    {
                        "meeting_id": "M-C",
                        "person_id": "p9",
                        "name_as_written": "Nat Nine",
                        "country": "CA",
                        "agency_id": "ca-x",
                        "level": "deputy",
                        "basis": "met",
                        "title_as_written": "",
                        "doc_id": "m-c",
                        "name": "Nat Nine",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )


@pytest.fixture
def small_network():
    """A small constructed dataset for the networks: a fresh copy for each test, which may change it."""
    return _small_network()
