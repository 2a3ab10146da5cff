"""Tests for lessonlib.classify: the command-or-event exercise."""

from __future__ import annotations

import pytest

from lessonlib import LessonError, LessonTypeError
from lessonlib.classify import EXAMPLES, example, grade_classification, parse_kind, score
from lessonlib.widgets.classify import classification_exercise


def test_catalogue_has_flowing_retail_names_both_kinds_and_tricky_ones():
    names = {e.name for e in EXAMPLES}
    assert {"OrderPlaced", "PaymentReceived", "GoodsShipped", "RetrievePayment", "FetchGoods",
            "ShipGoods"} <= names
    assert {e.kind for e in EXAMPLES} == {"command", "event"}
    assert len(names) == len(EXAMPLES)  # unique names
    assert example("CustomerNeedsToBeSentANotification").kind == "command"
    assert example("PaymentFailed").kind == "event"


@pytest.mark.parametrize("item", EXAMPLES, ids=lambda e: e.name)
def test_every_example_grades_its_own_kind_right_and_the_other_wrong(item):
    other = "event" if item.kind == "command" else "command"
    assert grade_classification(item.name, item.kind).correct is True
    wrong = grade_classification(item.name, other)
    assert wrong.correct is False
    assert wrong.verdict.startswith("✗ Not quite") and item.why in wrong.verdict


@pytest.mark.parametrize("typed, kind", [
    ("event", "event"), ("Event", "event"), ("  COMMAND  ", "command"), ("command.", "command"),
    ("cmd", "command"), ("an event", "event"),
])
def test_parse_kind_forgives_case_spaces_and_short_forms(typed, kind):
    assert parse_kind(typed) == kind


@pytest.mark.parametrize("typed, words", [
    ("comand", "Did you mean 'command'"),
    ("evnet", "Did you mean 'event'"),
    ("", "empty"),
    ("   ", "empty"),
    ("banana", "Type 'command' or 'event'"),
])
def test_parse_kind_typos_get_a_sentence(typed, words):
    with pytest.raises(LessonError, match=words):
        parse_kind(typed)


@pytest.mark.parametrize("bad", [None, 1, ["event"]])
def test_parse_kind_wrong_type(bad):
    with pytest.raises(LessonTypeError, match="the word 'command' or 'event'"):
        parse_kind(bad)


def test_check_does_not_grade_unreadable_answers():
    verdict = grade_classification("OrderPlaced", "evnt")
    assert verdict.correct is None
    assert "Did you mean 'event'" in verdict.verdict
    assert score([verdict]).startswith("0 of 0 checked answers")


def test_unknown_message_name_gets_a_suggestion():
    with pytest.raises(LessonError, match="Did you mean 'OrderPlaced'"):
        grade_classification("OrderPlacd", "event")
    with pytest.raises(LessonTypeError):
        example(3)


def test_score_counts_right_answers():
    verdicts = [grade_classification("OrderPlaced", "event"), grade_classification("ShipGoods", "event"),
                grade_classification("RetrievePayment", "command")]
    assert score(verdicts).startswith("2 of 3 checked answers right")


def test_widget_right_wrong_typo_and_score():
    box = classification_exercise()
    assert "lessonlib-classify" in box._dom_classes
    assert len(box.rows) == len(EXAMPLES)
    row = box.rows["OrderPlaced"]
    row.answer.value = "EVENT"
    row.check.click()
    assert row.feedback.value.startswith("✓ Right")
    assert box.score.value.startswith("1 of 1")
    other = box.rows["RetrievePayment"]
    other.answer.value = "event"
    other.check.click()
    assert other.feedback.value.startswith("✗ Not quite")
    assert box.score.value.startswith("1 of 2")
    other.answer.value = "comand"  # a typo: a sentence, and the score is untouched
    other.check.click()
    assert "Did you mean" in other.feedback.value
    assert box.score.value.startswith("1 of 2")
    other.answer.value = "command"  # the latest readable answer counts
    other.check.click()
    assert box.score.value.startswith("2 of 2")


def test_widget_escapes_what_a_student_types():
    box = classification_exercise()
    row = box.rows["ShipGoods"]
    row.answer.value = "<script>alert(1)</script>"
    row.check.click()
    assert "<script>" not in row.feedback.value and "&lt;script&gt;" in row.feedback.value


def test_checked_answers_are_saved_and_come_back(fresh_progress):
    from lessonlib.course.activities import CLASSIFICATION
    from lessonlib.course.progress import recall
    from lessonlib.widgets.classify import ClassificationExercise

    LESSON, KEY = CLASSIFICATION

    box = ClassificationExercise()
    box.rows["ShipGoods"].answer.value = "Event"
    box.rows["ShipGoods"].check.click()
    box.rows["OrderPlaced"].answer.value = "evnt"  # a typo: a sentence, nothing saved
    box.rows["OrderPlaced"].check.click()
    assert recall(LESSON, KEY) == {"ShipGoods": "event"}
    again = ClassificationExercise()
    assert again.rows["ShipGoods"].answer.value == "event"
    assert again.rows["ShipGoods"].feedback.value.startswith("✗ Not quite")
    assert again.score.value.startswith("0 of 1 checked answer right")
    again.rows["ShipGoods"].answer.value = "command"
    again.rows["ShipGoods"].check.click()
    assert recall(LESSON, KEY) == {"ShipGoods": "command"}
    page = again._repr_mimebundle_()["text/html"]
    assert "ShipGoods" in page and "Box(" not in page
