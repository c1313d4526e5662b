"""The charts of the themes chapter drawn from small tables: what each shows is what the table holds."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from helpers.charts import themes as charts
from helpers.figures import OKABE_ITO

LABELS = pd.Series({"a": "Theme A", "b": "Theme B", "c": "Theme C"})
DATES = pd.Series(pd.to_datetime(["2010-03-23", "2017-12-14"]), index=["M1", "M2"])


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def ticks(labels) -> list[str]:
    return [t.get_text() for t in labels]


def test_heatmap_shows_rate_and_count_in_each_cell_and_a_dash_for_none():
    counts = pd.DataFrame({"M1": [2, 0], "M2": [1, 3]}, index=["a", "b"])
    rates = pd.DataFrame({"M1": [4.0, 0.0], "M2": [0.5, 1.25]}, index=["a", "b"])
    fig = charts.heatmap(rates, counts, LABELS, DATES)
    ax = fig.axes[0]
    assert texts(ax) == ["4.0\n(2)", "0.5\n(1)", "-", "1.2\n(3)"]
    assert [t.get_color() for t in ax.texts][0] == "white"  # above 60 % of the largest rate
    assert ticks(ax.get_xticklabels()) == ["M1\nMar 2010", "M2\nDec 2017"]
    assert ticks(ax.get_yticklabels()) == ["Theme A", "Theme B"]
    assert ax.images[0].get_array().tolist() == [[4.0, 0.5], [0.0, 1.25]]
    assert fig.axes[1].get_ylabel() == "Mentions per 1,000 words"


def test_timeline_draws_a_marker_per_theme_and_meeting_and_a_bar_from_first_to_last():
    table = pd.DataFrame(
        {
            "theme_id": ["a", "c", "b"],
            "first": ["M1", "M2", None],
            "last": ["M2", "M2", None],
            "persistence": [2, 1, 0],
            "M1": [True, False, False],
            "M2": [True, True, False],
        }
    )
    fig = charts.timeline(table, LABELS, DATES)
    ax = fig.axes[0]
    mentioned, not_mentioned = ax.collections[:2]  # then the two legend entries
    assert tuple(mentioned.get_facecolors()[0][:3]) == pytest.approx(to_rgb(OKABE_ITO["blue"]))
    assert tuple(not_mentioned.get_facecolors()[0][:3]) == pytest.approx(to_rgb("white"))
    assert sorted(map(tuple, mentioned.get_offsets().tolist())) == [(0, 0), (1, 0), (1, 1)]
    assert sorted(map(tuple, not_mentioned.get_offsets().tolist())) == [(0, 1), (0, 2), (1, 2)]
    bars = [line for line in ax.lines if len(line.get_xdata())]
    assert [(list(b.get_xdata()), list(b.get_ydata())) for b in bars] == [([0, 1], [0, 0]), ([1, 1], [1, 1])]
    assert ticks(ax.get_yticklabels()) == ["Theme A", "Theme C", "Theme B"]
    assert ax.yaxis_inverted()
    assert ticks(ax.get_xticklabels()) == ["M1\nMar 2010", "M2\nDec 2017"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "mentioned",
        "not mentioned",
        "first to last appearance",
    ]


def test_similarity_labels_each_cell_of_the_lower_triangle_and_each_document_with_its_meeting():
    ids = ["x", "y"]
    sim = pd.DataFrame([[1.0, 0.25], [0.25, 1.0]], index=ids, columns=ids)
    fig = charts.similarity(sim, pd.Series({"x": "M1", "y": "M2"}))
    ax = fig.axes[0]
    assert texts(ax) == ["1.00", "0.25", "1.00"]  # the upper triangle repeats the lower one: left blank
    assert [t.get_color() for t in ax.texts] == ["white", "black", "white"]
    assert ticks(ax.get_xticklabels()) == ticks(ax.get_yticklabels()) == ["x\n(M1)", "y\n(M2)"]
    assert fig.axes[1].get_ylabel() == "TF-IDF cosine similarity"


def test_heatmap_with_genres_adds_a_strip_of_the_genres_of_each_meeting_and_names_columns():
    counts = pd.DataFrame({"M1": [2, 0], "M2": [1, 3]}, index=["a", "b"])
    rates = pd.DataFrame({"M1": [4.0, 0.0], "M2": [0.5, 1.25]}, index=["a", "b"])
    genres = pd.DataFrame({"M1": [True, False], "M2": [True, True]}, index=["press release", "readout"])
    fig = charts.heatmap(rates, counts, LABELS, DATES, genres=genres, names={"M2": "M2 + M3"})
    ax, strip = fig.axes[0], fig.axes[1]
    assert ticks(ax.get_xticklabels()) == ["M1\nMar 2010", "M2 + M3\nDec 2017"]
    assert ticks(strip.get_yticklabels()) == ["text: press release", "text: readout"]
    squares = [tuple(map(float, p)) for c in strip.collections for p in c.get_offsets()]
    assert sorted(squares) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    assert strip.get_xlim() == ax.get_xlim()


def test_genre_matrix_groups_the_texts_by_genre_and_numbers_the_mentions():
    counts = pd.DataFrame({"x": [2, 0], "y": [1, 3], "z": [0, 1]}, index=["a", "b"])
    rates = counts * 2.0
    genres = pd.Series({"y": "readout", "x": "press release", "z": "press release"})  # drawing order y, x, z
    fig = charts.genre_matrix(counts, rates, LABELS, genres, pd.Series({"x": 2010, "y": 2021, "z": 2020}))
    ax = fig.axes[0]
    assert ticks(ax.get_xticklabels()) == ["y, 2021", "x, 2010", "z, 2020"]
    assert ax.images[0].get_array().tolist() == [[2.0, 4.0, 0.0], [6.0, 0.0, 2.0]]
    assert texts(ax) == ["1", "2", "3", "1", "readout", "press release"]
    assert [line.get_xdata()[0] for line in ax.lines] == [0.5]  # one line between the two genres


def test_similarity_with_genres_shows_the_lower_triangle_in_genre_order():
    ids = ["x", "y", "z"]
    sim = pd.DataFrame([[1.0, 0.25, 0.5], [0.25, 1.0, 0.75], [0.5, 0.75, 1.0]], index=ids, columns=ids)
    genres = pd.Series({"x": "a", "z": "a", "y": "b"})
    fig = charts.similarity(sim, pd.Series({"x": "M1", "y": "M2", "z": "M1"}), genres)
    ax = fig.axes[0]
    assert ticks(ax.get_yticklabels()) == ["x\n(M1)", "z\n(M1)", "y\n(M2)"]
    assert texts(ax)[:6] == ["1.00", "0.50", "1.00", "0.25", "0.75", "1.00"]
    assert texts(ax)[6:] == ["a", "b"]
    assert len(ax.lines) == 2  # the two sides of the genre line, each up to the diagonal


def _wide(n_rows: int, n_columns: int, value) -> pd.DataFrame:
    return pd.DataFrame(value, index=[f"t{i}" for i in range(n_rows)], columns=[f"c{j}" for j in range(n_columns)])


@pytest.mark.parametrize("n_columns", [2, 20])
def test_cell_numbers_left_out_of_the_layout_stay_inside_their_cells(n_columns):
    """The cell numbers take no part in the layout (it runs faster): that loses nothing only if each fits its cell."""
    from helpers.figures import EXPORT_DPI, freeze_layout

    labels = pd.Series({f"t{i}": f"Theme {i}" for i in range(16)})
    dates = pd.Series(
        pd.date_range("2010-01-01", periods=n_columns, freq="180D"), index=[f"c{j}" for j in range(n_columns)]
    )
    ids = list(dates.index)
    widest = [
        charts.heatmap(_wide(16, n_columns, 888.8), _wide(16, n_columns, 8888), labels, dates),
        charts.genre_matrix(
            _wide(16, n_columns, 8888),
            _wide(16, n_columns, 8.0),
            labels,
            pd.Series("fact sheet", index=ids),
            pd.Series(2024, index=ids),
        ),
        charts.similarity(pd.DataFrame(0.88, index=ids, columns=ids), pd.Series("HLSD-2021", index=ids)),
    ]
    for fig in widest:
        freeze_layout(fig)
        fig.dpi = EXPORT_DPI
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        cells = [t for t in ax.texts if not t.get_in_layout()]
        assert cells, "the cell numbers are left out of the layout"
        rows, columns = ax.images[0].get_array().shape
        area = ax.get_window_extent(renderer)
        width, height = area.width / columns, area.height / rows
        for text in cells:
            box = text.get_window_extent(renderer)
            assert box.width <= width and box.height <= height, (text.get_text(), box, width, height)
