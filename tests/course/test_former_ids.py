"""Lessons renumbered and split (issue 24): a student's progress and the class's stored answers
under an earlier release's lesson ids keep counting, and nothing is rewritten to read them.

The progress file below is written as the release before the split wrote it: lesson 05 was
``05_workflow_engines_serve_both`` (now lessons 05 and 06), 06 and 07 are 07 and 08 now.
"""

from __future__ import annotations

import json

import pytest

from lessonlib.course.activities import INCONSISTENT_ORDERS, OUTAGE, activities, activity
from lessonlib.course.classroom import check_payload, summarise
from lessonlib.course.classroom.results import belongs
from lessonlib.course.former import FORMER_IDS, MOVED_ACTIVITIES, former_ids, lesson_of
from lessonlib.course.lessons import LESSONS, lesson_id
from lessonlib.course.prediction import Prediction
from lessonlib.course.progress import (
    recall,
    record,
    reset_progress,
    reset_quiz,
    save_answer,
    saved_answers,
)
from lessonlib.course.quiz import load_quiz
from lessonlib.course.roadmap import lesson_status

OLD_05, OLD_06, OLD_07 = FORMER_IDS
NEW_05, NEW_06 = FORMER_IDS[OLD_05]
# The old lesson 05's quiz question ids and prediction keys, as the earlier release had them.
OLD_05_QUIZ = {"engine-both": NEW_05, "track-manage": NEW_05, "track-count": NEW_05,
               "local-central": NEW_05, "fair-refund": NEW_06, "inconsistent": NEW_06,
               "compensation-order": NEW_06}
OLD_OUTAGE = "registrations completed while order fulfilment is down"  # rewritten away since
OLD_05_PREDICTIONS = {OLD_OUTAGE: NEW_05, INCONSISTENT_ORDERS[1]: NEW_06}


def _answer(record_of: dict, choice: list[str], correct: bool) -> dict:
    return {"choice": choice, "correct": correct, "attempts": 2,
            "time": "2026-11-28T10:00:00+00:00", **record_of}


def _right(lesson: str, question: str) -> list[str]:
    """The right answer today, or an answer of the earlier release to a question since
    rewritten away."""
    if question not in {q.id for q in load_quiz(lesson)}:
        return ["an option of the earlier release"]
    q = load_quiz(lesson).question(question)
    if q.kind == "numeric":
        from lessonlib.course.quiz import right_number

        return [str(right_number(q))]
    return [o for o in q.options if q.is_right(o)]


@pytest.fixture
def old_file(fresh_progress):
    """A progress file in the old layout: answers to old 05's seven questions and 06's first,
    both old 05 predictions saved (the outage one revealed)."""
    old_05 = {q: _answer({}, _right(new, q), True) for q, new in OLD_05_QUIZ.items()}
    first_07 = load_quiz("07_commands_in_disguise").questions[0].id
    data = {"format": 1, "seed": "5f0c2a", "lessons": {
        OLD_05: {"quizzes": {OLD_05: {"questions": old_05}},
                 "values": {OLD_OUTAGE: {"values": {"local engines": 10,
                                                    "one central orchestrator": 10},
                                         "revealed": True},
                            INCONSISTENT_ORDERS[1]: {"values": {"inconsistent orders": 3},
                                                     "revealed": False}}},
        OLD_06: {"quizzes": {OLD_06: {"questions": {
            first_07: _answer({}, _right("07_commands_in_disguise", first_07), True)}}}},
    }}
    fresh_progress.write_text(json.dumps(data), encoding="utf-8")
    return fresh_progress


def test_the_table_of_former_ids_names_todays_lessons_and_every_old_key():
    assert set(FORMER_IDS).isdisjoint(LESSONS)
    assert all(set(became) <= set(LESSONS) for became in FORMER_IDS.values())
    assert (OLD_06, OLD_07) == ("06_commands_in_disguise", "07_check_your_understanding")
    assert {key: lesson_of(OLD_05, key) for key in {**OLD_05_QUIZ, **OLD_05_PREDICTIONS}} == {
        **OLD_05_QUIZ, **OLD_05_PREDICTIONS}
    assert set(MOVED_ACTIVITIES[OLD_05].values()) == {NEW_06}
    assert former_ids(NEW_06) == former_ids(NEW_05) == (OLD_05,)
    assert lesson_of("03_the_event_chain_trap", "anything") == "03_the_event_chain_trap"


def test_the_old_keys_that_are_still_asked_are_asked_in_the_lesson_they_went_to():
    """The split moved the activities as they were; a later rewrite that drops one drops its
    old answer too (the student is asked the new question), and an old key never lands in
    a lesson that asks something else under it."""
    kept = 0
    for key, lesson in {**OLD_05_QUIZ, **OLD_05_PREDICTIONS}.items():
        other = NEW_06 if lesson == NEW_05 else NEW_05
        assert key not in {a.key for a in activities(other)}
        kept += key in {a.key for a in activities(lesson)}
    assert kept >= 2


@pytest.mark.parametrize(("given", "meant"), [
    ("06", NEW_06), ("6", NEW_06), ("07", "07_commands_in_disguise"),
    (OLD_06, "07_commands_in_disguise"), (OLD_07, "08_check_your_understanding"),
    (OLD_05, NEW_05), (f"{OLD_05}.ipynb", NEW_05)])
def test_numbers_mean_todays_lessons_and_old_ids_still_resolve(given, meant):
    assert lesson_id(given) == meant


def test_an_old_progress_file_reads_under_todays_ids_and_is_not_rewritten(old_file):
    before = old_file.read_bytes()
    assert set(saved_answers(NEW_05)) == {q for q, new in OLD_05_QUIZ.items() if new == NEW_05}
    assert set(saved_answers(NEW_06)) == {q for q, new in OLD_05_QUIZ.items() if new == NEW_06}
    assert len(saved_answers("07_commands_in_disguise")) == 1
    assert saved_answers("08_check_your_understanding") == {}
    assert recall(NEW_05, OLD_OUTAGE)["revealed"] is True
    assert recall(NEW_06, INCONSISTENT_ORDERS[1])["values"] == {"inconsistent orders": 3}
    assert recall(NEW_05, INCONSISTENT_ORDERS[1]) is None  # it moved to 06, not to 05
    assert not Prediction.of(activity(*OUTAGE)).revealed  # a new question, asked afresh
    assert Prediction.of(activity(*INCONSISTENT_ORDERS)).saved()["values"] == {
        "inconsistent orders": 3}
    assert old_file.read_bytes() == before  # reading never writes


def test_the_progress_page_counts_old_answers_for_the_lessons_they_went_to(old_file):
    status_05, status_06 = lesson_status(NEW_05), lesson_status(NEW_06)
    asked_05 = {a.key for a in activities(NEW_05, "quiz")}
    asked_06 = {a.key for a in activities(NEW_06, "quiz")}
    assert status_05.right == len(asked_05 & set(OLD_05_QUIZ))
    assert status_06.right == len(asked_06 & set(OLD_05_QUIZ))
    assert lesson_status("07_commands_in_disguise").right == 1
    assert lesson_status(OLD_06) == lesson_status("07_commands_in_disguise")


def test_what_is_saved_today_wins_and_counts_on_from_the_old_attempts(old_file):
    question = "track-count"
    save_answer(NEW_05, question, ["5"], False)
    saved = saved_answers(NEW_05)[question]
    assert (saved["choice"], saved["correct"], saved["attempts"]) == (["5"], False, 3)
    record(NEW_06, INCONSISTENT_ORDERS[1], {"values": {"inconsistent orders": 9},
                                            "revealed": False})
    assert recall(NEW_06, INCONSISTENT_ORDERS[1])["values"] == {"inconsistent orders": 9}
    data = json.loads(old_file.read_text(encoding="utf-8"))
    assert data["lessons"][OLD_05]["quizzes"][OLD_05]["questions"][question]["choice"] != ["5"]


def test_resetting_a_lesson_forgets_what_it_holds_under_an_old_id_and_nothing_else(old_file):
    reset_quiz(NEW_06)
    assert saved_answers(NEW_06) == {}
    assert set(saved_answers(NEW_05)) == {q for q, new in OLD_05_QUIZ.items() if new == NEW_05}
    assert recall(NEW_06, INCONSISTENT_ORDERS[1]) is not None  # a quiz reset keeps values
    reset_progress(NEW_06)
    assert recall(NEW_06, INCONSISTENT_ORDERS[1]) is None
    assert recall(NEW_05, OLD_OUTAGE) is not None
    reset_progress("07_commands_in_disguise")
    assert saved_answers("07_commands_in_disguise") == {}
    data = json.loads(old_file.read_text(encoding="utf-8"))
    assert OLD_06 not in data["lessons"] and OLD_05 in data["lessons"]


def test_resetting_an_old_id_forgets_every_lesson_it_became(old_file):
    said = reset_progress(OLD_05)
    assert NEW_05 in said and NEW_06 in said
    assert saved_answers(NEW_05) == saved_answers(NEW_06) == {}
    assert recall(NEW_05, OLD_OUTAGE) is None
    assert len(saved_answers("07_commands_in_disguise")) == 1


def test_a_kernel_started_before_the_split_sends_old_ids_that_count_today():
    sent = check_payload({"kind": "prediction", "lesson": OLD_05, "key": INCONSISTENT_ORDERS[1],
                          "value": {"inconsistent orders": 4}})
    assert sent.activity.lesson == NEW_06
    sent = check_payload({"kind": "answer", "lesson": OLD_06,
                          "question": load_quiz("07_commands_in_disguise").questions[0].id,
                          "choice": _right("07_commands_in_disguise",
                                           load_quiz("07_commands_in_disguise").questions[0].id)})
    assert (sent.activity.lesson, sent.correct) == ("07_commands_in_disguise", True)


def test_the_class_results_count_rows_stored_under_an_old_id():
    rows = [{"lesson": OLD_05, "kind": "prediction", "item": INCONSISTENT_ORDERS[1],
             "student": "ada", "value": {"inconsistent orders": 4}, "correct": None},
            {"lesson": OLD_05, "kind": "quiz", "item": "track-count", "student": "ada",
             "value": ["1"], "correct": True},
            {"lesson": NEW_06, "kind": "prediction", "item": INCONSISTENT_ORDERS[1],
             "student": "bob", "value": {"inconsistent orders": 0}, "correct": None}]
    found = summarise(NEW_06, rows, students=2, names=False)
    inconsistent, = [p for p in found["predictions"] if p["key"] == INCONSISTENT_ORDERS[1]]
    assert inconsistent["answered"] == 2
    assert inconsistent["values"]["inconsistent orders"] == {"4": 1, "0": 1}
    if "track-count" in {a.key for a in activities(NEW_05, "quiz")}:
        count, = [q for q in summarise(NEW_05, rows, students=2, names=False)["questions"]
                  if q["id"] == "track-count"]
        assert count["answered"] == 1
    assert [belongs(NEW_05, row) for row in rows] == [False, True, False]
