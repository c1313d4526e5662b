"""Benchmark the build, the tests and the analysis helpers; write benchmarks/results.json.

`make bench` runs it. It measures, on this machine:

- a clean build (execute every chapter, HTML, then PDF), after removing
  ``_build/``;
- a rebuild with nothing changed;
- a rebuild after one data file changes (a term added to a theme of
  ``data/theme_codebook.csv``, restored afterwards), with the chapters that
  re-executed and how many of their glued numbers changed;
- the time each chapter takes to execute alone (the median of three runs), and
  within the build (where two run side by side);
- the test suite (pytest on ``tests`` and nbval on ``chapters``);
- the analysis helpers on synthetic corpora of 100, 1,000 and 5,000 readouts
  made from the real cleaned sentences (seeded): theme coding, claim
  extraction and the networks;
- drafting one very long readout (``python -m helpers.ingest draft``) of
  100 kB, 1 MB and 5 MB, made by repeating the corpus texts, once with its
  lines and once written on a single line.

Speed is measured here and compared with the targets of the project, never
asserted in a test. ``--scale-only`` skips the builds (for a quick look);
``--only draft`` measures the drafting alone and adds it to the results
already recorded.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from helpers import coding, load_dataset, paths
from helpers import networks as nw
from helpers import quantities as qt
from helpers import text as tx
from helpers import themes as th

ROOT = paths.project_root()
RESULTS = ROOT / "benchmarks" / "results.json"
SIZES = (100, 1000, 5000)
WORDS_PER_READOUT = 500
TARGETS = {
    "clean_build_s": 90,
    "nothing_changed_s": 5,
    "chapter_s": 10,
    "tests_s": 90,
    "readouts_1000_s": 20,
    "draft_5mb_s": 10,
}
#: Sizes of the drafted readouts, in bytes of UTF-8.
DRAFT_SIZES = (100_000, 1_000_000, 5_000_000)
DRAFT_LAYOUTS = ("lines", "one line")
DRAFT_RUNS = 3
CHANGED_FILE = ROOT / "data" / "theme_codebook.csv"
ADDED_TERM = "security"
CHAPTER_RUNS = 3
EXECUTED = re.compile(r"chapters/([\w-]+)\.ipynb: Executed notebook in ([\d.]+) seconds")


# Builds and tests ---------------------------------------------------------


def run(command: list[str]) -> tuple[float, str]:
    """Run ``command`` at the repository root; return wall seconds and its output."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, done.stdout + done.stderr


def executed_chapters(log: str) -> dict[str, float]:
    """Chapters the build executed, with their execution time in seconds."""
    return {name: float(seconds) for name, seconds in EXECUTED.findall(log)}


def glued_values() -> dict[str, dict[str, str]]:
    """The glued values of the last build, by chapter (from the build's ``*.glue.json`` files)."""
    out = {}
    for path in sorted((ROOT / "_build" / "jupyter_execute" / "chapters").glob("*.glue.json")):
        glue = json.loads(path.read_text(encoding="utf-8"))
        out[path.name.split(".")[0]] = {k: str(v.get("data", {}).get("text/plain")) for k, v in glue.items()}
    return out


def changed_values(before: dict, after: dict) -> dict[str, int]:
    """Per chapter, how many glued values differ between two builds (chapters with none left out)."""
    counts = {
        chapter: sum(before.get(chapter, {}).get(k) != v for k, v in values.items())
        for chapter, values in after.items()
    }
    return {chapter: n for chapter, n in sorted(counts.items()) if n}


def readers_of(data_file: Path) -> list[str]:
    """The chapters that declare the table stored in ``data_file`` (or declare nothing: all tables)."""
    spec = importlib.util.spec_from_file_location("invalidate_cache", ROOT / "tools" / "invalidate_cache.py")
    invalidate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(invalidate)
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    table = next(r["name"] for r in package["resources"] if r["path"] == data_file.name)
    return sorted(
        nb.stem
        for nb in (ROOT / "chapters").glob("*.ipynb")
        if (uses := invalidate.declared_uses(nb)) is None or (uses and table in uses)
    )


def add_term(codebook: Path, term: str) -> None:
    """Add ``term`` to the first theme of the codebook (a change that moves the theme counts)."""
    with codebook.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["terms"] = f"{rows[0]['terms']}|{term}"
    with codebook.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def chapters_one_at_a_time(runs: int = CHAPTER_RUNS) -> dict[str, float]:
    """Median seconds each chapter takes to execute alone, over ``runs`` runs (one run varies by ~20 %)."""
    spec = importlib.util.spec_from_file_location("prefetch_executions", ROOT / "tools" / "prefetch_executions.py")
    prefetch = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prefetch)
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for path in sorted((ROOT / "chapters").glob("*.ipynb")):
            _, _, seconds, error = prefetch.execute(path)
            if error:
                sys.exit(f"bench: {path.name} failed: {error}")
            times.setdefault(path.stem, []).append(seconds)
    return {name: round(statistics.median(values), 2) for name, values in times.items()}


def measure_builds() -> dict:
    """Clean build, nothing-changed rebuild, one-data-file rebuild, tests."""
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    html_s, html_log = run(["make", "html"])
    pdf_s, _ = run(["make", "pdf"])
    again_html_s, again_log = run(["make", "html"])
    again_pdf_s, _ = run(["make", "pdf"])
    original = CHANGED_FILE.read_bytes()
    glued_before = glued_values()
    try:
        add_term(CHANGED_FILE, ADDED_TERM)
        changed_s, changed_log = run(["make", "html"])
        glued_after = glued_values()
    finally:
        CHANGED_FILE.write_bytes(original)
    run(["make", "html"])  # back to the committed data
    tests_s, tests_log = run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "-m",
            "pytest",
            "-q",
            "tests",
            "chapters",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "tests/nbval_sanitize.cfg",
            "-n",
            "auto",
            "--dist",
            "loadfile",
        ]
    )
    passed = re.search(r"(\d+) passed", tests_log)
    return {
        "clean_build": {"html_s": round(html_s, 1), "pdf_s": round(pdf_s, 1), "total_s": round(html_s + pdf_s, 1)},
        "nothing_changed": {
            "html_s": round(again_html_s, 1),
            "pdf_s": round(again_pdf_s, 1),
            "chapters_executed": sorted(executed_chapters(again_log)),
        },
        "one_data_file_changed": {
            "file": paths.relative_to_root(CHANGED_FILE),
            "change": f"term {ADDED_TERM!r} added",
            "html_s": round(changed_s, 1),
            "chapters_executed": sorted(executed_chapters(changed_log)),
            "glued_values_changed": changed_values(glued_before, glued_after),
            "chapters_reading_file": readers_of(CHANGED_FILE),
        },
        "chapter_execution_s": chapters_one_at_a_time(),
        "chapter_runs": CHAPTER_RUNS,
        "chapter_execution_in_build_s": executed_chapters(html_log),
        "tests": {"seconds": round(tests_s, 1), "passed": int(passed.group(1)) if passed else None},
        "peak_child_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


# Scale ----------------------------------------------------------------------


def synthetic_corpus(ds, n_readouts: int, seed: int = 0) -> list[str]:
    """``n_readouts`` texts of about 500 words, sentences drawn from the real cleaned texts."""
    pool = th.sentence_table(ds)["sentence"].tolist()
    rng = random.Random(seed)
    corpus = []
    for _ in range(n_readouts):
        chosen, words = [], 0
        while words < WORDS_PER_READOUT:
            sentence = rng.choice(pool)
            chosen.append(sentence)
            words += len(sentence.split())
        corpus.append(" ".join(chosen))
    return corpus


def synthetic_dataset(ds, n_readouts: int, seed: int = 0) -> SimpleNamespace:
    """The real dataset with ``n_readouts`` meetings, each with a delegation drawn from the real ones."""
    rng = random.Random(seed)
    base = ds.meetings.iloc[0]
    meetings = pd.DataFrame(
        [
            dict(base, meeting_id=f"SYN-{i:04d}", date=pd.Timestamp("2024-01-01") + pd.Timedelta(days=i))
            for i in range(n_readouts)
        ]
    )
    rows = ds.participants.to_dict("records")
    participants = pd.DataFrame(
        [dict(row, meeting_id=f"SYN-{i:04d}") for i in range(n_readouts) for row in rng.sample(rows, 12)]
    )
    fake = SimpleNamespace(**{name: getattr(ds, name) for name in ds.tables})
    fake.tables, fake.meetings, fake.participants = ds.tables, meetings, participants
    return fake


def sentence_rows(corpus: list[str]) -> pd.DataFrame:
    """The sentence table of a synthetic corpus, in the shape of ``themes.sentence_table``."""
    rows = [
        {
            "doc_id": f"syn-{i:04d}",
            "meeting_id": f"SYN-{i:04d}",
            "sentence_no": n,
            "start": start,
            "end": end,
            "sentence": sentence,
        }
        for i, text in enumerate(corpus)
        for n, (start, end, sentence) in enumerate(tx.sentences(text), 1)
    ]
    return pd.DataFrame(rows)


def measure_scale(ds, sizes=SIZES) -> list[dict]:
    """Seconds to code themes, extract claims and build the networks, per corpus size."""
    book = th.codebook(ds)
    results = []
    for n in sizes:
        corpus = synthetic_corpus(ds, n)
        start = time.perf_counter()
        matches = coding.code_sentences(sentence_rows(corpus), book)
        themes_s = time.perf_counter() - start
        start = time.perf_counter()
        quantities = sum(len(qt.extract_quantities(text)) for text in corpus)
        claims_s = time.perf_counter() - start
        fake = synthetic_dataset(ds, n)
        start = time.perf_counter()
        graphs = [nw.person_meeting_graph(fake), nw.institution_meeting_graph(fake), nw.counterpart_graph(fake)]
        networks_s = time.perf_counter() - start
        results.append(
            {
                "readouts": n,
                "words": sum(len(t.split()) for t in corpus),
                "themes_s": round(themes_s, 2),
                "claims_s": round(claims_s, 2),
                "networks_s": round(networks_s, 2),
                "total_s": round(themes_s + claims_s + networks_s, 2),
                "theme_matches": len(matches),
                "quantities": quantities,
                "graph_nodes": sum(g.number_of_nodes() for g in graphs),
            }
        )
    for row in results:  # seconds per readout, relative to the smallest corpus
        row["cost_per_readout_vs_smallest"] = round(
            (row["total_s"] / row["readouts"]) / (results[0]["total_s"] / results[0]["readouts"]), 2
        )
    return results


# Drafting -------------------------------------------------------------------


def long_readout(ds, size: int, one_line: bool = False) -> str:
    """A readout of at least ``size`` bytes: the raw corpus texts in turn, repeated whole.

    ``one_line`` writes it on a single line (every line break made a space):
    the worst case for whatever works line by line.
    """
    texts = [(ds.data_dir / "raw" / file).read_text(encoding="utf-8") for file in sorted(ds.documents["file"])]
    parts, total = [], 0
    while total < size:
        for text in texts:
            text = text if text.endswith("\n") else text + "\n"
            parts.append(text)
            total += len(text.encode("utf-8"))
            if total >= size:
                break
    joined = "".join(parts)
    return joined.replace("\n", " ") if one_line else joined


#: Drafts one readout in a new process and prints what it took (as ``python -m helpers.ingest draft``
#: does, less the start-up and the JSON): no cache of an earlier draft helps. The CPU time counts the
#: copy of the process that reads a long text's claims and themes beside its people (helpers.forked).
_DRAFT_ONE = """
import json, resource, sys, time
from helpers import ingest, load_dataset
def cpu_time():
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, who))
ds = load_dataset()
start, cpu = time.perf_counter(), cpu_time()
drafted = ingest.draft(sys.argv[1], ds=ds)
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_s": cpu_time() - cpu,
                  "participants": len(drafted["participants"]), "claims": len(drafted["claims"]),
                  "themes": len(drafted["themes"])}))
"""


def draft_once(path: Path) -> dict:
    """Seconds (wall and CPU) to draft the readout at ``path`` in a new Python process, and what it found."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(
        [sys.executable, "-c", _DRAFT_ONE, str(path)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"bench: drafting {path.name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_drafting(ds, sizes=DRAFT_SIZES, layouts=DRAFT_LAYOUTS, runs: int = DRAFT_RUNS) -> list[dict]:
    """Seconds to draft one readout of each size and layout (read, normalise, every inference, themes).

    The median of ``runs`` drafts, each in a new process (a draft varies by ~15 % on a shared machine).
    """
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            for layout in layouts:
                path = Path(scratch) / f"readout_{size}_{layout.replace(' ', '_')}.txt"
                path.write_text(long_readout(ds, size, one_line=layout == "one line"), encoding="utf-8")
                measured = [draft_once(path) for _ in range(runs)]
                seconds = statistics.median(m["seconds"] for m in measured)
                cpu = statistics.median(m["cpu_s"] for m in measured)
                # CPU seconds too: on a shared machine the wall clock also counts the other processes.
                rows.append(
                    {
                        "size_bytes": path.stat().st_size,
                        "layout": layout,
                        "seconds": round(seconds, 2),
                        "cpu_s": round(cpu, 2),
                        "runs": runs,
                        "participants": measured[0]["participants"],
                        "claims": measured[0]["claims"],
                        "themes": measured[0]["themes"],
                    }
                )
                print(
                    f"drafted {rows[-1]['size_bytes']:,} bytes ({layout}) in {seconds:.2f} s ({cpu:.2f} s CPU), "
                    f"median of {runs}",
                    file=sys.stderr,
                )
    return rows


def drafting_results(ds, sizes=DRAFT_SIZES) -> dict:
    """The drafting measures with where they were taken (they may be run apart from the rest)."""
    return {"measured": machine(), "rows": measure_drafting(ds, sizes)}


# Report ---------------------------------------------------------------------


def machine() -> dict:
    """Where the numbers were measured."""
    commit = (
        subprocess.run(
            ["git", "describe", "--always", "--dirty=+dirty", "--abbrev=12"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        or "unknown"
    )
    memory_kb = (
        next(
            (
                int(line.split()[1])
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            0,
        )
        if Path("/proc/meminfo").exists()
        else 0
    )
    return {
        "date": date.today().isoformat(),
        "commit": commit,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2, 1),
    }


def compare(results: dict) -> dict:
    """Each target against what was measured (True when met)."""
    verdict = {}
    builds = results.get("builds")
    if builds:
        verdict["clean_build_under_90_s"] = builds["clean_build"]["total_s"] < TARGETS["clean_build_s"]
        again = builds["nothing_changed"]
        verdict["nothing_changed_under_5_s"] = max(again["html_s"], again["pdf_s"]) < TARGETS["nothing_changed_s"]
        one = builds["one_data_file_changed"]
        verdict["data_change_reexecutes_only_its_readers"] = one["chapters_executed"] == one[
            "chapters_reading_file"
        ] and bool(one["glued_values_changed"])
        verdict["each_chapter_under_10_s"] = all(
            s < TARGETS["chapter_s"] for s in builds["chapter_execution_s"].values()
        )
        if "tests" in builds:
            verdict["tests_under_90_s"] = builds["tests"]["seconds"] < TARGETS["tests_s"]
    scale = {row["readouts"]: row for row in results["scale"]}
    if 1000 in scale:
        verdict["1000_readouts_under_20_s"] = scale[1000]["total_s"] < TARGETS["readouts_1000_s"]
    drafts = [row for row in results.get("drafting", {}).get("rows", []) if row["size_bytes"] >= 5_000_000]
    if drafts:
        verdict["draft_5mb_under_10_s"] = all(row["seconds"] < TARGETS["draft_5mb_s"] for row in drafts)
    return verdict


def write_results(results: dict, path: Path = RESULTS) -> Path:
    """Write the results as JSON (sorted keys, so two runs diff cleanly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# README ---------------------------------------------------------------------

README = ROOT / "README.md"
README_START = "<!-- bench:start (written by tools/bench.py from benchmarks/results.json) -->"
README_END = "<!-- bench:end -->"


def _seconds(value: float) -> str:
    return f"{value:,.1f} s" if value >= 0.05 else "< 0.1 s"


def _verdict(met: bool | None, target: str) -> str:
    return f"{target}: {'met' if met else 'not met'}" if met is not None else target


def _chapter_range(times: dict[str, float]) -> str:
    slowest = sorted(times.items(), key=lambda item: -item[1])[:2]
    return f"{min(times.values()):.1f}–{max(times.values()):.1f} s; slowest " + ", ".join(
        f"{name} {seconds:.1f} s" for name, seconds in slowest
    )


def _runs(runs: int) -> str:
    return f" (median of {runs} runs)" if runs > 1 else ""


def readme_table(results: dict) -> str:
    """The README's benchmark paragraph and table, rendered from a results file."""
    met = results.get("targets_met", {})
    where = results["machine"]
    lines = [
        f"Measured on {where['date']} at commit `{where['commit']}` on a {where['cpus']}-core, "
        f"{where['memory_gb']:g} GB Linux machine (Python {where['python']}):",
        "",
        "| measure | result | target |",
        "|---|---|---|",
    ]
    builds = results.get("builds")
    if builds:
        clean, again, one = builds["clean_build"], builds["nothing_changed"], builds["one_data_file_changed"]
        executed = ", ".join(one["chapters_executed"]) or "none"
        changed = sum(one["glued_values_changed"].values())
        lines += [
            f"| clean build: execute + HTML / PDF | {_seconds(clean['html_s'])} + {_seconds(clean['pdf_s'])} = "
            f"{_seconds(clean['total_s'])} | {_verdict(met.get('clean_build_under_90_s'), 'under 90 s')} |",
            f"| rebuild, nothing changed: HTML / PDF | {_seconds(again['html_s'])} / {_seconds(again['pdf_s'])}, "
            f"{len(again['chapters_executed'])} chapters re-executed | "
            f"{_verdict(met.get('nothing_changed_under_5_s'), 'under 5 s')} |",
            f"| rebuild after one data file changes (`{one['file']}`, {one['change']}) | {_seconds(one['html_s'])}; "
            f"re-executed {executed} (the chapters that read it); {changed} glued values changed | "
            f"{_verdict(met.get('data_change_reexecutes_only_its_readers'), 'only the dependent chapters')} |",
            f"| chapter execution, each alone{_runs(builds.get('chapter_runs', 1))} | "
            f"{_chapter_range(builds['chapter_execution_s'])} | "
            f"{_verdict(met.get('each_chapter_under_10_s'), 'each under 10 s')} |",
        ]
        if builds.get("chapter_execution_in_build_s"):
            lines.append(
                f"| chapter execution in the clean build (two side by side) | "
                f"{_chapter_range(builds['chapter_execution_in_build_s'])} | – |"
            )
        lines += [
            f"| test suite (pytest + nbval, 2 workers per 2 cores) | {builds['tests']['passed']} passed in "
            f"{_seconds(builds['tests']['seconds'])} | {_verdict(met.get('tests_under_90_s'), 'under 90 s')} |",
            f"| peak memory of one build or test process | {builds['peak_child_rss_mb']:.0f} MB | – |",
        ]
    for row in results["scale"]:
        target = _verdict(met.get("1000_readouts_under_20_s"), "under 20 s") if row["readouts"] == 1000 else "–"
        lines.append(
            f"| {row['readouts']:,} synthetic readouts ({row['words']:,} words): themes + claims + networks | "
            f"{_seconds(row['total_s'])} (themes {row['themes_s']:.1f} s, claims {row['claims_s']:.1f} s, "
            f"networks {row['networks_s']:.1f} s); cost per readout {row['cost_per_readout_vs_smallest']:.2f}× "
            f"that at {results['scale'][0]['readouts']:,} | {target} |"
        )
    drafting = results.get("drafting")
    if drafting:
        when = drafting["measured"]
        for row in drafting["rows"]:
            target = _verdict(met.get("draft_5mb_under_10_s"), "under 10 s") if row["size_bytes"] >= 5_000_000 else "–"
            lines.append(
                f"| drafting one readout of {row['size_bytes'] / 1e6:.1f} MB ({row['layout']}), "
                f"each in a new process{_runs(row.get('runs', 1))} (commit `{when['commit']}`, "
                f"{when['date']}) | {_seconds(row['seconds'])} ({_seconds(row['cpu_s'])} CPU) | {target} |"
            )
    return "\n".join(lines)


def update_readme(results: dict, readme: Path = README) -> None:
    """Replace the block between the benchmark markers of the README."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"{paths.relative_to_root(readme)}: the benchmark markers are missing")
    block = f"{README_START}\n{readme_table(results)}\n{README_END}"
    readme.write_text(text[:start] + block + text[end + len(README_END) :], encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale-only", action="store_true", help="skip the builds and the tests")
    parser.add_argument(
        "--readme", action="store_true", help="only rewrite the README's benchmark table from benchmarks/results.json"
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(SIZES),
        help="synthetic corpus sizes, in readouts (default: %(default)s)",
    )
    parser.add_argument(
        "--only",
        choices=["draft"],
        help="measure only this and add it to benchmarks/results.json (the README table follows)",
    )
    parser.add_argument(
        "--draft-sizes",
        type=int,
        nargs="+",
        default=list(DRAFT_SIZES),
        help="sizes of the drafted readouts, in bytes (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.readme:
        update_readme(json.loads(RESULTS.read_text(encoding="utf-8")))
        return 0
    ds = load_dataset()
    if args.only == "draft":
        return only_drafting(ds, tuple(args.draft_sizes))
    results = {"machine": machine(), "targets": TARGETS}
    if not args.scale_only:
        results["builds"] = measure_builds()
        results["drafting"] = drafting_results(ds, tuple(args.draft_sizes))
    results["scale"] = measure_scale(ds, sizes=tuple(args.sizes))
    results["targets_met"] = compare(results)
    print(json.dumps(results, indent=2, sort_keys=True))
    print(f"written to {paths.relative_to_root(write_results(results))}")
    if not args.scale_only:  # the README quotes a full run only
        update_readme(results)
        print(f"benchmark table of {paths.relative_to_root(README)} updated")
    return 0


def only_drafting(ds, sizes) -> int:
    """Measure the drafting and record it with the results already in benchmarks/results.json."""
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    drafting = drafting_results(ds, sizes)
    print(json.dumps(drafting, indent=2, sort_keys=True))
    if "scale" not in results:  # no full run recorded: nothing to add the drafting to
        print("bench: no results in benchmarks/results.json yet; the drafting is not recorded", file=sys.stderr)
        return 0
    results["drafting"] = drafting
    results["targets"] = TARGETS
    results["targets_met"] = compare(results)
    print(f"written to {paths.relative_to_root(write_results(results))}")
    update_readme(results)
    print(f"benchmark table of {paths.relative_to_root(README)} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
