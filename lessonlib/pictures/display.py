"""Show a matplotlib figure in a notebook with its text equivalent.

Every picture the course shows goes through :func:`display_figure`: the PNG
output carries the description as alt text in its metadata (and as its
``text/plain`` form, which is what a static or text-only reader shows), and a
collapsible "Text description" follows the picture so a screen-reader user can
read it in JupyterLab, where image outputs have no alt attribute.
"""

from __future__ import annotations

import base64
import html
import io

__all__ = ["display_figure", "figure_png", "text_block"]


def figure_png(fig, dpi: int = 100) -> bytes:
    """Render a matplotlib figure to PNG bytes (no pyplot state involved)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def text_block(text: str, summary: str = "Text description of the picture") -> str:
    """HTML for a collapsible text equivalent, readable in light and dark themes."""
    return (
        f'<details class="lessonlib-description"><summary>{html.escape(summary)}</summary>'
        f'<pre style="white-space: pre-wrap; color: var(--jp-content-font-color1, inherit);">'
        f"{html.escape(text)}</pre></details>"
    )


def display_figure(fig, description: str, *, dpi: int = 100) -> None:
    """Display ``fig`` with ``description`` as its alt text and text equivalent.

    The figure is closed afterwards so pyplot's inline backend does not show it a
    second time.
    """
    from IPython.display import HTML, display

    png = figure_png(fig, dpi=dpi)
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # a Figure made without pyplot is not registered there
        pass
    bundle = {
        "image/png": base64.b64encode(png).decode("ascii"),
        "text/plain": description,
    }
    display(bundle, raw=True, metadata={"image/png": {"alt": description}})
    display(HTML(text_block(description)))
