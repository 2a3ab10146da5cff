"""Lesson 06's time-frame lab: sliders, the counts they give, and a chart beside them.

The widget only shows :func:`lessonlib.saga_lab.timeout_outcomes` (run again each
time a slider is released), for order fulfilment beside the event chain's outcomes
on the same day and the sentence :func:`lessonlib.saga_lab.timeout_text` chooses
from both, and :func:`lessonlib.saga_lab.timeout_sweep` as a chart
(:mod:`lessonlib.pictures.outcomes`). For order fulfilment the lab first asks
for a prediction (:func:`predict_inconsistent`): it stays closed until one is
saved, and opening it locks the prediction.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.cards.figures import outcomes_html
from lessonlib.course.activities import INCONSISTENT_ORDERS, activity
from lessonlib.course.prediction import Prediction
from lessonlib.errors import LessonError, choose
from lessonlib.saga_lab import PROCESSES, TIMEOUT_LAB, timeout_outcomes, timeout_sweep, timeout_text
from lessonlib.simulate import INCONSISTENT
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, forms_style
from lessonlib.widgets.html import guarded, interactive_note, paragraphs, static_form
from lessonlib.widgets.prediction import PredictionView
from lessonlib.widgets.slider import Slider

__all__ = ["TimeoutLab", "timeout_lab", "predict_inconsistent", "inconsistent_prediction",
           "CSS"]

#: DOM classes (the browser test reads them from here).
CSS = SimpleNamespace(
    lab="lessonlib-timeout-lab", frame="lessonlib-timeframe", failure="lessonlib-failure-rate",
    slow="lessonlib-slow-rate", silent="lessonlib-silent-rate",
    feedback="lessonlib-timeout-result",
    chart="lessonlib-timeout-chart", open="lessonlib-timeout-open",
    verdict="lessonlib-timeout-verdict",
)
_SLIDERS = {"order fulfilment": {"min": 1, "max": 15, "step": 0.5},
            "customer onboarding": {"min": 0.5, "max": 8, "step": 0.5}}


def inconsistent_prediction() -> Prediction:
    """The learner's prediction of the inconsistent count at the lab's defaults."""
    return Prediction.of(activity(*INCONSISTENT_ORDERS))


def predict_inconsistent() -> PredictionView:
    """The prediction box before the order-fulfilment lab (its prompt built from the lab's
    settings). Introduced in ``06_sagas_that_earn_their_timers.ipynb``.

    >>> view = predict_inconsistent()
    >>> list(view.inputs)
    ['inconsistent orders']
    """
    prediction = inconsistent_prediction()
    return PredictionView(prediction, prediction.activity.prompt)


class TimeoutLab(widgets.VBox):
    """Sliders, the counts they give and a chart of outcomes against the time frame.

    Parts: ``frame``, ``failure``, ``silent``, ``slow``, ``feedback`` and ``chart``;
    with a prediction also ``open_button`` and ``verdict``.

    >>> lab = TimeoutLab(orders=20, chart=False)
    >>> lab.failure.value, lab.slow.value = 0.0, 0.0
    >>> "20 completed" in lab.feedback.value
    True
    """

    def __init__(self, process: str = "order fulfilment", *, orders: int | None = None,
                 seed: int = 0, prediction: Prediction | None = None, chart: bool = True):
        self.process = choose(process, PROCESSES, "process")
        lab = TIMEOUT_LAB[self.process]
        self._orders = lab["orders"] if orders is None else orders
        self._seed, self._sweeps, self._chart_on = seed, {}, chart
        self.prediction = prediction
        self.frame = Slider(value=lab["time_frame"], **_SLIDERS[self.process],
                                         description=f"Time frame ({lab['unit']})")
        who = lab["service"]
        self.failure = Slider(value=lab["failure_rate"], min=0, max=0.5, step=0.05,
                                           description=f"{who} fails", readout_format=".0%")
        self.silent = Slider(value=lab["silent_rate"], min=0, max=0.5, step=0.05,
                                          description=f"{who} silent", readout_format=".0%")
        self.slow = Slider(value=lab["slow_rate"], min=0, max=1, step=0.05,
                                        description=f"{who} slow", readout_format=".0%")
        self.sliders = (self.frame, self.failure, self.silent, self.slow)
        for slider, css in zip(self.sliders, (CSS.frame, CSS.failure, CSS.silent, CSS.slow),
                               strict=True):
            slider.continuous_update = False
            slider.style = {"description_width": "120px"}
            slider.layout = widgets.Layout(width="420px")
            slider.add_class(css)
            slider.observe(guarded(self.update, lambda: self.feedback), names="value")
        self.feedback = widgets.HTML()
        self.feedback.add_class(CSS.feedback)
        self.chart = widgets.HTML(layout=widgets.Layout(width="480px"))
        self.chart.add_class(CSS.chart)
        controls = [*self.sliders, self.feedback]
        parts = []
        if prediction is not None:
            self.open_button = ActionButton(description="Open the lab",
                                            tooltip="Run the simulation and compare it with "
                                                    "your prediction",
                                            carries=list(self.sliders))
            self.open_button.add_class(CSS.open)
            self.open_button.on_click(guarded(lambda _button: self.reveal(),
                                              lambda: self.verdict))
            self.verdict = widgets.HTML()
            self.verdict.add_class(CSS.verdict)
            parts = [self.open_button, self.verdict]
        body = widgets.HBox([widgets.VBox(controls, layout=widgets.Layout(width="440px")),
                             self.chart], layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([forms_style(), *parts, body])
        self.add_class(CSS.lab)
        self.add_class(FORM_CLASS)  # focus rings (static/forms.css)
        saved = prediction.saved() if prediction is not None else None
        if prediction is None or (saved and saved.get("revealed")):
            self.reveal() if prediction is not None else self.update()
        else:
            self._closed()

    def _closed(self) -> None:
        for slider in self.sliders:
            slider.disabled = True
        self.feedback.value = paragraphs("The lab is closed until you save your prediction "
                                         "above and press Open the lab.")

    def reveal(self) -> None:
        """Open the lab: compare the saved prediction with the count at the defaults."""
        if self.prediction is None:
            return
        label, = self.prediction.labels
        if self.prediction.saved() is None:  # the prediction says what to do
            self.verdict.value = paragraphs(self.prediction.reveal({label: 0}))
            return
        try:
            counts = timeout_outcomes(self.process, orders=self._orders, seed=self._seed)
            message = self.prediction.reveal({label: counts[INCONSISTENT]})
        except (LessonError, OSError) as error:
            message = f"The lab could not run: {error}"
        self.verdict.value = paragraphs(message)
        for slider in self.sliders:
            slider.disabled = False
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        sliders = "".join(f"<li>{html.escape(s.description)}: {html.escape(_readout(s))}</li>"
                          for s in self.sliders)
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "move the sliders and the lab runs again.") + f"<ul>{sliders}</ul>"
            + self.feedback.value)

    def update(self, _change=None) -> None:
        """Run the lab for the sliders' values; show the counts and the chart."""
        if self.frame.disabled:
            return
        rates = {"failure_rate": self.failure.value, "slow_rate": self.slow.value,
                 "silent_rate": self.silent.value}
        try:
            counts = timeout_outcomes(self.process, time_frame=self.frame.value,
                                      orders=self._orders, seed=self._seed, **rates)
            chain = (timeout_outcomes(self.process, time_frame=self.frame.value,
                                      orders=self._orders, seed=self._seed,
                                      style="choreography", **rates)
                     if self.process == "order fulfilment" else None)
        except LessonError as error:  # a value no slider can produce; say it, never crash
            self.feedback.value = f"<p>{html.escape(str(error))}</p>"
            return
        text = timeout_text(self.process, self.frame.value, self.failure.value,
                            self.slow.value, counts, silent=self.silent.value, chain=chain)
        self.feedback.value = f"<div role='status'>{paragraphs(text)}</div>"
        if self._chart_on:
            self.chart.value = outcomes_html(self.sweep(), current=self.frame.value,
                                             unit=TIMEOUT_LAB[self.process]["unit"])

    def sweep(self) -> list[tuple[float, dict]]:
        """The outcomes for every whole time frame at the current rates (kept per rate)."""
        key = (self.failure.value, self.slow.value, self.silent.value)
        if key not in self._sweeps:
            self._sweeps[key] = timeout_sweep(self.process, failure_rate=key[0],
                                              slow_rate=key[1], silent_rate=key[2],
                                              orders=self._orders, seed=self._seed)
        return self._sweeps[key]


def _readout(slider) -> str:
    return (f"{slider.value:.0%}" if slider.readout_format == ".0%"
            else f"{slider.value:g}")


def timeout_lab(process: str = "order fulfilment", *, orders: int | None = None,
                seed: int = 0, chart: bool = True) -> TimeoutLab:
    """The time-frame lab for ``process`` ("order fulfilment" or "customer onboarding").

    For order fulfilment it opens only after :func:`predict_inconsistent` was
    saved. Introduced in ``06_sagas_that_earn_their_timers.ipynb``.
    """
    process = choose(process, PROCESSES, "process")
    prediction = inconsistent_prediction() if process == "order fulfilment" else None
    return TimeoutLab(process, orders=orders, seed=seed, prediction=prediction, chart=chart)
