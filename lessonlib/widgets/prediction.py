"""Predict, then reveal: the prediction and reveal widgets, thin over
:mod:`lessonlib.course.prediction`.

Introduced in ``04_criminal_check_exercise.ipynb``. The DOM classes the
browser tests rely on are in :data:`CSS`; each text box also has
``lessonlib-prediction-input-<label>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.course import classroom
from lessonlib.course.exercise import (
    LESSON,
    PREDICTION_KEY,
    STYLES,
    Draft,
    criminal_check_counts,
)
from lessonlib.course.prediction import MAX_COUNT, Prediction
from lessonlib.errors import LessonError, LessonTypeError, shown
from lessonlib.widgets.html import css_name, guarded, paragraphs

__all__ = ["PredictionView", "RevealView", "predict", "reveal", "predict_criminal_check",
           "reveal_criminal_check", "CSS"]

#: DOM classes (the browser tests read them from here).
CSS = SimpleNamespace(
    prediction="lessonlib-prediction", input="lessonlib-prediction-input",
    save="lessonlib-prediction-save", feedback="lessonlib-prediction-feedback",
    reveal="lessonlib-reveal", button="lessonlib-reveal-button", output="lessonlib-reveal-output",
)


def input_class(label: str) -> str:
    """The DOM class of the text box for ``label``."""
    return f"{CSS.input}-{css_name(label)}"


class PredictionView(widgets.VBox):
    """Text boxes (one per label), a Save button and the sentence it answers with.

    Parts: ``inputs`` (label -> text box), ``save`` and ``feedback``.
    """

    def __init__(self, prediction: Prediction, prompt: str = ""):
        if not isinstance(prompt, str):
            raise LessonTypeError(f"prompt= is the question above the boxes, a string; got "
                                  f"{shown(prompt)} ({type(prompt).__name__}).")
        self.prediction = prediction
        self.inputs: dict[str, widgets.Text] = {}
        for label in prediction.labels:
            box = widgets.Text(value="", placeholder="a number", description=label,
                               style={"description_width": "initial"},
                               layout=widgets.Layout(width="auto"))
            box.add_class(CSS.input)
            box.add_class(input_class(label))
            self.inputs[label] = box
        self.save = widgets.Button(description="Save my prediction",
                                   tooltip="Keep your prediction before you see the answer")
        self.save.add_class(CSS.save)
        self.save.on_click(guarded(lambda _button: self.save_prediction(), lambda: self.feedback))
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        parts = [widgets.HTML(value=paragraphs(prompt))] if prompt else []
        super().__init__([*parts, *self.inputs.values(), self.save, self.feedback])
        self.add_class(CSS.prediction)
        self._restore()

    def _restore(self) -> None:
        saved = self.prediction.saved()
        if saved is None:
            return
        for label, box in self.inputs.items():
            box.value = str(saved["values"][label])
        note = " (the counts were revealed, so it is locked)" if saved.get("revealed") else ""
        self.feedback.value = paragraphs(f"Your saved prediction{note}: "
                                         f"{self.prediction.text(saved['values'])}.")

    def save_prediction(self) -> None:
        texts = {label: box.value for label, box in self.inputs.items()}
        before = self.prediction.saved()
        try:
            message = self.prediction.save(texts)
        except (LessonError, OSError) as exc:  # the progress file could not be written
            message = f"Your prediction could not be saved: {exc}"
        after = self.prediction.saved()
        if after is not None and after != before:
            # Saved first; on a hub with the classroom service it also goes to the instructor.
            classroom.send_prediction(self.prediction.lesson, self.prediction.key,
                                      after["values"])
        message = "\n".join([message, *classroom.take_notices()])
        self.feedback.value = paragraphs(message)


Counts = Mapping[str, int] | Callable[[], tuple[Mapping[str, int], str]]


class RevealView(widgets.VBox):
    """A button that shows computed counts, only after a prediction was saved.

    Parts: ``button`` and ``output``.
    """

    def __init__(self, prediction: Prediction, counts: Counts, details: str = ""):
        self.prediction = prediction
        self._counts = counts
        self._details = details
        self.button = widgets.Button(description="Reveal the counts",
                                     tooltip="Compare your prediction with the models' counts")
        self.button.add_class(CSS.button)
        self.button.on_click(guarded(lambda _button: self.reveal(), lambda: self.output))
        self.output = widgets.HTML(value="")
        self.output.add_class(CSS.output)
        super().__init__([self.button, self.output])
        self.add_class(CSS.reveal)

    def reveal(self) -> None:
        try:
            if callable(self._counts):
                counts, details = self._counts()
            else:
                counts, details = self._counts, self._details
            message = self.prediction.reveal(counts, details)
        except (LessonError, OSError) as exc:
            message = f"The counts could not be shown: {exc}"
        self.output.value = paragraphs(message)


def predict(lesson: str, key: str, labels: Iterable[str], prompt: str = "", *,
            unit: str = "services", most: int = MAX_COUNT, source: str = "the models",
            then: str = "Now make the change and count.") -> PredictionView:
    """A widget: one box per label, a Save button, and a sentence back.

    ``unit``, ``most``, ``source`` and ``then`` are as for
    :class:`~lessonlib.course.prediction.Prediction`. Introduced in
    ``04_criminal_check_exercise.ipynb``.
    """
    return PredictionView(Prediction(lesson, key, labels, unit=unit, most=most, source=source,
                                     then=then), prompt)


def reveal(lesson: str, key: str, labels: Iterable[str], counts: Counts,
           details: str = "", *, unit: str = "services", most: int = MAX_COUNT,
           source: str = "the models", then: str = "Now make the change and count.") -> RevealView:
    """A widget whose button shows ``counts`` only once a prediction was saved.

    ``counts`` maps each label to a number computed by lessonlib (or is a
    function returning ``(counts, details)``, called on the click); ``unit``,
    ``most``, ``source`` and ``then`` as for :func:`predict`. Introduced in
    ``04_criminal_check_exercise.ipynb``.
    """
    return RevealView(Prediction(lesson, key, labels, unit=unit, most=most, source=source,
                                 then=then), counts, details)


def predict_criminal_check() -> PredictionView:
    """The lesson 04 prediction widget (choreography and orchestration counts).

    Introduced in ``04_criminal_check_exercise.ipynb``; the reveal
    (:func:`reveal_criminal_check`) shows no count until this prediction is saved.

    >>> CSS.prediction in predict_criminal_check()._dom_classes
    True
    """
    return predict(LESSON, PREDICTION_KEY, STYLES,
                   "How many services must change (new ones count) to add a criminal check "
                   "to customer onboarding? Type a number for each style, then save.")


def reveal_criminal_check(choreography: Draft | None = None,
                          orchestration: Draft | None = None) -> RevealView:
    """The lesson 04 reveal: counts for both styles, shown after a saved prediction.

    Counts the drafts given when they are finished, else the model answers.
    Introduced in ``04_criminal_check_exercise.ipynb``.
    """
    return reveal(LESSON, PREDICTION_KEY, STYLES,
                  lambda: criminal_check_counts(choreography, orchestration))
