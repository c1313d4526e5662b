"""Draw, style and export the report's figures.

Every chapter draws through this module so that all figures share one
colour-blind-safe style, carry their source on the image itself (a PNG cited
out of context still says where its data came from), and are exported with
the data they draw. The caption, label and alt text live in the metadata of
the notebook cell that draws the figure (``mystnb.figure`` / ``mystnb.image``),
which is what numbers the figure in the book.

Exports go to ``_build/figures/<name>.{png,svg,csv,json}``, never into
``data/``. The JSON sidecar written here holds what the chapter knows (label,
source line, the data file and its shape); the build completes it with the
figure's number, caption, chapter, suggested citation and commit
(``tools/sphinx_ext/publication.py``).
"""

from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor

import matplotlib as mpl
import numpy as np
import pandas as pd
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from matplotlib.transforms import Bbox
from PIL import Image as PILImage

from . import paths

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish green": "#009E73",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "reddish purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
#: Country colours used in every chapter.
COUNTRY_COLOURS = {"US": OKABE_ITO["blue"], "MX": OKABE_ITO["vermillion"], "CA": OKABE_ITO["bluish green"]}
SOURCE_COLOUR = "#4d4d4d"
EXPORT_DPI = 300
#: Resolution of the copy shown in the notebook, the HTML and the PDF.
DISPLAY_DPI = 150


def apply_style() -> None:
    """Set the report's matplotlib style (fonts, sizes, palette, determinism)."""
    mpl.rcParams.update(
        {
            "figure.dpi": DISPLAY_DPI,
            "savefig.dpi": EXPORT_DPI,
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.titlesize": 10,
            "axes.labelsize": 9,
            "xtick.labelsize": 8,
            "ytick.labelsize": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO.values())),
            "legend.frameon": False,
            # A fixed salt makes SVG element ids, and so the files, reproducible.
            "svg.hashsalt": "usmx-report",
            "svg.fonttype": "none",
            # Labels come from the data: a "$" pair in a name or a figure must not start a formula.
            "text.parse_math": False,
            # Figures ask for their layout by name; no default engine (see freeze_layout).
            "figure.autolayout": False,
            "figure.constrained_layout.use": False,
        }
    )


def text_width(text: str, fontsize: float, weight: str = "normal") -> float:
    """Width in inches of ``text`` (its longest line) set in the report's font.

    Measured from the font's glyph advances, without drawing, so that a
    layout can make room for labels before the figure exists.
    """
    apply_style()
    font = FontProperties(family=mpl.rcParams["font.family"], size=fontsize, weight=weight)
    lines = [line for line in str(text).splitlines() if line.strip()]
    return (
        max((text_to_path.get_text_width_height_descent(line, font, ismath=False)[0] for line in lines), default=0.0)
        / 72
    )


def new_figure(width: float = 6.5, height: float = 3.2, **subplots):
    """Return ``(fig, ax)`` in the report style, sized in inches for an A4 page."""
    apply_style()
    # A figure of its own, outside pyplot: the chapter shows what publish exports, never pyplot's copy, and
    # pyplot (with the notebook's display hooks) is not imported at all.
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(**subplots)


def publish(fig, name: str, *, data: pd.DataFrame, source: str) -> None:
    """Stamp the source line on ``fig``, export it with the data it draws, and show it.

    ``name`` is the figure's label in the book (e.g. ``fig-corpus-timeline``)
    and the base name of its files; ``data`` is the exact table drawn. The
    cell's output is the exported PNG scaled down to :data:`DISPLAY_DPI`
    (drawing the figure a third time took as long as the export). The
    figure is not pyplot's (:func:`new_figure`), so the notebook shows it
    only through that copy.
    """
    if not name.startswith("fig-"):
        raise ValueError(f"figure names start with 'fig-': {name!r}")
    if data is None or data.empty:
        raise ValueError(f"{name}: a figure is exported with the non-empty table it draws")
    fig.text(
        0.0,
        -0.01,
        f"Source: {source}",
        ha="left",
        va="top",
        fontsize=7,
        color=SOURCE_COLOUR,
        transform=fig.transFigure,
        wrap=True,
    )
    out = paths.figures_dir()
    area = freeze_layout(fig)
    pixels = render_pixels(fig, area)
    # The PNG is compressed, and its screen copy made, on two more threads while the SVG is drawn: compressing
    # and scaling (half of the export) let go of the interpreter lock. Fixed metadata keeps the files the same
    # from run to run.
    with ThreadPoolExecutor(max_workers=2) as pool:
        written = pool.submit(write_png, pixels, out / f"{name}.png")
        screen_copy = pool.submit(display_copy, pixels)
        fig.savefig(out / f"{name}.svg", bbox_inches=area, metadata={"Date": None, "Creator": None})
        written.result()
        shown = screen_copy.result()
    data.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    sidecar = {
        "label": name,
        "files": {"png": f"{name}.png", "svg": f"{name}.svg", "data": f"{name}.csv"},
        "source": source,
        "data_columns": [str(c) for c in data.columns],
        "data_rows": int(len(data)),
    }
    (out / f"{name}.json").write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    display(Image(data=shown, format="png"))


def freeze_layout(fig) -> Bbox:
    """Lay ``fig`` out once, at the export resolution, and return the area to save, in inches.

    The area is the figure's tight bounding box with the usual padding. The
    layout engine is then switched off, so that both exports draw the figure
    as laid out here: with ``bbox_inches="tight"`` and a constrained layout,
    each ``savefig`` would lay the figure out and measure it again, two extra
    passes over every text per export, which took half of a chapter's time.
    """
    screen_dpi = fig.dpi
    fig.dpi = EXPORT_DPI
    try:
        # The layout engine places the axes; the tight box then measures every artist once. (A full draw without
        # rendering would lay every text out once more, for nothing.)
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.execute(fig)
        area = fig.get_tightbbox().padded(mpl.rcParams["savefig.pad_inches"])
    finally:
        fig.dpi = screen_dpi
    fig.set_layout_engine(None)
    return area


def render_pixels(fig, area: Bbox) -> np.ndarray:
    """``fig`` drawn at :data:`EXPORT_DPI`, cut to ``area`` (inches), as rows of RGBA pixels."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=EXPORT_DPI, bbox_inches=area)
    # The canvas is the area in whole pixels, as matplotlib sizes it (truncated).
    width, height = int(area.width * EXPORT_DPI), int(area.height * EXPORT_DPI)
    return np.frombuffer(buffer.getbuffer(), dtype=np.uint8).reshape(height, width, 4)


def write_png(pixels: np.ndarray, path) -> None:
    """Write ``pixels`` to ``path`` as the PNG ``savefig`` writes."""
    # matplotlib's own PNG writer, given what savefig gives it: the same file, byte for byte.
    mpl.image.imsave(
        path, memoryview(pixels), format="png", origin="upper", dpi=EXPORT_DPI, metadata={"Software": None}
    )


def display_copy(pixels: np.ndarray) -> bytes:
    """The exported picture averaged down from :data:`EXPORT_DPI` to :data:`DISPLAY_DPI`, as PNG bytes.

    Flattened on white (the figures' background), which keeps the file about
    as small as a direct rendering at the lower resolution.
    """
    rgba = PILImage.fromarray(pixels, "RGBA")
    flat = PILImage.alpha_composite(PILImage.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    scale = DISPLAY_DPI / EXPORT_DPI
    small = flat.resize((round(flat.width * scale), round(flat.height * scale)), PILImage.BOX)
    buffer = io.BytesIO()
    small.save(buffer, format="png", dpi=(DISPLAY_DPI, DISPLAY_DPI))
    return buffer.getvalue()


#: Up to this many meetings side by side, a meeting's label fits on two horizontal lines.
MEETINGS_ACROSS = 7


def set_meeting_ticks(ax, positions, meeting_ids, dates, *, top: bool = False, fontsize: float = 7.0) -> None:
    """Label the meeting columns of ``ax``: "ID / Mon YYYY" across, or turned upright when there are many.

    Beyond :data:`MEETINGS_ACROSS` meetings, two-line labels run into each
    other: each becomes one line ("HLSD-2021, Oct 2021") set vertically.
    """
    many = len(meeting_ids) > MEETINGS_ACROSS
    labels = [f"{m}, {d:%b %Y}" if many else f"{m}\n{d:%b %Y}" for m, d in zip(meeting_ids, dates, strict=True)]
    ax.set_xticks(list(positions), labels, fontsize=fontsize - (0.5 if many else 0), rotation=90 if many else 0)
    if top:
        ax.xaxis.tick_top()
