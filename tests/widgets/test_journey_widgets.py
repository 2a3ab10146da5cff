"""Lesson 05's predictions in their widgets, by Button.click(): nothing is shown before a
prediction is saved, the reveal runs the model and locks the prediction, and a wrong answer
is followed by the belief behind it."""

from __future__ import annotations

from lessonlib.course.activities import NO_ENGINE, OUTAGE, STUCK_ORDER, activity
from lessonlib.course.track_manage import (
    ENGINE_BELIEFS,
    ENGINE_CHOICES,
    ENGINE_LABEL,
    OUTAGE_LABELS,
    STUCK_BELIEFS,
    STUCK_CHOICES,
    STUCK_LABEL,
    engine_reveal,
    outage_beliefs,
    outage_reveal,
    tracking_reveal,
)
from lessonlib.placement import OUTAGE_PLACED
from lessonlib.widgets.journey import (
    predict_no_engine,
    predict_stuck_order,
    reveal_plain_owner,
    reveal_tracking,
)
from lessonlib.widgets.outage import predict_outage, reveal_outage


def test_the_stuck_order_reveal_waits_for_a_prediction_then_names_the_belief(fresh_progress):
    view, reveal = predict_stuck_order(), reveal_tracking()
    reveal.button.click()
    assert "Save your prediction first" in reveal.output.value
    assert "The tracker followed" not in reveal.output.value
    blind = STUCK_CHOICES[0]
    view.inputs[STUCK_LABEL].value = [blind]
    view.save.click()
    assert "Saved" in view.feedback.value
    reveal.button.click()
    assert tracking_reveal()[0] == {STUCK_LABEL: STUCK_CHOICES[1]}
    out = reveal.output.value
    assert "The tracker followed 1000 orders and sent no command" in out
    assert "not what you predicted" in out
    assert STUCK_BELIEFS[blind][:40] in out  # the belief behind the wrong answer
    assert "nobody owns fixing it" in out
    assert view.inputs[STUCK_LABEL].disabled and view.save.disabled  # locked


def test_the_engine_reveal_runs_plain_code_beside_the_engine(fresh_progress):
    view, reveal = predict_no_engine(), reveal_plain_owner()
    view.inputs[ENGINE_LABEL].value = [ENGINE_CHOICES[1]]
    view.save.click()
    reveal.button.click()
    answers, details = engine_reveal()
    assert answers == {ENGINE_LABEL: ENGINE_CHOICES[1]}
    assert "(as you predicted)" in reveal.output.value
    assert "the same with the engine" in details and "command RetrievePayment" in details
    assert not any(text[:40] in reveal.output.value for text in ENGINE_BELIEFS.values())


def test_the_outage_reveal_counts_by_one_standard(fresh_progress):
    view, reveal = predict_outage(), reveal_outage()
    assert list(view.inputs) == list(OUTAGE_LABELS)
    for label in view.inputs:
        view.inputs[label].value = str(OUTAGE_PLACED)
    view.save.click()
    reveal.button.click()
    counts, details = outage_reveal()
    local, central, broker = OUTAGE_LABELS
    assert counts == {local: OUTAGE_PLACED, central: 0, broker: 0}
    out = reveal.output.value
    assert f"{local} {OUTAGE_PLACED} (as you predicted)" in out
    assert f"{broker} 0 ({OUTAGE_PLACED} fewer than you predicted)" in out
    beliefs = outage_beliefs(OUTAGE_PLACED)
    assert beliefs[broker][str(OUTAGE_PLACED)][:40] in out
    assert beliefs[central][str(OUTAGE_PLACED)][:40] in out
    assert "Judge both by one standard" in out
    assert "whatever the placement" in details and details.splitlines()[0] in out


def test_each_prediction_names_a_belief_for_every_wrong_choice():
    for key, label, choices in ((STUCK_ORDER, STUCK_LABEL, STUCK_CHOICES),
                                (NO_ENGINE, ENGINE_LABEL, ENGINE_CHOICES)):
        a = activity(*key)
        right = (tracking_reveal() if key == STUCK_ORDER else engine_reveal())[0][label]
        for choice in choices:
            assert bool(a.feedback_for(label, choice)) == (choice != right), choice
    assert activity(*OUTAGE).feedback_for(OUTAGE_LABELS[2], OUTAGE_PLACED).startswith("That is")
