"""The class's results of a lesson, counted from stored submissions: every activity of the
lesson is shown, whatever its kind (lessonlib.course.classroom.results)."""

from __future__ import annotations

import pytest

from lessonlib.course.activities import activities, activity, lessons
from lessonlib.course.classroom import check_payload, payload, summarise
from lessonlib.course.quiz import right_number

SECTIONS = {"quiz": "questions", "prediction": "predictions",
            "classification": "classifications", "exercise": "exercises",
            "concept check": "concept_check"}


def row(student: str, data: dict) -> dict:
    """A stored row, as the service keeps a checked submission."""
    done = check_payload(data)
    return {"kind": done.activity.kind, "item": done.activity.key, "student": student,
            "value": done.value, "correct": done.correct}


@pytest.mark.parametrize("lesson", lessons())
def test_every_activity_of_a_lesson_has_its_place_in_the_results(lesson):
    summary = summarise(lesson, [], students=0, names=True)
    for kind, section in SECTIONS.items():
        keys = [entry.get("id", entry.get("key")) for entry in summary[section]]
        assert keys == [a.key for a in activities(lesson, kind)]
    assert summary["completion"] == []


def test_numeric_answers_are_counted_per_number_given_first_and_latest():
    a = next(a for a in activities("03_the_event_chain_trap", "quiz") if a.shape == "numeric")
    right = right_number(a.question)
    rows = [row("ada", payload(a, [str(right + 1)])), row("ben", payload(a, [str(right)])),
            row("ada", payload(a, [str(right)]))]  # vote, discuss, vote again
    summary = summarise(a.lesson, rows, students=2, names=True)
    question, = (q for q in summary["questions"] if q["id"] == a.key)
    assert question["kind"] == "numeric" and question["correct"] == [str(right)]
    assert question["first"] == {str(right + 1): 1, str(right): 1}
    assert question["latest"] == {str(right): 2}
    assert {s["student"]: (s["answered"], s["right"]) for s in summary["completion"]} == {
        "ada": (1, 1), "ben": (1, 1)}


def test_rows_stored_under_the_previous_labels_are_counted_under_today_s():
    # 0.1 keyed lesson 03's counts by what it showed ("event chain"); a class's stored
    # rows of that release still count, beside the rows sent since.
    counts = activity("03_the_event_chain_trap", "vip invoice")
    rows = [{"kind": "prediction", "item": counts.key, "student": "ada", "correct": None,
             "value": {"event chain": 3, "with an order service": 1}},
            row("ben", payload(counts, {"choreography": 3, "orchestration": 2}))]
    vip, = (p for p in summarise(counts.lesson, rows, students=2, names=False)["predictions"]
            if p["key"] == "vip invoice")
    assert vip["values"] == {"choreography": {"3": 2}, "orchestration": {"1": 1, "2": 1}}


def test_predictions_count_each_value_per_label_latest_only():
    counts = activity("03_the_event_chain_trap", "vip invoice")
    rows = [row("ada", payload(counts, {"choreography": 3, "orchestration": 1})),
            row("ada", payload(counts, {"choreography": 2, "orchestration": 1})),
            row("ben", payload(counts, {"choreography": 2, "orchestration": 2}))]
    summary = summarise(counts.lesson, rows, students=2, names=False)
    vip, = (p for p in summary["predictions"] if p["key"] == "vip invoice")
    assert vip["answered"] == 2
    assert vip["values"] == {"choreography": {"2": 2}, "orchestration": {"1": 1, "2": 1}}
    assert vip["captions"] == {"choreography": "event chain",
                               "orchestration": "with an order service"}
    assert "completion" not in summary

    chosen = activity("01_commands_and_events", "two transports")
    label = chosen.labels[0]
    value = {lab: chosen.choices_of(lab)[1] for lab in chosen.labels}
    summary = summarise(chosen.lesson, [row("ada", payload(chosen, value))], students=1,
                        names=True)
    transports, = summary["predictions"]
    assert transports["shape"] == "choices"
    assert transports["choices"][label] == list(chosen.choices_of(label))
    assert transports["values"][label] == {chosen.choices_of(label)[1]: 1}
    assert summary["completion"] == [{"student": "ada", "answered": 0, "right": 0, "done": 1}]


def test_the_classification_is_counted_right_per_message():
    a = activity("01_commands_and_events", "classification")
    rows = [row("ada", payload(a, {"OrderPlaced": "event", "ShipGoods": "event"})),
            row("ben", payload(a, {"OrderPlaced": "command"}))]
    summary = summarise(a.lesson, rows, students=2, names=False)
    items = {i["item"]: (i["answered"], i["right"]) for i in summary["classifications"][0]["items"]}
    assert items["OrderPlaced"] == (2, 1) and items["ShipGoods"] == (1, 0)
    assert items["FetchGoods"] == (0, 0) and len(items) == len(a.labels)


def test_exercises_count_who_finished_each_part_and_old_rows_still_count():
    part = activity("04_criminal_check_exercise", "exercise:criminal-check-orchestration")
    quiz = activities("04_criminal_check_exercise", "quiz")[0]
    old = {"kind": "answer", "item": quiz.key, "student": "ben",  # stored by the last release
           "value": [quiz.options[0]], "correct": False}
    summary = summarise(part.lesson, [row("ada", payload(part, True)), old], students=2,
                        names=True)
    assert [e["done"] for e in summary["exercises"]] == [0, 1]
    assert summary["questions"][0]["latest"] == {quiz.options[0]: 1}
    assert {s["student"]: s["done"] for s in summary["completion"]} == {"ada": 1, "ben": 0}
