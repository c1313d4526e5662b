"""Every number the prose quotes is recorded in key_figures.csv.

The committed notebooks must agree with the record (unit test), and so must the
notebooks a fresh book build executed (``outputs`` test): a changed number
fails until ``make key-figures`` records it, so the change is deliberate.
"""

import json

import pandas as pd
import pytest

from helpers import key_figures as kf

from conftest import ROOT


def notebook_with(glued: dict) -> dict:
    outputs = [
        {
            "output_type": "display_data",
            "data": {"application/papermill.record/text/plain": value},
            "metadata": {"scrapbook": {"name": name, "mime_prefix": "application/papermill.record/"}},
        }
        for name, value in glued.items()
    ]
    return {"cells": [{"cell_type": "code", "source": "", "outputs": outputs}]}


def test_reads_glued_values_of_a_notebook(tmp_path):
    path = tmp_path / "05_new.ipynb"
    path.write_text(json.dumps(notebook_with({"b": "2", "a": "'x'"})))
    table = kf.collect([path])
    assert table.to_dict("records") == [
        {"chapter": "chapters/05_new.ipynb", "name": "a", "value": "'x'"},
        {"chapter": "chapters/05_new.ipynb", "name": "b", "value": "2"},
    ]


def test_a_name_glued_twice_is_an_error(tmp_path):
    nb = notebook_with({"a": "1"})
    nb["cells"].append(nb["cells"][0])
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(nb))
    with pytest.raises(ValueError, match="'a' is glued twice"):
        kf.collect([path])


def test_differences_name_every_change():
    recorded = pd.DataFrame(
        {"chapter": ["c", "c", "c"], "name": ["kept", "changed", "dropped"], "value": ["1", "2", "3"]}
    )
    now = pd.DataFrame({"chapter": ["c", "c", "c"], "name": ["kept", "changed", "added"], "value": ["1", "20", "4"]})
    assert sorted(kf.differences(recorded, now)) == [
        "c::added: glued '4', not recorded",
        "c::changed: recorded '2', now '20'",
        "c::dropped: recorded '3', no longer glued",
    ]


HOW_TO_ACCEPT = "if the change is intended, run `make key-figures` and commit key_figures.csv"


def test_committed_chapters_quote_the_recorded_figures():
    changes = kf.differences(kf.read_record(), kf.collect(kf.committed_notebooks()))
    assert changes == [], HOW_TO_ACCEPT


@pytest.mark.outputs
def test_a_fresh_build_quotes_the_recorded_figures():
    # The book's own build folder: the tests' exports go to a temporary one (see the repository's conftest.py).
    built = kf.built_glue_files(ROOT / "_build")
    if not built:
        pytest.fail("the book is not built: run `make book` (or `make test`, which builds it)")
    changes = kf.differences(kf.read_record(), kf.collect(built))
    assert changes == [], HOW_TO_ACCEPT
