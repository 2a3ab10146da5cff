"""The course's one list of activities: complete, in course order, each once, and cheap to
import (lessonlib.course.activities)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lessonlib.course.activities import (
    ACTIVITY_KINDS,
    OUTAGE,
    SHAPES,
    activities,
    activity,
    is_course_activity,
    lessons,
    prediction,
)
from lessonlib.course.lessons import LESSONS
from lessonlib.course.quiz import available_quizzes, load_quiz
from lessonlib.errors import LessonError
from lessonlib.placement import OUTAGE_PLACED
from lessonlib.saga_lab import TIMEOUT_LAB


def test_each_activity_is_listed_once_with_a_known_kind_and_shape():
    every = activities()
    assert len({(a.lesson, a.key) for a in every}) == len(every)
    assert {a.kind for a in every} == set(ACTIVITY_KINDS)
    assert {a.shape for a in every} == set(SHAPES)  # every shape is in use, so tested
    for a in every:
        assert a.title and a.lesson in LESSONS, a


def test_the_list_is_in_course_order_each_lessons_own_before_its_quiz():
    every = activities()
    order = list(LESSONS)
    assert [order.index(a.lesson) for a in every] == sorted(order.index(a.lesson)
                                                            for a in every)
    last = {"quiz": 1, "concept check": 2}  # the concept check closes lessons 00 and 09
    for lesson in lessons():
        kinds = [a.kind for a in activities(lesson)]
        assert kinds == sorted(kinds, key=lambda kind: last.get(kind, 0)), lesson


@pytest.mark.parametrize("lesson", available_quizzes())
def test_every_quiz_question_is_an_activity_with_its_options(lesson):
    quiz = load_quiz(lesson)
    found = activities(lesson, "quiz")
    assert [(a.key, a.shape, a.options) for a in found] == [(q.id, q.kind, q.options)
                                                           for q in quiz]


def test_every_lesson_with_something_to_do_is_known():
    assert lessons() == tuple(LESSONS)
    assert len(activities("05_track_then_manage", "prediction")) == 3
    assert len(activities("06_sagas_that_earn_their_timers", "prediction")) == 2
    assert [a.key for a in activities("01_commands_and_events", "classification")] == [
        "classification"]


def test_the_labs_predictions_take_their_numbers_from_the_labs_settings():
    orders = TIMEOUT_LAB["order fulfilment"]["orders"]
    outage = activity(*OUTAGE)
    _refund, inconsistent = activities("06_sagas_that_earn_their_timers", "prediction")
    assert inconsistent.most == orders and f"Of {orders} orders" in inconsistent.prompt
    assert outage.most == OUTAGE_PLACED and f"{OUTAGE_PLACED} customers" in outage.prompt
    assert (inconsistent.unit, outage.unit) == ("orders", "registrations")


def test_a_missing_activity_or_kind_gets_the_nearest_names():
    with pytest.raises(LessonError, match="no activity 'vip-invoice'. Did you mean 'vip invoice'"):
        activity("03_the_event_chain_trap", "vip-invoice")
    with pytest.raises(LessonError, match="no kind of activity 'predictions'. Did you mean "
                                          "'prediction'"):
        activities(kind="predictions")
    with pytest.raises(LessonError, match="no lesson '08_sagas' with activities"):
        activities("08_sagas")
    with pytest.raises(LessonError, match="must be a string"):
        activity(3, "vip invoice")


def test_a_prediction_of_your_own_is_not_one_of_the_course():
    own = prediction(("04_criminal_check_exercise", "mine"), "Mine", ["choreography"])
    assert not is_course_activity(own)
    same_key = prediction(("04_criminal_check_exercise", "criminal check"), "Mine",
                          ["choreography"])
    assert not is_course_activity(same_key)  # the course's key, other labels: not the course's
    assert is_course_activity(activity("04_criminal_check_exercise", "criminal check"))
    with pytest.raises(LessonError, match="choices= gives the answers for each of"):
        prediction(("01_commands_and_events", "mine"), "Mine", ["a", "b"], choices={"a": ["x"]})


def test_importing_lessonlib_reads_no_quiz_file_and_builds_no_list():
    code = ("import lessonlib, lessonlib.course.activities as a; "
            "print(a._declared.cache_info().currsize, a._quiz_of.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["0", "0"]


def test_every_activity_fits_the_class_services_table():
    # lessonlib/classroom_web/store.py: lesson and item are String(64), kind String(16)
    # (PostgreSQL refuses longer ones).
    for a in activities():
        assert len(a.lesson) <= 64 and len(a.key) <= 64 and len(a.kind) <= 16, a
