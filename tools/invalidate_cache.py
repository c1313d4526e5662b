"""Throw away cached notebook executions whose inputs changed.

Jupyter Book's execution cache keys a notebook on its code cells only, so a
change to data/ or src/helpers/ would otherwise leave stale numbers in the
book. Before every build this script compares the inputs with those of the
last build:

- a change to the shared inputs (the helpers, the Sphinx extensions, the
  lock, the book configuration, the data schema) deletes the whole
  execution cache and Sphinx's saved environment: every chapter re-executes;
- a change to a data file re-executes only the chapters that read it: each
  chapter declares its tables, ``load_dataset(uses=[...])`` (a chapter that
  declares none reads them all), and the dataset refuses a table the chapter
  did not declare, so the declaration cannot fall behind the code. Those
  chapters lose their cache record and are marked changed for Sphinx, with
  the Markdown pages, which quote chapters' numbers (key findings) and
  captions (the figures-and-tables register);
- nothing changed: nothing is done.

``python tools/invalidate_cache.py`` prints what it decided.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ["src/helpers", "tools/sphinx_ext", "requirements.lock", "_config.yml", "_toc.yml", "data/datapackage.json"]
DATA = "data"
STATE = ROOT / "_build" / ".inputs.json"
STALE = ["_build/.jupyter_cache", "_build/.doctrees", "_build/jupyter_execute"]
CACHE = ROOT / "_build" / ".jupyter_cache"


def digest(entries: list[str]) -> str:
    """SHA-256 over the paths and contents of ``entries`` (files or folders, relative to the root)."""
    sha = hashlib.sha256()
    for entry in entries:
        path = ROOT / entry
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or not file.exists():
                continue
            sha.update(file.relative_to(ROOT).as_posix().encode())
            sha.update(hashlib.sha256(file.read_bytes()).digest())
    return sha.hexdigest()


class UsesNotLiteral(ValueError):
    """A chapter's ``uses=`` is not a literal list of names, so it cannot be read without running it."""


def declared_uses(notebook: Path) -> list[str] | None | bool:
    """The tables a notebook declares: a list, None (all: no ``uses=``), False (no ``load_dataset`` call)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    found: list[str] | None | bool = False
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "load_dataset":
            uses = next((k.value for k in node.keywords if k.arg == "uses"), None)
            if uses is None:
                return None
            try:
                names = ast.literal_eval(uses)
            except ValueError:
                raise UsesNotLiteral(f"{notebook.name}: load_dataset(uses=...) must be a literal list") from None
            found = sorted(set(names) | set(found or []))
    return found


def chapter_digests() -> dict[str, str]:
    """For each chapter, a digest of the data files it declares."""
    from helpers.dataset import (
        declared_files,  # the venv's helpers: imported only when data changed
    )

    package = json.loads((ROOT / DATA / "datapackage.json").read_text(encoding="utf-8"))
    out = {}
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        uses = declared_uses(notebook)
        files = [] if uses is False else declared_files(package, uses)
        out[notebook.relative_to(ROOT).as_posix()] = digest([f"{DATA}/{f}" for f in files])
    return out


def forget(notebooks: list[str]) -> None:
    """Drop the cached executions of ``notebooks`` and mark them, and the Markdown pages, changed."""
    from jupyter_cache import get_cache

    targets = {(ROOT / n).resolve() for n in notebooks}
    if CACHE.is_dir():
        cache = get_cache(CACHE)
        for record in cache.list_cache_records():
            if Path(record.uri).resolve() in targets:
                cache.remove_cache(record.pk)
    # A newer modification time makes Sphinx read the page again; contents are untouched.
    for page in sorted(targets) + sorted(ROOT.glob("*.md")):
        os.utime(page)


def main() -> int:
    state = json.loads(STATE.read_text()) if STATE.exists() else {}
    shared, data = digest(SHARED), digest([DATA])
    if state.get("shared") == shared and state.get("data") == data:
        print("inputs unchanged: the execution cache is kept")
        return 0
    chapters = chapter_digests()
    if state.get("shared") != shared or "chapters" not in state:
        for entry in STALE:
            shutil.rmtree(ROOT / entry, ignore_errors=True)
        print("helpers, extensions or configuration changed (or first build): every chapter will be re-executed")
    else:
        changed = [n for n, d in chapters.items() if state["chapters"].get(n) != d]
        forget(changed)
        print(f"data changed: {len(changed)} chapter(s) will be re-executed: {', '.join(changed) or 'none'}")
    STATE.parent.mkdir(exist_ok=True)
    STATE.write_text(json.dumps({"shared": shared, "data": data, "chapters": chapters}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
