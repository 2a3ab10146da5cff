"""Lesson 05's outage prediction: what does an outage of the Order service, of a central engine
and of the broker stop? One standard for the broker and the engine.

Thin views over :class:`~lessonlib.course.prediction.Prediction`; the counts come from
:func:`lessonlib.course.track_manage.outage_reveal` (the placements' outage lab,
:mod:`lessonlib.placement`), the pictures from :mod:`lessonlib.pictures.hosting`.
"""

from __future__ import annotations

from lessonlib.course.activities import OUTAGE, activity
from lessonlib.course.prediction import Prediction
from lessonlib.course.track_manage import outage_reveal
from lessonlib.widgets.prediction import PredictionView, RevealView

__all__ = ["predict_outage", "reveal_outage", "outage_prediction"]


def outage_prediction() -> Prediction:
    """The learner's prediction of completed registrations during each outage (the
    activity's three labels)."""
    return Prediction.of(activity(*OUTAGE))


def predict_outage() -> PredictionView:
    """Predict how many registrations complete while the Order service, the central engine
    or the broker is down.

    Introduced in ``05_track_then_manage.ipynb``.

    >>> list(predict_outage().inputs)
    ['the Order service down, with local engines', 'the central engine down', 'the broker down']
    """
    prediction = outage_prediction()
    return PredictionView(prediction, prediction.activity.prompt)


def _pictures() -> None:
    from lessonlib.pictures.hosting import show_hosting
    from lessonlib.placement import hosting_model

    show_hosting(hosting_model("local engines"), hosting_model("central engine"),
                 outage="Order fulfilment")


def reveal_outage() -> RevealView:
    """Run every outage under every placement, once the prediction is saved; locks it.

    Introduced in ``05_track_then_manage.ipynb``.
    """
    from lessonlib.placement import outage_lab, outage_table

    prediction = outage_prediction()
    last: dict[str, dict] = {}

    def run() -> tuple[dict[str, int], str]:
        last["lab"] = outage_lab()
        return outage_reveal(lab=last["lab"])

    return RevealView(prediction, run, explanation=prediction.activity.after,
                      button="Run the outages", figures=_pictures,
                      folded=lambda: ("What completed, outage by outage",
                                      outage_table(last["lab"])))
