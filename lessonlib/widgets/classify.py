"""Lesson 01's classification exercise: type ``command`` or ``event`` for each message.

The logic is :mod:`lessonlib.classify`; the widget only shows its verdicts.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.classify import EXAMPLES, Example, Verdict, check, score
from lessonlib.widgets.html import css_name, guarded

__all__ = ["ClassificationExercise", "ClassifyRow", "classification_exercise", "CSS"]

#: DOM classes (the browser test reads them from here); a row also has
#: ``lessonlib-classify-<message name>``.
CSS = SimpleNamespace(
    exercise="lessonlib-classify", item="lessonlib-classify-item",
    answer="lessonlib-classify-answer", check="lessonlib-classify-check",
    feedback="lessonlib-feedback", score="lessonlib-classify-score",
)


def row_class(name: str) -> str:
    """The DOM class of the row for the message ``name``."""
    return f"lessonlib-classify-{css_name(name)}"


class ClassifyRow(widgets.VBox):
    """One message to classify. Parts: ``answer`` (text), ``check`` (button), ``feedback``."""

    def __init__(self, item: Example, on_verdict):
        self.item = item
        label = widgets.HTML(value=f"<strong>{html.escape(item.name)}</strong>: "
                                   f"{html.escape(item.context)}")
        self.answer = widgets.Text(placeholder="command or event", layout={"width": "22em"},
                                   description="Your answer:",
                                   style={"description_width": "initial"})
        self.answer.add_class(CSS.answer)
        self.check = widgets.Button(description="Check", tooltip=f"Check {item.name}")
        self.check.add_class(CSS.check)
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        self._on_verdict = on_verdict
        self.check.on_click(guarded(lambda _button: self.check_answer(), self.feedback))
        super().__init__([label, widgets.HBox([self.answer, self.check]), self.feedback])
        self.add_class(CSS.item)
        self.add_class(row_class(item.name))

    def check_answer(self) -> None:
        verdict = check(self.item.name, self.answer.value)
        self.feedback.value = html.escape(verdict.verdict)
        self._on_verdict(verdict)


class ClassificationExercise(widgets.VBox):
    """Every message of the exercise, a Check per row, and the running score.

    Parts: ``rows`` (message name -> :class:`ClassifyRow`) and ``score``.

    >>> box = ClassificationExercise()
    >>> row = box.rows["OrderPlaced"]
    >>> row.answer.value = "Event"
    >>> row.check.click()
    >>> row.feedback.value.startswith("✓ Right")
    True
    >>> box.score.value
    '1 of 1 checked answer right (12 messages in the exercise).'
    """

    def __init__(self):
        self.latest: dict[str, Verdict] = {}
        self.score = widgets.HTML(value=score([]))
        self.score.add_class(CSS.score)
        self.rows = {item.name: ClassifyRow(item, self._graded) for item in EXAMPLES}
        super().__init__([*self.rows.values(), self.score])
        self.add_class(CSS.exercise)

    def _graded(self, verdict: Verdict) -> None:
        if verdict.correct is not None:
            self.latest[verdict.name] = verdict
        self.score.value = score(self.latest.values())


def classification_exercise() -> ClassificationExercise:
    """The exercise widget (see :class:`ClassificationExercise`).

    Introduced in ``01_commands_and_events.ipynb``.
    """
    return ClassificationExercise()
