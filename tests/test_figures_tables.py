import numpy as np
import pandas as pd
import pytest

from helpers import figures, paths
from helpers.book import plain
from helpers.tables import Anchor, column_widths, show_table, to_markdown


@pytest.fixture
def build_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "build_dir", lambda: tmp_path)
    monkeypatch.setattr(
        paths, "figures_dir", lambda: (tmp_path / "figures").mkdir(exist_ok=True) or tmp_path / "figures"
    )
    return tmp_path


def draw(name):
    fig, ax = figures.new_figure(3, 2)
    data = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
    ax.plot(data["x"], data["y"])
    figures.publish(fig, name, data=data, source="a test")


def test_publish_exports_png_svg_and_data_deterministically(build_dir):
    draw("fig-test")
    out = build_dir / "figures"
    first = {ext: (out / f"fig-test.{ext}").read_bytes() for ext in ("png", "svg", "csv")}
    draw("fig-test")
    second = {ext: (out / f"fig-test.{ext}").read_bytes() for ext in ("png", "svg", "csv")}
    assert first == second
    assert first["csv"].decode().splitlines() == ["x,y", "1,3", "2,1", "3,2"]
    assert b"Source: a test" in first["svg"]


def test_publish_writes_a_sidecar_naming_the_data_and_source(build_dir):
    import json

    draw("fig-test")
    sidecar = json.loads((build_dir / "figures" / "fig-test.json").read_text())
    assert sidecar["label"] == "fig-test"
    assert sidecar["source"] == "a test"
    assert sidecar["files"]["data"] == "fig-test.csv"
    assert (sidecar["data_columns"], sidecar["data_rows"]) == (["x", "y"], 3)


def test_one_layout_gives_the_picture_of_a_tight_export_and_the_svg_the_same_area(build_dir, tmp_path):
    """publish lays the figure out once; the PNG must be what savefig's own tight export draws."""
    import io

    from PIL import Image, ImageChops

    def labelled_figure():
        fig, ax = figures.new_figure(3, 2)
        ax.barh(["a long category label", "b"], [3, 1])
        ax.set_title("A title that the tight box must hold")
        fig.text(0.0, -0.01, "Source: a test", ha="left", va="top", fontsize=7, transform=fig.transFigure)
        return fig

    reference = labelled_figure()
    reference.savefig(tmp_path / "tight.png", dpi=figures.EXPORT_DPI, bbox_inches="tight", metadata={"Software": None})

    fig = labelled_figure()
    area = figures.freeze_layout(fig)
    assert fig.get_layout_engine() is None
    fig.savefig(tmp_path / "frozen.png", dpi=figures.EXPORT_DPI, bbox_inches=area, metadata={"Software": None})
    fig.savefig(tmp_path / "frozen.svg", bbox_inches=area)

    # What publish writes (pixels rendered once, compressed by matplotlib's PNG writer) is that file, byte for byte.
    fig = labelled_figure()
    area = figures.freeze_layout(fig)
    pixels = figures.render_pixels(fig, area)
    figures.write_png(pixels, tmp_path / "published.png")
    screen_copy = figures.display_copy(pixels)
    assert (tmp_path / "published.png").read_bytes() == (tmp_path / "frozen.png").read_bytes()
    assert Image.open(io.BytesIO(screen_copy)).size == tuple(
        round(n * figures.DISPLAY_DPI / figures.EXPORT_DPI) for n in Image.open(tmp_path / "frozen.png").size
    )

    tight, frozen = (Image.open(tmp_path / f"{n}.png").convert("RGB") for n in ("tight", "frozen"))
    assert tight.size == frozen.size
    assert ImageChops.difference(tight, frozen).getbbox() is None
    svg = (tmp_path / "frozen.svg").read_text()
    width_pt = float(svg.split('width="', 1)[1].split("pt", 1)[0])
    assert width_pt == pytest.approx(area.width * 72, abs=0.01)


def test_publish_requires_a_label_and_data(build_dir):
    fig, _ = figures.new_figure(2, 2)
    with pytest.raises(ValueError, match="fig-"):
        figures.publish(fig, "timeline", data=pd.DataFrame({"a": [1]}), source="s")
    with pytest.raises(ValueError, match="non-empty"):
        figures.publish(fig, "fig-x", data=pd.DataFrame(), source="s")


def test_markdown_table_escapes_pipes_and_newlines():
    frame = pd.DataFrame({"a": ["x|y", "two\nlines"], "b": [1.0, None]})
    assert to_markdown(frame).splitlines() == ["| a | b |", "|---|---|", "| x\\|y | 1 |", "| two lines |  |"]


def test_markdown_table_escapes_dollars_but_the_csv_keeps_them(build_dir):
    frame = pd.DataFrame({"claim": ["$855 billion a year vs $3 billion a minute"]})
    assert "\\$855 billion a year vs \\$3 billion" in to_markdown(frame)
    show_table(frame, "tbl-money", "Money.")
    assert (build_dir / "tables" / "tbl-money.csv").read_text().splitlines()[1].startswith("$855")


def test_show_table_is_a_labelled_myst_table(build_dir):
    shown = show_table(pd.DataFrame({"a": [1]}), "tbl-x", "Caption.", source="here.")
    # The caption is text, escaped like every cell (helpers.escape.myst).
    assert shown.data.startswith(":::{table} Caption\\. Source\\: here\\.\n:name: tbl-x\n")
    assert (build_dir / "tables" / "tbl-x.csv").read_text() == "a\n1\n"
    with pytest.raises(ValueError):
        show_table(pd.DataFrame({"a": [1]}), "x", "c")


def test_a_long_table_may_break_across_pages_in_print(build_dir):
    classes = [
        line
        for line in show_table(pd.DataFrame({"a": [1]}), "tbl-x", "C.", long=True).data.splitlines()
        if line.startswith(":class:")
    ]
    assert classes == [":class: report-table colwidths-given print-normal longtable"]
    assert "longtable" not in show_table(pd.DataFrame({"a": [1]}), "tbl-x", "C.").data


def test_an_anchored_cell_carries_an_id_in_the_page_and_its_text_elsewhere(build_dir):
    frame = pd.DataFrame({"claim": [Anchor("N02", "claim-n02"), Anchor("a*b", "claim-n03")], "n": [1, 2]})
    assert to_markdown(frame).splitlines()[2:] == ["| [N02]{#claim-n02} | 1 |", "| [a\\*b]{#claim-n03} | 2 |"]
    show_table(frame, "tbl-anchored", "Anchored.")
    assert (build_dir / "tables" / "tbl-anchored.csv").read_text() == "claim,n\nN02,1\na*b,2\n"
    plain = pd.DataFrame({"claim": ["N02", "a*b"], "n": [1, 2]})
    assert column_widths(frame) == column_widths(plain)
    for bad in ("claim-N02", "claim n02", "", 'x"onload="y'):
        with pytest.raises(ValueError):
            Anchor("N02", bad)


def test_plain_turns_numpy_scalars_into_python_numbers():
    assert type(plain(np.int64(3))) is int and type(plain(np.float32(0.5))) is float
    assert plain("text") == "text" and plain(True) is True


def test_show_table_takes_relative_widths_one_per_column(build_dir):
    frame = pd.DataFrame({"a": [1], "b": [2]})
    assert ":widths: 20 80\n" in show_table(frame, "tbl-w", "C.", widths=[20, 80]).data
    with pytest.raises(ValueError, match="1 widths for 2 columns"):
        show_table(frame, "tbl-w", "C.", widths=[20])


def test_publish_shows_the_export_at_display_resolution_and_only_that(build_dir, monkeypatch):
    import io

    import matplotlib.pyplot as plt
    from PIL import Image

    shown = []
    monkeypatch.setattr(figures, "display", shown.append)
    fig, ax = figures.new_figure(3, 2)
    ax.plot([1, 2], [2, 1])
    figures.publish(fig, "fig-test", data=pd.DataFrame({"a": [1]}), source="s")
    # Not a pyplot figure: a notebook's display hook, which shows every open pyplot figure, never sees it.
    assert plt.get_fignums() == []
    assert len(shown) == 1
    export = Image.open(build_dir / "figures" / "fig-test.png")
    copy = Image.open(io.BytesIO(shown[0].data))
    scale = figures.DISPLAY_DPI / figures.EXPORT_DPI
    assert copy.size == (round(export.width * scale), round(export.height * scale))
    assert round(copy.info["dpi"][0]) == figures.DISPLAY_DPI
    # Same picture: the copy's average colour matches the export's (on white).
    flat = Image.alpha_composite(Image.new("RGBA", export.size, "white"), export.convert("RGBA")).convert("RGB")
    from PIL import ImageStat

    assert all(abs(a - b) < 1.0 for a, b in zip(ImageStat.Stat(copy).mean, ImageStat.Stat(flat).mean, strict=True))


def test_text_width_grows_with_size_and_measures_the_longest_line():
    one_line = figures.text_width("Rosa Icela Rodríguez Velázquez", 6)
    assert one_line > figures.text_width("Rosa Icela", 6) > 0
    assert figures.text_width("Rosa Icela Rodríguez Velázquez", 12) == pytest.approx(2 * one_line, rel=0.02)
    assert figures.text_width("Rosa Icela\nRosa Icela Rodríguez Velázquez", 6) == pytest.approx(one_line)
    assert figures.text_width("HLSD", 6, "bold") > figures.text_width("HLSD", 6)
    assert figures.text_width("", 6) == 0.0
