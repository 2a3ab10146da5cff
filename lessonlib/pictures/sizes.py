"""How big a picture's text is on a student's screen, computed from matplotlib.

A figure reaches the notebook as a PNG rendered at twice its natural size
(crisp on high-DPI screens) whose display size is set to the natural size: one
inch of the figure is :data:`CSS_PX_PER_INCH` CSS pixels. JupyterLab shrinks an
image wider than the output column to fit, so a text of ``s`` points renders at
``s * CSS_PX_PER_INCH / 72 * min(1, COLUMN_PX / width)`` CSS pixels.
:data:`COLUMN_PX` is the output column of a 1280-px-wide JupyterLab with its file
browser open (measured in Chromium: 848 px).

The course's rule: every text at :data:`MIN_TEXT_PX` or more, and no figure
shrunk below :data:`MIN_SCALE` of its natural size.

>>> from matplotlib.figure import Figure
>>> fig = Figure(figsize=(4, 2))
>>> _ = fig.text(0.5, 0.5, "OrderPlaced", fontsize=8.5)
>>> size = rendered(fig)
>>> round(size.smallest_px, 1), size.scale
(11.8, 1.0)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

__all__ = ["COLUMN_PX", "CSS_PX_PER_INCH", "MIN_TEXT_PX", "MIN_SCALE", "SCALE", "Rendered",
           "rendered", "texts_of", "text_extent", "natural_size"]

#: CSS pixels per inch of a figure at its natural size.
CSS_PX_PER_INCH = 100
#: The PNG holds this many image pixels per CSS pixel (crisp on high-DPI screens).
SCALE = 2
#: Width of a notebook's output column in a 1280-px-wide JupyterLab, file browser open.
COLUMN_PX = 848
#: The smallest text size (CSS px) the course allows in a figure.
MIN_TEXT_PX = 11.0
#: The smallest share of its natural size a figure may be shrunk to.
MIN_SCALE = 0.8
#: Padding ``savefig(bbox_inches="tight")`` adds around a figure, in inches.
TIGHT_PAD = 0.1


@dataclass(frozen=True)
class Rendered:
    """A figure as a student sees it: natural size (CSS px), scale, smallest text."""

    width_px: float
    height_px: float
    scale: float
    smallest_pt: float

    @property
    def smallest_px(self) -> float:
        """The smallest text's size in CSS pixels, once JupyterLab has fitted the figure."""
        return self.smallest_pt * CSS_PX_PER_INCH / 72 * self.scale

    def ok(self) -> bool:
        return self.smallest_px >= MIN_TEXT_PX - 1e-9 and self.scale >= MIN_SCALE


def texts_of(fig) -> list:
    """Every visible, non-empty text of ``fig``: titles, labels, legends, visible ticks."""
    found = list(fig.texts)
    if getattr(fig, "_suptitle", None) is not None:
        found.append(fig._suptitle)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        found += list(ax.texts) + [ax.title, ax._left_title, ax._right_title]
        legend = ax.get_legend()
        if legend is not None:
            found += list(legend.get_texts()) + [legend.get_title()]
        if ax.axison:
            found += [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.xaxis.label,
                      ax.yaxis.label]
    return [t for t in found if t.get_visible() and t.get_text().strip()]


def natural_size(fig) -> tuple[float, float]:
    """The figure's size in CSS pixels as ``savefig(bbox_inches="tight")`` crops it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    box = fig.get_tightbbox(canvas.get_renderer())
    return ((box.width + 2 * TIGHT_PAD) * CSS_PX_PER_INCH,
            (box.height + 2 * TIGHT_PAD) * CSS_PX_PER_INCH)


def rendered(fig, column_px: float = COLUMN_PX) -> Rendered:
    """How ``fig`` renders in the output column: natural size, scale and smallest text."""
    width, height = natural_size(fig)
    sizes = [t.get_fontsize() for t in texts_of(fig)]
    return Rendered(round(width, 1), round(height, 1), min(1.0, column_px / width),
                    min(sizes) if sizes else float("inf"))


@functools.lru_cache(maxsize=1)
def _measuring_text():
    """One text artist on one 72-dpi figure, re-used to measure every text (a new
    figure per measure cost about 10 ms, most of a lesson's figure layout time)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(dpi=72)
    renderer = FigureCanvasAgg(fig).get_renderer()
    return fig.text(0, 0, ""), renderer


@functools.lru_cache(maxsize=4096)
def text_extent(text: str, size: float, bold: bool = False) -> tuple[float, float]:
    """Width and height in inches of ``text`` (may hold newlines) at ``size`` points."""
    artist, renderer = _measuring_text()
    artist.set_text(text)
    artist.set_fontsize(size)
    artist.set_fontweight("bold" if bold else "normal")
    box = artist.get_window_extent(renderer)
    return box.width / 72, box.height / 72
