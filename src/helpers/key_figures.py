"""Collect every value glued into the book's prose (its "key figures").

Each chapter glues the numbers its prose quotes (``helpers.book.glue``). This
module reads them back from notebooks, either the committed ones or those the
book build executed (``_build/jupyter_execute``), so that
``key_figures.csv`` records every quoted number and a test can show that a
fresh build still quotes the same ones: a change to a quoted number is then
always a deliberate, reviewed change to that file (``make key-figures``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import paths

COLUMNS = ["chapter", "name", "value"]
FILE_NAME = "key_figures.csv"
_PLAIN = "text/plain"


def key_figures_file() -> Path:
    """Return the committed record of key figures (``key_figures.csv``)."""
    return paths.project_root() / FILE_NAME


def _glue_outputs(notebook: dict):
    """Yield ``(name, output data)`` of every glued output of a notebook."""
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if scrap:
                yield scrap["name"], output.get("data", {})


def _plain_text(data: dict, name: str, where: str) -> str:
    for mime, value in data.items():
        if mime.endswith(_PLAIN):
            return "".join(value) if isinstance(value, list) else str(value)
    raise ValueError(f"{where}: glued value {name!r} has no text/plain form")


def from_notebook(path: Path, chapter: str | None = None) -> pd.DataFrame:
    """Return the glued values of one notebook as ``chapter, name, value`` rows."""
    chapter = chapter or f"chapters/{Path(path).stem}.ipynb"
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    rows, seen = [], set()
    for name, data in _glue_outputs(notebook):
        if name in seen:
            raise ValueError(f"{path}: {name!r} is glued twice")
        seen.add(name)
        rows.append({"chapter": chapter, "name": name, "value": _plain_text(data, name, str(path))})
    return pd.DataFrame(rows, columns=COLUMNS)


def from_glue_file(path: Path) -> pd.DataFrame:
    """Return the values of a build's ``<chapter>.glue.json`` (MyST-NB keeps them apart)."""
    chapter = f"chapters/{Path(path).name.removesuffix('.glue.json')}.ipynb"
    glued = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = [
        {"chapter": chapter, "name": name, "value": _plain_text(output.get("data", {}), name, str(path))}
        for name, output in glued.items()
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def collect(notebooks: list[Path]) -> pd.DataFrame:
    """Return the key figures of ``notebooks`` (or glue files), sorted by chapter and name."""
    frames = [from_glue_file(p) if p.name.endswith(".glue.json") else from_notebook(p) for p in notebooks]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["chapter", "name"], kind="stable").reset_index(drop=True)


def committed_notebooks() -> list[Path]:
    """The chapters as committed (with their stored outputs)."""
    return sorted((paths.project_root() / "chapters").glob("*.ipynb"))


def built_glue_files(build: Path | None = None) -> list[Path]:
    """The values glued by the chapters when the last book build (in ``build``, by default the build folder)
    executed them."""
    build = build or paths.build_dir()
    return sorted((build / "jupyter_execute" / "chapters").glob("*.glue.json"))


def read_record(path: Path | None = None) -> pd.DataFrame:
    """Read the committed ``key_figures.csv`` (values kept as text)."""
    path = path or key_figures_file()
    if not path.is_file():
        raise FileNotFoundError(f"{path.name} is missing: run `make key-figures`")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != COLUMNS:
        raise ValueError(f"{path.name}: columns must be {COLUMNS}, found {list(table.columns)}")
    return table


def differences(expected: pd.DataFrame, actual: pd.DataFrame) -> list[str]:
    """Describe every key figure added, removed or changed, one line each."""
    merged = expected.merge(
        actual, on=["chapter", "name"], how="outer", suffixes=("_recorded", "_now"), indicator="presence"
    )
    lines = []
    for row in merged.itertuples(index=False):
        where = f"{row.chapter}::{row.name}"
        if row.presence == "left_only":
            lines.append(f"{where}: recorded {row.value_recorded!r}, no longer glued")
        elif row.presence == "right_only":
            lines.append(f"{where}: glued {row.value_now!r}, not recorded")
        elif row.value_recorded != row.value_now:
            lines.append(f"{where}: recorded {row.value_recorded!r}, now {row.value_now!r}")
    return lines


def write_record(table: pd.DataFrame, path: Path | None = None) -> Path:
    """Write the record (sorted, LF line ends) and return its path."""
    path = path or key_figures_file()
    table.to_csv(path, index=False, lineterminator="\n")
    return path


if __name__ == "__main__":  # `make key-figures`
    written = write_record(collect(committed_notebooks()))
    print(f"{paths.relative_to_root(written)}: {len(read_record(written))} key figures")
