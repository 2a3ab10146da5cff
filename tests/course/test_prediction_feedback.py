"""Prediction feedback names the belief behind a wrong answer, as the numeric quiz questions'
feedback does: every wrong choice and every near-miss count has a sentence of its own, none
is keyed by the answer the model gives, and a reveal shows it only for a prediction that
missed."""

from __future__ import annotations

import pytest

from lessonlib import impact, insert_step, reorder, scenarios
from lessonlib.course import beliefs
from lessonlib.course.activities import activities, activity, prediction
from lessonlib.course.exercise import criminal_check_counts
from lessonlib.course.prediction import (
    Prediction,
    false_alarm_answers,
    ledger_answers,
    transport_answers,
)
from lessonlib.disguise import detect
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.ledger import ledger
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION
from lessonlib.transport import same_message_two_envelopes

#: The lessons whose every prediction must name the belief behind a wrong answer.
LESSONS = ("01_commands_and_events", "02_who_depends_on_whom", "03_the_event_chain_trap",
           "04_criminal_check_exercise", "07_commands_in_disguise")


def _shop(change):
    chain = scenarios.order_fulfilment_choreography()
    owner = scenarios.order_fulfilment_orchestration()
    return {CHOREOGRAPHY: impact(chain, change(chain, "chain")).total,
            ORCHESTRATION: impact(owner, change(owner, "owner")).total}


def _vip(model, style):
    vip = model.copy()
    if style == "chain":
        vip.narrow("Payment", "OrderPlaced", only="non-VIP orders")
        vip.subscribe("Inventory", "OrderPlaced", only="VIP orders")
    else:
        vip.add_process("VIP order fulfilment", owner="Order", steps=[
            "OrderPlaced", "FetchGoods", "GoodsFetched", "ShipGoods", "GoodsShipped",
            "OrderCompleted"])
    return vip


def _fraud(model, style):
    if style == "chain":
        return insert_step(model, "Fraud check", after="Payment", event="FraudChecked")
    return insert_step(model, "Fraud check", after="Payment", command="CheckFraud",
                       event="FraudChecked")


def _links():
    return {CHOREOGRAPHY: len(scenarios.order_fulfilment_choreography().couplings()),
            ORCHESTRATION: len(scenarios.order_fulfilment_orchestration().couplings())}


#: What lessonlib computes for each prediction: the answers a reveal shows.
ACTUAL = {
    ("01_commands_and_events", "two transports"):
        lambda: transport_answers(same_message_two_envelopes()),
    ("02_who_depends_on_whom", "links"): _links,
    ("02_who_depends_on_whom", "ledger"): lambda: ledger_answers(ledger()),
    ("03_the_event_chain_trap", "goods first, chain"):
        lambda: {CHOREOGRAPHY: _shop(lambda m, s: reorder(m, "Payment", "Inventory"))[
            CHOREOGRAPHY]},
    ("03_the_event_chain_trap", "goods first, owner"):
        lambda: {ORCHESTRATION: _shop(lambda m, s: reorder(m, "Payment", "Inventory"))[
            ORCHESTRATION]},
    ("03_the_event_chain_trap", "vip invoice"): lambda: _shop(_vip),
    ("03_the_event_chain_trap", "fraud check"): lambda: _shop(_fraud),
    ("04_criminal_check_exercise", "criminal check"): lambda: criminal_check_counts()[0],
    ("07_commands_in_disguise", "false alarm"):
        lambda: false_alarm_answers(detect(scenarios.costume_catalogue())),
}
PREDICTIONS = [p for lesson in LESSONS for p in activities(lesson, "prediction")]


def test_every_prediction_of_these_lessons_is_checked_here():
    assert {(p.lesson, p.key) for p in PREDICTIONS} == set(ACTUAL)


@pytest.mark.parametrize("spec", PREDICTIONS, ids=lambda p: f"{p.lesson[:2]} {p.key}")
def test_each_wrong_answer_names_a_belief_and_the_right_one_has_none(spec):
    actual = ACTUAL[spec.lesson, spec.key]()
    feedback = dict(spec.feedback)
    assert set(feedback) == set(spec.labels), "every label has feedback"
    for label in spec.labels:
        table = dict(feedback[label])
        right = str(actual[label])
        assert right not in table, f"{label}: feedback keyed by the model's answer {right}"
        if spec.shape == "choices":
            wrong = [c for c in spec.choices_of(label) if c != actual[label]]
            assert set(table) == set(wrong), label
        else:
            near = {str(n) for n in (actual[label] - 1, actual[label] + 1) if n >= 0}
            assert near <= set(table), f"{label}: the near misses {near} get their own sentence"
            assert beliefs.OTHER in table
        texts = list(table.values())
        assert len(set(texts)) == len(texts), f"{label}: two answers share one sentence"
        for answer, text in table.items():
            if answer != beliefs.OTHER:  # a wrong answer is a belief, said as one
                assert spec.feedback_for(label, answer) == text


def test_a_reveal_names_the_belief_only_where_the_prediction_missed(fresh_progress):
    p = Prediction.of(activity("03_the_event_chain_trap", "fraud check"))
    p.save({CHOREOGRAPHY: "1", ORCHESTRATION: "2"})
    out = p.reveal({CHOREOGRAPHY: 2, ORCHESTRATION: 2})
    assert "You said 1 for event chain. That is the belief that a new step in a chain" in out
    assert "for with an order service" not in out  # right: no belief to name
    p2 = Prediction.of(activity("03_the_event_chain_trap", "goods first, chain"))
    p2.save({CHOREOGRAPHY: "7"})
    assert "Follow each subscription" in p2.reveal({CHOREOGRAPHY: 3})  # any other count


def test_feedback_is_checked_when_a_prediction_is_declared():
    where = ("04_criminal_check_exercise", "mine")
    with pytest.raises(LessonError, match="keyed by a count as digits"):
        prediction(where, "Mine", ["x"], feedback={"x": {"two": "..."}})
    with pytest.raises(LessonError, match="is not an answer for 'x'"):
        prediction(where, "Mine", ["x"], choices={"x": ["a", "b"]}, feedback={"x": {"c": "."}})
    with pytest.raises(LessonError, match="is not a label of the prediction 'mine'"):
        prediction(where, "Mine", ["x"], feedback={"y": {"1": "..."}})
    with pytest.raises(LessonTypeError, match="maps each label"):
        prediction(where, "Mine", ["x"], feedback=["1"])
    made = prediction(where, "Mine", ["x"], feedback={"x": {"1": "One.", "other": "Any."}})
    assert made.feedback_for("x", 1) == "One." and made.feedback_for("x", 5) == "Any."
    assert prediction(where, "Mine", ["x"]).feedback_for("x", 1) == ""
