"""Lesson 05's local-vs-central prediction: does onboarding survive the order owner's outage?

Thin views over :class:`~lessonlib.course.prediction.Prediction`; the counts come
from :func:`lessonlib.labs.outage_lab` and :func:`lessonlib.labs.process_changes`.
"""

from __future__ import annotations

from lessonlib.course.activities import OUTAGE, activity
from lessonlib.course.prediction import Prediction
from lessonlib.labs import outage_lab, outage_text, process_changes_text
from lessonlib.widgets.prediction import PredictionView, RevealView

__all__ = ["predict_outage", "reveal_outage", "outage_prediction"]


def outage_prediction() -> Prediction:
    """The learner's prediction of completed registrations during the outage, per style:
    with local engines, and with one central orchestrator (the activity's two labels)."""
    return Prediction.of(activity(*OUTAGE))


def _counts() -> tuple[dict[str, int], str]:
    lab = outage_lab()
    local, central = outage_prediction().labels
    counts = {local: lab["local"]["customer"]["completed"],
              central: lab["central"]["customer"]["completed"]}
    return counts, f"{outage_text(lab)}\nAnd a change to either process:\n{process_changes_text()}"


def predict_outage() -> PredictionView:
    """Predict, per style, how many registrations complete while order fulfilment is down.

    Introduced in ``05_track_then_manage.ipynb``.

    >>> list(predict_outage().inputs)
    ['local engines', 'one central orchestrator']
    """
    prediction = outage_prediction()
    return PredictionView(prediction, prediction.activity.prompt)


def reveal_outage() -> RevealView:
    """Run the outage in both styles, once the prediction is saved; locks the prediction.

    Introduced in ``05_track_then_manage.ipynb``.
    """
    return RevealView(outage_prediction(), _counts)
