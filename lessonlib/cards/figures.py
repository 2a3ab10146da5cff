"""A matplotlib figure in a notebook: an image with its text equivalent, as HTML.

Every picture the course shows goes through :func:`display_figure`. The output
is one HTML block: an ``<img>`` whose ``alt`` is the picture's text equivalent
(JupyterLab puts no alt on an ``image/png`` output, so the course does not use
one), then a collapsible "Text description" with the same text, for readers who
want to read or copy it. The image is a PNG at twice the figure's natural size
with its display size set, so it is crisp on high-DPI screens and JupyterLab
shows it at its natural size (see :mod:`lessonlib.pictures.sizes`). The output's
``text/plain`` form is the description, for text-only front ends.

The PNG comes from :mod:`lessonlib.pictures.png`; :func:`outcomes_html` is the
same for lesson 05's outcomes chart, shown inside a widget beside its sliders.
"""

from __future__ import annotations

import base64
import html
import struct
from types import SimpleNamespace

from lessonlib.cards.markup import markup, paragraphs
from lessonlib.pictures.outcomes import SIZE, describe_outcomes, draw_outcomes
from lessonlib.pictures.png import figure_png, smallest_text_pt
from lessonlib.pictures.sizes import CSS_PX_PER_INCH, SCALE
from lessonlib.stock import lookup_figure, record_figure

__all__ = ["CSS", "display_figure", "show_figure", "figure_html", "drawn_html", "img_tag",
           "text_block", "outcomes_html"]

#: DOM classes of a figure's text description and of the outcomes chart (the browser tests
#: read them from here).
CSS = SimpleNamespace(description="lessonlib-description",
                      description_text="lessonlib-description-text",
                      chart="lessonlib-outcomes-chart")


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def img_tag(png: bytes, alt: str, *, css_class: str = "lessonlib-figure-image",
            dpi: int = CSS_PX_PER_INCH * SCALE, text_pt: float | None = None) -> str:
    """An ``<img>`` for ``png`` (made at ``dpi``) shown at its natural size, with ``alt``.

    ``text_pt``, the figure's smallest text in points, goes into the attribute
    ``data-text-pt``, so a test (or a curious reader) can tell how big that text
    renders once the browser has fitted the image.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1))
    >>> _ = fig.text(0.5, 0.5, "OrderPlaced", fontsize=8.5)
    >>> tag = img_tag(figure_png(fig), 'A "test" picture', text_pt=8.5)
    >>> 'alt="A &quot;test&quot; picture"' in tag, 'data-text-pt="8.5"' in tag
    (True, True)
    """
    width, height = _png_size(png)
    factor = dpi / CSS_PX_PER_INCH
    data = base64.b64encode(png).decode("ascii")
    size = f' data-text-pt="{text_pt:g}"' if text_pt is not None else ""
    return (f'<img class="{css_class}" src="data:image/png;base64,{data}" '
            f'width="{round(width / factor)}" height="{round(height / factor)}"{size} '
            f'alt="{html.escape(alt)}" style="max-width: 100%; height: auto;">')


def text_block(text: str, summary: str = "Text description of the picture") -> str:
    """HTML for a collapsible text equivalent, readable in light and dark themes.

    One paragraph per line of ``text`` (a blank line leaves a gap), in the
    notebook's own font and colour, wrapped between words.

    >>> block = text_block("Two services." + chr(10) * 2 + "A <b> tag.")
    >>> '<p style="margin: 2px 0;">Two services.</p>' in block
    True
    >>> '<p style="margin: 10px 0 2px;">A &lt;b&gt; tag.</p>' in block
    True
    """
    # Runs of lines between blank lines: the first line of each run after the first
    # keeps a gap above it.
    runs: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    body = "".join(paragraphs(run[:1], style="margin: 10px 0 2px;" if i else "margin: 2px 0;")
                   + paragraphs(run[1:], style="margin: 2px 0;")
                   for i, run in enumerate(r for r in runs if r))
    return (
        f'<details class="{CSS.description}"><summary>{markup(summary, code=False)}</summary>'
        f'<div class="{CSS.description_text}" style="color: var(--jp-content-font-color1, '
        f'inherit); max-width: 60em; overflow-wrap: break-word;">{body}</div>'
        "</details>"
    )


def _figure_block(png: bytes, text_pt: float | None, description: str, *,
                  css_class: str = "lessonlib-figure-image") -> str:
    image = img_tag(png, description, css_class=css_class, text_pt=text_pt)
    return f'<div class="lessonlib-figure">{image}{text_block(description)}</div>'


def figure_html(fig, description: str, *, css_class: str = "lessonlib-figure-image") -> str:
    """The figure as an ``<img>`` with ``description`` as alt text, then the text block."""
    return _figure_block(figure_png(fig), smallest_text_pt(fig), description,
                         css_class=css_class)


def _close(fig) -> None:
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # a Figure made without pyplot is not registered there
        pass


def _display(block: str, description: str) -> None:
    from IPython.display import display

    display({"text/html": block, "text/plain": description}, raw=True)


def display_figure(fig, description: str) -> None:
    """Display ``fig`` with ``description`` as its alt text and text equivalent.

    The figure is closed afterwards so pyplot's inline backend does not show it a
    second time.
    """
    block = figure_html(fig, description)
    _close(fig)
    _display(block, description)


def drawn(draw, recipe: object, what: str = "", *,
          dpi: int = CSS_PX_PER_INCH * SCALE) -> tuple[bytes, float | None]:
    """The PNG and smallest text size (points) of the figure ``draw()`` makes.

    A stock figure (``recipe``'s fingerprint shipped in :mod:`lessonlib.stock`) is
    read, not drawn: matplotlib is not even imported for it.
    """
    key, found = lookup_figure((recipe, dpi))
    if found is not None:
        return found
    fig = draw()
    png, text_pt = figure_png(fig, dpi=dpi), smallest_text_pt(fig)
    _close(fig)
    record_figure(key, png, text_pt, what)
    return png, text_pt


def drawn_html(draw, description: str, *, recipe: object,
               css_class: str = "lessonlib-figure-image") -> str:
    """:func:`figure_html` of the figure ``draw()`` makes, read from the stock if it is there."""
    png, text_pt = drawn(draw, recipe, description)
    return _figure_block(png, text_pt, description, css_class=css_class)


def show_figure(draw, description: str, *, recipe: object) -> None:
    """Display the figure ``draw()`` makes, with ``description`` as alt text and text equivalent.

    ``recipe`` is everything the drawing reads (the function's name, its models and
    options): when it names a stock figure, the shipped PNG is shown and ``draw`` is
    never called.
    """
    _display(drawn_html(draw, description, recipe=recipe), description)


def outcomes_html(sweep, *, current: float | None = None, unit: str = "min",
                  dpi: int = 100) -> str:
    """The chart as an ``<img>`` with alt text, then its collapsible text equivalent.

    For a widget (the slider lab shows it beside the sliders); a notebook cell
    would use :func:`display_figure`. The chart is
    :func:`~lessonlib.pictures.outcomes.draw_outcomes`.
    """
    def draw():
        from matplotlib.figure import Figure

        fig = Figure(figsize=SIZE)
        draw_outcomes(sweep, fig.subplots(), current=current, unit=unit)
        fig.tight_layout()
        return fig

    description = describe_outcomes(sweep, current=current, unit=unit)
    png, _ = drawn(draw, ("outcomes", sweep, current, unit), description, dpi=dpi)
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="{CSS.chart}" src="data:image/png;base64,{data}" '
            f'alt="{html.escape(description)}" style="max-width: 100%;">'
            + text_block(description, "Text description of the chart"))
