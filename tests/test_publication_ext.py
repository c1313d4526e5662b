"""The figure registry's housekeeping (tools/sphinx_ext/publication.py): exports of renamed figures go."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import sphinx_extension


def test_the_exports_of_a_figure_no_longer_in_the_book_are_removed(tmp_path, monkeypatch):
    publication = sphinx_extension("publication")
    figures = tmp_path / "figures"
    figures.mkdir()
    for label in ("fig-kept", "fig-renamed"):
        for ext in publication.FIGURE_FILES:
            (figures / f"{label}.{ext}").write_text("x")
    (figures / "themes-evidence.csv").write_text("not a figure")
    in_book = [{"label": "fig-kept", "kind": "figure"}, {"label": "tbl-x", "kind": "table"}]
    monkeypatch.setattr(publication, "registry", lambda env: in_book)

    assert publication.remove_stale_figures(SimpleNamespace(env=None), tmp_path) == ["fig-renamed"]
    assert sorted(p.name for p in figures.iterdir()) == sorted(
        [f"fig-kept.{ext}" for ext in publication.FIGURE_FILES] + ["themes-evidence.csv"]
    )
