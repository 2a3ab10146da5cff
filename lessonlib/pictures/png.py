"""A matplotlib figure as PNG bytes, and the size of its smallest text.

The PNG is rendered at twice the figure's natural size, so it is crisp on
high-DPI screens (see :mod:`lessonlib.pictures.sizes`); how it reaches the
notebook, as an image with alt text, is :mod:`lessonlib.cards.figures`.
"""

from __future__ import annotations

import io

from lessonlib.pictures.sizes import CSS_PX_PER_INCH, SCALE, texts_of

__all__ = ["figure_png", "smallest_text_pt"]


def figure_png(fig, dpi: int = CSS_PX_PER_INCH * SCALE) -> bytes:
    """Render a matplotlib figure to PNG bytes (no pyplot state involved).

    The default resolution holds :data:`~lessonlib.pictures.sizes.SCALE` image
    pixels per CSS pixel of the figure's natural size.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def smallest_text_pt(fig) -> float | None:
    """The size in points of the smallest text in ``fig`` (None if it has none)."""
    sizes = [t.get_fontsize() for t in texts_of(fig)]
    return min(sizes) if sizes else None
