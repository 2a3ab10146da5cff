"""Lesson 05's time-frame lab: sliders for the time frame and the failure and slow rates.

The widget only shows :func:`lessonlib.labs.timeout_outcomes`, run again each
time a slider is released.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.errors import LessonError, choose
from lessonlib.labs import PROCESSES, timeout_outcomes, timeout_text
from lessonlib.simulate import ONBOARDING_TIME_FRAME, SHIPPING_TIME_FRAME
from lessonlib.widgets.html import guarded, interactive_note, static_form

__all__ = ["TimeoutLab", "timeout_lab", "CSS"]

#: DOM classes (the browser test reads them from here).
CSS = SimpleNamespace(
    lab="lessonlib-timeout-lab", frame="lessonlib-timeframe", failure="lessonlib-failure-rate",
    slow="lessonlib-slow-rate", feedback="lessonlib-timeout-result",
)


class TimeoutLab(widgets.VBox):
    """Sliders and the counts they give. Parts: ``frame``, ``failure``, ``slow``, ``feedback``.

    >>> lab = TimeoutLab(orders=20)
    >>> lab.failure.value, lab.slow.value = 0.0, 0.0
    >>> "20 completed, 0 cancelled" in lab.feedback.value
    True
    """

    def __init__(self, process: str = "order fulfilment", *, orders: int = 200, seed: int = 0):
        self.process = choose(process, PROCESSES, "process")
        self._orders, self._seed = orders, seed
        if self.process == "order fulfilment":
            self.frame = widgets.FloatSlider(value=SHIPPING_TIME_FRAME, min=1, max=15, step=0.5,
                                             description="Time frame (min)")
            who = "Shipping"
        else:
            self.frame = widgets.FloatSlider(value=ONBOARDING_TIME_FRAME / 60, min=0.5, max=8,
                                             step=0.5, description="Time frame (h)")
            who = "Credit check"
        self.failure = widgets.FloatSlider(value=0.05, min=0, max=0.5, step=0.05,
                                           description=f"{who} fails", readout_format=".0%")
        self.slow = widgets.FloatSlider(value=0.1, min=0, max=1, step=0.05,
                                        description=f"{who} slow", readout_format=".0%")
        for slider, css in ((self.frame, CSS.frame), (self.failure, CSS.failure),
                            (self.slow, CSS.slow)):
            slider.continuous_update = False
            slider.style = {"description_width": "120px"}
            slider.layout = widgets.Layout(width="420px")
            slider.add_class(css)
            slider.observe(guarded(self.update, lambda: self.feedback), names="value")
        self.feedback = widgets.HTML()
        self.feedback.add_class(CSS.feedback)
        super().__init__([self.frame, self.failure, self.slow, self.feedback])
        self.add_class(CSS.lab)
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        sliders = "".join(f"<li>{html.escape(s.description)}: {html.escape(_readout(s))}</li>"
                          for s in (self.frame, self.failure, self.slow))
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "move the sliders and the lab runs again.") + f"<ul>{sliders}</ul>"
            + self.feedback.value)

    def update(self, _change=None) -> None:
        """Run the lab for the sliders' values and show the counts."""
        try:
            counts = timeout_outcomes(self.process, time_frame=self.frame.value,
                                      failure_rate=self.failure.value,
                                      slow_rate=self.slow.value, orders=self._orders,
                                      seed=self._seed)
        except LessonError as error:  # a value no slider can produce; say it, never crash
            self.feedback.value = f"<p>{html.escape(str(error))}</p>"
            return
        text = timeout_text(self.process, self.frame.value, self.failure.value,
                            self.slow.value, counts)
        self.feedback.value = f"<p role='status'>{html.escape(text)}</p>"


def _readout(slider) -> str:
    return (f"{slider.value:.0%}" if slider.readout_format == ".0%"
            else f"{slider.value:g}")


def timeout_lab(process: str = "order fulfilment", *, orders: int = 200,
                seed: int = 0) -> TimeoutLab:
    """The time-frame lab for ``process`` ("order fulfilment" or "customer onboarding").

    Introduced in ``05_workflow_engines_serve_both.ipynb``.
    """
    return TimeoutLab(process, orders=orders, seed=seed)
