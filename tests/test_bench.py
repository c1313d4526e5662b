"""The benchmark's own logic, on tiny inputs (speed itself is never asserted)."""

import importlib.util
import json

import pandas as pd
import pytest

from helpers import load_dataset, paths

SPEC = importlib.util.spec_from_file_location("bench", paths.project_root() / "tools" / "bench.py")
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_synthetic_corpus_is_seeded_and_sized(ds):
    first, again = bench.synthetic_corpus(ds, 3), bench.synthetic_corpus(ds, 3)
    assert first == again and len(first) == 3
    assert all(len(text.split()) >= bench.WORDS_PER_READOUT for text in first)
    assert bench.synthetic_corpus(ds, 3, seed=1) != first


def test_scale_measures_every_size_and_finds_real_matches(ds):
    rows = bench.measure_scale(ds, sizes=(2, 4))
    assert [r["readouts"] for r in rows] == [2, 4]
    assert all(r["theme_matches"] > 0 and r["graph_nodes"] > 0 for r in rows)
    assert rows[0]["cost_per_readout_vs_smallest"] == 1.0


def test_executed_chapters_are_read_from_the_build_log():
    log = "/x/chapters/02_themes.ipynb: Executed notebook in 15.74 seconds [mystnb]\n"
    assert bench.executed_chapters(log) == {"02_themes": 15.74}


def test_results_file_is_sorted_json(tmp_path):
    path = bench.write_results({"b": 1, "a": {"d": 2, "c": 3}}, tmp_path / "r.json")
    assert json.loads(path.read_text()) == {"a": {"c": 3, "d": 2}, "b": 1}
    assert path.read_text().index('"a"') < path.read_text().index('"b"')


def test_targets_are_compared_not_asserted():
    results = {
        "builds": {
            "clean_build": {"total_s": 100.0},
            "nothing_changed": {"html_s": 3.0, "pdf_s": 6.0},
            "one_data_file_changed": {
                "chapters_executed": ["a"],
                "chapters_reading_file": ["a"],
                "glued_values_changed": {"a": 2},
            },
            "chapter_execution_s": {"a": 4.0, "b": 12.0},
            "tests": {"passed": 3, "seconds": 95.0},
        },
        "scale": [{"readouts": 1000, "total_s": 10.0}],
    }
    assert bench.compare(results) == {
        "clean_build_under_90_s": False,
        "nothing_changed_under_5_s": False,
        "data_change_reexecutes_only_its_readers": True,
        "each_chapter_under_10_s": False,
        "tests_under_90_s": False,
        "1000_readouts_under_20_s": True,
    }
    results["builds"]["one_data_file_changed"]["chapters_executed"] = ["a", "b"]
    assert not bench.compare(results)["data_change_reexecutes_only_its_readers"]


def test_the_data_change_adds_a_term_to_the_first_theme(tmp_path, ds):
    codebook = tmp_path / "theme_codebook.csv"
    codebook.write_bytes((paths.data_dir() / "theme_codebook.csv").read_bytes())
    bench.add_term(codebook, "security")
    changed = pd.read_csv(codebook, dtype=str, keep_default_na=False)
    assert changed["terms"].iloc[0].endswith("|security")
    assert changed["terms"].iloc[1:].tolist() == ds.theme_codebook["terms"].iloc[1:].tolist()


def test_changed_values_counts_differences_per_chapter():
    before = {"a": {"x": "1", "y": "2"}, "b": {"z": "3"}}
    after = {"a": {"x": "1", "y": "5"}, "b": {"z": "3"}, "c": {"w": "0"}}
    assert bench.changed_values(before, after) == {"a": 1, "c": 1}


def test_readers_of_the_codebook_include_the_themes_chapter_only_among_analyses():
    readers = bench.readers_of(paths.data_dir() / "theme_codebook.csv")
    assert "02_themes" in readers and "03_networks" not in readers and "04_claims" not in readers


def test_the_readme_quotes_the_committed_benchmark_results():
    results = json.loads(bench.RESULTS.read_text(encoding="utf-8"))
    readme = bench.README.read_text(encoding="utf-8")
    block = readme[readme.index(bench.README_START) + len(bench.README_START) : readme.index(bench.README_END)]
    assert block.strip() == bench.readme_table(results), "run `python tools/bench.py --readme`"


def test_readme_table_states_each_target_verdict(tmp_path):
    results = {
        "machine": {"date": "2026-01-01", "commit": "abc", "cpus": 2, "memory_gb": 4.0, "python": "3.11"},
        "builds": {
            "clean_build": {"html_s": 50.0, "pdf_s": 50.0, "total_s": 100.0},
            "nothing_changed": {"html_s": 0.0, "pdf_s": 0.0, "chapters_executed": []},
            "one_data_file_changed": {
                "file": "data/x.csv",
                "change": "a row added",
                "html_s": 9.0,
                "chapters_executed": ["a"],
                "chapters_reading_file": ["a"],
                "glued_values_changed": {"a": 2},
            },
            "chapter_execution_s": {"a": 4.0, "b": 12.0},
            "tests": {"passed": 3, "seconds": 1.0},
            "peak_child_rss_mb": 10.0,
        },
        "scale": [
            {
                "readouts": 1000,
                "words": 5,
                "total_s": 10.0,
                "themes_s": 8.0,
                "claims_s": 1.0,
                "networks_s": 1.0,
                "cost_per_readout_vs_smallest": 1.0,
            }
        ],
    }
    results["targets_met"] = bench.compare(results)
    table = bench.readme_table(results)
    assert "100.0 s | under 90 s: not met" in table
    assert "< 0.1 s / < 0.1 s" in table
    assert "slowest b 12.0 s, a 4.0 s | each under 10 s: not met" in table
    assert "| under 20 s: met |" in table
    assert "3 passed in 1.0 s | under 90 s: met |" in table
    readme = tmp_path / "README.md"
    readme.write_text("intro\n")
    with pytest.raises(SystemExit, match="markers"):
        bench.update_readme(results, readme)
    readme.write_text(f"intro\n{bench.README_START}\nold\n{bench.README_END}\nrest\n")
    bench.update_readme(results, readme)
    assert readme.read_text() == f"intro\n{bench.README_START}\n{table}\n{bench.README_END}\nrest\n"


def test_a_long_readout_repeats_whole_corpus_texts(ds):
    texts = [(ds.data_dir / "raw" / f).read_text(encoding="utf-8") for f in sorted(ds.documents["file"])]
    size = sum(len(t.encode("utf-8")) for t in texts) + 1_000  # every text, and more
    lines = bench.long_readout(ds, size)
    assert len(lines.encode("utf-8")) >= size and lines.startswith(texts[0]) and texts[-1] in lines
    one_line = bench.long_readout(ds, size, one_line=True)
    assert "\n" not in one_line and one_line == lines.replace("\n", " ")


def test_drafting_is_measured_for_each_size_and_layout(ds):
    rows = bench.measure_drafting(ds, sizes=(3_000,), runs=1)
    assert [r["layout"] for r in rows] == ["lines", "one line"]
    assert all(
        r["size_bytes"] >= 3_000 and r["claims"] > 0 and r["seconds"] >= 0 and r["cpu_s"] >= 0 and r["runs"] == 1
        for r in rows
    )


def test_the_drafting_target_is_compared_and_quoted():
    results = {
        "scale": [{"readouts": 100, "total_s": 1.0}],
        "drafting": {
            "measured": {"commit": "abc", "date": "2026-01-01"},
            "rows": [
                {"size_bytes": 100_000, "layout": "lines", "seconds": 0.5, "cpu_s": 0.5},
                {"size_bytes": 5_000_000, "layout": "lines", "seconds": 8.0, "cpu_s": 7.9},
                {"size_bytes": 5_000_000, "layout": "one line", "seconds": 12.0, "cpu_s": 9.0},
            ],
        },
    }
    assert bench.compare(results) == {"draft_5mb_under_10_s": False}
    results["drafting"]["rows"][2]["seconds"] = 9.5
    assert bench.compare(results) == {"draft_5mb_under_10_s": True}
    results["machine"] = {"date": "2026-01-01", "commit": "abc", "cpus": 2, "memory_gb": 4.0, "python": "3.11"}
    results["scale"][0].update(words=5, themes_s=0.5, claims_s=0.3, networks_s=0.2, cost_per_readout_vs_smallest=1.0)
    results["targets_met"] = bench.compare(results)
    table = bench.readme_table(results)
    assert (
        "| drafting one readout of 5.0 MB (one line), each in a new process (commit `abc`, 2026-01-01) | "
        "9.5 s (9.0 s CPU) | under 10 s: met |" in table
    )
    results["drafting"]["rows"][0]["runs"] = 3
    assert (
        "| drafting one readout of 0.1 MB (lines), each in a new process (median of 3 runs) (commit `abc`, "
        "2026-01-01) | 0.5 s (0.5 s CPU) | – |" in bench.readme_table(results)
    )
