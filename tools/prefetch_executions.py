"""Execute the chapters whose cached run is missing, in parallel, before the book build.

Jupyter Book executes notebooks one after the other while Sphinx reads
them. This script fills the same execution cache first (``_build/.jupyter_cache``,
the one MyST-NB uses in ``cache`` mode), running the chapters that have no
cached run side by side, one kernel per CPU. The build then finds every
chapter in the cache. A chapter that fails here is left out of the cache, so
that the build executes it again and reports the error as it always does.

It runs after ``tools/invalidate_cache.py`` (which drops the runs whose inputs
changed) and prints, for each chapter it executed, the line MyST-NB prints
("chapters/x.ipynb: Executed notebook in N seconds"), which the benchmark reads.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import yaml
from jupyter_cache import get_cache
from jupyter_cache.cache.main import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
#: Seconds per cell: the build's own limit, so that both executions fail alike.
TIMEOUT = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["execute"]["timeout"]


def uncached(cache, notebooks: list[Path]) -> list[Path]:
    """The notebooks the cache has no run of (matched as MyST-NB matches them: on code and kernel)."""
    missing = []
    for path in notebooks:
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            missing.append(path)
    return missing


def execute(path: Path):
    """Run one notebook in its own folder; return it with its run time, or the error."""
    notebook = nbformat.read(path, as_version=4)
    result = single_nb_execution(notebook, cwd=str(path.parent), timeout=TIMEOUT, allow_errors=False)
    error = None if result.err is None else f"{type(result.err).__name__}"
    return path, notebook, result.time, error


def main() -> int:
    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    cache = get_cache(CACHE)
    missing = uncached(cache, notebooks)
    if not missing:
        print("every chapter has a cached run")
        return 0
    workers = min(len(missing), os.cpu_count() or 1)
    print(f"executing {len(missing)} chapter(s) with {workers} kernel(s) in parallel")
    # The longest chapters first, so that the two kernels finish together.
    missing.sort(key=lambda p: -p.stat().st_size)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, notebook, seconds, error in pool.map(execute, missing):
            name = path.relative_to(ROOT).as_posix()
            if error:
                print(f"{name}: failed ({error}); the build will run it again and report the error")
                continue
            cache.cache_notebook_bundle(
                CacheBundleIn(notebook, str(path), data={"execution_seconds": seconds}),
                check_validity=False,
                overwrite=True,
            )
            print(f"{name}: Executed notebook in {seconds:.2f} seconds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
