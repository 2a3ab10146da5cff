"""Small HTML helpers shared by the widgets: escaped text, lines and paragraphs."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from lessonlib.errors import LessonError

__all__ = ["markup", "lines_html", "paragraphs", "css_name", "guarded"]

_CODE = re.compile(r"`([^`]+)`")


def markup(text: str) -> str:
    """Escape ``text`` for HTML; `backticks` become <code>.

    >>> markup("Use `draft.model` <here>")
    'Use <code>draft.model</code> &lt;here&gt;'
    """
    return _CODE.sub(r"<code>\1</code>", html.escape(text))


def lines_html(text: str) -> str:
    """Each line of ``text`` escaped, joined by ``<br>``."""
    return "<br>".join(html.escape(line) for line in text.splitlines())


def paragraphs(text: str) -> str:
    """Each non-blank line of ``text`` as an escaped ``<p>``."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


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
