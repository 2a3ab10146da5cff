"""Lesson 05's local-vs-central prediction: does onboarding survive the order owner's outage?

Thin views over :class:`~lessonlib.course.prediction.Prediction`; the counts come
from :func:`lessonlib.labs.outage_lab` and :func:`lessonlib.labs.process_changes`.
"""

from __future__ import annotations

from lessonlib.course.prediction import Prediction
from lessonlib.labs import OUTAGE_PLACED, outage_lab, outage_text, process_changes_text
from lessonlib.widgets.prediction import PredictionView, RevealView

__all__ = ["predict_outage", "reveal_outage", "outage_prediction", "OUTAGE_KEY", "LABELS"]

LESSON = "05_workflow_engines_serve_both"
OUTAGE_KEY = "registrations completed while order fulfilment is down"
#: The two ways of running both processes the learner predicts for.
LABELS = ("local engines", "one central orchestrator")


def outage_prediction() -> Prediction:
    """The learner's prediction of completed registrations during the outage, per style."""
    return Prediction(LESSON, OUTAGE_KEY, LABELS, unit="registrations", most=OUTAGE_PLACED,
                      source="the simulation", then="Now run the outage below.")


def _counts() -> tuple[dict[str, int], str]:
    lab = outage_lab()
    counts = {"local engines": lab["local"]["customer"]["completed"],
              "one central orchestrator": lab["central"]["customer"]["completed"]}
    return counts, f"{outage_text(lab)}\nAnd a change to either process:\n{process_changes_text()}"


def predict_outage() -> PredictionView:
    """Predict, per style, how many registrations complete while order fulfilment is down.

    Introduced in ``05_workflow_engines_serve_both.ipynb``.

    >>> list(predict_outage().inputs)
    ['local engines', 'one central orchestrator']
    """
    prompt = (f"The service that runs order fulfilment goes down for the whole day. "
              f"{OUTAGE_PLACED} customers register meanwhile. How many registrations complete "
              f"(a) with local engines: each process in the engine of the service that owns it, "
              f"and the Order service is down; (b) with one central orchestrator running both "
              f"processes, and the orchestrator is down? Type a number for each, then save.")
    return PredictionView(outage_prediction(), prompt)


def reveal_outage() -> RevealView:
    """Run the outage in both styles, once the prediction is saved; locks the prediction.

    Introduced in ``05_workflow_engines_serve_both.ipynb``.
    """
    return RevealView(outage_prediction(), _counts)
