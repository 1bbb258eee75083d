"""The shared look of every figure: a light card with dark text, a colour-blind-safe palette.

The settings also make the SVG output byte-identical across runs (fixed hash salt, text kept as
text, no dates); `scripts.figures.render` applies them around each figure function.
"""

from __future__ import annotations

import matplotlib
from matplotlib import ticker
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

matplotlib.use("Agg")

# Okabe & Ito's palette: distinguishable under the common colour-vision deficiencies.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILION = "#D55E00"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#6B6B6B"
PALETTE = [BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, BLACK, YELLOW]

TEXT = "#1A1A1A"
WIDTH, HEIGHT = 7.0, 4.2  # inches; at 700 px the text renders at about 14-15 px

# Class colours for two-class scatter plots, and a map from orange (class 0) to blue (class 1)
# through white for predicted probabilities behind them.
CLASS_COLORS = [ORANGE, BLUE]
CLASS_MARKERS = ["o", "^"]
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "orange-white-blue", ["#F4B860", "#FFFFFF", "#6AA9D8"])

STYLE = {
    # Deterministic SVG: fixed ids, text as <text> elements in the page's sans-serif font.
    "svg.hashsalt": "ml-interview-questions",
    "svg.fonttype": "none",
    "path.simplify": True,
    # Layout is computed with DejaVu Sans, which ships with matplotlib, so it is the same on
    # every machine; the browser draws the text in its own sans-serif font.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "figure.titlesize": 13,
    # An opaque white card with dark text reads the same on the light and the dark theme.
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": "#444444",
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.titlecolor": TEXT,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.7,
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.edgecolor": "#CCCCCC",
    "figure.figsize": (WIDTH, HEIGHT),
    "figure.dpi": 100,
    "image.composite_image": False,
}


def new_figure(nrows: int = 1, ncols: int = 1, **subplot_kw):
    """A 7 x 4.2 inch figure with constrained layout, and its axes (an array if more than one).

    Built without pyplot, so nothing global is kept between figures."""
    fig = Figure(figsize=(WIDTH, HEIGHT), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, **subplot_kw)
    return fig, axes


def plain_log_ticks(axis) -> None:
    """Decade labels as plain numbers (100, 0.01) instead of 10 with a superscript exponent: the
    exponent is drawn at 70% of the label size, below 10 px on a phone. No minor labels."""
    axis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:g}"))
    axis.set_minor_formatter(ticker.NullFormatter())
