"""Lesson 06's refund prediction: what must change to add the refund, in each style?

Thin views over :class:`~lessonlib.course.prediction.Prediction` (the activity
:data:`~lessonlib.course.activities.REFUND`); the counts come from
:func:`lessonlib.labs.refund_impact`, the impact of adding the refund to each
style's shop, and the reveal names the belief behind a wrong count.
"""

from __future__ import annotations

from lessonlib.course.activities import REFUND
from lessonlib.labs import refund_impact
from lessonlib.widgets.prediction import PredictionView, RevealView, predict, reveal_impact

__all__ = ["predict_refund", "reveal_refund"]


def predict_refund() -> PredictionView:
    """Predict, per style, how many services must change to add the refund.

    Introduced in ``06_sagas_that_earn_their_timers.ipynb``.

    >>> list(predict_refund().inputs)
    ['choreography', 'orchestration']
    """
    return predict(*REFUND)


def reveal_refund() -> RevealView:
    """Count the refund's impact in both styles, once the prediction is saved; locks it.

    Introduced in ``06_sagas_that_earn_their_timers.ipynb``.
    """
    return reveal_impact(*REFUND, *refund_impact().values())
