"""Predict, then reveal: the course's predictions, choices (lesson 01), counts of a
change (lesson 03), and nothing explained before the prediction is saved."""

from __future__ import annotations

import pytest

from lessonlib import impact, reorder, scenarios
from lessonlib.course.activities import TRANSPORT_CHOICES, activities, activity
from lessonlib.course.prediction import Prediction, find_prediction
from lessonlib.course.progress import recall, record
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.widgets.choice import ChoiceGroup
from lessonlib.widgets.prediction import (
    PredictionView,
    RevealView,
    predict,
    predict_transport,
    reveal_impact,
    reveal_transport,
)

pytestmark = pytest.mark.usefixtures("fresh_progress")
LESSON_01 = "01_commands_and_events"
COMMAND, EVENT = (label for label, _ in TRANSPORT_CHOICES)


def test_every_lesson_prediction_is_registered_once_and_04_keeps_its_saved_key():
    predictions = activities(kind="prediction")
    keys = [(p.lesson, p.key) for p in predictions]
    assert len(keys) == len(set(keys))
    assert {p.lesson for p in predictions} >= {
        "01_commands_and_events", "02_who_depends_on_whom", "03_the_event_chain_trap",
        "04_criminal_check_exercise", "05_track_then_manage", "06_sagas_that_earn_their_timers",
        "09_capstone_trip_booking"}
    # a progress file written before this registry keeps lesson 04's prediction
    assert activity("04_criminal_check_exercise", "criminal check").labels == (
        "choreography", "orchestration")
    assert len(activities("03_the_event_chain_trap", "prediction")) == 4
    with pytest.raises(LessonError, match="Did you mean 'fraud check'"):
        find_prediction("03_the_event_chain_trap", "fraud chek")
    with pytest.raises(LessonError, match="is a quiz activity, not a prediction"):
        find_prediction("03_the_event_chain_trap", "drop-the-warehouse")


def test_lesson_01_prediction_is_chosen_saved_and_locked_after_the_demo():
    view = predict_transport()
    assert set(view.inputs) == {COMMAND, EVENT}
    assert all(isinstance(box, ChoiceGroup) for box in view.inputs.values())
    view.save.click()
    assert "Not saved yet. Choose one answer for" in view.feedback.value
    reveal = reveal_transport()
    assert reveal.output.value == ""  # nothing runs, nothing is explained before the click
    reveal.button.click()
    assert "Save your prediction first" in reveal.output.value
    assert "Read the report" not in reveal.output.value

    view.inputs[COMMAND].value = ["No: nobody answers a message on a queue"]
    view.inputs[EVENT].value = ["No: an emitter never learns who read its event"]
    view.save.click()
    assert "Saved:" in view.feedback.value
    reveal.button.click()
    out = reveal.output.value
    assert ("the command over the queue: Yes: an answer comes back, later (not what you "
            "predicted)") in out
    assert ("the event on the HTTP feed: Yes, it can see them, but what it emits is the same "
            "for any reader (not what you predicted)") in out
    # each wrong choice is answered with the belief behind it
    assert "You said “No: nobody answers a message on a queue” for the command over the queue. " \
           "That is the belief that a message sent without waiting expects no answer." in out
    assert "read as a fact about the wire" in out
    assert "Expecting an answer is meaning; blocking for it is transport." in out
    assert "sender did not wait" in out  # the demo's own report: it really ran

    locked = predict_transport()  # the cell run again, or after a restart
    assert all(box.disabled for box in locked.inputs.values())
    assert locked.inputs[COMMAND].value == ["No: nobody answers a message on a queue"]
    locked.inputs[COMMAND].value = ["Yes: an answer comes back, later"]
    locked.save.click()
    assert "stays as you saved it" in locked.feedback.value
    assert recall(LESSON_01, "two transports")["values"][COMMAND].startswith("No:")


def test_reveal_impact_counts_the_change_it_is_given():
    chain = scenarios.order_fulfilment_choreography()
    goods_first = reorder(chain, "Payment", "Inventory")
    view = reveal_impact("03_the_event_chain_trap", "goods first, chain", impact(chain, goods_first))
    view.button.click()
    assert "Save your prediction first" in view.output.value
    prediction = predict("03_the_event_chain_trap", "goods first, chain")
    assert prediction.inputs["choreography"].description == "event chain"  # shown, not saved
    prediction.inputs["choreography"].value = "2"
    prediction.save.click()
    view.button.click()
    out = view.output.value
    assert "event chain 3 (1 more than you predicted)" in out
    assert "3 services must change: Payment, Inventory, Shipping" in out
    assert "they are the same" in out  # the explanation comes with the reveal only
    again = reveal_impact("03_the_event_chain_trap", "goods first, chain",
                          impact(chain, goods_first))
    assert "event chain 3" in again.output.value  # once seen, shown when the cell runs again


def test_reveal_impact_says_what_it_needs():
    with pytest.raises(LessonTypeError, match="takes one impact"):
        reveal_impact("03_the_event_chain_trap", "fraud check", "3")


def test_a_revealed_prediction_of_the_old_format_still_loads_and_stays_locked():
    record("04_criminal_check_exercise", "criminal check",
           {"values": {"choreography": 1, "orchestration": 2}, "revealed": True})
    view = predict("04_criminal_check_exercise", "criminal check")
    assert view.inputs["choreography"].value == "1" and view.inputs["choreography"].disabled
    assert "locked" in view.feedback.value


def test_a_choice_outside_the_options_is_never_saved():
    p = Prediction(LESSON_01, "demo", [COMMAND], choices={COMMAND: ["a", "b"]})
    assert p.save({COMMAND: "c"}).startswith("Not saved yet")
    record(LESSON_01, "demo", {"values": {COMMAND: "c"}, "revealed": False})
    assert p.saved() is None  # a hand-edited value that is no option counts as unsaved


def test_static_fallbacks_are_sentences_not_reprs():
    for view in (predict_transport(), reveal_transport(),
                 PredictionView(Prediction(LESSON_01, "x", ["n"]))):
        page = view._repr_mimebundle_()["text/html"]
        assert "JupyterLab" in page and "Box(" not in page
    assert isinstance(reveal_transport(), RevealView)


def test_a_reveal_locks_the_prediction_widget_on_screen():
    view = predict("03_the_event_chain_trap", "goods first, owner")
    view.inputs["orchestration"].value = "1"
    view.save.click()
    owner = scenarios.order_fulfilment_orchestration()
    reveal_impact("03_the_event_chain_trap", "goods first, owner",
                  impact(owner, reorder(owner, "Payment", "Inventory"))).button.click()
    assert view.inputs["orchestration"].disabled and view.save.disabled


def test_a_save_carries_every_box_as_the_browser_has_it():
    # A Save pressed right after typing carries each box's value (widgets/button.py), so a
    # number still held back in the browser cannot be overtaken by the press.
    view = predict("03_the_event_chain_trap", "goods first, owner")
    assert view.save.carries == [box.model_id for box in view.inputs.values()]
    box = view.inputs["orchestration"]
    box.value = "7"  # what reached the kernel so far
    view.save._handle_message(view.save, {"event": "click", "values": {box.model_id: "1"}}, [])
    saved = find_prediction("03_the_event_chain_trap", "goods first, owner").saved()
    assert saved["values"] == {"orchestration": 1}


def test_a_prediction_saved_under_the_previous_labels_still_loads_and_stays_locked():
    # 0.1 saved lesson 03's counts under what it showed ("event chain"); read as the
    # styles they stand for, a revealed one stays locked and reveals the same.
    record("03_the_event_chain_trap", "vip invoice",
           {"values": {"event chain": 2, "with an order service": 1}, "revealed": True})
    view = predict("03_the_event_chain_trap", "vip invoice")
    assert view.inputs["choreography"].value == "2" and view.inputs["choreography"].disabled
    assert view.inputs["orchestration"].value == "1"
    assert "event chain 2, with an order service 1" in view.feedback.value
    saved = find_prediction("03_the_event_chain_trap", "vip invoice").saved()
    assert saved == {"values": {"choreography": 2, "orchestration": 1}, "revealed": True}
