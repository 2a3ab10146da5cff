"""Lesson 05's first two predictions and their reveals: can an event chain notice a stuck
order (the tracker's day), and can the Order service orchestrate without an engine (plain
code beside the engine).

Thin views over :class:`~lessonlib.course.prediction.Prediction`; what each reveal runs and
the answer it gives come from :mod:`lessonlib.course.track_manage`.
"""

from __future__ import annotations

from lessonlib.course.activities import NO_ENGINE, STUCK_ORDER
from lessonlib.course.prediction import find_prediction
from lessonlib.course.track_manage import engine_reveal, tracking_day, tracking_reveal
from lessonlib.widgets.prediction import PredictionView, RevealView, predict

__all__ = ["predict_stuck_order", "reveal_tracking", "predict_no_engine", "reveal_plain_owner"]


def predict_stuck_order() -> PredictionView:
    """Predict: can anything notice an order lost in the chain, without changing its services?

    Introduced in ``05_track_then_manage.ipynb``.

    >>> list(predict_stuck_order().inputs)
    ['an order lost in the chain']
    """
    return predict(*STUCK_ORDER)


def reveal_tracking() -> RevealView:
    """Run the lab's day with the tracker, once the prediction is saved; locks the prediction.

    Introduced in ``05_track_then_manage.ipynb``.
    """
    prediction = find_prediction(*STUCK_ORDER)
    last: dict[str, object] = {}

    def run() -> tuple[dict[str, str], str]:
        last["day"] = tracking_day()
        return tracking_reveal(last["day"])

    def stuck_orders() -> None:
        from lessonlib.cards.tables import show_outcomes

        show_outcomes(last["day"], outcome="stuck but seen", limit=5)

    return RevealView(prediction, run, explanation=prediction.activity.after,
                      button="Run the day", figures=stuck_orders)


def predict_no_engine() -> PredictionView:
    """Predict: can the Order service orchestrate without a workflow engine?

    Introduced in ``05_track_then_manage.ipynb``.

    >>> list(predict_no_engine().inputs)
    ['the Order service, without an engine']
    """
    return predict(*NO_ENGINE)


def reveal_plain_owner() -> RevealView:
    """Run the Order service as plain code and as an engine on the same orders, once the
    prediction is saved; locks the prediction. Introduced in ``05_track_then_manage.ipynb``.
    """
    prediction = find_prediction(*NO_ENGINE)
    return RevealView(prediction, engine_reveal, explanation=prediction.activity.after,
                      button="Run both")
