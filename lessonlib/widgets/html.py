"""Small HTML helpers shared by the widgets: a callback that shows errors, a widget's
static form, class names.

Text becomes HTML through :mod:`lessonlib.cards.markup` (``markup`` and
``paragraphs``, importable from here too, as the widgets always have).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from lessonlib.cards.markup import markup, paragraphs
from lessonlib.errors import LessonError

__all__ = ["markup", "lines_html", "paragraphs", "css_name", "guarded", "static_form",
           "interactive_note"]


def lines_html(text: str) -> str:
    """Each line of ``text`` escaped, joined by ``<br>``.

    >>> lines_html("Two <lines>\\nof text")
    'Two &lt;lines&gt;<br>of text'
    """
    return "<br>".join(markup(line, code=False) for line in text.splitlines())


def guarded(action: Callable[..., None], feedback) -> Callable[..., None]:
    """A callback for ``on_click`` / ``observe`` that never swallows an error.

    ``action`` runs with the callback's arguments; a
    :class:`~lessonlib.errors.LessonError` it raises is shown as its sentence in
    ``feedback`` (an HTML widget, or a function returning one), and any other error
    as a short message naming it, never lost in the browser's console.

    >>> import ipywidgets as widgets
    >>> box = widgets.HTML()
    >>> guarded(lambda *_: {}["key"], box)()
    >>> box.value
    "<p role='alert'>Something went wrong: KeyError: &#x27;key&#x27;. Run the cell again; if it happens again, tell your instructor.</p>"
    """

    def callback(*args) -> None:
        target = feedback() if callable(feedback) else feedback
        try:
            action(*args)
        except LessonError as error:
            target.value = f"<p role='alert'>{html.escape(str(error))}</p>"
        except Exception as error:  # noqa: BLE001 - shown to the learner, not lost
            text = str(error)
            text = text if len(text) <= 200 else text[:200] + "..."
            target.value = (f"<p role='alert'>Something went wrong: {type(error).__name__}: "
                              f"{html.escape(text)}. Run the cell again; if it happens again, "
                              "tell your instructor.</p>")

    return callback


def css_name(label: str) -> str:
    """A label as a CSS class fragment: ``"Order fulfilment"`` -> ``"order-fulfilment"``."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def static_form(bundle: dict | None, body: str) -> dict | None:
    """A widget's display bundle with ``body`` as its static HTML and plain text.

    JupyterLab shows the live widget; a static page (``make html``) or a
    text-only front end, which cannot, shows ``body`` instead of the widget's
    Python repr. Widgets call this from their ``_repr_mimebundle_``.

    >>> static_form({"text/plain": "VBox(children=(...))"}, "<p>A <em>quiz</em></p>")
    {'text/plain': 'A quiz', 'text/html': '<div class="lessonlib-static"><p>A <em>quiz</em></p></div>'}
    """
    if bundle is None:
        return None
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</(p|li|tr|h\d|summary)>", "\n", body)))
    bundle["text/plain"] = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    bundle["text/html"] = f'<div class="lessonlib-static">{body}</div>'
    return bundle


def interactive_note(what: str) -> str:
    """The line a static page shows where JupyterLab has an interactive part."""
    return (f'<p class="lessonlib-static-note"><em>Interactive in JupyterLab: {markup(what)}'
            "</em></p>")
