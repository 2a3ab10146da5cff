"""The prediction and reveal widgets: native ipywidgets, thin over :mod:`lessonlib.prediction`.

DOM contract (the browser tests rely on these classes): ``lessonlib-prediction``
on the whole prediction, ``lessonlib-prediction-input`` on each text box
(and ``lessonlib-prediction-input-<label>``), ``lessonlib-prediction-save`` on
the button, ``lessonlib-prediction-feedback`` on the sentence; ``lessonlib-reveal``,
``lessonlib-reveal-button`` and ``lessonlib-reveal-output`` for the reveal.
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets

from lessonlib._errors import LessonError
from lessonlib.prediction import Prediction


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def _css(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


class PredictionView:
    """Text boxes (one per label), a Save button and the sentence it answers with."""

    def __init__(self, prediction: Prediction, prompt: str = ""):
        self.prediction = prediction
        self.inputs = {}
        for label in prediction.labels:
            box = widgets.Text(value="", placeholder="a number", description=label,
                               style={"description_width": "initial"},
                               layout=widgets.Layout(width="auto"))
            box.add_class("lessonlib-prediction-input")
            box.add_class(f"lessonlib-prediction-input-{_css(label)}")
            self.inputs[label] = box
        self.save = widgets.Button(description="Save my prediction",
                                   tooltip="Keep your prediction before you see the answer")
        self.save.add_class("lessonlib-prediction-save")
        self.save.on_click(lambda _button: self.save_prediction())
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class("lessonlib-prediction-feedback")
        parts = [widgets.HTML(value=_paragraphs(prompt))] if prompt else []
        parts += [*self.inputs.values(), self.save, self.feedback]
        self.widget = widgets.VBox(parts)
        self.widget.add_class("lessonlib-prediction")
        self._restore()

    def _restore(self) -> None:
        saved = self.prediction.saved()
        if saved is None:
            return
        for label, box in self.inputs.items():
            box.value = str(saved["values"][label])
        note = " (the counts were revealed, so it is locked)" if saved.get("revealed") else ""
        self.feedback.value = _paragraphs(f"Your saved prediction{note}: "
                                          f"{self.prediction._text(saved['values'])}.")

    def save_prediction(self) -> None:
        texts = {label: box.value for label, box in self.inputs.items()}
        try:
            message = self.prediction.save(texts)
        except (LessonError, OSError) as exc:  # the progress file could not be written
            message = f"Your prediction could not be saved: {exc}"
        self.feedback.value = _paragraphs(message)


class RevealView:
    """A button that shows computed counts, only after a prediction was saved."""

    def __init__(self, prediction: Prediction, counts, details: str = ""):
        self.prediction = prediction
        self._counts = counts
        self._details = details
        self.button = widgets.Button(description="Reveal the counts",
                                     tooltip="Compare your prediction with the models' counts")
        self.button.add_class("lessonlib-reveal-button")
        self.button.on_click(lambda _button: self.reveal())
        self.output = widgets.HTML(value="")
        self.output.add_class("lessonlib-reveal-output")
        self.widget = widgets.VBox([self.button, self.output])
        self.widget.add_class("lessonlib-reveal")

    def reveal(self) -> None:
        try:
            if callable(self._counts):
                counts, details = self._counts()
            else:
                counts, details = self._counts, self._details
            message = self.prediction.reveal(counts, details)
        except (LessonError, OSError) as exc:
            message = f"The counts could not be shown: {exc}"
        self.output.value = _paragraphs(message)
