"""Lesson 01's classification exercise: type ``command`` or ``event`` for each message.

The logic is :mod:`lessonlib.classify`; the widget only shows its verdicts.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.classify import EXAMPLES, Example, Verdict, grade_classification, score
from lessonlib.course.activities import CLASSIFICATION, activity
from lessonlib.course.progress import recall
from lessonlib.course.submit import submit
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, forms_style
from lessonlib.widgets.html import css_name, guarded, interactive_note, paragraphs, static_form

__all__ = ["ClassificationExercise", "ClassifyRow", "classification_exercise", "CSS"]

#: DOM classes (the browser test reads them from here); a row also has
#: ``lessonlib-classify-<message name>``.
CSS = SimpleNamespace(
    exercise="lessonlib-classify", item="lessonlib-classify-item",
    answer="lessonlib-classify-answer", check="lessonlib-classify-check",
    feedback="lessonlib-feedback", score="lessonlib-classify-score",
    notice="lessonlib-classify-notice",
)


def row_class(name: str) -> str:
    """The DOM class of the row for the message ``name``."""
    return f"lessonlib-classify-{css_name(name)}"


class ClassifyRow(widgets.VBox):
    """One message to classify. Parts: ``answer`` (text), ``check`` (the button labelled
    Check, which grades the answer), ``feedback``."""

    def __init__(self, item: Example, on_verdict):
        self.item = item
        label = widgets.HTML(value=f"<strong>{html.escape(item.name)}</strong>: "
                                   f"{html.escape(item.context)}")
        self.answer = widgets.Text(placeholder="command or event", layout={"width": "auto"},
                                   description=f"Your answer for {item.name}:",
                                   style={"description_width": "initial"})
        self.answer.add_class(CSS.answer)
        self.check = ActionButton(description="Check", label=f"Check {item.name}",
                                  tooltip=f"Check your answer for {item.name}",
                                  button_style="primary", carries=self.answer)
        self.check.add_class(CSS.check)
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        self._on_verdict = on_verdict
        self.check.on_click(guarded(lambda _button: self.grade_answer(), self.feedback))
        super().__init__([label, widgets.HBox([self.answer, self.check]), self.feedback])
        self.add_class(CSS.item)
        self.add_class(row_class(item.name))

    def grade_answer(self) -> None:
        verdict = grade_classification(self.item.name, self.answer.value)
        self.feedback.value = html.escape(verdict.verdict)
        self._on_verdict(verdict)


class ClassificationExercise(widgets.VBox):
    """Every message of the exercise, a Check per row, and the running score.

    Parts: ``rows`` (message name -> :class:`ClassifyRow`), ``score`` and ``notice``
    (a sentence about saving or sending the answers, when there is one).

    >>> import os, tempfile
    >>> saved_env = os.environ.get("LESSONLIB_PROGRESS")
    >>> os.environ["LESSONLIB_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "progress.json")
    >>> box = ClassificationExercise()
    >>> row = box.rows["OrderPlaced"]
    >>> row.answer.value = "Event"
    >>> row.check.click()
    >>> row.feedback.value.startswith("✓ Right")
    True
    >>> box.score.value
    '1 of 1 checked answer right (12 messages in the exercise).'
    >>> ClassificationExercise().rows["OrderPlaced"].answer.value  # after a restart
    'event'
    >>> if saved_env is None:
    ...     del os.environ["LESSONLIB_PROGRESS"]
    ... else:
    ...     os.environ["LESSONLIB_PROGRESS"] = saved_env

    Checked answers are saved with the course's progress, so the exercise shows
    them again after a restart, and the course page counts them.
    """

    def __init__(self):
        self.activity = activity(*CLASSIFICATION)
        self.latest: dict[str, Verdict] = {}
        self.score = widgets.HTML(value=score([]))
        self.score.add_class(CSS.score)
        self.notice = widgets.HTML(value="")
        self.notice.add_class(CSS.notice)
        self.rows = {item.name: ClassifyRow(item, self._graded) for item in EXAMPLES}
        super().__init__([forms_style(), *self.rows.values(), self.score, self.notice])
        self.add_class(CSS.exercise)
        self.add_class(FORM_CLASS)
        self._restore()

    def _restore(self) -> None:
        saved = recall(self.activity.lesson, self.activity.key)
        if not isinstance(saved, dict):
            return
        for name, answer in saved.items():
            row = self.rows.get(name)
            if row is None or not isinstance(answer, str):
                continue  # a message no longer in the exercise, or a hand-edited value
            row.answer.value = answer
            verdict = grade_classification(name, answer)
            row.feedback.value = html.escape(verdict.verdict)
            if verdict.correct is not None:
                self.latest[name] = verdict
        self.score.value = score(self.latest.values())

    def _repr_mimebundle_(self, **kwargs):
        items = "".join(f"<li><strong>{html.escape(row.item.name)}</strong>: "
                        f"{html.escape(row.item.context)}</li>" for row in self.rows.values())
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "type command or event for each message and press Check.") + f"<ol>{items}</ol>")

    def _graded(self, verdict: Verdict) -> None:
        if verdict.correct is not None:
            self.latest[verdict.name] = verdict
            # Saved, and on a hub with the classroom service sent to the instructor.
            notes = submit(self.activity, {name: v.answer for name, v in self.latest.items()})
            self.notice.value = paragraphs(notes)
        self.score.value = score(self.latest.values())


def classification_exercise() -> ClassificationExercise:
    """The exercise widget (see :class:`ClassificationExercise`).

    Introduced in ``01_commands_and_events.ipynb``.
    """
    return ClassificationExercise()
