"""The instructor's view of a lesson's class results, in a notebook cell.

``class_results("03")`` on a hub with the classroom service (see
``deploy/README.md``) shows every activity of the lesson: per question the room's
first and latest answers as counts and bars (for a numeric question, the numbers
given), per prediction what was predicted, the classification's share right per
message, the exercises finished, and each student's completion; it refreshes
itself every few seconds for "vote, discuss, vote again". Thin over
:mod:`lessonlib.course.classroom` (which fetches) and :mod:`lessonlib.cards.results`
(which renders).
"""

from __future__ import annotations

import html
import threading
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.cards.results import results_html
from lessonlib.course.classroom import classroom_url, fetch_results
from lessonlib.course.lessons import lesson_id
from lessonlib.errors import LessonError, LessonTypeError, shown
from lessonlib.widgets.choice import FORM_CLASS, forms_style
from lessonlib.widgets.html import interactive_note, static_form

__all__ = ["ClassResultsView", "class_results", "CSS"]

CSS = SimpleNamespace(view="lessonlib-class-results", refresh="lessonlib-class-refresh",
                      auto="lessonlib-class-auto", status="lessonlib-class-status")

#: Seconds between two automatic refreshes.
REFRESH_EVERY = 3.0


class ClassResultsView(widgets.VBox):
    """Parts: ``refresh`` (button), ``auto`` (refresh every few seconds), ``names`` (show
    students' names), ``reveal`` (mark the right options), ``results`` and ``status``."""

    def __init__(self, lesson: str, *, names: bool = True, auto: bool = True,
                 token: str | None = None):
        self.lesson = lesson_id(lesson)
        if token is not None and not isinstance(token, str):
            raise LessonTypeError(f"token= is a hub token (a string); got a "
                                  f"{type(token).__name__}.")
        self._token = token or None  # kept in this kernel's memory only
        for flag, value in (("names", names), ("auto", auto)):
            if not isinstance(value, bool):
                raise LessonTypeError(f"{flag}= is True or False; got {shown(value)} "
                                      f"({type(value).__name__}).")
        self.refresh = widgets.Button(description="Refresh", tooltip="Fetch the answers now")
        self.refresh.add_class(CSS.refresh)
        self.refresh.on_click(lambda _button: self.update())
        self.auto = widgets.Checkbox(value=auto, description=f"every {REFRESH_EVERY:.0f} s",
                                     indent=False)
        self.auto.add_class(CSS.auto)
        self.names = widgets.Checkbox(value=names, description="names", indent=False)
        self.reveal = widgets.Checkbox(value=False, description="right answers", indent=False)
        for box in (self.names, self.reveal):
            box.observe(lambda _change: self.update(), names="value")
        self.auto.observe(lambda _change: self._start(), names="value")
        self.results = widgets.HTML(value="")
        self.status = widgets.HTML(value="")
        self.status.add_class(CSS.status)
        controls = widgets.HBox([self.refresh, self.auto, self.names, self.reveal])
        super().__init__([forms_style(), controls, self.status, self.results])
        self.add_class(CSS.view)
        self.add_class(FORM_CLASS)  # focus rings (static/forms.css)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.update()
        self._start()

    def _repr_mimebundle_(self, **kwargs):
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "the class's answers to this lesson's activities, refreshed live from the hub.")
            + self.status.value + self.results.value)

    def update(self) -> None:
        """Fetch the lesson's results and show them (or the sentence saying why not)."""
        try:
            data = fetch_results(self.lesson, names=self.names.value, token=self._token)
        except LessonError as error:
            self.status.value = f"<p>{html.escape(str(error))}</p>"
            return
        self.status.value = ""
        self.results.value = results_html(data, reveal=self.reveal.value)

    def _start(self) -> None:
        # No service here (the sentence is shown): nothing to refresh.
        if classroom_url() is None or not self.auto.value or (
                self._thread is not None and self._thread.is_alive()):
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="lessonlib-class-results",
                                        daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(REFRESH_EVERY) and self.auto.value and classroom_url():
            self.update()

    def close(self) -> None:
        stop = getattr(self, "_stop", None)  # None if __init__ refused its arguments
        if stop is not None:
            stop.set()
        super().close()


def class_results(lesson: str, *, names: bool = True, auto: bool = True,
                  token: str | None = None) -> ClassResultsView:
    """The class's answers to a lesson's activities, live (for instructors, on a hub).

    Put it on the last line of a cell, e.g. ``class_results("03", token=getpass())``.
    It needs the hub's classroom service and a hub token with the instructor scope:
    the token a kernel gets never carries it, so any notebook an instructor runs
    cannot read names or reset the class; make one on the hub's token page (see
    ``docs/instructor-guide.md``), or use the service's page in the browser. For a
    projector, ``names=False`` hides who answered what. Elsewhere it shows one
    sentence saying what is missing.

    >>> view = class_results("00", auto=False)
    >>> "LESSONLIB_CLASSROOM_URL is not set" in view.status.value
    True
    """
    return ClassResultsView(lesson, names=names, auto=auto, token=token)
