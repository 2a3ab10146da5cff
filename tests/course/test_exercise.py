"""The criminal-check exercise: the forgiving draft, the hint checker, prediction and reveal."""

from __future__ import annotations

import re

import pytest

from lessonlib import LessonError, LessonTypeError
from lessonlib.course.exercise import (
    LESSON,
    PREDICTION_KEY,
    STYLES,
    criminal_check_counts,
    criminal_check_solution,
    draft,
    hand_in_criminal_check,
)
from lessonlib.course.prediction import Prediction, parse_count
from lessonlib.course.progress import recall
from lessonlib.scenarios import customer_onboarding_choreography, customer_onboarding_orchestration
from lessonlib.widgets.prediction import (
    PredictionView,
    RevealView,
    predict_criminal_check,
    reveal_criminal_check,
)

pytestmark = pytest.mark.usefixtures("fresh_progress")


def choreography(listens=..., waits=..., emits="CriminalChecked"):
    """The guided cell of part A, with its two blanks."""
    d = draft(customer_onboarding_choreography())
    d.add_service("Criminal check")
    d.subscribe("Criminal check", listens)
    d.add_event(emits, emitter="Criminal check")
    d.subscribe(waits, emits)
    return d


def orchestration(sender=..., after=...):
    """The guided cell of part B, with its two blanks."""
    d = draft(customer_onboarding_orchestration())
    d.add_service("Criminal check")
    d.add_command("CheckCriminalRecord", sender=sender, receiver="Criminal check")
    d.add_step("Customer onboarding", "CheckCriminalRecord", after=after)
    return d


# What would give the answer away: a hint may say it only if the student typed it.
ANSWERS = {
    "choreography": {"RegistrationRequested": r"RegistrationRequested",
                     "Onboarding": r"\bOnboarding\b"},
    "orchestration": {"Onboarding": r"\bOnboarding\b", "CheckCredit": r"CheckCredit",
                      "CheckAddress": r"CheckAddress"},
}


def assert_gives_no_answer(result, style, typed=()):
    for word, pattern in ANSWERS[style].items():
        if word not in typed:
            assert not re.search(pattern, result.hint), (word, result.hint)


# --------------------------------------------------------------------------- the checker


def test_the_right_changes_pass_and_count_two_and_two():
    a = choreography("RegistrationRequested", "Onboarding")
    b = orchestration("Onboarding", "CheckCredit")
    assert hand_in_criminal_check(a).ok and hand_in_criminal_check(b).ok
    assert a.notes == [] and b.notes == []
    assert (a.impact().total, b.impact().total) == (2, 2)
    assert (a.impact().new, tuple(a.impact().changed)) == (("Criminal check",), ("Onboarding",))
    assert (b.impact().new, tuple(b.impact().changed)) == (("Criminal check",), ("Onboarding",))


def test_blanks_left_are_a_hint_not_a_traceback():
    result = hand_in_criminal_check(choreography())
    assert not result.ok
    assert "still has a blank" in result.hint and result.more >= 1
    assert result.text().startswith("Not yet. Hint:")


@pytest.mark.parametrize("listens, waits, hint", [
    ("CustomerCreated", "Onboarding", "by then the customer has been created"),
    ("RegistrationRequested", "Letter", "Letter does not decide"),
    ("RegistrationRequested", "Loyalty", "Loyalty does not decide"),
    ("RegistrationRequested", ..., "still has a blank"),
])
def test_choreography_hints_ask_questions(listens, waits, hint):
    result = hand_in_criminal_check(choreography(listens, waits))
    assert not result.ok
    assert hint in result.hint
    assert_gives_no_answer(result, "choreography", typed=(listens, waits))


def test_a_typo_gets_the_nearest_name_of_what_was_typed():
    result = hand_in_criminal_check(choreography("RegistrationRequested", "Onbording"))
    assert "Did you mean 'Onboarding'" in result.hint  # close to what the student wrote


@pytest.mark.parametrize("sender, after, hint", [
    ("Credit check", "CheckCredit", "Look at who sends CheckCriminalRecord"),
    ("Onboarding", "SendWelcomeLetter", "would already be a customer"),
    ("Onboarding", "CustomerCreated", "would already be a customer"),
    ("Onboarding", "CheckCriminalRecord", "is not a step"),
    (..., "CheckCredit", "still has a blank"),
])
def test_orchestration_hints_ask_questions(sender, after, hint):
    result = hand_in_criminal_check(orchestration(sender, after))
    assert not result.ok
    assert hint in result.hint
    assert_gives_no_answer(result, "orchestration", typed=(sender, after))


def test_hints_for_a_model_that_is_off_never_name_the_answer():
    d = draft(customer_onboarding_choreography())
    d.add_service("Criminal check")
    for step in range(3):
        result = hand_in_criminal_check(d)
        assert not result.ok
        assert_gives_no_answer(result, "choreography")
        if step == 0:
            d.subscribe("Criminal check", "AddressChecked")  # allowed: after the address check
        elif step == 1:
            d.add_event("CriminalChecked", emitter="Criminal check")
    o = draft(customer_onboarding_orchestration())
    o.add_service("Criminal check")
    o.subscribe("Criminal check", "CustomerCreated")
    result = hand_in_criminal_check(o)
    assert "knows nothing of registrations" in result.hint
    assert_gives_no_answer(result, "orchestration")


def test_a_change_that_removes_something_gets_a_hint():
    d = choreography("RegistrationRequested", "Onboarding")
    d.unsubscribe("Onboarding", "AddressChecked")
    assert "takes something away" in hand_in_criminal_check(d).hint


def test_commands_in_the_choreography_get_a_hint():
    d = choreography("RegistrationRequested", "Onboarding")
    d.add_command("Check", sender="Onboarding", receiver="Criminal check")
    assert "events only" in hand_in_criminal_check(d).hint


def test_the_checker_wants_a_draft():
    with pytest.raises(LessonTypeError, match="draft"):
        hand_in_criminal_check(customer_onboarding_choreography())
    with pytest.raises(LessonTypeError, match="Architecture"):
        draft("customer onboarding")


def test_draft_leaves_the_original_alone():
    original = customer_onboarding_choreography()
    d = draft(original)
    d.add_service("Criminal check")
    assert "Criminal check" not in original.services
    assert "Criminal check" in d.model.services


# --------------------------------------------------------------------------- prediction logic


@pytest.mark.parametrize("text, value", [("2", 2), (" 3 ", 3), ("Two", 2), ("ONE.", 1),
                                         (0, 0), ("zero", 0)])
def test_parse_count_reads_what_learners_type(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text, message", [("", "empty"), ("2 or 3", "one whole number"),
                                           ("-1", "negative"), ("1000", "more than"),
                                           (None, "whole number"), (2.5, "whole number"),
                                           (True, "whole number")])
def test_parse_count_answers_bad_input_with_a_sentence(text, message):
    with pytest.raises(LessonError, match=message):
        parse_count(text)


def test_a_prediction_is_saved_before_and_locked_after_the_reveal():
    p = Prediction(LESSON, PREDICTION_KEY, STYLES)
    assert "Save your prediction first" in p.reveal({"choreography": 2, "orchestration": 2})
    assert "Not saved yet" in p.save({"choreography": "x", "orchestration": "2"})
    assert p.saved() is None
    assert p.save({"choreography": "1", "orchestration": "2"}).startswith("Saved")
    assert recall(LESSON, PREDICTION_KEY) == {"values": {"choreography": 1, "orchestration": 2},
                                              "revealed": False}
    text = p.reveal({"choreography": 2, "orchestration": 2})
    assert "choreography 2 (1 more than you predicted)" in text
    assert "orchestration 2 (as you predicted)" in text
    assert recall(LESSON, PREDICTION_KEY)["revealed"] is True
    assert "stays as you saved it" in p.save({"choreography": "2", "orchestration": "2"})
    assert recall(LESSON, PREDICTION_KEY)["values"]["choreography"] == 1


def test_a_stored_value_of_another_shape_counts_as_no_prediction():
    from lessonlib.course.progress import record

    record(LESSON, PREDICTION_KEY, "two")
    assert Prediction(LESSON, PREDICTION_KEY, STYLES).saved() is None


def test_counts_use_the_students_model_if_it_passes_else_the_model_answer():
    counts, text = criminal_check_counts(choreography("RegistrationRequested", "Onboarding"),
                                         orchestration())
    assert counts == {"choreography": 2, "orchestration": 2}
    assert "Choreography, your model" in text
    assert "Orchestration, the model answer" in text
    for style in STYLES:
        assert hand_in_criminal_check(criminal_check_solution(style)).ok


# --------------------------------------------------------------------------- the widgets


def test_prediction_widget_saves_and_reports_bad_input():
    view = PredictionView(Prediction(LESSON, PREDICTION_KEY, STYLES), "How many?")
    view.inputs["choreography"].value = "three-ish"
    view.save.click()
    assert "Not saved yet" in view.feedback.value and "three-ish" in view.feedback.value
    view.inputs["choreography"].value = "1"
    view.inputs["orchestration"].value = "Two"
    view.save.click()
    assert "Saved: choreography 1, orchestration 2" in view.feedback.value
    again = PredictionView(Prediction(LESSON, PREDICTION_KEY, STYLES))  # after a restart
    assert again.inputs["orchestration"].value == "2"
    assert "Your saved prediction" in again.feedback.value


def test_reveal_widget_refuses_until_a_prediction_is_saved():
    reveal = RevealView(Prediction(LESSON, PREDICTION_KEY, STYLES),
                        lambda: criminal_check_counts(None, None))
    reveal.button.click()
    assert "Save your prediction first" in reveal.output.value
    Prediction(LESSON, PREDICTION_KEY, STYLES).save({"choreography": "1", "orchestration": "2"})
    reveal.button.click()
    assert "choreography 2 (1 more than you predicted)" in reveal.output.value
    assert "2 services must change" in reveal.output.value


def test_the_lesson_widgets_carry_their_css_classes():
    assert "lessonlib-prediction" in predict_criminal_check()._dom_classes
    assert "lessonlib-reveal" in reveal_criminal_check()._dom_classes


def test_the_reveal_counts_the_drafts_it_is_given_and_remembers_nothing():
    assert "not given a model" in criminal_check_counts()[1]
    choreo = choreography("RegistrationRequested", "Onboarding")
    orch = orchestration("Onboarding", ...)
    hand_in_criminal_check(choreo)  # checking leaves no trace the reveal could read
    assert "not given a model" in criminal_check_counts()[1]
    counts, text = criminal_check_counts(choreo, orch)
    assert counts == {"choreography": 2, "orchestration": 2}
    assert "Choreography, your model" in text
    assert "Orchestration, the model answer (the model given here is not finished" in text


def test_the_reveal_widget_counts_the_drafts_passed_to_it():
    Prediction(LESSON, PREDICTION_KEY, STYLES).save({"choreography": "2", "orchestration": "2"})
    view = reveal_criminal_check(choreography("RegistrationRequested", "Onboarding"), None)
    view.button.click()
    assert "Choreography, your model" in view.output.value
    assert "Orchestration, the model answer" in view.output.value


@pytest.mark.parametrize("after", ["CheckCredit", "Credit check", "CheckAddress", "Address check"])
def test_add_step_takes_a_message_or_the_service_doing_the_step(after):
    assert hand_in_criminal_check(orchestration("Onboarding", after)).ok


def test_add_step_after_a_service_outside_the_process_is_a_note():
    d = orchestration("Onboarding", "Criminal check")
    assert "does no step" in d.notes[0]


@pytest.mark.parametrize("edit", [
    lambda d: d.add_event("CriminalChecked", emitter="Criminal check", subscribers=5),
    lambda d: d.subscribe(["Onboarding"], "RegistrationRequested"),
    lambda d: d.add_service(None),
    lambda d: d.add_step("Onboarding", "CheckCredit", after=3),
])
def test_a_draft_turns_any_bad_value_into_a_note(edit):
    d = draft(customer_onboarding_choreography())
    d.add_service("Criminal check")
    edit(d)
    assert len(d.notes) == 1 and "did not work" in d.notes[0]
    assert not hand_in_criminal_check(d).ok


def test_showing_the_reveal_and_counting_hand_nothing_in(fresh_progress):
    # A check with a side effect, reached from a repr, used to write the progress file.
    choreo, orch = (criminal_check_solution(style) for style in STYLES)
    view = reveal_criminal_check(choreo, orch)
    assert "text/html" in view._repr_mimebundle_()  # what a static page or Jupyter renders
    criminal_check_counts(choreo, orch)
    assert not fresh_progress.exists()
    assert "Count the services" in str(hand_in_criminal_check(choreo))  # the student's check
    assert recall(LESSON, "exercise:criminal-check-choreography") is True
    assert recall(LESSON, "exercise:criminal-check-orchestration") is None


def test_the_onboarding_guess_keeps_the_answers_that_read_as_command_or_event():
    from lessonlib.course.exercise import hand_in_onboarding_guess

    text = hand_in_onboarding_guess({"Address check": "command", "credit check": "evnt",
                                   "welcome letter": "?"})
    assert "1 of 5 right so far." in text
    assert recall("02_who_depends_on_whom", "exercise:onboarding-guess") == {
        "address check": "command"}
    with pytest.raises(LessonError, match="Unknown activity 'adress check'"):
        hand_in_onboarding_guess({"adress check": "command"})
    assert recall("02_who_depends_on_whom", "exercise:onboarding-guess") == {
        "address check": "command"}  # a typo in a key saves nothing
