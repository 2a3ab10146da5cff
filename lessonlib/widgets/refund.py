"""Lesson 06's refund prediction: what must change to add the refund, in each style?

Thin views over :class:`~lessonlib.course.prediction.Prediction` (the activity
:data:`~lessonlib.course.activities.REFUND`); the counts come from
:func:`lessonlib.labs.refund_impact`, the impact of adding the refund to each
style's shop, and the reveal names the belief behind a wrong count.
"""

from __future__ import annotations

from lessonlib.course.activities import REFUND
from lessonlib.course.prediction import find_prediction
from lessonlib.labs import refund_impact, refund_text
from lessonlib.widgets.prediction import PredictionView, RevealView, predict

__all__ = ["predict_refund", "reveal_refund"]


def predict_refund() -> PredictionView:
    """Predict, per style, how many services must change to add the refund.

    Introduced in ``06_sagas_that_earn_their_timers.ipynb``.

    >>> list(predict_refund().inputs)
    ['choreography', 'orchestration']
    """
    return predict(*REFUND)


def _counts() -> tuple[dict[str, int], str]:
    return ({style: result.total for style, result in refund_impact().items()},
            refund_text())


def _figures() -> None:
    from lessonlib.pictures.impact import show_impact

    for result in refund_impact().values():
        show_impact(result)


def reveal_refund() -> RevealView:
    """Count the refund's impact in both styles, once the prediction is saved; locks it.

    Shows, after the counts, where the refund rule lives and the new dependencies
    (:func:`~lessonlib.labs.refund_text`), then each change as a picture.
    Introduced in ``06_sagas_that_earn_their_timers.ipynb``.
    """
    prediction = find_prediction(*REFUND)
    return RevealView(prediction, _counts, explanation=prediction.activity.after,
                      figures=_figures)
